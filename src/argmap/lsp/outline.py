"""Where ids, keys and codes are written in one map file: its outline, read from YAML events.

The loader keeps the line and column of each node, reason and citation, which is enough for
diagnostics. An editor needs more: the exact span of every id inside ``because: [C1 + C2]``,
of every key inside ``cites:``, of every code inside ``ignore:``, in the text being typed, even
when that text does not parse to the end. So the outline is read from a light tree of
offsets (:mod:`argmap.lsp.yamltree`); when the YAML breaks off, everything read before the
break is kept and the outline is marked incomplete. Nothing here checks the map: a wrong id
is still an occurrence of that id.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from argmap.lsp.text import Lines
from argmap.lsp.yamltree import Mapping, Scalar, Sequence, Tree, compose
from argmap.model import NODE_KINDS

__all__ = ["Field", "NodeEntry", "Occurrence", "Outline", "Role", "Span", "Symbol", "read_outline"]

#: An id as the map format allows it.
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
#: ``ID/N`` or ``ID/name`` in an undercut.
_REASON_REF = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*/\s*([0-9]+|[A-Za-z][A-Za-z0-9_-]*)")
#: A citation key or rule code as written: anything up to a space or YAML punctuation.
_WORD = re.compile(r"[^\s,\[\]{}'\"#]+")


class Symbol(enum.StrEnum):
    """What an occurrence names."""

    NODE = "node"
    #: A reason, named ``ID/N``, or ``ID/name`` when ``because:`` gives it a name.
    REASON = "reason"
    #: A bibliography entry, by key.
    SOURCE = "source"
    #: A rule, by code or name (inside ``ignore:``).
    RULE = "rule"


class Role(enum.StrEnum):
    """What an occurrence does with what it names."""

    #: A node's key, a reason in ``because``, an entry's key in the ``.bib`` file.
    DEFINITION = "definition"
    PREMISE = "premise"
    ATTACK = "attack"
    UNDERCUT = "undercut"
    #: A node named in the header's ``expect:``.
    EXPECT = "expect"
    CITATION = "citation"
    #: The header's ``analysed:`` key.
    ANALYSED = "analysed"
    SUPPRESSION = "suppression"


@attrs.frozen
class Span:
    """Where a word is written: its line and its start and end columns, all from 0."""

    line: int
    start: int
    end: int

    def holds(self, line: int, column: int) -> bool:
        """Whether the position is on the word or just after it (where a cursor stops)."""
        return line == self.line and self.start <= column <= self.end


@attrs.frozen
class Occurrence:
    """One place a node, reason, source or rule is named.

    Attributes:
        symbol: What kind of thing is named.
        name: The id, ``ID/N``, key or code, as written.
        span: Where.
        role: What the place does with it.
        owner: The node in whose entry it is written (None in the header or a ``.bib`` file).
    """

    symbol: Symbol
    name: str
    span: Span
    role: Role
    owner: str | None = None


@attrs.frozen
class Field:
    """A key of a node's entry and the extent of its value, for edits.

    Attributes:
        key: The field's key.
        span: The key.
        end: (line, column) where the value ends.
        flow: Whether the value is written inline (``{...}`` or ``[...]``) rather than as a
            block below the key.
        entries: For a mapping value, each entry's key span and where its value ends.
    """

    key: str
    span: Span
    end: tuple[int, int]
    flow: bool = False
    entries: tuple[tuple[str, Span, tuple[int, int]], ...] = ()


@attrs.frozen
class NodeEntry:
    """One node as written: its id, kind, text and fields.

    Attributes:
        id: The node's id.
        span: The id, as the entry's key.
        end: (line, column) where the entry's value ends.
        kind: The kind key (``claim``, ``evidence``, ...), or None when it has none.
        text: The node's text ("" when it has none).
        thesis: Whether ``thesis: true`` is written.
        fields: The entry's keys, in order.
    """

    id: str
    span: Span
    end: tuple[int, int]
    kind: str | None = None
    text: str = ""
    thesis: bool = False
    fields: tuple[Field, ...] = ()

    def field(self, key: str) -> Field | None:
        """Return the field with this key, or None."""
        return next((field for field in self.fields if field.key == key), None)


@attrs.frozen
class Outline:
    """What one map file names, and where.

    Attributes:
        occurrences: Every occurrence, in the order written.
        nodes: The node entries, in the order written.
        bibliography: The header's ``bibliography:`` names, with where each is written.
        header: The ``map`` key, when the file has a header.
        nodes_key: The ``nodes`` key, when the file has one.
        complete: False when the YAML breaks off before its end (the outline then holds
            what came before the break).
        aliases: For each named reason, ``(ID/N, ID/name)``: the two ways an undercut names it.
    """

    occurrences: tuple[Occurrence, ...] = ()
    nodes: tuple[NodeEntry, ...] = ()
    bibliography: tuple[tuple[str, Span], ...] = ()
    header: Span | None = None
    nodes_key: Span | None = None
    complete: bool = True
    aliases: tuple[tuple[str, str], ...] = ()

    def at(self, line: int, column: int) -> Occurrence | None:
        """Return the occurrence under a position: the narrowest one it is inside, else one it ends.

        A reason (``C1 + C2``) holds the ids of its premises; the cursor on ``C2`` finds the
        id, on the ``+`` the reason.
        """
        inside: Occurrence | None = None
        touching: Occurrence | None = None
        for occurrence in self.occurrences:
            span = occurrence.span
            if not span.holds(line, column):
                continue
            if span.start <= column < span.end:
                if inside is None or span.end - span.start < inside.span.end - inside.span.start:
                    inside = occurrence
            elif touching is None:
                touching = occurrence
        return inside or touching

    def node(self, node_id: str) -> NodeEntry | None:
        """Return the entry of a node written in this file, or None."""
        return next((entry for entry in self.nodes if entry.id == node_id), None)


# -- the walk ---------------------------------------------------------------------------------


def read_outline(text: str, lines: Lines | None = None) -> Outline:
    """Read the outline of a YAML map file's text.

    Args:
        text: the file's text, saved or not.
        lines: the text's line index, when the caller has it.

    Returns:
        The outline; empty when the text is not a mapping.
    """
    root, complete = compose(text)
    walker = _Walker(text, lines or Lines(text))
    if isinstance(root, Mapping):
        walker.top(root)
    return Outline(
        occurrences=tuple(walker.occurrences),
        nodes=tuple(walker.nodes),
        bibliography=tuple(walker.bibliography),
        header=walker.header,
        nodes_key=walker.nodes_key,
        complete=complete,
        aliases=tuple(walker.aliases),
    )


class _Walker:
    def __init__(self, text: str, lines: Lines) -> None:
        self.text = text
        self.lines = lines
        self.occurrences: list[Occurrence] = []
        self.nodes: list[NodeEntry] = []
        self.bibliography: list[tuple[str, Span]] = []
        self.header: Span | None = None
        self.nodes_key: Span | None = None
        self.aliases: list[tuple[str, str]] = []

    # -- places

    def span(self, start: int, end: int) -> Span:
        """The span from ``start`` to ``end``, cut at the end of the first line."""
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        if end_line != line:
            end_column = len(self.lines.line(line))
        return Span(line, column, end_column)

    def words(self, node: Scalar, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in the scalar as written (quotes and all)."""
        return pattern.finditer(self.text, node.start, max(node.end, node.start))

    def add(self, symbol: Symbol, name: str, span: Span, role: Role, owner: str | None) -> None:
        self.occurrences.append(Occurrence(symbol, name, span, role, owner))

    def first_word(self, node: Scalar, pattern: re.Pattern[str]) -> tuple[str, Span] | None:
        match = next(self.words(node, pattern), None)
        if match is None:
            return None
        return match.group(), self.span(match.start(), match.end())

    # -- the file

    def top(self, root: Mapping) -> None:
        for key, value in root.pairs:
            if not isinstance(key, Scalar):
                continue
            if key.value == "map":
                self.header = self.span(key.start, key.end)
                if isinstance(value, Mapping):
                    self.map_header(value)
            elif key.value == "nodes":
                self.nodes_key = self.span(key.start, key.end)
                if isinstance(value, Mapping):
                    for node_key, entry in value.pairs:
                        if isinstance(node_key, Scalar):
                            self.node(node_key, entry)

    def map_header(self, header: Mapping) -> None:
        for key, value in header.pairs:
            if not isinstance(key, Scalar) or value is None:
                continue
            if key.value == "bibliography":
                for item in _items(value):
                    if isinstance(item, Scalar) and item.value:
                        self.bibliography.append((item.value, self.span(item.start, item.end)))
            elif key.value == "analysed" and isinstance(value, Scalar):
                found = self.first_word(value, _WORD)
                if found is not None:
                    self.add(Symbol.SOURCE, found[0], found[1], Role.ANALYSED, None)
            elif key.value == "expect" and isinstance(value, Mapping):
                for expected, _ in value.pairs:
                    if isinstance(expected, Scalar):
                        found = self.first_word(expected, _ID)
                        if found is not None:
                            self.add(Symbol.NODE, found[0], found[1], Role.EXPECT, None)

    def node(self, key: Scalar, entry: Tree | None) -> None:
        node_id = key.value
        span = self.span(key.start, key.end)
        self.add(Symbol.NODE, node_id, span, Role.DEFINITION, None)
        end = entry.end if entry is not None else key.end
        kind: str | None = None
        text = ""
        thesis = False
        fields: list[Field] = []
        if isinstance(entry, Mapping):
            for field_key, value in entry.pairs:
                if not isinstance(field_key, Scalar):
                    continue
                name = field_key.value
                fields.append(self.field(field_key, value))
                if value is None:
                    continue
                if name in NODE_KINDS and kind is None:
                    kind = name
                    text = value.value if isinstance(value, Scalar) else ""
                elif name == "thesis":
                    thesis = isinstance(value, Scalar) and value.value.lower() == "true"
                elif name == "because":
                    self.because(node_id, value)
                elif name == "attacks":
                    for item in _items(value):
                        if isinstance(item, Scalar):
                            found = self.first_word(item, _ID)
                            if found is not None:
                                self.add(Symbol.NODE, found[0], found[1], Role.ATTACK, node_id)
                elif name == "undercuts":
                    self.undercuts(node_id, value)
                elif name == "cites":
                    self.cites(node_id, value)
                elif name == "ignore" and isinstance(value, Mapping):
                    for code, _ in value.pairs:
                        if isinstance(code, Scalar):
                            found = self.first_word(code, _WORD)
                            if found is not None:
                                self.add(Symbol.RULE, found[0], found[1], Role.SUPPRESSION, node_id)
        self.nodes.append(
            NodeEntry(
                id=node_id,
                span=span,
                end=self.lines.position(end),
                kind=kind,
                text=text,
                thesis=thesis,
                fields=tuple(fields),
            )
        )

    def field(self, key: Scalar, value: Tree | None) -> Field:
        end = value.end if value is not None else key.end
        entries: list[tuple[str, Span, tuple[int, int]]] = []
        if isinstance(value, Mapping):
            for entry_key, entry_value in value.pairs:
                if isinstance(entry_key, Scalar):
                    stop = entry_value.end if entry_value is not None else entry_key.end
                    where = self.span(entry_key.start, entry_key.end)
                    entries.append((entry_key.value, where, self.lines.position(stop)))
        flow = isinstance(value, Sequence | Mapping) and value.flow
        return Field(
            key.value,
            self.span(key.start, key.end),
            self.lines.position(end),
            flow=flow,
            entries=tuple(entries),
        )

    def because(self, node_id: str, value: Tree) -> None:
        if isinstance(value, Mapping):  # named reasons: the name is the reason's definition
            for number, (key, item) in enumerate(value.pairs, start=1):
                if not isinstance(key, Scalar):
                    continue
                name = f"{node_id}/{key.value}"
                self.aliases.append((f"{node_id}/{number}", name))
                where = self.span(key.start, key.end)
                self.add(Symbol.REASON, name, where, Role.DEFINITION, node_id)
                if isinstance(item, Scalar):
                    self.premises(node_id, item)
            return
        for number, item in enumerate(_items(value), start=1):
            if not isinstance(item, Scalar):
                continue
            name = f"{node_id}/{number}"
            self.add(Symbol.REASON, name, self.span(item.start, item.end), Role.DEFINITION, node_id)
            self.premises(node_id, item)

    def premises(self, node_id: str, item: Scalar) -> None:
        for match in self.words(item, _ID):
            where = self.span(match.start(), match.end())
            self.add(Symbol.NODE, match.group(), where, Role.PREMISE, node_id)

    def undercuts(self, node_id: str, value: Tree) -> None:
        for item in _items(value):
            if not isinstance(item, Scalar):
                continue
            match = next(self.words(item, _REASON_REF), None)
            if match is None:
                found = self.first_word(item, _ID)
                if found is not None:
                    self.add(Symbol.NODE, found[0], found[1], Role.UNDERCUT, node_id)
                continue
            target, number = match.group(1), match.group(2)
            where = self.span(match.start(1), match.end(1))
            self.add(Symbol.NODE, target, where, Role.UNDERCUT, node_id)
            where = self.span(match.start(2), match.end(2))
            self.add(Symbol.REASON, f"{target}/{number}", where, Role.UNDERCUT, node_id)

    def cites(self, node_id: str, value: Tree) -> None:
        for item in _items(value):
            if not isinstance(item, Mapping):
                continue
            for key, key_value in item.pairs:
                if (
                    isinstance(key, Scalar)
                    and key.value == "key"
                    and isinstance(key_value, Scalar)
                    and (found := self.first_word(key_value, _WORD)) is not None
                ):
                    self.add(Symbol.SOURCE, found[0], found[1], Role.CITATION, node_id)


def _items(value: Tree) -> list[Tree]:
    """The items of a list, or the value itself when it is written alone."""
    if isinstance(value, Sequence):
        return value.items
    return [value]
