"""Locators printed as CSL prints them (issue 18.6): short terms, plurals, en dashes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from argmap import ArgumentMap
from argmap._locator_terms import TERMS, format_locator
from argmap.model import Citation, Locator, LocatorLabel
from argmap.render.dot import to_dot
from argmap.render.tree import trace_to_text
from argmap.report._data import build_report
from argmap.report.html import to_html
from argmap.report.markdown import to_markdown
from argmap.trace import trace_down

DASH = "\u2013"


@pytest.mark.parametrize(
    ("label", "value", "shown"),
    [
        ("page", "4", "p. 4"),
        ("page", "4-5", f"pp. 4{DASH}5"),
        ("page", "4--5", f"pp. 4{DASH}5"),
        ("page", "4 - 5", f"pp. 4{DASH}5"),
        ("page", f"4{DASH}5", f"pp. 4{DASH}5"),
        ("page", "4, 7", "pp. 4, 7"),
        ("page", "S12-S15", f"pp. S12{DASH}S15"),
        ("page", "preface", "p. preface"),
        ("figure", "3", "fig. 3"),
        ("figure", "3-4", f"figs. 3{DASH}4"),
        ("sub-verbo", "liberty", "s.v. liberty"),
        ("sub-verbo", "laissez-faire", "s.v. laissez-faire"),
        ("paragraph", "2", "para. 2"),
        ("paragraph", "2-3", f"paras. 2{DASH}3"),
        ("note", "12", "n. 12"),
        ("note", "12 & 14", "nn. 12 & 14"),
        ("chapter", "6", "chap. 6"),
        ("chapter", "xii-xiv", f"chaps. xii{DASH}xiv"),
        ("section", "4.2-4.5", f"secs. 4.2{DASH}4.5"),
        ("volume", "2 and 3", "vols. 2 and 3"),
        ("line", "10-12", f"ll. 10{DASH}12"),
        ("verse", "16", "v. 16"),
        ("issue", "3", "no. 3"),
        ("article-locator", "5", "art. 5"),
        ("title-locator", "17", "tit. 17"),
        ("opus", "9-10", f"opp. 9{DASH}10"),
        ("act", "2", "act 2"),
        ("version", "2", "version 2"),
        ("timestamp", "00:12:30", "00:12:30"),
    ],
)
def test_locators_print_as_csl_writes_them(label: str, value: str, shown: str) -> None:
    assert format_locator(label, value) == shown
    assert str(Locator(LocatorLabel(label), value)) == shown


def test_every_locator_label_has_its_csl_term() -> None:
    assert set(TERMS) == {label.value for label in LocatorLabel}


def test_map_aliases_print_as_their_label() -> None:
    pages = LocatorLabel.parse("pages")
    assert pages is LocatorLabel.PAGE
    assert str(Citation("walt1987", Locator(pages, "4-5"))) == f"walt1987, pp. 4{DASH}5"


MAP = """\
nodes:
  T1:
    claim: Alliances balance threats.
    thesis: true
    because: E1
  E1:
    evidence: States joined the weaker side in most cases.
    cites:
      - {key: walt1987, pages: 4-5}
      - {key: walt1987, figure: 3}
"""
BIB = """\
@book{walt1987,
  author = {Walt, Stephen M.},
  title = {The Origins of Alliances},
  publisher = {Cornell University Press},
  year = {1987},
}
"""


@pytest.fixture
def cited(load_map: Callable[..., ArgumentMap]) -> ArgumentMap:
    return load_map(MAP, BIB)


def test_trace_prints_csl_locators(cited: ArgumentMap) -> None:
    text = trace_to_text(trace_down(cited, "T1"))
    assert f"pp. 4{DASH}5" in text
    assert "fig. 3" in text
    assert "p. 4-5" not in text


def test_diagram_tooltips_print_csl_locators(cited: ArgumentMap) -> None:
    dot = to_dot(cited)
    assert f"walt1987, pp. 4{DASH}5; walt1987, fig. 3" in dot


def test_reports_print_csl_locators(cited: ArgumentMap) -> None:
    report = build_report(cited)
    assert f"pp. 4{DASH}5" in to_markdown(report)
    assert f"pp. 4{DASH}5" in to_html(report)
    assert "fig. 3" in to_html(report)
