"""The pure parts of the server: outlines, cursor places, finding spans (no server started)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import argmap
from argmap.lsp.bibtext import read_entries
from argmap.lsp.cursor import place_of
from argmap.lsp.outline import Role, Span, Symbol, read_outline
from argmap.lsp.positions import finding_span
from argmap.lsp.text import Lines

REPO = Path(__file__).resolve().parents[2]


def test_the_outline_agrees_with_the_loader_on_the_article() -> None:
    argument_map = argmap.load(REPO / "arguments")
    defined, premises, cited, attacks = [], 0, 0, 0
    for file in argument_map.files:
        text = Path(file).read_text(encoding="utf-8")
        outline = read_outline(text)
        assert outline.complete
        for occurrence in outline.occurrences:
            written = text.splitlines()[occurrence.span.line][
                occurrence.span.start : occurrence.span.end
            ]
            if occurrence.symbol is not Symbol.REASON:
                assert written == occurrence.name.rpartition("/")[2] or written == occurrence.name
            if occurrence.role is Role.DEFINITION and occurrence.symbol is Symbol.NODE:
                defined.append(occurrence.name)
                node = argument_map.node(occurrence.name)
                assert occurrence.span.line + 1 == node.position.line
                assert occurrence.span.start + 1 == node.position.column
            premises += occurrence.role is Role.PREMISE
            cited += occurrence.role is Role.CITATION
            attacks += occurrence.role in (Role.ATTACK, Role.UNDERCUT) and (
                occurrence.symbol is Symbol.NODE
            )
    nodes = argument_map.nodes
    assert defined == [node.id for node in nodes]
    assert premises == sum(len(r.premises) for node in nodes for r in node.reasons)
    assert cited == sum(len(node.citations) for node in nodes)
    assert attacks == sum(len(node.attacks) for node in nodes)


def test_bib_entries_are_where_bibtexparser_puts_them() -> None:
    text = (REPO / "references.bib").read_text(encoding="utf-8")
    sources = argmap.load(REPO / "arguments").sources
    entries = read_entries(text)
    assert [entry.name for entry in entries] == list(sources)
    for entry in entries:
        assert entry.span.line + 1 == sources[entry.name].position.line


def test_spans_count_code_points_and_lsp_line_breaks() -> None:
    text = 'nodes:\r\n  Ä1:\r\n    claim: ééé \u2013 “text”\r\n    because: [B1 + C2, "D3"]\r\n'
    outline = read_outline(text)
    found = {(o.name, o.span) for o in outline.occurrences if o.symbol is Symbol.NODE}
    assert found == {
        ("Ä1", Span(1, 2, 4)),
        ("B1", Span(3, 14, 16)),
        ("C2", Span(3, 19, 21)),
        ("D3", Span(3, 24, 26)),
    }


def test_a_broken_text_keeps_what_came_before_the_break() -> None:
    text = "nodes:\n  T1:\n    claim: x\n    because: [A + B, C\n  T2:\n    claim: y\n"
    outline = read_outline(text)
    assert not outline.complete
    assert [entry.id for entry in outline.nodes] == ["T1"]
    assert {o.name for o in outline.occurrences if o.role is Role.PREMISE} >= {"A", "B", "C"}


def lines_of(text: str) -> tuple[Lines, int, int]:
    """The text with ``|`` marking the cursor: the lines, and the cursor's line and column."""
    text = textwrap.dedent(text)
    index = text.index("|")
    text = text.replace("|", "", 1)
    line = text.count("\n", 0, index)
    return Lines(text), line, index - (text.rfind("\n", 0, index) + 1)


@pytest.mark.parametrize(
    ("text", "path", "at_key", "inner"),
    [
        ("nodes:\n  T1:\n    because: [A + |\n", ("nodes", "T1", "because"), False, None),
        ("nodes:\n  T1:\n    because:\n    - A\n    - |\n", ("nodes", "T1", "because"), True, None),
        ("nodes:\n  T1:\n    claim: x\n    |\n", ("nodes", "T1"), True, None),
        ("nodes:\n  T1:\n    cites: [{key: |", ("nodes", "T1", "cites"), False, "key"),
        ("nodes:\n  T1:\n    cites: [{key: a, |", ("nodes", "T1", "cites"), True, ""),
        (
            "nodes:\n  T1:\n    cites:\n      - key: a\n        |\n",
            ("nodes", "T1", "cites"),
            True,
            None,
        ),
        (
            "nodes:\n  T1:\n    cites:\n      - key: |\n",
            ("nodes", "T1", "cites", "key"),
            False,
            None,
        ),
        ("nodes:\n  T1:\n    ignore:\n      |\n", ("nodes", "T1", "ignore"), True, None),
        ("map:\n  expect: {T1: |", ("map", "expect"), False, "T1"),
        (
            "nodes:\n  T1:\n    claim: >-\n      Some: text\n    |\n",
            ("nodes", "T1"),
            True,
            None,
        ),
        ("|", (), True, None),
    ],
)
def test_the_place_of_the_cursor(
    text: str, path: tuple[str, ...], at_key: bool, inner: str | None
) -> None:
    place = place_of(*lines_of(text))
    assert (place.path, place.at_key, place.inner) == (path, at_key, inner)


@pytest.mark.parametrize(
    ("line", "code", "bib", "covered"),
    [
        ("  E-trade:", "AM004", False, "E-trade"),
        ("    cites: [{key: walt1978, chapter: 2}]", "AM005", False, "walt1978"),
        ("    cites: [{key: waltz1979}]", "AM006", False, "{key: waltz1979}"),
        ("      - key: waltz1979", "AM006", False, "key: waltz1979"),
        ("    ignore: {AM001: ''}", "AM013", False, "AM001"),
        ("@book{walt1987, title = {x}}", "AM011", True, "walt1987"),
        ("", "AM010", False, ""),
    ],
)
def test_finding_spans(line: str, code: str, bib: bool, covered: str) -> None:
    starts = {"AM004": 3, "AM005": 13, "AM006": 13, "AM013": 14, "AM011": 1, "AM010": 1}
    column = starts[code] if "- key" not in line else 9
    span = finding_span(Lines(line + "\n"), 1, column, code=code, bib=bib)
    assert line[span.start : span.end] == covered
