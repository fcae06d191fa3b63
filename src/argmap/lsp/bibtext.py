"""Where each entry's key is written in a ``.bib`` file's text.

bibtexparser gives each entry's line, which is where go-to-definition lands; the editor needs
the key's exact span, in the text being typed, to find, rename and hover over it.
"""

from __future__ import annotations

import re

from argmap.lsp.outline import Occurrence, Role, Span, Symbol
from argmap.lsp.text import Lines

__all__ = ["read_entries"]

_ENTRY = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()\"#%'=\\]+)[ \t]*,?")
#: Blocks that are not entries.
_NOT_ENTRIES = frozenset({"string", "comment", "preamble"})


def read_entries(text: str, lines: Lines | None = None) -> tuple[Occurrence, ...]:
    """Return the key of every entry of a ``.bib`` text as a definition, in file order."""
    lines = lines or Lines(text)
    found = []
    for match in _ENTRY.finditer(text):
        if match.group(1).lower() in _NOT_ENTRIES:
            continue
        line, start = lines.position(match.start(2))
        span = Span(line, start, start + len(match.group(2)))
        found.append(Occurrence(Symbol.SOURCE, match.group(2), span, Role.DEFINITION))
    return tuple(found)
