"""Tracing: down from a node to its sources, up from a source to what rests on it.

- :func:`trace_down` builds the support tree below a node: its reasons (a linked reason keeps
  its premises together, convergent reasons stay apart), down to evidence and premises and the
  citations they carry, with the nodes attacking each node (its objections, and their answers)
  beside it. Each node is expanded once: a later occurrence is marked ``repeated``, an
  occurrence inside its own support ``cycle``.
- :func:`trace_up` lists every node resting on a source through any chain of reasons, each
  with a shortest path from the source, and what would lose all grounding without it.
- :func:`weigh_sources` does the second half of :func:`trace_up` for every source at once, for
  the reviewer's question "which source carries the most weight?".

"Losing all grounding" uses the AM002 grounding of :func:`argmap.graph.grounded`. Withdrawing
a source withdraws the evidence, premises and assumptions whose citations *all* name it: they
no longer count as grounded on their own (one that cites another source too keeps its
grounding). A node falls when it was grounded and is not any more.

Recomputing the grounding of the whole map for each of 1,000 sources would be 1,000 times the
work of one check, and so would walking, for each source, the part of the map above it. Both
questions are answered from the map's integer index (:class:`argmap.model.Adjacency`):

- For one source (:func:`trace_up`), only the part of the map above its withdrawn nodes is
  looked at: every grounded node resting on them through reasons (and not grounded on its own)
  is first put in doubt, then the least fixpoint is computed again inside the doubted part,
  with everything outside it held grounded. The doubted nodes not regained fall.
- For every source at once (:func:`weigh_sources`), each grounded node's *needs* are computed
  once: the sources it cannot do without. A node grounded on its own needs nothing, or the one
  source it cites alone; a reason needs what any of its premises needs (the union); a node
  needs what each of its reasons that can hold needs, and what its own grounding needs (the
  intersection). Reasons with a premise that is never grounded are left out. The nodes are
  taken premise first, strongly connected component by component (Tarjan, iterative); inside a
  cycle the equations are applied again until nothing changes, starting from "every source"
  and shrinking, which gives the greatest fixpoint: exactly the nodes not grounded without the
  source, so a node on a cycle cannot keep itself up through the cycle. A node falls without a
  source when it needs it. What rests on a source is a walk up from its citing nodes over the
  same components (a cycle is stepped through as one, its members copied in at once), with one
  buffer of marks shared by all the walks.

Both are exact (the tests compare them with the whole grounding recomputed per source). The
first costs time in the size of the doubted part; the second is linear in the size of the map
plus the size of its answer (the nodes listed as resting on and falling without each source).

Unknown ids and keys raise :class:`TraceError`, a :class:`KeyError` whose message is one line
naming the nearest existing ones.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate

import attrs

from argmap._gc import collector_paused
from argmap.errors import ArgmapError, close_matches, suggestion
from argmap.graph import _ground, components
from argmap.model import (
    Adjacency,
    ArgumentMap,
    Assumption,
    Citation,
    Evidence,
    LocatorLabel,
    Node,
    Premise,
    Source,
)

__all__ = [
    "Resting",
    "SourceWeight",
    "TraceCitation",
    "TraceError",
    "TraceNode",
    "TraceReason",
    "UpTrace",
    "trace_down",
    "trace_up",
    "weigh_sources",
]

#: The kinds grounded on their own (AM002): withdrawing a source can take that away from them.
_BASE_KINDS = (Evidence, Premise, Assumption)

#: Above this many candidates, suggestions only look at names of about the same length.


class TraceError(ArgmapError, KeyError):
    """An unknown node id or source key; the message names the nearest existing ones.

    It is a :class:`KeyError` (as :meth:`ArgumentMap.node <argmap.model.ArgumentMap.node>`
    raises), but ``str()`` gives the plain one-line message, without quotes.

    Attributes:
        name: The id or key that was asked for.
        suggestions: Up to three existing ids or keys close to it, nearest first.
        message: The one-line message.
    """

    def __init__(self, message: str, *, name: str, suggestions: Sequence[str] = ()) -> None:
        """Keep the message, the name asked for, and the suggestions."""
        super().__init__(message)
        self.message = message
        self.name = name
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        """Return the message as it is (a plain KeyError would quote it)."""
        return self.message


@attrs.frozen
class TraceCitation:
    """A citation as it shows in a trace: the citation and the bibliography entry it names.

    Attributes:
        citation: The citation as written, with its locator.
        source: The bibliography entry, or None when the key is not in the bibliography.
        analysed: Whether the key is the map's analysed text (``map: analysed:``), so that the
            locator points into the text under review (``note: 3`` is its footnote 3).
    """

    citation: Citation
    source: Source | None
    analysed: bool = False

    @property
    def key(self) -> str:
        """The cited key."""
        return self.citation.key

    @property
    def footnote(self) -> str | None:
        """The footnote number when this cites a footnote of the analysed text, else None."""
        locator = self.citation.locator
        if self.analysed and locator is not None and locator.label is LocatorLabel.NOTE:
            return locator.value
        return None


@attrs.frozen(eq=False, repr=False)
class TraceReason:
    """One reason of a traced node: its premises (all needed when it is linked).

    Attributes:
        number: The reason's 1-based number, as in ``undercuts: ID/N``.
        premises: The premises, traced further down.
        undercutters: The nodes undercutting this reason (``undercuts: ID/N``), traced.
        name: The reason's name (``because: {name: ...}``, ``undercuts: ID/name``), if any.
    """

    number: int
    premises: tuple[TraceNode, ...]
    undercutters: tuple[TraceNode, ...] = ()
    name: str | None = None

    @property
    def linked(self) -> bool:
        """Whether the reason joins several premises, which then work only together."""
        return len(self.premises) > 1

    def __repr__(self) -> str:
        """Return a shallow summary (a deep tree would make a huge, recursive repr)."""
        ids = " + ".join(premise.id for premise in self.premises)
        name = "" if self.name is None else f" {self.name}"
        return f"TraceReason({self.number}{name}: {ids})"


@attrs.frozen(eq=False, repr=False)
class TraceNode:
    """One occurrence of a node in a support tree.

    A node is expanded (its citations, reasons and attackers filled in) at its first occurrence
    only. Later occurrences of a node that has reasons or attackers are marked ``repeated``;
    an occurrence below itself is marked ``cycle``; one cut off by the depth limit is marked
    ``truncated`` (it keeps its citations). A node with neither reasons nor attackers (most
    evidence) is shown in full wherever it occurs.

    Trees compare by identity; compare their JSON (:func:`argmap.render.tree.to_json`) instead.

    Attributes:
        id: The node id.
        node: The node, or None when the map has no node with this id.
        level: How many steps below the root it is (the root is 0).
        citations: Its citations with their sources, in the order written.
        reasons: Its reasons, in the order written.
        attackers: The nodes rebutting it (``attacks:``); below an objection, its answers.
        cycle: Whether this occurrence closes a cycle: the node is one of its own ancestors.
        repeated: Whether the node was expanded at an earlier occurrence (shown above).
        truncated: Whether the depth limit stopped the tree here though the node has more below.
    """

    id: str
    node: Node | None
    level: int = 0
    citations: tuple[TraceCitation, ...] = ()
    reasons: tuple[TraceReason, ...] = ()
    attackers: tuple[TraceNode, ...] = ()
    cycle: bool = False
    repeated: bool = False
    truncated: bool = False

    @property
    def kind(self) -> str | None:
        """The node's kind (``claim``, ``evidence``, ...), or None for an unknown id."""
        return None if self.node is None else self.node.kind

    @property
    def children(self) -> tuple[TraceNode, ...]:
        """Everything directly below: each reason's premises and undercutters, then attackers."""
        below: list[TraceNode] = []
        for reason in self.reasons:
            below.extend(reason.premises)
            below.extend(reason.undercutters)
        below.extend(self.attackers)
        return tuple(below)

    def walk(self) -> Iterator[TraceNode]:
        """Yield this node and every node below it, in preorder (the order they are printed)."""
        stack: list[TraceNode] = [self]
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(current.children))

    def __repr__(self) -> str:
        """Return a shallow summary (a deep tree would make a huge, recursive repr)."""
        flags = [name for name in ("cycle", "repeated", "truncated") if getattr(self, name)]
        extra = f", {', '.join(flags)}" if flags else ""
        return (
            f"TraceNode({self.id!r}, kind={self.kind!r}, reasons={len(self.reasons)}, "
            f"attackers={len(self.attackers)}{extra})"
        )


@attrs.frozen
class Resting:
    """A node that rests on a source, and how.

    Attributes:
        node: The node.
        level: The number of reasons between the source and it: 0 when it cites the source.
        via: The node one step below it on a shortest path from the source (None at level 0).
        citations: Its own citations of the source (empty above level 0).
        supports: The nodes it is a premise of, in the order of their reasons (each rests on
            the source too).
    """

    node: Node
    level: int
    via: str | None = None
    citations: tuple[TraceCitation, ...] = ()
    supports: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The node id."""
        return self.node.id


@attrs.frozen(repr=False)
class UpTrace:
    """Everything resting on one source, and what would lose all grounding without it.

    Attributes:
        key: The source's key.
        source: Its bibliography entry, or None when only citations name the key.
        analysed: Whether the key is the map's analysed text.
        resting: The nodes resting on it: those citing it (level 0), then those above them
            through reasons, level by level (file order within a level).
        withdrawn: The evidence, premises and assumptions whose citations all name this source,
            in file order: without it they no longer count as grounded on their own.
        falls: The other nodes that would lose all grounding (AM002) without it, in file order.
        beyond_depth: How many resting nodes the depth limit left out of ``resting``.
    """

    key: str
    source: Source | None
    analysed: bool
    resting: tuple[Resting, ...]
    withdrawn: tuple[str, ...]
    falls: tuple[str, ...]
    beyond_depth: int = 0
    _by_id: dict[str, Resting] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        """Index the resting nodes by id, for :meth:`path`."""
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.resting})

    @property
    def citing(self) -> tuple[Resting, ...]:
        """The nodes citing the source themselves (level 0)."""
        return tuple(entry for entry in self.resting if entry.level == 0)

    def path(self, node_id: str) -> tuple[str, ...]:
        """Return a shortest path from the source up to a resting node: a citing node first.

        Raises:
            KeyError: when the node does not rest on the source (or is beyond the depth limit).
        """
        steps = [node_id]
        entry = self._by_id[node_id]
        while entry.via is not None:
            steps.append(entry.via)
            entry = self._by_id[entry.via]
        return tuple(reversed(steps))

    def __repr__(self) -> str:
        """Return a short summary."""
        return (
            f"UpTrace({self.key!r}, resting={len(self.resting)}, "
            f"withdrawn={len(self.withdrawn)}, falls={len(self.falls)})"
        )


@attrs.frozen
class SourceWeight:
    """How much of the map one source carries (a row of ``argmap sources``).

    Attributes:
        key: The source's key.
        source: Its bibliography entry, or None for a key that citations name but the
            bibliography lacks.
        analysed: Whether the key is the map's analysed text.
        citing: The nodes citing it, in file order.
        withdrawn: The evidence, premises and assumptions citing only it, in file order.
        resting: Every node resting on it: the citing nodes and those above them through
            reasons, in file order.
        falls: The nodes that would lose all grounding without it (besides ``withdrawn``), in
            file order.
    """

    key: str
    source: Source | None
    analysed: bool
    citing: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    resting: tuple[str, ...] = ()
    falls: tuple[str, ...] = ()

    @property
    def cited(self) -> bool:
        """Whether any node cites the source."""
        return bool(self.citing)


# --- trace down ------------------------------------------------------------------------------


def trace_down(argument_map: ArgumentMap, node_id: str, *, depth: int | None = None) -> TraceNode:
    """Return the support tree below a node, down to evidence, premises and their sources.

    The tree is built with an explicit stack, so a 100,000-long chain of reasons does not
    overflow; each node is expanded once, so the tree is linear in the size of the map.

    Args:
        argument_map: The map.
        node_id: The node at the root of the tree.
        depth: How many levels below the root to show (None: all); 0 shows the root alone.

    Returns:
        The root of the tree.

    Raises:
        TraceError: when the map has no node ``node_id``.
        ValueError: when ``depth`` is negative.
    """
    if node_id not in argument_map:
        raise _unknown_node(argument_map, node_id)
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    with collector_paused():
        return _build(argument_map, node_id, depth)


def _build(argument_map: ArgumentMap, node_id: str, depth: int | None) -> TraceNode:
    """Expand the tree in preorder with an explicit stack, then freeze it."""
    root = _Draft(node_id, argument_map.node(node_id), 0)
    drafts = [root]
    on_path: set[str] = set()
    expanded: set[str] = set()
    stack: list[_Draft | str] = [root]  # a string marks leaving that node's subtree
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            on_path.discard(item)
            continue
        children = _open(argument_map, item, on_path, expanded, depth)
        if item.expanded:
            on_path.add(item.id)
            expanded.add(item.id)
            stack.append(item.id)
            stack.extend(reversed(children))
            drafts.extend(children)
    return _freeze(argument_map, drafts)


@attrs.define(eq=False)
class _Draft:
    """A tree node while the tree is being built (mutable; frozen into a TraceNode after)."""

    id: str
    node: Node | None
    level: int
    reasons: list[tuple[int, str | None, list[_Draft], list[_Draft]]] = attrs.Factory(list)
    attackers: list[_Draft] = attrs.Factory(list)
    expanded: bool = False
    cycle: bool = False
    repeated: bool = False
    truncated: bool = False
    frozen: TraceNode | None = None

    def done(self) -> TraceNode:
        """The frozen node (children are frozen before their parents)."""
        assert self.frozen is not None  # noqa: S101 - the order of _freeze guarantees it
        return self.frozen


def _open(
    argument_map: ArgumentMap,
    draft: _Draft,
    on_path: AbstractSet[str],
    expanded: AbstractSet[str],
    depth: int | None,
) -> list[_Draft]:
    """Decide what one occurrence shows; when it is expanded, return its children in order."""
    node = draft.node
    if node is None:
        return []
    attacks = argument_map.attacks_on(node.id)
    has_below = bool(node.reasons or attacks)
    if draft.id in on_path:
        draft.cycle = True
        return []
    if has_below and draft.id in expanded:
        draft.repeated = True
        return []
    if has_below and depth is not None and draft.level >= depth:
        draft.truncated = True
        return []
    draft.expanded = True
    undercuts: dict[int, list[str]] = {}
    rebuttals: list[str] = []
    for attacker, attack in attacks:
        if attack.reason is not None and 1 <= attack.reason <= len(node.reasons):
            undercuts.setdefault(attack.reason, []).append(attacker)
        else:
            rebuttals.append(attacker)
    level = draft.level + 1
    children: list[_Draft] = []
    for number, reason in enumerate(node.reasons, start=1):
        premises = [_Draft(p, argument_map.get(p), level) for p in reason.premises]
        cutters = [_Draft(a, argument_map.get(a), level) for a in undercuts.get(number, ())]
        draft.reasons.append((number, reason.name, premises, cutters))
        children += premises + cutters
    draft.attackers = [_Draft(a, argument_map.get(a), level) for a in rebuttals]
    children += draft.attackers
    return children


def _freeze(argument_map: ArgumentMap, drafts: list[_Draft]) -> TraceNode:
    """Turn the drafts into frozen nodes, children first (they were created after parents)."""
    for draft in reversed(drafts):
        citations: tuple[TraceCitation, ...] = ()
        if draft.node is not None and draft.node.citations and not (draft.cycle or draft.repeated):
            citations = _trace_citations(argument_map, draft.node.citations)
        reasons = tuple(
            [
                TraceReason(
                    number,
                    tuple([p.done() for p in premises]),
                    tuple([c.done() for c in cutters]),
                    name,
                )
                for number, name, premises, cutters in draft.reasons
            ]
        )
        draft.frozen = TraceNode(
            draft.id,
            draft.node,
            draft.level,
            citations,
            reasons,
            tuple([a.done() for a in draft.attackers]),
            draft.cycle,
            draft.repeated,
            draft.truncated,
        )
    return drafts[0].done()


def _trace_citations(
    argument_map: ArgumentMap, citations: Iterable[Citation]
) -> tuple[TraceCitation, ...]:
    return tuple(
        TraceCitation(c, argument_map.sources.get(c.key), c.key == argument_map.analysed)
        for c in citations
    )


# --- trace up ----------------------------------------------------------------------------------


def trace_up(argument_map: ArgumentMap, source_key: str, *, depth: int | None = None) -> UpTrace:
    """Return every node resting on a source, and what would lose all grounding without it.

    Args:
        argument_map: The map.
        source_key: A bibliography key, or a key that citations use though the bibliography
            lacks it.
        depth: How many levels of ``resting`` to keep above the citing nodes (None: all);
            ``withdrawn`` and ``falls`` are always computed on the whole map.

    Returns:
        The resting nodes with a path each, and the impact of withdrawing the source.

    Raises:
        TraceError: when neither the bibliography nor any citation has the key.
        ValueError: when ``depth`` is negative.
    """
    citing = _citing_index(argument_map).get(source_key, [])
    if source_key not in argument_map.sources and not citing:
        raise _unknown_source(argument_map, source_key)
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    with collector_paused():
        return _up(argument_map, source_key, citing, depth)


def _up(
    argument_map: ArgumentMap, source_key: str, citing: Sequence[str], depth: int | None
) -> UpTrace:
    index = _index(argument_map)
    resting = _rest_paths(argument_map, index, source_key, citing)
    kept = [entry for entry in resting if depth is None or entry.level <= depth]
    withdrawn = _withdrawn(argument_map, source_key, citing)
    own = {index.number[node_id] for node_id in withdrawn}
    lost = _lost_numbers(index, _grounded_marks(index), own)
    return UpTrace(
        key=source_key,
        source=argument_map.sources.get(source_key),
        analysed=source_key == argument_map.analysed,
        resting=tuple(kept),
        withdrawn=tuple(withdrawn),
        falls=tuple([index.ids[i] for i in sorted(lost) if i not in own]),
        beyond_depth=len(resting) - len(kept),
    )


def _rest_paths(
    argument_map: ArgumentMap, index: Adjacency, key: str, citing: Sequence[str]
) -> list[Resting]:
    """Breadth-first from the citing nodes up along reasons, remembering the step below."""
    ids, number = index.ids, index.number
    found: list[Resting] = []
    rows: list[int] = []  # the node number of each entry of ``found``
    seen: set[int] = set()
    for node_id in citing:
        node = argument_map.node(node_id)
        i = number[node_id]
        own = _trace_citations(argument_map, [c for c in node.citations if c.key == key])
        found.append(Resting(node, 0, None, own, _supports(index, i)))
        rows.append(i)
        seen.add(i)
    position = 0
    while position < len(found):
        below = found[position]
        for conclusion in _conclusions(index, rows[position]):
            if conclusion not in seen:
                seen.add(conclusion)
                above = argument_map.node(ids[conclusion])
                supports = _supports(index, conclusion)
                found.append(Resting(above, below.level + 1, below.id, supports=supports))
                rows.append(conclusion)
        position += 1
    return found


def _conclusions(index: Adjacency, i: int) -> list[int]:
    """The nodes that node ``i`` is a premise of, each once, in the order of their reasons."""
    reason_node = index.reason_node
    return list(dict.fromkeys([reason_node[r] for r in index.used_in[i]]))


def _supports(index: Adjacency, i: int) -> tuple[str, ...]:
    """The ids of :func:`_conclusions`."""
    return tuple(map(index.ids.__getitem__, _conclusions(index, i)))


# --- weighing every source ---------------------------------------------------------------------


def weigh_sources(argument_map: ArgumentMap) -> tuple[SourceWeight, ...]:
    """Return, for every source, how many nodes cite it, rest on it, and fall without it.

    Every bibliography entry has a row, and so has every key that citations use though the
    bibliography lacks it. The grounding and what each node cannot do without are computed
    once for the whole map, for all sources together (see the module docs); the time is
    linear in the map plus the length of the lists returned.

    Args:
        argument_map: The map.

    Returns:
        The rows, most weighty first: by the number of nodes that fall, then of nodes resting,
        then of nodes citing, then by key; sources nothing cites come last, by key.
    """
    with collector_paused():
        return _weigh(argument_map)


def _weigh(argument_map: ArgumentMap) -> tuple[SourceWeight, ...]:
    index = _index(argument_map)
    ids, number = index.ids, index.number
    citing = _citing_index(argument_map)
    keys = list(dict.fromkeys([*argument_map.sources, *citing]))
    withdrawn = [_withdrawn(argument_map, key, citing.get(key, ())) for key in keys]
    strong = list(components(range(len(ids)), index.premises))
    falls = _falls_by_source(index, strong, [[number[i] for i in w] for w in withdrawn])
    upward = _Upward(index, strong)
    rows = []
    for key, alone, fallen in zip(keys, withdrawn, falls, strict=True):
        citers = citing.get(key, [])
        resting = upward.walk([number[i] for i in citers])
        rows.append(
            SourceWeight(
                key=key,
                source=argument_map.sources.get(key),
                analysed=key == argument_map.analysed,
                citing=tuple(citers),
                withdrawn=tuple(alone),
                resting=tuple(map(ids.__getitem__, resting)),
                falls=tuple(map(ids.__getitem__, fallen)),
            )
        )
    return tuple(sorted(rows, key=_impact))


def _impact(row: SourceWeight) -> tuple[bool, int, int, int, str]:
    return (not row.cited, -len(row.falls), -len(row.resting), -len(row.citing), row.key)


def _citing_index(argument_map: ArgumentMap) -> dict[str, list[str]]:
    """Map each cited key to the nodes citing it, in file order, each node once."""
    index: dict[str, list[str]] = {}
    for node in argument_map.nodes:
        for key in dict.fromkeys(citation.key for citation in node.citations):
            index.setdefault(key, []).append(node.id)
    return index


def _withdrawn(argument_map: ArgumentMap, key: str, citing: Iterable[str]) -> list[str]:
    """The citing nodes grounded on their own whose citations all name ``key``."""
    found = []
    for node_id in citing:
        node = argument_map.node(node_id)
        if isinstance(node, _BASE_KINDS) and all(c.key == key for c in node.citations):
            found.append(node_id)
    return found


class _Upward:
    """Walks up from nodes along reasons, a strongly connected component at a time.

    Each component of the support graph (a cycle and everything on cycles with it) is stepped
    through as one: the walk for a source is as long as the number of components it reaches,
    and the members of a big one are copied in at once. One buffer of marks serves every walk.
    """

    def __init__(self, index: Adjacency, components: Iterable[Sequence[int]]) -> None:
        """Name each component by its first member and list the components right above it."""
        count = len(index.ids)
        self.used_in, self.reason_node = used_in, reason_node = index.used_in, index.reason_node
        self.head = head = list(range(count))  # the component's first member; itself, alone
        self.members: dict[int, list[int]] = {}
        for component in components:
            if len(component) > 1:
                first = min(component)
                self.members[first] = sorted(component)
                for i in component:
                    head[i] = first
        self.ups: dict[int, list[int]] = {}
        for first, group in self.members.items():
            above = (head[reason_node[r]] for i in group for r in used_in[i])
            self.ups[first] = [h for h in dict.fromkeys(above) if h != first]
        self.seen = bytearray(count)

    def walk(self, starts: Iterable[int]) -> list[int]:
        """Return the starts and every node above them through reasons, in file order."""
        seen, head, ups = self.seen, self.head, self.ups
        used_in, reason_node = self.used_in, self.reason_node
        heads = []
        for i in starts:
            h = head[i]
            if not seen[h]:
                seen[h] = 1
                heads.append(h)
        for h in heads:  # the list grows while it is walked: a breadth-first queue
            above = ups.get(h)
            if above is None:  # a node on no cycle
                above = [head[reason_node[r]] for r in used_in[h]]
            for c in above:
                if not seen[c]:
                    seen[c] = 1
                    heads.append(c)
        members = self.members
        found: list[int] = []
        for h in heads:
            seen[h] = 0
            group = members.get(h)
            if group is None:
                found.append(h)
            else:
                found.extend(group)
        found.sort()  # node numbers are in file order
        return found


# --- what falls without each source, all sources at once ---------------------------------------


def _falls_by_source(
    index: Adjacency, components: Iterable[Sequence[int]], withdrawn: Sequence[Sequence[int]]
) -> list[list[int]]:
    """For each source, the grounded nodes that lose their grounding without it, in file order.

    ``components`` are the strongly connected components of the support graph, premises
    first (:func:`argmap.graph.components`). ``withdrawn[s]`` holds the nodes that source
    ``s`` withdraws (they cite it alone); those are left out of source ``s``'s list. Each
    node's *needs* (the sources it cannot do without) are computed once, premises before
    conclusions (see the module docs), so the time is linear in the map plus the total size
    of the needs.
    """
    count = len(index.ids)
    order, _ = _ground(index, assumptions=True)
    rank = [-1] * count  # when the node became grounded; -1: never
    done = bytearray(count)
    for position, i in enumerate(order):
        rank[i] = position
        done[i] = 1
    alone = [-1] * count  # the source a node cites alone, if it is withdrawn by one
    for s, numbers in enumerate(withdrawn):
        for i in numbers:
            alone[i] = s
    first = _first_reasons(index)
    reason_premises, reason_size = index.reason_premises, index.reason_size
    # A reason with a premise never grounded (or unknown) can hold without no source: skip it.
    holds = [
        reason_size[r] == len(premises) and all(map(done.__getitem__, premises))
        for r, premises in enumerate(reason_premises)
    ]
    needs = _Needs(index, first, holds, alone, len(withdrawn))
    held = bytearray(count)  # grounded, with a reason that can hold
    for i in order:
        if any(holds[first[i] : first[i + 1]]):
            held[i] = 1
        else:  # grounded on its own only: settled at once
            needs.of[i] = needs.need(i)
    for component in components:
        members = [i for i in component if held[i]]
        if members:
            needs.settle(members, rank)
    falls: list[list[int]] = [[] for _ in withdrawn]
    for i, needed in enumerate(needs.of):
        if needed:
            own = alone[i]
            for s in needed:
                if s != own:
                    falls[s].append(i)
    return falls


class _Needs:
    """The sources each grounded node cannot do without, as frozensets of source numbers.

    ``of[i]`` is None for a node not grounded, and while a node is not settled yet: None
    stands for "every source", the top from which the greatest fixpoint is approached.
    """

    def __init__(
        self,
        index: Adjacency,
        first: Sequence[int],
        holds: Sequence[bool],
        alone: Sequence[int],
        sources: int,
    ) -> None:
        """Keep the index and the per-reason and per-node facts :meth:`need` reads."""
        self.index = index
        self.first = first
        self.holds = holds
        self.alone = alone
        self.of: list[frozenset[int] | None] = [None] * len(index.ids)
        self.nothing: frozenset[int] = frozenset()
        self.singles = [frozenset((s,)) for s in range(sources)]

    def need(self, i: int) -> frozenset[int] | None:
        """Node ``i``'s needs from its premises' current ones: the equation, applied once.

        A node grounded on its own needs nothing, or the one source it cites alone; every
        reason that can hold needs the union of its premises' needs; the node needs what all
        of these need (the intersection). A reason with a premise still at the top is left
        out (the top is neutral for the intersection).
        """
        acc: frozenset[int] | None = None
        if self.index.base[i]:
            if self.alone[i] < 0:
                return self.nothing
            acc = self.singles[self.alone[i]]
        reason_premises, holds = self.index.reason_premises, self.holds
        for r in range(self.first[i], self.first[i + 1]):
            if not holds[r]:
                continue
            union = self.union(reason_premises[r])
            if union is None:
                continue
            if acc is None:
                acc = union
            elif acc is not union:
                acc &= union
                if not acc:
                    return self.nothing
        return acc

    def union(self, premises: Sequence[int]) -> frozenset[int] | None:
        """The needs of a reason: all its premises' needs (None while one is at the top)."""
        of = self.of
        if len(premises) == 1:
            return of[premises[0]]
        parts: list[frozenset[int]] = []
        for p in premises:
            part = of[p]
            if part is None:
                return None
            parts.append(part)
        return parts[0].union(*parts[1:])

    def settle(self, component: Sequence[int], rank: Sequence[int]) -> None:
        """Compute the needs of a component's grounded members, everything below settled.

        ``component`` holds the members of one strongly connected component of the support
        graph that are grounded through a reason (the others are settled or never grounded).
        A single one is computed once (a reason through itself cannot lower its needs). More
        are computed in the order they became grounded, so each has a finite value at once,
        then again until nothing changes: values only shrink, so this reaches the greatest
        fixpoint.
        """
        of = self.of
        if len(component) == 1:
            of[component[0]] = self.need(component[0])
            return
        members = sorted(component, key=rank.__getitem__)
        for i in members:
            of[i] = self.need(i)
        inside = set(members)
        queue = deque(members)
        queued = set(members)
        used_in, reason_node, holds = self.index.used_in, self.index.reason_node, self.holds
        while queue:
            i = queue.popleft()
            queued.discard(i)
            new, old = self.need(i), of[i]
            if new is None or (old is not None and len(new) >= len(old)):
                continue
            of[i] = new
            for r in used_in[i]:
                conclusion = reason_node[r]
                if holds[r] and conclusion in inside and conclusion not in queued:
                    queued.add(conclusion)
                    queue.append(conclusion)


def _first_reasons(index: Adjacency) -> list[int]:
    """Node ``i``'s reasons are numbered ``first[i]`` to ``first[i + 1] - 1``.

    The index numbers reasons node by node, in file order, so each node's are consecutive.
    """
    counts = [0] * len(index.ids)
    for i in index.reason_node:
        counts[i] += 1
    return [0, *accumulate(counts)]


# --- the incremental grounding, for one source -------------------------------------------------


def _grounded_marks(index: Adjacency) -> bytearray:
    """One byte per node: 1 when the node is grounded (AM002)."""
    marks = bytearray(len(index.ids))
    for i in _ground(index, assumptions=True)[0]:
        marks[i] = 1
    return marks


def _lost(
    argument_map: ArgumentMap, grounded_ids: AbstractSet[str], withdrawn: Collection[str]
) -> set[str]:
    """Return the grounded nodes that are no longer grounded once ``withdrawn`` are withdrawn.

    Equal to ``grounded_ids - grounded(argument_map, withdrawn=withdrawn)`` when
    ``grounded_ids`` is ``grounded(argument_map)``, in time proportional to the doubted part
    (besides one pass to number the ids given).
    """
    index = _index(argument_map)
    marks = bytearray(len(index.ids))
    for node_id in grounded_ids:
        i = index.number.get(node_id)
        if i is not None:
            marks[i] = 1
    numbers = [index.number[n] for n in withdrawn if n in index.number]
    return {index.ids[i] for i in _lost_numbers(index, marks, numbers)}


def _lost_numbers(index: Adjacency, grounded_now: bytearray, withdrawn: Iterable[int]) -> list[int]:
    """The numbers of the grounded nodes no longer grounded once ``withdrawn`` are withdrawn.

    The withdrawn nodes grounded on their own, and every grounded node above them through
    reasons that is not grounded on its own, are put in doubt; every grounded node outside
    keeps a grounding made only of nodes outside. The least fixpoint is then computed again
    inside the doubted part, the grounded nodes outside it held fixed (a premise counts as
    missing while it is doubted, or when it was never grounded or is not in the map). The
    doubted nodes not regained are lost.
    """
    count = len(index.ids)
    base, used_in, reason_node = index.base, index.used_in, index.reason_node
    doubted = bytearray(count)
    queue: list[int] = []
    for i in withdrawn:
        if grounded_now[i] and base[i] and not doubted[i]:
            doubted[i] = 1
            queue.append(i)
    for i in queue:  # the list grows while it is walked
        for r in used_in[i]:
            conclusion = reason_node[r]
            if doubted[conclusion] or not grounded_now[conclusion] or base[conclusion]:
                continue
            doubted[conclusion] = 1
            queue.append(conclusion)
    first = _first_reasons(index)
    reason_premises, reason_size = index.reason_premises, index.reason_size
    missing: dict[int, int] = {}
    regained = bytearray(count)
    stack: list[int] = []
    for i in queue:
        for r in range(first[i], first[i + 1]):
            premises = reason_premises[r]
            left = reason_size[r] - len(premises)  # premises not in the map
            left += sum(1 for p in premises if doubted[p] or not grounded_now[p])
            missing[r] = left
            if left == 0 and not regained[i]:
                regained[i] = 1
                stack.append(i)
    while stack:
        premise = stack.pop()
        for r in used_in[premise]:
            conclusion = reason_node[r]
            if not doubted[conclusion] or regained[conclusion]:
                continue
            missing[r] -= 1
            if missing[r] == 0:
                regained[conclusion] = 1
                stack.append(conclusion)
    return [i for i in queue if not regained[i]]


def _index(argument_map: ArgumentMap) -> Adjacency:
    return argument_map._graph  # noqa: SLF001 - the same package


# --- unknown names -----------------------------------------------------------------------------


def _unknown_node(argument_map: ArgumentMap, node_id: str) -> TraceError:
    close = _nearest(node_id, argument_map.ids)
    hint = suggestion(close) or "run `argmap check` to see the map's nodes"
    return TraceError(f"unknown node `{node_id}`; {hint}", name=node_id, suggestions=close)


def _unknown_source(argument_map: ArgumentMap, key: str) -> TraceError:
    keys = list(dict.fromkeys([*argument_map.sources, *_citing_index(argument_map)]))
    close = _nearest(key, keys)
    hint = suggestion(close) or "run `argmap sources` to list the sources"
    return TraceError(
        f"unknown source `{key}`: no bibliography entry or citation has this key; {hint}",
        name=key,
        suggestions=close,
    )


def _nearest(word: str, candidates: Sequence[str]) -> tuple[str, ...]:
    """Up to three near names; short ids (`T9` against `T1`) get a lower cutoff."""
    return close_matches(word, candidates, n=3, cutoff=0.5 if len(word) <= 3 else 0.6)
