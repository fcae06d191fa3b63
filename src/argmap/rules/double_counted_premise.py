"""AM021 double-counted-premise: one node among the premises of several reasons of a node."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from argmap.diagnostics import Severity
from argmap.model import Assumption, Node, Premise
from argmap.rules._base import Context, Example, Finding, Rule

#: Kinds that state a general rule a reason applies to its own facts: shared by reasons that
#: otherwise differ, they are not counted twice.
_WARRANTS = (Premise, Assumption)


def check(ctx: Context) -> Iterator[Finding]:
    """Report each node that is a premise of more than one reason of the same node.

    The finding is placed on the node whose reasons share it, as AM017's findings on reasons
    are, so that it stays in place when a map goes through another format and back.

    A theoretical premise or an assumption shared by reasons that otherwise differ is the
    usual shape of an argument (one rule applied to different facts) and is left alone, unless
    one of those reasons holds every premise of another. Only the premises written in the
    reasons are compared, so the check is linear in the size of the map.
    """
    for node in ctx.map.nodes:
        if len(node.reasons) < 2:
            continue
        written = [premise for reason in node.reasons for premise in reason.premises]
        if len(set(written)) == len(written):
            continue  # no node written twice: the usual case, told apart at once
        premises = [frozenset(reason.premises) for reason in node.reasons]
        places: dict[str, list[int]] = {}
        for number, members in enumerate(premises, start=1):
            for premise in sorted(members):
                places.setdefault(premise, []).append(number)
        for premise in sorted(places, key=lambda p: (places[p], p)):
            numbers = places[premise]
            if len(numbers) < 2:
                continue
            covered = _covered(premises, numbers)
            shared = ctx.map.get(premise)
            if isinstance(shared, _WARRANTS) and covered is None:
                continue
            yield Finding.on(node, _message(node, premise, numbers, covered))


def _covered(premises: Sequence[frozenset[str]], numbers: Sequence[int]) -> tuple[int, int] | None:
    """Return (smaller, larger) when one of these reasons holds every premise of another.

    A reason written twice and the smallest reason held whole by another are found; other
    containments, rare and costly to look for, are left out, so that the check stays linear.
    """
    first: dict[frozenset[str], int] = {}
    for number in numbers:
        earlier = first.setdefault(premises[number - 1], number)
        if earlier != number:
            return earlier, number
    small = min(numbers, key=lambda number: len(premises[number - 1]))
    for large in numbers:
        if large != small and premises[small - 1] <= premises[large - 1]:
            return small, large
    return None


def _and(words: Sequence[str]) -> str:
    if len(words) == 2:
        return f"{words[0]} and {words[1]}"
    return ", ".join(words[:-1]) + f" and {words[-1]}"


def _all(numbers: Sequence[int]) -> str:
    return "both" if len(numbers) == 2 else f"all {len(numbers)}"


def _message(
    node: Node, premise: str, numbers: Sequence[int], covered: tuple[int, int] | None
) -> str:
    word = node.reason_word  # `trade` for a named reason, else its number
    head = f"{node.kind} `{node.id}` counts `{premise}` in reasons {_and(list(map(word, numbers)))}"
    if covered is not None:
        small, large = word(covered[0]), word(covered[1])
        return (
            f"{head}: reason {large} holds every premise of reason {small}, so it stands only "
            f"when reason {small} does and adds no support of its own; drop reason {large}, "
            f"or merge the two"
        )
    return (
        f"{head}: the reasons are less independent than they look, as {_all(numbers)} fall "
        f"with `{premise}`; write `{premise}` once, in a linked reason beside a claim that gathers "
        "what else the reasons say, or merge the reasons"
    )


RULE = Rule(
    code="AM021",
    name="double-counted-premise",
    severity=Severity.WARNING,
    summary="The same node is a premise of several reasons of one node.",
    rationale=(
        "Separate reasons look like independent support: a reader takes three reasons as three "
        "ways the claim could hold. When the same evidence or claim sits in several of them, "
        "they stand or fall together with it, and the claim has fewer independent reasons than "
        "the map shows. A theoretical premise or an assumption shared by reasons that "
        "otherwise differ is not reported: applying one general rule to different facts is "
        "how arguments work, and AM012 reports the assumptions a claim needs. A reason holding "
        "every premise of another is always reported, whatever the shared node: it adds "
        "nothing, since it stands only when the smaller reason does. Only the premises written "
        "in `because:` are compared; `argmap trace` shows nodes shared further down."
    ),
    fix="Write the shared node once: make it a premise of one linked reason, next to a new "
    "claim that carries the remaining reasons; or merge the reasons if they are one "
    "argument; or drop a reason that repeats another.",
    firing=Example("""\
nodes:
  T1:
    claim: Armenia's turn away from Russia is a matter of necessity.
    thesis: true
    because:
      - E1 + E2
      - E1 + E3
  E1:
    evidence: Armenia now buys almost none of its arms from Russia.
  E2:
    evidence: Russia did not come to Armenia's aid during the incursions of 2021 and 2022.
  E3:
    evidence: Armenia is a small state that depends on outside aid.
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Armenia's turn away from Russia is a matter of necessity.
    thesis: true
    because: E1 + C1
  C1:
    claim: Armenia needs a protector other than Russia.
    because: [E2, E3]
  E1:
    evidence: Armenia now buys almost none of its arms from Russia.
  E2:
    evidence: Russia did not come to Armenia's aid during the incursions of 2021 and 2022.
  E3:
    evidence: Armenia is a small state that depends on outside aid.
"""),
    check=check,
)
