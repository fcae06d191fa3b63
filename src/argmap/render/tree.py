"""Traces as text and JSON: indented trees for a terminal, documented JSON for tools.

Text (:func:`trace_to_text`, :func:`up_to_text`, :func:`sources_to_text`) draws trees with
box-drawing characters, or with plain ASCII (``|-``, ```-``, ``|``, and words instead of
symbols) when asked; colour is ANSI escapes, only when asked (the caller decides: a terminal,
and no ``NO_COLOR``). Control characters in the map's text, ids and keys are shown as escapes
(:func:`argmap.errors.escape_controls`), so that a map cannot drive the terminal it is shown
on. Trees are drawn with an explicit stack, so any depth is safe.

JSON (:func:`to_json`) is deterministic: keys sorted, two-space indents, UTF-8 kept as is, a
final newline. A support tree is written flat, each node once in the order the text shows
them, its reasons and attackers naming other nodes by id; so the JSON of a 100,000-long chain
is neither deeply nested nor quadratic in size. The schemas are in ``docs/trace-json.rst``.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmap.bibliography import authors, format_reference, plain, short_label
from argmap.errors import escape_controls
from argmap.model import Node, Source
from argmap.trace import Resting, SourceWeight, TraceCitation, TraceNode, UpTrace

__all__ = [
    "WIDTH",
    "sources_to_text",
    "to_data",
    "to_json",
    "trace_to_text",
    "up_to_text",
]

#: The line width the text aims at; node texts are cut to fit (never below a minimum).
WIDTH = 100
_MIN_EXCERPT = 24
_TITLE_WIDTH = 50

_LEGEND = (
    "citing: nodes citing the source; resting: nodes resting on it through any chain of "
    "reasons, citing ones included; falls: nodes that would lose all grounding (AM002) "
    "without it."
)

#: Style codes (ANSI SGR), used only when colour is on.
_BOLD = "1"
_DIM = "2"
_RED = "31"
_GREEN = "32"
_YELLOW = "33"
_BLUE = "34"
_MAGENTA = "35"
_CYAN = "36"
_KIND_STYLE = {
    "thesis": f"{_BOLD};{_MAGENTA}",
    "claim": _BOLD,
    "evidence": _GREEN,
    "premise": _BLUE,
    "assumption": _YELLOW,
    "objection": _RED,
}


@attrs.frozen
class _Glyphs:
    """The characters a tree is drawn with."""

    tee: str
    last: str
    pipe: str
    blank: str
    attack: str
    cycle: str
    ellipsis: str
    paragraph: str


_BOX = _Glyphs("├─ ", "└─ ", "│  ", "   ", "⚔ ", "↻ ", "…", "¶ ")
_ASCII = _Glyphs("|- ", "`- ", "|  ", "   ", "", "", "...", "para. ")

#: A piece of a line and its style ("" for none).
_Piece = tuple[str, str]
#: A node's line in three parts: pieces before its text, the text, pieces after.
_Parts = tuple[tuple[_Piece, ...], str, tuple[_Piece, ...]]


@attrs.frozen
class _Row:
    """One line of a tree: pieces before the node text, the text to fit, pieces after.

    ``node`` is the trace node whose citations, reasons and attackers hang below the line;
    ``rows`` are lines given directly (the premises of a linked reason).
    """

    head: tuple[_Piece, ...]
    body: str = ""
    tail: tuple[_Piece, ...] = ()
    node: TraceNode | None = None
    rows: tuple[_Row, ...] = ()


@attrs.frozen
class _Pen:
    """Glyphs, colour and width: everything that decides how a row is written."""

    glyphs: _Glyphs
    colour: bool
    width: int
    full: bool = False

    def paint(self, pieces: Iterable[_Piece]) -> str:
        """Join pieces, control characters escaped, with their styles when colour is on."""
        if not self.colour:
            return escape_controls("".join(text for text, _ in pieces))
        return "".join(
            f"\033[{style}m{escape_controls(text)}\033[0m" if style else escape_controls(text)
            for text, style in pieces
        )

    def line(self, prefix: str, row: _Row, more: str = "") -> str:
        """Write one row after its tree prefix, cutting its text to the width.

        With ``full``, the text is not cut but wrapped, its further lines starting with
        ``more`` (the tree's lines going on below the row, as wide as the row's own prefix).
        """
        used = len(prefix) + sum(len(text) for text, _ in (*row.head, *row.tail))
        if not self.full:
            body = _cut(row.body, max(_MIN_EXCERPT, self.width - used), self.glyphs.ellipsis)
            return prefix + self.paint((*row.head, (body, ""), *row.tail))
        head = len(prefix) + sum(len(text) for text, _ in row.head)
        words = " ".join(row.body.split())
        first = textwrap.wrap(words, max(_MIN_EXCERPT, self.width - head), break_long_words=False)
        rest = " ".join(words.split()[len(" ".join(first[:1]).split()) :])
        lines = first[:1] or [""]
        indent = more
        room = max(_MIN_EXCERPT, self.width - len(indent))
        lines += textwrap.wrap(rest, room, break_long_words=False)
        if len(lines) == 1:
            return prefix + self.paint((*row.head, (lines[0], ""), *row.tail))
        out = [prefix + self.paint((*row.head, (lines[0], "")))]
        out += [indent + self.paint([(text, "")]) for text in lines[1:-1]]
        out.append(indent + self.paint(((lines[-1], ""), *row.tail)))
        return "\n".join(out)


def _pen(*, ascii: bool, colour: bool, width: int, full: bool = False) -> _Pen:  # noqa: A002
    return _Pen(_ASCII if ascii else _BOX, colour, width, full)


def _cut(text: str, width: int, ellipsis: str) -> str:
    """Return the text on one line, cut at a word boundary to at most ``width`` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    room = width - len(ellipsis)
    cut = text[:room]
    if " " in cut[room // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + ellipsis


def _draw(pen: _Pen, top: str, rows: Sequence[_Row]) -> list[str]:
    """Draw ``top`` and the rows below it as a tree, without recursion."""
    lines = [top]
    glyphs = pen.glyphs
    stack: list[tuple[_Row, str, bool]] = [
        (row, "", index == len(rows) - 1) for index, row in reversed(list(enumerate(rows)))
    ]
    while stack:
        row, prefix, last = stack.pop()
        below = [*row.rows, *_rows_below(row.node, pen)] if row.node is not None else row.rows
        inner = prefix + (glyphs.blank if last else glyphs.pipe)
        more = inner + (glyphs.pipe if below else glyphs.blank)
        lines.append(pen.line(prefix + (glyphs.last if last else glyphs.tee), row, more))
        stack.extend(
            (child, inner, index == len(below) - 1)
            for index, child in reversed(list(enumerate(below)))
        )
    return lines


# --- trace down: text --------------------------------------------------------------------------


def trace_to_text(
    trace: TraceNode,
    *,
    ascii: bool = False,  # noqa: A002 - the CLI's word for it
    colour: bool = False,
    width: int = WIDTH,
    full: bool = False,
) -> str:
    """Return a support tree as indented text, ending with a newline.

    The root line shows the node; below each node come its citations (``cites key (Author
    year, Title), locator``; a citation of the analysed text says so, naming the footnote),
    then its reasons (a linked reason as one ``because (linked):`` branch holding its
    premises, each convergent reason as a branch of its own), the objections undercutting
    each reason, and the objections against the node (``⚔``), each with its answers.

    Args:
        trace: The tree, from :func:`argmap.trace.trace_down`.
        ascii: Draw with ASCII only (``|-``, ```-``, ``|``; words instead of symbols).
        colour: Add ANSI colours (for a terminal that is not told ``NO_COLOR``).
        width: The line width to fit node texts in.
        full: Wrap node texts over as many lines as they need instead of cutting them.

    Returns:
        The text, one line per row (or more, with ``full``).
    """
    pen = _pen(ascii=ascii, colour=colour, width=width, full=full)
    root = _Row(*_describe(trace, pen))
    top = pen.line("", root, pen.glyphs.pipe)
    return "\n".join(_draw(pen, top, _rows_below(trace, pen))) + "\n"


def _rows_below(trace: TraceNode, pen: _Pen) -> list[_Row]:
    """The rows below a traced node: citations, reasons with their undercuts, attackers."""
    rows = [_Row(_citation_pieces(citation, pen)) for citation in trace.citations]
    several = len(trace.reasons) > 1
    for reason in trace.reasons:
        which = reason.name or str(reason.number)  # a named reason by its name
        label = [f"reason {which}"] if several or reason.name else []
        if reason.linked:
            premises = tuple(_Row(*_describe(p, pen), node=p) for p in reason.premises)
            group = ("because (" + ", ".join([*label, "linked"]) + "):", _DIM)
            rows.append(_Row((group,), rows=premises))
        elif reason.premises:
            [premise] = reason.premises
            word = "because" + (f" ({label[0]})" if label else "") + " "
            head, body, tail = _describe(premise, pen)
            rows.append(_Row(((word, _DIM), *head), body, tail, node=premise))
        rows.extend(_attack_row(trace, c, pen, undercut=which) for c in reason.undercutters)
    rows.extend(_attack_row(trace, attacker, pen) for attacker in trace.attackers)
    return rows


def _attack_row(target: TraceNode, attacker: TraceNode, pen: _Pen, undercut: str = "") -> _Row:
    """A row for a node attacking ``target``: an objection, or an answer to one."""
    tag = f" (undercuts reason {undercut})" if undercut else ""
    head, body, tail = _describe(attacker, pen, tag=tag)
    if target.kind == "objection":
        lead: tuple[_Piece, ...] = (("answered by ", _GREEN),)
    elif attacker.kind == "objection":
        lead = ((pen.glyphs.attack, _RED),) if pen.glyphs.attack else ()
    else:
        lead = ((f"{pen.glyphs.attack}attacked by ", _RED),)
    return _Row((*lead, *head), body, tail, node=attacker)


def _describe(trace: TraceNode, pen: _Pen, *, tag: str = "", attacks_shown: bool = True) -> _Parts:
    """Head, text and tail of a node's line: ``kind id: text (¶ 1, 2)`` and any marker."""
    node = trace.node
    if node is None:
        return ((trace.id, _BOLD), (" (not in the map)", _RED)), "", ()
    kind = _kind(node)
    if trace.cycle:
        back = (f"{pen.glyphs.cycle}cycle back to ", _YELLOW)
        return (back, (f"{kind} ", _KIND_STYLE[kind]), (node.id, _BOLD)), "", ()
    head = ((f"{kind} ", _KIND_STYLE[kind]), (node.id, _BOLD), (f"{tag}: ", ""))
    tail: list[_Piece] = []
    if node.at:
        tail.append((f" ({pen.glyphs.paragraph}{', '.join(map(str, node.at))})", _DIM))
    if trace.repeated:
        tail.append((" (shown above)", _YELLOW))
    elif trace.truncated:
        tail.append((" (more below, not shown)", _YELLOW))
    elif attacks_shown and node.kind == "objection" and not trace.attackers:
        tail.append((" (unanswered)", _RED))
    return head, node.text, tuple(tail)


def _kind(node: Node) -> str:
    return "thesis" if node.thesis else node.kind


def _citation_pieces(cited: TraceCitation, pen: _Pen) -> tuple[_Piece, ...]:
    """``cites key (Author year, Title), locator``, or what a citation of the analysed text is."""
    locator = cited.citation.locator
    where = f", {locator}" if locator is not None else ""
    key = (cited.key, _CYAN)
    if cited.footnote is not None:
        note = (f"footnote {cited.footnote} of the analysed text", _CYAN)
        return ("cites ", ""), note, (f" ({cited.key})", _DIM)
    if cited.analysed:
        return ("cites the analysed text (", ""), key, (f"){where}", "")
    if cited.source is None:
        return ("cites ", ""), key, (" (not in the bibliography)", _RED), (where, "")
    return ("cites ", ""), key, (f" ({_label(cited.source, pen)}){where}", "")


def _label(source: Source, pen: _Pen) -> str:
    """``Author year, Title`` with the title cut short; the title alone for an anonymous entry."""
    title = _cut(plain(source.field("title") or ""), _TITLE_WIDTH, pen.glyphs.ellipsis)
    who = short_label(source)
    if who == source.key:
        return title or source.key
    return f"{who}, {title}" if title else who


# --- trace up: text ----------------------------------------------------------------------------


def up_to_text(
    trace: UpTrace,
    *,
    ascii: bool = False,  # noqa: A002 - the CLI's word for it
    colour: bool = False,
    width: int = WIDTH,
    full: bool = False,
) -> str:
    """Return what rests on a source as indented text, then what would fall without it.

    The tree starts at the source; below it the nodes citing it (with their locators), and
    below each node the nodes resting on it through a reason, each shown once, on a shortest
    path from the source. Where a node is reached again, a one-line reference says whether
    it is shown above or below, and under which node.

    Args:
        trace: The trace, from :func:`argmap.trace.trace_up`.
        ascii: Draw with ASCII only.
        colour: Add ANSI colours.
        width: The line width to fit node texts in.
        full: Wrap node texts over as many lines as they need instead of cutting them.

    Returns:
        The text, ending with a newline.
    """
    pen = _pen(ascii=ascii, colour=colour, width=width, full=full)
    by_id = {entry.id: entry for entry in trace.resting}
    above = _referred_after(trace, by_id)
    built: dict[str, _Row] = {}
    for entry in reversed(trace.resting):  # rows above a node are built before its own row
        built[entry.id] = _resting_row(entry, trace.key, by_id, built, pen, above=above)
    top = pen.paint([(trace.key, _BOLD)])
    lines = _up_header(trace, pen)
    lines += _draw(pen, top, [built[entry.id] for entry in trace.citing])
    lines += _up_summary(trace, by_id, pen)
    return "\n".join(lines) + "\n"


def _referred_after(trace: UpTrace, by_id: Mapping[str, Resting]) -> set[tuple[str, str]]:
    """The references ``(node, conclusion)`` printed after the conclusion's own row.

    It walks the rows in the order :func:`_draw` prints them (without recursion).
    """
    seen: set[str] = set()
    after: set[tuple[str, str]] = set()
    stack: list[tuple[str, str | None]] = [(entry.id, None) for entry in reversed(trace.citing)]
    while stack:
        node_id, reference = stack.pop()
        if reference is not None:
            if reference in seen:
                after.add((node_id, reference))
            continue
        seen.add(node_id)
        below: list[tuple[str, str | None]] = []
        for conclusion in by_id[node_id].supports:
            other = by_id.get(conclusion)
            if other is not None:
                below.append((conclusion, None) if other.via == node_id else (node_id, conclusion))
        stack.extend(reversed(below))
    return after


def _resting_row(
    entry: Resting,
    key: str,
    by_id: Mapping[str, Resting],
    built: Mapping[str, _Row],
    pen: _Pen,
    *,
    above: set[tuple[str, str]],
) -> _Row:
    """A resting node's row, with the rows of the nodes it supports below it.

    A node it supports that is shown on another path gets a one-line reference instead,
    saying whether that path is printed above or below (``above`` holds the references
    printed after their node's own row).
    """
    head, body, tail = _describe(TraceNode(entry.id, entry.node), pen, attacks_shown=False)
    if entry.citations:
        places = "; ".join(str(c.citation.locator or "no locator") for c in entry.citations)
        head = (*head[:-1], (f" [{places}]", _CYAN), head[-1])
    rows = []
    if any(conclusion not in by_id for conclusion in entry.supports):
        tail = (*tail, (" (more above, not shown)", _YELLOW))
    for conclusion in entry.supports:
        other = by_id.get(conclusion)
        if other is None:
            continue
        if other.via == entry.id:
            rows.append(built[conclusion])
        else:
            kind = _kind(other.node)
            where = "above" if (entry.id, conclusion) in above else "below"
            rows.append(
                _Row(
                    (
                        (f"{kind} ", _KIND_STYLE[kind]),
                        (conclusion, _BOLD),
                        (f" (shown {where}, under {other.via or key})", _YELLOW),
                    )
                )
            )
    return _Row(head, body, tail, rows=tuple(rows))


def _up_header(trace: UpTrace, pen: _Pen) -> list[str]:
    key = (trace.key, _BOLD)
    if trace.source is None:
        return [pen.paint([("source ", ""), key, (": not in the bibliography", _RED)])]
    what = "the analysed text" if trace.analysed else _label(trace.source, pen)
    return [
        pen.paint([("source ", ""), key, (f": {what}", "")]),
        pen.paint([(f"  {format_reference(trace.source)}", _DIM)]),
    ]


def _up_summary(trace: UpTrace, by_id: Mapping[str, Resting], pen: _Pen) -> list[str]:
    citing = len(trace.citing)
    total = len(trace.resting) + trace.beyond_depth
    counts = (
        f"{_plural(citing, 'node')} {'cites' if citing == 1 else 'cite'} {trace.key}; "
        f"{_plural(total, 'node')} rest on it in all"
    )
    if trace.beyond_depth:
        counts += f" ({trace.beyond_depth} above the depth limit, not shown)"
    lines = ["", counts + "."]
    if not trace.withdrawn:
        lines.append(
            f"Without {trace.key} nothing loses its grounding: "
            "no evidence, premise or assumption cites it alone."
            if citing
            else f"Nothing cites {trace.key}."
        )
        return [escape_controls(line) for line in lines]
    lines.append(f"Without {trace.key}:")
    withdrawn = ", ".join(_named(node_id, by_id) for node_id in trace.withdrawn)
    lines.append(f"  citing no other source, no longer grounded on their own: {withdrawn}")
    lines = [escape_controls(line) for line in lines]
    if trace.falls:
        falling = ", ".join(_named(node_id, by_id) for node_id in trace.falls)
        lines.append(pen.paint([("  losing all grounding: ", ""), (falling, f"{_BOLD};{_RED}")]))
    else:
        lines.append("  nothing else loses all grounding: everything above has another ground.")
    return lines


def _named(node_id: str, by_id: Mapping[str, Resting]) -> str:
    entry = by_id.get(node_id)
    return node_id if entry is None else f"{_kind(entry.node)} {node_id}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- sources: text -----------------------------------------------------------------------------


def sources_to_text(
    rows: Sequence[SourceWeight],
    *,
    ascii: bool = False,  # noqa: A002 - the CLI's word for it
    colour: bool = False,
    theses: Iterable[str] = (),
) -> str:
    """Return the sources as a table, weightiest first, the uncited ones listed last.

    Columns: the key, how many nodes cite it, how many rest on it (citing ones included), how
    many would lose all grounding without it, and the entry (author, year, title); the theses
    that would fall are named after it.

    Args:
        rows: The rows, from :func:`argmap.trace.weigh_sources` (in their order).
        ascii: Use ASCII only.
        colour: Add ANSI colours.
        theses: The map's thesis ids, to name the theses that would fall.

    Returns:
        The table and a one-line legend, ending with a newline.
    """
    pen = _pen(ascii=ascii, colour=colour, width=WIDTH)
    cited = [row for row in rows if row.cited]
    uncited = [row for row in rows if not row.cited]
    main_theses = frozenset(theses)
    width = max([len("source"), *(len(row.key) for row in rows)])
    lines = [pen.paint([(f"{'source':<{width}}  citing  resting  falls  entry", _BOLD)])]
    for row in cited:
        falls = (f"{len(row.falls):>5}", f"{_BOLD};{_RED}" if row.falls else "")
        falling = [node_id for node_id in row.falls if node_id in main_theses]
        note = f"  (theses falling: {', '.join(falling)})" if falling else ""
        lines.append(
            pen.paint(
                [
                    (f"{row.key:<{width}}", _BOLD),
                    (f"  {len(row.citing):>6}  {len(row.resting):>7}  ", ""),
                    falls,
                    (f"  {_entry(row, pen)}", ""),
                    (note, _RED),
                ]
            )
        )
    if uncited:
        lines += ["", pen.paint([(f"not cited by any node ({len(uncited)}):", _BOLD)])]
        lines += [pen.paint([(f"  {row.key:<{width}}  {_entry(row, pen)}", "")]) for row in uncited]
    lines += ["", _LEGEND]
    return "\n".join(lines) + "\n"


def _entry(row: SourceWeight, pen: _Pen) -> str:
    if row.analysed:
        return "the analysed text"
    if row.source is None:
        return "(not in the bibliography)"
    return _label(row.source, pen)


# --- JSON --------------------------------------------------------------------------------------


def to_json(result: TraceNode | UpTrace | Sequence[SourceWeight]) -> str:
    """Return a trace or the source weights as JSON text, with a final newline.

    Keys are sorted, indents are two spaces and non-ASCII characters are kept; the same input
    gives the same bytes. The schemas are documented in ``docs/trace-json.rst``.

    Args:
        result: A tree from :func:`~argmap.trace.trace_down`, a trace from
            :func:`~argmap.trace.trace_up`, or the rows of :func:`~argmap.trace.weigh_sources`.

    Returns:
        The JSON text.
    """
    return json.dumps(to_data(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_data(result: TraceNode | UpTrace | Sequence[SourceWeight]) -> dict[str, object]:
    """Return the plain data :func:`to_json` writes (dicts, lists, strings, numbers, None)."""
    if isinstance(result, TraceNode):
        return _down_data(result)
    if isinstance(result, UpTrace):
        return _up_data(result)
    return {"type": "sources", "sources": [_weight_data(row) for row in result]}


def _down_data(trace: TraceNode) -> dict[str, object]:
    """The flat form of a tree: each node once, in the order shown, fullest occurrence kept."""
    first: dict[str, TraceNode] = {}
    cycles: list[dict[str, str]] = []
    sources: dict[str, object] = {}
    stack: list[tuple[TraceNode, str | None]] = [(trace, None)]
    while stack:
        occurrence, parent = stack.pop()
        stack.extend((child, occurrence.id) for child in reversed(occurrence.children))
        if occurrence.cycle and parent is not None:
            cycles.append({"from": parent, "to": occurrence.id})
            continue
        for cited in occurrence.citations:
            if cited.key not in sources:
                sources[cited.key] = None if cited.source is None else _source_data(cited.source)
        known = first.get(occurrence.id)
        if known is None or (known.truncated and _is_full(occurrence)):
            first[occurrence.id] = occurrence
    nodes = [_node_data(item) for item in first.values() if item.node is not None]
    return {
        "type": "trace-down",
        "root": trace.id,
        "nodes": nodes,
        "cycles": cycles,
        "missing": [node_id for node_id, item in first.items() if item.node is None],
        "sources": sources,
    }


def _is_full(occurrence: TraceNode) -> bool:
    return not (occurrence.cycle or occurrence.repeated or occurrence.truncated)


def _node_data(trace: TraceNode) -> dict[str, object]:
    node = trace.node
    assert node is not None  # noqa: S101 - callers filter unknown ids out
    return {
        **_node_fields(node),
        "level": trace.level,
        "truncated": trace.truncated,
        "citations": [_citation_data(cited) for cited in trace.citations],
        "reasons": [
            {
                "number": reason.number,
                "name": reason.name,
                "linked": reason.linked,
                "premises": [premise.id for premise in reason.premises],
                "undercut_by": [cutter.id for cutter in reason.undercutters],
            }
            for reason in trace.reasons
        ],
        "attacked_by": [attacker.id for attacker in trace.attackers],
    }


def _node_fields(node: Node) -> dict[str, object]:
    return {
        "id": node.id,
        "kind": node.kind,
        "thesis": node.thesis,
        "text": node.text,
        "at": list(node.at),
        "note": node.note,
        "file": node.position.file,
        "line": node.position.line,
    }


def _citation_data(cited: TraceCitation) -> dict[str, object]:
    locator = cited.citation.locator
    return {
        "key": cited.key,
        "locator": None
        if locator is None
        else {"label": locator.label.value, "value": locator.value},
        "analysed_text": cited.analysed,
        "footnote": cited.footnote,
        "file": cited.citation.position.file,
        "line": cited.citation.position.line,
    }


def _source_data(source: Source) -> dict[str, object]:
    return {
        "key": source.key,
        "type": source.entry_type,
        "authors": list(authors(source)),
        "year": plain(source.year or "") or None,
        "title": plain(source.field("title") or "") or None,
        "label": short_label(source),
        "reference": format_reference(source),
        "file": source.position.file,
        "line": source.position.line,
    }


def _up_data(trace: UpTrace) -> dict[str, object]:
    return {
        "type": "trace-up",
        "key": trace.key,
        "source": None if trace.source is None else _source_data(trace.source),
        "analysed_text": trace.analysed,
        "resting": [
            {
                **_node_fields(entry.node),
                "level": entry.level,
                "via": entry.via,
                "citations": [_citation_data(cited) for cited in entry.citations],
            }
            for entry in trace.resting
        ],
        "beyond_depth": trace.beyond_depth,
        "withdrawn": list(trace.withdrawn),
        "falls": list(trace.falls),
    }


def _weight_data(row: SourceWeight) -> dict[str, object]:
    return {
        "key": row.key,
        "source": None if row.source is None else _source_data(row.source),
        "analysed_text": row.analysed,
        "cited": row.cited,
        "citing": list(row.citing),
        "withdrawn": list(row.withdrawn),
        "resting": list(row.resting),
        "falls": list(row.falls),
    }
