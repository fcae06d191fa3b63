"""Graph algorithms over a map, as plain functions.

Support edges run from a conclusion to the premises of its reasons (``because``); attack edges
from an attacker to the node it rebuts or whose reason it undercuts. Every function here is
linear in nodes + edges and iterative, so a 100,000-long chain of reasons cannot overflow the
stack.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable

from argmap.model import ArgumentMap, Assumption, Evidence, Node, Premise

__all__ = [
    "cycle_through",
    "grounded",
    "grounding_witnesses",
    "reaching",
    "support_cycles",
    "supported_by",
]

_BASE_KINDS = (Evidence, Premise, Assumption)


def _is_base(node: Node, assumptions: bool) -> bool:
    if isinstance(node, Assumption):
        return assumptions
    return isinstance(node, _BASE_KINDS)


def grounded(
    argument_map: ArgumentMap,
    *,
    assumptions: bool = True,
    withdrawn: Collection[str] = (),
) -> set[str]:
    """Return the ids of the grounded nodes: the least fixpoint of support.

    Evidence, premises and (unless ``assumptions`` is false) assumptions are grounded; so is any
    node with a reason whose premises are all grounded. Nodes in ``withdrawn`` do not count as
    grounded on their own (they still may through a reason). Cycles are not grounded.
    """
    order = _grounding_order(argument_map, assumptions=assumptions, withdrawn=withdrawn)
    return {node_id for node_id, _ in order}


def grounding_witnesses(argument_map: ArgumentMap) -> dict[str, str]:
    """Map each node grounded only thanks to assumptions to one assumption it needs.

    A node is in the result when it is grounded with assumptions counted and not without them.
    """
    with_assumptions = _grounding_order(argument_map, assumptions=True, withdrawn=())
    without = grounded(argument_map, assumptions=False)
    witness: dict[str, str] = {}
    for node_id, reason in with_assumptions:
        if node_id in without:
            continue
        node = argument_map.node(node_id)
        if isinstance(node, Assumption):
            witness[node_id] = node_id
            continue
        if reason is None:
            continue
        needed = next(p for p in node.reasons[reason - 1].premises if p not in without)
        if needed in witness:
            witness[node_id] = witness[needed]
    return witness


def _grounding_order(
    argument_map: ArgumentMap, *, assumptions: bool, withdrawn: Collection[str]
) -> list[tuple[str, int | None]]:
    """Return the grounded nodes in the order they become grounded, with the grounding reason.

    A queue over "premises still missing" counters: each support edge is looked at once.
    """
    missing: dict[tuple[str, int], int] = {}
    order: list[tuple[str, int | None]] = []
    done: set[str] = set()
    for node in argument_map.nodes:
        for number, reason in enumerate(node.reasons, start=1):
            missing[node.id, number] = len(reason.premises)
        if node.id not in withdrawn and _is_base(node, assumptions):
            done.add(node.id)
            order.append((node.id, None))
    position = 0
    while position < len(order):
        premise = order[position][0]
        position += 1
        for conclusion, number in argument_map.used_in(premise):
            left = missing[conclusion, number] - 1
            missing[conclusion, number] = left
            if left == 0 and conclusion not in done:
                done.add(conclusion)
                order.append((conclusion, number))
    return order


def support_cycles(argument_map: ArgumentMap) -> list[tuple[str, ...]]:
    """Return every set of nodes that support each other in a circle.

    These are the strongly connected components of the support graph with more than one node,
    or one node supporting itself; members are listed in file order, components in the order
    of their first member. Tarjan's algorithm, iterative.
    """
    order = {node_id: number for number, node_id in enumerate(argument_map.ids)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[tuple[str, ...]] = []
    for root in argument_map.ids:
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, _premises(argument_map, root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node_id, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, _premises(argument_map, child)))
                    break
                if child in on_stack:
                    low[node_id] = min(low[node_id], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node_id])
                if low[node_id] == index[node_id]:
                    component = _pop_component(stack, on_stack, node_id)
                    if len(component) > 1 or node_id in _premises_set(argument_map, node_id):
                        found.append(tuple(sorted(component, key=order.__getitem__)))
    return sorted(found, key=lambda members: order[members[0]])


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    component = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        component.append(member)
        if member == root:
            return component


def _premises(argument_map: ArgumentMap, node_id: str) -> Iterable[str]:
    node = argument_map.get(node_id)
    if node is None:
        return iter(())
    return iter([p for reason in node.reasons for p in reason.premises])


def _premises_set(argument_map: ArgumentMap, node_id: str) -> set[str]:
    return set(_premises(argument_map, node_id))


def cycle_through(argument_map: ArgumentMap, members: Collection[str]) -> list[str]:
    """Return one support cycle inside ``members`` from its first member back to it.

    ``members`` is a component from :func:`support_cycles`; the result starts and ends with the
    first member, following ``because`` edges (breadth-first, so the cycle is a shortest one).
    """
    inside = set(members)
    start = next(iter(members))
    parent: dict[str, str] = {}
    queue: deque[str] = deque([start])
    while queue:
        current = queue.popleft()
        for premise in _premises(argument_map, current):
            if premise == start:
                path = [current]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start, *reversed(path[:-1]), start] if current != start else [start, start]
            if premise in inside and premise not in parent:
                parent[premise] = current
                queue.append(premise)
    return [start, start]


def reaching(argument_map: ArgumentMap, targets: Iterable[str]) -> set[str]:
    """Return the ids from which some target can be reached along support and attack edges.

    An edge runs from a premise to its conclusion and from an attacker to the node it rebuts or
    whose reason it undercuts. The targets themselves are included.
    """
    seen = set(targets)
    queue = deque(seen)
    while queue:
        node_id = queue.popleft()
        node = argument_map.get(node_id)
        feeders: list[str] = [a for a, _ in argument_map.attacks_on(node_id)]
        if node is not None:
            feeders.extend(p for reason in node.reasons for p in reason.premises)
        for feeder in feeders:
            if feeder not in seen:
                seen.add(feeder)
                queue.append(feeder)
    return seen


def supported_by(argument_map: ArgumentMap, sources: Iterable[str]) -> set[str]:
    """Return the ids that have one of ``sources`` among their grounds, sources included.

    A node has a source among its grounds when the source can be reached from it by following
    ``because`` from conclusions down to premises, any number of steps.
    """
    seen = set(sources)
    queue = deque(seen)
    while queue:
        premise = queue.popleft()
        for conclusion, _ in argument_map.used_in(premise):
            if conclusion not in seen:
                seen.add(conclusion)
                queue.append(conclusion)
    return seen
