"""AM019 uncited-premise: a theoretical premise that names no work it rests on."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report premise nodes without ``cites``."""
    for node in ctx.census.premises:
        if not node.citations:
            yield Finding.on(
                node,
                f"premise `{node.id}` cites no work; add `cites:` with the work it rests on and "
                "a locator, or make it an `assumption:` if nobody states it",
            )


_BIB = (
    "@book{waltz1979, author = {Waltz, Kenneth N.}, title = {Theory of International Politics},"
    " publisher = {Addison-Wesley}, year = {1979}}\n"
)

RULE = Rule(
    code="AM019",
    name="uncited-premise",
    severity=Severity.WARNING,
    summary="A theoretical premise cites no work it rests on.",
    rationale=(
        "A premise is taken from the literature: it grounds the claims above it because "
        "someone established it. Without a citation a reviewer cannot tell a tenet of a "
        "theory from the author's own belief, and an uncited premise grounds a claim as firmly "
        "as a cited one. Premises imported from Argdown or AIF without citations are reported "
        "too, so that an imported map shows what it still needs."
    ),
    fix="Add `cites:` with the work the premise comes from and a locator; if no work states "
    "it, make it an `assumption:` (left unstated by the author) or a `claim:` with reasons.",
    firing=Example("""\
nodes:
  P1:
    premise: Under anarchy, states look first to their own security.
"""),
    clean=Example(
        """\
nodes:
  P1:
    premise: Under anarchy, states look first to their own security.
    cites: [{key: waltz1979, chapter: 6}]
""",
        bib=_BIB,
    ),
    check=check,
)
