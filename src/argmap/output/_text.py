"""One-line formats for people: ``concise``, ``grouped`` and ``pylint``.

Control characters of file names and messages are shown as escapes
(:func:`argmap.errors.escape_controls`), so that a map cannot act on the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap import diagnostics as diag
from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import escape_controls

__all__ = [
    "SEVERITY_COLOURS",
    "bold",
    "by_file",
    "coloured_code",
    "concise",
    "grouped",
    "lines",
    "pylint",
]

#: The ANSI colour of each severity's code: red, yellow, cyan.
SEVERITY_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def bold(text: str, *, colour: bool) -> str:
    """Return ``text`` in bold when colouring."""
    return f"\033[1m{text}\033[0m" if colour else text


def coloured_code(diagnostic: Diagnostic, *, colour: bool) -> str:
    """Return the finding's code, in its severity's colour when colouring."""
    if not colour:
        return diagnostic.code
    return f"\033[{SEVERITY_COLOURS[diagnostic.severity]}m{diagnostic.code}\033[0m"


def lines(texts: Sequence[str]) -> str:
    """Return the texts as lines, each ending with a newline."""
    return "".join(f"{text}\n" for text in texts)


def by_file(diagnostics: Sequence[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Return the findings of each file, files in the order of their first finding."""
    groups: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        groups.setdefault(diagnostic.file, []).append(diagnostic)
    return groups


def _concise_line(diagnostic: Diagnostic, *, colour: bool) -> str:
    if not colour:
        return str(diagnostic)
    where = escape_controls(f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}")
    code = coloured_code(diagnostic, colour=colour)
    message = escape_controls(diagnostic.message)
    return f"{bold(where, colour=colour)}: {code} {diagnostic.name}: {message}"


def concise(diagnostics: Sequence[Diagnostic], *, colour: bool, summary: bool) -> str:
    """Return ``file:line:col: CODE name: message`` per finding, then the summary line."""
    texts = [_concise_line(diagnostic, colour=colour) for diagnostic in diagnostics]
    if summary:
        texts.append(diag.summary(diagnostics))
    return lines(texts)


def grouped(diagnostics: Sequence[Diagnostic], *, colour: bool, summary: bool) -> str:
    """Return the findings under the name of their file, each as ``line:col CODE name: message``.

    Lines and columns are aligned within a file; a blank line closes each file's group.
    """
    texts: list[str] = []
    for file, found in by_file(diagnostics).items():
        texts.append(bold(escape_controls(file), colour=colour) + ":")
        line_width = max(len(str(diagnostic.line)) for diagnostic in found)
        column_width = max(len(str(diagnostic.column)) for diagnostic in found)
        for diagnostic in found:
            where = f"{diagnostic.line:>{line_width}}:{diagnostic.column:<{column_width}}"
            code = coloured_code(diagnostic, colour=colour)
            message = escape_controls(diagnostic.message)
            texts.append(f"  {where} {code} {diagnostic.name}: {message}")
        texts.append("")
    if summary:
        texts.append(diag.summary(diagnostics))
    return lines(texts)


def pylint(diagnostics: Sequence[Diagnostic]) -> str:
    """Return pylint's ``file:line: [CODE(name), node] message`` per finding.

    A finding on no node has an empty object, as pylint prints a module-level message:
    ``[AM010(no-thesis), ]``.
    """
    return lines(
        [
            escape_controls(
                f"{diagnostic.file}:{diagnostic.line}: "
                f"[{diagnostic.code}({diagnostic.name}), {diagnostic.node or ''}] "
                f"{diagnostic.message}"
            )
            for diagnostic in diagnostics
        ]
    )
