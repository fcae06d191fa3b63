"""AM008 unanswered-objection: an objection or undercut that nothing attacks."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Severity
from argmap.model import Objection
from argmap.rules._base import Context, Example, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Report objections, and nodes that undercut a reason, that no node attacks."""
    for node in ctx.map.nodes:
        if not isinstance(node, Objection) and not (
            node.attacks and any(attack.undercut for attack in node.attacks)
        ):
            continue  # most nodes attack nothing: told apart without a generator each
        if ctx.map.attacks_on(node.id):
            continue
        if isinstance(node, Objection):
            subject = f"objection `{node.id}`"
        else:  # a claim that undercuts: say which reasons, by name where they have one
            refs = [
                f"`{ctx.map.reason_ref(a.target, a.reason)}`"
                for a in node.attacks
                if a.reason is not None
            ]
            subject = f"undercut of {_and(list(dict.fromkeys(refs)))} by `{node.id}`"
        yield Finding.on(
            node,
            f"{subject} is not answered; add a node that `attacks: {node.id}`, "
            "or concede the point in the text",
        )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


RULE = Rule(
    code="AM008",
    name="unanswered-objection",
    severity=Severity.WARNING,
    summary="An objection or undercut stands without any answer.",
    rationale=(
        "An argument is as strong as its answer to the best objection. An objection the map "
        "records but nothing attacks is a point the author has not met."
    ),
    fix="Answer it with a node that has `attacks:` naming the objection, or revise the claim.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia has turned away from Russia.
    thesis: true
  O1:
    objection: Armenia's leader attended the Victory Day parade in Moscow.
    attacks: T1
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia has turned away from Russia.
    thesis: true
  O1:
    objection: Armenia's leader attended the Victory Day parade in Moscow.
    attacks: T1
  C1:
    claim: The parade visit was protocol and changed no policy.
    attacks: O1
"""),
    check=check,
)
