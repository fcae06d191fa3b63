"""AM007 unsupported-figure: a figure stated outside evidence, with no evidence below it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from argmap import graph
from argmap.diagnostics import Severity
from argmap.model import Evidence, Node
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

_CARDINAL_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
)  # fmt: skip
_CARDINAL = f"(?:{'|'.join(_CARDINAL_WORDS)})"
_DENOMINATOR = r"(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)"
_COMPARATIVE = (
    r"(?:as|more|less|fewer|higher|lower|larger|bigger|greater|smaller|faster|slower|over|"
    r"the|that|what)"
)
#: The word after "as" or "the" ("twice as many", "twice the size"), named with the figure.
_AS_WHAT = r"(?:(?:(?<=as)|(?<=the))\s+\w+)?"
#: A stretch of time or a manner of speaking after a fraction: "half a century", "a quarter of
#: an hour", "half the time", "half the way" are not proportions of anything counted.
_NOT_COUNTED = (
    r"(?!\s+(?:of\s+)?(?:an?\s+|the\s+)?"
    r"(?:century|centuries|decades?|years?|months?|weeks?|days?|hours?|minutes?|time|way)\b)"
)

#: Percentages, amounts of money, quantities with a unit or a magnitude word.
_AMOUNT = (
    rf"{_NUMBER}{_RANGE}\s?(?:%|per ?cent\b|percentage points?\b)"
    rf"|[$€£₽]\s?{_NUMBER}{_RANGE}(?:\s?{_MAGNITUDE}\b)?"
    rf"|{_NUMBER}{_RANGE}(?:\s?{_MAGNITUDE})?\s{_CURRENCY_WORD}\b"
    rf"|{_CURRENCY_WORD}\s{_NUMBER}{_RANGE}(?:\s?{_MAGNITUDE}\b)?"
    rf"|{_NUMBER}{_RANGE}\s(?:{_MAGNITUDE}|{_UNIT})\b"
    rf"|\b(?:(?:a|one|{_CARDINAL})(?:\s+and\s+a\s+half)?|half\s+a)\s+{_MAGNITUDE}\s+{_CURRENCY_WORD}\b"
)
#: Multipliers and counts of occasions: "20 times", "ten times", "three times as many", "twice
#: the size", "tenfold", "doubled", "halved", "a third of", "two thirds", "half of". "Twice"
#: alone ("met twice") is not a figure; nor are "twofold" meaning "of two parts" ("the problem
#: is twofold") and "the first half", left out by :func:`_ordinary`.
_MULTIPLIER = (
    rf"(?:{_NUMBER}{_RANGE}|\b{_CARDINAL})\s+times\b(?:\s+{_COMPARATIVE}\b{_AS_WHAT})?"
    rf"|\btwice\s+{_COMPARATIVE}\b{_AS_WHAT}"
    rf"|(?P<fold>(?:\b{_CARDINAL}|{_NUMBER})-?fold\b)"
    r"|\b(?:doubled|tripled|trebled|quadrupled|halved)\b(?!\s+(?:down|over|up)\b)"
    rf"|\b(?:a|one)[- ]{_DENOMINATOR}\s+of\b{_NOT_COUNTED}"
    rf"|\b{_CARDINAL}[- ]{_DENOMINATOR}s\b{_NOT_COUNTED}"
    rf"|(?P<half>\bhalf\s+(?:of|the|as)\b{_NOT_COUNTED})"
)
#: Ratios of counts: "one in five", "1 in 10", "two out of three".
_ONE_IN = (
    rf"(?:\b(?:one|{_CARDINAL})|(?<![\d,.])\d{{1,3}})\s+(?:in|out\s+of)\s+(?:{_CARDINAL}|\d{{1,3}})\b"
    r"(?![,.]?\d)"
)
#: The word before a multiplier that makes it no figure ("is twofold", "the first half of").
_NOT_AFTER = {
    "fold": frozenset({"is", "are", "was", "were"}),
    "half": frozenset({"first", "second", "latter", "other", "better"}),
}

#: The multipliers and ratios among the figures, on their own (unlike :func:`figures`, it
#: does not leave out "is twofold" or "the first half"). Compiled when first read, as every
#: pattern here is: compiling them all costs a few milliseconds of each start-up.
_RATIO = f"{_MULTIPLIER}|{_ONE_IN}"

_DIGIT = re.compile(r"\d")
_CARDINALS = frozenset((*_CARDINAL_WORDS, "one"))


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def __getattr__(name: str) -> re.Pattern[str]:
    """Compile ``RATIO`` when it is first read."""
    if name == "RATIO":
        return _compiled(_RATIO)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def figures(text: str) -> list[str]:
    """Return the figures stated in a text, in order, each once.

    Figures are percentages, amounts of money, quantities with a unit or a magnitude word,
    multipliers and ratios. A bare number (a year, a date, "the 102nd base") is not a figure,
    nor is an ordinal ("a third round", "the second half of 2024"). Each kind of pattern runs
    only on a text holding the words it needs, as most texts state no figure at all.
    """
    lowered = text.lower()
    found: list[re.Match[str]] = []
    if _has_digit(text) or _has_amount_word(lowered):
        found += _compiled(_AMOUNT).finditer(text)
    if _has_multiplier_word(lowered):
        matches = _compiled(_MULTIPLIER).finditer(text)
        found += (match for match in matches if not _ordinary(text, match))
    if _may_count_in(lowered):
        found += _compiled(_ONE_IN).finditer(text)
    if not found:
        return []
    found.sort(key=lambda match: match.start())
    named: dict[str, None] = {}
    end = 0
    for match in found:
        if match.start() >= end:  # overlapping matches: the first one counts
            named[match.group(0)] = None
            end = match.end()
    return list(named)


def _has_digit(text: str) -> bool:
    """Whether a text holds a digit: ten substring tests where it is ASCII, else a pattern."""
    if text.isascii():
        return (
            "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
        )  # fmt: skip
    return _DIGIT.search(text) is not None


def _has_amount_word(lowered: str) -> bool:
    """Whether a lower-cased text holds a magnitude word; no amount stands without one."""
    return (
        "million" in lowered or "billion" in lowered or "thousand" in lowered
        or "trillion" in lowered
    )  # fmt: skip


def _has_multiplier_word(lowered: str) -> bool:
    """Whether a lower-cased text holds a word without which no multiplier stands.

    Written out rather than looped over: most texts hold none, and a loop costs more than
    the tests themselves.
    """
    return (
        "times" in lowered or "twice" in lowered or "fold" in lowered or "doubled" in lowered
        or "tripled" in lowered or "trebled" in lowered or "quadrupled" in lowered
        or "halved" in lowered or "half" in lowered or "third" in lowered
        or "quarter" in lowered or "fifth" in lowered or "sixth" in lowered
        or "seventh" in lowered or "eighth" in lowered or "ninth" in lowered
        or "tenth" in lowered
    )  # fmt: skip


def _may_count_in(lowered: str) -> bool:
    """Whether a number stands before "in" or "out of", as in "one in five" (a quick test)."""
    for joint in (" in ", " out of "):
        for part in lowered.split(joint)[:-1]:
            last = part.rsplit(None, 1)[-1:]
            if last and (last[0] in _CARDINALS or last[0][-1].isdigit()):
                return True
    return False


def _ordinary(text: str, match: re.Match[str]) -> bool:
    """Whether the word before a multiplier makes it no figure ("is twofold", "first half")."""
    kind = match.lastgroup
    if kind is None:
        return False
    before = text[max(0, match.start() - 20) : match.start()].split()
    return bool(before) and before[-1].lower() in _NOT_AFTER[kind]


def _named(found: list[str]) -> str:
    listed = ", ".join(f"`{figure}`" for figure in found)
    if len(found) == 1:
        return f"a figure ({listed}) that no evidence supports"
    return f"{len(found)} figures ({listed}) that no evidence supports"


def check(ctx: Context) -> Iterator[Finding]:
    """Report non-evidence nodes stating a figure with no evidence among their grounds.

    A node with evidence below it is fine whatever it states, so the figures are looked for
    only in the other nodes. The finding names every figure of the node.
    """
    for node in _unbacked(ctx):
        found = figures(node.text)
        if found:
            yield Finding.on(
                node,
                f"{node.kind} `{node.id}` states {_named(found)}; add evidence for "
                f"{'it' if len(found) == 1 else 'them'} under `because:`, citing its source",
            )


def _unbacked(ctx: Context) -> Sequence[Node]:
    """Return the nodes, in file order, with no evidence among their grounds (nor are any).

    Evidence is followed up to the conclusions it supports over the map's integer index,
    marking nodes by number: no set of ids is built, as :func:`argmap.graph.supported_by`
    builds one, nor looked up once per node.
    """
    nodes = ctx.map.nodes
    index = ctx.numbered
    if index is None:
        evidence = (node.id for node in nodes if isinstance(node, Evidence))
        backed = graph.supported_by(ctx.map, evidence)
        return [n for n in nodes if not isinstance(n, Evidence) and n.id not in backed]
    marked = bytearray(len(nodes))
    queue = list(ctx.census.evidence_numbers)  # a copy: the queue grows
    for number in queue:
        marked[number] = 1
    used_in, conclusion_of = index.used_in, index.reason_node
    for number in queue:  # the list grows while it is walked: a breadth-first queue
        for reason in used_in[number]:
            conclusion = conclusion_of[reason]
            if not marked[conclusion]:
                marked[conclusion] = 1
                queue.append(conclusion)
    return [node for node, backed in zip(nodes, marked, strict=True) if not backed]


RULE = Rule(
    code="AM007",
    name="unsupported-figure",
    severity=Severity.WARNING,
    summary="A node that is not evidence states a figure, and no evidence supports it.",
    rationale=(
        "Figures persuade: a percentage or an amount reads as fact. Stated in a claim with no "
        "evidence beneath it, a figure cannot be checked. Percentages (90%), amounts of money "
        "($12.4 billion, $250 million to $400 million), quantities with a unit or a magnitude "
        "word (1,000 tons), multipliers and ratios (20 times, twice as many, tenfold, halved, "
        "a third of, one in five) count as figures, and the finding names every one of them; "
        "bare years, dates and ordinals (the 102nd base, a third round, the first half of "
        "2024) do not."
    ),
    fix="Move the figures into an evidence node that cites their source, and support the claim "
    "with it.",
    firing=Example(
        """\
nodes:
  T1:
    claim: Russia's share of Armenian arms imports fell below 10%, a ninefold drop.
    thesis: true
    because: P1
  P1:
    premise: Small states diversify suppliers when a patron fails them.
    cites: [{key: walt1987, chapter: 2}]
""",
        bib="@book{walt1987, author = {Walt, Stephen M.}, title = {The Origins of Alliances},"
        " publisher = {Cornell University Press}, year = {1987}}\n",
    ),
    clean=Example("""\
nodes:
  T1:
    claim: Russia's share of Armenian arms imports fell below 10%, a ninefold drop.
    thesis: true
    because: E1
  E1:
    evidence: Russian deliveries made up under 10% of Armenian arms imports in 2025.
"""),
    check=check,
)
