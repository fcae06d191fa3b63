"""AM017 defeated-claim: a supported claim that does not survive the objections against it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from argmap.diagnostics import Severity
from argmap.model import Claim, Node
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report grounded claims labelled OUT or UNDEC, with what defeats them."""
    grounded = ctx.grounded
    weighing = ctx.weighing
    falling = weighing.labels.not_in()  # OUT or UNDEC, in file order: few nodes of a map
    nodes: Iterable[Node]
    if len(weighing.labels) == len(ctx.map.nodes):  # each id once: the labels' order is the map's
        nodes = map(ctx.map.node, falling)
    else:
        falling_ids = set(falling)
        nodes = [node for node in ctx.map.nodes if node.id in falling_ids]
    for node in nodes:
        if not isinstance(node, Claim) or node.id not in grounded:
            continue  # unsupported and ungrounded claims are AM001 and AM002
        status = weighing.status(node.id)
        what = "thesis" if node.thesis else "claim"
        yield Finding.on(
            node,
            f"{what} `{node.id}` is {status.label.name}: {status.why}; answer the objections "
            "that stand, or give the claim a reason they do not touch",
        )


RULE = Rule(
    code="AM017",
    name="defeated-claim",
    severity=Severity.WARNING,
    summary="A supported claim or thesis does not stand once the objections are weighed.",
    rationale=(
        "Support is not enough: a claim whose reasons are undercut, or which an objection "
        "rebuts, no longer stands while that objection does. argmap labels every node with "
        "the grounded semantics of argumentation theory (IN, OUT or UNDEC, see `argmap "
        "status`); a claim or thesis that has grounded support but comes out OUT or UNDEC is "
        "defeated, or left undecided, by the objections the map records."
    ),
    fix="Answer the objection that defeats the claim (a node that `attacks:` it), or support "
    "the claim with a reason the objection does not touch.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia turned away from Russia by choice.
    thesis: true
    because: E1
  E1:
    evidence: Armenia's arms imports from Russia fell below 10%.
  O1:
    objection: Russia could not deliver the arms, so the fall shows no choice.
    undercuts: T1/1
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia turned away from Russia by choice.
    thesis: true
    because: E1
  E1:
    evidence: Armenia's arms imports from Russia fell below 10%.
  O1:
    objection: Russia could not deliver the arms, so the fall shows no choice.
    undercuts: T1/1
  C1:
    claim: Armenia also cancelled contracts Russia was able to fulfil.
    attacks: O1
    because: E2
  E2:
    evidence: Outstanding contracts were settled by reducing Armenia's debt.
"""),
    check=check,
)
