"""The HTML report: one self-contained page for reviewing a map.

The page holds a summary (theses with their labels, findings per rule), the diagrams as inline
SVG (the whole map or its summary, and one view per thesis) beside the entry of every node,
the analysed text when there is one, every finding grouped by rule, and the sources table. Its
stylesheet and script are inline and a Content-Security-Policy forbids every request, so it
works from ``file://`` offline; without JavaScript every part still reads (all views and
entries shown, links jump to anchors).

The same report gives the same bytes: nothing in it depends on the time, the machine or hash
order (Graphviz, given the same DOT, lays out the same way).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from argmap.report._data import Report
from argmap.report._diagram import View, render_views, views
from argmap.report._entries import entries
from argmap.report._markup import cut, esc
from argmap.report._script import SCRIPT
from argmap.report._sections import findings, label_filter_options, sources, summary, text_pane
from argmap.report._style import CSS

__all__ = ["to_html"]

_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def to_html(report: Report, *, diagrams: Sequence[str] | None = None) -> str:
    """Return the report as one HTML page.

    Args:
        report: What to show, from :func:`argmap.report.build_report`.
        diagrams: The inline SVG of each of the report's views, in order; by default Graphviz
            draws them (tests pass their own to stay independent of Graphviz's version).

    Returns:
        The page, ending with a newline.

    Raises:
        ReportError: when Graphviz is missing or fails.
    """
    report_views = views(report)
    svgs = list(diagrams) if diagrams is not None else render_views(report_views)
    title = report.map.title or "Argument map"
    version = _version()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en" class="no-js">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        f'<meta name="generator" content="argmap {esc(version)}">',
        f"<title>{esc(cut(title, 120))} \u2013 argmap report</title>",
        f"<style>\n{CSS}\n</style>",
        # before the body is parsed, so that hidden views are never laid out
        "<script>document.documentElement.className = 'js';</script>",
        "</head>",
        "<body>",
        _header(report, title),
        "<main>",
        summary(report),
        _map_section(report, report_views, svgs),
        findings(report),
        sources(report),
        "</main>",
        f"<footer>Made by argmap {esc(version)} from {_inputs(report)}.</footer>",
        f"<script>\n{SCRIPT}\n</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415 - only a page names it

    return version("argmap")


def _header(report: Report, title: str) -> str:
    links = [("#summary", "Summary"), ("#map", "Map and entries")]
    if report.text is not None:
        links.append(("#text", "Analysed text"))
    links += [("#findings", "Findings"), ("#sources", "Sources")]
    nav = "".join(f'<a href="{href}">{name}</a>' for href, name in links)
    return (
        f'<header class="top"><h1>{esc(title)}</h1>'
        '<p class="sub">A review of the argument map: what it claims, what stands, what it '
        f"rests on.</p><nav>{nav}</nav></header>"
    )


def _inputs(report: Report) -> str:
    files = report.map.files
    shown = esc(files[0]) if len(files) == 1 else f"{len(files):,} map files"
    bibliographies = sorted({source.position.file for source in report.map.sources.values()})
    if bibliographies:
        shown += ", " + ", ".join(esc(os.path.normpath(name)) for name in bibliographies)
    if report.text is not None:
        shown += f" and the text {esc(report.text.file)}"
    return shown or "a map built in memory"


def _map_section(report: Report, report_views: Sequence[View], svgs: Sequence[str]) -> str:
    with_text = " with-text" if report.text is not None else ""
    tabs = "".join(
        f'<a href="#{esc(view.anchor)}" role="tab"{_current(index)}'
        f"{_tab_title(report, view)}>{esc(view.title)}</a>"
        for index, view in enumerate(report_views)
    )
    parts = [
        '<section id="map" class="map-section">',
        "<h2>Map and entries</h2>",
        '<div class="toolbar">',
        f'<nav class="tabs" role="tablist" aria-label="Views">{tabs}</nav>',
        '<div class="tools js-only">',
        (
            '<input type="search" id="search" placeholder="Search ids and texts ( / )" '
            'aria-label="Search nodes by id or text">'
        ),
        _rule_filter(report),
        (
            '<select id="filter-label" aria-label="Show nodes with this label">'
            f'<option value="">every label</option>{label_filter_options()}</select>'
        ),
        "</div>",
        (
            '<div class="zoom js-only" aria-label="Zoom">'
            '<button type="button" data-act="out" title="Zoom out (-)">\u2212</button>'
            '<span class="zoom-level">100%</span>'
            '<button type="button" data-act="in" title="Zoom in (+)">+</button>'
            '<button type="button" data-act="actual" title="Actual size (0)">1:1</button>'
            '<button type="button" data-act="fit" title="Fit the width (f)">Fit width</button>'
            "</div>"
        ),
        "</div>",
        f'<div class="workspace{with_text}">',
        '<div class="diagrams">',
    ]
    for index, (view, svg) in enumerate(zip(report_views, svgs, strict=True)):
        current = " current" if index == 0 else ""
        parts.append(
            f'<div class="view{current}" id="{esc(view.anchor)}" '
            f'data-thesis="{esc(view.key or "")}" '
            f'role="tabpanel"><p class="caption">{esc(view.caption)} <span class="js-only">'
            "Drag to pan; Ctrl + wheel or the buttons to zoom; click a node for its entry."
            "</span></p>"
            f'<div class="viewport" tabindex="0">{svg}</div></div>'
        )
    parts += ["</div>", _inspector(report), text_pane(report), "</div>", "</section>"]
    return "\n".join(part for part in parts if part)


def _current(index: int) -> str:
    return ' class="current" aria-selected="true"' if index == 0 else ""


def _tab_title(report: Report, view: View) -> str:
    node = report.map.get(view.key) if view.key is not None else None
    return f' title="{esc(cut(node.text, 160))}"' if node is not None else ""


def _rule_filter(report: Report) -> str:
    options = "".join(
        f'<option value="{esc(rule.code)}">{esc(rule.code)} {esc(rule.name)} ({rule.count:,})'
        "</option>"
        for rule in report.rules
    )
    return (
        '<select id="filter-rule" aria-label="Show nodes with findings of this rule">'
        f'<option value="">every node</option>{options}</select>'
    )


def _inspector(report: Report) -> str:
    return "\n".join(
        [
            '<aside class="inspector" id="entries" aria-label="Entries">',
            (
                '<div class="pane-bar"><h2>Entries</h2>'
                '<span class="pane-status" id="ins-status" aria-live="polite"></span>'
                '<button type="button" class="js-only" id="ins-list" data-act="list" hidden>'
                "\u2190 All entries</button></div>"
            ),
            '<div class="entry-list list">',
            (
                '<p class="hint js-only">Click a node in the diagram, an id anywhere, or an entry '
                "below to see it in full; search or filter above.</p>"
            ),
            entries(report),
            "</div>",
            "</aside>",
        ]
    )
