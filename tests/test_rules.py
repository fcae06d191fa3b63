"""Rule behaviour beyond each rule's own examples: messages, edge cases, selection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap import ArgumentMap, LoadError, Severity, check, load
from argmap.rules.unsupported_figure import figures

from .conftest import WriteMap


def messages(argument_map: ArgumentMap, code: str) -> list[str]:
    return [d.message for d in check(argument_map, select=[code])]


def test_am002_cycle_is_not_grounded(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: [C1, C2]}
          C1: {claim: a, because: C2}
          C2: {claim: b, because: C1}
        """)
    assert [d.node for d in check(m, select=["AM002"])] == ["T1", "C1", "C2"]


def test_am002_linked_reason_needs_all_premises(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1 + C1}
          C1: {claim: unsupported}
          E1: {evidence: e}
        """)
    assert messages(m, "AM002") == [
        "claim `T1` never bottoms out in evidence, premises or assumptions (ungrounded: `C1`); "
        "support those with evidence or a cited premise"
    ]


def test_am002_convergent_reason_needs_one(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: [C1, E1]}
          C1: {claim: unsupported}
          E1: {evidence: e}
        """)
    assert messages(m, "AM002") == []


def test_am003_names_the_cycle_in_order(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          C1: {claim: a, because: C2}
          C2: {claim: b, because: C3 + C4}
          C3: {claim: c, because: C1}
          C4: {claim: d, because: C2}
          C5: {claim: e, because: C5}
        """)
    found = check(m, select=["AM003"])
    assert [(d.node, d.line, d.severity) for d in found] == [
        ("C1", 2, Severity.ERROR),
        ("C5", 6, Severity.ERROR),
    ]
    assert found[0].message == (
        "circular support `C1` -> `C2` -> `C3` -> `C1` (also in the circle: `C4`); remove one "
        "`because` so that the support ends in evidence or premises"
    )
    assert found[1].message.startswith("circular support `C5` -> `C5`;")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than 90% of its arms", ["90%"]),
        ("fell below 10 per cent by 2025", ["10 per cent"]),
        ("from $2.5 billion (2021) to $12.4 billion (2024)", ["$2.5 billion", "$12.4 billion"]),
        ("worth $250 million to $400 million", ["$250 million", "$400 million"]),
        ("an estimated $250-400 million", ["$250-400 million"]),
        ("1,000 tons of Kazakh wheat", ["1,000 tons"]),
        ("some 3 million people", ["3 million"]),
        ("paid 40 billion roubles", ["40 billion roubles"]),
        ("5,000 troops at the base", ["5,000 troops"]),
        ("in 1997 and again in 2021 and 2022", []),
        ("in November 2025, on 11 December 2025", []),
        ("the 102nd Russian military base", []),
        ("cooperation since 1992", []),
        ("the 2026 parliamentary elections", []),
        ("version 2.0 of the plan", []),
    ],
)
def test_am007_figures(text: str, expected: list[str]) -> None:
    assert figures(text) == expected


def test_am007_needs_evidence_somewhere_below(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: Trade grew to $12.4 billion., thesis: true, because: C1}
          C1: {claim: Trade grew fast., because: E1}
          E1: {evidence: Customs data for 2024.}
          T2: {claim: Imports fell below 10%., thesis: true, because: P1}
          P1: {premise: Small states diversify.}
          E2: {evidence: Exports were 90% wheat.}
        """)
    assert [d.node for d in check(m, select=["AM007"])] == ["T2"]


def test_am008_answered_by_undercut_of_its_reason(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true}
          O1: {objection: o, attacks: T1, because: E1}
          E1: {evidence: e}
          O2: {objection: p, undercuts: O1/1}
          C1: {claim: a, attacks: O2}
          C2: {claim: b, undercuts: O1/1}
        """)
    assert [d.node for d in check(m, select=["AM008"])] == ["C2"]
    assert messages(m, "AM008")[0].startswith("undercut of `O1/1` by `C2` is not answered")


def test_am009_follows_attacks_and_undercuts(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, undercuts: T1/1}
          C1: {claim: answer, attacks: O1, because: E2}
          E2: {evidence: f}
          E3: {evidence: stray}
          C2: {claim: stray too, because: E3}
        """)
    assert [d.node for d in check(m, select=["AM009"])] == ["E3", "C2"]


def test_am009_silent_without_thesis(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("nodes:\n  C1: {claim: a}\n  E1: {evidence: e}\n")
    assert check(m, select=["AM009"]) == []
    assert [d.code for d in check(m, select=["AM009", "AM010"])] == ["AM010"]


def test_am010_points_at_the_header(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("# comment\nmap:\n  title: x\nnodes:\n  C1: {claim: a}\n")
    [found] = check(m, select=["AM010"])
    assert (found.line, found.node) == (2, None)


def test_am011_counts_the_analysed_text_as_used(load_map: Callable[..., ArgumentMap]) -> None:
    bib = "@misc{art, title={The article}}\n@misc{other, title={O}}\n"
    m = load_map("map:\n  analysed: art\nnodes:\n  C1: {claim: a, thesis: true}\n", bib)
    [found] = check(m, select=["AM011"])
    assert found.message.startswith("source `other` is not cited")
    assert (found.line, found.severity) == (2, Severity.INFO)
    assert found.file.endswith("references.bib")


def test_am005_reports_near_misses_and_missing_bibliography(
    load_map: Callable[..., ArgumentMap],
) -> None:
    m = load_map("nodes:\n  E1: {evidence: e, cites: [{key: walt1987, page: 1}]}\n")
    assert messages(m, "AM005") == [
        "`E1` cites unknown source `walt1987`; no bibliography was found: add `bibliography:` "
        "to the `map:` header"
    ]


def test_am012_names_the_assumption_through_a_chain(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: C1}
          C1: {claim: c, because: E1 + A1}
          E1: {evidence: e}
          A1: {assumption: a}
          C2: {claim: c2, because: [A1, E1]}
        """)
    found = check(m, select=["AM012"])
    assert [(d.node, d.severity) for d in found] == [("T1", Severity.INFO), ("C1", Severity.INFO)]
    assert "unstated assumption `A1`" in found[0].message


def test_am013_all_three_cases(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1:
            claim: t
            thesis: true
            ignore: {AM001: "the article asserts it", AM004: "", AM999: why}
          E1:
            evidence: e
            attacks: T1
            ignore: {uncited-evidence: the article gives no source}
        """)
    found = check(m)
    assert [(d.code, d.node) for d in found if d.code in {"AM001", "AM004"}] == []
    am013 = [d.message for d in found if d.code == "AM013"]
    assert am013 == [
        "`ignore` of `AM004` on `T1` gives no reason; say why the finding does not apply",
        "`ignore` of `AM004` on `T1` silences nothing; remove it",
        "`ignore` of `T1` names unknown rule `AM999`; use a code such as `AM004` (see "
        "`argmap rules`)",
    ]


def test_am013_does_not_judge_rules_that_did_not_run(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("nodes:\n  C1:\n    claim: a\n    ignore: {AM001: known gap}\n")
    assert check(m, select=["AM013", "AM004"]) == []
    assert [d.code for d in check(m, select=["AM013", "AM001"])] == []


def test_select_ignore_and_severity(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("nodes:\n  C1: {claim: a}\n  E1: {evidence: e, attacks: C1}\n")
    assert [d.code for d in check(m)] == ["AM010", "AM001", "AM004"]
    assert [d.code for d in check(m, select=["AM001", "uncited-evidence"])] == ["AM001", "AM004"]
    assert [d.code for d in check(m, ignore=["AM010"])] == ["AM001", "AM004"]
    [found] = check(m, select=["AM004"], severity={"AM004": "error"})
    assert found.severity is Severity.ERROR
    with pytest.raises(ValueError, match="unknown rule `AM77`"):
        check(m, select=["AM77"])


def test_am015_points_into_the_text_and_am016_at_the_node(
    write_map: WriteMap,
) -> None:
    folder = write_map(
        "map:\n  unmapped: {9: nothing}\nnodes:\n  T1: {claim: t, thesis: true, at: [1, 5]}\n"
    )
    text = folder / "article.txt"
    text.write_text("First paragraph.\n\n\nSecond paragraph,\nwrapped.\n\nThird.\n")
    found = check(load(folder, text=text), select=["AM015", "AM016"])
    assert [(Path(d.file).name, d.line, d.code) for d in found] == [
        ("article.txt", 4, "AM015"),
        ("article.txt", 7, "AM015"),
        ("map.yaml", 1, "AM016"),
        ("map.yaml", 4, "AM016"),
    ]
    assert found[0].message.startswith("paragraph 2 is mapped by no node;")
    assert found[2].message == "`unmapped` lists paragraph 9, but the text has 3; remove it"
    assert found[3].message == "`T1` is at paragraph 5, but the text has 3; fix its `at:`"


def test_coverage_rules_are_silent_without_text(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("nodes:\n  T1: {claim: t, thesis: true, at: [99]}\n")
    assert check(m, select=["AM015", "AM016"]) == []


def test_unreadable_text_is_a_load_error(write_map: WriteMap) -> None:
    folder = write_map("nodes: {}\n")
    with pytest.raises(LoadError, match=r"cannot read `.*missing\.txt`"):
        load(folder, text=folder / "missing.txt")
    (folder / "latin.txt").write_bytes(b"ok\ncaf\xe9\n")
    with pytest.raises(LoadError, match=r"latin\.txt:2:4: error: the file is not valid UTF-8"):
        load(folder, text=folder / "latin.txt")


def test_am017_names_what_defeats_and_skips_ungrounded(
    load_map: Callable[..., ArgumentMap],
) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: t, thesis: true, because: [E1, C1]}
          E1: {evidence: e}
          C1: {claim: unsupported}
          O1: {objection: o, attacks: T1}
          O2: {objection: p, attacks: O3}
          O3: {objection: q, attacks: O2}
          C2: {claim: c, because: E1}
          O4: {objection: r, undercuts: C2/1}
          C3: {claim: answer, because: E1, attacks: O4}
          C4: {claim: in doubt, because: E1}
          O5: {objection: s, attacks: [C4, O5]}
        """)
    found = check(m, select=["AM017"])
    assert [(d.node, d.message.split(";")[0]) for d in found] == [
        ("T1", "thesis `T1` is OUT: defeated by `O1`"),
        ("C4", "claim `C4` is UNDEC: attacked by undecided `O5`"),
    ]


def test_am018_expectations(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        map:
          expect: {T1: in, O1: out, E1: IN}
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, undercuts: T1/1}
        """)
    found = check(m, select=["AM018"])
    assert [(d.node, d.line, d.message.split(";")[0]) for d in found] == [
        ("T1", 2, "`T1` is OUT, expected IN: no reason stands: reason 1 undercut by `O1`"),
        ("O1", 2, "`O1` is IN, expected OUT: stands on its own, unattacked"),
    ]


def test_expect_errors(write_map: WriteMap) -> None:
    folder = write_map("map:\n  expect: {T2: in, T1: maybe}\nnodes:\n  T1: {claim: t}\n")
    with pytest.raises(LoadError) as info:
        load(folder)
    messages = [f"{e.line}:{e.column}: {e.message}; {e.hint}" for e in info.value.errors]
    assert messages == [
        "2:12: unknown id `T2` in `expect`; define the node or fix the id",
        "2:24: bad label `maybe` for `T1` in `expect`; use in, out or undec",
    ]


def test_an_empty_map_has_no_thesis(codes_of: Callable[..., list[str]]) -> None:
    """AM010 fires on a map with no node at all: an empty map is not a clean one."""
    assert codes_of("nodes: {}\n") == ["AM010"]
    assert "AM010" not in codes_of("nodes:\n  T1: {claim: a, thesis: true}\n")
