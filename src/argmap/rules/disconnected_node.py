"""AM009 disconnected-node: a node from which no thesis can be reached."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report nodes that lead to no thesis along because, attacks and undercuts."""
    if not ctx.map.theses:
        return
    reaching = ctx.reaching_thesis
    for node in ctx.map.nodes:
        if node.id not in reaching:
            yield Finding.on(
                node,
                f"{node.kind} `{node.id}` leads to no thesis; use it in a `because:` or "
                "`attacks:` on the way to a thesis, or remove it",
            )


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
