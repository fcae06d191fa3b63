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
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from argmap.model import ArgumentMap, Attack, Node, Reason
from argmap.render._walk import children, levels, roots
from argmap.render.dot import LAYOUT_LIMIT, Collapsed

__all__ = ["summarise"]

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
