r"""A document's text cut into lines as the Language Server Protocol counts them.

LSP breaks lines at ``\n``, ``\r\n`` and ``\r`` only, whatever Python's
:meth:`str.splitlines` thinks of form feeds or U+2028. Columns here are code points; the
server converts them to the client's units (UTF-16 by default) at the edge
(:mod:`argmap.lsp.convert`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

import attrs

__all__ = ["Edit", "Lines"]

_BREAK = re.compile(r"\r\n|\r|\n")


class Lines:
    """A text with the index of each line's start, for going between offsets and positions."""

    __slots__ = ("_lines", "_starts", "text")

    def __init__(self, text: str) -> None:
        """Index the line starts of ``text`` once."""
        self.text = text
        self._starts = [0, *(match.end() for match in _BREAK.finditer(text))]
        self._lines: list[str] | None = None

    def __len__(self) -> int:
        """The number of lines (a text ending with a line break has an empty last line)."""
        return len(self._starts)

    @property
    def lines(self) -> list[str]:
        """Every line, without its line break."""
        if self._lines is None:
            self._lines = _BREAK.split(self.text)
        return self._lines

    def line(self, number: int) -> str:
        """Return line ``number`` (from 0) without its line break; ``""`` past the end."""
        if number < 0 or number >= len(self._starts):
            return ""
        return self.lines[number]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the (line, column) of an offset into the text, both from 0."""
        line = bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a (line, column) position, clamped to the text."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        return min(self._starts[line] + max(column, 0), self._starts[line] + len(self.line(line)))


@attrs.frozen
class Edit:
    """Replace the text from ``start`` to ``end``, each a (line, column) from 0, by ``text``."""

    start: tuple[int, int]
    end: tuple[int, int]
    text: str
