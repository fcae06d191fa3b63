"""File drafts and bibliographies as plain data, for the cache (:mod:`argmap.loading.cache`).

:mod:`marshal` writes plain tuples, strings and numbers several times faster than pickle
writes attrs objects, and reading them back builds the objects directly. Positions are written
as (line, column): every position of a draft is in the draft's own file. The cache
authenticates every entry, so what is unpacked here was packed here, by this user; anything
that is not in this shape raises :class:`ValueError` and counts as a miss.
"""

from __future__ import annotations

import marshal
from typing import Any

from argmap.errors import MapError
from argmap.loading.drafts import BibliographyDraft, FileDraft, Header
from argmap.model import (
    NODE_KINDS,
    Attack,
    Citation,
    Expectation,
    Locator,
    LocatorLabel,
    Node,
    Reason,
    Source,
    SourcePosition,
    Suppression,
)

__all__ = ["pack_bibliography", "pack_draft", "unpack_bibliography", "unpack_draft"]

#: Raised whenever the shape below changes.
_VERSION = 3
#: What unpacking data of another shape raises (marshal itself raises ValueError and EOFError).
_DAMAGE = (TypeError, KeyError, IndexError, AttributeError, EOFError)
#: Locator labels by value: a dictionary look-up is several times faster than the Enum call.
_LABELS = {label.value: label for label in LocatorLabel}


def pack_draft(draft: FileDraft) -> bytes:
    """Return a draft as bytes."""

    def at(position: SourcePosition) -> tuple[int, int]:
        return position.line, position.column

    nodes = tuple(
        (
            node.kind,
            node.id,
            node.text,
            node.position.line,
            node.position.column,
            tuple((r.premises, r.name, *at(r.position)) for r in node.reasons),
            tuple((a.target, a.reason, a.name, *at(a.position)) for a in node.attacks),
            tuple(
                (
                    c.key,
                    None if c.locator is None else c.locator.label.value,
                    None if c.locator is None else c.locator.value,
                    *at(c.position),
                )
                for c in node.citations
            ),
            node.at,
            node.note,
            tuple((s.code, s.reason, *at(s.position)) for s in node.ignore),
            node.thesis,
        )
        for node in draft.nodes
    )
    header = draft.header
    packed_header = None
    if header is not None:
        packed_header = (
            header.title,
            tuple((name, at(where)) for name, where in header.bibliography),
            header.analysed,
            header.unmapped,
            tuple((e.node, e.label, at(e.position)) for e in header.expected),
            at(header.position),
        )
    return marshal.dumps(
        (
            _VERSION,
            draft.file,
            packed_header,
            nodes,
            tuple(draft.columns.items()),
            tuple((node_id, at(where)) for node_id, where in draft.broken),
            tuple(_pack_error(error) for error in draft.errors),
        )
    )


def unpack_draft(data: bytes) -> FileDraft:
    """Return the draft :func:`pack_draft` packed.

    Raises:
        ValueError: when the data is not a packed draft of this version.
    """
    try:
        version, file, header, nodes, columns, broken, errors = marshal.loads(data)  # noqa: S302 - authenticated: we wrote it
        if version != _VERSION:
            raise ValueError("another version")

        def at(place: tuple[int, int]) -> SourcePosition:
            return SourcePosition(file, *place)

        return FileDraft(
            file=file,
            header=None if header is None else _unpack_header(header, at),
            nodes=tuple([_unpack_node(node, file) for node in nodes]),
            columns=dict(columns),
            broken=tuple((node_id, at(where)) for node_id, where in broken),
            errors=tuple(MapError(*error) for error in errors),
        )
    except _DAMAGE as exc:
        raise ValueError("not a packed draft") from exc


def _unpack_header(data: tuple[Any, ...], at: Any) -> Header:
    title, bibliography, analysed, unmapped, expected, place = data
    return Header(
        title=title,
        bibliography=tuple((name, at(where)) for name, where in bibliography),
        analysed=analysed,
        unmapped=unmapped,
        expected=tuple(Expectation(n, label, position=at(p)) for n, label, p in expected),
        position=at(place),
    )


def _unpack_node(data: tuple[Any, ...], file: str) -> Node:
    # Positions are flat (line, column) in each tuple: no tuple per position to unpack. Most
    # nodes attack, cite and ignore nothing: empty parts skip building anything.
    (kind, node_id, text, ln, col, reasons, attacks, cites, paragraphs, note, ignore, thesis) = data
    at = SourcePosition
    return NODE_KINDS[kind](
        id=node_id,
        text=text,
        reasons=tuple(
            [Reason(premises, name, position=at(file, i, j)) for premises, name, i, j in reasons]
        )
        if reasons
        else (),
        attacks=tuple([Attack(t, n, name, position=at(file, i, j)) for t, n, name, i, j in attacks])
        if attacks
        else (),
        citations=tuple(
            [
                Citation(
                    key,
                    None if label is None else Locator(_LABELS[label], value),
                    position=at(file, i, j),
                )
                for key, label, value, i, j in cites
            ]
        )
        if cites
        else (),
        at=paragraphs,
        note=note,
        ignore=tuple([Suppression(c, r, position=at(file, i, j)) for c, r, i, j in ignore])
        if ignore
        else (),
        thesis=thesis,
        position=at(file, ln, col),
    )


def pack_bibliography(bibliography: BibliographyDraft) -> bytes:
    """Return a bibliography as bytes."""
    sources = tuple(
        (s.key, s.entry_type, dict(s.fields), _pack_position(s.position))
        for s in bibliography.sources.values()
    )
    problems = tuple(_pack_error(problem) for problem in bibliography.problems)
    return marshal.dumps((_VERSION, sources, problems))


def unpack_bibliography(data: bytes) -> BibliographyDraft:
    """Return the bibliography :func:`pack_bibliography` packed.

    Raises:
        ValueError: when the data is not a packed bibliography of this version.
    """
    try:
        version, sources, problems = marshal.loads(data)  # noqa: S302 - authenticated: we wrote it
        if version != _VERSION:
            raise ValueError("another version")
        return BibliographyDraft(
            sources={
                key: Source(
                    key=key, entry_type=kind, fields=fields, position=SourcePosition(*place)
                )
                for key, kind, fields, place in sources
            },
            problems=tuple(MapError(*problem) for problem in problems),
        )
    except _DAMAGE as exc:
        raise ValueError("not a packed bibliography") from exc


def _pack_position(position: SourcePosition) -> tuple[str, int, int]:
    return position.file, position.line, position.column


def _pack_error(error: MapError) -> tuple[str, int, int, str, str]:
    return error.file, error.line, error.column, error.message, error.hint
