"""A smaller map that stays readable and quick to lay out when the whole map is too big.

:func:`summarise` works in two steps and stops as soon as the map fits the limit:

1. Leaves are counted, not drawn: evidence, premises and assumptions that have no reason of
   their own and take part in no attack are replaced, under each conclusion they support, by one
   :class:`~argmap.render.dot.Collapsed` node per kind ("12 evidence"). Theses, claims and
   objections all stay.
2. Only the top levels are kept: going down from the theses (to premises and attackers), the
   deepest level that still fits is kept, and below each node of that level what is hidden is
   counted in a "N more: ..." node (and a "N more attacks" node for hidden attackers). Nodes no
   thesis reaches are left out.

Reason numbers never change, so undercuts still end on the reason they attack.

:func:`notebook_html` summarises a map in words instead, for a notebook.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from argmap.errors import escape_controls
from argmap.model import ArgumentMap, Attack, Node, Reason
from argmap.render._walk import children, levels, roots
from argmap.render.dot import LAYOUT_LIMIT, Collapsed

if TYPE_CHECKING:
    from argmap.acceptability import Weighing
    from argmap.diagnostics import Diagnostic

__all__ = ["notebook_html", "summarise"]

#: The kinds counted rather than drawn in step 1, in the order their count nodes appear.
_LEAF_KINDS = ("evidence", "premise", "assumption")
_KIND_ORDER = ("claim", "evidence", "premise", "assumption", "objection")


def summarise(map: ArgumentMap, limit: int = LAYOUT_LIMIT) -> ArgumentMap:  # noqa: A002
    """Return the map itself when it has at most ``limit`` nodes, else a summary of it.

    The summary is an ordinary :class:`~argmap.model.ArgumentMap` (with
    :class:`~argmap.render.dot.Collapsed` count nodes) for :func:`~argmap.render.dot.to_dot`.
    It can exceed ``limit`` only when the theses and their direct counts alone do.

    Args:
        map: The map to shrink.
        limit: The most nodes the result should have.

    Returns:
        ``map`` unchanged, or a smaller map with the same header.
    """
    if len(map) <= limit:
        return map
    counted = _count_leaves(map)
    if len(counted) <= limit:
        return counted
    return _top_levels(counted, limit)


# --- step 1: count the leaves ----------------------------------------------------------------


def _count_leaves(amap: ArgumentMap) -> ArgumentMap:
    leaves = {node.id: node.kind for node in amap.nodes if _is_leaf(amap, node)}
    nodes: list[Node] = []
    for node in amap.nodes:
        if node.id in leaves:
            continue
        members: dict[str, dict[str, None]] = {kind: {} for kind in _LEAF_KINDS}
        reasons = []
        for reason in node.reasons:
            premises: list[str] = []
            for premise in reason.premises:
                kind = leaves.get(premise)
                if kind is not None:
                    members[kind][premise] = None
                    premise = f"{node.id}+{kind}"  # noqa: PLW2901
                _add(premises, premise)
            reasons.append(attrs.evolve(reason, premises=tuple(premises)))
        nodes.append(attrs.evolve(node, reasons=tuple(reasons)))
        nodes.extend(
            Collapsed(
                id=f"{node.id}+{kind}",
                text=_count(len(members[kind]), kind),
                of=kind,
                members=tuple(members[kind]),
            )
            for kind in _LEAF_KINDS
            if members[kind]
        )
    return attrs.evolve(amap, nodes=tuple(nodes))


def _is_leaf(amap: ArgumentMap, node: Node) -> bool:
    return (
        node.kind in _LEAF_KINDS
        and not node.reasons
        and not node.attacks
        and not amap.attacks_on(node.id)
        and bool(amap.used_in(node.id))
    )


# --- step 2: keep the top levels -------------------------------------------------------------


def _top_levels(amap: ArgumentMap, limit: int) -> ArgumentMap:
    level = levels(amap, roots(amap))
    depth = _deepest_fitting(amap, level, limit)
    kept = {node_id for node_id, number in level.items() if number <= depth}
    nodes: list[Node] = []
    for node in amap.nodes:
        if node.id in kept:
            nodes.extend(_cut_below(amap, node, kept))
    return attrs.evolve(amap, nodes=tuple(nodes))


def _deepest_fitting(amap: ArgumentMap, level: dict[str, int], limit: int) -> int:
    """The deepest level whose nodes, with the count nodes below them, fit the limit."""
    deepest = max(level.values(), default=0)
    sizes = [0] * (deepest + 1)
    counts = [0] * (deepest + 1)
    for node in amap.nodes:
        number = level.get(node.id)
        if number is None:
            continue
        sizes[number] += 1
        below = [child for child in children(amap, node.id) if level[child] > number]
        supporters = set(_premises(node))
        counts[number] += any(child in supporters for child in below)
        counts[number] += any(child not in supporters for child in below)
    best, total = 0, 0
    for number in range(deepest + 1):
        total += sizes[number]
        if total + counts[number] <= limit:
            best = number
    return best


def _cut_below(amap: ArgumentMap, node: Node, kept: set[str]) -> list[Node]:
    """The node with what lies below the kept levels replaced by count nodes."""
    more = f"{node.id}+more"
    hidden = [p for p in dict.fromkeys(_premises(node)) if p in amap and p not in kept]
    reasons = tuple(_replace(reason, frozenset(hidden), more) for reason in node.reasons)
    attacks = tuple(attack for attack in node.attacks if attack.target in kept)
    result: list[Node] = [attrs.evolve(node, reasons=reasons, attacks=attacks)]
    if hidden:
        result.append(_more(amap, more, hidden, "more"))
    attackers = [(a, attack) for a, attack in amap.attacks_on(node.id) if a not in kept]
    if attackers:
        count = _more(amap, f"{node.id}+attacks", [a for a, _ in attackers], "objection")
        targets = dict.fromkeys(Attack(node.id, attack.reason) for _, attack in attackers)
        result.append(attrs.evolve(count, attacks=tuple(targets)))
    return result


def _replace(reason: Reason, hidden: frozenset[str], more: str) -> Reason:
    premises: list[str] = []
    for premise in reason.premises:
        _add(premises, more if premise in hidden else premise)
    return attrs.evolve(reason, premises=tuple(premises))


def _more(amap: ArgumentMap, node_id: str, hidden: Iterable[str], of: str) -> Collapsed:
    """A count node for hidden nodes; a hidden count node adds its own members."""
    by_kind: dict[str, dict[str, None]] = {}
    for other_id in dict.fromkeys(hidden):
        other = amap.node(other_id)
        if isinstance(other, Collapsed):
            by_kind.setdefault(other.of, {}).update(dict.fromkeys(other.members))
        else:
            by_kind.setdefault(other.kind, {})[other_id] = None
    kinds = sorted(by_kind, key=_kind_rank)
    members = tuple(dict.fromkeys(member for kind in kinds for member in by_kind[kind]))
    return Collapsed(id=node_id, text=_more_text(by_kind, kinds, of), of=of, members=members)


def _more_text(by_kind: dict[str, dict[str, None]], kinds: list[str], of: str) -> str:
    """``4 more evidence``, ``9 more: 5 claims, 4 evidence``, ``3 more attacks: ...``."""
    total = sum(len(by_kind[kind]) for kind in kinds)
    if of == "objection":
        head = f"{total} more {'attack' if total == 1 else 'attacks'}"
        if kinds == ["objection"]:
            return head
    elif len(kinds) == 1:
        return _count(total, kinds[0], more=True)
    else:
        head = f"{total} more"
    return f"{head}: " + ", ".join(_count(len(by_kind[kind]), kind) for kind in kinds)


# --- helpers ---------------------------------------------------------------------------------


def _premises(node: Node) -> list[str]:
    return [premise for reason in node.reasons for premise in reason.premises]


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _kind_rank(kind: str) -> tuple[int, str]:
    return (_KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER), kind)


def _count(number: int, kind: str, *, more: bool = False) -> str:
    """``12 evidence``, ``1 premise``, ``3 more claims``: evidence takes no plural."""
    words = f"more {kind}" if more else kind
    if number == 1 or kind == "evidence":
        return f"{number} {words}"
    return f"{number} {words}s"


# --- a map in a notebook ------------------------------------------------------------------------

#: At most this many findings are listed in :func:`notebook_html`; the rest are counted.
NOTEBOOK_FINDINGS = 50


def notebook_html(map: ArgumentMap) -> str:  # noqa: A002
    """Return a map's summary and findings as HTML, as a Jupyter notebook shows a map.

    It holds the node counts by kind, the IN/OUT/UNDEC counts, each thesis with its label and
    why, and a table of the findings of :func:`argmap.check` (the first
    :data:`NOTEBOOK_FINDINGS`). Every text from the map is escaped. For the diagram, see
    :func:`argmap.render.to_svg`.

    Args:
        map: The map to describe.

    Returns:
        An HTML fragment (a ``<div>``), the same for the same map.
    """
    from argmap.acceptability import weigh  # noqa: PLC0415 - only a notebook needs it
    from argmap.linter import check  # noqa: PLC0415

    weighing = weigh(map)
    findings = check(map)
    kinds = dict.fromkeys(("thesis", *_KIND_ORDER), 0)
    for node in map.nodes:
        kind = "thesis" if node.thesis else node.kind
        kinds[kind] = kinds.get(kind, 0) + 1
    labels = {"IN": 0, "OUT": 0, "UNDEC": 0}
    for node in map.nodes:
        labels[weighing[node.id].name] += 1
    parts = ['<div class="argmap-map">']
    if map.title:
        parts.append(f"<h3>{_escape(map.title)}</h3>")
    counted = ", ".join(
        f"{count} {_escape(_PLURALS.get(kind, kind) if count > 1 else kind)}"
        for kind, count in kinds.items()
        if count
    )
    parts.append(f"<p>{len(map)} node{'' if len(map) == 1 else 's'}: {counted or 'none'}.<br/>")
    labelled = ", ".join(f"{count} {label}" for label, count in labels.items())
    parts.append(f"Once the objections are weighed: {labelled}.</p>")
    parts.extend(_theses_table(map, weighing))
    parts.extend(_findings_table(findings))
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def _theses_table(amap: ArgumentMap, weighing: Weighing) -> Iterable[str]:
    if not amap.theses:
        yield "<p>The map marks no thesis.</p>"
        return
    yield "<table><thead><tr><th>thesis</th><th>label</th><th>text</th><th>why</th></tr></thead>"
    yield "<tbody>"
    for node in amap.theses:
        status = weighing.status(node.id)
        colour = _LABEL_COLOURS[status.label.name]
        cells = [
            f"<code>{_escape(node.id)}</code>",
            f'<b style="color:{colour}">{status.label.name}</b>',
            _escape(node.text),
            _escape(status.why),
        ]
        yield "<tr>" + "".join(f'<td style="text-align:left">{cell}</td>' for cell in cells)
        yield "</tr>"
    yield "</tbody></table>"


def _findings_table(findings: Sequence[Diagnostic]) -> Iterable[str]:
    if not findings:
        yield "<p>No problems found.</p>"
        return
    count = len(findings)
    yield f"<p>{count} finding{'' if count == 1 else 's'}:</p>"
    yield "<table><thead><tr><th>where</th><th>rule</th><th>severity</th><th>node</th>"
    yield "<th>message</th></tr></thead><tbody>"
    for finding in findings[:NOTEBOOK_FINDINGS]:
        cells = [
            _escape(f"{finding.file}:{finding.line}"),
            f"<code>{_escape(finding.code)}</code> {_escape(finding.name)}",
            _escape(str(finding.severity)),
            f"<code>{_escape(finding.node)}</code>" if finding.node else "",
            _escape(finding.message),
        ]
        yield "<tr>" + "".join(f'<td style="text-align:left">{cell}</td>' for cell in cells)
        yield "</tr>"
    yield "</tbody></table>"
    if count > NOTEBOOK_FINDINGS:
        yield f"<p>and {count - NOTEBOOK_FINDINGS} more; run <code>argmap check</code>.</p>"


_PLURALS = {
    "thesis": "theses",
    "claim": "claims",
    "premise": "premises",
    "assumption": "assumptions",
    "objection": "objections",
}
_LABEL_COLOURS = {"IN": "#2e7d32", "OUT": "#c62828", "UNDEC": "#b26a00"}


def _escape(text: str) -> str:
    return html.escape(escape_controls(text), quote=True)
