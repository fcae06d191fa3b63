"""AM016 paragraph-out-of-range: an ``at:`` or ``unmapped:`` paragraph the text does not have."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report paragraph numbers beyond the analysed text's last paragraph."""
    text = ctx.map.text
    if text is None:
        return
    last = len(text.paragraphs)
    for number in sorted(ctx.map.unmapped):
        if number > last:
            yield Finding(
                None,
                ctx.map.position,
                f"`unmapped` lists paragraph {number}, but the text has {last}; remove it",
            )
    for node in ctx.map.nodes:
        beyond = [number for number in node.at if number > last]
        if beyond:
            shown = ", ".join(str(n) for n in beyond)
            yield Finding.on(
                node,
                f"`{node.id}` is at paragraph {shown}, but the text has {last}; fix its `at:`",
            )


RULE = Rule(
    code="AM016",
    name="paragraph-out-of-range",
    severity=Severity.ERROR,
    summary="A node names a paragraph beyond the end of the analysed text.",
    rationale=(
        "A paragraph number past the end of the text is a typo or a map written against "
        "another version of the text: a reader following it finds nothing. Checked only when "
        "the text is at hand: `--text FILE`, or the `file` field of the analysed entry."
    ),
    fix="Correct the paragraph number in `at:` (or `unmapped:`).",
    firing=Example(
        """\
nodes:
  T1:
    claim: Armenia is moving away from Russian arms.
    thesis: true
    at: [12]
""",
        text="Armenia buys fewer Russian arms.\n",
    ),
    clean=Example(
        """\
nodes:
  T1:
    claim: Armenia is moving away from Russian arms.
    thesis: true
    at: [1]
""",
        text="Armenia buys fewer Russian arms.\n",
    ),
    check=check,
)
