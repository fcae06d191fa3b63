"""AM002 ungrounded-claim: a claim whose reasons never bottom out in evidence or premises."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report claims with reasons that are not grounded (least fixpoint of support)."""
    grounded = ctx.grounded
    for node in ctx.census.claims:
        if node.reasons and node.id not in grounded:
            open_premises = dict.fromkeys(
                p for reason in node.reasons for p in reason.premises if p not in grounded
            )
            names = ", ".join(f"`{p}`" for p in list(open_premises)[:3])
            more = ", ..." if len(open_premises) > 3 else ""
            yield Finding.on(
                node,
                f"claim `{node.id}` never bottoms out in evidence, premises or assumptions "
                f"(ungrounded: {names}{more}); support those with evidence or a cited premise",
            )


RULE = Rule(
    code="AM002",
    name="ungrounded-claim",
    severity=Severity.WARNING,
    summary="A claim has reasons, but none of them rests, in the end, on evidence or premises.",
    rationale=(
        "Claims supported only by other unsupported claims look argued but are not: follow "
        "the reasons down and they end in assertions. A node is grounded when it is evidence, "
        "a premise or an assumption, or has a reason whose premises are all grounded; circular "
        "support is never grounded."
    ),
    fix="Support the ungrounded premises with evidence or cited premises.",
    firing=Example("""\
nodes:
  T1:
    claim: Russia's influence in the South Caucasus is waning.
    thesis: true
    because: C1
  C1:
    claim: Moscow can no longer shape regional processes.
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Russia's influence in the South Caucasus is waning.
    thesis: true
    because: C1
  C1:
    claim: Moscow can no longer shape regional processes.
    because: E1
  E1:
    evidence: Russian border guards left the Agarak crossing in late 2024.
"""),
    check=check,
)
