"""From argmap's 1-based line and column to the span an editor underlines, and back to names.

A finding says where its node, citation or suppression starts; the editor wants the range of
the word concerned: the id of a node, the key of an unknown source, the code of a suppression,
the whole inline citation that lacks a locator. :func:`finding_span` finds it in the text.
:func:`symbol_at` answers the converse question: what id, key or code is under the cursor.
"""

from __future__ import annotations

import re

from argmap.lsp.cursor import place_of, word_at
from argmap.lsp.outline import Occurrence, Outline, Role, Span, Symbol
from argmap.lsp.text import Lines

__all__ = ["finding_span", "symbol_at"]

#: A plain YAML word: an id, key, code or value up to punctuation.
_WORD = re.compile(r"[^\s:,\[\]{}#]+")
_ENTRY_KEY = re.compile(r"@[ \t]*[A-Za-z]+[ \t]*[{(][ \t]*([^,\s{}()]+)")
_CITATION_KEY = re.compile(r"key[ \t]*:[ \t]*([^,}\s]+)")
#: Rules whose finding is about a citation's key, and about the citation as a whole.
_ABOUT_KEY = frozenset({"AM005"})
_ABOUT_CITATION = frozenset({"AM006"})


def finding_span(lines: Lines, line: int, column: int, *, code: str | None, bib: bool) -> Span:
    """Return the span a finding at (line, column), both from 1, concerns.

    Args:
        lines: the text of the finding's file.
        line: the finding's line, from 1.
        column: the finding's column, from 1.
        code: the rule's code (None for a load error).
        bib: whether the file is a ``.bib`` file (the span is then the entry's key).
    """
    number = max(line - 1, 0)
    text = lines.line(number)
    start = min(max(column - 1, 0), len(text))
    if bib:
        entry = _ENTRY_KEY.search(text)
        if entry is not None:
            return Span(number, entry.start(1), entry.end(1))
        return _rest_of_line(number, text)
    if code in _ABOUT_KEY or code in _ABOUT_CITATION:
        found = text.find("key", start)
        key = _CITATION_KEY.match(text, found) if found >= 0 else None
        if key is not None and code in _ABOUT_KEY:
            return Span(number, key.start(1), key.end(1))
        if text.startswith("{", start):
            close = text.find("}", start)
            return Span(number, start, close + 1 if close >= 0 else len(text))
        if key is not None:
            return Span(number, key.start(), key.end())
    word = _WORD.match(text, start)
    if word is not None:
        return Span(number, start, word.end())
    return _rest_of_line(number, text)


def _rest_of_line(number: int, text: str) -> Span:
    stripped = text.strip()
    if not stripped:
        return Span(number, 0, len(text))
    begin = len(text) - len(text.lstrip())
    return Span(number, begin, begin + len(stripped))


#: Keys whose values name nodes, and the role each gives them.
_NODE_VALUES = {"because": Role.PREMISE, "attacks": Role.ATTACK, "undercuts": Role.UNDERCUT}


def symbol_at(outline: Outline, lines: Lines, line: int, column: int) -> Occurrence | None:
    """Return the id, key, reason or code under the cursor, or None.

    The outline is asked first; where the YAML broke off before the cursor, the word under it
    is read from the line, and the keys above it say whether it is an id, a citation key or
    a code.
    """
    found = outline.at(line, column)
    if found is not None or outline.complete:
        return found
    text = lines.line(line)
    start, end = word_at(text, column)
    word = text[start:end]
    if not word:
        return None
    span = Span(line, start, end)
    place = place_of(lines, line, start)
    path = place.path
    if path[:1] == ("nodes",) and len(path) == 1 and place.at_key:
        return Occurrence(Symbol.NODE, word, span, Role.DEFINITION)
    owner = path[1] if len(path) > 1 and path[0] == "nodes" else None
    last = path[-1] if path else ""
    if last in _NODE_VALUES:
        if word.isdigit() and text[start - 1 : start] == "/":
            return None
        return Occurrence(Symbol.NODE, word, span, _NODE_VALUES[last], owner)
    if (last == "cites" and place.inner == "key") or path[-2:] == ("cites", "key"):
        return Occurrence(Symbol.SOURCE, word, span, Role.CITATION, owner)
    if path == ("map", "analysed"):
        return Occurrence(Symbol.SOURCE, word, span, Role.ANALYSED)
    if last == "ignore" and (place.at_key or place.inner == ""):
        return Occurrence(Symbol.RULE, word, span, Role.SUPPRESSION, owner)
    if path == ("map", "expect") and (place.at_key or place.inner == ""):
        return Occurrence(Symbol.NODE, word, span, Role.EXPECT)
    return None
