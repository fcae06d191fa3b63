"""AM003 circular-support: nodes that support each other in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from argmap import graph
from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report each strongly connected set of the support graph once, naming a cycle in order."""
    for members in graph.support_cycles(ctx.map):
        cycle = graph.cycle_through(ctx.map, members)
        path = " -> ".join(f"`{m}`" for m in cycle)
        rest = [m for m in members if m not in cycle]
        extra = f" (also in the circle: {', '.join(f'`{m}`' for m in rest)})" if rest else ""
        yield Finding.on(
            ctx.map.node(members[0]),
            f"circular support {path}{extra}; remove one `because` so that the support "
            "ends in evidence or premises",
        )


RULE = Rule(
    code="AM003",
    name="circular-support",
    severity=Severity.ERROR,
    summary="Nodes support each other in a circle.",
    rationale=(
        "A claim that supports itself, directly or through others, begs the question: every "
        "node of the circle takes for granted what it is meant to show."
    ),
    fix="Break the circle: remove the `because` that leads back, and ground the claims instead.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia distances itself from Russia.
    thesis: true
    because: C1
  C1:
    claim: Yerevan seeks Western partners.
    because: T1
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia distances itself from Russia.
    thesis: true
    because: C1
  C1:
    claim: Yerevan seeks Western partners.
    because: E1
  E1:
    evidence: Armenia joined Eagle Partner exercises with the United States in 2023.
"""),
    check=check,
)
