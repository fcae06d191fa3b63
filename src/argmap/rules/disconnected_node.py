"""AM009 disconnected-node: a node from which no thesis can be reached."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from argmap.diagnostics import Severity
from argmap.model import Node
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report nodes that lead to no thesis along because, attacks and undercuts."""
    if not ctx.map.theses:
        return
    for node in _disconnected(ctx):
        yield Finding.on(
            node,
            f"{node.kind} `{node.id}` leads to no thesis; use it in a `because:` or "
            "`attacks:` on the way to a thesis, or remove it",
        )


def _disconnected(ctx: Context) -> Sequence[Node]:
    """Return the nodes, in file order, from which no thesis can be reached.

    The theses are followed down to their premises and attackers over the map's integer
    index, marking nodes by number, rather than gathering the ids of the nodes reached into a
    set (:attr:`Context.reaching_thesis`) and looking each node up in it.
    """
    nodes = ctx.map.nodes
    index = ctx.numbered
    if index is None:
        reaching = ctx.reaching_thesis
        return [node for node in nodes if node.id not in reaching]
    marked = bytearray(len(nodes))
    queue = [number for number, node in enumerate(nodes) if node.thesis]
    for number in queue:
        marked[number] = 1
    premises, attackers = index.premises, index.attackers
    for number in queue:  # the list grows while it is walked: a breadth-first queue
        for feeder in premises[number]:
            if not marked[feeder]:
                marked[feeder] = 1
                queue.append(feeder)
        for feeder in attackers[number]:
            if not marked[feeder]:
                marked[feeder] = 1
                queue.append(feeder)
    return [node for node, reached in zip(nodes, marked, strict=True) if not reached]


RULE = Rule(
    code="AM009",
    name="disconnected-node",
    severity=Severity.WARNING,
    summary="A node does not lead to any thesis.",
    rationale=(
        "Every node of a map should bear on a main conclusion, by supporting or attacking "
        "something that does. A node that leads nowhere is either a missing link or clutter. "
        "Not reported when the map has no thesis (AM010 says so instead)."
    ),
    fix="Link the node into the argument with `because:` or `attacks:`, or remove it.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia is diversifying its defence partners.
    thesis: true
    because: E1
  E1:
    evidence: Armenia bought artillery from India.
  E2:
    evidence: Kazakh wheat reached Armenia through Azerbaijan in November 2025.
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia is diversifying its defence partners.
    thesis: true
    because: E1
  E1:
    evidence: Armenia bought artillery from India.
"""),
    check=check,
)
