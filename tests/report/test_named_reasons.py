"""The report names a named reason by its name: reason lists, undercuts, support, the trace."""

from __future__ import annotations

from collections.abc import Callable

from argmap import ArgumentMap
from argmap.report import build_report, to_html, to_markdown
from argmap.report._diagram import views
from argmap.trace import trace_down

MAP = """\
nodes:
  T1:
    claim: The thesis.
    thesis: true
    because:
      structural: E1 + E2
      trade: E3
  E1: {evidence: one}
  E2: {evidence: two}
  E3: {evidence: three}
  O1:
    objection: The trade figures mislead.
    undercuts: T1/trade
"""


def page(argument_map: ArgumentMap) -> str:
    report = build_report(argument_map, diagnostics=[])
    return to_html(report, diagrams=["<svg></svg>"] * len(views(report)))


def test_markdown_names_the_reasons(load_map: Callable[..., ArgumentMap]) -> None:
    markdown = to_markdown(build_report(load_map(MAP), diagnostics=[]))
    assert "1. *structural*: `E1` + `E2` (linked): **IN**" in markdown
    assert "2. *trade*: `E3`: **OUT**" in markdown
    assert "reason `trade` undercut by `O1`" in markdown


def test_html_names_the_reasons_undercuts_and_support(load_map: Callable[..., ArgumentMap]) -> None:
    html = page(load_map(MAP))
    assert '<span class="name">structural</span>: ' in html
    assert "reason trade of " in html  # O1's Undercuts row
    assert "(reason structural)" in html  # E1 supports T1 through it
    assert "undercuts reason trade:" in html  # the trace below T1
    assert "because (reason structural, linked):" in html


def test_unnamed_reasons_keep_their_numbers(load_map: Callable[..., ArgumentMap]) -> None:
    text = MAP.replace("structural: E1 + E2\n      trade: E3", "- E1 + E2\n      - E3")
    html = page(load_map(text.replace("T1/trade", "T1/2")))
    assert 'class="name"' not in html
    assert "reason 2 of " in html
    assert "(reason 1)" in html
    assert "undercuts reason 2:" in html


def test_the_trace_keeps_each_reasons_name(load_map: Callable[..., ArgumentMap]) -> None:
    tree = trace_down(load_map(MAP), "T1")
    assert [(r.number, r.name) for r in tree.reasons] == [(1, "structural"), (2, "trade")]
    assert [c.id for c in tree.reasons[1].undercutters] == ["O1"]
    assert repr(tree.reasons[1]) == "TraceReason(2 trade: E3)"
