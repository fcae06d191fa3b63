"""Quick fixes for what argmap reports, as text edits.

- "did you mean `X`?" (an unknown id, key or source): write ``X`` instead;
- AM004 uncited-evidence: add a ``cites:`` entry with the nearest key cited around it;
- AM013 invalid-suppression, when the suppression silences nothing: remove it;
- AM001 unsupported-claim (not on a thesis): make the claim an ``assumption``.

Every fix is computed from the file's text as it is now and its outline
(:mod:`argmap.lsp.outline`); none is offered where the text does not show what to change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping

import attrs

from argmap.loading.contents import file_key
from argmap.lsp.outline import Field, NodeEntry, Outline, Role, Span, Symbol
from argmap.lsp.session import Session
from argmap.lsp.text import Edit, Lines

__all__ = ["Fix", "Reported", "fixes"]

_DID_YOU_MEAN = re.compile(r"did you mean ((?:`[^`]+`(?:, | or )?)+)\?")
_QUOTED = re.compile(r"`([^`]+)`")


@attrs.frozen
class Reported:
    """A diagnostic the editor shows, as the client sends it back with a code-action request.

    Attributes:
        span: Where it is (code points).
        code: The rule's code, or None for a load error.
        message: Its message.
        data: What the server attached to it (``node``, ``name``, ``hint``).
    """

    span: Span
    code: str | None
    message: str
    data: Mapping[str, object] = attrs.field(factory=dict)


@attrs.frozen
class Fix:
    """A quick fix: its title, the edits by file (a file_key), and the diagnostic it fixes."""

    title: str
    edits: dict[str, list[Edit]]
    diagnostic: Reported
    preferred: bool = False


def fixes(session: Session, path: str | os.PathLike[str], reported: list[Reported]) -> list[Fix]:
    """Return the quick fixes for the diagnostics shown in a file."""
    found: list[Fix] = []
    for diagnostic in reported:
        found.extend(_replacements(session, path, diagnostic))
        if diagnostic.code == "AM004":
            found.extend(_cites_stub(session, path, diagnostic))
        elif diagnostic.code == "AM013" and "silences nothing" in diagnostic.message:
            found.extend(_unused_suppression(session, path, diagnostic))
        elif diagnostic.code == "AM001":
            found.extend(_to_assumption(session, path, diagnostic))
    return found


def _replacements(
    session: Session, path: str | os.PathLike[str], diagnostic: Reported
) -> Iterator[Fix]:
    match = _DID_YOU_MEAN.search(diagnostic.message)
    if match is None:
        return
    span = diagnostic.span
    written = session.lines(path).line(span.line)[span.start : span.end]
    if not written or written not in _QUOTED.findall(diagnostic.message[: match.start()]):
        return
    names = _QUOTED.findall(match.group(1))
    for name in names:
        edit = Edit((span.line, span.start), (span.line, span.end), name)
        yield Fix(
            f"Replace `{written}` with `{name}`",
            {file_key(path): [edit]},
            diagnostic,
            preferred=len(names) == 1,
        )


def _node_of(outline: Outline, diagnostic: Reported) -> NodeEntry | None:
    """The node a diagnostic is about: named in its data, else the one written around it."""
    node_id = diagnostic.data.get("node")
    if isinstance(node_id, str) and (entry := outline.node(node_id)) is not None:
        return entry
    line = diagnostic.span.line
    return next((e for e in outline.nodes if e.span.line <= line <= e.end[0]), None)


def _cites_stub(
    session: Session, path: str | os.PathLike[str], diagnostic: Reported
) -> Iterator[Fix]:
    outline = session.outline(path)
    entry = _node_of(outline, diagnostic)
    if entry is None or not entry.fields or entry.field("cites") is not None:
        return
    key = _nearest_key(session, path, outline, entry)
    if key is None:
        return
    lines = session.lines(path)
    indent = " " * entry.fields[0].span.start
    at = _after(lines, entry.fields[-1])
    edit = Edit(at, at, f"{indent}cites: [{{key: {key}}}]\n")
    yield Fix(f"Add `cites:` with `{key}`", {file_key(path): [edit]}, diagnostic)


def _nearest_key(
    session: Session, path: str | os.PathLike[str], outline: Outline, entry: NodeEntry
) -> str | None:
    """The key cited nearest to a node in its file; else any key of its bibliography."""
    cited = [
        o for o in outline.occurrences if o.symbol is Symbol.SOURCE and o.role is Role.CITATION
    ]
    if cited:
        return min(cited, key=lambda o: abs(o.span.line - entry.span.line)).name
    for ref in session.related(path):
        for bib in session.bib_files(ref):
            for source in session.entries(bib):
                return source.name
    return None


def _after(lines: Lines, field: Field) -> tuple[int, int]:
    """The start of the line after a field's value, before any blank lines that follow it."""
    line, column = field.end
    if lines.line(line)[:column].strip():
        line += 1  # the value ends on this line (inline): insert below it
    while line > field.span.line + 1 and not lines.line(line - 1).strip():
        line -= 1
    return line, 0


def _unused_suppression(
    session: Session, path: str | os.PathLike[str], diagnostic: Reported
) -> Iterator[Fix]:
    outline = session.outline(path)
    lines = session.lines(path)
    for entry in outline.nodes:
        ignore = entry.field("ignore")
        if ignore is None:
            continue
        for index, (code, span, _) in enumerate(ignore.entries):
            if span.line == diagnostic.span.line and span.start == diagnostic.span.start:
                edit = _removal(lines, ignore, index)
                title = f"Remove the unused `ignore` of `{code}`"
                yield Fix(title, {file_key(path): [edit]}, diagnostic)
                return


def _removal(lines: Lines, ignore: Field, index: int) -> Edit:
    """The edit removing entry ``index`` of an ``ignore:`` field, or the whole field."""
    if len(ignore.entries) == 1:
        return _whole_lines(lines, ignore.span.line, ignore.end)
    _, span, end = ignore.entries[index]
    if not ignore.flow:
        return _whole_lines(lines, span.line, end)
    if index + 1 < len(ignore.entries):
        following = ignore.entries[index + 1][1]
        return Edit((span.line, span.start), (following.line, following.start), "")
    _, _, previous_end = ignore.entries[index - 1]
    return Edit(previous_end, end, "")


def _whole_lines(lines: Lines, first: int, end: tuple[int, int]) -> Edit:
    """Remove the lines from ``first`` to the one where ``end`` falls (or the one before)."""
    line, column = end
    last = line if lines.line(line)[:column].strip() else line - 1
    while last > first and not lines.line(last).strip():
        last -= 1
    return Edit((first, 0), (last + 1, 0), "")


def _to_assumption(
    session: Session, path: str | os.PathLike[str], diagnostic: Reported
) -> Iterator[Fix]:
    entry = _node_of(session.outline(path), diagnostic)
    if entry is None or entry.thesis or entry.kind != "claim":
        return
    kind = entry.field("claim")
    if kind is None:
        return
    span = kind.span
    edit = Edit((span.line, span.start), (span.line, span.end), "assumption")
    yield Fix(f"Make `{entry.id}` an assumption", {file_key(path): [edit]}, diagnostic)
