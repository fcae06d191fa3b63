"""AM012 rests-on-assumption: a claim grounded only through an unstated assumption."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report claims that are grounded with assumptions counted, and not without them."""
    witnesses = ctx.assumption_witnesses
    for node in ctx.census.claims:
        if node.id in witnesses:
            yield Finding.on(
                node,
                f"claim `{node.id}` holds only if the unstated assumption "
                f"`{witnesses[node.id]}` does; support the assumption with evidence, or "
                "accept the risk",
            )


RULE = Rule(
    code="AM012",
    name="rests-on-assumption",
    severity=Severity.INFO,
    summary="A claim is grounded only through an assumption the author leaves unstated.",
    rationale=(
        "Assumptions are where arguments are weakest: the author never defends them, so a "
        "reader who doubts one loses every claim resting on it. This is a note, not a fault: "
        "it shows where the argument is exposed."
    ),
    fix="Give the assumption support of its own, or make the claim not depend on it.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia has distanced itself from Russia militarily.
    thesis: true
    because: E1 + A1
  E1:
    evidence: Russia's share of Armenian arms imports fell below 10%.
  A1:
    assumption: The share of arms imports measures military-technical ties.
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia has distanced itself from Russia militarily.
    thesis: true
    because: E1 + E2
  E1:
    evidence: Russia's share of Armenian arms imports fell below 10%.
  E2:
    evidence: Armenia froze its participation in the CSTO.
"""),
    check=check,
)
