"""What a rule is: code, name, severity, documentation, examples and a check function."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from typing import NamedTuple

import attrs

from argmap import acceptability, graph
from argmap.diagnostics import Severity
from argmap.model import (
    Adjacency,
    ArgumentMap,
    Citation,
    Claim,
    Evidence,
    Node,
    Premise,
    SourcePosition,
)

__all__ = ["Census", "Context", "Example", "Finding", "Rule", "Status"]


class Status(enum.StrEnum):
    """Where a rule is in its life; a removed rule keeps its code so it is never reused."""

    STABLE = "stable"
    PREVIEW = "preview"
    REMOVED = "removed"


@attrs.frozen
class Example:
    """A small map (and optionally a bibliography and an analysed text) for one rule."""

    yaml: str
    bib: str = ""
    text: str = ""


@attrs.frozen
class Finding:
    """What a check function reports: the node (if any), where, and the message with its fix."""

    node: str | None
    position: SourcePosition
    message: str

    @classmethod
    def on(cls, node: Node, message: str) -> Finding:
        """Return a finding located at a node."""
        return cls(node.id, node.position, message)


class Census(NamedTuple):
    """The nodes several rules visit, sorted out in one pass over the map, each in file order.

    On a big map a pass over every node costs what reaching the nodes in memory costs,
    whatever it does with them: rules that visit one kind of node read these lists instead of
    passing over the whole map each.
    """

    claims: list[Claim]
    evidence: list[Evidence]
    premises: list[Premise]
    #: The evidence's places in ``map.nodes``.
    evidence_numbers: list[int]
    #: The nodes with an ``ignore:`` entry.
    suppressing: list[Node]


class Context:
    """The map being checked, with the analyses several rules share, each computed once."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        """Wrap a map; nothing is computed until a rule asks for it."""
        self.map = argument_map
        #: Rule codes by code and by name, for rules that read suppressions.
        self.codes: dict[str, str] = {}
        #: Codes of the rules that ran.
        self.selected: frozenset[str] = frozenset()
        #: (node id, code) of each suppression that silenced at least one finding.
        self.used_suppressions: set[tuple[str, str]] = set()

    @functools.cached_property
    def grounded(self) -> set[str]:
        """Ids of the grounded nodes (see :func:`argmap.graph.grounded`)."""
        return graph.grounded(self.map)

    @functools.cached_property
    def assumption_witnesses(self) -> dict[str, str]:
        """Nodes grounded only through assumptions, each with one assumption it needs."""
        return graph.grounding_witnesses(self.map)

    @functools.cached_property
    def reaching_thesis(self) -> set[str]:
        """Ids from which a thesis can be reached."""
        return graph.reaching(self.map, (node.id for node in self.map.theses))

    @functools.cached_property
    def weighing(self) -> acceptability.Weighing:
        """The grounded label of every node (see :mod:`argmap.acceptability`)."""
        return acceptability.weigh(self.map, buildable=self.grounded)

    @functools.cached_property
    def cited_keys(self) -> set[str]:
        """Every bibliography key some citation (or the header's ``analysed``) uses."""
        keys = self._citations[0]
        if self.map.analysed:
            keys.add(self.map.analysed)
        return keys

    @functools.cached_property
    def unlocated(self) -> list[tuple[Node, Citation]]:
        """Every citation without a locator, with its node, in file order."""
        return self._citations[1]

    @functools.cached_property
    def _citations(self) -> tuple[set[str], list[tuple[Node, Citation]]]:
        """The cited keys and the citations without a locator, found in one pass.

        A pass over every node of a big map costs what reaching its nodes in memory costs:
        two passes cost twice one, whatever each does.
        """
        keys: set[str] = set()
        add = keys.add
        unlocated = []
        for node in self.map.nodes:
            for citation in node.citations:
                add(citation.key)
                if citation.locator is None:
                    unlocated.append((node, citation))
        return keys, unlocated

    @functools.cached_property
    def census(self) -> Census:
        """The claims, evidence, premises and suppressing nodes, found in one pass."""
        found = Census([], [], [], [], [])
        for number, node in enumerate(self.map.nodes):
            if isinstance(node, Claim):
                found.claims.append(node)
            if isinstance(node, Evidence):
                found.evidence.append(node)
                found.evidence_numbers.append(number)
            if isinstance(node, Premise):
                found.premises.append(node)
            if node.ignore:
                found.suppressing.append(node)
        return found

    @functools.cached_property
    def numbered(self) -> Adjacency | None:
        """The map's integer index, where node ``i`` is ``map.nodes[i]``; None if ids repeat.

        Rules that walk the whole map mark nodes by number in a ``bytearray`` over this
        index, several times faster than sets of ids (see :mod:`argmap.graph`). A map made
        in code may give an id twice; the index numbers each id once, so it is not offered.
        """
        index = self.map._graph  # noqa: SLF001 - the map's own index, as argmap.graph reads it
        return index if len(index.ids) == len(self.map.nodes) else None


@attrs.frozen(kw_only=True)
class Rule:
    """A check of the map, with everything the docs and ``argmap rule`` print about it.

    ``summary`` says what it does in one line; ``rationale`` why it matters; ``fix`` how to fix
    a finding. ``firing`` must make the rule report something and ``clean`` must not: the tests
    run both.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    fix: str
    firing: Example
    clean: Example
    check: Callable[[Context], Iterable[Finding]] = attrs.field(eq=False, repr=False)
    status: Status = Status.STABLE
    since: str = "0.1.0"
    #: Whether the rule judges the other rules' findings, and so runs after them.
    late: bool = False
