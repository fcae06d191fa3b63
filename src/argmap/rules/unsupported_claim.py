"""AM001 unsupported-claim: a claim (or thesis) with no reason."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report every claim without ``because``."""
    for node in ctx.census.claims:
        if not node.reasons:
            what = "thesis" if node.thesis else "claim"
            yield Finding.on(
                node,
                f"{what} `{node.id}` has no reason; add `because:` with what supports it, "
                "or make it an `assumption:` if it is left unstated",
            )


RULE = Rule(
    code="AM001",
    name="unsupported-claim",
    severity=Severity.WARNING,
    summary="A claim or thesis is asserted without any reason.",
    rationale=(
        "A claim with no reason asks the reader to take it on trust. Either the text gives a "
        "reason the map has not recorded yet, or the argument has a gap a reviewer will find."
    ),
    fix="Add `because:` naming the nodes that support the claim, or turn it into an assumption.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia is buying fewer Russian arms.
    thesis: true
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia is buying fewer Russian arms.
    thesis: true
    because: E1
  E1:
    evidence: Russia's share of Armenian arms imports fell sharply after 2020.
"""),
    check=check,
)
