"""AM007 unsupported-figure: a figure stated outside evidence, with no evidence below it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap import graph
from argmap.diagnostics import Severity
from argmap.model import Evidence
from argmap.rules._base import Context, Example, Finding, Rule

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = rf"(?<![\w.,]){_DIGITS}"
_MAGNITUDE = r"(?:thousand|million|billion|trillion|bn|mn)"
_CURRENCY_WORD = r"(?:dollars?|euros?|pounds?|roubles?|rubles?|drams?|USD|EUR|RUB|AMD)"
_UNIT = (
    r"(?:tons?|tonnes?|kilo(?:gram|metre|meter)s?|kg|km|miles?|hectares?|barrels?|"
    r"lit(?:re|er)s?|cubic metres?|MW|GW|TWh|troops|soldiers|servicemen|personnel|tanks|"
    r"aircraft|helicopters|drones|missiles|howitzers|vehicles|warheads)"
)
_RANGE = rf"(?:\s*(?:-|\u2013|to)\s*{_DIGITS})?"

#: What AM007 counts as a figure: percentages, amounts of money, quantities with a unit or a
#: magnitude word. A bare number (a year, a date, "the 102nd base") is not a figure.
FIGURE = re.compile(
    rf"{_NUMBER}{_RANGE}\s?(?:%|per ?cent\b)"
    rf"|[$€£₽]\s?{_NUMBER}{_RANGE}(?:\s?{_MAGNITUDE}\b)?"
    rf"|{_NUMBER}{_RANGE}(?:\s?{_MAGNITUDE})?\s{_CURRENCY_WORD}\b"
    rf"|{_CURRENCY_WORD}\s{_NUMBER}{_RANGE}(?:\s?{_MAGNITUDE}\b)?"
    rf"|{_NUMBER}{_RANGE}\s(?:{_MAGNITUDE}|{_UNIT})\b",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def figures(text: str) -> list[str]:
    """Return the figures stated in a text, in order."""
    if _DIGIT.search(text) is None:  # every figure has a digit; most texts have none
        return []
    return [match.group(0) for match in FIGURE.finditer(text)]


def check(ctx: Context) -> Iterator[Finding]:
    """Report non-evidence nodes stating a figure with no evidence among their grounds.

    The cheap tests go first: a text without a digit states no figure, and a node with
    evidence below it is fine whatever it states; the figure pattern runs only on the rest.
    """
    backed: set[str] | None = None
    has_digit = _DIGIT.search
    for node in ctx.map.nodes:
        if isinstance(node, Evidence) or has_digit(node.text) is None:
            continue
        if backed is None:
            evidence = (n.id for n in ctx.map.nodes if isinstance(n, Evidence))
            backed = graph.supported_by(ctx.map, evidence)
        if node.id in backed:
            continue
        found = figures(node.text)
        if found:
            yield Finding.on(
                node,
                f"{node.kind} `{node.id}` states a figure (`{found[0]}`) that no evidence "
                "supports; add evidence for it under `because:`, citing its source",
            )


RULE = Rule(
    code="AM007",
    name="unsupported-figure",
    severity=Severity.WARNING,
    summary="A node that is not evidence states a figure, and no evidence supports it.",
    rationale=(
        "Figures persuade: a percentage or an amount reads as fact. Stated in a claim with no "
        "evidence beneath it, a figure cannot be checked. Percentages (90%), amounts of money "
        "($12.4 billion, $250 million to $400 million) and quantities with a unit or a "
        "magnitude word (1,000 tons) count as figures; bare years and dates do not."
    ),
    fix="Move the figure into an evidence node that cites its source, and support the claim "
    "with it.",
    firing=Example("""\
nodes:
  T1:
    claim: Russia's share of Armenian arms imports fell below 10%.
    thesis: true
    because: P1
  P1:
    premise: Small states diversify suppliers when a patron fails them.
"""),
    clean=Example("""\
nodes:
  T1:
    claim: Russia's share of Armenian arms imports fell below 10%.
    thesis: true
    because: E1
  E1:
    evidence: Russian deliveries made up under 10% of Armenian arms imports in 2025.
"""),
    check=check,
)
