r"""Deterministic DOT text for an argument map.

:func:`to_dot` is a pure function: the same map gives byte-identical DOT whatever the hash seed,
because nodes are written in file order and edges in the order their reasons and attacks were
written. It needs no Graphviz; :mod:`argmap.render.graphviz` turns the text into a picture.

Visual grammar
--------------
Nodes (each shows its id, its kind, the paragraphs it comes from, its text wrapped at about 40
characters and cut after four lines with an ellipsis, and its citations; the tooltip holds the
full text):

- **thesis**: a claim drawn bigger, with a double, heavier dark blue border and a deeper fill;
- **claim**: a blue rounded box;
- **evidence**: a green note (a page with a folded corner);
- **premise** (theoretical, from the literature): an amber folder;
- **assumption** (left unstated by the author): a grey rounded box with a dashed border;
- **objection**: a red-tinted box with clipped corners, red border;
- a node with findings from :mod:`argmap.rules`: a thick orange border and the rule codes in
  orange at the bottom of its label (codes and names in the tooltip);
- with ``labels``, a node's acceptability after its id: **IN** (green, it stands), **OUT**
  (red, defeated; the node's text is greyed) or **UNDEC** (amber, undecided);
- in a focused or depth-limited drawing, a node with neighbours left out says so at the bottom
  of its label ("2 more", the ids in the tooltip), so an objection whose answer lies beyond the
  depth does not look unanswered;
- in a summary, a **count node** ("12 evidence") stands for nodes left out: drawn in the shape
  of what it counts, with a dashed border (grey rounded box for a mix, "12 more: ...").

Edges (drawn from the supporting or attacking node to its target, so with the default
direction ``BT`` conclusions sit on top and arrows point up):

- **support** by a single premise: one dark grey arrow from premise to conclusion;
- **linked** support (a reason with several premises, which work only together): every premise
  runs without an arrowhead into a small black dot, the *junction*, and one arrow leaves the
  junction for the conclusion. Convergent support (several separate reasons) is several arrows
  into the conclusion, so the two never look alike;
- **attack** (rebuttal): a red arrow ending in a bar (``tee``) on the node it attacks;
- **undercut**: a dashed red arrow ending in a bar on the junction of the reason it attacks.
  An undercut reason always gets a junction, even with a single premise, so that the undercut
  has an inference to end on rather than a node.

Labels are HTML-like; every text is escaped for them (``& < > "`` as entities, backslashes
doubled so that ``\N`` stays literal) and control characters are dropped. Quoted strings
escape ``"``, backslashes and newlines; tooltips, which Graphviz unescapes twice, get their
backslashes doubled twice. SVG output carries each node's id as its element id and the full
text as its tooltip.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import ClassVar

import attrs

from argmap._label import Label
from argmap.errors import OptionError
from argmap.model import ArgumentMap, Node
from argmap.render._walk import cut_off, levels, reach, roots

__all__ = [
    "DIRECTIONS",
    "LAYOUT_LIMIT",
    "Collapsed",
    "below",
    "neighbourhood",
    "paragraphs",
    "to_dot",
]

#: Above this many nodes, draw :func:`argmap.render.summary.summarise` instead of the whole map.
#: ``benchmarks/bench_dot.py`` (Graphviz 2.43, 2 cores) measured ``dot -Tsvg`` at 0.4 s for
#: 1,000 nodes, 1.3 s for 2,000 and 10 s for 5,000; deep maps with long cross-links are slower
#: still (PERF-NOTES: 19 s at 2,000), and past a thousand nodes the picture no longer reads.
#: The node count does not bound the layout time, though: a tangled map under this limit can
#: take minutes. :func:`argmap.render.layout.plan` measures the cost and bounds that.
LAYOUT_LIMIT = 1000

#: The values ``direction`` accepts: where conclusions go (``BT``: bottom to top, the default).
DIRECTIONS = ("BT", "TB", "LR", "RL")

#: Characters per label line, and lines of node text before the ellipsis.
WRAP_WIDTH = 40
TEXT_LINES = 4

_FONT = "Helvetica,Arial,sans-serif"
_INK = "#3c3c3c"
_MUTED = "#5b6570"
_ATTACK = "#c62828"
_FLAG = "#e8590c"
_EN_DASH = "\u2013"
#: Colour and meaning of each acceptability label.
_LABEL_LOOKS: Mapping[Label, tuple[str, str]] = {
    Label.IN: ("#2e7d32", "stands"),
    Label.OUT: ("#c62828", "defeated"),
    Label.UNDEC: ("#b26a00", "undecided"),
}
_ATTACK_LOOK = (
    ("color", f'"{_ATTACK}"'),
    ("arrowhead", "tee"),
    ("arrowsize", "1.1"),
    ("penwidth", "1.5"),
)


@attrs.frozen(kw_only=True)
class Collapsed(Node):
    """A stand-in for nodes a summary leaves out, drawn as a count ("12 evidence").

    It takes part in reasons and attacks like any node, so the drawing keeps its shape.
    """

    kind: ClassVar[str] = "collapsed"

    #: The kind of node it counts (``evidence``, ``premise``, ...), or ``more`` for a mix.
    of: str = "more"
    #: The ids of the nodes it stands for, in file order.
    members: tuple[str, ...] = ()


@attrs.frozen
class _Look:
    shape: str
    style: str
    fill: str
    line: str


_LOOKS: Mapping[str, _Look] = {
    "thesis": _Look("box", "rounded,filled", "#bcd5ef", "#173f67"),
    "claim": _Look("box", "rounded,filled", "#e1ecf8", "#2b5d8c"),
    "evidence": _Look("note", "filled", "#e3f1d9", "#3b7a26"),
    "premise": _Look("folder", "filled", "#fcf0c8", "#8a6a00"),
    "assumption": _Look("box", "rounded,dashed,filled", "#f4f4f4", "#6b6b6b"),
    "objection": _Look("box", "filled,diagonals", "#fbe1df", "#b3261e"),
    "more": _Look("box", "rounded,dashed,filled", "#ffffff", "#8c8c8c"),
}


def to_dot(
    map: ArgumentMap,  # noqa: A002
    *,
    direction: str = "BT",
    diagnostics: Mapping[str, Sequence[str]] | None = None,
    focus: str | None = None,
    depth: int | None = None,
    legend: bool = False,
    labels: Mapping[str, Label] | None = None,
    only: Iterable[str] | None = None,
    tree_ranks: bool = False,
    graph_attributes: Sequence[tuple[str, str]] = (),
) -> str:
    """Return the map as Graphviz DOT text, the same bytes for the same map every time.

    Args:
        map: The map to draw.
        direction: Where conclusions go: ``BT`` (on top, the default), ``TB``, ``LR`` or ``RL``.
        diagnostics: Findings per node id, as ``"CODE name"`` strings; such nodes get an orange
            border, their codes in the label and the full strings in the tooltip.
        focus: Draw only the nodes within ``depth`` steps of this node (see
            :func:`neighbourhood`).
        depth: How many steps to go from ``focus``; with no ``focus``, from the theses (or,
            in a map without a thesis, from the nodes that support and attack nothing).
            None means no limit.
        legend: Add a small legend of the node and edge kinds (and of the labels, when
            ``labels`` is given).
        labels: Acceptability per node id (IN, OUT or UNDEC, as
            :func:`argmap.acceptability.weigh` gives them); each labelled node shows its
            label after its id, an OUT node's text is greyed. Ids missing from it show none.
        only: Draw only these ids (of those ``focus`` and ``depth`` select), as
            :func:`below` gives for one thesis.
        tree_ranks: Let only the links of a tree set the levels: going down from the theses
            (and from the nodes that support and attack nothing drawn), each node hangs on the
            first link that reaches it; every other link (a shared premise, a cycle, a
            cross-link) is drawn with ``constraint=false``. A coarser layout, but its cost no
            longer grows with how far such links reach (see :mod:`argmap.render.layout`).
        graph_attributes: More graph attributes, as ``(name, value)`` pairs written as
            given (such as ``("nslimit", "4")``).

    Returns:
        DOT text ending in a newline.

    Raises:
        KeyError: when ``focus`` is not a node of the map.
        ValueError: when ``direction`` is unknown or ``depth`` is negative.
    """
    if direction not in DIRECTIONS:
        raise OptionError(f"unknown direction `{direction}`; use one of {', '.join(DIRECTIONS)}")
    shown = frozenset(_selection(map, focus, depth))
    if only is not None:
        shown &= frozenset(only)
    findings = diagnostics or {}
    acceptability = labels or {}
    hidden = cut_off(map, shown) if len(shown) < len(map.ids) else {}
    lines = [*_preamble(map, direction, graph_attributes)]
    drawn = [node for node in map.nodes if node.id in shown]
    lines.extend(
        _node_statement(
            node,
            findings.get(node.id, ()),
            label=acceptability.get(node.id),
            hidden=hidden.get(node.id, ()),
        )
        for node in drawn
    )
    lines.extend(_theses_together(drawn))
    links: list[str | _Edge] = []
    for node in drawn:
        links.extend(_support_statements(map, node, shown))
    for node in drawn:
        links.extend(_attack_statements(map, node, shown))
    loose = _off_tree(drawn, links) if tree_ranks else frozenset()
    lines.extend(
        link if isinstance(link, str) else link.statement(loose=number in loose)
        for number, link in enumerate(links)
    )
    if legend:
        lines.extend(_legend(direction, labels=labels is not None, cut=bool(hidden)))
    lines.append("}")
    return "\n".join(lines) + "\n"


@attrs.frozen
class _Edge:
    """One edge statement: from ``tail`` to ``head``, with its attributes."""

    tail: str
    head: str
    pairs: tuple[tuple[str, str], ...] = ()

    def statement(self, *, loose: bool = False) -> str:
        """The DOT statement; a ``loose`` edge does not take part in ranking."""
        pairs = (*self.pairs, ("constraint", "false")) if loose else self.pairs
        tail = f"  {_quote(self.tail)} -> {_quote(self.head)}"
        return f"{tail} [{_attributes(pairs)}];" if pairs else f"{tail};"


def _off_tree(drawn: Sequence[Node], links: Sequence[str | _Edge]) -> frozenset[int]:
    """The places in ``links`` of the edges that are not on the tree that sets the levels.

    Levels count steps down from the tops: the drawn theses and every node with no edge out,
    then, for what those never reach (a cycle hanging from nothing), the first such node in
    file order. An edge is on the tree when it climbs exactly one level.
    """
    edges = [(number, link) for number, link in enumerate(links) if isinstance(link, _Edge)]
    below: dict[str, list[str]] = {}
    tails: set[str] = set()
    for _, edge in edges:
        below.setdefault(edge.head, []).append(edge.tail)
        tails.add(edge.tail)
    order = [node.id for node in drawn if node.thesis]
    order += [node.id for node in drawn if node.id not in tails]
    order += [edge.head for _, edge in edges]
    level: dict[str, int] = {}
    for top in dict.fromkeys(order):
        if top not in level:
            level[top] = 0
            _levels_below(top, below, level)
    return frozenset(number for number, edge in edges if level[edge.tail] != level[edge.head] + 1)


def _levels_below(top: str, below: Mapping[str, Sequence[str]], level: dict[str, int]) -> None:
    """Give each node not yet levelled that ``top`` reaches its distance below it."""
    queue = [top]
    for current in queue:
        for tail in below.get(current, ()):
            if tail not in level:
                level[tail] = level[current] + 1
                queue.append(tail)


def _theses_together(drawn: Sequence[Node]) -> Iterator[str]:
    """Put the theses on one rank, at the end where conclusions go, so they read first."""
    theses = [node.id for node in drawn if node.thesis]
    if len(theses) > 1:
        yield f"  {{ rank=max; {' '.join(_quote(t) + ';' for t in theses)} }}"


# --- selection -------------------------------------------------------------------------------


def neighbourhood(map: ArgumentMap, focus: str, depth: int | None = None) -> list[str]:  # noqa: A002
    """Return the ids within ``depth`` steps of ``focus``, in file order.

    A step follows a ``because``, ``attacks`` or ``undercuts`` link either way (an undercut
    links the objection to the node whose reason it attacks), so the neighbourhood holds the
    supporters, attackers and conclusions around a node. ``focus`` itself is always included.

    Args:
        map: The map to walk.
        focus: The id to start from.
        depth: The number of steps; 0 gives ``[focus]``, None the whole connected part.

    Returns:
        The ids reached, in the order the map lists its nodes.

    Raises:
        KeyError: when ``focus`` is not a node of the map.
        ValueError: when ``depth`` is negative.
    """
    if focus not in map:
        raise OptionError(f"unknown focus id `{focus}`")
    return reach(map, (focus,), depth)


def below(map: ArgumentMap, node_id: str) -> list[str]:  # noqa: A002
    """Return a node and everything below it (its premises and attackers, on down), in file order.

    For one thesis, that is the part of the map arguing for and against it: draw it with
    ``to_dot(map, only=below(map, thesis))``.

    Raises:
        KeyError: when ``node_id`` is not a node of the map.
    """
    if node_id not in map:
        raise OptionError(f"unknown id `{node_id}`")
    found = levels(map, (node_id,))
    return [other for other in map.ids if other in found]


def _selection(amap: ArgumentMap, focus: str | None, depth: int | None) -> Sequence[str]:
    if focus is not None:
        return neighbourhood(amap, focus, depth)
    if depth is None:
        return amap.ids
    return reach(amap, roots(amap), depth)


# --- statements ------------------------------------------------------------------------------


def _preamble(
    amap: ArgumentMap, direction: str, more: Sequence[tuple[str, str]] = ()
) -> Iterator[str]:
    yield "digraph argmap {"
    graph = [
        ("rankdir", direction),
        ("charset", _quote("UTF-8")),
        ("fontname", _quote(_FONT)),
        ("nodesep", "0.3"),
        ("ranksep", "0.45"),
    ]
    if amap.title:
        title = "<BR/>".join(_html(line) for line in textwrap.wrap(_flat(amap.title), 80))
        graph += [("label", f"<<B>{title}</B>>"), ("labelloc", "t"), ("fontsize", "16")]
    graph += more
    yield f"  graph [{_attributes(graph)}];"
    node = [("fontname", _quote(_FONT)), ("fontsize", "11"), ("margin", _quote("0.12,0.06"))]
    yield f"  node [{_attributes(node)}];"
    edge = [
        ("color", _quote(_INK)),
        ("arrowsize", "0.8"),
        ("penwidth", "1.2"),
        ("fontname", _quote(_FONT)),
        ("fontsize", "9"),
        ("fontcolor", _quote(_MUTED)),
    ]
    yield f"  edge [{_attributes(edge)}];"


def _node_statement(
    node: Node,
    findings: Sequence[str],
    *,
    label: Label | None = None,
    hidden: Sequence[str] = (),
) -> str:
    look = _look(node)
    flagged = sorted(set(findings))
    pairs = [
        ("id", _quote(node.id)),
        ("shape", look.shape),
        ("style", _quote(look.style)),
        ("fillcolor", _quote(look.fill)),
        ("color", _quote(_FLAG if flagged else look.line)),
    ]
    if node.thesis:
        pairs += [("peripheries", "2"), ("penwidth", "2.5" if flagged else "1.8")]
    elif flagged:
        pairs.append(("penwidth", "2.5"))
    pairs += [
        ("label", _label(node, flagged, label, hidden)),
        ("tooltip", _tip(_tooltip(node, flagged, label, hidden))),
    ]
    return f"  {_quote(node.id)} [{_attributes(pairs)}];"


def _look(node: Node) -> _Look:
    if isinstance(node, Collapsed):
        look = _LOOKS.get(node.of, _LOOKS["more"])
        style = look.style if "dashed" in look.style else f"{look.style},dashed"
        return attrs.evolve(look, style=style)
    if node.thesis:
        return _LOOKS["thesis"]
    return _LOOKS.get(node.kind, _LOOKS["more"])


def _support_statements(
    amap: ArgumentMap, node: Node, shown: frozenset[str]
) -> Iterator[str | _Edge]:
    undercut = {
        attack.reason
        for attacker, attack in amap.attacks_on(node.id)
        if attack.reason is not None and attacker in shown
    }
    direct: set[str] = set()
    for number, reason in enumerate(node.reasons, start=1):
        premises = [premise for premise in reason.premises if premise in shown]
        if reason.linked or number in undercut:
            if not premises and number not in undercut:
                continue
            junction = f"{node.id}/{number}"
            yield _junction_statement(junction, node.id, reason.premises, node.reason_ref(number))
            for premise in premises:
                yield _Edge(premise, junction, (("arrowhead", "none"),))
            yield _Edge(junction, node.id)
        else:
            for premise in premises:
                if premise not in direct:
                    direct.add(premise)
                    yield _Edge(premise, node.id)


def _junction_statement(
    junction: str, conclusion: str, premises: Sequence[str], ref: str | None = None
) -> str:
    together = " + ".join(premises) or "(no premise)"
    tip = f"reason {ref or junction}: {together} support {conclusion}"  # T1/name when named
    pairs = [("id", _quote(junction)), *_junction_look(tip)]
    return f"  {_quote(junction)} [{_attributes(pairs)}];"


def _junction_look(tooltip: str) -> list[tuple[str, str]]:
    return [
        ("shape", "point"),
        ("width", "0.13"),
        ("color", _quote(_INK)),
        ("tooltip", _tip(tooltip)),
    ]


def _attack_statements(amap: ArgumentMap, node: Node, shown: frozenset[str]) -> Iterator[_Edge]:
    for attack in node.attacks:
        if attack.target not in shown:
            continue
        target = amap.node(attack.target)
        pairs = [*_ATTACK_LOOK]
        head = attack.target
        if attack.reason is not None:
            pairs.append(("style", "dashed"))
            if 1 <= attack.reason <= len(target.reasons):
                head = f"{attack.target}/{attack.reason}"
        verb = "undercuts" if attack.undercut else "attacks"
        what = str(attack)
        if attack.reason is not None and 1 <= attack.reason <= len(target.reasons):
            what = target.reason_ref(attack.reason)  # by name when the reason has one
        pairs.append(("tooltip", _tip(f"{node.id} {verb} {what}")))
        yield _Edge(node.id, head, tuple(pairs))


# --- labels ----------------------------------------------------------------------------------

_TABLE = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'


def _label(
    node: Node,
    flagged: Sequence[str],
    label: Label | None = None,
    hidden: Sequence[str] = (),
) -> str:
    if isinstance(node, Collapsed):
        return _collapsed_label(node)
    header = _small(_header(node))
    if label is not None:
        header += " " + _badge(label)
    rows = [header]
    size = 13 if node.thesis else 11
    text = "<BR/>".join(_html(line) for line in _wrap(node.text, TEXT_LINES))
    if label is Label.OUT:
        text = f'<FONT COLOR="{_MUTED}">{text}</FONT>'
    rows.append(f'<FONT POINT-SIZE="{size}">{text}</FONT>' if node.thesis else text)
    if node.citations:
        cited = "; ".join(str(citation) for citation in node.citations)
        rows.append(_small("<BR/>".join(_html(line) for line in _wrap(cited, 2))))
    if flagged:
        codes = ", ".join(sorted({finding.split(maxsplit=1)[0] for finding in flagged}))
        rows.append(f'<FONT POINT-SIZE="9" COLOR="{_FLAG}"><B>{_html(codes)}</B></FONT>')
    if hidden:
        rows.append(_small(f"<I>{_html(_more(hidden))}</I>"))
    return _table(rows)


def _badge(label: Label) -> str:
    colour = _LABEL_LOOKS[label][0]
    return f'<FONT POINT-SIZE="9" COLOR="{colour}"><B>{label.name}</B></FONT>'


def _more(hidden: Sequence[str]) -> str:
    """``2 more not drawn``: how many neighbours the drawing leaves out."""
    return f"{len(hidden)} more not drawn"


def _collapsed_label(node: Collapsed) -> str:
    rows = [f"<B>{_html(_flat(node.text))}</B>"]
    if node.members:
        listed = ", ".join(node.members)
        rows.append(_small("<BR/>".join(_html(line) for line in _wrap(listed, 2))))
    return _table(rows)


def _table(rows: Iterable[str]) -> str:
    cells = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows)
    return f"<{_TABLE}{cells}</TABLE>>"


def _small(markup: str) -> str:
    return f'<FONT POINT-SIZE="9" COLOR="{_MUTED}">{markup}</FONT>'


def _header(node: Node) -> str:
    parts = [f"<B>{_html(node.id)}</B>", "thesis" if node.thesis else _html(node.kind)]
    if node.at:
        parts.append(_html(paragraphs(node.at)))
    return " · ".join(parts)


def paragraphs(at: Iterable[int]) -> str:
    """Return paragraph numbers after a pilcrow, runs of three or more as ranges: ``¶ 3\u20135``."""
    runs: list[list[int]] = []
    for number in sorted(set(at)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0]}{_EN_DASH}{run[-1]}")
        else:
            parts.extend(str(number) for number in run)
    return "¶ " + ", ".join(parts)


def _tooltip(
    node: Node,
    flagged: Sequence[str],
    label: Label | None = None,
    hidden: Sequence[str] = (),
) -> str:
    if isinstance(node, Collapsed):
        return f"{node.text}: {', '.join(node.members)}"
    kind = "thesis" if node.thesis else node.kind
    head = f"{node.id} ({kind})"
    if node.at:
        head += f", {paragraphs(node.at)}"
    if label is not None:
        head += f": {label.name} ({_LABEL_LOOKS[label][1]})"
    lines = [head, node.text]
    if node.citations:
        lines.append("cites " + "; ".join(str(citation) for citation in node.citations))
    if node.note:
        lines.append(f"note: {node.note}")
    lines.extend(flagged)
    if hidden:
        lines.append(f"not drawn here: {', '.join(hidden)}")
    return "\n".join(lines)


def _wrap(text: str, lines: int) -> list[str]:
    return textwrap.wrap(
        _flat(text),
        WRAP_WIDTH,
        max_lines=lines,
        placeholder=" …",
        break_on_hyphens=False,
    ) or [""]


# --- legend ----------------------------------------------------------------------------------


def _legend(direction: str, *, labels: bool = False, cut: bool = False) -> Iterator[str]:
    yield '  subgraph "cluster_legend" {'
    look = [
        ("label", '"Legend"'),
        # Graphviz flips cluster labels in BT layouts: "b" is the top there.
        ("labelloc", "b" if direction == "BT" else "t"),
        ("fontsize", "11"),
        ("fontcolor", _quote(_MUTED)),
        ("style", '"rounded,dashed"'),
        ("color", '"#b0b0b0"'),
    ]
    yield f"    graph [{_attributes(look)}];"
    samples = [
        ("thesis", "thesis", "thesis", "main conclusion"),
        ("claim", "claim", "claim", ""),
        ("evidence", "evidence", "evidence", "cites a source"),
        ("premise", "premise", "premise", "from the literature"),
        ("assumption", "assumption", "assumption", "left unstated"),
        ("objection", "objection", "objection", ""),
        ("undercutter", "objection", "objection", ""),
    ]
    for name, kind, title, note in samples:
        yield _legend_node(name, kind, title, note)
    if labels:
        yield _legend_labels()
    if cut:
        yield _legend_cut()
    yield f"    {_quote('legend:junction')} [{_attributes(_junction_look('junction'))}];"
    linked = [("arrowhead", "none")]
    undercut = [*_ATTACK_LOOK, ("style", "dashed"), ("label", '"undercuts"')]
    edges = [
        ("evidence", "claim", [("label", '"supports"')]),
        ("premise", "junction", linked),
        ("assumption", "junction", linked),
        ("junction", "thesis", [("label", '"linked: only together"')]),
        ("claim", "thesis", [("label", '"a separate reason"')]),
        ("objection", "claim", [*_ATTACK_LOOK, ("label", '"attacks"')]),
        ("undercutter", "junction", undercut),
    ]
    for tail, head, pairs in edges:
        ends = " -> ".join(_quote(f"legend:{end}") for end in (tail, head))
        yield f"    {ends} [{_attributes(pairs)}];"
    yield "  }"


def _legend_labels() -> str:
    rows = [
        f"{_badge(label)} {_small(_html(meaning))}" for label, (_, meaning) in _LABEL_LOOKS.items()
    ]
    rows.append(_small("once the objections are weighed"))
    pairs = [("shape", "plaintext"), ("label", _table(rows))]
    return f"    {_quote('legend:labels')} [{_attributes(pairs)}];"


def _legend_cut() -> str:
    rows = [
        "<B>node</B>",
        _small(f"<I>{_html(_more(('', '')))}</I>"),
        _small("neighbours beyond the depth"),
    ]
    pairs = [("shape", "box"), ("style", '"rounded"'), ("color", '"#8c8c8c"')]
    pairs.append(("label", _table(rows)))
    return f"    {_quote('legend:cut')} [{_attributes(pairs)}];"


def _legend_node(name: str, kind: str, title: str, note: str) -> str:
    look = _LOOKS[kind]
    rows = [f"<B>{_html(title)}</B>"] + ([_small(_html(note))] if note else [])
    pairs = [
        ("shape", look.shape),
        ("style", _quote(look.style)),
        ("fillcolor", _quote(look.fill)),
        ("color", _quote(look.line)),
        ("label", _table(rows)),
    ]
    if kind == "thesis":
        pairs.append(("peripheries", "2"))
    return f"    {_quote('legend:' + name)} [{_attributes(pairs)}];"


# --- escaping --------------------------------------------------------------------------------

#: Characters no DOT string or SVG may hold: control characters (but tab and newline),
#: lone surrogates and the two XML non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _UNPRINTABLE.sub("", text)


def _flat(text: str) -> str:
    """The text on one line: runs of whitespace (newlines, tabs) become one space."""
    return " ".join(_clean(text).split())


def _html(text: str) -> str:
    r"""Escape text for an HTML-like label: entities, and backslashes doubled (``\N`` is live)."""
    return html.escape(_clean(text), quote=True).replace("\\", "\\\\")


def _quote(text: str) -> str:
    r"""Return a DOT quoted string read once (ids, names): ``"`` and ``\`` escaped."""
    return _quoted(_clean(text).replace("\\", "\\\\"))


def _tip(text: str) -> str:
    r"""Return a quoted tooltip: newlines as ``\n``, backslashes made to survive two readings.

    Graphviz reads a tooltip twice: once turning ``\n`` into a newline and dropping the
    backslash of any other escape, then once more as an escString (``\\`` to ``\``, ``\N`` to
    the node's name). A literal backslash must therefore be written as four.
    """
    return _quoted(_clean(text).replace("\\", "\\" * 4))


def _quoted(body: str) -> str:
    r"""Quote ``body`` whose backslashes are already escaped; tabs become spaces.

    A string ending in a backslash gets a trailing space, as some Graphviz versions misread
    ``\"`` at the end of a string.
    """
    body = body.replace('"', '\\"').replace("\n", "\\n").replace("\t", " ")
    if body.endswith("\\"):
        body += " "
    return f'"{body}"'


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{name}={value}" for name, value in pairs)
