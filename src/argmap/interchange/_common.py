"""What the importers share: the report, the import result, node drafts and their kinds, ids.

AIF and Argdown know statements and inferences but not argmap's five node kinds, so both
importers first collect :class:`Draft` nodes and then let :func:`build_nodes` decide each
node's kind from its place in the argument (see :func:`decide_kind`). Whatever an importer
cannot map is counted in a :class:`Report` and, item by item, listed in its details: nothing
is dropped silently.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
import unicodedata
from _json import scanstring
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from argmap._io import write_atomically
from argmap.errors import LoadError, MapError, did_you_mean, escape_controls
from argmap.model import (
    ID_PATTERN,
    NODE_KINDS,
    ArgumentMap,
    Attack,
    Citation,
    Expectation,
    Locator,
    LocatorLabel,
    Node,
    Reason,
    SourcePosition,
    Suppression,
    freeze,
)

__all__ = [
    "HEADER_KEYS",
    "LABELS",
    "MAX_DEPTH",
    "SURROGATE",
    "Checker",
    "Draft",
    "ImportResult",
    "LocatedDict",
    "LocatedList",
    "Report",
    "Tally",
    "TextPlaces",
    "build_nodes",
    "decide_kind",
    "header_of",
    "key_offset",
    "offset_of",
    "read_json",
    "show",
    "surrogate_errors",
    "unique_id",
    "value_offset",
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
    #: Whether everything the node attacks (or whose reason it undercuts) is an objection:
    #: the node answers objections rather than raising one.
    answers: bool = False


def decide_kind(roles: Roles) -> tuple[str, bool]:
    """Choose the kind of an imported node, and whether it is a thesis.

    AIF and Argdown do not tell claims, evidence and premises apart, so the kind follows the
    node's place in the argument, and an attacker's kind its dialectical role:

    1. a node that answers objections (everything it attacks or undercuts is an objection) is
       a ``claim``, and no thesis;
    2. any other node that attacks something (a rebuttal or an undercut) is an ``objection``;
    3. a node with reasons is a ``claim``; it is a thesis when it is no premise of a reason;
    4. a node that is attacked and is no premise of a reason is a ``claim`` and a thesis: the
       point under dispute, even when nothing supports it;
    5. every other node (a premise given without reasons, or a free-standing statement) is a
       ``premise``: a basis the map takes as given.

    Which attackers are objections is decided by :func:`objections` for the whole map.

    Returns:
        The kind's map key and the thesis flag.
    """
    if roles.attacks:
        return ("claim", False) if roles.answers else ("objection", False)
    if roles.has_reasons:
        return "claim", not roles.is_premise
    if roles.is_attacked and not roles.is_premise:
        return "claim", True
    return "premise", False


def objections(drafts: Sequence[Draft]) -> set[str]:
    """Return the ids of the drafts that are objections by their dialectical role.

    A node that attacks nothing is no objection (unless its kind says so). An attacker of an
    objection answers it, so it is a claim; an attacker of that answer is an objection again,
    and so on down the exchange. A node attacking both an objection and something that is
    none raises a challenge of its own, so it is an objection (``argmap check`` then asks for
    its answer, AM008). A draft whose kind is set keeps it, and its attackers follow it.
    Attackers that only attack one another, with nothing outside the circle to start from
    (``A`` and ``B`` attacking each other and nothing else), are all objections.

    Linear in the number of drafts and attacks.
    """
    by_id = {draft.id: draft for draft in drafts}
    known: dict[str, bool] = {}  # id -> whether it is an objection
    for draft in drafts:
        if draft.kind is not None:
            known[draft.id] = draft.kind == "objection"
        elif not draft.attacks:
            known[draft.id] = False
    decided = list(known)  # ids whose role is known, to pass on to their attackers
    waiting: dict[str, list[str]] = {}  # target id -> its attackers still undecided
    pending: dict[str, set[str]] = {}  # attacker id -> its targets still undecided
    for draft in drafts:
        if draft.id in known:
            continue
        targets = {attack.target for attack in draft.attacks}
        if not targets <= by_id.keys():  # it attacks what is no node here, so no objection
            known[draft.id] = True
            decided.append(draft.id)
            continue
        pending[draft.id] = targets
        for target in targets:
            waiting.setdefault(target, []).append(draft.id)
    while decided:
        target = decided.pop()
        for attacker in waiting.get(target, ()):
            if attacker in known:
                continue
            left = pending[attacker]
            left.discard(target)
            if not known[target]:  # it attacks a node that is no objection: it raises one
                known[attacker] = True
            elif not left:  # every node it attacks is an objection: it answers them
                known[attacker] = False
            else:
                continue
            decided.append(attacker)
    return {node_id for node_id in by_id if known.get(node_id, True)}


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
    raising = objections(drafts)
    return tuple(_node(draft, premises, attacked, raising) for draft in drafts)


def _node(draft: Draft, premises: set[str], attacked: set[str], raising: set[str]) -> Node:
    roles = Roles(
        has_reasons=bool(draft.reasons),
        is_premise=draft.id in premises,
        attacks=bool(draft.attacks),
        is_attacked=draft.id in attacked,
        answers=draft.id not in raising,
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
    """Return the map's header: title, bibliography, analysed text, unmapped paragraphs, expect.

    Only the fields that are set are given; paragraph numbers become strings, as in JSON, and
    ``expect`` maps node ids to the labels expected, as in a YAML map's header.
    """
    header: dict[str, Any] = {}
    for name in ("title", "bibliography", "analysed"):
        value = getattr(argument_map, name)
        if value is not None:
            header[name] = value
    if argument_map.unmapped:
        header["unmapped"] = {str(n): why for n, why in sorted(argument_map.unmapped.items())}
    if argument_map.expected:
        header["expect"] = {e.node: e.label for e in argument_map.expected}
    return header


# -- data read with positions --------------------------------------------------------------------

#: How deep JSON and Argdown data may nest. argmap's own JSON needs six levels, AIF four.
MAX_DEPTH = 100
#: The keys of a map header in AIF and Argdown (``"argmap"`` object, ``argmap:`` front matter).
HEADER_KEYS = ("title", "bibliography", "analysed", "unmapped", "expect")
#: The labels a header's ``expect`` may ask for (see :mod:`argmap.acceptability`).
LABELS = ("in", "out", "undec")


class LocatedDict(dict[str, Any]):
    """A JSON object or YAML mapping as read, with where it, its keys and its values start.

    Offsets count characters in the text that was read; a :class:`TextPlaces` (or another
    function of that shape) turns them into file, line and column.
    """

    __slots__ = ("key_offsets", "offset", "texts", "value_offsets")

    def __init__(self, offset: int) -> None:
        """Start an empty object found at ``offset``."""
        super().__init__()
        self.offset = offset
        self.key_offsets: dict[str, int] = {}
        self.value_offsets: dict[str, int] = {}
        #: The scalar values as written, for YAML only, where ``page: 4`` is the text ``4``.
        self.texts: dict[str, str] = {}


class LocatedList(list[Any]):
    """A JSON array or YAML sequence as read, with where it and each of its items start."""

    __slots__ = ("offset", "offsets")

    def __init__(self, offset: int) -> None:
        """Start an empty list found at ``offset``."""
        super().__init__()
        self.offset = offset
        self.offsets: list[int] = []


def value_offset(container: object, key: str | int) -> int | None:
    """Return where ``container[key]`` starts, or None for data read without positions."""
    if isinstance(container, LocatedDict) and isinstance(key, str):
        return container.value_offsets.get(key)
    if isinstance(container, LocatedList) and isinstance(key, int) and key < len(container):
        return container.offsets[key]
    return None


def key_offset(container: object, key: str) -> int | None:
    """Return where the key ``key`` of an object starts, or None when it is not known."""
    if isinstance(container, LocatedDict):
        return container.key_offsets.get(key)
    return None


def offset_of(value: object) -> int | None:
    """Return where an object or list starts, or None for anything else."""
    return value.offset if isinstance(value, LocatedDict | LocatedList) else None


class TextPlaces:
    """Turns character offsets into a text into file, line and column.

    The text may start inside a file (front matter, a data block): ``line`` and ``column``
    say where. An unknown offset (None) is the start of the text.
    """

    def __init__(self, file: str, text: str, *, line: int = 1, column: int = 1) -> None:
        """Describe ``text``, which starts at ``line`` and ``column`` of ``file``."""
        self.file = file
        self.text = text
        self.line = line
        self.column = column
        self._newlines: list[int] | None = None

    def __call__(self, offset: int | None) -> SourcePosition:
        """Return the file, line and column of a character offset."""
        if offset is None:
            return SourcePosition(self.file, self.line, self.column)
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self._newlines, offset)
        if line == 0:
            return SourcePosition(self.file, self.line, self.column + offset)
        return SourcePosition(self.file, self.line + line, offset - self._newlines[line - 1])


# -- JSON ----------------------------------------------------------------------------------------

_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
#: The common cases, read by one regular expression: a string without escapes, such a string
#: as a key with its colon, and the comma or bracket after an item.
_JSON_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
_JSON_PLAIN_KEY = re.compile(r'"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
_JSON_NEXT = re.compile(r"[ \t\n\r]*(?:(,)[ \t\n\r]*|([\]}]))")
#: The words JSON knows, and the three Python's json module also reads (as floats).
_JSON_WORDS: tuple[tuple[str, object], ...] = (
    ("null", None),
    ("true", True),
    ("false", False),
    ("NaN", math.nan),
    ("Infinity", math.inf),
    ("-Infinity", -math.inf),
)


class _Unreadable(Exception):  # noqa: N818 - a signal inside the reader, never seen outside
    """JSON that is well formed but cannot be read: nested too deep, a number too long."""

    def __init__(self, offset: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.hint = hint


class _JsonReader:
    """Reads JSON as Python's json module does, keeping where every key and value starts.

    Unlike :func:`json.loads` it refuses nesting deeper than :data:`MAX_DEPTH` and integers
    too long to convert, and it records every duplicate key (keeping the first value).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        #: (offset of the repeated key, the key, offset of its first occurrence)
        self.duplicates: list[tuple[int, str, int]] = []

    def document(self) -> Any:
        text = self.text
        start = self.space(0)
        value, end = self.value(start, 0)
        end = self.space(end)
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
        return value

    def space(self, offset: int) -> int:
        return _JSON_SPACE.match(self.text, offset).end()  # type: ignore[union-attr]

    def value(self, start: int, depth: int) -> tuple[Any, int]:
        text = self.text
        char = text[start : start + 1]
        if char == '"':
            plain = _JSON_PLAIN_STRING.match(text, start)
            if plain is not None:
                return plain.group(1), plain.end()
            return scanstring(text, start + 1, True)  # noqa: FBT003 - strict, as json.loads
        if char == "{":
            return self.object(start, depth + 1)
        if char == "[":
            return self.array(start, depth + 1)
        number = _JSON_NUMBER.match(text, start)
        if number is not None:
            return self.number(number), number.end()
        for word, value in _JSON_WORDS:
            if text.startswith(word, start):
                return value, start + len(word)
        raise json.JSONDecodeError("Expecting value", text, start)

    def number(self, match: re.Match[str]) -> int | float:
        integer, fraction, exponent = match.groups()
        if fraction or exponent:
            return float(match.group())
        try:
            return int(integer)
        except ValueError:  # longer than Python converts (4300 digits by default)
            digits = len(integer.lstrip("-"))
            raise _Unreadable(
                match.start(),
                f"a number of {digits} digits is too long to read",
                "write a shorter number, or the value as a string",
            ) from None

    def deeper(self, start: int, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _Unreadable(
                start,
                f"JSON nested more than {MAX_DEPTH} levels deep",
                "a map needs a few levels; flatten the data",
            )

    def key(self, at: int) -> tuple[str, int]:
        """Read a key with escapes or odd spacing and its colon; return it and its value's start."""
        text = self.text
        if not text.startswith('"', at):
            message = "Expecting property name enclosed in double quotes"
            raise json.JSONDecodeError(message, text, at)
        key, at = scanstring(text, at + 1, True)  # noqa: FBT003 - strict, as json.loads
        at = self.space(at)
        if not text.startswith(":", at):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
        return key, self.space(at + 1)

    def unexpected(self, end: int) -> json.JSONDecodeError:
        """The error for what follows an item when it is neither a comma nor the bracket."""
        return json.JSONDecodeError("Expecting ',' delimiter", self.text, self.space(end))

    def object(self, start: int, depth: int) -> tuple[LocatedDict, int]:
        self.deeper(start, depth)
        text = self.text
        found = LocatedDict(start)
        at = self.space(start + 1)
        if text.startswith("}", at):
            return found, at + 1
        plain_key, following = _JSON_PLAIN_KEY.match, _JSON_NEXT.match
        while True:
            plain = plain_key(text, at)
            key, value_at = (plain.group(1), plain.end()) if plain else self.key(at)
            value, end = self.value(value_at, depth)
            if key in found:
                self.duplicates.append((at, key, found.key_offsets[key]))
            else:
                found[key] = value
                found.key_offsets[key] = at
                found.value_offsets[key] = value_at
            after = following(text, end)
            if after is None or after.group(2) == "]":
                raise self.unexpected(end)
            if after.group(2):
                return found, after.end()
            at = after.end()

    def array(self, start: int, depth: int) -> tuple[LocatedList, int]:
        self.deeper(start, depth)
        text = self.text
        found = LocatedList(start)
        at = self.space(start + 1)
        if text.startswith("]", at):
            return found, at + 1
        following = _JSON_NEXT.match
        while True:
            value, end = self.value(at, depth)
            found.append(value)
            found.offsets.append(at)
            after = following(text, end)
            if after is None or after.group(2) == "}":
                raise self.unexpected(end)
            if after.group(2):
                return found, after.end()
            at = after.end()


def read_json(text: str, file: str, *, hint: str) -> tuple[Any, TextPlaces, list[MapError]]:
    """Read JSON text, keeping where every object, list, key and value starts.

    Objects become :class:`LocatedDict` and arrays :class:`LocatedList`; a leading byte-order
    mark is skipped.

    Args:
        text: the JSON.
        file: the name to give in positions and errors.
        hint: how to fix a file that is not JSON, for its error.

    Returns:
        The data, the places of its offsets, and one error per duplicate key (at the repeated
        key; the first value is kept).

    Raises:
        LoadError: when the text is not JSON, nests more than :data:`MAX_DEPTH` levels deep or
            holds an integer too long to convert; one error, where the reading stopped.
    """
    text = text.removeprefix("\ufeff")
    places = TextPlaces(file, text)
    reader = _JsonReader(text)
    try:
        data = reader.document()
    except json.JSONDecodeError as exc:
        error = MapError(file, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}", hint)
        raise LoadError([error]) from None
    except _Unreadable as exc:
        position = places(exc.offset)
        raise LoadError(
            [MapError(file, position.line, position.column, exc.message, exc.hint)]
        ) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far below the limit
        message = "JSON nested too deeply to read"
        raise LoadError([MapError(file, 1, 1, message, hint)]) from None
    duplicates = []
    for offset, key, first in reader.duplicates:
        position, earlier = places(offset), places(first)
        duplicates.append(
            MapError(
                file,
                position.line,
                position.column,
                f"duplicate key `{key}` (first at line {earlier.line}, column {earlier.column})",
                "keep one of the two; JSON readers differ in which one they take",
            )
        )
    return data, places, duplicates


# -- checking what was read ----------------------------------------------------------------------


def show(value: object) -> str:
    """Show a value in a one-line message: ``null``, ``true``, ``-5``, ``"text"``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        shown = repr(value) if isinstance(value, float) else str(value)
        return shown if len(shown) <= 20 else f"{shown[:20]}…"
    if isinstance(value, str):
        shown = " ".join(value.split())
        if not shown:
            return "blank text"
        return f"`{shown[:40]}…`" if len(shown) > 40 else f"`{shown}`"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


_PARAGRAPH = re.compile(r"[0-9]{1,4300}\Z")  # as many digits as Python converts
#: Half of a UTF-16 surrogate pair, which JSON can escape (``"\\ud800"``) but no file can hold.
SURROGATE = re.compile("[\ud800-\udfff]")
_LOCATOR_KEYS = ("key", *(label.value for label in LocatorLabel), "pages", "footnote")


class Checker:
    """Reads a map's fields out of located data, collecting one located error per problem.

    The shapes are those argmap writes into AIF (an I-node's ``"argmap"`` object, the map's
    ``"argmap"`` header) and Argdown (``{...}`` data, the ``argmap:`` front matter), and they
    are checked as the YAML loader checks a map: texts are not empty, paragraph numbers are
    whole numbers from 1, a citation has one key and at most one locator with a value, a
    suppression gives its reason as text, and an unknown key is named with the nearest known.
    """

    def __init__(self, place: Callable[[int | None], SourcePosition]) -> None:
        """Check data whose offsets ``place`` turns into positions."""
        self.place = place
        self.errors: list[MapError] = []

    def fail(self, offset: int | None, message: str, hint: str) -> None:
        """Record one problem at an offset (None: where the data starts)."""
        self.fail_at(self.place(offset), message, hint)

    def fail_at(self, position: SourcePosition, message: str, hint: str) -> None:
        """Record one problem at a position."""
        self.errors.append(MapError(position.file, position.line, position.column, message, hint))

    def known(
        self,
        data: Mapping[str, Any],
        owner: str,
        keys: Sequence[str],
        *,
        suggest: Sequence[str] | None = None,
    ) -> bool:
        """Report every key of ``data`` not in ``keys``; return whether all are known.

        The hint names the nearest of ``suggest`` (default: ``keys``), or lists them all.
        """
        unknown = [key for key in data if key not in keys]
        names = keys if suggest is None else suggest
        for key in unknown:
            hint = did_you_mean(key, names) or "allowed keys: " + ", ".join(f"`{k}`" for k in names)
            self.fail(key_offset(data, key), f"unknown key `{key}` in {owner}", hint)
        return not unknown

    def written(self, data: Mapping[str, Any], key: str, *, numbers: bool = False) -> str | None:
        """Return a value as text: a string, a YAML scalar as written, or (``numbers``) an int."""
        if isinstance(data, LocatedDict) and key in data.texts:
            return data.texts[key]
        value = data[key]
        if isinstance(value, str):
            return value
        if numbers and type(value) is int:
            return str(value)
        return None

    def unbroken(self, text: str, offset: int | None, what: str) -> str | None:
        r"""Return ``text`` unless it holds half a surrogate pair (a JSON ``\ud800``)."""
        broken = SURROGATE.search(text)
        if broken is None:
            return text
        self.fail(
            offset,
            f"{what} holds an unpaired surrogate escape (\\u{ord(broken.group()):04x}), "
            "which no file can hold",
            "write the character itself, or leave the escape out",
        )
        return None

    def text(self, data: Mapping[str, Any], key: str, what: str) -> str | None:
        """Return ``data[key]`` as text that is not blank, or report it."""
        text = self.written(data, key)
        if text is None:
            self.fail(
                value_offset(data, key),
                f"{what} must be text, got {show(data[key])}",
                "write it as text",
            )
            return None
        if not text.strip():
            self.fail(
                value_offset(data, key), f"{what} is empty", "write the text, or leave it out"
            )
            return None
        return self.unbroken(text, value_offset(data, key), what)

    def whole_number(self, value: object, offset: int | None, what: str) -> int | None:
        """Return ``value`` when it is a whole number from 1, or report it."""
        if type(value) is int and value >= 1:
            return value
        self.fail(offset, f"{what} must be a whole number from 1, got {show(value)}", "fix it")
        return None

    def paragraphs(self, data: Mapping[str, Any], key: str, owner: str) -> tuple[int, ...]:
        """Return the paragraph numbers of an ``at`` value: one number or a list of them."""
        value = data[key]
        what = f"a paragraph in `at` of {owner}"
        if not isinstance(value, list):
            number = self.whole_number(value, value_offset(data, key), what)
            return () if number is None else (number,)
        numbers = (
            self.whole_number(item, value_offset(value, index), what)
            for index, item in enumerate(value)
        )
        return tuple(number for number in numbers if number is not None)

    def paragraph_key(self, data: Mapping[str, Any], key: str, what: str) -> int | None:
        """Return a paragraph number written as a key (``"4"``): ASCII digits, from 1."""
        if _PARAGRAPH.match(key) and int(key) >= 1:
            return int(key)
        if key.isascii() and key.isdigit() and len(key) > 4300:  # more than Python converts
            message = f"{what} has {len(key)} digits, too many to read"
            self.fail(key_offset(data, key), message, "write a shorter number")
            return None
        self.fail(
            key_offset(data, key),
            f"{what} must be a whole number from 1, got {show(key)}",
            "write the paragraph's number in digits 0-9",
        )
        return None

    def citations(self, data: Mapping[str, Any], key: str, owner: str) -> tuple[Citation, ...]:
        """Return the citations of a ``cites`` value: one ``{key, <locator>}`` or a list."""
        value = data[key]
        items = LocatedList(value_offset(data, key) or 0) if isinstance(value, Mapping) else value
        if isinstance(value, Mapping):  # one citation, written without a list
            items.append(value)
            items.offsets.append(items.offset)
        if not isinstance(items, list):
            self.fail(
                value_offset(data, key),
                f"`cites` of {owner} must be a list of citations, got {show(value)}",
                'write `[{"key": "bibkey", "page": "4"}]`',
            )
            return ()
        found = []
        for index, item in enumerate(items):
            citation = self.citation(item, value_offset(items, index), owner)
            if citation is not None:
                found.append(citation)
        return tuple(found)

    def citation(self, item: object, offset: int | None, owner: str) -> Citation | None:
        """Return one citation ``{key, <locator label>: value}``, or report what is wrong."""
        what = f"a citation of {owner}"
        if not isinstance(item, Mapping):
            self.fail(offset, f"{what} must be an object, got {show(item)}", "write `{key: ...}`")
            return None
        readable = [name for name in item if name == "key" or LocatorLabel.parse(name)]
        ok = self.known(item, what, readable, suggest=_LOCATOR_KEYS)
        key = self.text(item, "key", "the citation key") if "key" in item else None
        locators = []
        for name in item:
            label = LocatorLabel.parse(name)
            if label is None:
                continue
            value = self.written(item, name, numbers=True)
            if value is None or not value.strip():
                self.fail(
                    value_offset(item, name),
                    f"locator `{name}` of {what} has no value (got {show(item[name])})",
                    "write e.g. `page: 4`, or leave the locator out",
                )
                ok = False
            elif self.unbroken(value, value_offset(item, name), f"locator `{name}`") is None:
                ok = False
            else:
                locators.append(Locator(label, value.strip()))
        if "key" not in item:
            self.fail(offset, f"{what} has no `key`", "add the bibliography key")
            return None
        if len(locators) > 1:
            names = ", ".join(f"`{locator.label.value}`" for locator in locators)
            self.fail(
                offset,
                f"{what} has several locators ({names})",
                "keep one locator; cite twice to name two places",
            )
            return None
        if key is None or not ok:
            return None
        return Citation(key, locators[0] if locators else None, position=self.place(offset))

    def suppressions(
        self, data: Mapping[str, Any], key: str, owner: str
    ) -> tuple[Suppression, ...]:
        """Return the suppressions of an ``ignore`` value, a mapping of codes to reasons."""
        value = data[key]
        if not isinstance(value, Mapping):
            self.fail(
                value_offset(data, key),
                f"`ignore` of {owner} must map codes to reasons, got {show(value)}",
                'write `{"AM004": "why"}`',
            )
            return ()
        found = []
        for code in value:
            reason = self.written(value, code)
            if reason is None:
                self.fail(
                    value_offset(value, code),
                    f"the reason for ignoring `{code}` in {owner} must be text, "
                    f"got {show(value[code])}",
                    "state why the rule does not apply, as text",
                )
                continue
            what = f"the reason for `{code}`"
            if self.unbroken(reason, value_offset(value, code), what) is not None:
                position = self.place(key_offset(value, code))
                found.append(Suppression(code, reason, position=position))
        return tuple(found)

    def header(self, data: object, offset: int | None, owner: str) -> dict[str, Any]:
        """Return :class:`~argmap.model.ArgumentMap` keyword arguments from a map header.

        The keys are those of :data:`HEADER_KEYS`, as :func:`header_of` writes them.
        """
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            self.fail(offset, f"{owner} must be an object, got {show(data)}", "see `header_of`")
            return {}
        self.known(data, owner, HEADER_KEYS)
        fields: dict[str, Any] = {}
        for name in ("title", "bibliography", "analysed"):
            if name in data:
                fields[name] = self.text(data, name, f"`{name}` in {owner}")
        if "unmapped" in data:
            fields["unmapped"] = self.unmapped(data, "unmapped", owner)
        if "expect" in data:
            fields["expected"] = self.expectations(data, "expect", owner)
        return {name: value for name, value in fields.items() if value is not None}

    def expectations(
        self, data: Mapping[str, Any], key: str, owner: str
    ) -> tuple[Expectation, ...]:
        """Return ``expect``: node ids to the label (in, out, undec) each is expected to get."""
        value = data[key]
        if not isinstance(value, Mapping):
            self.fail(
                value_offset(data, key),
                f"`expect` in {owner} must map node ids to labels, got {show(value)}",
                'write `{"T1": "in"}`',
            )
            return ()
        found = []
        for node in value:
            label = self.written(value, node)
            if label is None or label.lower() not in LABELS:
                self.fail(
                    value_offset(value, node),
                    f"bad label {show(value[node])} for `{node}` in `expect` of {owner}",
                    "use in, out or undec",
                )
                continue
            position = self.place(key_offset(value, node))
            found.append(Expectation(node, label.lower(), position=position))
        return tuple(found)

    def expected_nodes(self, expected: Iterable[Expectation], ids: Sequence[str]) -> None:
        """Report every expectation naming a node the map does not have."""
        known = set(ids)
        for expectation in expected:
            if expectation.node not in known:
                hint = did_you_mean(expectation.node, ids) or "define the node or fix the id"
                message = f"unknown id `{expectation.node}` in `expect`"
                self.fail_at(expectation.position, message, hint)

    def unmapped(self, data: Mapping[str, Any], key: str, owner: str) -> dict[int, str]:
        """Return ``unmapped``: paragraph numbers (as keys) to the reason each is left out."""
        value = data[key]
        if not isinstance(value, Mapping):
            self.fail(
                value_offset(data, key),
                f"`unmapped` in {owner} must map paragraph numbers to reasons, got {show(value)}",
                'write `{"4": "why"}`',
            )
            return {}
        found: dict[int, str] = {}
        for number_text in value:
            number = self.paragraph_key(value, number_text, "a paragraph in `unmapped`")
            reason = self.text(
                value, number_text, f"the reason paragraph {number_text} is unmapped"
            )
            if number is not None and number in found:
                self.fail(
                    key_offset(value, number_text),
                    f"paragraph {number} is in `unmapped` twice",
                    "keep one entry",
                )
            elif number is not None and reason is not None:
                found[number] = reason
        return found


def surrogate_errors(argument_map: ArgumentMap) -> list[MapError]:
    r"""Return an error for each element of an imported map holding half a surrogate pair.

    JSON can escape one (``"\ud800"``) but no file can hold it: a map keeping one could be
    neither written out nor read back. The importers replace them in texts (and say so); this
    is the net under every other field (ids, notes, locators, reasons, the header).
    """
    errors: list[MapError] = []

    def check(text: str | None, position: SourcePosition, what: str) -> None:
        if text is not None and (broken := SURROGATE.search(text)) is not None:
            errors.append(
                MapError(
                    position.file,
                    position.line,
                    position.column,
                    f"{what} holds an unpaired surrogate escape (\\u{ord(broken.group()):04x}), "
                    "which no file can hold",
                    "write the character itself, or leave the escape out",
                )
            )

    where = argument_map.position
    for field in (argument_map.title, argument_map.bibliography, argument_map.analysed):
        check(field, where, "the map's header")
    for why in argument_map.unmapped.values():
        check(why, where, "an `unmapped` reason")
    for node in argument_map.nodes:
        owner = f"node `{escape_controls(node.id)}`"
        check(node.id, node.position, "a node id")
        check(node.text, node.position, f"the text of {owner}")
        check(node.note, node.position, f"the note of {owner}")
        for reason in node.reasons:
            for premise in reason.premises:
                check(premise, reason.position, f"a premise of {owner}")
        for attack in node.attacks:
            check(attack.target, attack.position, f"an attack of {owner}")
        for citation in node.citations:
            check(citation.key, citation.position, f"a citation key of {owner}")
            if citation.locator is not None:
                check(citation.locator.value, citation.position, f"a locator of {owner}")
        for entry in node.ignore:
            check(entry.code, entry.position, f"a suppression of {owner}")
            check(entry.reason, entry.position, f"a suppression reason of {owner}")
    return errors
