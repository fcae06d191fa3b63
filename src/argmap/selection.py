"""Which rules a selector names, as ruff reads ``--select`` and ``--ignore``.

A selector is a rule's code (``AM004``, any case), its name (``uncited-evidence``), a prefix of
codes (``AM00`` names AM001 to AM009, ``AM`` every rule), or ``ALL``. Retired rules are named
only by their own code or name, never by a prefix or ``ALL``.
"""

from __future__ import annotations

import re

from argmap.errors import did_you_mean
from argmap.rules import RULES, Rule, Status, lookup

__all__ = ["ALL", "matching", "unknown_hint"]

#: The selector that names every rule in use.
ALL = "ALL"

_PREFIX = re.compile(r"AM\d{0,2}", re.IGNORECASE)


def matching(selector: str) -> tuple[Rule, ...]:
    """Return the rules a selector names, sorted by code; empty when it names none.

    >>> [rule.code for rule in matching("AM01")][:2]
    ['AM010', 'AM011']
    """
    selector = selector.strip()
    if selector.upper() == ALL:
        return tuple(rule for rule in RULES if rule.status is not Status.REMOVED)
    rule = lookup(selector)
    if rule is not None:
        return (rule,)
    if _PREFIX.fullmatch(selector):
        prefix = selector.upper()
        return tuple(
            rule
            for rule in RULES
            if rule.code.startswith(prefix) and rule.status is not Status.REMOVED
        )
    return ()


def unknown_hint(selector: str) -> str:
    """How to fix a selector that names no rule: the nearest code or name, or where to look."""
    names = [ALL, *(rule.code for rule in RULES), *(rule.name for rule in RULES)]
    return did_you_mean(selector.strip(), names) or "run `argmap rules` to list them"
