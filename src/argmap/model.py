"""The argument map as typed, immutable data.

A map is a set of :class:`Node` objects of five kinds (:class:`Claim`, :class:`Evidence`,
:class:`Premise`, :class:`Assumption`, :class:`Objection`) linked by :class:`Reason` (support)
and :class:`Attack` (rebuttal or undercut). Evidence and premises carry :class:`Citation` objects
that point into the bibliography (:class:`Source`). Every element remembers where it was written
(:class:`SourcePosition`), but that position never takes part in equality.

Gaps in an argument are not constructor errors: the model holds what the author wrote and the
rules in :mod:`argmap.rules` judge it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar, overload

import attrs

from argmap._locator_terms import format_locator
from argmap.errors import MapError

__all__ = [
    "ID_PATTERN",
    "AnalysedText",
    "ArgumentMap",
    "Assumption",
    "Attack",
    "Citation",
    "Claim",
    "Evidence",
    "Expectation",
    "FrozenDict",
    "Locator",
    "LocatorLabel",
    "Node",
    "Objection",
    "Paragraph",
    "Premise",
    "Reason",
    "Source",
    "SourcePosition",
    "Suppression",
]

#: What a node id must look like.
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")

_K = TypeVar("_K")
_V = TypeVar("_V")
_D = TypeVar("_D")


class FrozenDict(Mapping[_K, _V]):
    """A read-only mapping that keeps its insertion order and pickles.

    The model's mappings (:attr:`ArgumentMap.sources`, :attr:`Source.fields`, ...) are frozen
    dicts: they read like a dict, cannot be changed (no item assignment, no ``update``), and,
    unlike :class:`types.MappingProxyType`, pickle and deep-copy. A frozen dict equals any
    mapping with the same items, a plain :class:`dict` included; it is hashable when its values
    are, so frozen model classes holding one stay hashable.

    >>> fields = FrozenDict({"year": "2025"})
    >>> fields["year"], fields == {"year": "2025"}
    ('2025', True)
    """

    __slots__ = ("_hash", "_items")

    _items: dict[_K, _V]
    _hash: int | None

    def __init__(self, items: Mapping[_K, _V] | Iterable[tuple[_K, _V]] = (), /) -> None:
        """Copy the items, so that later changes to ``items`` do not show through."""
        object.__setattr__(self, "_items", dict(items))
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a frozen dict cannot change."""
        raise AttributeError(f"'{type(self).__name__}' object is read-only")

    def __delattr__(self, name: str) -> None:
        """Refuse: a frozen dict cannot change."""
        raise AttributeError(f"'{type(self).__name__}' object is read-only")

    def __getitem__(self, key: _K) -> _V:
        """Return the value for ``key``; raise KeyError when there is none."""
        return self._items[key]

    @overload
    def get(self, key: _K, /) -> _V | None: ...
    @overload
    def get(self, key: _K, default: _V | _D, /) -> _V | _D: ...
    def get(self, key: _K, default: object = None, /) -> object:
        """Return the value for ``key``, or ``default`` when there is none."""
        return self._items.get(key, default)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is in the mapping."""
        return key in self._items

    def __iter__(self) -> Iterator[_K]:
        """Iterate over the keys, in insertion order."""
        return iter(self._items)

    def __len__(self) -> int:
        """The number of items."""
        return len(self._items)

    def keys(self) -> KeysView[_K]:
        """A read-only view of the keys, in insertion order."""
        return self._items.keys()

    def values(self) -> ValuesView[_V]:
        """A read-only view of the values, in insertion order."""
        return self._items.values()

    def items(self) -> ItemsView[_K, _V]:
        """A read-only view of the (key, value) pairs, in insertion order."""
        return self._items.items()

    def __eq__(self, other: object) -> bool:
        """Whether ``other`` is a mapping with the same items (order does not count)."""
        if isinstance(other, FrozenDict):
            return self._items == other._items
        if isinstance(other, dict):
            return self._items == other
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        """Hash the items; TypeError when a value is unhashable (a list, a dict)."""
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._items.items())))
        return self._hash  # type: ignore[return-value]  # set just above

    def __repr__(self) -> str:
        """Return ``FrozenDict({...})``, the items as a dict shows them."""
        return f"{type(self).__name__}({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the items only (a cached hash belongs to one process)."""
        return (type(self), (self._items,))

    def __copy__(self) -> FrozenDict[_K, _V]:
        """Return the mapping itself: it cannot change, so a copy would be the same."""
        return self


def freeze(value: Mapping[_K, _V]) -> FrozenDict[_K, _V]:
    """Return ``value`` as a :class:`FrozenDict`, without copying one that already is."""
    return value if type(value) is FrozenDict else FrozenDict(value)


@attrs.frozen(order=True)
class SourcePosition:
    """Where something was written: a file and a 1-based line and column."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        """Return ``file:line:column``, the form editors and terminals link."""
        return f"{self.file}:{self.line}:{self.column}"


#: Position of elements built in code rather than read from a file.
NOWHERE = SourcePosition("<memory>", 1, 1)

_POSITION = attrs.field(default=NOWHERE, eq=False, repr=False, kw_only=True)


class LocatorLabel(enum.StrEnum):
    """The CSL locator labels: what kind of place inside a source a locator names."""

    ACT = "act"
    APPENDIX = "appendix"
    ARTICLE = "article-locator"
    BOOK = "book"
    CANON = "canon"
    CHAPTER = "chapter"
    COLUMN = "column"
    ELOCATION = "elocation"
    EQUATION = "equation"
    FIGURE = "figure"
    FOLIO = "folio"
    ISSUE = "issue"
    LINE = "line"
    NOTE = "note"
    OPUS = "opus"
    PAGE = "page"
    PARAGRAPH = "paragraph"
    PART = "part"
    RULE = "rule"
    SCENE = "scene"
    SECTION = "section"
    SUB_VERBO = "sub-verbo"
    SUPPLEMENT = "supplement"
    TABLE = "table"
    TIMESTAMP = "timestamp"
    TITLE = "title-locator"
    VERSE = "verse"
    VERSION = "version"
    VOLUME = "volume"

    @classmethod
    def parse(cls, word: str) -> LocatorLabel | None:
        """Return the label a map key names (``pages`` and ``footnote`` included), or None."""
        return _LOCATOR_LABELS.get(word)


_LOCATOR_ALIASES = {"pages": "page", "footnote": "note", "paragraphs": "paragraph"}
_LOCATOR_LABELS: dict[str, LocatorLabel] = {label.value: label for label in LocatorLabel} | {
    alias: LocatorLabel(value) for alias, value in _LOCATOR_ALIASES.items()
}


@attrs.frozen
class Locator:
    """A place inside a source, such as page 4 or footnote 2."""

    label: LocatorLabel
    value: str

    def __str__(self) -> str:
        """Return the locator as CSL writes it: ``p. 4``, ``pp. 4-5`` (en dash), ``fig. 3``."""
        return format_locator(self.label.value, self.value)


@attrs.frozen
class Citation:
    """A reference from a node to a bibliography entry, with an optional locator."""

    key: str
    locator: Locator | None = None
    position: SourcePosition = _POSITION

    def __str__(self) -> str:
        """Return ``key, p. 4`` or just ``key``."""
        return self.key if self.locator is None else f"{self.key}, {self.locator}"


@attrs.frozen
class Reason:
    """One inference for a conclusion.

    A reason with several premises is *linked* support: the premises work only together.
    Several reasons for one conclusion are *convergent*: each supports it on its own.
    """

    premises: tuple[str, ...]
    #: The name written for it in a ``because:`` mapping (``structural: C1 + C2``), if any:
    #: ``undercuts: ID/name`` addresses the reason by it, wherever it stands in the list.
    name: str | None = None
    position: SourcePosition = _POSITION

    @property
    def linked(self) -> bool:
        """Whether the reason joins more than one premise."""
        return len(self.premises) > 1


@attrs.frozen
class Attack:
    """A rebuttal of a node, or, when ``reason`` is set, an undercut of one of its reasons.

    ``reason`` is 1-based, the reason's place in the target's ``because:`` in written order,
    whether the undercut was written ``undercuts: ID/N`` or ``undercuts: ID/name``; ``name``
    is the reason's name when the undercut was written with it. The loader sets ``reason``
    from the name; a map built in code gives the number (and, if it likes, the name).
    """

    target: str
    reason: int | None = None
    #: The reason's name as written in ``undercuts: ID/name``; None for ``ID/N`` and rebuttals.
    name: str | None = None
    position: SourcePosition = _POSITION

    @property
    def undercut(self) -> bool:
        """Whether the attack targets an inference rather than a node (``reason`` is set)."""
        return self.reason is not None

    def __str__(self) -> str:
        """Return the target as written in a map: ``T1``, ``T1/2`` or ``T1/structural``."""
        if self.name is not None:
            return f"{self.target}/{self.name}"
        return self.target if self.reason is None else f"{self.target}/{self.reason}"


@attrs.frozen
class Suppression:
    """An ``ignore: {CODE: reason}`` entry: a rule silenced for one node, with a stated reason."""

    code: str
    reason: str
    position: SourcePosition = _POSITION


@attrs.frozen(kw_only=True)
class Node:
    """What every node has: an id, its text, and its links to other nodes and to sources."""

    #: The map key naming this kind of node (``claim``, ``evidence``, ...).
    kind: ClassVar[str] = "node"

    id: str
    text: str
    reasons: tuple[Reason, ...] = ()
    attacks: tuple[Attack, ...] = ()
    citations: tuple[Citation, ...] = ()
    at: tuple[int, ...] = ()
    note: str | None = None
    ignore: tuple[Suppression, ...] = ()
    #: Whether this node is a main conclusion of the map (the loader allows it on claims only).
    thesis: bool = False
    position: SourcePosition = _POSITION

    def reason_name(self, number: int) -> str:
        """Return the name of reason ``number`` (from 1), or the number when it has no name.

        >>> node = Claim(id="T1", text="t", reasons=(Reason(("C1",), "trade"), Reason(("C2",))))
        >>> node.reason_name(1), node.reason_name(2)
        ('trade', '2')
        """
        if 1 <= number <= len(self.reasons):
            name = self.reasons[number - 1].name
            if name is not None:
                return name
        return str(number)

    def reason_ref(self, number: int) -> str:
        """Return how ``undercuts:`` names reason ``number`` (from 1): ``T1/trade`` or ``T1/2``.

        The name is used when the reason has one, however an undercut addressed it.
        """
        return f"{self.id}/{self.reason_name(number)}"

    def reason_word(self, number: int) -> str:
        """Return how a message names reason ``number`` (from 1): ```trade``` or ``2``.

        Messages say "reason `trade`" for a named reason and "reason 2" for the others.
        """
        name = self.reason_name(number)
        return name if name.isdigit() else f"`{name}`"


# The five kinds add no field, so they are not decorated again: each inherits Node's attrs
# methods (``attrs.has``, ``attrs.fields``, ``attrs.evolve``, repr and equality, which tells the
# kinds apart by class), and ``__slots__ = ()`` keeps its instances slotted. Decorating them
# would generate and compile the same five methods five more times at every start-up.


class Claim(Node):
    """A statement the argument asserts and must support; a thesis is a main conclusion."""

    __slots__ = ()
    kind: ClassVar[str] = "claim"


class Evidence(Node):
    """A fact, figure or observation, grounded by the sources it cites."""

    __slots__ = ()
    kind: ClassVar[str] = "evidence"


class Premise(Node):
    """A theoretical premise the argument takes from the literature."""

    __slots__ = ()
    kind: ClassVar[str] = "premise"


class Assumption(Node):
    """A premise the author leaves unstated, made explicit by whoever maps the argument."""

    __slots__ = ()
    kind: ClassVar[str] = "assumption"


class Objection(Node):
    """A challenge to a node (rebuttal) or to one of its reasons (undercut)."""

    __slots__ = ()
    kind: ClassVar[str] = "objection"


#: The node classes by the map key that names them.
NODE_KINDS: Mapping[str, type[Node]] = MappingProxyType(
    {cls.kind: cls for cls in (Claim, Evidence, Premise, Assumption, Objection)}
)


def _frozen_fields(value: Mapping[str, str]) -> Mapping[str, str]:
    return freeze(value)


@attrs.frozen(kw_only=True)
class Source:
    """One bibliography entry.

    ``fields`` holds the entry's fields as written in the .bib file (lower-case names, braces and
    LaTeX kept); display code decodes only what it shows.
    """

    key: str
    entry_type: str
    fields: Mapping[str, str] = attrs.field(converter=_frozen_fields)
    position: SourcePosition = _POSITION

    def field(self, name: str) -> str | None:
        """Return a field's raw value, or None when the entry lacks it."""
        return self.fields.get(name)

    @property
    def year(self) -> str | None:
        """The year, taken from ``year`` or the start of ``date``."""
        year = self.fields.get("year")
        if year is None and (date := self.fields.get("date")):
            year = date[:4]
        return year


@attrs.frozen
class Expectation:
    """A label the map's author expects a node to get: ``expect: {T1: in}`` in the header."""

    node: str
    #: ``in``, ``out`` or ``undec``.
    label: str
    position: SourcePosition = _POSITION


@attrs.frozen
class Paragraph:
    """One paragraph of the analysed text: its number (from 1), the line it starts on, its text."""

    number: int
    line: int
    text: str


@attrs.frozen
class AnalysedText:
    """The text a map analyses, split into paragraphs.

    Paragraphs are blocks of lines separated by blank lines, so a paragraph hard-wrapped over
    several lines (as in a Project Gutenberg text) is one paragraph. A text with no blank line
    between its lines has one paragraph per non-empty line.
    """

    file: str
    paragraphs: tuple[Paragraph, ...]

    @classmethod
    def from_string(cls, file: str, text: str) -> AnalysedText:
        """Split a text into paragraphs, numbered from 1.

        Each paragraph starts at its block's first line and its text is the block's lines,
        stripped and joined by single spaces. Blank lines (empty or only whitespace) separate
        blocks; when none lies between two lines of text, each non-empty line is a paragraph.
        """
        lines = [line.strip() for line in text.splitlines()]
        filled = [number for number, line in enumerate(lines) if line]
        if not filled:
            return cls(file, ())
        if all(lines[number] for number in range(filled[0], filled[-1] + 1)):
            blocks = [(number, [lines[number]]) for number in filled]  # no blank line: by line
        else:
            blocks = _blocks(lines)
        paragraphs = tuple(
            Paragraph(count, first + 1, " ".join(block))
            for count, (first, block) in enumerate(blocks, start=1)
        )
        return cls(file, paragraphs)


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """The runs of non-empty lines, each with the index of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(lines):
        if not line:
            current = None
        elif current is None:
            current = [line]
            blocks.append((number, current))
        else:
            current.append(line)
    return blocks


def _frozen_sources(value: Mapping[str, Source]) -> Mapping[str, Source]:
    return freeze(value)


def _frozen_paragraphs(value: Mapping[int, str]) -> Mapping[int, str]:
    return freeze(value)


@attrs.frozen(kw_only=True, eq=True)
class ArgumentMap:
    """A whole argument map: its nodes in file order, its sources by key, and its header.

    Lookups by id (:meth:`node`), by target (:meth:`attacks_on`) and by premise
    (:meth:`used_in`) use indexes built once, when the map is made.
    """

    nodes: tuple[Node, ...]
    sources: Mapping[str, Source] = attrs.field(factory=FrozenDict, converter=_frozen_sources)
    title: str | None = None
    #: The .bib file the sources came from, if any.
    bibliography: str | None = None
    #: Bibliography key of the text the map analyses.
    analysed: str | None = None
    #: Paragraphs deliberately left without a node, with the reason.
    unmapped: Mapping[int, str] = attrs.field(factory=FrozenDict, converter=_frozen_paragraphs)
    #: The labels the author expects nodes to get (see :mod:`argmap.acceptability`).
    expected: tuple[Expectation, ...] = ()
    #: The map files read, in the order they were read.
    files: tuple[str, ...] = ()
    #: Problems in the input that did not stop loading (unreadable bibliography entries).
    problems: tuple[MapError, ...] = ()
    #: The analysed text: the one given to :func:`argmap.load`, or the file the bibliography
    #: entry of the analysed text names in its ``file`` field.
    text: AnalysedText | None = None
    #: What loading has to tell that is no problem in the map, one sentence each (the analysed
    #: text the bibliography names could not be found or read); ``argmap check`` prints them.
    notes: tuple[str, ...] = ()
    #: Where the header (``map:``) was written, or the first file when there is none.
    position: SourcePosition = _POSITION

    _by_id: dict[str, Node] = attrs.field(init=False, eq=False, repr=False)
    _attacks_on: dict[str, list[tuple[str, Attack]]] = attrs.field(init=False, eq=False, repr=False)
    _unknown_used_in: dict[str, list[tuple[str, int]]] = attrs.field(
        init=False, eq=False, repr=False
    )
    #: Node numbers and adjacency lists, for :mod:`argmap.graph` (not part of the value).
    _graph: Adjacency = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Build the id, attack and premise indexes once."""
        by_id: dict[str, Node] = {}
        attacks_on: dict[str, list[tuple[str, Attack]]] = {}
        for node in self.nodes:
            by_id[node.id] = node
            for attack in node.attacks:
                attacks_on.setdefault(attack.target, []).append((node.id, attack))
        graph = Adjacency(by_id)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_attacks_on", attacks_on)
        object.__setattr__(self, "_unknown_used_in", graph.unknown_used_in)
        object.__setattr__(self, "_graph", graph)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the fields given to the constructor only; the indexes are built again.

        A pickle of a map is then about the size of the map, and an unpickled (or deep-copied)
        map answers :meth:`node`, :meth:`attacks_on` and :meth:`used_in` at once.
        """
        fields = {f.alias: getattr(self, f.name) for f in attrs.fields(type(self)) if f.init}
        return (_rebuild_map, (type(self), fields))

    def _repr_html_(self) -> str:
        """Return the map's summary and findings as HTML, for Jupyter.

        See :func:`argmap.render.summary.notebook_html`. The module is found by name when a
        notebook shows the map: checking and labelling are layers above this one, and
        ``import argmap`` stays light.
        """
        import importlib  # noqa: PLC0415 - only a notebook needs it

        summary = importlib.import_module("argmap.render.summary")
        html: str = summary.notebook_html(self)
        return html

    def __contains__(self, node_id: object) -> bool:
        """Whether the map has a node with this id."""
        return node_id in self._by_id

    def __len__(self) -> int:
        """The number of nodes."""
        return len(self.nodes)

    def node(self, node_id: str) -> Node:
        """Return the node with this id.

        Raises:
            KeyError: when the map has no such node.
        """
        return self._by_id[node_id]

    def get(self, node_id: str) -> Node | None:
        """Return the node with this id, or None."""
        return self._by_id.get(node_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every node id, in file order."""
        return tuple(self._by_id)

    @property
    def theses(self) -> tuple[Node, ...]:
        """The main conclusions, in file order."""
        return tuple(node for node in self.nodes if node.thesis)

    def attacks_on(self, node_id: str) -> tuple[tuple[str, Attack], ...]:
        """Every attack aimed at a node or at one of its reasons, as (attacker id, attack)."""
        return tuple(self._attacks_on.get(node_id, ()))

    def reason_ref(self, node_id: str, number: int) -> str:
        """Return ``ID/name`` for a named reason of a node, else ``ID/N`` (see Node.reason_ref)."""
        node = self._by_id.get(node_id)
        return f"{node_id}/{number}" if node is None else node.reason_ref(number)

    def used_in(self, node_id: str) -> tuple[tuple[str, int], ...]:
        """Every reason that has this node as a premise, as (conclusion id, reason number)."""
        graph = self._graph
        i = graph.number.get(node_id)
        if i is None:
            return tuple(self._unknown_used_in.get(node_id, ()))
        ids, owner, place = graph.ids, graph.reason_node, graph.reason_number
        return tuple((ids[owner[r]], place[r]) for r in graph.used_in[i])


def _rebuild_map(cls: type[ArgumentMap], fields: dict[str, Any]) -> ArgumentMap:
    """Make a map again from its constructor fields (see :meth:`ArgumentMap.__reduce__`)."""
    return cls(**fields)


_BASE = {"evidence": 1, "premise": 1, "assumption": 2}


class Adjacency:
    """Nodes numbered in file order, with support and attack edges as lists of numbers.

    Built once with the map; :mod:`argmap.graph` walks these lists, which is several times
    faster than walking dicts keyed by id.
    """

    __slots__ = (
        "attackers",
        "base",
        "grounding",
        "ids",
        "number",
        "premises",
        "reason_node",
        "reason_number",
        "reason_premises",
        "reason_size",
        "unknown_used_in",
        "used_in",
    )

    def __init__(self, by_id: Mapping[str, Node]) -> None:
        """Number the nodes and list, per node, its premises, its attackers and its users."""
        nodes = list(by_id.values())
        self.ids = ids = list(by_id)
        number = self.number = dict(zip(ids, range(len(ids)), strict=True))
        #: 1 for evidence and premises, 2 for assumptions, 0 otherwise.
        self.base = bytearray(_BASE.get(node.kind, 0) for node in nodes)
        premises: list[list[int]] = []
        used_in: list[list[int]] = [[] for _ in nodes]
        attackers: list[list[int]] = [[] for _ in nodes]
        reason_node: list[int] = []
        reason_number: list[int] = []
        reason_size: list[int] = []
        reason_premises: list[list[int]] = []
        unknown: dict[str, list[tuple[str, int]]] = {}
        get = number.get
        for i, node in enumerate(nodes):
            below: list[int] = []
            premises.append(below)
            for place, reason in enumerate(node.reasons, start=1):
                r = len(reason_node)
                reason_node.append(i)
                reason_number.append(place)
                reason_size.append(len(reason.premises))  # an unknown id is never grounded
                known = []
                for premise in reason.premises:
                    p = get(premise)
                    if p is None:
                        unknown.setdefault(premise, []).append((node.id, place))
                    else:
                        known.append(p)
                        used_in[p].append(r)
                reason_premises.append(known)
                below.extend(known)
            for attack in node.attacks:
                t = get(attack.target)
                if t is not None:
                    attackers[t].append(i)
        self.premises = premises
        self.used_in = used_in
        self.attackers = attackers
        self.reason_node = reason_node
        self.reason_number = reason_number
        self.reason_size = reason_size
        self.reason_premises = reason_premises
        self.unknown_used_in = unknown
        #: Grounding results by "assumptions count", filled by :mod:`argmap.graph`.
        self.grounding: dict[bool, tuple[list[int], list[int]]] = {}
