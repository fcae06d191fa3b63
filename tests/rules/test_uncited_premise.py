"""AM019 uncited-premise: a premise names the work it rests on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap import ArgumentMap, check
from argmap.interchange.argdown import read_argdown

DEBATE = Path(__file__).resolve().parents[1] / "data" / "interchange" / "debate.argdown"


def test_fires_on_a_bare_premise_only(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(
        """\
        nodes:
          P1: {premise: Under anarchy states look to their security.}
          P2:
            premise: Structure shapes what states do.
            cites: [{key: waltz1979, chapter: 5}]
          A1: {assumption: Imports measure ties.}
          C1: {claim: Armenia turns West., because: P1 + P2 + A1}
        """,
        bib="@book{waltz1979, title = {Theory}, year = {1979}}\n",
    )
    found = check(m, select=["AM019"])
    assert [(d.node, d.line, d.severity.value) for d in found] == [("P1", 2, "warning")]
    assert found[0].message == (
        "premise `P1` cites no work; add `cites:` with the work it rests on and a locator, or "
        "make it an `assumption:` if nobody states it"
    )
    assert found[0].to_dict() | {"file": "map.yaml"} == {
        "code": "AM019",
        "name": "uncited-premise",
        "severity": "warning",
        "node": "P1",
        "file": "map.yaml",
        "line": 2,
        "column": found[0].column,
        "message": found[0].message,
    }


def test_premises_imported_from_argdown_are_reported() -> None:
    imported = read_argdown(DEBATE).map
    assert [d.node for d in check(imported, select=["AM019"])] == ["Counts", "Capacity"]


def test_suppression_silences_it(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          P1:
            premise: Small states put economic ties first.
            ignore: {uncited-premise: the article's footnote 1 names no work}
        """)
    assert {d.code for d in check(m)} & {"AM019", "AM013"} == set()
