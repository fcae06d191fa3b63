"""AM015 uncovered-paragraph: a paragraph of the analysed text that no node maps."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.model import SourcePosition
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report paragraphs no node names in ``at:`` and the header does not list as unmapped."""
    text = ctx.map.text
    if text is None:
        return
    covered = {number for node in ctx.map.nodes for number in node.at}
    covered.update(ctx.map.unmapped)
    for paragraph in text.paragraphs:
        if paragraph.number not in covered:
            yield Finding(
                None,
                SourcePosition(text.file, paragraph.line, 1),
                f"paragraph {paragraph.number} is mapped by no node; add `at: "
                f"[{paragraph.number}]` to the nodes it argues, or list it under `unmapped:` in "
                "the `map:` header with the reason it carries no argument",
            )


_TEXT = "Armenia buys fewer Russian arms.\n\nThis paper has four sections.\n"

RULE = Rule(
    code="AM015",
    name="uncovered-paragraph",
    severity=Severity.WARNING,
    summary="A paragraph of the analysed text is mapped by no node.",
    rationale=(
        "A map that skips a paragraph may miss part of the argument. Paragraphs that carry no "
        "argument (an outline, a quotation) are listed under `unmapped:` with the reason, so "
        "the map says it looked at them. Checked only when the text is at hand: "
        "`--text FILE`, or the `file` field of the analysed entry."
    ),
    fix="Add the paragraph to the `at:` of the nodes it argues, or list it under `unmapped:`.",
    firing=Example(
        """\
nodes:
  T1:
    claim: Armenia is moving away from Russian arms.
    thesis: true
    at: [1]
""",
        text=_TEXT,
    ),
    clean=Example(
        """\
map:
  unmapped: {2: outline of the paper}
nodes:
  T1:
    claim: Armenia is moving away from Russian arms.
    thesis: true
    at: [1]
""",
        text=_TEXT,
    ),
    check=check,
)
