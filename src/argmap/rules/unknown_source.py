"""AM005 unknown-source: a citation key missing from the bibliography."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.errors import Suggester
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report citations (and the header's ``analysed``) naming keys the bibliography lacks."""
    sources = ctx.map.sources
    keys: Suggester | None = None  # made only when a hint is wanted: most maps have none
    if not sources and ctx.map.bibliography is None:
        unread = next((p.file for p in ctx.map.problems if p.file.lower().endswith(".bib")), None)
        if unread is not None:  # a .bib was found, but no entry of it could be read
            fallback = f"no entry of `{unread}` could be read: fix the entries AM014 reports"
        else:
            fallback = "no bibliography was found: add `bibliography:` to the `map:` header"
    else:
        fallback = "add the entry to the bibliography or fix the key"
    if ctx.map.analysed and ctx.map.analysed not in sources:
        keys = Suggester(sorted(sources))
        hint = keys.did_you_mean(ctx.map.analysed) or fallback
        yield Finding(
            None,
            ctx.map.position,
            f"the analysed text `{ctx.map.analysed}` is not in the bibliography; {hint}",
        )
    if ctx.cited_keys <= sources.keys():  # the usual case: every key is known
        return
    for node in ctx.map.nodes:
        for citation in node.citations:
            if citation.key not in sources:
                if keys is None:
                    keys = Suggester(sorted(sources))
                hint = keys.did_you_mean(citation.key) or fallback
                yield Finding(
                    node.id,
                    citation.position,
                    f"`{node.id}` cites unknown source `{citation.key}`; {hint}",
                )


RULE = Rule(
    code="AM005",
    name="unknown-source",
    severity=Severity.ERROR,
    summary="A citation names a key the bibliography does not have.",
    rationale=(
        "A citation that leads nowhere cannot be checked, and usually hides a typo in the key "
        "or an entry never added to the .bib file."
    ),
    fix="Fix the key, or add the entry to the bibliography.",
    firing=Example(
        """\
nodes:
  P1:
    premise: States balance against threats, not only against power.
    cites: [{key: walt1978, chapter: 2}]
""",
        bib="@book{walt1987, author = {Walt, Stephen M.}, title = {The Origins of Alliances},"
        " publisher = {Cornell University Press}, year = {1987}}\n",
    ),
    clean=Example(
        """\
nodes:
  P1:
    premise: States balance against threats, not only against power.
    cites: [{key: walt1987, chapter: 2}]
""",
        bib="@book{walt1987, author = {Walt, Stephen M.}, title = {The Origins of Alliances},"
        " publisher = {Cornell University Press}, year = {1987}}\n",
    ),
    check=check,
)
