"""AIF JSON: import argument maps from AIFdb, OVA and xAIF files, and export maps to AIF.

The Argument Interchange Format is a graph of *I-nodes* (propositions) and *S-nodes* (scheme
applications) joined by edges: ``I -> RA -> I`` is an inference, ``I -> CA -> I`` a conflict,
``I -> MA -> I`` a rephrase, ``I -> PA -> I`` a preference. AIFdb and OVA add a dialogue layer
of locutions (``L``), illocutions (``YA``) and transitions (``TA``). Two file shapes occur:

* an AIFdb *nodeset*: ``{"nodes": [...], "edges": [...], "locutions": [...]}``;
* the OVA / xAIF wrapper: ``{"AIF": {nodes, edges, ...}, "OVA": {layout}, "text": "..."}``.

:func:`parse_aif` (JSON text) and :func:`read_aif` (a file, or JSON already parsed) map the
argument layer onto an :class:`~argmap.model.ArgumentMap`:

* every I-node becomes a node with id ``I<nodeID>`` (the nodeID itself when it already is a
  valid id), positioned at its object in the JSON text; its note starts ``AIF I-node <nodeID>.``;
* every RA-node becomes one reason of its conclusion, all its premises linked; the note of the
  conclusion records ``Reason N: AIF RA <nodeID> (<scheme>).``;
* every CA-node becomes an attack of each premise I-node on each target: a rebuttal when the
  target is an I-node, an undercut of the matching reason when it is an RA-node; the attacker's
  note records ``Attack N: AIF CA <nodeID> (<scheme>).``;
* MA (rephrase) and PA (preference) between I-nodes become note lines on both ends;
* the kind of each node follows :func:`argmap.interchange._common.decide_kind`.

The dialogue layer, layout, fulfilments and anything malformed but harmless is counted in the
:class:`~argmap.interchange._common.Report` and, where it is unusual, listed item by item.
Input that cannot be read as AIF at all raises one :class:`~argmap.errors.LoadError` naming
every problem, each at the line and column of its JSON value: a key written twice, argmap's own
``"argmap"`` objects not as :func:`to_aif` writes them, nesting over 100 levels, numbers too
long to read.

:func:`to_aif` writes a map back in the AIFdb shape. I-nodes carry an extra ``"argmap"`` object
(kind, thesis, note, citations, paragraphs, suppressions) that AIF tools ignore and that makes
the round trip map -> AIF -> map exact.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from argmap._io import read_utf8
from argmap.errors import LoadError, MapError, did_you_mean
from argmap.interchange._common import (
    SURROGATE,
    Checker,
    Draft,
    ImportResult,
    Tally,
    TextPlaces,
    build_nodes,
    header_of,
    offset_of,
    read_json,
    show,
    unique_id,
    value_offset,
)
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
)

__all__ = [
    "DIALOGUE_TYPES",
    "dump_aif",
    "looks_like_aif",
    "parse_aif",
    "read_aif",
    "to_aif",
]

#: The node types of the dialogue layer: locutions, illocutions and transitions.
DIALOGUE_TYPES = frozenset({"L", "YA", "TA"})

_SCHEME_DEFAULTS = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
    "PA": "Default Preference",
}
_NOTE_RELATIONS = {"MA": "Rephrase", "PA": "Preference"}
_WRAPPER_EXTRAS = ("schemefulfillments", "descriptorfulfillments", "cqdescriptorfulfillments")


# -- reading -------------------------------------------------------------------------------------

_JSON_HINT = "an AIF file is one JSON object; fix the syntax there"


def parse_aif(text: str, *, file: str) -> ImportResult:
    """Import an AIF map given as JSON text: an AIFdb nodeset, or the OVA / xAIF wrapper.

    Args:
        text: the JSON text.
        file: the name to use in positions, errors and the report.

    Returns:
        The map (one node per I-node) and the report of what was kept and set aside.

    Raises:
        LoadError: when the text is not JSON (or nests too deep, or holds a number too long to
            read), has a key twice in one object, is not shaped like AIF, has an edge naming a
            node that does not exist, or has an ``"argmap"`` object that is not as argmap
            writes it; one error per problem, each at the line and column of the value.
    """
    data, places, duplicates = read_json(text, file, hint=_JSON_HINT)
    return _Importer(file, places, duplicates).run(data)


def read_aif(
    source: str | os.PathLike[str] | Mapping[str, Any], *, file: str | None = None
) -> ImportResult:
    """Import an AIF map: an AIFdb nodeset, or the OVA / xAIF wrapper around one.

    Args:
        source: a path to a JSON file (read with :func:`parse_aif`), or the JSON already
            parsed (a mapping).
        file: the name to use in positions, errors and the report; default: the path, or
            ``<memory>`` for parsed data. Nodes of parsed data are all placed at line 1.

    Returns:
        The map (one node per I-node) and the report of what was kept and set aside.

    Raises:
        LoadError: as :func:`parse_aif`, and when the file cannot be read.
    """
    if not isinstance(source, str | os.PathLike):
        name = file or "<memory>"
        return _Importer(name, TextPlaces(name, ""), []).run(source)
    path = Path(source)
    name = file or str(path)
    return parse_aif(read_utf8(path, name), file=name)


def looks_like_aif(data: object) -> bool:
    """Whether parsed JSON has the shape of an AIFdb nodeset or an OVA / xAIF wrapper.

    A ``nodes`` list, empty or with a ``nodeID`` among its first objects: other graph formats
    (SADFace, JSON Graph, D3) have ``nodes`` too, and are not read as AIF maps.
    """
    if not isinstance(data, Mapping):
        return False
    graph = data.get("AIF", data)
    if not isinstance(graph, Mapping):
        return False
    nodes = graph.get("nodes")
    if not isinstance(nodes, list):
        return False
    objects = [node for node in nodes[:_SNIFFED_NODES] if isinstance(node, Mapping)]
    return not objects or any("nodeID" in node for node in objects)


#: How many of its first nodes :func:`looks_like_aif` looks at for a ``nodeID``.
_SNIFFED_NODES = 20


@attrs.frozen
class _Meta:
    """An I-node's ``"argmap"`` object, as :func:`to_aif` writes it, checked."""

    kind: str | None = None
    thesis: bool | None = None
    id: str | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    at: tuple[int, ...] = ()
    ignore: tuple[Suppression, ...] = ()
    #: The names of the node's reasons, in written order (None for an unnamed one).
    reasons: tuple[str | None, ...] = ()
    #: The node's undercuts written ``ID/name``: (target id, reason number, name).
    undercuts: tuple[tuple[str, int, str], ...] = ()


#: The keys of an I-node's ``"argmap"`` object.
_META_KEYS = ("kind", "thesis", "id", "note", "cites", "at", "ignore", "reasons", "undercuts")


@attrs.frozen
class _AifNode:
    id: str
    type: str
    text: str
    scheme: str
    offset: int | None = attrs.field(eq=False)
    meta: _Meta | None = None


@attrs.frozen
class _Edge:
    index: int
    id: str | None
    source: str
    target: str
    offset: int | None = attrs.field(default=None, eq=False)


def _identifier(value: object) -> str | None:
    """Return a nodeID or edgeID as a string: AIFdb writes strings, some tools integers."""
    if type(value) is str:
        return value if value.strip() else None
    if type(value) is int:
        return str(value)
    return None


class _Importer:
    """One import: the errors and the tally so far, and the graph as read."""

    def __init__(
        self, file: str, places: Callable[[int | None], SourcePosition], errors: list[MapError]
    ) -> None:
        self.file = file
        self.place = places
        self.checker = Checker(places)
        self.errors = self.checker.errors
        self.errors.extend(errors)
        self.tally = Tally(file)
        self.nodes: dict[str, _AifNode] = {}
        self.edges: list[_Edge] = []
        self.preds: dict[str, list[_Edge]] = {}
        self.succs: dict[str, list[_Edge]] = {}
        self.drafts: dict[str, Draft] = {}
        self.with_meta: set[str] = set()
        self.used: set[int] = set()
        self.explained: set[int] = set()
        self.ra_reasons: dict[str, list[tuple[Draft, int]]] = {}

    def where(self, node: _AifNode) -> SourcePosition:
        return self.place(node.offset)

    def fail(self, offset: int | None, message: str, hint: str) -> None:
        self.checker.fail(offset, message, hint)

    # -- shape -----------------------------------------------------------------------------------

    def run(self, data: Any) -> ImportResult:
        graph, shape = self.unwrap(data)
        self.read_nodes(graph["nodes"])
        self.read_edges(graph["edges"])
        header = self.header(data, graph)
        if self.errors:
            raise LoadError(self.errors)
        self.count_extras(data, graph)
        self.map_graph()
        self.name_reasons()
        ids = [draft.id for draft in self.drafts.values()]
        self.checker.expected_nodes(header.get("expected", ()), ids)
        if self.errors:
            raise LoadError(self.errors)
        argument_map = ArgumentMap(
            nodes=build_nodes(self.drafts.values()),
            files=(self.file,),
            **header,
            position=SourcePosition(self.file, 1, 1),
        )
        return ImportResult(argument_map, self.tally.report(shape))

    def unwrap(self, data: Any) -> tuple[Mapping[str, Any], str]:
        hint = (
            "an AIF file is an object with `nodes` and `edges` lists (AIFdb), or an object "
            "whose `AIF` key holds one (OVA, xAIF)"
        )
        if not isinstance(data, Mapping):
            self.fail(offset_of(data), "not an AIF map: not a JSON object", hint)
            raise LoadError(self.errors)
        if data.get("format") == "argmap":
            message = "not an AIF map: this is argmap's own JSON (`format: argmap`)"
            self.fail(value_offset(data, "format"), message, "read it as argmap JSON")
            raise LoadError(self.errors)
        shape = "AIFdb nodeset"
        graph: Any = data
        if "AIF" in data:
            graph, shape = data["AIF"], "xAIF (OVA)"
            if not isinstance(graph, Mapping):
                self.fail(value_offset(data, "AIF"), "`AIF` is not an object", hint)
                raise LoadError(self.errors)
        for key in ("nodes", "edges"):
            if not isinstance(graph.get(key), list):
                where = value_offset(graph, key) if key in graph else offset_of(graph)
                self.fail(where, f"not an AIF map: {_missing(graph, key)}", hint)
        nodes = graph.get("nodes")
        if not self.errors and nodes and not any(_has_id(node) for node in nodes):
            message = "not an AIF map: no node has a `nodeID` (another JSON graph format?)"
            self.fail(value_offset(graph, "nodes"), message, hint)
        if self.errors:
            raise LoadError(self.errors)
        return graph, shape

    def header(self, data: Mapping[str, Any], graph: Mapping[str, Any]) -> dict[str, Any]:
        """Read the map header argmap writes under a top-level ``"argmap"`` key."""
        holder = data if "argmap" in data else graph
        if "argmap" not in holder:
            return {}
        offset = value_offset(holder, "argmap")
        return self.checker.header(holder["argmap"], offset, "the map's `argmap` header")

    def read_nodes(self, items: Sequence[Any]) -> None:
        for index, item in enumerate(items):
            node = self.read_node(item, value_offset(items, index))
            if node is None:
                continue
            earlier = self.nodes.get(node.id)
            if earlier is None:
                self.nodes[node.id] = node
            elif earlier == node:
                self.tally.aside("duplicate node entries")
            else:
                self.fail(
                    node.offset,
                    f"two different nodes have nodeID {node.id}",
                    "give every node its own nodeID",
                )

    def read_node(self, item: Any, offset: int | None) -> _AifNode | None:
        if not isinstance(item, Mapping):
            self.fail(offset, f"a node is a {_kind(item)}", "write an object")
            return None
        node_id = _identifier(item.get("nodeID"))
        problems = []
        if node_id is None:
            problems.append("has no `nodeID` (a string or a whole number)")
            node_id = ""
        kind = item.get("type")
        if not isinstance(kind, str) or not kind.strip():
            problems.append("has no `type` (I, RA, CA, MA, PA, L, YA, TA)")
        text = item.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            problems.append(f"has a `text` that is a {_kind(text)}, not a string")
        if problems:
            who = f"node {node_id}" if node_id else "a node"
            for problem in problems:
                self.fail(offset, f"{who} {problem}", "fix the node object")
            return None
        scheme = item.get("scheme")
        scheme_name = scheme if isinstance(scheme, str) and scheme.strip() else text
        if SURROGATE.search(text) or SURROGATE.search(scheme_name):
            text, scheme_name = (
                SURROGATE.sub("\ufffd", text),
                SURROGATE.sub("\ufffd", scheme_name),
            )
            self.tally.keep("texts with broken characters (replaced)")
            self.tally.detail(
                self.place(offset),
                f"node {node_id}: unpaired surrogate escapes replaced by U+FFFD",
            )
        meta = self.read_meta(item, f"node {node_id}") if "argmap" in item else None
        return _AifNode(node_id, str(kind).strip(), str(text), str(scheme_name), offset, meta)

    def read_meta(self, item: Mapping[str, Any], who: str) -> _Meta | None:
        """Read and check an I-node's ``"argmap"`` object (see :func:`to_aif`)."""
        meta = item["argmap"]
        owner = f"the `argmap` object of {who}"
        check = self.checker
        if not isinstance(meta, Mapping):
            where = value_offset(item, "argmap")
            check.fail(where, f"{owner} must be an object, got {show(meta)}", "see `to_aif`")
            return None
        check.known(meta, owner, _META_KEYS)
        kind = self.meta_kind(meta, owner)
        thesis = meta.get("thesis")
        if "thesis" in meta and not isinstance(thesis, bool):
            check.fail(
                value_offset(meta, "thesis"),
                f"`thesis` in {owner} must be true or false, got {show(thesis)}",
                "fix it",
            )
            thesis = None
        elif thesis and kind not in {None, "claim"}:
            check.fail(
                value_offset(meta, "thesis"),
                f"{who} is a {kind}; only claims can be theses",
                "make it a claim or remove `thesis`",
            )
        node_id = check.text(meta, "id", f"`id` in {owner}") if "id" in meta else None
        if node_id is not None and not ID_PATTERN.match(node_id):
            check.fail(
                value_offset(meta, "id"),
                f"bad id {show(node_id)} in {owner}",
                "ids start with a letter and hold only letters, digits, `_` and `-`",
            )
            node_id = None
        return _Meta(
            kind=kind,
            thesis=thesis if isinstance(thesis, bool) else None,
            id=node_id,
            note=check.text(meta, "note", f"the note in {owner}") if "note" in meta else None,
            citations=check.citations(meta, "cites", owner) if "cites" in meta else (),
            at=check.paragraphs(meta, "at", owner) if "at" in meta else (),
            ignore=check.suppressions(meta, "ignore", owner) if "ignore" in meta else (),
            reasons=self.meta_reasons(meta, owner),
            undercuts=self.meta_undercuts(meta, owner),
        )

    def meta_reasons(self, meta: Mapping[str, Any], owner: str) -> tuple[str | None, ...]:
        """The ``reasons`` names of an ``"argmap"`` object: a list of names or nulls."""
        names = meta.get("reasons", [])
        if isinstance(names, list) and all(
            n is None or (isinstance(n, str) and ID_PATTERN.match(n)) for n in names
        ):
            return tuple(names)
        self.fail(
            value_offset(meta, "reasons"),
            f"`reasons` in {owner} must list reason names (or null), got {show(names)}",
            "names start with a letter and hold only letters, digits, `_` and `-`",
        )
        return ()

    def meta_undercuts(
        self, meta: Mapping[str, Any], owner: str
    ) -> tuple[tuple[str, int, str], ...]:
        """The ``undercuts`` of an ``"argmap"`` object: ``[target, number, name]`` triples."""
        items = meta.get("undercuts", [])
        if isinstance(items, list) and all(
            isinstance(i, list)
            and len(i) == 3
            and isinstance(i[0], str)
            and type(i[1]) is int
            and isinstance(i[2], str)
            and ID_PATTERN.match(i[2])
            for i in items
        ):
            return tuple((target, number, name) for target, number, name in items)
        self.fail(
            value_offset(meta, "undercuts"),
            f"`undercuts` in {owner} must list [target, number, name], got {show(items)}",
            "write the undercuts as `to_aif` does",
        )
        return ()

    def meta_kind(self, meta: Mapping[str, Any], owner: str) -> str | None:
        if "kind" not in meta:
            return None
        kind = meta["kind"]
        if isinstance(kind, str) and kind in NODE_KINDS:
            return kind
        hint = did_you_mean(str(kind), list(NODE_KINDS)) or "use one of " + ", ".join(
            f"`{name}`" for name in NODE_KINDS
        )
        self.fail(value_offset(meta, "kind"), f"unknown kind {show(kind)} in {owner}", hint)
        return None

    def read_edges(self, items: Sequence[Any]) -> None:
        seen: set[tuple[str, str]] = set()
        for index, item in enumerate(items):
            edge = self.read_edge(index, item, value_offset(items, index))
            if edge is None:
                continue
            if (edge.source, edge.target) in seen:
                self.tally.aside("duplicate edges")
                continue
            seen.add((edge.source, edge.target))
            self.edges.append(edge)
            self.succs.setdefault(edge.source, []).append(edge)
            self.preds.setdefault(edge.target, []).append(edge)

    def read_edge(self, index: int, item: Any, offset: int | None) -> _Edge | None:
        if not isinstance(item, Mapping):
            self.fail(offset, f"an edge is a {_kind(item)}", "write an object")
            return None
        edge_id = _identifier(item.get("edgeID"))
        source, target = _identifier(item.get("fromID")), _identifier(item.get("toID"))
        if source in self.nodes and target in self.nodes:  # the usual case, made quick
            return _Edge(index, edge_id, source, target, offset)
        who = f"edge {edge_id}" if edge_id else f"edge number {index + 1}"
        ends = [self.edge_end(item, key, who, offset) for key in ("fromID", "toID")]
        if ends[0] is None or ends[1] is None:
            return None
        return _Edge(index, edge_id, ends[0], ends[1], offset)

    def edge_end(
        self, item: Mapping[str, Any], key: str, who: str, offset: int | None
    ) -> str | None:
        end = _identifier(item.get(key))
        if end is None:
            self.fail(offset, f"{who} has no `{key}`", "name the node the edge joins")
            return None
        if end not in self.nodes:
            direction = "from" if key == "fromID" else "to"
            self.fail(
                offset,
                f"{who} goes {direction} node {end}, which does not exist",
                "add the node or remove the edge",
            )
            return None
        return end

    def count_extras(self, data: Mapping[str, Any], graph: Mapping[str, Any]) -> None:
        for key in ("locutions", "participants", *_WRAPPER_EXTRAS):
            value = graph.get(key)
            if isinstance(value, list):
                self.tally.aside(key, len(value))
        ova = data.get("OVA")
        if isinstance(ova, Mapping):
            layout = [ova.get(key) for key in ("nodes", "edges")]
            self.tally.aside(
                "OVA layout entries", sum(len(x) for x in layout if isinstance(x, list))
            )
        if isinstance(data.get("text"), str) and data["text"].strip():
            self.tally.aside("source texts")
        known = {"nodes", "edges", "locutions", "participants", *_WRAPPER_EXTRAS, "argmap"}
        for key in sorted(set(graph) - known):
            self.tally.aside(f"`{key}` entries")
        if graph is not data:
            for key in sorted(set(data) - {"AIF", "OVA", "text", "dialog", "argmap"}):
                self.tally.aside(f"`{key}` entries")

    # -- mapping ---------------------------------------------------------------------------------

    def map_graph(self) -> None:
        taken: set[str] = set()
        for node in self.nodes.values():
            if node.type == "I":
                self.drafts[node.id] = self.draft(node, taken)
        # Inferences first: an undercut needs the reason its RA-node became.
        for node in self.nodes.values():
            if node.type == "RA":
                self.map_ra(node)
        handlers = {"CA": self.map_ca, "MA": self.map_note, "PA": self.map_note}
        for node in self.nodes.values():
            handler = handlers.get(node.type)
            if handler is not None:
                handler(node)
            elif node.type in DIALOGUE_TYPES:
                self.tally.aside(f"{node.type} nodes")
            elif node.type not in {"I", "RA"}:
                self.set_aside(node, f"{node.type} node {node.id}{_quote(node.text)}", "")
        self.account_edges()

    def name_reasons(self) -> None:
        """Give reasons and undercuts the names argmap wrote in the I-nodes' metadata."""
        for aif_id in self.with_meta:
            meta, draft = self.nodes[aif_id].meta, self.drafts[aif_id]
            if meta is None:
                continue
            if meta.reasons and len(meta.reasons) == len(draft.reasons):
                draft.reasons = [
                    attrs.evolve(reason, name=name)
                    for reason, name in zip(draft.reasons, meta.reasons, strict=True)
                ]
            named = {(target, number): name for target, number, name in meta.undercuts}
            draft.attacks = [
                attrs.evolve(attack, name=named.get((attack.target, attack.reason)))
                if attack.reason is not None
                else attack
                for attack in draft.attacks
            ]

    def draft(self, node: _AifNode, taken: set[str]) -> Draft:
        self.tally.keep("I nodes")
        text = node.text
        wanted = node.meta.id if node.meta is not None and node.meta.id else node.id
        draft = Draft(unique_id(wanted, taken, prefix="I"), text, self.where(node))
        if node.meta is not None:
            self.with_meta.add(node.id)
            _apply_meta(draft, node.meta)
        else:
            draft.notes.append(f"AIF I-node {node.id}.")
        if not text.strip():
            draft.text = f"(AIF I-node {node.id} has no text)"
            self.tally.keep("placeholder texts (I-nodes without text)")
            self.tally.detail(
                self.where(node), f"I-node {node.id} has no text; a placeholder holds"
            )
        return draft

    def note(self, aif_id: str, line: str) -> None:
        if aif_id not in self.with_meta:
            self.drafts[aif_id].notes.append(line)

    def set_aside(self, node: _AifNode, what: str, why: str) -> None:
        self.tally.aside(f"{node.type} nodes")
        self.tally.detail(self.where(node), f"{what} set aside{'; ' + why if why else ''}")
        for edge in (*self.preds.get(node.id, ()), *self.succs.get(node.id, ())):
            self.explained.add(edge.index)

    def ends(self, node: _AifNode) -> tuple[list[_Edge], list[_Edge]]:
        """Return the edges from I-nodes into ``node`` and from ``node`` to I-nodes."""
        into = [e for e in self.preds.get(node.id, ()) if self.nodes[e.source].type == "I"]
        out = [e for e in self.succs.get(node.id, ()) if self.nodes[e.target].type == "I"]
        return into, out

    def map_ra(self, node: _AifNode) -> None:
        into, out = self.ends(node)
        name = f"RA {node.id} ({node.scheme})"
        if not into or not out:
            missing = "premise" if not into else "conclusion"
            self.set_aside(node, name, f"it has no {missing} I-node")
            return
        premises = tuple(dict.fromkeys(self.drafts[e.source].id for e in into))
        for edge in out:
            draft = self.drafts[edge.target]
            draft.reasons.append(Reason(premises, position=self.where(node)))
            number = len(draft.reasons)
            self.note(edge.target, f"Reason {number}: AIF RA {node.id} ({node.scheme}).")
            self.ra_reasons.setdefault(node.id, []).append((draft, number))
        self.used.update(e.index for e in (*into, *out))
        self.tally.keep("RA nodes")
        self.tally.keep("reasons", len(out))
        if len(out) > 1:
            self.tally.detail(
                self.where(node), f"{name} has {len(out)} conclusions: one reason each"
            )

    def map_ca(self, node: _AifNode) -> None:
        succs = self.succs.get(node.id, ())
        attackers = [e for e in self.preds.get(node.id, ()) if self.nodes[e.source].type == "I"]
        targets = [e for e in succs if self.nodes[e.target].type in {"I", "RA"}]
        name = f"CA {node.id} ({node.scheme})"
        for edge in succs:
            if self.nodes[edge.target].type == "CA":
                self.attack_on_attack(node, self.nodes[edge.target], attackers)
        if not attackers or not targets:
            missing = "attacking I-node" if not attackers else "I-node or RA-node it attacks"
            self.set_aside(node, name, f"it has no {missing}")
            return
        mapped = [self.attack(node, a, t) for a in attackers for t in targets]
        if not any(mapped):
            self.set_aside(node, name, "the inference it attacks is not in the map")
            return
        self.tally.keep("CA nodes")
        self.used.update(e.index for e in attackers)
        if len(attackers) > 1:
            self.tally.detail(
                self.where(node), f"{name} has {len(attackers)} attackers: each attacks on its own"
            )

    def attack(self, node: _AifNode, attacker: _Edge, target_edge: _Edge) -> bool:
        draft = self.drafts[attacker.source]
        target = self.nodes[target_edge.target]
        found: list[tuple[Draft, int | None]]
        if target.type == "I":
            found = [(self.drafts[target.id], None)]
            self.tally.keep("rebuttals")
        else:
            found = list(self.ra_reasons.get(target.id, []))
            if not found:
                return False
            self.tally.keep("undercuts", len(found))
        for conclusion, number in found:
            attack = Attack(conclusion.id, number, position=self.where(node))
            draft.attacks.append(attack)
            self.note(attacker.source, f"Attack on {attack}: AIF CA {node.id} ({node.scheme}).")
        self.used.add(target_edge.index)
        return True

    def attack_on_attack(self, node: _AifNode, target: _AifNode, attackers: list[_Edge]) -> None:
        """Record a CA-node attacking a CA-node: argmap has no attack on an attack."""
        self.tally.aside("attacks on attacks (CA on CA)")
        self.tally.detail(
            self.where(node),
            f"CA {node.id} attacks CA {target.id}, an attack on an attack, which argmap has "
            "no place for: set aside",
        )
        line = f"Set aside: AIF CA {node.id} attacks AIF CA {target.id} (an attack on an attack)."
        for edge in attackers:
            self.note(edge.source, line)
        for edge in self.succs.get(node.id, ()):
            if edge.target == target.id:
                self.explained.add(edge.index)

    def map_note(self, node: _AifNode) -> None:
        into, out = self.ends(node)
        relation = _NOTE_RELATIONS[node.type]
        name = f"{node.type} {node.id} ({node.scheme})"
        if not into or not out:
            self.set_aside(node, name, "it does not join two I-nodes")
            return
        for source in into:
            for target in out:
                first, second = self.drafts[source.source], self.drafts[target.target]
                self.note(source.source, f"{relation}: AIF {name} links this to {second.id}.")
                self.note(target.target, f"{relation}: AIF {name} links {first.id} to this.")
        self.used.update(e.index for e in (*into, *out))
        self.tally.keep(f"{node.type} nodes (as notes)")

    def account_edges(self) -> None:
        for edge in self.edges:
            if edge.index in self.used:
                self.tally.keep("edges")
                continue
            types = (self.nodes[edge.source].type, self.nodes[edge.target].type)
            if DIALOGUE_TYPES & set(types):
                self.tally.aside("dialogue edges")
                continue
            self.tally.aside("edges")
            if edge.index not in self.explained:
                who = f"edge {edge.id}" if edge.id else f"edge number {edge.index + 1}"
                self.tally.detail(
                    self.place(edge.offset),
                    f"{who} from {types[0]} {edge.source} to {types[1]} {edge.target} set aside; "
                    "AIF joins nodes only as I-RA-I, I-CA-I/RA, I-MA-I and I-PA-I",
                )


def _has_id(node: object) -> bool:
    return isinstance(node, Mapping) and "nodeID" in node


def _missing(graph: Mapping[str, Any], key: str) -> str:
    if key not in graph:
        return f"no `{key}` list"
    return f"`{key}` is a {_kind(graph[key])}, not a list"


def _kind(value: object) -> str:
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "number" if isinstance(value, int | float) else type(value).__name__


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    return f" ({text[:60]}…)" if len(text) > 60 else f" ({text})"


def _apply_meta(draft: Draft, meta: _Meta) -> None:
    """Take the kind, thesis and other fields argmap wrote on an I-node when exporting.

    A node whose kind argmap wrote is a thesis only when ``thesis`` says so: :func:`to_aif`
    writes the flag only when it is true, and a top claim that is no thesis stays one.
    """
    draft.kind = meta.kind
    draft.thesis = meta.thesis
    if meta.thesis is None and meta.kind is not None:
        draft.thesis = False
    if meta.note is not None:
        draft.notes.append(meta.note)
    draft.citations = meta.citations
    draft.at = meta.at
    draft.ignore = meta.ignore


# -- writing -------------------------------------------------------------------------------------

_I_NOTE = re.compile(r"AIF I-node (.+)\.\Z")
_REASON_NOTE = re.compile(r"Reason (\d+): AIF RA (.+?) \((.*)\)\.\Z")
_ATTACK_NOTE = re.compile(r"Attack on (\S+): AIF CA (.+?) \((.*)\)\.\Z")
_RELATION_NOTE = re.compile(
    r"(Rephrase|Preference): AIF (MA|PA) (.+?) \((.*)\) links this to (.+)\.\Z"
)


@attrs.define
class _Scheme:
    """An S-node being written: its type and scheme name, its sources and its targets.

    Targets are exported nodeIDs, or ``(conclusion, number)`` for a reason an undercut
    attacks, resolved once every RA-node has its nodeID.
    """

    type: str
    name: str
    wanted: str | None
    fallback: str
    pairs: list[tuple[str, str | tuple[str, int]]] = attrs.Factory(list)
    reason: tuple[str, int] | None = None


class _Writer:
    """One export: the nodeIDs handed out and the S-nodes collected so far."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.taken: set[str] = set()
        self.i_ids: dict[str, str] = {}
        self.schemes: dict[tuple[str, str], _Scheme] = {}
        self.reason_ids: dict[tuple[str, int], str] = {}

    def node_id(self, wanted: str | None, fallback: str) -> str:
        """Hand out ``wanted`` if free, else ``fallback``, else ``fallback-2``, ..."""
        for candidate in (wanted, fallback):
            if candidate is not None and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        number = 2
        while f"{fallback}-{number}" in self.taken:
            number += 1
        self.taken.add(f"{fallback}-{number}")
        return f"{fallback}-{number}"

    def run(self, shape: Literal["nodeset", "xaif"]) -> dict[str, Any]:
        for node in self.map.nodes:
            original = _first_match(_I_NOTE, node.note, first_line=True)
            self.i_ids[node.id] = self.node_id(original, node.id)
        for node in self.map.nodes:
            self.collect(node)
        placed = list(self.place())
        nodes = [self.i_node(node) for node in self.map.nodes]
        edges: list[dict[str, Any]] = []
        for node_id, scheme in placed:
            nodes.append(_scheme_node(node_id, scheme))
            for source in dict.fromkeys(s for s, _ in scheme.pairs):
                edges.append(_edge(len(edges) + 1, source, node_id))
            for target in dict.fromkeys(self.resolve(t) for _, t in scheme.pairs):
                edges.append(_edge(len(edges) + 1, node_id, target))
        return _wrap({"nodes": nodes, "edges": edges, "locutions": []}, self.map, shape)

    def add(self, key: tuple[str, str], scheme: _Scheme) -> _Scheme:
        return self.schemes.setdefault(key, scheme)

    def collect(self, node: Node) -> None:
        """Collect the S-nodes for a node's reasons, attacks and rephrase/preference notes."""
        notes = _scheme_notes(node.note)
        here = self.i_ids[node.id]
        for number, reason in enumerate(node.reasons, start=1):
            wanted, name = _take(notes, f"Reason {number}", "RA")
            place = f"{node.id}/{number}"
            scheme = self.add(("RA", place), _Scheme("RA", name, wanted, place))
            scheme.pairs.extend((self.i_ids[p], here) for p in reason.premises)
            scheme.reason = (node.id, number)
        for number, attack in enumerate(node.attacks, start=1):
            wanted, name = _take(notes, f"Attack {attack}", "CA")
            place = f"{node.id}#{number}"
            key = ("CA", wanted if wanted is not None else place)
            scheme = self.add(key, _Scheme("CA", name, wanted, place))
            target: str | tuple[str, int] = self.i_ids[attack.target]
            if attack.reason is not None:
                target = (attack.target, attack.reason)
            scheme.pairs.append((here, target))
        for kind, wanted, name, other in _relation_notes(node.note):
            if other in self.i_ids:
                scheme = self.add((kind, wanted), _Scheme(kind, name, wanted, f"{node.id}~{kind}"))
                scheme.pairs.append((here, self.i_ids[other]))

    def place(self) -> Iterator[tuple[str, _Scheme]]:
        """Give every S-node its nodeID; split one whose pairs are not all sources x targets."""
        for scheme in self.schemes.values():
            whole = scheme.type == "RA" or _is_product(scheme.pairs)
            parts = [scheme] if whole else _split(scheme)
            wanted = scheme.wanted
            for part in parts:
                node_id = self.node_id(wanted, part.fallback)
                wanted = None
                if part.reason is not None:
                    self.reason_ids[part.reason] = node_id
                yield node_id, part

    def resolve(self, target: str | tuple[str, int]) -> str:
        if isinstance(target, str):
            return target
        return self.reason_ids[target]

    def i_node(self, node: Node) -> dict[str, Any]:
        meta: dict[str, Any] = {"kind": node.kind}
        if node.thesis:
            meta["thesis"] = True
        if _default_id(self.i_ids[node.id]) != node.id:
            meta["id"] = node.id
        if node.note is not None:
            meta["note"] = node.note
        if node.citations:
            meta["cites"] = [_citation(c) for c in node.citations]
        if node.at:
            meta["at"] = list(node.at)
        if node.ignore:
            meta["ignore"] = {s.code: s.reason for s in node.ignore}
        if any(reason.name is not None for reason in node.reasons):
            meta["reasons"] = [reason.name for reason in node.reasons]
        if undercuts := [[a.target, a.reason, a.name] for a in node.attacks if a.name]:
            meta["undercuts"] = undercuts
        return {"nodeID": self.i_ids[node.id], "text": node.text, "type": "I", "argmap": meta}


def _wrap(
    graph: dict[str, Any], argument_map: ArgumentMap, shape: Literal["nodeset", "xaif"]
) -> dict[str, Any]:
    header = header_of(argument_map)
    if shape == "xaif":
        graph.update(participants=[], schemefulfillments=[], descriptorfulfillments=[])
        wrapped: dict[str, Any] = {"AIF": graph, "OVA": dict(_EMPTY_OVA), "text": ""}
        if header:
            wrapped["argmap"] = header
        return wrapped
    if header:
        graph["argmap"] = header
    return graph


_EMPTY_OVA: Mapping[str, Any] = {
    "firstname": "",
    "surname": "",
    "url": "",
    "nodes": [],
    "edges": [],
}


def _default_id(node_id: str) -> str:
    return unique_id(node_id, set(), prefix="I")


def _is_product(pairs: Sequence[tuple[str, object]]) -> bool:
    """Whether the pairs are exactly every source with every target, each once."""
    sources = dict.fromkeys(s for s, _ in pairs)
    targets = dict.fromkeys(t for _, t in pairs)
    return len(set(pairs)) == len(pairs) == len(sources) * len(targets)


def _split(scheme: _Scheme) -> list[_Scheme]:
    """Split an S-node into one per pair; the first keeps the wanted nodeID."""
    return [
        _Scheme(scheme.type, scheme.name, None, scheme.fallback, [pair], scheme.reason)
        for pair in scheme.pairs
    ]


def _scheme_node(node_id: str, scheme: _Scheme) -> dict[str, Any]:
    return {"nodeID": node_id, "text": scheme.name, "type": scheme.type, "scheme": scheme.name}


def _edge(number: int, source: str, target: str) -> dict[str, Any]:
    return {"edgeID": str(number), "fromID": source, "toID": target, "formEdgeID": None}


def _citation(citation: Citation) -> dict[str, str]:
    out = {"key": citation.key}
    if citation.locator is not None:
        out[citation.locator.label.value] = citation.locator.value
    return out


def _first_match(pattern: re.Pattern[str], note: str | None, *, first_line: bool) -> str | None:
    if not note:
        return None
    line = note.split("\n", 1)[0] if first_line else note
    match = pattern.match(line)
    return match.group(1) if match else None


def _scheme_notes(note: str | None) -> dict[str, list[tuple[str, str]]]:
    """Read a note's ``Reason N: AIF RA id (scheme).`` and ``Attack on T: AIF CA ...`` lines.

    Returns:
        (nodeID, scheme) pairs in note order, by ``Reason N`` or ``Attack T`` (T as written
        in a map: ``T1`` or ``T1/2``).
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for line in (note or "").split("\n"):
        reason = _REASON_NOTE.match(line)
        if reason:
            found.setdefault(f"Reason {reason.group(1)}", []).append((reason[2], reason[3]))
        attack = _ATTACK_NOTE.match(line)
        if attack:
            found.setdefault(f"Attack {attack.group(1)}", []).append((attack[2], attack[3]))
    return found


def _take(notes: dict[str, list[tuple[str, str]]], key: str, kind: str) -> tuple[str | None, str]:
    """Return the next recorded (nodeID, scheme) for ``key``, or (None, the default scheme)."""
    recorded = notes.get(key)
    if recorded:
        return recorded.pop(0)
    return None, _SCHEME_DEFAULTS[kind]


def _relation_notes(note: str | None) -> Iterator[tuple[str, str, str, str]]:
    """Yield (type, nodeID, scheme, other node's id) for each ``links this to`` line."""
    for line in (note or "").split("\n"):
        match = _RELATION_NOTE.match(line)
        if match:
            yield match.group(2), match.group(3), match.group(4), match.group(5)


def to_aif(
    argument_map: ArgumentMap, *, shape: Literal["nodeset", "xaif"] = "nodeset"
) -> dict[str, Any]:
    """Write a map as AIF: one I-node per node, one RA-node per reason, one CA-node per attack.

    Node and S-node ids recorded by :func:`read_aif` in notes (``AIF I-node 12.``, ``Reason 1:
    AIF RA 13 (...).``) are reused, so a map imported from AIF goes back with its ids, and an
    S-node the import split (several conclusions or attackers) is joined again. Other nodes keep
    their argmap id as nodeID. Each I-node has an ``"argmap"`` object with the node's kind and
    the fields AIF has no place for.

    Args:
        argument_map: the map.
        shape: ``"nodeset"`` for the AIFdb shape ``{nodes, edges, locutions}``, or ``"xaif"``
            for the OVA / xAIF wrapper ``{AIF, OVA, text}``.

    Returns:
        The AIF as JSON-ready data.
    """
    return _Writer(argument_map).run(shape)


def dump_aif(argument_map: ArgumentMap, *, shape: Literal["nodeset", "xaif"] = "nodeset") -> str:
    """Return :func:`to_aif` as JSON text: indented, UTF-8 characters kept, ending in a newline."""
    return json.dumps(to_aif(argument_map, shape=shape), indent=2, ensure_ascii=False) + "\n"
