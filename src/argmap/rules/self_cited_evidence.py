"""AM020 self-cited-evidence: evidence whose only source is the text the map analyses."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report evidence all of whose citations name the header's ``analysed`` text."""
    analysed = ctx.map.analysed
    if analysed is None:
        return
    for node in ctx.census.evidence:
        if node.citations and all(citation.key == analysed for citation in node.citations):
            yield Finding.on(
                node,
                f"evidence `{node.id}` cites only the analysed text `{analysed}`: the author "
                "saying so is no independent evidence; cite the source the author relies on, "
                "or, if there is none, make the node a `claim:` of the author's",
            )


_ARTICLE = (
    "@article{article2025, author = {Doe, Jane}, title = {Armenia and Russia},"
    " journal = {Analyses}, year = {2025}}\n"
)
_SIPRI = "@misc{sipri2025, author = {{SIPRI}}, title = {Arms Transfers Database}, year = {2025}}\n"

RULE = Rule(
    code="AM020",
    name="self-cited-evidence",
    severity=Severity.WARNING,
    summary="A piece of evidence cites only the text the map analyses.",
    rationale=(
        "Evidence grounds a claim because it can be checked apart from the argument. When its "
        "only citation is the analysed text itself (the header's `analysed:` key), the evidence "
        "is the author's word for the author's conclusion: it shows what the author says, not "
        "that it is so, yet it grounds claims like any independent source. A citation of the "
        "analysed text beside another source is fine: it records where the author uses the "
        "fact. Premises are not reported: a premise citing the text's footnote names where the "
        "author found the idea, and AM019 reports one citing nothing."
    ),
    fix="Cite the source the author relies on (the work behind a footnote, the statistics the "
    "text quotes). If the text gives no source and none can be found, make the node a "
    "`claim:` the author asserts, or keep it and say why in `ignore: {AM020: ...}`.",
    firing=Example(
        """\
map:
  analysed: article2025
nodes:
  E1:
    evidence: Russia's share of Armenia's arms imports fell below 10% by 2025.
    cites: [{key: article2025, paragraph: 9}]
""",
        bib=_ARTICLE,
    ),
    clean=Example(
        """\
map:
  analysed: article2025
nodes:
  E1:
    evidence: Russia's share of Armenia's arms imports fell below 10% by 2025.
    cites:
      - {key: sipri2025, table: 3}
      - {key: article2025, paragraph: 9}
""",
        bib=_ARTICLE + _SIPRI,
    ),
    check=check,
)
