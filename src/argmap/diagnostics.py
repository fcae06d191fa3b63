"""Findings of the rules, and their text and JSON forms.

Every renderer reads the same sorted list of :class:`Diagnostic`; sorting happens once, in
:func:`sort`.
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from argmap.errors import escape_controls

__all__ = ["Diagnostic", "Severity", "sort", "summary", "to_json", "to_text"]


class Severity(enum.StrEnum):
    """How serious a finding is; ``info`` findings never fail a check."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def fails(self) -> bool:
        """Whether a finding of this severity makes ``argmap check`` exit with 1."""
        return self is not Severity.INFO


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One finding: which rule, how serious, where, and a message ending with the fix."""

    code: str
    name: str
    severity: Severity
    node: str | None
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """Return the concise form ``file:line:col: CODE name: message``, one line.

        Control characters in the file name or the message are shown as escapes (see
        :func:`argmap.errors.escape_controls`); :meth:`to_dict` keeps them as they are.
        """
        text = f"{self.file}:{self.line}:{self.column}: {self.code} {self.name}: {self.message}"
        return escape_controls(text)

    def to_dict(self) -> dict[str, object]:
        """Return the JSON object for this finding (keys in a fixed order)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "node": self.node,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def _sort_key(diagnostic: Diagnostic) -> tuple[str, int, str, int, str, str]:
    return (
        diagnostic.file,
        diagnostic.line,
        diagnostic.code,
        diagnostic.column,
        diagnostic.node or "",
        diagnostic.message,
    )


def sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics sorted by file, line, code (then column, node and message)."""
    return sorted(diagnostics, key=_sort_key)


def to_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Return one line per diagnostic, in the given order, each ending with a newline."""
    return "".join(f"{diagnostic}\n" for diagnostic in diagnostics)


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    """Return the diagnostics as a JSON array of objects, with a final newline.

    The text is what ``json.dumps(..., indent=2, ensure_ascii=False)`` makes of
    :meth:`Diagnostic.to_dict`, each object written here in one step: json encodes indented
    text in Python, value by value, several times slower (a tenth of a warm check of a
    100,000-node map).
    """
    if not all(map(_plain, diagnostics)):  # made in code with other types: json decides
        data = [diagnostic.to_dict() for diagnostic in diagnostics]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not diagnostics:
        return "[]\n"
    return "[\n" + ",\n".join(map(_json_object, diagnostics)) + "\n]\n"


#: A JSON string of a str, quoted and escaped as json.dumps(ensure_ascii=False) writes it.
_string = json.JSONEncoder(ensure_ascii=False).encode


def _plain(diagnostic: Diagnostic) -> bool:
    """Whether every field has the type it is declared with (so :func:`_json_object` fits)."""
    return (
        type(diagnostic.code) is str
        and type(diagnostic.name) is str
        and type(diagnostic.severity.value) is str
        and (diagnostic.node is None or type(diagnostic.node) is str)
        and type(diagnostic.file) is str
        and type(diagnostic.line) is int
        and type(diagnostic.column) is int
        and type(diagnostic.message) is str
    )


def _json_object(diagnostic: Diagnostic) -> str:
    node = "null" if diagnostic.node is None else _string(diagnostic.node)
    return (
        f'  {{\n    "code": {_string(diagnostic.code)},\n'
        f'    "name": {_string(diagnostic.name)},\n'
        f'    "severity": {_string(diagnostic.severity.value)},\n'
        f'    "node": {node},\n'
        f'    "file": {_string(diagnostic.file)},\n'
        f'    "line": {diagnostic.line},\n'
        f'    "column": {diagnostic.column},\n'
        f'    "message": {_string(diagnostic.message)}\n  }}'
    )


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """Return a one-line count such as ``3 problems (1 error, 2 warnings) and 1 note``."""
    counts = Counter(diagnostic.severity for diagnostic in diagnostics)
    errors, warnings, infos = (counts[s] for s in Severity)
    problems = errors + warnings
    if not diagnostics:
        return "No problems found."
    parts = []
    if problems:
        detail = ", ".join(
            _plural(count, word)
            for count, word in ((errors, "error"), (warnings, "warning"))
            if count
        )
        parts.append(f"{_plural(problems, 'problem')} ({detail})")
    if infos:
        parts.append(_plural(infos, "note"))
    return "Found " + " and ".join(parts) + "."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
