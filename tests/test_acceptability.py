"""Acceptability of a map's nodes: the encoding as a Dung framework and its grounded labels."""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs
import pytest

from argmap import ArgumentMap, load
from argmap.acceptability import label_map, to_framework, weigh
from argmap.cli import main
from argmap.semantics import Label, Method, Semantics, extensions, grounded

from .conftest import WriteMap

Labels = Callable[[str], dict[str, str]]


@pytest.fixture
def labels(load_map: Callable[..., ArgumentMap]) -> Labels:
    def compute(text: str) -> dict[str, str]:
        return {s.node: s.label.name for s in label_map(load_map(text))}

    return compute


def test_unattacked_support_stands(labels: Labels) -> None:
    assert labels("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1 + P1}
          E1: {evidence: e}
          P1: {premise: p}
          A1: {assumption: a}
        """) == {"T1": "IN", "E1": "IN", "P1": "IN", "A1": "IN"}


def test_a_claim_needs_a_standing_reason(labels: Labels) -> None:
    result = labels("""\
        nodes:
          C1: {claim: no reason at all}
          C2: {claim: circular, because: C3}
          C3: {claim: circular, because: C2}
        """)
    assert result == {"C1": "OUT", "C2": "OUT", "C3": "OUT"}


def test_linked_reason_falls_with_one_premise_convergent_does_not(labels: Labels) -> None:
    result = labels("""\
        nodes:
          L: {claim: linked, because: E1 + E2}
          V: {claim: convergent, because: [E1, E2]}
          E1: {evidence: e1}
          E2: {evidence: e2}
          O1: {objection: o, attacks: E2}
        """)
    assert result == {"L": "OUT", "V": "IN", "E1": "IN", "E2": "OUT", "O1": "IN"}


def test_undercut_attacks_the_reason_not_the_conclusion(labels: Labels) -> None:
    result = labels("""\
        nodes:
          T1: {claim: t, thesis: true, because: [E1, E2]}
          E1: {evidence: e1}
          E2: {evidence: e2}
          O1: {objection: o, undercuts: T1/1}
        """)
    assert result["T1"] == "IN"
    assert result["E1"] == "IN"


def test_an_answer_reinstates_what_the_objection_attacked(labels: Labels) -> None:
    result = labels("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, attacks: T1}
          C1: {claim: answer, attacks: O1, because: E2}
          E2: {evidence: f}
        """)
    assert (result["T1"], result["O1"], result["C1"]) == ("IN", "OUT", "IN")


def test_an_unsupported_answer_answers_nothing(labels: Labels) -> None:
    result = labels("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, attacks: T1}
          C1: {claim: a bare denial, attacks: O1}
        """)
    assert (result["T1"], result["O1"], result["C1"]) == ("OUT", "IN", "OUT")


def test_mutual_attack_is_undecided(labels: Labels) -> None:
    result = labels("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, attacks: [T1, O2]}
          O2: {objection: p, attacks: O1}
        """)
    assert result == {"T1": "UNDEC", "E1": "IN", "O1": "UNDEC", "O2": "UNDEC"}


def test_the_framework_is_linear_in_the_map(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: [E1 + E2, E1]}
          E1: {evidence: e1}
          E2: {evidence: e2}
          O1: {objection: o, undercuts: T1/1}
        """)
    framework = to_framework(m)
    assert framework.arguments == (
        "T1", "T1!unsupported", "T1/1", "T1/1!without:E1", "T1/1!without:E2",
        "T1/2", "T1/2!without:E1", "E1", "E2", "O1",
    )  # fmt: skip
    attacks = {
        (framework.arguments[a], framework.arguments[t])
        for t, attackers in enumerate(framework.attackers)
        for a in attackers
    }
    assert ("O1", "T1/1") in attacks
    assert ("T1/2", "T1!unsupported") in attacks
    assert ("E2", "T1/1!without:E2") in attacks


def test_a_100k_chain_is_labelled() -> None:
    from argmap import Claim, Evidence, Reason

    nodes = [Claim(id=f"C{i}", text="c", reasons=(Reason((f"C{i + 1}",)),)) for i in range(99_999)]
    m = ArgumentMap(nodes=(*nodes, Evidence(id="C99999", text="e")))
    assert {s.label for s in label_map(m)} == {Label.IN}


def test_status_command_text_and_json(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map("""\
        nodes:
          T1: {claim: the thesis, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, undercuts: T1/1}
        """)
    assert main(["status", str(folder)]) == 0
    assert capsys.readouterr().out == (
        "OUT    T1  thesis      no reason stands: reason 1 undercut by `O1`\n"
        "IN     E1  evidence    stands on its own, unattacked\n"
        "IN     O1  objection   stands on its own, unattacked\n"
        "2 IN, 1 OUT, 0 UNDEC.\n"
    )
    assert main(["status", str(folder), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        "node": "T1",
        "kind": "claim",
        "thesis": True,
        "label": "OUT",
        "why": "no reason stands: reason 1 undercut by `O1`",
        "defeaters": ["O1"],
    }


def test_status_of_a_missing_map(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "no/such/map"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_the_article_meets_its_expectations() -> None:
    from pathlib import Path

    from argmap import check

    article = load(Path(__file__).resolve().parents[1] / "arguments")
    assert article.expected
    assert check(article, select=["AM018"]) == []


def _random_map(seed: int) -> ArgumentMap:
    import random

    from argmap import Assumption, Attack, Claim, Evidence, Objection, Reason

    rng = random.Random(seed)
    size = rng.randint(2, 14)
    ids = [f"N{i}" for i in range(size)]
    kinds = [rng.choice((Claim, Claim, Evidence, Assumption, Objection)) for _ in ids]
    nodes = []
    for node_id, kind in zip(ids, kinds, strict=True):
        reasons = tuple(
            Reason(tuple(rng.sample(ids, rng.randint(1, min(3, size)))))
            for _ in range(rng.randint(0, 2))
        )
        nodes.append(kind(id=node_id, text="t", reasons=reasons))
    placed = []
    for node in nodes:
        attacks = []
        for _ in range(rng.choice((0, 0, 1, 2))):
            target = rng.choice(nodes)
            number = (
                rng.randint(1, len(target.reasons))
                if target.reasons and rng.random() < 0.4
                else None
            )
            attacks.append(Attack(target.id, number))
        placed.append(attrs.evolve(node, attacks=tuple(attacks)))
    return ArgumentMap(nodes=tuple(placed))


@pytest.mark.parametrize("seed", range(300))
def test_direct_labels_equal_the_frameworks_grounded_labels(seed: int) -> None:
    m = _random_map(seed)
    framework_labels = grounded(to_framework(m))
    expected = dict(zip(framework_labels.framework.arguments, framework_labels.labels, strict=True))
    weighing = weigh(m)
    for name, label in expected.items():
        if "!" not in name:
            assert weighing.labels[name] is label, name


def _messy_map(seed: int) -> ArgumentMap:
    """A random map with what :func:`_random_map` never writes: premises repeated or unknown,
    attacks on unknown ids, undercuts of reasons that do not exist, self-attacks."""
    import random

    from argmap import Attack, Reason

    rng = random.Random(seed)
    base = _random_map(seed)
    ids = [node.id for node in base.nodes]
    names = [*ids, "X1", "X2"]  # X1 and X2 are no node's id
    nodes = []
    for node in base.nodes:
        reasons = [
            Reason(tuple(rng.choice(names) for _ in range(rng.randint(1, 3))))
            for _ in range(rng.randint(0, 3))
        ]
        attacks = list(node.attacks)
        if rng.random() < 0.2:
            attacks.append(Attack(node.id, rng.choice((None, 1))))  # attacks itself
        if rng.random() < 0.2:
            attacks.append(Attack(rng.choice(names), rng.choice((None, 0, 1, 2, 5))))
        nodes.append(attrs.evolve(node, reasons=tuple(reasons), attacks=tuple(attacks)))
    return ArgumentMap(nodes=tuple(nodes))


@pytest.mark.parametrize("seed", range(300))
def test_direct_labels_on_messy_maps(seed: int) -> None:
    m = _messy_map(seed)
    framework_labels = grounded(to_framework(m))
    expected = {
        name: label
        for name, label in zip(
            framework_labels.framework.arguments, framework_labels.labels, strict=True
        )
        if "!" not in name
    }
    labels = weigh(m).labels
    assert {name: labels[name] for name in expected} == expected
    for node in m.nodes:  # reasons that cannot be built, or do not exist, have no label
        for number in range(len(node.reasons) + 2):
            name = f"{node.id}/{number}"
            assert (name in labels) == (name in expected), name
            if name not in expected:
                with pytest.raises(KeyError):
                    labels[name]
    assert "X1" not in labels
    assert "X1/1" not in labels


def test_reason_names_that_name_no_reason(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, because: E1}
          E1: {evidence: e}
        """)
    labels = weigh(m).labels
    assert labels["T1/1"] is Label.IN
    for name in ("T1/0", "T1/2", "T1/", "T1/x", "T1/²", "E1/1", "X/1", "/1"):
        assert name not in labels, name
        with pytest.raises(KeyError):
            labels[name]


# --- explanations ------------------------------------------------------------------------------


@pytest.fixture
def why(load_map: Callable[..., ArgumentMap]) -> Callable[[str], dict[str, str]]:
    def compute(text: str) -> dict[str, str]:
        return {s.node: s.why for s in label_map(load_map(text))}

    return compute


def test_one_defeated_attacker_is_singular_and_named_as_answered(
    why: Callable[[str], dict[str, str]],
) -> None:
    found = why("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, attacks: T1}
          C9: {claim: answer, because: E1, attacks: O1}
          C8: {claim: nothing holds it up}
          E2: {evidence: f}
          C7: {claim: c, because: E2}
          O2: {objection: p, attacks: [C7, E2]}
          C6: {claim: answer, because: E1, attacks: O2}
          X1: {claim: x, because: E1}
        """)
    assert found["T1"] == "reason 1 stands; its attacker `O1` is answered by `C9`"
    assert found["E2"] == "stands on its own; its attacker `O2` is answered by `C6`"
    # the case that needs none of it
    assert found["X1"] == "reason 1 stands"
    assert found["E1"] == "stands on its own, unattacked"


def test_defeated_attackers_in_the_plural(why: Callable[[str], dict[str, str]]) -> None:
    found = why("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          C1: {claim: a, attacks: T1}
          C2: {claim: b, attacks: T1}
        """)
    assert found["T1"] == "reason 1 stands; its attackers `C1` and `C2` are defeated"
    assert found["C1"] == "no reason supports it"


def test_every_reason_is_accounted_for(why: Callable[[str], dict[str, str]]) -> None:
    found = why("""\
        nodes:
          T1: {claim: t, thesis: true, because: [E1, C1, E2, C2 + E1]}
          E1: {evidence: e}
          E2: {evidence: f}
          C1: {claim: unsupported}
          C2: {claim: c, because: E1}
          O2: {objection: u, undercuts: T1/3}
          C5: {claim: answer, because: E1, attacks: O2}
          O3: {objection: v, attacks: C2}
        """)
    assert found["T1"] == (
        "reasons 1 and 3 stand; in reason 3, its undercut `O2` is answered by `C5`; "
        "reason 2 needs `C1`, which nothing grounds; reason 4 needs `C2`, OUT"
    )


def test_a_defeated_claim_says_whether_its_reasons_stand(
    why: Callable[[str], dict[str, str]],
) -> None:
    found = why("""\
        nodes:
          T1: {claim: t, thesis: true, because: [E1, E2]}
          E1: {evidence: e}
          E2: {evidence: f}
          O1: {objection: o, attacks: T1}
          O2: {objection: u, undercuts: T1/2}
          C4: {claim: in doubt, because: E1}
          O5: {objection: s, attacks: [C4, O5]}
          C6: {claim: c, because: [C4, E2]}
          O6: {objection: w, undercuts: C6/2}
        """)
    assert found["T1"] == "defeated by `O1`; reason 1 stands; reason 2 undercut by `O2`"
    assert found["C4"] == "attacked by undecided `O5`; reason 1 stands"
    assert found["C6"] == (
        "no reason stands for sure: reason 1 needs `C4`, UNDEC; reason 2 undercut by `O6`"
    )


# --- complete, preferred and stable semantics on a map ---------------------------------------

FLOATING = """\
    nodes:
      T1: {claim: t, thesis: true, because: E1}
      E1: {evidence: e}
      O1: {objection: o1, attacks: [O2, O3]}
      O2: {objection: o2, attacks: [O1, O3]}
      O3: {objection: o3, attacks: T1}
    """


def test_preferred_semantics_settles_a_floating_defeat(
    load_map: Callable[..., ArgumentMap],
) -> None:
    # O1 and O2 attack each other and both attack O3: O3 falls in every preferred extension,
    # so T1 stands in every one, where the grounded semantics leaves it undecided.
    m = load_map(FLOATING)
    grounded_labels = {s.node: s.label.name for s in label_map(m)}
    assert grounded_labels == {
        "T1": "UNDEC",
        "E1": "IN",
        "O1": "UNDEC",
        "O2": "UNDEC",
        "O3": "UNDEC",
    }
    statuses = {s.node: s for s in label_map(m, semantics=Semantics.PREFERRED)}
    assert {n: s.label.name for n, s in statuses.items()} == {
        "T1": "IN", "E1": "IN", "O1": "UNDEC", "O2": "UNDEC", "O3": "OUT",
    }  # fmt: skip
    assert statuses["T1"].why == (
        "in every preferred extension, though the grounded semantics leaves it undecided"
    )
    assert statuses["O3"].why == "in no preferred extension; attacked by `O1` and `O2`"
    assert statuses["O3"].defeaters == ("O1", "O2")
    assert (
        statuses["O1"].why
        == "in some preferred extensions, not in all: one with `O2` leaves it out"
    )
    assert statuses["O1"].defeaters == ("O2",)
    assert statuses["E1"] == label_map(m)[1]  # what the grounded labelling decides keeps its why


def test_stable_semantics_without_a_stable_extension(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, attacks: [O1, T1]}
        """)
    stable = label_map(m, semantics=Semantics.STABLE)
    assert {s.label for s in stable} == {Label.UNDEC}
    assert stable[0].why == "the map has no stable extension, so no node is accepted or rejected"
    preferred = {s.node: s.label.name for s in label_map(m, semantics=Semantics.PREFERRED)}
    assert preferred == {"T1": "OUT", "E1": "IN", "O1": "OUT"}


def test_a_stable_extension_decides_like_preferred_when_they_agree(
    load_map: Callable[..., ArgumentMap],
) -> None:
    m = load_map(FLOATING)
    stable = [(s.node, s.label) for s in label_map(m, semantics=Semantics.STABLE)]
    assert stable == [(s.node, s.label) for s in label_map(m, semantics=Semantics.PREFERRED)]


@pytest.mark.parametrize("semantics", [Semantics.COMPLETE, Semantics.PREFERRED, Semantics.STABLE])
@pytest.mark.parametrize("seed", range(150))
def test_labels_by_extensions_equal_every_extension_listed(seed: int, semantics: Semantics) -> None:
    m = _random_map(seed)
    found = [set(e) for e in extensions(to_framework(m), semantics, method=Method.SEARCH)]
    for status in label_map(m, semantics=semantics):
        inside = [status.node in e for e in found]
        if not found:
            expected = "UNDEC"
        elif all(inside):
            expected = "IN"
        else:
            expected = "UNDEC" if any(inside) else "OUT"
        assert status.label.name == expected, (status.node, status.why)
        if expected == "UNDEC" and found:
            assert status.why.startswith(f"in some {semantics.name.lower()} extensions")


def test_status_command_by_preferred_semantics(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FLOATING)
    assert main(["status", str(folder), "--semantics", "preferred"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["IN", "T1"]
    assert out.endswith("2 IN, 1 OUT, 2 UNDEC by preferred semantics.\n")
    assert main(["status", str(folder)]) == 0
    assert capsys.readouterr().out.endswith("1 IN, 0 OUT, 4 UNDEC.\n")
    assert main(["status", str(folder), "--semantics", "stable", "--format", "json"]) == 0
    rows = {row["node"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["O3"]["label"] == "OUT"
    assert rows["O3"]["defeaters"] == ["O1", "O2"]


def test_status_with_an_unknown_semantics(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FLOATING)
    with pytest.raises(SystemExit) as stopped:
        main(["status", str(folder), "--semantics", "ideal"])
    assert stopped.value.code == 2
    assert "invalid choice: 'ideal'" in capsys.readouterr().err
