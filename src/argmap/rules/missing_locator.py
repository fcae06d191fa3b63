"""AM006 missing-locator: a citation with no locator."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report citations without page, chapter, paragraph, note or another locator."""
    for node, citation in ctx.unlocated:  # found in the same pass as the cited keys
        yield Finding(
            node.id,
            citation.position,
            f"citation of `{citation.key}` in `{node.id}` has no locator; "
            "add where in the source, e.g. `page: 12` or `chapter: 2`",
        )


_BIB = (
    "@book{waltz1979, author = {Waltz, Kenneth N.}, title = {Theory of International Politics},"
    " publisher = {Addison-Wesley}, year = {1979}}\n"
)

RULE = Rule(
    code="AM006",
    name="missing-locator",
    severity=Severity.WARNING,
    summary="A citation does not say where in the source the point is made.",
    rationale=(
        "Citing a whole book sends the reviewer looking through hundreds of pages. A locator "
        "(page, chapter, paragraph, footnote) makes the citation checkable."
    ),
    fix="Add one locator key to the citation: `page`, `chapter`, `paragraph`, `note`, ...",
    firing=Example(
        """\
nodes:
  P1:
    premise: Under anarchy, states look first to their own security.
    cites: [{key: waltz1979}]
""",
        bib=_BIB,
    ),
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
