"""Locators as CSL prints them: the short locator term, plural for several places, en dashes.

The terms are those of CSL 1.0.2's American English locale (``locales-en-US.xml``), short
form: ``page`` is ``p.``/``pp.``, ``figure`` ``fig.``/``figs.``, ``sub-verbo`` ``s.v.``/``s.vv.``.
Where the locale has no short form (``act``, ``canon``, ``version``) the long one stands, as
CSL falls back; ``timestamp``'s term is blank, so a timestamp prints as its value alone;
``supplement`` has no term in the locale and prints as its label.

As CSL's ``plural="contextual"`` does, the plural is chosen when the value names several
places: numbers (``4``, ``iv``, ``S12``, ``4.2``) joined by a hyphen, a comma, ``&`` or
``and``. A hyphen between two numbers is a range and becomes an en dash (``4-5`` and BibTeX's
``4--5`` both print 4, an en dash, 5). A value that is not such a list (``preface``,
``laissez-faire``) is printed as written, with the singular term.
"""

from __future__ import annotations

import re

__all__ = ["TERMS", "format_locator"]

#: CSL locator label -> (singular, plural) short term, from ``locales-en-US.xml``.
TERMS: dict[str, tuple[str, str]] = {
    "act": ("act", "acts"),
    "appendix": ("app.", "apps."),
    "article-locator": ("art.", "arts."),
    "book": ("bk.", "bks."),
    "canon": ("canon", "canons"),
    "chapter": ("chap.", "chaps."),
    "column": ("col.", "cols."),
    "elocation": ("loc.", "locs."),
    "equation": ("eq.", "eqs."),
    "figure": ("fig.", "figs."),
    "folio": ("fol.", "fols."),
    "issue": ("no.", "nos."),
    "line": ("l.", "ll."),
    "note": ("n.", "nn."),
    "opus": ("op.", "opp."),
    "page": ("p.", "pp."),
    "paragraph": ("para.", "paras."),
    "part": ("pt.", "pts."),
    "rule": ("r.", "rr."),
    "scene": ("sc.", "scs."),
    "section": ("sec.", "secs."),
    "sub-verbo": ("s.v.", "s.vv."),
    "supplement": ("supplement", "supplements"),
    "table": ("tbl.", "tbls."),
    "timestamp": ("", ""),
    "title-locator": ("tit.", "tits."),
    "verse": ("v.", "vv."),
    "version": ("version", "version"),
    "volume": ("vol.", "vols."),
}

#: One place: a number with an optional letter prefix or suffix (``S12``, ``12a``), dotted or
#: colon-separated parts (``4.2``, ``1:30``), or a Roman numeral (``xiv``).
_NUMBER = re.compile(
    r"[A-Za-z]{0,3}\d+(?:[.:]\d+)*[A-Za-z]{0,3}"
    r"|(?i:m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
)
#: What joins places: a range (hyphens, en or em dash) or a list (comma, ``&``, ``and``).
_JOIN = re.compile(r"(\s*(?:-{1,3}|\u2013|\u2014)\s*|\s*,\s*|\s*&\s*|\s+and\s+)")
_RANGE = re.compile(r"\s*(?:-{1,3}|\u2013|\u2014)\s*\Z")


def format_locator(label: str, value: str) -> str:
    """Return a locator as CSL writes it: ``p. 4``, ``pp. 4-5`` (en dash), ``fig. 3``, ``s.v. x``.

    Args:
        label: The CSL locator label (``page``, ``figure``, ``sub-verbo``, ...).
        value: The place as written in the map (``4``, ``4-5``, ``4, 7``).

    Returns:
        The term and the value, separated by a space; the value alone for a blank term.
    """
    several, shown = _places(value)
    singular, plural = TERMS.get(label, (label, label))
    term = plural if several else singular
    return f"{term} {shown}" if term else shown


def _places(value: str) -> tuple[bool, str]:
    """Return whether the value names several places, and the value with ranges en-dashed."""
    parts = _JOIN.split(value.strip())
    numbers, joins = parts[::2], parts[1::2]
    if len(numbers) < 2 or not all(number and _NUMBER.fullmatch(number) for number in numbers):
        return False, value.strip()
    shown = [numbers[0]]
    for join, number in zip(joins, numbers[1:], strict=True):
        shown.append("\u2013" if _RANGE.match(join) else join)
        shown.append(number)
    return True, "".join(shown)
