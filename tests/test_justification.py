"""`semantics.justification`: credulous and sceptical acceptance of many arguments at once."""

from __future__ import annotations

import random

import pytest

from argmap import semantics
from argmap.acceptability import label_map
from argmap.model import ArgumentMap, Attack, Claim, Evidence, Objection, Reason
from argmap.semantics import Framework, Method, Semantics, extensions, justification

needs_sat = pytest.mark.skipif(
    not semantics._sat_installed(),
    reason="needs python-sat (argmap[sat])",
)
SEMANTICS = [Semantics.COMPLETE, Semantics.PREFERRED, Semantics.STABLE, Semantics.GROUNDED]
METHODS = [Method.SEARCH, pytest.param(Method.SAT, marks=needs_sat)]


def random_framework(seed: int) -> Framework:
    rng = random.Random(seed)
    size = rng.randint(1, 11)
    attacks = rng.randint(0, 3 * size)
    sources = [rng.randrange(size) for _ in range(attacks)]
    targets = [rng.randrange(size) for _ in range(attacks)]
    return Framework.numbered(size, sources, targets)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("chosen", SEMANTICS)
@pytest.mark.parametrize("seed", range(120))
def test_the_answers_are_those_of_every_extension_listed(
    seed: int, chosen: Semantics, method: Method
) -> None:
    framework = random_framework(seed)
    listed = [set(e) for e in extensions(framework, chosen, method=Method.SEARCH)]
    asked = framework.arguments[::2]  # some arguments, not all
    found = justification(framework, chosen, asked, method=method)
    assert found.exists == bool(listed)
    if not listed:
        assert found.sceptical == frozenset(asked)
        assert not found.credulous
        return
    assert found.credulous == {a for a in asked if any(a in e for e in listed)}
    assert found.sceptical == {a for a in asked if all(a in e for e in listed)}
    assert set(found.left_out_by) == found.credulous - found.sceptical
    for argument, extension in found.left_out_by.items():
        assert argument not in extension
        assert set(extension) in listed


def test_an_unknown_argument_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        justification(random_framework(1), Semantics.PREFERRED, ["nope"])


def objections_in_a_ring(count: int) -> ArgumentMap:
    """A thesis attacked by every objection of an even ring of mutual attacks, and one that
    attacks itself: the grounded semantics leaves nearly everything undecided."""
    nodes = [
        Claim(id="T", text="t", reasons=(Reason(("E",)),)),
        Evidence(id="E", text="e"),
        Objection(id="X", text="self-defeating", attacks=(Attack("X"), Attack("T"))),
    ]
    for i in range(count):
        targets = (Attack(f"O{(i + 1) % count}"), Attack(f"O{(i - 1) % count}"))
        nodes.append(Objection(id=f"O{i}", text=f"o{i}", attacks=targets))
    nodes.append(Claim(id="C", text="c", reasons=(Reason(("E",)),), attacks=(Attack("O0"),)))
    return ArgumentMap(nodes=tuple(nodes))


@needs_sat
@pytest.mark.parametrize("chosen", [Semantics.COMPLETE, Semantics.PREFERRED, Semantics.STABLE])
def test_a_map_labels_the_same_by_the_sat_path_and_the_search(
    chosen: Semantics, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = objections_in_a_ring(60)  # over SAT_THRESHOLD undecided arguments
    by_sat = label_map(m, semantics=chosen)
    monkeypatch.setattr(semantics, "SAT_THRESHOLD", 10**9)
    by_search = label_map(m, semantics=chosen)
    assert [(s.node, s.label) for s in by_sat] == [(s.node, s.label) for s in by_search]
    labels = {s.node: s.label.name for s in by_sat}
    assert labels["X"] == ("UNDEC" if chosen is Semantics.STABLE else "OUT")
    if chosen is Semantics.PREFERRED:
        assert labels["T"] == "OUT"  # X is undefeated: T stands in no extension
        assert labels["O0"] == "OUT"  # C answers it
        assert labels["O1"] == "UNDEC"
