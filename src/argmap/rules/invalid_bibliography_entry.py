"""AM014 invalid-bibliography-entry: a bibliography entry that could not be read as written."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.model import SourcePosition
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report each problem the bibliography reader set aside (malformed or duplicate entries)."""
    for problem in ctx.map.problems:
        position = SourcePosition(problem.file, problem.line, problem.column)
        message = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
        yield Finding(None, position, message)


RULE = Rule(
    code="AM014",
    name="invalid-bibliography-entry",
    severity=Severity.ERROR,
    summary="A bibliography entry is malformed, has no key, or repeats a key.",
    rationale=(
        "An entry the reader cannot parse is not available to cite, and a repeated key makes "
        "the citation ambiguous. argmap keeps the first entry of a key and reports the rest, "
        "so nothing is dropped silently."
    ),
    fix="Repair the entry in the .bib file, or give the repeated entry a key of its own.",
    firing=Example(
        """\
nodes:
  P1:
    premise: States balance against threats.
    cites: [{key: walt1987, chapter: 2}]
""",
        bib="@book{walt1987, title = {The Origins of Alliances}, year = {1987}}\n"
        "@book{walt1987, title = {The Origins of Alliances}, year = {1990}}\n",
    ),
    clean=Example(
        """\
nodes:
  P1:
    premise: States balance against threats.
    cites: [{key: walt1987, chapter: 2}]
""",
        bib="@book{walt1987, title = {The Origins of Alliances}, year = {1987}}\n",
    ),
    check=check,
)
