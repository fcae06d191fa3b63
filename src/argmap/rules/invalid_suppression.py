"""AM013 invalid-suppression: an ``ignore:`` entry with no reason, an unknown code, or no effect."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report suppressions that give no reason, name no rule, or silence nothing."""
    for node in ctx.census.suppressing:
        for entry in node.ignore:
            code = ctx.codes.get(entry.code)
            if code is None:
                yield Finding(
                    node.id,
                    entry.position,
                    f"`ignore` of `{node.id}` names unknown rule `{entry.code}`; "
                    "use a code such as `AM004` (see `argmap rules`)",
                )
                continue
            if not entry.reason:
                yield Finding(
                    node.id,
                    entry.position,
                    f"`ignore` of `{entry.code}` on `{node.id}` gives no reason; "
                    "say why the finding does not apply",
                )
            if code in ctx.selected and (node.id, code) not in ctx.used_suppressions:
                yield Finding(
                    node.id,
                    entry.position,
                    f"`ignore` of `{entry.code}` on `{node.id}` silences nothing; remove it",
                )


RULE = Rule(
    code="AM013",
    name="invalid-suppression",
    severity=Severity.WARNING,
    summary="An `ignore:` entry gives no reason, names an unknown rule, or silences nothing.",
    rationale=(
        "A suppression is a claim that a finding does not apply, and should say why. One that "
        "names no rule or no longer silences anything hides nothing but misleads the reader, "
        "and would silently hide the next real finding."
    ),
    fix="Give the reason, fix the code, or remove the entry.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia seeks new defence partners.
    thesis: true
    because: E1
  E1:
    evidence: France agreed to sell air-defence radars to Armenia.
    ignore: {AM001: ""}
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia seeks new defence partners.
    thesis: true
    because: E1
  E1:
    evidence: France agreed to sell air-defence radars to Armenia.
    ignore: {AM004: "the article states this without a source"}
"""),
    check=check,
    late=True,
)
