"""The ``full`` format: each finding with the lines of the file around it, as ruff shows code.

.. code-block:: text

    AM012 rests-on-assumption: claim `C1` holds only if the unstated assumption `A1` does
      --> examples/first-map/map.yaml:23:3
       |
    21 |     cites: [{key: waltz1979, chapter: 6}]
    22 |
    23 |   C1:
       |   ^^
    24 |     claim: The patron failed to protect its ally when it was attacked.
    25 |     because: E1 + A1
       |
    help: support the assumption with evidence, or accept the risk

A message ends with its fix after the last ``; ``: that part is the ``help:`` line. A file that
cannot be read (gone, standard input, not a regular file, too big) gives the finding without its
lines; bytes that are not UTF-8 are shown as U+FFFD.
"""

from __future__ import annotations

import stat
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from argmap import diagnostics as diag
from argmap.diagnostics import Diagnostic
from argmap.errors import escape_controls
from argmap.output._text import SEVERITY_COLOURS, bold, coloured_code, lines

__all__ = ["full"]

#: Lines shown before and after the finding's line (blank ones at the edges are left out).
CONTEXT = 2
#: A file bigger than this is not read to show lines (argmap's own maps are far smaller).
MAX_SHOWN_FILE = 16 * 1024 * 1024
_TAB = 4
_BLUE = "34"
#: The name of standard input among the files (``argmap check -``).
_STDIN = "-"


def full(diagnostics: Sequence[Diagnostic], *, colour: bool, summary: bool) -> str:
    """Return each finding with its file's lines around it, a caret under it and its fix.

    Findings are separated by a blank line; the summary line comes last.
    """
    files: dict[str, list[str] | None] = {}
    blocks: list[str] = []
    for diagnostic in diagnostics:
        if diagnostic.file not in files:
            files[diagnostic.file] = _read_lines(diagnostic.file)
        blocks.append(_block(diagnostic, files[diagnostic.file], colour=colour))
    if summary:
        blocks.append(lines([diag.summary(diagnostics)]))
    return "\n".join(blocks)


def _block(diagnostic: Diagnostic, file_lines: list[str] | None, *, colour: bool) -> str:
    problem, _, fix = diagnostic.message.rpartition("; ")
    if not problem:
        problem, fix = fix, ""
    code = coloured_code(diagnostic, colour=colour)
    head = bold(f"{diagnostic.name}: {escape_controls(problem)}", colour=colour)
    snippet = _snippet(diagnostic, file_lines, colour=colour)
    width = max((len(number) for number, _ in snippet), default=0)
    where = escape_controls(f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}")
    texts = [f"{code} {head}", f"{' ' * width}{_paint('-->', _BLUE, colour)} {where}"]
    if snippet:
        texts += _gutter(snippet, width, colour=colour)
    if fix:
        texts.append(f"{bold('help', colour=colour)}: {escape_controls(fix)}")
    return lines(texts)


def _gutter(snippet: list[tuple[str, str]], width: int, *, colour: bool) -> list[str]:
    bar = _paint(f"{' ' * width} |", _BLUE, colour)
    texts = [bar]
    for number, text in snippet:
        if number:
            texts.append(f"{_paint(f'{number:>{width}} |', _BLUE, colour)} {text}".rstrip())
        else:
            texts.append(f"{bar} {text}")
    if snippet[-1][0]:  # the caret line is not last: close the gutter
        texts.append(bar)
    return texts


def _snippet(
    diagnostic: Diagnostic, file_lines: list[str] | None, *, colour: bool
) -> list[tuple[str, str]]:
    """The numbered lines around the finding and, under its line, the caret (number ``""``)."""
    if file_lines is None or not 1 <= diagnostic.line <= len(file_lines):
        return []
    index = diagnostic.line - 1
    first = max(0, index - CONTEXT)
    last = min(len(file_lines) - 1, index + CONTEXT)
    while first < index and not file_lines[first].strip():
        first += 1
    while last > index and not file_lines[last].strip():
        last -= 1
    numbered = [(str(number + 1), _shown(file_lines[number])) for number in range(first, last + 1)]
    caret = _caret(file_lines[index], diagnostic, colour=colour)
    at = index - first + 1
    return [*numbered[:at], ("", caret), *numbered[at:]]


def _caret(text: str, diagnostic: Diagnostic, *, colour: bool) -> str:
    """Carets under the node id at the finding's column, or one caret there."""
    start = max(0, diagnostic.column - 1)
    node = diagnostic.node
    span = len(node) if node and text.startswith(node, start) else 1
    indent = _width(_shown(text[:start]))
    underline = "^" * max(1, _width(_shown(text[start : start + span])))
    return " " * indent + _paint(underline, SEVERITY_COLOURS[diagnostic.severity], colour)


def _shown(text: str) -> str:
    """A file's line as shown: controls as escapes, tabs as spaces."""
    return escape_controls(text).expandtabs(_TAB)


def _width(text: str) -> int:
    """The columns ``text`` takes on a terminal: wide characters two, combining ones none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _paint(text: str, ansi: str, colour: bool) -> str:
    return f"\033[{ansi}m{text}\033[0m" if colour else text


def _read_lines(file: str) -> list[str] | None:
    """The lines of a regular file of reasonable size, or None when it cannot be read."""
    if file == _STDIN:
        return None
    path = Path(file)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SHOWN_FILE:
            return None
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return [line.removesuffix("\r") for line in text.split("\n")]
