"""The report's diagrams: which views it has, their DOT text, and their SVG made fit to inline.

A report shows the whole map and, beside it, one view per thesis: the thesis's support and
attack tree (the nodes :func:`argmap.trace.trace_down` would show: its premises, the
objections against it and its reasons, their answers, and so on down). A map above
:data:`argmap.render.LAYOUT_LIMIT` nodes is shown whole as its summary
(:func:`argmap.render.summarise`), and each thesis's tree in full up to
:data:`VIEW_LIMIT` nodes (summarised beyond).

The DOT comes from :func:`argmap.render.to_dot`, with one statement added per drawn node
giving it a link to its entry (``#arg-node-ID``). ``dot -Tsvg`` runs once per view, the views
in parallel. Its SVG is then made fit for a page holding several: the XML prolog, comments and
``<title>`` elements go, element ids go (a node appears in several views) and node groups get
``data-node="ID"`` instead, sizes are given in CSS pixels, and the font, repeated on every
text, moves to the stylesheet.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import attrs

from argmap.model import ArgumentMap, Node
from argmap.render.dot import LAYOUT_LIMIT, to_dot
from argmap.render.graphviz import INSTALL_HINT
from argmap.render.summary import summarise
from argmap.report._data import Report
from argmap.report._errors import ReportError

__all__ = ["VIEW_LIMIT", "View", "render_views", "views"]

#: Above this many nodes a thesis's tree is summarised too. Graphviz lays out 2,000 nodes in
#: about 1.5 s (see ``benchmarks/bench_dot.py``); a tree this size is read by searching it.
VIEW_LIMIT = 2 * LAYOUT_LIMIT

_POINTS_TO_PIXELS = 4 / 3


@attrs.frozen
class View:
    """One diagram of the report.

    Attributes:
        key: The thesis's id, or None for the view of the whole map.
        title: What its tab says.
        caption: One line under the tab: what the view shows.
        dot: Its DOT text, links to the entries included.
        drawn: How many of the map's nodes it draws.
    """

    key: str | None
    title: str
    caption: str
    dot: str
    drawn: int

    @property
    def anchor(self) -> str:
        """The view's anchor: ``view-map`` for the whole map, ``view-of-ID`` for a thesis's."""
        return "view-map" if self.key is None else f"view-of-{self.key}"


def views(report: Report) -> list[View]:
    """Return the report's views: the whole map (or its summary), then one per thesis.

    A thesis's view is left out when it would draw exactly what the whole map's view draws.
    """
    amap = report.map
    flagged = report.diagram_findings()
    whole = summarise(amap)
    summarised = whole is not amap
    if summarised:
        caption = (
            f"A summary of the {len(amap):,} nodes (over {LAYOUT_LIMIT:,} are too many to "
            "lay out): leaves are counted, deep levels cut. Each thesis's view shows its tree "
            "in full."
        )
        title = "Map summary"
    else:
        caption = f"All {len(amap):,} nodes. Conclusions on top; arrows point to what they support."
        title = "Whole map"
    shown = {node.id for node in whole.nodes if node.id in amap}
    dot = _linked(whole, to_dot(whole, diagnostics=flagged))
    result = [View(None, title, caption, dot, len(shown))]
    for thesis in amap.theses:
        below = tree_below(amap, thesis.id)
        if not summarised and len(below) == len(shown):
            continue
        sub = attrs.evolve(amap, nodes=tuple(amap.node(i) for i in below), title=None)
        caption = f"The support and attack tree of {thesis.id}: {len(below):,} nodes."
        if len(sub) > VIEW_LIMIT:
            sub = summarise(sub, LAYOUT_LIMIT)
            caption += f" Over {VIEW_LIMIT:,}, so summarised: leaves counted, deep levels cut."
        dot = _linked(sub, to_dot(sub, diagnostics=flagged))
        result.append(View(thesis.id, thesis.id, caption, dot, len(below)))
    return result


def tree_below(amap: ArgumentMap, root: str) -> list[str]:
    """Return the ids in a node's support and attack tree, in file order.

    The tree holds the node, its premises, the nodes attacking it or undercutting its reasons,
    and the same for each of those, as far as they go.
    """
    seen = {root}
    stack = [root]
    while stack:
        node = amap.node(stack.pop())
        below = [p for reason in node.reasons for p in reason.premises]
        below += [attacker for attacker, _ in amap.attacks_on(node.id)]
        for other in below:
            if other not in seen and other in amap:
                seen.add(other)
                stack.append(other)
    return [node_id for node_id in amap.ids if node_id in seen]


def _linked(amap: ArgumentMap, dot: str) -> str:
    """Add to DOT text a link from each real node to its entry (count nodes have none)."""
    links = [
        f"  {_quoted(node.id)} [URL={_quoted(_fragment(node.id))}];"
        for node in amap.nodes
        if _has_entry(node)
    ]
    body = dot.rstrip().removesuffix("}")
    return body + "\n".join(links) + ("\n" if links else "") + "}\n"


#: Characters a link's fragment keeps as they are (the rest is percent-encoded).
_SAFE = "-_.:/+()~!$*'@;="


def _fragment(node_id: str) -> str:
    return "#" + quote(f"arg-node-{node_id}", safe=_SAFE)


def _quoted(text: str) -> str:
    """A DOT string: backslashes and quotes escaped (ids of maps read from files need none)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _has_entry(node: Node) -> bool:
    return node.kind != "collapsed"


def render_views(report_views: Sequence[View]) -> list[str]:
    """Run Graphviz on every view, in parallel, and return each view's inline SVG.

    Raises:
        ReportError: when Graphviz is missing or fails.
    """
    if not report_views:
        return []
    workers = max(1, min(len(report_views), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        raw = list(pool.map(run_dot, [view.dot for view in report_views]))
    return [clean_svg(svg, view.title) for svg, view in zip(raw, report_views, strict=True)]


def run_dot(dot: str) -> str:
    """Return the SVG ``dot -Tsvg`` makes of DOT text.

    Raises:
        ReportError: when Graphviz is missing or fails.
    """
    import graphviz  # noqa: PLC0415 - only a report with diagrams needs it

    try:
        data: bytes = graphviz.pipe("dot", "svg", dot.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise ReportError(f"Graphviz `dot` not found; {INSTALL_HINT}") from None
    except graphviz.CalledProcessError as error:
        first = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        why = first[0] if first else f"exit status {error.returncode}"
        raise ReportError(f"Graphviz `dot` failed: {why}") from None
    except OSError as error:
        raise ReportError(f"cannot run Graphviz `dot`: {error.strerror or error}") from None
    return data.decode("utf-8")


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_NODE_GROUP = re.compile(r'<g id="([^"]*)" class="node">')
_ID = re.compile(r' id="[^"]*"')
_FONT = re.compile(r' font-family="[^"]*"')
_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+')


def clean_svg(svg: str, title: str) -> str:
    """Return Graphviz's SVG fit to be inlined in a page with other diagrams.

    Args:
        svg: What ``dot -Tsvg`` wrote.
        title: What the diagram shows, for its accessible name.

    Returns:
        The ``<svg>`` element alone, without ids, with ``data-node`` on node groups.
    """
    svg = _PROLOG.sub("", svg, count=1)
    svg = _COMMENT.sub("", svg)
    svg = _TITLE.sub("", svg)
    svg = svg.replace("&#45;", "-")
    svg = _NODE_GROUP.sub(r'<g class="node" data-node="\1">', svg)
    svg = _ID.sub("", svg)
    svg = _FONT.sub("", svg)
    label = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return _SIZE.sub(
        lambda found: (
            f'<svg width="{_pixels(found.group(1))}" height="{_pixels(found.group(2))}" '
            f'role="img" aria-label="Diagram: {label}" '
        ),
        svg,
        count=1,
    ).rstrip()


def _pixels(points: str) -> str:
    return str(round(float(points) * _POINTS_TO_PIXELS))
