"""AM018 unexpected-label: a node whose label differs from the one ``expect:`` states."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report each ``expect:`` entry whose node gets another label."""
    for expectation in ctx.map.expected:
        if expectation.node not in ctx.map:
            continue
        status = ctx.weighing.status(expectation.node)
        if status.label.name.lower() != expectation.label:
            yield Finding(
                expectation.node,
                expectation.position,
                f"`{expectation.node}` is {status.label.name}, expected "
                f"{expectation.label.upper()}: {status.why}; revise the argument or the "
                "expectation",
            )


RULE = Rule(
    code="AM018",
    name="unexpected-label",
    severity=Severity.ERROR,
    summary="A node's label is not the one the map's `expect:` header states.",
    rationale=(
        "Expected labels are the regression tests of an argument: the author states which "
        "claims must stand (and which objections must fall), and any change to the map that "
        "breaks one is reported, the way a failing test is."
    ),
    fix="Restore the support or the answer the change removed, or update `expect:` if the "
    "new outcome is intended.",
    firing=Example("""\
map:
  expect: {T1: in, O1: out}
nodes:
  T1:
    claim: Armenia turned away from Russia by choice.
    thesis: true
    because: E1
  E1:
    evidence: Armenia's arms imports from Russia fell below 10%.
  O1:
    objection: The fall only shows that Russia could not deliver.
    undercuts: T1/1
"""),
    clean=Example("""\
map:
  expect: {T1: out, O1: in}
nodes:
  T1:
    claim: Armenia turned away from Russia by choice.
    thesis: true
    because: E1
  E1:
    evidence: Armenia's arms imports from Russia fell below 10%.
  O1:
    objection: The fall only shows that Russia could not deliver.
    undercuts: T1/1
"""),
    check=check,
)
