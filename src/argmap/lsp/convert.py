"""argmap's findings, spans and edits as Language Server Protocol objects, and back.

Columns inside argmap are code points; the protocol counts in the units the client and
server agreed on (UTF-16 unless the client offers another), through pygls's position codec.
A line of ASCII needs no conversion, which is nearly every line of a map.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import MapError
from argmap.lsp.outline import Span
from argmap.lsp.positions import finding_span
from argmap.lsp.session import BIB_SUFFIX
from argmap.lsp.text import Edit, Lines

__all__ = [
    "DOCS",
    "client_range",
    "rule_url",
    "server_position",
    "span_range",
    "to_diagnostic",
    "uri_of",
    "workspace_edit",
]

#: Where argmap's documentation is published.
DOCS = "https://argmap.readthedocs.io/en/latest/"
#: Who the diagnostics come from, as editors show it.
SOURCE = "argmap"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_url(code: str) -> str:
    """Return the address of a rule's section of the documentation (``docs/rules.rst``)."""
    return f"{DOCS}rules.html#arg-rule-{code}"


def uri_of(path: str | Path) -> str:
    """Return the ``file:`` URI of a path."""
    return from_fs_path(str(path)) or Path(path).as_uri()


def _character(lines: Lines, line: int, column: int, codec: PositionCodec) -> int:
    text = lines.line(line)
    column = min(column, len(text))
    if text.isascii():
        return column
    return int(codec.client_num_units(text[:column]))


def client_range(
    lines: Lines, start: tuple[int, int], end: tuple[int, int], codec: PositionCodec
) -> types.Range:
    """Return the protocol range from ``start`` to ``end``, each a (line, code point) pair."""
    return types.Range(
        start=types.Position(start[0], _character(lines, *start, codec)),
        end=types.Position(end[0], _character(lines, *end, codec)),
    )


def span_range(lines: Lines, span: Span, codec: PositionCodec) -> types.Range:
    """Return the protocol range of a span."""
    return client_range(lines, (span.line, span.start), (span.line, span.end), codec)


def server_position(
    lines: Lines, position: types.Position, codec: PositionCodec
) -> tuple[int, int]:
    """Return the (line, code point) of a position the client sent."""
    text = lines.line(position.line)
    if text.isascii():
        return position.line, min(position.character, len(text))
    found = codec.position_from_client_units(lines.lines, position)
    return found.line, found.character


def to_diagnostic(
    finding: Diagnostic | MapError, lines: Lines, codec: PositionCodec
) -> types.Diagnostic:
    """Return a finding (or a load error) as the protocol's diagnostic.

    A rule's finding keeps its code, its rule's name (leading the message, as
    ``argmap check`` prints it after the code), severity and a link to the rule's
    documentation; a load error is an error whose message ends with its hint, as
    ``argmap check`` prints it. Both carry what the quick fixes need in ``data``.
    """
    bib = finding.file.lower().endswith(BIB_SUFFIX)
    if isinstance(finding, MapError):
        span = finding_span(lines, finding.line, finding.column, code=None, bib=bib)
        message = f"{finding.message}; {finding.hint}" if finding.hint else finding.message
        return types.Diagnostic(
            range=span_range(lines, span, codec),
            message=message,
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
            data={"hint": finding.hint},
        )
    span = finding_span(lines, finding.line, finding.column, code=finding.code, bib=bib)
    return types.Diagnostic(
        range=span_range(lines, span, codec),
        message=f"{finding.name}: {finding.message}",
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(finding.code)),
        source=SOURCE,
        data={"name": finding.name, "node": finding.node},
    )


def workspace_edit(
    edits: dict[str, list[Edit]],
    lines_of: Callable[[str], Lines],
    codec: PositionCodec,
    *,
    uri: Callable[[str], str] = uri_of,
) -> types.WorkspaceEdit:
    """Return edits by file as the protocol's workspace edit.

    Args:
        edits: the edits by file (a file_key).
        lines_of: gives a file's text as it is now.
        codec: the position encoding agreed with the client.
        uri: gives the URI the editor knows a file by.
    """
    changes: dict[str, list[types.TextEdit]] = {}
    for file, file_edits in sorted(edits.items()):
        lines = lines_of(file)
        changes[uri(file)] = [
            types.TextEdit(range=client_range(lines, e.start, e.end, codec), new_text=e.text)
            for e in sorted(file_edits, key=lambda e: (e.start, e.end))
        ]
    return types.WorkspaceEdit(changes=changes)
