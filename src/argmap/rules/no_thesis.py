"""AM010 no-thesis: the map marks no thesis."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report a map without any ``thesis: true`` claim, an empty map included."""
    if not ctx.map.nodes:
        yield Finding(
            None,
            ctx.map.position,
            "the map has no node, so no thesis; write the argument under `nodes:`",
        )
    elif not ctx.map.theses:
        yield Finding(
            None,
            ctx.map.position,
            "the map marks no thesis; add `thesis: true` to the claim the argument concludes",
        )


RULE = Rule(
    code="AM010",
    name="no-thesis",
    severity=Severity.ERROR,
    summary="The map does not say what its main conclusion is.",
    rationale=(
        "Without a thesis there is nothing to argue towards: argmap cannot tell which nodes "
        "lead somewhere, and a reader cannot tell what the argument is for."
    ),
    fix="Mark the main conclusion (or conclusions) with `thesis: true`.",
    firing=Example("""\
nodes:
  C1:
    claim: Armenia is diversifying its defence partners.
"""),
    clean=Example("""\
nodes:
  C1:
    claim: Armenia is diversifying its defence partners.
    thesis: true
"""),
    check=check,
)
