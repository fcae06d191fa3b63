"""What the importers share: the report, the import result, node drafts and their kinds, ids.

AIF and Argdown know statements and inferences but not argmap's five node kinds, so both
importers first collect :class:`Draft` nodes and then let :func:`build_nodes` decide each
node's kind from its place in the argument (see :func:`decide_kind`). Whatever an importer
cannot map is counted in a :class:`Report` and, item by item, listed in its details: nothing
is dropped silently.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from argmap._io import write_atomically
from argmap.model import (
    ID_PATTERN,
    NODE_KINDS,
    ArgumentMap,
    Attack,
    Citation,
    Node,
    Reason,
    SourcePosition,
    Suppression,
    freeze,
)

__all__ = [
    "Draft",
    "ImportResult",
    "Report",
    "Tally",
    "build_nodes",
    "decide_kind",
    "header_fields",
    "header_of",
    "unique_id",
    "writable_order",
    "write_atomically",
]


def _frozen_counts(value: Mapping[str, int]) -> Mapping[str, int]:
    """Return a read-only copy of the counts that pickles (a :class:`~argmap.model.FrozenDict`)."""
    return freeze(value)


@attrs.frozen(kw_only=True)
class Report:
    """What an import kept and what it set aside, for one input file.

    Attributes:
        file: The file read.
        format: What it was read as, e.g. ``"AIFdb nodeset"``, ``"xAIF (OVA)"``, ``"Argdown"``.
        kept: Counts of the input's elements that are in the map (as nodes, reasons, attacks,
            or as lines of a node's note), by what they are, in a fixed order.
        set_aside: Counts of the elements that are not in the map, by what they are.
        details: One line per element set aside or mapped only approximately, each starting
            with ``file:line:column:``, in input order.
    """

    file: str
    format: str
    kept: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen_counts)
    set_aside: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen_counts)
    details: tuple[str, ...] = ()

    def summary(self) -> str:
        """Return one line: the file, its format, and the counts kept and set aside."""
        kept = _counts(self.kept) or "nothing"
        line = f"{self.file}: {self.format}: kept {kept}"
        if self.set_aside:
            line += f"; set aside {_counts(self.set_aside)}"
        return line

    def __str__(self) -> str:
        """Return the summary line followed by the detail lines, indented."""
        return "\n".join([self.summary(), *(f"  {detail}" for detail in self.details)])


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{number} {what}" for what, number in counts.items() if number)


@attrs.frozen
class ImportResult:
    """An imported map and the report of what the import kept and set aside."""

    map: ArgumentMap
    report: Report


class Tally:
    """A report being written: counters and detail lines, in the order they are first met."""

    def __init__(self, file: str) -> None:
        """Start an empty tally for ``file``."""
        self.file = file
        self.kept: dict[str, int] = {}
        self.set_aside: dict[str, int] = {}
        self.details: list[str] = []

    def keep(self, what: str, number: int = 1) -> None:
        """Count ``number`` elements of the input kept as ``what``."""
        if number:
            self.kept[what] = self.kept.get(what, 0) + number

    def aside(self, what: str, number: int = 1) -> None:
        """Count ``number`` elements of the input set aside as ``what``."""
        if number:
            self.set_aside[what] = self.set_aside.get(what, 0) + number

    def detail(self, position: SourcePosition, text: str) -> None:
        """Record one element set aside or mapped approximately, at ``position``."""
        self.details.append(f"{position}: {text}")

    def report(self, format_name: str) -> Report:
        """Return the finished :class:`Report`."""
        return Report(
            file=self.file,
            format=format_name,
            kept=self.kept,
            set_aside=self.set_aside,
            details=tuple(self.details),
        )


@attrs.define
class Draft:
    """A node as an importer builds it, before its kind is decided.

    ``kind`` and ``thesis`` are left None to let :func:`decide_kind` choose; an importer sets
    them when the input says (argmap's own metadata in AIF, kind tags in Argdown).
    """

    id: str
    text: str
    position: SourcePosition
    reasons: list[Reason] = attrs.Factory(list)
    attacks: list[Attack] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    kind: str | None = None
    thesis: bool | None = None
    citations: tuple[Citation, ...] = ()
    at: tuple[int, ...] = ()
    ignore: tuple[Suppression, ...] = ()


@attrs.frozen
class Roles:
    """How a node takes part in the argument, as :func:`decide_kind` needs to know it."""

    has_reasons: bool
    is_premise: bool
    attacks: bool
    is_attacked: bool


def decide_kind(roles: Roles) -> tuple[str, bool]:
    """Choose the kind of an imported node, and whether it is a thesis.

    AIF and Argdown do not tell claims, evidence and premises apart, so the kind follows the
    node's place in the argument:

    1. a node that attacks something (a rebuttal or an undercut) is an ``objection``;
    2. a node with reasons is a ``claim``; it is a thesis when it is no premise of a reason;
    3. a node that is attacked and is no premise of a reason is a ``claim`` and a thesis: the
       point under dispute, even when nothing supports it;
    4. every other node (a premise given without reasons, or a free-standing statement) is a
       ``premise``: a basis the map takes as given.

    Returns:
        The kind's map key and the thesis flag.
    """
    if roles.attacks:
        return "objection", False
    if roles.has_reasons:
        return "claim", not roles.is_premise
    if roles.is_attacked and not roles.is_premise:
        return "claim", True
    return "premise", False


def build_nodes(drafts: Iterable[Draft]) -> tuple[Node, ...]:
    """Turn drafts into nodes, deciding every kind the draft leaves open.

    Linear in the number of drafts, reasons and attacks.
    """
    drafts = list(drafts)
    premises: set[str] = set()
    attacked: set[str] = set()
    for draft in drafts:
        for reason in draft.reasons:
            premises.update(reason.premises)
        for attack in draft.attacks:
            if attack.reason is None:
                attacked.add(attack.target)
    return tuple(_node(draft, premises, attacked) for draft in drafts)


def _node(draft: Draft, premises: set[str], attacked: set[str]) -> Node:
    roles = Roles(
        has_reasons=bool(draft.reasons),
        is_premise=draft.id in premises,
        attacks=bool(draft.attacks),
        is_attacked=draft.id in attacked,
    )
    kind, thesis = decide_kind(roles)
    if draft.kind is not None:
        kind = draft.kind
        thesis = bool(draft.thesis) if draft.thesis is not None else thesis and kind == "claim"
    elif draft.thesis is not None:
        thesis = draft.thesis and kind == "claim"
    return NODE_KINDS[kind](
        id=draft.id,
        text=draft.text,
        reasons=tuple(draft.reasons),
        attacks=writable_order(draft.attacks),
        citations=draft.citations,
        at=draft.at,
        note="\n".join(draft.notes) if draft.notes else None,
        ignore=draft.ignore,
        thesis=thesis,
        position=draft.position,
    )


def writable_order(attacks: Iterable[Attack]) -> tuple[Attack, ...]:
    """Return attacks in an order the map format can write.

    A map file lists a node's rebuttals under ``attacks:`` and its undercuts under
    ``undercuts:``, so it can hold all rebuttals before all undercuts or the other way round,
    but not the two interleaved. Interleaved attacks are put rebuttals first (stably); the
    other two orders are kept.
    """
    attacks = tuple(attacks)
    kinds = [attack.reason is not None for attack in attacks]
    changes = sum(1 for a, b in itertools.pairwise(kinds) if a != b)
    if changes <= 1:
        return attacks
    return tuple(sorted(attacks, key=lambda attack: attack.reason is not None))


_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def unique_id(wanted: str, taken: set[str], *, prefix: str) -> str:
    """Return an argmap id made from ``wanted`` and not in ``taken``, and add it to ``taken``.

    ``wanted`` is kept when it is already a valid id. Otherwise accents are folded to ASCII,
    every run of other characters becomes ``-``, and ``prefix`` is put in front when the result
    does not start with a letter. A clash gets ``-2``, ``-3``, ... appended.
    """
    if ID_PATTERN.match(wanted):
        base = wanted
    else:
        folded = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode()
        base = _NOT_ID.sub("-", folded).strip("-")
        if not base[:1].isalpha() or not base.isascii():
            base = f"{prefix}{base}" if base[:1].isalnum() else f"{prefix}-{base}".rstrip("-")
        if not ID_PATTERN.match(base):  # pragma: no cover - the steps above make one
            base = prefix
    candidate = base
    number = 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def header_of(argument_map: ArgumentMap) -> dict[str, Any]:
    """Return the map's header (title, bibliography, analysed text, unmapped paragraphs).

    Only the fields that are set are given; paragraph numbers become strings, as in JSON.
    """
    header: dict[str, Any] = {}
    for name in ("title", "bibliography", "analysed"):
        value = getattr(argument_map, name)
        if value is not None:
            header[name] = value
    if argument_map.unmapped:
        header["unmapped"] = {str(n): why for n, why in sorted(argument_map.unmapped.items())}
    return header


def header_fields(header: object) -> dict[str, Any]:
    """Read a header written by :func:`header_of` into :class:`ArgumentMap` keyword arguments.

    Anything malformed is left out.
    """
    if not isinstance(header, Mapping):
        return {}
    fields: dict[str, Any] = {}
    for name in ("title", "bibliography", "analysed"):
        value = header.get(name)
        if isinstance(value, str) and value.strip():
            fields[name] = value
    unmapped = header.get("unmapped")
    if isinstance(unmapped, Mapping):
        fields["unmapped"] = {
            int(n): str(why) for n, why in unmapped.items() if str(n).isdigit() and int(n) >= 1
        }
    return fields
