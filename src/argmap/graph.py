"""Graph algorithms over a map, as plain functions.

Support edges run from a conclusion to the premises of its reasons (``because``); attack edges
from an attacker to the node it rebuts or whose reason it undercuts. Every function here is
linear in nodes + edges and iterative, so a 100,000-long chain of reasons cannot overflow the
stack.

The functions walk the integer index the map builds once (:class:`argmap.model.Adjacency`:
node numbers, premise, user and attacker lists): lists indexed by int are several times faster
than dicts keyed by id, and each grounding (with and without assumptions) is computed once for
all the rules that need it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence

from argmap.model import Adjacency, ArgumentMap

__all__ = [
    "components",
    "cycle_through",
    "grounded",
    "grounding_witnesses",
    "reaching",
    "support_cycles",
    "supported_by",
]


def _ground(
    index: Adjacency, *, assumptions: bool, withdrawn: Collection[str] = ()
) -> tuple[list[int], list[int]]:
    """Return grounded nodes in the order they become grounded, and the reason (-1: base)."""
    cached = not withdrawn
    if cached and assumptions in index.grounding:
        return index.grounding[assumptions]
    level = 2 if assumptions else 1
    done = bytearray(len(index.ids))
    order = [i for i, kind in enumerate(index.base) if kind and kind <= level]
    for i in order:
        done[i] = 1
    for node_id in withdrawn:
        number = index.number.get(node_id)
        if number is not None and done[number]:
            done[number] = 0
            order.remove(number)
    why = [-1] * len(order)
    missing = index.reason_size[:]
    used_in = index.used_in
    reason_node = index.reason_node
    position = 0
    while position < len(order):
        for r in used_in[order[position]]:
            left = missing[r] - 1
            missing[r] = left
            if left == 0:
                conclusion = reason_node[r]
                if not done[conclusion]:
                    done[conclusion] = 1
                    order.append(conclusion)
                    why.append(r)
        position += 1
    if cached:
        index.grounding[assumptions] = (order, why)
    return order, why


def _index(argument_map: ArgumentMap) -> Adjacency:
    return argument_map._graph  # noqa: SLF001 - the same package


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
    index = _index(argument_map)
    order, _ = _ground(index, assumptions=assumptions, withdrawn=withdrawn)
    return set(map(index.ids.__getitem__, order))


def grounding_witnesses(argument_map: ArgumentMap) -> dict[str, str]:
    """Map each node grounded only thanks to assumptions to one assumption it needs.

    A node is in the result when it is grounded with assumptions counted and not without them.
    """
    index = _index(argument_map)
    order, why = _ground(index, assumptions=True)
    without = bytearray(len(index.ids))
    for i in _ground(index, assumptions=False)[0]:
        without[i] = 1
    ids, base, reason_premises = index.ids, index.base, index.reason_premises
    witness: dict[int, int] = {}
    for i, r in zip(order, why, strict=True):
        if without[i]:
            continue
        if base[i] == 2:
            witness[i] = i
            continue
        if r < 0:
            continue
        needed = next(p for p in reason_premises[r] if not without[p])
        if needed in witness:
            witness[i] = witness[needed]
    return {ids[i]: ids[w] for i, w in witness.items()}


def support_cycles(argument_map: ArgumentMap) -> list[tuple[str, ...]]:
    """Return every set of nodes that support each other in a circle.

    These are the strongly connected components of the support graph with more than one node,
    or one node supporting itself; members are listed in file order, components in the order
    of their first member (see :func:`components`).
    """
    index = _index(argument_map)
    ids, premises = index.ids, index.premises
    found = [
        sorted(component)
        for component in components(range(len(ids)), premises)
        if len(component) > 1 or component[0] in premises[component[0]]
    ]
    found.sort(key=lambda members: members[0])
    return [tuple(ids[i] for i in members) for members in found]


def components(roots: Iterable[int], below: Sequence[Sequence[int]]) -> Iterator[list[int]]:
    """Yield the strongly connected components reachable from ``roots``, premises first.

    Tarjan's algorithm, iterative, along ``below`` (a node's premises). A component is yielded
    after every component below it, so its premises are settled before it. Nodes without
    premises are not yielded (each is a component of its own, with nothing below it).
    """
    count = len(below)
    number = [-1] * count  # Tarjan's visiting order; -1: not visited
    low = [0] * count
    on_stack = bytearray(count)
    stack: list[int] = []
    counter = 0
    for root in roots:
        if number[root] >= 0 or not below[root]:
            continue
        number[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = 1
        work = [(root, iter(below[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if number[child] < 0:
                    if not below[child]:
                        continue
                    number[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = 1
                    work.append((child, iter(below[child])))
                    break
                if on_stack[child] and number[child] < low[node]:
                    low[node] = number[child]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == number[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = 0
                        component.append(member)
                        if member == node:
                            break
                    yield component


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
        node = argument_map.get(current)
        for premise in [p for r in node.reasons for p in r.premises] if node else ():
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
    index = _index(argument_map)
    seen = set(targets)
    known = [index.number[t] for t in seen if t in index.number]
    mark = bytearray(len(index.ids))
    for i in known:
        mark[i] = 1
    queue = known
    premises, attackers = index.premises, index.attackers
    for i in queue:  # the list grows while it is walked: a breadth-first queue
        for feeder in premises[i]:
            if not mark[feeder]:
                mark[feeder] = 1
                queue.append(feeder)
        for feeder in attackers[i]:
            if not mark[feeder]:
                mark[feeder] = 1
                queue.append(feeder)
    seen.update(map(index.ids.__getitem__, queue))
    return seen


def supported_by(argument_map: ArgumentMap, sources: Iterable[str]) -> set[str]:
    """Return the ids that have one of ``sources`` among their grounds, sources included.

    A node has a source among its grounds when the source can be reached from it by following
    ``because`` from conclusions down to premises, any number of steps.
    """
    index = _index(argument_map)
    seen = set(sources)
    mark = bytearray(len(index.ids))
    queue = [index.number[s] for s in seen if s in index.number]
    for i in queue:
        mark[i] = 1
    used_in, reason_node = index.used_in, index.reason_node
    for i in queue:
        for r in used_in[i]:
            conclusion = reason_node[r]
            if not mark[conclusion]:
                mark[conclusion] = 1
                queue.append(conclusion)
    seen.update(map(index.ids.__getitem__, queue))
    return seen
