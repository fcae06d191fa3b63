r"""What laying out a DOT graph costs ``dot``, measured from the text before ``dot`` sees it.

``dot`` puts nodes on ranks, cuts every edge that spans several ranks into a chain of
*virtual* nodes, one per rank crossed, and then places all of them left to right by solving a
network simplex problem over an auxiliary graph of one node per real or virtual node plus one
per edge segment. That last step dominates on tangled maps and grows about as the square of
the auxiliary graph: ``dot -v`` reports it (``network simplex: 25826 nodes``) and on a
1,000-node random map it took 76 of the layout's 80 seconds. What matters is therefore not
the node count but the rank span of the edges: 1,146 nodes and 1,611 edges became 25,826
positions because long cross-links crossed up to 85 ranks.

:func:`measure` estimates that auxiliary graph, :attr:`Cost.work`: nodes, plus edges, plus
twice the virtual nodes. The ranks come from a cheap stand-in for ``dot``'s ranking (cycles
broken by depth-first search as ``dot`` does, longest paths, then each node moved towards the
side it has more edges to, a few times over); edges with ``constraint=false`` do not set ranks
but are still cut into virtual nodes, and ``rank=max`` nodes go to the last rank. The
stand-in ranks less tightly than ``dot``'s network simplex, so the work it gives is an upper
estimate: 1.3 to 2 times what ``dot -v`` reports on the maps of ``benchmarks/bench_render.py``,
which calibrates :data:`argmap.render.layout.WORK_BUDGET` in the same units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

__all__ = ["Cost", "measure"]

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_EDGE = re.compile(rf"^\s+({_QUOTED}) -> ({_QUOTED})(.*);$")
_NODE = re.compile(rf"^\s+({_QUOTED}) \[")
_LAST_RANK = re.compile(r"^\s+\{ rank=max; (.*) \}$")
_LOOSE = "constraint=false"
#: Rounds of moving nodes towards the side with more edges; more rarely helps.
_ROUNDS = 3


@attrs.frozen
class Cost:
    """What a DOT graph costs to lay out.

    Attributes:
        nodes: Nodes, junctions included.
        edges: Edges.
        span: Virtual nodes: the ranks edges cross beyond their first, summed over edges.
        ranks: How many ranks the graph takes.
    """

    nodes: int
    edges: int
    span: int
    ranks: int

    @property
    def work(self) -> int:
        """The size of the problem ``dot`` solves to place nodes: nodes + edges + 2 x span."""
        return self.nodes + self.edges + 2 * self.span


def measure(dot_source: str) -> Cost:
    """Return what laying out ``dot_source`` costs, as :func:`argmap.render.to_dot` writes it.

    It reads node statements, edge statements (one ``->`` each) and ``{ rank=max; ... }``
    lines; other DOT is not understood. The same text gives the same cost.

    Args:
        dot_source: DOT text.

    Returns:
        Its nodes, edges, virtual nodes and ranks.
    """
    nodes: dict[str, None] = {}
    edges: list[tuple[str, str, bool]] = []
    last: list[str] = []
    for line in dot_source.splitlines():
        if found := _EDGE.match(line):
            tail, head = found[1], found[2]
            edges.append((tail, head, _LOOSE in found[3]))
            nodes.setdefault(tail)
            nodes.setdefault(head)
        elif found := _NODE.match(line):
            nodes.setdefault(found[1])
        elif found := _LAST_RANK.match(line):
            last = re.findall(_QUOTED, found[1])
    rank = _ranks(list(nodes), [(tail, head) for tail, head, loose in edges if not loose])
    if last and rank:
        top = max(rank.values())
        rank.update(dict.fromkeys((name for name in last if name in rank), top))
    span = sum(max(0, abs(rank[head] - rank[tail]) - 1) for tail, head, _ in edges)
    ranks = len(set(rank.values()))
    return Cost(nodes=len(nodes), edges=len(edges), span=span, ranks=ranks)


def _ranks(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Ranks that keep every edge pointing to a higher rank, its cycles broken first."""
    out: dict[str, list[str]] = {name: [] for name in nodes}
    for tail, head in edges:
        if tail != head:
            out[tail].append(head)
    up = _acyclic(nodes, out)
    down: dict[str, list[str]] = {name: [] for name in nodes}
    for tail, heads in up.items():
        for head in heads:
            down[head].append(tail)
    order = _topological(nodes, up, down)
    rank = dict.fromkeys(nodes, 0)
    for name in order:
        for head in up[name]:
            rank[head] = max(rank[head], rank[name] + 1)
    for _ in range(_ROUNDS):
        if not _settle(order, up, down, rank):
            break
    return rank


def _acyclic(nodes: Sequence[str], out: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The edges with those that close a cycle reversed, found by depth-first search."""
    up: dict[str, list[str]] = {name: [] for name in nodes}
    state: dict[str, bool] = {}  # False while on the search path, True once finished
    for start in nodes:
        if start in state:
            continue
        state[start] = False
        stack = [(start, iter(out[start]))]
        while stack:
            name, heads = stack[-1]
            head = next(heads, None)
            if head is None:
                state[name] = True
                stack.pop()
            elif state.get(head) is False:
                up[head].append(name)
            else:
                up[name].append(head)
                if head not in state:
                    state[head] = False
                    stack.append((head, iter(out[head])))
    return up


def _topological(
    nodes: Sequence[str], up: Mapping[str, list[str]], down: Mapping[str, list[str]]
) -> list[str]:
    waiting = {name: len(down[name]) for name in nodes}
    order = [name for name in nodes if not waiting[name]]
    for name in order:
        for head in up[name]:
            waiting[head] -= 1
            if not waiting[head]:
                order.append(head)
    return order


def _settle(
    order: Sequence[str],
    up: Mapping[str, list[str]],
    down: Mapping[str, list[str]],
    rank: dict[str, int],
) -> bool:
    """Move each node as near as it may go to the side it has more edges to; True if any."""
    moved = False
    for name in (*reversed(order), *order):
        heads, tails = up[name], down[name]
        if len(heads) >= len(tails) and heads:
            wanted = min(rank[head] for head in heads) - 1
        elif tails:
            wanted = max(rank[tail] for tail in tails) + 1
        else:
            continue
        if wanted != rank[name]:
            rank[name] = wanted
            moved = True
    return moved
