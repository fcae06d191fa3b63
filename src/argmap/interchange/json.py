"""argmap's own JSON: the whole map, every element with the file, line and column it came from.

The shape is described by ``docs/map.schema.json`` (JSON Schema 2020-12) and documented in
``docs/interchange.rst``. :func:`to_json` writes it deterministically: keys in a fixed order,
nodes in map order, sources sorted by key, two-space indentation, UTF-8 characters kept, a
final newline. :func:`parse_map_json` reads it back, checking it as the YAML loader checks a
map; the elements it reads are placed at their lines in the JSON text read, not where the
JSON says they came from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeGuard

from argmap._io import read_utf8
from argmap.errors import LoadError, MapError, did_you_mean
from argmap.interchange._common import (
    Checker,
    ImportResult,
    Tally,
    key_offset,
    offset_of,
    read_json,
    show,
    value_offset,
)
from argmap.model import (
    ID_PATTERN,
    NODE_KINDS,
    AnalysedText,
    ArgumentMap,
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

__all__ = ["FORMAT", "VERSION", "parse_map_json", "read_map_json", "to_data", "to_json"]

#: The value of the top-level ``format`` key.
FORMAT = "argmap"
#: The version of the JSON shape; raised when a key changes meaning or disappears.
VERSION = 1


def to_json(argument_map: ArgumentMap) -> str:
    """Return the map as argmap JSON text (see :func:`to_data`), ending in a newline."""
    return json.dumps(to_data(argument_map), indent=2, ensure_ascii=False) + "\n"


def to_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """Return the map as JSON-ready data.

    Top-level keys: ``format`` (``"argmap"``), ``version``, ``title``, ``bibliography``,
    ``analysed``, ``unmapped`` (paragraph number, as a string, to the reason it is left
    unmapped), ``expected`` (the labels the header's ``expect`` asks for), ``files``,
    ``position``, ``nodes``, ``sources`` (by key), ``problems`` and ``text`` (the analysed
    text, or null).
    """
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": argument_map.title,
        "bibliography": argument_map.bibliography,
        "analysed": argument_map.analysed,
        "unmapped": {str(n): why for n, why in sorted(argument_map.unmapped.items())},
        "expected": [_expectation(expectation) for expectation in argument_map.expected],
        "files": list(argument_map.files),
        "position": _position(argument_map.position),
        "nodes": [_node(node) for node in argument_map.nodes],
        "sources": {
            key: _source(argument_map.sources[key]) for key in sorted(argument_map.sources)
        },
        "problems": [_problem(problem) for problem in argument_map.problems],
        "text": _text(argument_map.text),
    }


def _position(position: SourcePosition) -> dict[str, Any]:
    return {"file": position.file, "line": position.line, "column": position.column}


def _expectation(expectation: Expectation) -> dict[str, Any]:
    return {
        "node": expectation.node,
        "label": expectation.label,
        "position": _position(expectation.position),
    }


def _node(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "kind": node.kind,
        "text": node.text,
        "thesis": node.thesis,
        "reasons": [_reason(reason) for reason in node.reasons],
        "attacks": [_attack(attack) for attack in node.attacks],
        "citations": [_citation(citation) for citation in node.citations],
        "at": list(node.at),
        "note": node.note,
        "ignore": [_suppression(entry) for entry in node.ignore],
        "position": _position(node.position),
    }


def _reason(reason: Reason) -> dict[str, Any]:
    return {
        "premises": list(reason.premises),
        "linked": reason.linked,
        "name": reason.name,
        "position": _position(reason.position),
    }


def _attack(attack: Attack) -> dict[str, Any]:
    return {
        "target": attack.target,
        "reason": attack.reason,
        "name": attack.name,
        "undercut": attack.undercut,
        "position": _position(attack.position),
    }


def _citation(citation: Citation) -> dict[str, Any]:
    locator = citation.locator
    return {
        "key": citation.key,
        "locator": None
        if locator is None
        else {"label": locator.label.value, "value": locator.value},
        "position": _position(citation.position),
    }


def _suppression(entry: Suppression) -> dict[str, Any]:
    return {"code": entry.code, "reason": entry.reason, "position": _position(entry.position)}


def _source(source: Source) -> dict[str, Any]:
    fields: Mapping[str, str] = source.fields
    return {
        "key": source.key,
        "entry_type": source.entry_type,
        "fields": {name: fields[name] for name in sorted(fields)},
        "position": _position(source.position),
    }


def _problem(problem: MapError) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "hint": problem.hint,
    }


def _text(text: AnalysedText | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return {
        "file": text.file,
        "paragraphs": [
            {"number": p.number, "line": p.line, "text": p.text} for p in text.paragraphs
        ],
    }


# -- reading -------------------------------------------------------------------------------------

_HINT = "argmap JSON is one object, as `argmap export --to json` writes it"
_TOP_KEYS = (
    "format",
    "version",
    "title",
    "bibliography",
    "analysed",
    "unmapped",
    "expected",
    "files",
    "position",
    "nodes",
    "sources",
    "problems",
    "text",
)
_NODE_KEYS = (
    "id",
    "kind",
    "text",
    "thesis",
    "reasons",
    "attacks",
    "citations",
    "at",
    "note",
    "ignore",
    "position",
)
_REASON_KEYS = ("premises", "linked", "name", "position")
_ATTACK_KEYS = ("target", "reason", "name", "undercut", "position")
_CITATION_KEYS = ("key", "locator", "position")
_LOCATOR_KEYS = ("label", "value")
_SUPPRESSION_KEYS = ("code", "reason", "position")
_SOURCE_KEYS = ("key", "entry_type", "fields", "position")
_EXPECTATION_KEYS = ("node", "label", "position")
#: The labels ``expected`` may ask for (see :mod:`argmap.acceptability`).
_LABELS = ("in", "out", "undec")


def parse_map_json(text: str, *, file: str) -> ImportResult:
    """Read argmap's own JSON (what :func:`to_json` writes) back into a map.

    It is checked as the YAML loader checks a map: unknown keys (named with the nearest known
    one), ids, kinds, empty texts, theses that are not claims, paragraph numbers, locators,
    suppressions without a reason as text, reasons and attacks naming unknown nodes, undercuts
    of reasons that do not exist, and duplicate keys are errors, each at the line and column of
    the JSON value.

    The map's elements are placed where they are in ``text`` (a node at its ``id``, a reason at
    its ``premises``, ...), so that ``argmap check`` of the JSON points into it; the
    ``position`` and ``files`` the JSON records are not used. The sources are read from the
    JSON; the bibliography problems and the analysed text it records are not (they are found
    again when the bibliography and the text are read) and are counted as set aside.

    Args:
        text: the JSON text.
        file: the name to use in positions, errors and the report.

    Returns:
        The map, whose ``files`` is ``(file,)``, and the report of what was kept and set aside.

    Raises:
        LoadError: one error per problem found.
    """
    data, places, duplicates = read_json(text, file, hint=_HINT)
    return _MapReader(file, places, duplicates).run(data)


def read_map_json(source: str | os.PathLike[str], *, file: str | None = None) -> ImportResult:
    """Read argmap JSON from a file: :func:`parse_map_json` of its text.

    Raises:
        LoadError: when the file cannot be read, and as :func:`parse_map_json`.
    """
    path = Path(source)
    name = file or str(path)
    return parse_map_json(read_utf8(path, name), file=name)


class _MapReader:
    """One reading of argmap JSON: the checker with its errors, the nodes and references read."""

    def __init__(
        self, file: str, places: Callable[[int | None], SourcePosition], errors: list[MapError]
    ) -> None:
        self.file = file
        self.place = places
        self.check = Checker(places)
        self.check.errors.extend(errors)
        self.tally = Tally(file)
        self.nodes: dict[str, Node] = {}
        #: Every id a reason names: (id, where it is written, which reason names it).
        self.premises: list[tuple[str, int | None, str]] = []
        #: Every attack: (target, reason number or None, where the target is, which attack).
        self.targets: list[tuple[str, int | None, int | None, str]] = []
        #: Every undercut written with a reason's name: (target, number, name, where, which).
        self.named: list[tuple[str, int, str, int | None, str]] = []

    def fail(self, offset: int | None, message: str, hint: str) -> None:
        self.check.fail(offset, message, hint)

    def run(self, data: Any) -> ImportResult:
        if not isinstance(data, Mapping):
            self.fail(offset_of(data), f"argmap JSON is an object, not {show(data)}", _HINT)
            raise LoadError(self.check.errors)
        self.check.known(data, "the map", _TOP_KEYS)
        self.identify(data)
        header = self.header(data)
        self.read_nodes(data)
        expected = self.read_expected(data)
        sources = self.read_sources(data)
        self.count_recorded(data)
        self.resolve()
        if self.check.errors:
            raise LoadError(self.check.errors)
        argument_map = ArgumentMap(
            nodes=tuple(self.nodes.values()),
            sources=sources,
            expected=expected,
            files=(self.file,),
            position=self.place(offset_of(data)),
            **header,
        )
        return ImportResult(argument_map, self.tally.report("argmap JSON"))

    # -- the map as a whole ----------------------------------------------------------------------

    def identify(self, data: Mapping[str, Any]) -> None:
        """Check ``format`` and ``version``: this must be argmap JSON of a version read here."""
        if data.get("format") != FORMAT:
            where = value_offset(data, "format") if "format" in data else offset_of(data)
            got = show(data["format"]) if "format" in data else "nothing"
            self.fail(
                where,
                f'not argmap JSON: `format` must be "{FORMAT}", got {got}',
                f'argmap JSON starts with {{"format": "{FORMAT}", "version": {VERSION}',
            )
        version = data.get("version")
        if type(version) is int and version == VERSION:
            return
        where = value_offset(data, "version") if "version" in data else offset_of(data)
        if type(version) is int and version > VERSION:
            message = f"argmap JSON version {version} is newer than this argmap reads ({VERSION})"
            self.fail(where, message, "update argmap, or export the map again with this one")
        else:
            got = show(version) if "version" in data else "nothing"
            self.fail(where, f"`version` must be {VERSION}, got {got}", "write the version")

    def header(self, data: Mapping[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for name in ("title", "bibliography", "analysed"):
            if data.get(name) is not None:
                fields[name] = self.check.text(data, name, f"`{name}`")
        if "unmapped" in data:
            fields["unmapped"] = self.check.unmapped(data, "unmapped", "the map")
        return {name: value for name, value in fields.items() if value is not None}

    def read_expected(self, data: Mapping[str, Any]) -> tuple[Expectation, ...]:
        found: dict[str, Expectation] = {}
        for item, offset in self.items(data, "expected", "the map"):
            expectation = self.expectation(item, offset)
            if expectation is None:
                continue
            if expectation.node in found:
                where = value_offset(item, "node")
                message = f"`expected` names node `{expectation.node}` twice"
                self.fail(where, message, "keep one label per node")
                continue
            found[expectation.node] = expectation
            self.premises.append((expectation.node, value_offset(item, "node"), "`expected`"))
        return tuple(found.values())

    def expectation(self, item: object, offset: int | None) -> Expectation | None:
        owner = "an entry of `expected`"
        if not self.is_object(item, offset, owner, _EXPECTATION_KEYS):
            return None
        node = self.required_text(item, "node", owner, offset)
        label = item.get("label")
        if not (isinstance(label, str) and label.lower() in _LABELS):
            where = value_offset(item, "label") if "label" in item else offset
            got = show(label) if "label" in item else "nothing"
            self.fail(where, f"bad label {got} in {owner}", "use in, out or undec")
            return None
        if node is None:
            return None
        return Expectation(node, label.lower(), position=self.place(value_offset(item, "node")))

    def read_sources(self, data: Mapping[str, Any]) -> dict[str, Source]:
        sources = data.get("sources", {})
        if not isinstance(sources, Mapping):
            where = value_offset(data, "sources")
            message = f"`sources` must map keys to sources, got {show(sources)}"
            self.fail(where, message, "write an object")
            return {}
        found = {}
        for key in sources:
            source = self.source(sources, key)
            if source is not None:
                found[key] = source
        self.tally.keep("sources", len(found))
        return found

    def source(self, sources: Mapping[str, Any], key: str) -> Source | None:
        item = sources[key]
        owner = f"source `{key}`"
        if not self.is_object(item, value_offset(sources, key), owner, _SOURCE_KEYS):
            return None
        if "key" in item and item["key"] != key:
            where = value_offset(item, "key")
            message = f"{owner} says its key is {show(item['key'])}"
            self.fail(where, message, "make the two keys the same")
        entry_type = self.required_text(item, "entry_type", owner, value_offset(sources, key))
        fields = item.get("fields", {})
        if not isinstance(fields, Mapping) or not all(isinstance(v, str) for v in fields.values()):
            bad = (
                next((name for name, v in fields.items() if not isinstance(v, str)), None)
                if isinstance(fields, Mapping)
                else None
            )
            where = value_offset(fields, bad) if bad else value_offset(item, "fields")
            message = f"`fields` of {owner} must map field names to text"
            self.fail(where, message, "write each field's value as text")
            return None
        broken = [
            name
            for name, value in fields.items()
            if self.check.unbroken(value, value_offset(fields, name), f"field `{name}`") is None
        ]
        self.position_shape(item, owner)
        if entry_type is None or broken:
            return None
        return Source(
            key=key,
            entry_type=entry_type,
            fields=fields,
            position=self.place(key_offset(sources, key)),
        )

    def count_recorded(self, data: Mapping[str, Any]) -> None:
        """Check the shape of what the JSON records but the map does not take, and count it."""
        files = data.get("files", [])
        if not (isinstance(files, list) and all(isinstance(name, str) for name in files)):
            self.fail(value_offset(data, "files"), "`files` must be a list of file names", "fix it")
        self.position_shape(data, "the map")
        problems = data.get("problems", [])
        if not isinstance(problems, list):
            self.fail(value_offset(data, "problems"), "`problems` must be a list", "fix it")
        elif problems:
            self.tally.aside("bibliography problems (found again when it is read)", len(problems))
            self.tally.detail(
                self.place(value_offset(data, "problems")),
                f"{len(problems)} bibliography problems recorded at export not read: reading "
                "the bibliography finds them again",
            )
        text = data.get("text")
        if text is not None and not isinstance(text, Mapping):
            self.fail(value_offset(data, "text"), "`text` must be an object or null", "fix it")
        elif text is not None:
            self.tally.aside("analysed texts (give the text when loading)")
            self.tally.detail(
                self.place(value_offset(data, "text")),
                "the analysed text recorded at export is not read: give it when loading",
            )

    # -- nodes -----------------------------------------------------------------------------------

    def read_nodes(self, data: Mapping[str, Any]) -> None:
        if "nodes" not in data:
            self.fail(offset_of(data), "the map has no `nodes`", 'add `"nodes": []`')
            return
        for item, offset in self.items(data, "nodes", "the map"):
            node = self.node(item, offset)
            if node is None:
                continue
            earlier = self.nodes.get(node.id)
            if earlier is not None:
                self.fail(
                    value_offset(item, "id"),
                    f"duplicate id `{node.id}` (first at {earlier.position})",
                    "rename one of them",
                )
                continue
            self.nodes[node.id] = node

    def node(self, item: object, offset: int | None) -> Node | None:
        if not self.is_object(item, offset, "a node", _NODE_KEYS):
            return None
        node_id = self.node_id(item, offset)
        owner = f"node `{node_id}`" if node_id else "a node"
        kind = self.kind(item, owner, offset)
        text = self.required_text(item, "text", owner, offset)
        thesis = self.thesis(item, owner, kind)
        reasons = [self.reason(r, at, node_id) for r, at in self.items(item, "reasons", owner)]
        named = [r.name for r in reasons if r is not None and r.name is not None]
        if len(set(named)) != len(named):
            twice = next(name for name in named if named.count(name) > 1)
            self.fail(
                value_offset(item, "reasons"),
                f"reason name `{twice}` is given twice in {owner}",
                "give each reason of a node its own name",
            )
        attacks = [self.attack(a, at, owner) for a, at in self.items(item, "attacks", owner)]
        citations = [self.citation(c, at, owner) for c, at in self.items(item, "citations", owner)]
        at = self.check.paragraphs(item, "at", owner) if "at" in item else ()
        note = None
        if item.get("note") is not None:
            note = self.check.text(item, "note", f"the note of {owner}")
        ignore = self.suppressions(item, owner)
        self.position_shape(item, owner)
        if node_id is None or kind is None or text is None:
            return None
        self.tally.keep("nodes")
        self.tally.keep("reasons", len(reasons))
        self.tally.keep("attacks", len(attacks))
        self.tally.keep("citations", len(citations))
        return NODE_KINDS[kind](
            id=node_id,
            text=text,
            thesis=thesis,
            reasons=tuple(r for r in reasons if r is not None),
            attacks=tuple(a for a in attacks if a is not None),
            citations=tuple(c for c in citations if c is not None),
            at=at,
            note=note,
            ignore=ignore,
            position=self.place(value_offset(item, "id")),
        )

    def node_id(self, item: Mapping[str, Any], offset: int | None) -> str | None:
        node_id = self.required_text(item, "id", "a node", offset)
        if node_id is not None and not ID_PATTERN.match(node_id):
            self.fail(
                value_offset(item, "id"),
                f"bad id {show(node_id)}",
                "ids start with a letter and hold only letters, digits, `_` and `-`",
            )
            return None
        return node_id

    def kind(self, item: Mapping[str, Any], owner: str, offset: int | None) -> str | None:
        if "kind" not in item:
            self.fail(offset, f"{owner} has no `kind`", "add one of " + _listed(NODE_KINDS))
            return None
        kind = item["kind"]
        if isinstance(kind, str) and kind in NODE_KINDS:
            return kind
        hint = did_you_mean(str(kind), list(NODE_KINDS)) or "use one of " + _listed(NODE_KINDS)
        self.fail(value_offset(item, "kind"), f"unknown kind {show(kind)} of {owner}", hint)
        return None

    def thesis(self, item: Mapping[str, Any], owner: str, kind: str | None) -> bool:
        thesis: object = item.get("thesis", False)
        if not isinstance(thesis, bool):
            where = value_offset(item, "thesis")
            message = f"`thesis` of {owner} must be true or false, got {show(thesis)}"
            self.fail(where, message, "write true or false")
            return False
        if thesis and kind is not None and kind != "claim":
            self.fail(
                value_offset(item, "thesis"),
                f"{owner} is a {kind}; only claims can be theses",
                'make it a claim or write `"thesis": false`',
            )
        return thesis

    def reason(self, item: object, offset: int | None, node_id: str | None) -> Reason | None:
        owner = f"a reason of node `{node_id}`" if node_id else "a reason"
        if not self.is_object(item, offset, owner, _REASON_KEYS):
            return None
        premises = item.get("premises")
        where = value_offset(item, "premises") if "premises" in item else offset
        if not (isinstance(premises, list) and premises):
            got = show(premises) if "premises" in item else "nothing"
            self.fail(where, f"`premises` of {owner} must list ids, got {got}", "name a node")
            return None
        names = []
        for index, premise in enumerate(premises):
            place = value_offset(premises, index)
            if isinstance(premise, str) and premise.strip():
                names.append(premise)
                self.premises.append((premise, place, owner))
            else:
                message = f"a premise of {owner} must be an id, got {show(premise)}"
                self.fail(place, message, "name a node")
        linked = item.get("linked", len(premises) > 1)
        if linked is not (len(premises) > 1):
            self.fail(
                value_offset(item, "linked"),
                f"`linked` of {owner} is {show(linked)}, but it has {len(premises)} premises",
                "a reason is linked when it has more than one premise",
            )
        name = self.reason_name(item, owner)  # a bad name is reported: the reason is kept
        if len(names) != len(premises):
            return None
        return Reason(
            tuple(names), name if isinstance(name, str) else None, position=self.place(where)
        )

    def reason_name(self, item: Mapping[str, Any], owner: str) -> str | bool | None:
        """The ``name`` of a reason or an undercut: None when absent, False when it is bad."""
        name = item.get("name")
        if name is None:
            return None
        if isinstance(name, str) and ID_PATTERN.match(name):
            return name
        self.fail(
            value_offset(item, "name"),
            f"bad reason name {show(name)} in {owner}",
            "names start with a letter and hold only letters, digits, `_` and `-`",
        )
        return False

    def attack(self, item: object, offset: int | None, owner: str) -> Attack | None:
        what = f"an attack of {owner}"
        if not self.is_object(item, offset, what, _ATTACK_KEYS):
            return None
        target = self.required_text(item, "target", what, offset)
        number = item.get("reason")
        if number is not None:
            number = self.check.whole_number(number, value_offset(item, "reason"), "`reason`")
            if number is None:
                return None
        undercut = item.get("undercut", number is not None)
        if undercut is not (number is not None):
            self.fail(
                value_offset(item, "undercut"),
                f"`undercut` of {what} is {show(undercut)}, but its `reason` is {show(number)}",
                "an attack undercuts when it names a reason",
            )
        name = self.reason_name(item, what)
        if name is not None and number is None:
            self.fail(
                value_offset(item, "name"),
                f"{what} names a reason ({show(name)}) but gives no `reason` number",
                "give the reason's number too, or drop `name`",
            )
            return None
        if target is None:
            return None
        self.targets.append((target, number, value_offset(item, "target"), what))
        if isinstance(name, str) and number is not None:
            self.named.append((target, number, name, value_offset(item, "name"), what))
        name = name if isinstance(name, str) else None
        return Attack(target, number, name, position=self.place(value_offset(item, "target")))

    def citation(self, item: object, offset: int | None, owner: str) -> Citation | None:
        what = f"a citation of {owner}"
        if not self.is_object(item, offset, what, _CITATION_KEYS):
            return None
        key = self.required_text(item, "key", what, offset)
        locator = item.get("locator")
        found = None if locator is None else self.locator(locator, item, what)
        if key is None or (locator is not None and found is None):
            return None
        return Citation(key, found, position=self.place(value_offset(item, "key")))

    def locator(self, locator: object, item: Mapping[str, Any], what: str) -> Locator | None:
        owner = f"the locator of {what}"
        if not self.is_object(locator, value_offset(item, "locator"), owner, _LOCATOR_KEYS):
            return None
        name = locator.get("label")
        label = LocatorLabel.parse(name) if isinstance(name, str) else None
        if label is None:
            where = value_offset(locator, "label") if "label" in locator else offset_of(locator)
            labels = [label.value for label in LocatorLabel]
            hint = did_you_mean(str(name), labels) or "use a CSL locator label such as `page`"
            self.fail(where, f"bad locator label {show(name)} in {owner}", hint)
        value = self.check.written(locator, "value", numbers=True) if "value" in locator else None
        if value is None or not value.strip():
            where = value_offset(locator, "value") if "value" in locator else offset_of(locator)
            got = show(locator["value"]) if "value" in locator else "nothing"
            self.fail(where, f"{owner} has no value (got {got})", 'write e.g. `"value": "4"`')
            return None
        return None if label is None else Locator(label, value.strip())

    def suppressions(self, item: Mapping[str, Any], owner: str) -> tuple[Suppression, ...]:
        found: dict[str, Suppression] = {}
        for entry, offset in self.items(item, "ignore", owner):
            suppression = self.suppression(entry, offset, owner)
            if suppression is None:
                continue
            if suppression.code in found:
                where = value_offset(entry, "code")
                self.fail(where, f"{owner} ignores `{suppression.code}` twice", "keep one entry")
                continue
            found[suppression.code] = suppression
        return tuple(found.values())

    def suppression(self, item: object, offset: int | None, owner: str) -> Suppression | None:
        what = f"an `ignore` entry of {owner}"
        if not self.is_object(item, offset, what, _SUPPRESSION_KEYS):
            return None
        code = self.required_text(item, "code", what, offset)
        reason = self.check.written(item, "reason") if "reason" in item else None
        if reason is None:
            where = value_offset(item, "reason") if "reason" in item else offset
            got = show(item["reason"]) if "reason" in item else "nothing"
            self.fail(
                where,
                f"the reason for ignoring {show(code)} in {owner} must be text, got {got}",
                "state why the rule does not apply, as text",
            )
            return None
        if code is None:
            return None
        return Suppression(code, reason, position=self.place(value_offset(item, "code")))

    # -- references ------------------------------------------------------------------------------

    def resolve(self) -> None:
        """Check that every id named is a node, and every undercut names a reason it has."""
        ids = list(self.nodes)
        for name, offset, owner in self.premises:
            if name not in self.nodes:
                self.unknown(name, offset, owner, ids)
        for target, number, offset, owner in self.targets:
            node = self.nodes.get(target)
            if node is None:
                self.unknown(target, offset, owner, ids)
            elif number is not None and number > len(node.reasons):
                count = len(node.reasons)
                have = (
                    f"has {count} reason{'s' if count != 1 else ''}" if count else "has no reason"
                )
                self.fail(
                    offset,
                    f"bad reason reference `{target}/{number}` in {owner}: `{target}` {have}",
                    "undercut a reason that exists, or attack the node (`reason`: null)",
                )

        for target, number, name, offset, owner in self.named:
            node = self.nodes.get(target)
            if node is None or number > len(node.reasons):
                continue  # reported above
            if node.reasons[number - 1].name != name:
                written = node.reasons[number - 1].name
                self.fail(
                    offset,
                    f"`name` {show(name)} of {owner} is not the name of reason {number} of "
                    f"`{target}` ({'it has none' if written is None else show(written)})",
                    "give the reason's own name, or drop `name`",
                )

    def unknown(self, name: str, offset: int | None, owner: str, ids: Sequence[str]) -> None:
        hint = did_you_mean(name, ids) or "define the node or fix the id"
        self.fail(offset, f"unknown id `{name}` in {owner}", hint)

    # -- shapes ----------------------------------------------------------------------------------

    def items(self, data: Mapping[str, Any], key: str, owner: str) -> list[tuple[Any, int | None]]:
        """Return a list value's items with where each starts; none when the key is absent."""
        if key not in data:
            return []
        value = data[key]
        if not isinstance(value, list):
            where = value_offset(data, key)
            self.fail(where, f"`{key}` of {owner} must be a list, got {show(value)}", "fix it")
            return []
        return [(item, value_offset(value, index)) for index, item in enumerate(value)]

    def is_object(
        self, item: object, offset: int | None, owner: str, keys: Sequence[str]
    ) -> TypeGuard[Mapping[str, Any]]:
        """Whether ``item`` is an object; report it when not, and any key not in ``keys``."""
        if not isinstance(item, Mapping):
            self.fail(offset, f"{owner} must be an object, got {show(item)}", "write an object")
            return False
        self.check.known(item, owner, keys)
        return True

    def required_text(
        self, item: Mapping[str, Any], key: str, owner: str, offset: int | None
    ) -> str | None:
        if key not in item:
            self.fail(offset, f"{owner} has no `{key}`", f"add `{key}`")
            return None
        return self.check.text(item, key, f"`{key}` of {owner}")

    def position_shape(self, item: Mapping[str, Any], owner: str) -> None:
        """Check that a recorded ``position`` is an object (it is not read)."""
        if "position" in item and not isinstance(item["position"], Mapping):
            where = value_offset(item, "position")
            message = f"`position` of {owner} must be an object, got {show(item['position'])}"
            self.fail(where, message, "write `{file, line, column}` or leave it out")


def _listed(names: Sequence[str] | Mapping[str, Any]) -> str:
    return ", ".join(f"`{name}`" for name in names)
