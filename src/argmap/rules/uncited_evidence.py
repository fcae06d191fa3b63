"""AM004 uncited-evidence: evidence with no citation."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report evidence nodes without ``cites``."""
    for node in ctx.census.evidence:
        if not node.citations:
            yield Finding.on(
                node,
                f"evidence `{node.id}` cites no source; add `cites:` with the source and a locator",
            )


RULE = Rule(
    code="AM004",
    name="uncited-evidence",
    severity=Severity.WARNING,
    summary="A piece of evidence cites no source.",
    rationale=(
        "Evidence is only as good as where it comes from. Without a source a reviewer cannot "
        "check the fact, and the claims resting on it inherit the doubt."
    ),
    fix="Add `cites:` with the bibliography key and a locator (page, paragraph, note, ...).",
    firing=Example("""\
nodes:
  E1:
    evidence: Bilateral trade rose from $2.5 billion in 2021 to $12.4 billion in 2024.
"""),
    clean=Example(
        """\
nodes:
  E1:
    evidence: Bilateral trade rose from $2.5 billion in 2021 to $12.4 billion in 2024.
    cites: [{key: trade2025, page: 4}]
""",
        bib="@misc{trade2025, title = {Trade statistics}, year = {2025}}\n",
    ),
    check=check,
)
