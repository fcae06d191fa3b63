"""AM011 unused-source: a bibliography entry that no citation uses."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report bibliography entries no node cites (the analysed text counts as used)."""
    used = ctx.cited_keys
    for key, source in ctx.map.sources.items():
        if key not in used:
            yield Finding(
                None,
                source.position,
                f"source `{key}` is not cited; cite it where it is used, or remove it",
            )


_BIB = (
    "@book{walt1987, author = {Walt, Stephen M.}, title = {The Origins of Alliances},"
    " publisher = {Cornell University Press}, year = {1987}}\n"
    "@book{waltz1979, author = {Waltz, Kenneth N.}, title = {Theory of International Politics},"
    " publisher = {Addison-Wesley}, year = {1979}}\n"
)

RULE = Rule(
    code="AM011",
    name="unused-source",
    severity=Severity.INFO,
    summary="A bibliography entry is never cited.",
    rationale=(
        "An uncited entry is either a source the map forgot to use or leftover clutter. It "
        "never fails a check: a shared bibliography may well hold more than one map cites."
    ),
    fix="Cite the source where the map relies on it, or remove it from the bibliography.",
    firing=Example(
        """\
nodes:
  P1:
    premise: States balance against threats, not only against power.
    cites: [{key: walt1987, chapter: 2}]
""",
        bib=_BIB,
    ),
    clean=Example(
        """\
nodes:
  P1:
    premise: States balance against threats, not only against power.
    cites: [{key: walt1987, chapter: 2}, {key: waltz1979, chapter: 6}]
""",
        bib=_BIB,
    ),
    check=check,
)
