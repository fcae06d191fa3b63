"""Going to a node, reason or source, finding where each is used, and renaming them.

Everything here reads the files' texts as they are now (open buffers included) through their
outlines, so it works while the map has load errors, and answers in code-point spans; the
server turns them into the client's ranges (:mod:`argmap.lsp.convert`).

A node's or reason's world is its map; a source's is every map reading the same ``.bib``
files, so that renaming a key in a bibliography shared by two maps changes both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from argmap.loading.contents import file_key
from argmap.lsp.outline import NodeEntry, Occurrence, Role, Span, Symbol
from argmap.lsp.positions import symbol_at
from argmap.lsp.session import BIB_SUFFIX, MapRef, Session
from argmap.lsp.text import Edit
from argmap.model import ID_PATTERN
from argmap.rules import lookup

__all__ = [
    "Edits",
    "Location",
    "RenameRefused",
    "definition",
    "occurrence_at",
    "prepare_rename",
    "references",
    "rename",
    "workspace_symbols",
]

#: What a bibliography key may hold: BibTeX ends a key at whitespace, commas and braces, and
#: these keys are written in YAML flow mappings too.
_KEY_PATTERN = re.compile(r"[^\s,{}()\[\]\"#%'=\\]+\Z")
_YAML_SUFFIXES = frozenset({".yaml", ".yml"})

#: Edits by file (a file_key).
Edits = dict[str, list[Edit]]


@attrs.frozen
class Location:
    """A span in a file (the file as a :func:`~argmap.loading.contents.file_key`)."""

    file: str
    span: Span


class RenameRefused(Exception):  # noqa: N818 - a refusal, said to the user as it is
    """The new name would break the map; the message says why."""


def occurrence_at(
    session: Session, path: str | os.PathLike[str], line: int, column: int
) -> Occurrence | None:
    """Return the node, reason, source or rule named under the cursor, or None."""
    if Path(path).suffix.lower() == BIB_SUFFIX:
        return next((o for o in session.entries(path) if o.span.holds(line, column)), None)
    if Path(path).suffix.lower() not in _YAML_SUFFIXES:
        return None
    return symbol_at(session.outline(path), session.lines(path), line, column)


def definition(
    session: Session, path: str | os.PathLike[str], line: int, column: int
) -> list[Location]:
    """Return where the node, reason or source under the cursor is defined."""
    named = occurrence_at(session, path, line, column)
    if named is None or named.symbol is Symbol.RULE:
        return []
    return [
        Location(file, occurrence.span)
        for file, occurrence in _occurrences(session, path, named)
        if occurrence.role is Role.DEFINITION
    ]


def references(
    session: Session,
    path: str | os.PathLike[str],
    line: int,
    column: int,
    *,
    declaration: bool = True,
) -> list[Location]:
    """Return every place the node, reason, source or rule under the cursor is named."""
    named = occurrence_at(session, path, line, column)
    if named is None:
        return []
    return [
        Location(file, occurrence.span)
        for file, occurrence in _occurrences(session, path, named)
        if declaration or occurrence.role is not Role.DEFINITION
    ]


def prepare_rename(
    session: Session, path: str | os.PathLike[str], line: int, column: int
) -> Occurrence | None:
    """Return the node id or bibliography key under the cursor, if it can be renamed."""
    named = occurrence_at(session, path, line, column)
    if named is None or named.symbol not in (Symbol.NODE, Symbol.SOURCE):
        return None
    return named


def rename(
    session: Session, path: str | os.PathLike[str], line: int, column: int, new_name: str
) -> Edits:
    """Return the edits renaming the node or source under the cursor everywhere it is named.

    Raises:
        RenameRefused: when nothing renamable is under the cursor, the new name is not a
            valid id or key, is taken already, or a file of the map does not parse.
    """
    named = prepare_rename(session, path, line, column)
    if named is None:
        raise RenameRefused("only a node id or a bibliography key can be renamed")
    if new_name == named.name:
        return {}
    found = list(_occurrences(session, path, named))
    _refuse_broken(session, {file for file, _ in found} | set(_yaml_files(session, path, named)))
    if named.symbol is Symbol.NODE:
        if not ID_PATTERN.match(new_name):
            raise RenameRefused(
                f"`{new_name}` is not a valid id: an id starts with a letter and holds only "
                "letters, digits, `_` and `-`"
            )
        taken = Occurrence(Symbol.NODE, new_name, named.span, named.role)
        if any(o.role is Role.DEFINITION for _, o in _occurrences(session, path, taken)):
            raise RenameRefused(f"`{new_name}` is already a node of this map; choose another id")
    else:
        if not _KEY_PATTERN.match(new_name):
            raise RenameRefused(
                f"`{new_name}` is not a valid bibliography key: no spaces, commas, braces, "
                "brackets, quotes, `#`, `%`, `=` or backslashes"
            )
        taken = Occurrence(Symbol.SOURCE, new_name, named.span, named.role)
        if any(o.role is Role.DEFINITION for _, o in _occurrences(session, path, taken)):
            raise RenameRefused(f"`{new_name}` is already a key of the bibliography")
    edits: Edits = {}
    for file, occurrence in found:
        edits.setdefault(file, []).append(_replace(occurrence.span, new_name))
    if named.symbol is Symbol.SOURCE:
        for bib in _bib_files(session, path):
            for span in _cross_references(session, bib, named.name):
                edits.setdefault(file_key(bib), []).append(_replace(span, new_name))
    return edits


def _replace(span: Span, text: str) -> Edit:
    return Edit((span.line, span.start), (span.line, span.end), text)


def _refuse_broken(session: Session, files: set[str]) -> None:
    for file in sorted(files):
        if Path(file).suffix.lower() in _YAML_SUFFIXES and not session.outline(file).complete:
            raise RenameRefused(f"`{file}` does not parse as YAML; fix it before renaming")


#: A ``crossref`` or ``xdata`` field naming a key (the key's pattern goes in the group).
_CROSSREF = r"(?:crossref|xdata)[ \t]*=[ \t]*[{{\"][ \t]*({key})[ \t]*[}}\"]"


def _cross_references(session: Session, bib: Path, key: str) -> Iterator[Span]:
    """The spans of ``key`` in other entries' ``crossref`` and ``xdata`` fields."""
    lines = session.lines(bib)
    pattern = re.compile(_CROSSREF.format(key=re.escape(key)), re.IGNORECASE)
    for match in pattern.finditer(lines.text):
        line, start = lines.position(match.start(1))
        yield Span(line, start, start + len(key))


# -- where to look ---------------------------------------------------------------------------


def _maps(session: Session, path: str | os.PathLike[str], named: Occurrence) -> list[MapRef]:
    """The maps in which the name means the same thing."""
    own = session.related(path)
    if named.symbol is not Symbol.SOURCE:
        return own
    found: dict[MapRef, None] = dict.fromkeys(own)
    for ref in own:
        for bib in session.bib_files(ref):
            found.update(dict.fromkeys(session.maps_reading(bib)))
    return list(found)


def _yaml_files(session: Session, path: str | os.PathLike[str], named: Occurrence) -> list[str]:
    files: dict[str, None] = {}
    maps = _maps(session, path, named)
    for ref in maps:
        for file in ref.spec.files:
            if file.suffix.lower() in _YAML_SUFFIXES:
                files[file_key(file)] = None
    if not maps and Path(path).suffix.lower() in _YAML_SUFFIXES:
        files[file_key(path)] = None
    return list(files)


def _bib_files(session: Session, path: str | os.PathLike[str]) -> list[Path]:
    files: dict[str, Path] = {}
    if Path(path).suffix.lower() == BIB_SUFFIX:
        files[file_key(path)] = Path(path)
    for ref in session.related(path):
        for bib in session.bib_files(ref):
            files[file_key(bib)] = bib
    return list(files.values())


def _occurrences(
    session: Session, path: str | os.PathLike[str], named: Occurrence
) -> Iterator[tuple[str, Occurrence]]:
    """Every occurrence of the same node, reason, source or rule, file by file."""
    symbol, name = named.symbol, named.name
    if symbol is Symbol.RULE:
        rule = lookup(name)
        code = rule.code if rule is not None else name
        for file in _yaml_files(session, path, named):
            for occurrence in session.outline(file).occurrences:
                if occurrence.symbol is Symbol.RULE and _code(occurrence.name) == code:
                    yield file, occurrence
        return
    files = _yaml_files(session, path, named)
    names = {name}
    if symbol is Symbol.REASON:  # a named reason is `T1/trade` and `T1/2` alike
        for file in files:
            for number, word in session.outline(file).aliases:
                if name in (number, word):
                    names.update((number, word))
    for file in files:
        for occurrence in session.outline(file).occurrences:
            if occurrence.symbol is symbol and occurrence.name in names:
                yield file, occurrence
    if symbol is Symbol.SOURCE:
        for bib in _bib_files(session, path):
            for occurrence in session.entries(bib):
                if occurrence.name == name:
                    yield file_key(bib), occurrence


def _code(name: str) -> str:
    rule = lookup(name)
    return rule.code if rule is not None else name


# -- symbols ---------------------------------------------------------------------------------


def workspace_symbols(session: Session, query: str) -> list[tuple[str, NodeEntry]]:
    """Return the nodes of every map whose id or text holds the query (ignoring case)."""
    wanted = query.casefold()
    found: list[tuple[str, NodeEntry]] = []
    seen: set[str] = set()
    for ref in session.maps():
        for file in ref.spec.files:
            key = file_key(file)
            if key in seen or file.suffix.lower() not in _YAML_SUFFIXES:
                continue
            seen.add(key)
            found.extend(
                (key, entry)
                for entry in session.outline(key).nodes
                if wanted in entry.id.casefold() or wanted in entry.text.casefold()
            )
    return found
