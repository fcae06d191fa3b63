"""What reading one file gives: its header, its nodes with unchecked references, its errors.

A :class:`FileDraft` is the unit the pipeline reads, caches and re-reads when one file changes;
:mod:`argmap.loading.assemble` joins the drafts of a map's files into one
:class:`~argmap.model.ArgumentMap` and checks every reference across them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from argmap.errors import MapError
from argmap.model import NODE_KINDS, Expectation, Node, Source, SourcePosition

__all__ = [
    "HEADER_KEYS",
    "LABELS",
    "LINK_KEYS",
    "NODE_KEYS",
    "TOP_KEYS",
    "BibliographyDraft",
    "FileDraft",
    "Header",
    "MapFormat",
]

#: The formats a map file can be in.
MapFormat = Literal["yaml", "aif", "argdown", "json"]

#: The keys of a YAML map file: at its top level, in its ``map:`` header, the labels of
#: ``expect:``, a node's links, and every key a node may have (its kind or a link).
TOP_KEYS = ("map", "nodes")
HEADER_KEYS = ("title", "bibliography", "analysed", "unmapped", "expect")
LABELS = ("in", "out", "undec")
LINK_KEYS = ("thesis", "because", "attacks", "undercuts", "cites", "at", "note", "ignore")
NODE_KEYS = (*NODE_KINDS, *LINK_KEYS)


def _frozen_unmapped(value: Mapping[int, str]) -> tuple[tuple[int, str], ...]:
    return tuple(value.items()) if isinstance(value, Mapping) else tuple(value)


@attrs.frozen(kw_only=True)
class Header:
    """A map's ``map:`` header as one file wrote it."""

    title: str | None = None
    #: Each ``bibliography:`` name with where it was written; relative to the header's file.
    bibliography: tuple[tuple[str, SourcePosition], ...] = ()
    analysed: str | None = None
    #: Paragraph number and reason, in written order.
    unmapped: tuple[tuple[int, str], ...] = attrs.field(default=(), converter=_frozen_unmapped)
    expected: tuple[Expectation, ...] = ()
    #: Where ``map:`` was written.
    position: SourcePosition


@attrs.frozen(kw_only=True)
class FileDraft:
    """One map file, read: nodes built but their references to other nodes not yet checked.

    Attributes:
        file: The file's name as messages show it.
        header: The file's ``map:`` header, if it has one.
        nodes: The nodes that were read whole, in file order.
        columns: For a reason whose premises start on other columns than the reason itself
            (``C1 + C2``), the column of each premise, keyed by (node index, reason index):
            an unknown premise is reported at the premise, not at the start of its line.
        broken: The ids of nodes written with a mistake (two kinds, no text...), with where:
            the rest of the map still knows them, so one mistake is one error.
        errors: Every problem found in the file.
    """

    file: str
    header: Header | None = None
    nodes: tuple[Node, ...] = ()
    columns: Mapping[tuple[int, int], tuple[int, ...]] = attrs.field(factory=dict)
    broken: tuple[tuple[str, SourcePosition], ...] = ()
    errors: tuple[MapError, ...] = ()


@attrs.frozen(kw_only=True)
class BibliographyDraft:
    """A map's .bib files, read: their entries by key and what was wrong with them.

    The pipeline keeps and caches this rather than :class:`argmap.bibliography.Bibliography`,
    so that a map served from the cache never imports bibtexparser.
    """

    sources: Mapping[str, Source] = attrs.field(factory=dict)
    problems: tuple[MapError, ...] = ()
