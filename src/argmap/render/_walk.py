"""Walks over a map that drawing needs: roots, undirected reach, and levels below the roots.

Every function visits nodes in file order and edges in the order they were written, so its
result never depends on hash order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from argmap.errors import OptionError
from argmap.model import ArgumentMap


def roots(amap: ArgumentMap) -> tuple[str, ...]:
    """Return the theses; without any, the nodes that support and attack nothing (or all)."""
    if amap.theses:
        return tuple(node.id for node in amap.theses)
    tops = tuple(node.id for node in amap.nodes if not node.attacks and not amap.used_in(node.id))
    return tops or amap.ids


def reach(amap: ArgumentMap, starts: Iterable[str], depth: int | None) -> list[str]:
    """Return the ids within ``depth`` undirected steps of ``starts``, in file order."""
    if depth is not None and depth < 0:
        raise OptionError(f"depth must be 0 or more, not {depth}")
    links = _links(amap)
    distance = dict.fromkeys(starts, 0)
    queue = deque(distance)
    while queue:
        current = queue.popleft()
        if depth is not None and distance[current] >= depth:
            continue
        for other in links.get(current, ()):
            if other not in distance:
                distance[other] = distance[current] + 1
                queue.append(other)
    return [node_id for node_id in amap.ids if node_id in distance]


def cut_off(amap: ArgumentMap, shown: frozenset[str]) -> dict[str, list[str]]:
    """Return, for each shown node with neighbours left out, those neighbours in file order.

    A neighbour is a node one ``because``, ``attacks`` or ``undercuts`` link away, either way.
    """
    order = {node_id: place for place, node_id in enumerate(amap.ids)}
    hidden: dict[str, list[str]] = {}
    for node_id, others in _links(amap).items():
        if node_id in shown:
            left_out = {other for other in others if other not in shown}
            if left_out:
                hidden[node_id] = sorted(left_out, key=order.__getitem__)
    return hidden


def _links(amap: ArgumentMap) -> dict[str, list[str]]:
    """Undirected adjacency along because, attacks and undercuts."""
    links: dict[str, list[str]] = {}
    for node in amap.nodes:
        others = [premise for reason in node.reasons for premise in reason.premises]
        others += [attack.target for attack in node.attacks]
        for other in others:
            if other in amap:
                links.setdefault(node.id, []).append(other)
                links.setdefault(other, []).append(node.id)
    return links


def children(amap: ArgumentMap, node_id: str) -> list[str]:
    """Return what hangs below a node: its premises, then its attackers (known ids, once each)."""
    node = amap.node(node_id)
    found = [premise for reason in node.reasons for premise in reason.premises]
    found += [attacker for attacker, _ in amap.attacks_on(node_id)]
    return list(dict.fromkeys(other for other in found if other in amap))


def levels(amap: ArgumentMap, starts: Iterable[str]) -> dict[str, int]:
    """Return each node's distance below ``starts``, going down to premises and attackers."""
    level = dict.fromkeys(starts, 0)
    queue = deque(level)
    while queue:
        current = queue.popleft()
        for child in children(amap, current):
            if child not in level:
                level[child] = level[current] + 1
                queue.append(child)
    return level
