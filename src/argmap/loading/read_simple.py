"""A fast reader for map files written in the plain style argmap's own maps use.

Most map files are a ``nodes:`` mapping of ids to one-line ``key: value`` fields, with lists
written ``[A, B]`` or as ``- item`` lines and citations as ``{key: k, page: 4}``. For such a
file :func:`read_simple` builds the draft straight from the lines, without composing a YAML
node tree (PyYAML's composer and its tag resolver cost more than the rest of the load).

It accepts only what it fully understands and that reads without a mistake: any other
construct (multi-line, quoted or tagged values, anchors, comments after a value, tabs,
unusual line breaks, ``ignore:``, ``expect:``, an unknown or repeated key, a value the full
reader would report...) returns None, and :mod:`argmap.loading.read_yaml` reads the file with
PyYAML as before. Whatever it returns equals, field by field and position by position, the
draft the full reader gives for the same text (tests/loading/test_read_simple.py checks that on
generated maps, the repository's maps and mutated texts).
"""

from __future__ import annotations

import re
from typing import Any

from argmap.loading.drafts import FileDraft, Header
from argmap.model import (
    ID_PATTERN,
    NODE_KINDS,
    Attack,
    Citation,
    Locator,
    LocatorLabel,
    Reason,
    SourcePosition,
)

__all__ = ["read_simple"]

#: Characters outside YAML's printable set, and the line breaks other than \n (\r, NEL, LS,
#: PS), tabs and the byte-order mark: a text holding one goes to the full reader. (Written as
#: the characters refused rather than those allowed: that compiles ten times faster.)
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_UNSAFE_ASCII = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
#: What a plain value cannot start with (YAML's indicators, and space).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
#: A plain item inside ``[...]`` or ``{...}``: no flow indicators, colons or hashes at all.
_FLOW_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}:#]*")
_FLOW_KEY = re.compile(r"([A-Za-z][A-Za-z-]*): +")
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_NUMBER = re.compile(r"[1-9][0-9]{0,8}\Z")  # longer numbers: the full reader
_REASON_REF = re.compile(r"([^/\s]+)/(?:([1-9][0-9]{0,8})|([A-Za-z][A-Za-z0-9_-]*))\Z")
_NODE_KEYS = frozenset(
    (*NODE_KINDS, "thesis", "because", "attacks", "undercuts", "cites", "at", "note")
)
_HEADER = frozenset(("title", "bibliography", "analysed"))


class _NotSimple(Exception):  # noqa: N818 - a signal, not an error: the full reader takes over
    """The text is not in the plain style: read it with PyYAML."""


def read_simple(file: str, text: str) -> FileDraft | None:
    """Read a map file in the plain style, or return None when it is written otherwise.

    Args:
        file: the file's name as messages show it.
        text: the file's text (decoded, byte-order mark dropped).

    Returns:
        The draft, equal to the full reader's, or None.
    """
    unsafe = _UNSAFE_ASCII if text.isascii() else _UNSAFE
    if unsafe.search(text) is not None:
        return None
    try:
        return _Reader(file, _rows(text)).read()
    except _NotSimple:
        return None


def _rows(text: str) -> list[tuple[int, int, str]]:
    """Return (line number, indent, content) of each line that is neither blank nor a comment."""
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            rows.append((number, len(line) - len(content), content.rstrip(" ")))
    return rows


# A value, as the lines give it: (kind, payload, line, column); kind is "plain", "seq" (payload
# a list of values) or "map" (payload a list of (key, value)).
_Value = tuple[str, Any, int, int]


class _Reader:
    def __init__(self, file: str, rows: list[tuple[int, int, str]]) -> None:
        self.file = file
        self.rows = rows
        self.at = 0  # index of the next row to read
        #: Premise columns, keyed by (node index, reason index), as FileDraft.columns.
        self.columns: dict[tuple[int, int], tuple[int, ...]] = {}

    def indent(self) -> int:
        """Return the indent of the next row; -1 at the end of the file."""
        return self.rows[self.at][1] if self.at < len(self.rows) else -1

    # -- the file ------------------------------------------------------------------------------

    def read(self) -> FileDraft:
        header: Header | None = None
        nodes: list[Any] = []
        seen: set[str] = set()
        rows = self.rows
        while self.at < len(rows):
            number, indent, content = rows[self.at]
            if indent or content not in {"map:", "nodes:"} or content in seen:
                raise _NotSimple
            seen.add(content)
            self.at += 1
            if content == "map:":
                header = self.read_header(number)
            else:
                self.read_nodes(nodes)
        if not seen:
            raise _NotSimple
        return FileDraft(file=self.file, header=header, nodes=tuple(nodes), columns=self.columns)

    def read_header(self, line_number: int) -> Header:
        title = analysed = None
        bibliography: list[tuple[str, SourcePosition]] = []
        for key, value in self.read_fields(0, _HEADER):
            if key == "bibliography":
                bibliography = [(name, self.where(v)) for name, v in self.words(value)]
            elif key == "title":
                title = self.text(value)
            else:
                analysed = self.text(value)
        return Header(
            title=title,
            bibliography=tuple(bibliography),
            analysed=analysed,
            position=SourcePosition(self.file, line_number, 1),
        )

    def read_nodes(self, nodes: list[Any]) -> None:
        indent = self.indent()
        if indent <= 0:
            raise _NotSimple  # `nodes:` holds nothing
        rows = self.rows
        ids: set[str] = set()
        while self.at < len(rows):
            number, here, content = rows[self.at]
            if not here:
                break
            if here != indent or content[-1] != ":":
                raise _NotSimple
            node_id = content[:-1]
            if node_id in ids or not ID_PATTERN.match(node_id) or node_id in _NULLS:
                raise _NotSimple
            ids.add(node_id)
            self.at += 1
            fields = self.read_fields(indent, _NODE_KEYS)
            place = SourcePosition(self.file, number, indent + 1)
            nodes.append(self.build(node_id, place, fields, len(nodes)))

    def read_fields(self, parent: int, known: frozenset[str]) -> list[tuple[str, _Value]]:
        """Read the ``key: value`` rows of one mapping indented deeper than ``parent``."""
        indent = self.indent()
        if indent <= parent:
            raise _NotSimple  # an empty mapping
        rows = self.rows
        fields: list[tuple[str, _Value]] = []
        keys: set[str] = set()
        while self.at < len(rows):
            number, here, content = rows[self.at]
            if here <= parent:
                break
            key, colon, rest = content.partition(":")
            if here != indent or not colon or key in keys or key not in known:
                raise _NotSimple
            keys.add(key)
            self.at += 1
            if not rest:
                named = key == "because" and self.at < len(rows) and rows[self.at][2][:2] != "- "
                fields.append((key, self.block_map(indent) if named else self.block_list(indent)))
                continue
            if rest[0] != " ":
                raise _NotSimple  # `key:value` is one plain word, not a key
            value = rest.lstrip(" ")
            fields.append((key, self.inline(value, number, here + len(content) - len(value) + 1)))
        return fields

    def inline(self, text: str, line: int, column: int) -> _Value:
        """Read a value written on one line (after ``key:`` or ``-``)."""
        first = text[0]
        if first == "[":
            items, end = self.flow_items(text, 1, line, column)
            value: _Value = ("seq", items, line, column)
        elif first == "{":
            value, end = self.flow_map(text, 0, line, column)
        elif first in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
            raise _NotSimple
        else:
            return ("plain", text, line, column)
        if end != len(text):
            raise _NotSimple
        return value

    def block_list(self, parent: int) -> _Value:
        """Read ``- item`` rows indented deeper than ``parent``."""
        indent = self.indent()
        if indent <= parent:
            raise _NotSimple  # an empty value
        rows = self.rows
        items: list[_Value] = []
        while self.at < len(rows):
            number, here, content = rows[self.at]
            if here <= parent:
                break
            if here != indent or content[:2] != "- ":
                raise _NotSimple  # a nested mapping, or a misplaced row
            self.at += 1
            value = content[2:].lstrip(" ")
            item = self.inline(value, number, here + len(content) - len(value) + 1)
            if item[0] == "seq":
                raise _NotSimple
            items.append(item)
        return ("seq", items, 0, 0)

    def block_map(self, parent: int) -> _Value:
        """Read ``name: value`` rows indented deeper than ``parent`` (named reasons)."""
        indent = self.indent()
        if indent <= parent:
            raise _NotSimple  # an empty value
        rows = self.rows
        pairs: list[tuple[str, _Value]] = []
        names: set[str] = set()
        while self.at < len(rows):
            number, here, content = rows[self.at]
            if here <= parent:
                break
            name, colon, rest = content.partition(":")
            if here != indent or not colon or rest[:1] != " " or name in names:
                raise _NotSimple
            if not ID_PATTERN.match(name) or name in _NULLS or name in _BOOLS:
                raise _NotSimple
            names.add(name)
            self.at += 1
            value = rest.lstrip(" ")
            item = self.inline(value, number, here + len(content) - len(value) + 1)
            if item[0] != "plain":
                raise _NotSimple
            pairs.append((name, item))
        return ("map", pairs, 0, 0)

    def flow_items(self, text: str, at: int, line: int, column: int) -> tuple[list[_Value], int]:
        """Read ``a, b]`` from ``text[at:]``; return the items and the index after ``]``.

        ``column`` is the column of ``text[0]``, as for :meth:`flow_map`.
        """
        items: list[_Value] = []
        while True:
            while text[at : at + 1] == " ":
                at += 1
            if text[at : at + 1] == "{":
                item, at = self.flow_map(text, at, line, column)
            else:
                plain = _FLOW_PLAIN.match(text, at)
                if plain is None:
                    raise _NotSimple
                item = ("plain", plain.group().rstrip(" "), line, column + at)
                at = plain.end()
            items.append(item)
            while text[at : at + 1] == " ":
                at += 1
            if text[at : at + 1] == "]":
                return items, at + 1
            if text[at : at + 1] != ",":
                raise _NotSimple
            at += 1

    def flow_map(self, text: str, at: int, line: int, column: int) -> tuple[_Value, int]:
        """Read ``{k: v, k: v}`` at ``text[at]``; return it and the index after ``}``.

        ``column`` is the column of ``text[0]``: the mapping is at ``column + at``.
        """
        start = column + at
        at += 1
        pairs: list[tuple[str, _Value]] = []
        while True:
            while text[at : at + 1] == " ":
                at += 1
            key = _FLOW_KEY.match(text, at)
            if key is None:
                raise _NotSimple
            at = key.end()
            plain = _FLOW_PLAIN.match(text, at)
            if plain is None:
                raise _NotSimple
            pairs.append((key.group(1), ("plain", plain.group().rstrip(" "), line, column + at)))
            at = plain.end()
            if text[at : at + 1] == "}":
                return ("map", pairs, line, start), at + 1
            if text[at : at + 1] != ",":
                raise _NotSimple
            at += 1

    # -- values --------------------------------------------------------------------------------

    def where(self, value: _Value) -> SourcePosition:
        return SourcePosition(self.file, value[2], value[3])

    @staticmethod
    def text(value: _Value) -> str:
        if value[0] != "plain" or value[1] in _NULLS:
            raise _NotSimple
        return str(value[1])

    def words(self, value: _Value) -> list[tuple[str, _Value]]:
        items = value[1] if value[0] == "seq" else [value]
        return [(self.text(item), item) for item in items]

    def build(
        self, node_id: str, position: SourcePosition, fields: list[tuple[str, _Value]], index: int
    ) -> Any:
        kinds = [key for key, _ in fields if key in NODE_KINDS]
        if len(kinds) != 1:
            raise _NotSimple
        kind = kinds[0]
        reasons: list[Reason] = []
        attacks: list[Attack] = []
        extra: dict[str, Any] = {}
        text = ""
        for key, value in fields:
            if key == kind:
                text = self.text(value)
                if not text.strip():
                    raise _NotSimple
            elif key == "because" and value[0] == "map":
                self.named_reasons(reasons, value[1], index)
            elif key == "because":
                for words, item in self.words(value):
                    self.reason(reasons, words, item, index)
            elif key == "attacks":
                attacks.extend(
                    Attack(t.strip(), None, position=self.where(i)) for t, i in self.words(value)
                )
            elif key == "undercuts":
                for words, item in self.words(value):
                    match = _REASON_REF.match(words)
                    if match is None:
                        raise _NotSimple
                    target, number, name = match.groups()
                    attacks.append(
                        Attack(
                            target,
                            None if number is None else int(number),
                            name,
                            position=self.where(item),
                        )
                    )
            elif key == "cites":
                items = value[1] if value[0] == "seq" else [value]
                extra["citations"] = tuple(self.citation(item) for item in items)
            elif key == "at":
                items = value[1] if value[0] == "seq" else [value]
                extra["at"] = tuple(self.number(item) for item in items)
            elif key == "note":
                extra["note"] = self.text(value)
            elif key == "thesis":
                flag = _BOOLS.get(value[1]) if value[0] == "plain" else None
                if flag is None or kind != "claim":
                    raise _NotSimple
                extra["thesis"] = flag
            else:
                raise _NotSimple  # a second kind
        return NODE_KINDS[kind](
            id=node_id,
            text=text,
            reasons=tuple(reasons),
            attacks=tuple(attacks),
            position=position,
            **extra,
        )

    def reason(
        self, reasons: list[Reason], text: str, item: _Value, index: int, name: str | None = None
    ) -> None:
        position = self.where(item)
        if not text.strip():
            raise _NotSimple
        if "+" not in text:
            reasons.append(Reason((text,), name, position=position))
            return
        names = []
        places = []
        offset = 0
        for part in text.split("+"):
            names.append(part.strip())
            places.append(position.column + offset + (len(part) - len(part.lstrip())))
            offset += len(part) + 1
        if any(place != position.column for place in places):
            self.columns[index, len(reasons)] = tuple(places)
        reasons.append(Reason(tuple(names), name, position=position))

    def named_reasons(
        self, reasons: list[Reason], pairs: list[tuple[str, _Value]], index: int
    ) -> None:
        """Read ``because: {name: reason}``; a name written twice goes to the full reader."""
        names = {name for name, _ in pairs}
        if len(names) != len(pairs) or names & _NULLS or names & _BOOLS.keys():
            raise _NotSimple
        for name, item in pairs:
            self.reason(reasons, self.text(item), item, index, name)

    @staticmethod
    def number(item: _Value) -> int:
        if item[0] != "plain" or not _NUMBER.match(item[1]):
            raise _NotSimple
        return int(item[1])

    def citation(self, item: _Value) -> Citation:
        if item[0] != "map":
            raise _NotSimple
        key: str | None = None
        locator: Locator | None = None
        names: set[str] = set()
        for name, value in item[1]:
            if name in names:
                raise _NotSimple
            names.add(name)
            if name == "key":
                key = self.text(value)
                continue
            label = LocatorLabel.parse(name)
            if label is None or locator is not None:
                raise _NotSimple
            locator = Locator(label, self.text(value).strip())
        if key is None or not key.strip():
            raise _NotSimple
        return Citation(key, locator, position=self.where(item))
