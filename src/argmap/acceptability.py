"""Which nodes of a map still stand once the objections are weighed.

A map becomes a Dung argumentation framework (see :mod:`argmap.semantics`) in which every
node and every reason is an argument, and the grounded labelling of that framework labels
them IN (stands), OUT (defeated) or UNDEC (undecided). The encoding follows these rules:

* Evidence, premises, assumptions and objections stand on their own unless attacked: an
  objection raised holds until it is answered, so the burden of proof stays with the argument.
* A claim needs a standing reason: it is IN when one of its reasons is IN and no attacker of
  it is IN, OUT when all its reasons are OUT (or it has none) or an attacker is IN.
* A reason stands only when all its premises are IN and no undercut of it is IN; it is OUT when
  a premise is OUT or an undercut is IN. Rebuttals (``attacks:``) attack nodes; undercuts
  (``undercuts: ID/N``) attack reasons, not their conclusions.
* Reasons that can never be built, because a premise is not grounded (circular or
  unsupported support, see rule AM002), are left out: as in ASPIC+, an argument is a finite
  tree of inferences, so circular support supports nothing.

Support is *necessary* support in the sense of Cayrol and Lagasquie-Schiex: a conclusion
falls with the reasons it needs (C. Cayrol and M.-C. Lagasquie-Schiex, "Bipolarity in
argumentation graphs: towards a better understanding", *International Journal of Approximate
Reasoning* 54(7), 2013, 876-899). Undercutters attack the inference, as in ASPIC+ (S. Modgil
and H. Prakken, "The ASPIC+ framework for structured argumentation: a tutorial", *Argument &
Computation* 5(1), 2014, 31-62). The translation to a plain Dung framework uses auxiliary
arguments, as in the meta-argumentation of G. Boella, D. M. Gabbay, L. van der Torre and
S. Villata ("Support in abstract argumentation", COMMA 2010, 111-122): for a claim ``C`` an
argument ``C!unsupported`` attacks ``C`` and is attacked by each reason of ``C``; for each
premise ``P`` of a reason ``C/N`` an argument ``C/N!without:P`` attacks the reason and is
attacked by ``P`` (:func:`to_framework`). :func:`weigh` computes the same grounded labels on
the map's nodes and reasons directly, without building that framework, in time linear in nodes
and links.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, NamedTuple

import attrs

from argmap import graph
from argmap._label import Label
from argmap.model import ArgumentMap, Claim, Node

if TYPE_CHECKING:
    from argmap.semantics import Framework, Semantics

__all__ = ["Labels", "Status", "Weighing", "label_map", "to_framework", "weigh"]


@attrs.frozen
class Status:
    """The label of one node, and why it has it.

    Attributes:
        node: The node's id.
        label: IN, OUT or UNDEC.
        why: One line saying why, naming the nodes that decide it.
        defeaters: For an OUT or UNDEC node, the attackers (IN, or UNDEC for an undecided
            node) that defeat it or one of its reasons, in file order.
    """

    node: str
    label: Label
    why: str
    defeaters: tuple[str, ...] = ()


def _unsupported(node_id: str) -> str:
    return f"{node_id}!unsupported"


def _without(reason: str, premise: str) -> str:
    return f"{reason}!without:{premise}"


def to_framework(argument_map: ArgumentMap, *, buildable: set[str] | None = None) -> Framework:
    """Return the Dung framework of a map (the encoding is described in the module's text).

    Nodes are arguments named by their ids, reasons by ``ID/N``; the auxiliary arguments have
    names with a ``!``, which no node id can contain. ``buildable`` is the map's grounding
    (:func:`argmap.graph.grounded`), when the caller has it already.
    """
    if buildable is None:
        buildable = graph.grounded(argument_map)
    arguments: list[str] = []
    sources: list[int] = []
    destinations: list[int] = []
    node_number: dict[str, int] = {}
    reason_number: dict[str, int] = {}
    later: list[tuple[int, str]] = []  # (attack, premise): premises may come later in the file
    add, attack = arguments.append, sources.append
    target = destinations.append
    for node in argument_map.nodes:
        me = node_number[node.id] = len(arguments)
        add(node.id)
        claim = isinstance(node, Claim)
        if claim:
            unsupported = len(arguments)
            add(_unsupported(node.id))
            attack(unsupported)
            target(me)
        for number, reason in enumerate(node.reasons, start=1):
            if not all(p in buildable for p in reason.premises):
                continue
            name = f"{node.id}/{number}"
            this = reason_number[name] = len(arguments)
            add(name)
            if claim:
                attack(this)
                target(unsupported)
            for premise in dict.fromkeys(reason.premises):
                without = len(arguments)
                add(_without(name, premise))
                attack(without)
                target(this)
                later.append((len(sources), premise))
                attack(-1)
                target(without)
    for position, premise in later:
        sources[position] = node_number[premise]  # a buildable premise is a node
    for node in argument_map.nodes:
        for rebuttal in node.attacks:
            if rebuttal.reason is None:
                found = node_number.get(rebuttal.target)
            else:
                found = reason_number.get(f"{rebuttal.target}/{rebuttal.reason}")
            if found is not None:
                attack(node_number[node.id])
                target(found)
    from argmap.semantics import Framework  # noqa: PLC0415 - checking a map needs no solver

    return Framework.from_indices(arguments, sources, destinations)


class Labels(Mapping[str, Label]):
    """Labels by name: node ids, and ``ID/N`` for the reasons that can be built."""

    def __init__(
        self,
        number: Mapping[str, int],
        nodes: bytearray,
        reason_node: Sequence[int],
        reasons: bytearray,
    ) -> None:
        """Wrap the labels computed on node and reason numbers.

        Nodes and reasons are numbered as in :class:`argmap.model.Adjacency`; ``reason_node``
        is each reason's node, and a reason that cannot be built is labelled ``_UNBUILT``.
        """
        self._number = number
        self._nodes = nodes
        self._reason_node = reason_node
        self._reasons = reasons

    def _reason(self, name: str) -> int:
        """Return the number of a buildable reason ``ID/N``, or -1."""
        node_id, _, place = name.rpartition("/")
        i = self._number.get(node_id)
        if i is None or not place.isdecimal():
            return -1
        r = _reason_number(self._reason_node, i, int(place))
        return r if r >= 0 and self._reasons[r] != _UNBUILT else -1

    def __getitem__(self, name: str) -> Label:
        """Return the label of a node id or a buildable reason ``ID/N``."""
        number = self._number.get(name)
        if number is not None:
            return _LABELS[self._nodes[number]]
        reason = self._reason(name)
        if reason < 0:
            raise KeyError(name)
        return _LABELS[self._reasons[reason]]

    def reason(self, node_id: str, place: int) -> Label | None:
        """Return the label of reason ``place`` (from 1) of a node, None when it cannot be built.

        The same as ``self[f"{node_id}/{place}"]`` without writing and parsing the name.
        """
        i = self._number.get(node_id)
        if i is None:
            return None
        r = _reason_number(self._reason_node, i, place)
        if r < 0 or self._reasons[r] == _UNBUILT:
            return None
        return _LABELS[self._reasons[r]]

    def not_in(self) -> list[str]:
        """Return the ids of the nodes labelled OUT or UNDEC, in their numbering's order.

        The labels are scanned as bytes, so a large map where most nodes stand costs a few
        milliseconds, not a Python step per node.
        """
        ids = list(self._number)  # in number order: Adjacency numbers them so
        return [ids[found.start()] for found in _NOT_IN.finditer(self._nodes)]

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is a node id or a buildable reason."""
        return isinstance(name, str) and (name in self._number or self._reason(name) >= 0)

    def __iter__(self) -> Iterator[str]:
        """Iterate over node ids (reasons are looked up by name, not listed)."""
        return iter(self._number)

    def __len__(self) -> int:
        """Count the nodes."""
        return len(self._number)


#: Labels as stored in bytearrays; _UNBUILT marks a reason that cannot be built.
_UNDEC, _IN, _OUT, _UNBUILT = 0, 1, 2, 3
_LABELS = (Label.UNDEC, Label.IN, Label.OUT)
#: A node label other than _IN, in the labels' bytearray.
_NOT_IN = re.compile(b"[^\x01]")


def _reason_number(reason_node: Sequence[int], node: int, place: int) -> int:
    """Return the number of a node's reason ``place`` (from 1), or -1 when it has no such reason.

    Reasons are numbered node by node in file order, so ``reason_node`` is sorted and a node's
    reasons are found by bisection.
    """
    if place < 1:
        return -1
    r = bisect_left(reason_node, node) + place - 1
    return r if r < len(reason_node) and reason_node[r] == node else -1


class Weighing:
    """The grounded labels of a map's nodes and reasons; explanations are written on demand."""

    def __init__(self, argument_map: ArgumentMap, labels: Labels, buildable: set[str]) -> None:
        """Keep the labels of every node and buildable reason of the map."""
        self.map = argument_map
        self.labels = labels
        self.buildable = buildable

    def __getitem__(self, node_id: str) -> Label:
        """Return a node's label."""
        return self.labels[node_id]

    def status(self, node_id: str) -> Status:
        """Return a node's label with why it has it."""
        return _status(self.map, self.map.node(node_id), self.labels, self.buildable)


def weigh(argument_map: ArgumentMap, *, buildable: set[str] | None = None) -> Weighing:
    """Label every node and reason of a map by the grounded semantics.

    The labels are those of the grounded labelling of :func:`to_framework`'s framework,
    computed on the map itself: the auxiliary arguments of the encoding only pass a label on
    (``C!unsupported`` is IN exactly when every reason of ``C`` is OUT, ``C/N!without:P`` is IN
    exactly when ``P`` is OUT), so the same propagation runs on nodes and reasons directly, with
    a stack and counters and each link looked at a bounded number of times.

    Args:
        argument_map: the map.
        buildable: the map's grounding (:func:`argmap.graph.grounded`), when the caller has it.
    """
    if buildable is None:
        buildable = graph.grounded(argument_map)
    links = _Links(argument_map, buildable)
    nodes = bytearray(len(links.claim))
    _propagate(links, nodes, _seed(links, nodes))
    return Weighing(
        argument_map,
        Labels(links.index.number, nodes, links.index.reason_node, links.reasons),
        buildable,
    )


class _Links:
    """The map's index (:class:`argmap.model.Adjacency`) and what the labelling adds to it.

    The index's premise and user lists are used as they are: a premise repeated in a reason is
    counted, and passes its label on, once per mention.

    Attributes:
        claim: 1 for each claim.
        reasons: each reason's label: UNDEC to start with, or _UNBUILT.
        attacks: each node's targets: a node number, or ``~r`` (a negative number) for a
            reason ``r`` it undercuts. Attacks on ids that are no node, and undercuts of
            reasons that cannot be built or do not exist, are left out, as in the framework.
        attackers: how many rebuttals of each node are not OUT yet.
        undercuts: how many undercuts of each reason are not OUT yet.
        premises: how many premises of each reason are not IN yet.
        reasons_left: how many buildable reasons of each node are not OUT yet.
        unsupported: 1 for each claim none of whose reasons is IN yet.
    """

    def __init__(self, argument_map: ArgumentMap, buildable: set[str]) -> None:
        """Index the claims, the reasons that cannot be built and the attacks."""
        self.index = index = argument_map._graph  # noqa: SLF001 - the same package
        nodes: Sequence[Node] = argument_map.nodes
        if len(nodes) != len(index.ids):  # repeated ids: the index keeps each id's last node
            nodes = [argument_map.node(node_id) for node_id in index.ids]
        self.claim = bytearray(map(isinstance, nodes, repeat(Claim)))
        self.reasons = bytearray(len(index.reason_node))
        self._mark_unbuilt(buildable)
        self.attacks: list[Sequence[int]] = [()] * len(nodes)  # one shared () for most nodes
        self.attackers = [0] * len(nodes)
        self.undercuts = [0] * len(index.reason_node)
        self._link_attacks(nodes)
        self.premises = list(map(len, index.reason_premises))
        self.reasons_left = self._count_reasons()
        self.unsupported = bytearray(self.claim)

    def _mark_unbuilt(self, buildable: set[str]) -> None:
        """Label _UNBUILT each reason with a premise that is not grounded or is no node."""
        index, reasons, number = self.index, self.reasons, self.index.number
        for i in map(number.__getitem__, number.keys() - buildable):
            for r in index.used_in[i]:
                reasons[r] = _UNBUILT
        for conclusion, place in chain.from_iterable(index.unknown_used_in.values()):
            reasons[_reason_number(index.reason_node, number[conclusion], place)] = _UNBUILT

    def _link_attacks(self, nodes: Sequence[Node]) -> None:
        number, reason_node, reasons = self.index.number, self.index.reason_node, self.reasons
        attackers, undercuts = self.attackers, self.undercuts
        # the index lists every node's attackers (rebuttals and undercuts together)
        for i in set(chain.from_iterable(self.index.attackers)):
            targets: list[int] = []
            self.attacks[i] = targets
            for attack in nodes[i].attacks:
                t = number.get(attack.target)
                if t is None:
                    continue
                if attack.reason is None:
                    targets.append(t)
                    attackers[t] += 1
                    continue
                r = _reason_number(reason_node, t, attack.reason)
                if r >= 0 and reasons[r] != _UNBUILT:
                    targets.append(~r)
                    undercuts[r] += 1

    def _count_reasons(self) -> list[int]:
        reason_node = self.index.reason_node
        count = [0] * len(self.claim)
        for i in reason_node:
            count[i] += 1
        for r in compress(range(len(reason_node)), self.reasons):  # the _UNBUILT ones, for now
            count[reason_node[r]] -= 1
        return count


def _seed(links: _Links, nodes: bytearray) -> list[int]:
    """Label OUT the claims without a buildable reason, IN the other nodes that nothing rebuts.

    Return them: they are the first to pass their labels on.
    """
    todo: list[int] = []
    claim, attackers, reasons_left = links.claim, links.attackers, links.reasons_left
    for i in range(len(nodes)):
        if claim[i]:
            if not reasons_left[i]:
                nodes[i] = _OUT
                todo.append(i)
        elif not attackers[i]:
            nodes[i] = _IN
            todo.append(i)
    return todo


def _propagate(links: _Links, nodes: bytearray, todo: list[int]) -> None:
    """Label everything that follows from the labels in ``todo``, and what follows from that.

    ``todo`` holds what is labelled but has not yet passed its label on: node numbers, and
    ``~r`` for a reason ``r``. The order does not matter: each label follows from labels that
    never change, so any order reaches the same least fixed point. ``not reasons[r]`` means
    "still UNDEC": a reason that cannot be built (_UNBUILT) is never labelled. Everything is in
    local variables and inline, as this loop runs a few times per node and link.
    """
    reasons, claim, unsupported = links.reasons, links.claim, links.unsupported
    attacks, attackers, undercuts = links.attacks, links.attackers, links.undercuts
    premises, reasons_left = links.premises, links.reasons_left
    reason_node, used_in = links.index.reason_node, links.index.used_in
    push = todo.append
    while todo:
        k = todo.pop()
        if k < 0:  # a reason: it passes its label on to its conclusion only
            owner = reason_node[~k]
            if reasons[~k] == _IN:
                unsupported[owner] = 0
                if not attackers[owner] and not nodes[owner]:
                    nodes[owner] = _IN
                    push(owner)
            else:
                left = reasons_left[owner] - 1
                reasons_left[owner] = left
                if not left and claim[owner] and not nodes[owner]:
                    nodes[owner] = _OUT
                    push(owner)
        elif nodes[k] == _IN:  # what it attacks is OUT; a reason may now have all its premises
            for target in attacks[k]:
                if target >= 0:
                    if not nodes[target]:
                        nodes[target] = _OUT
                        push(target)
                elif not reasons[~target]:
                    reasons[~target] = _OUT
                    push(target)
            for r in used_in[k]:
                left = premises[r] - 1
                premises[r] = left
                if not left and not undercuts[r] and not reasons[r]:
                    reasons[r] = _IN
                    push(~r)
        else:  # OUT: what it attacks may now be IN; every reason it is a premise of is OUT
            for target in attacks[k]:
                if target >= 0:
                    left = attackers[target] - 1
                    attackers[target] = left
                    if not left and not unsupported[target] and not nodes[target]:
                        nodes[target] = _IN
                        push(target)
                else:
                    r = ~target
                    left = undercuts[r] - 1
                    undercuts[r] = left
                    if not left and not premises[r] and not reasons[r]:
                        reasons[r] = _IN
                        push(target)
            for r in used_in[k]:
                if not reasons[r]:
                    reasons[r] = _OUT
                    push(~r)


def label_map(
    argument_map: ArgumentMap, *, semantics: Semantics | None = None
) -> tuple[Status, ...]:
    """Label every node of a map, in file order, with the reason.

    By the grounded semantics (the default), a node is IN, OUT or UNDEC as the grounded
    labelling of :func:`to_framework`'s framework says. By complete, preferred or stable
    semantics, which can have several extensions, a node is IN when it is in every extension
    (sceptically accepted), UNDEC when it is in some but not all (credulously accepted only),
    and OUT when it is in none. A map without a stable extension labels every node UNDEC
    under stable semantics and says so.

    The grounded labelling decides most nodes: its IN nodes are in every complete, preferred
    and stable extension, its OUT nodes in none (Dung 1995, theorem 25), so they keep its
    explanation. Only the nodes it leaves UNDEC are asked about, one credulous and at most one
    sceptical question each (:func:`argmap.semantics.credulous`, :func:`~argmap.semantics.
    sceptical`, by the SAT solver on large parts); every witness extension answers the same
    question for the other nodes it settles, so most nodes need no question of their own.

    Args:
        argument_map: the map.
        semantics: one of :class:`argmap.semantics.Semantics`; None or GROUNDED for grounded.
    """
    weighing = weigh(argument_map)
    grounded_statuses = tuple(weighing.status(node.id) for node in argument_map.nodes)
    if semantics is None or semantics.name == "GROUNDED":
        return grounded_statuses
    return _by_extensions(argument_map, weighing, grounded_statuses, semantics)


def _by_extensions(
    argument_map: ArgumentMap,
    weighing: Weighing,
    statuses: tuple[Status, ...],
    semantics: Semantics,
) -> tuple[Status, ...]:
    """Relabel the grounded-UNDEC nodes by sceptical and credulous acceptance (see label_map)."""
    from argmap import semantics as dung  # noqa: PLC0415 - checking a map needs no solver

    framework = to_framework(argument_map, buildable=weighing.buildable)
    name = semantics.name.lower()
    undecided = [status.node for status in statuses if status.label is Label.UNDEC]
    found = dung.justification(framework, semantics, undecided)
    if not found.exists:
        why = "the map has no stable extension, so no node is accepted or rejected"
        return tuple(Status(status.node, Label.UNDEC, why) for status in statuses)
    relabelled: list[Status] = []
    for status in statuses:
        node_id = status.node
        if status.label is not Label.UNDEC:
            relabelled.append(status)
        elif node_id not in found.credulous:
            relabelled.append(_rejected(argument_map, weighing, node_id, name))
        elif node_id in found.sceptical:
            why = f"in every {name} extension, though the grounded semantics leaves it undecided"
            relabelled.append(Status(node_id, Label.IN, why))
        else:
            relabelled.append(_contested(argument_map, node_id, name, found.left_out_by[node_id]))
    return tuple(relabelled)


def _contested(
    argument_map: ArgumentMap, node_id: str, name: str, without: Sequence[str]
) -> Status:
    """UNDEC: in some extensions, and ``without`` is one that leaves the node out."""
    members = set(without)
    attackers = [
        a for a in dict.fromkeys(a for a, _ in argument_map.attacks_on(node_id)) if a in members
    ]
    why = f"in some {name} extensions, not in all"
    if attackers:
        why += f": one with {_names(attackers)} leaves it out"
    else:
        why += ": one leaves it out, where none of its reasons stands"
    return Status(node_id, Label.UNDEC, why, tuple(attackers))


def _rejected(argument_map: ArgumentMap, weighing: Weighing, node_id: str, name: str) -> Status:
    """OUT: in no extension; the attackers named are those the grounded semantics leaves UNDEC."""
    labels = weighing.labels
    attackers = [
        a
        for a in dict.fromkeys(a for a, _ in argument_map.attacks_on(node_id))
        if labels[a] is Label.UNDEC
    ]
    why = f"in no {name} extension"
    if attackers:
        why += f"; attacked by {_names(attackers)}"
    elif isinstance(argument_map.node(node_id), Claim):
        why += "; none of its reasons can stand"
    return Status(node_id, Label.OUT, why, tuple(attackers))


def _status(argument_map: ArgumentMap, node: Node, labels: Labels, buildable: set[str]) -> Status:
    """A node's label and why: what attacks it, and for each reason whether it stands."""
    label = labels[node.id]
    rebuttals = list(
        dict.fromkeys(a for a, attack in argument_map.attacks_on(node.id) if attack.reason is None)
    )
    notes = list(_reason_notes(argument_map, node, labels, buildable))
    if label is Label.IN:
        return Status(node.id, label, _why_in(argument_map, node, labels, rebuttals, notes))
    wanted = Label.IN if label is Label.OUT else Label.UNDEC
    attackers = [a for a in rebuttals if labels[a] is wanted]
    if attackers:
        verb = "defeated by" if label is Label.OUT else "attacked by undecided"
        parts = [f"{verb} {_names(attackers)}", *(note.text for note in notes)]
        return Status(node.id, label, "; ".join(parts), tuple(attackers))
    if not node.reasons:
        return Status(node.id, label, "no reason supports it")
    failing = [note for note in notes if not note.stands]
    defeaters = tuple(
        dict.fromkeys(note.defeater for note in failing if note.defeater and note.by is wanted)
    )
    detail = "; ".join(note.text for note in failing)
    lead = "no reason stands" if label is Label.OUT else "no reason stands for sure"
    return Status(node.id, label, f"{lead}: {detail}", defeaters)


def _why_in(
    argument_map: ArgumentMap,
    node: Node,
    labels: Mapping[str, Label],
    rebuttals: Sequence[str],
    notes: Sequence[_Note],
) -> str:
    answered = _answered(argument_map, labels, rebuttals, "attacker")
    if not isinstance(node, Claim):
        return "stands on its own" + (f"; {answered}" if answered else ", unattacked")
    standing = [note for note in notes if note.stands]
    words = [node.reason_word(note.number) for note in standing]
    if len(words) == 1:
        answered_cut = standing[0].answered
        parts = [f"reason {words[0]} stands" + (f" ({answered_cut})" if answered_cut else "")]
    else:
        parts = [f"reasons {_and(words)} stand"]
        parts += [
            f"in reason {node.reason_word(note.number)}, {note.answered}"
            for note in standing
            if note.answered
        ]
    parts += [note.text for note in notes if not note.stands]
    if answered:
        parts.append(answered)
    return "; ".join(parts)


class _Note(NamedTuple):  # a tuple: built for every reason of every node explained
    """What one reason of a node comes to: whether it stands, and what brings it down."""

    number: int
    stands: bool
    text: str
    #: The first undercut that brings it down, and that undercut's label.
    defeater: str | None = None
    by: Label | None = None
    #: For a standing reason: ``its undercut `O2` is answered by `C5```, or empty.
    answered: str = ""


def _reason_notes(
    argument_map: ArgumentMap,
    node: Node,
    labels: Labels,
    grounded_ids: set[str],
) -> Iterator[_Note]:
    """Say, for each reason of a node, whether it stands and what undercuts it or falls."""
    attacks = argument_map.attacks_on(node.id)
    for number, reason in enumerate(node.reasons, start=1):
        state = labels.reason(node.id, number)
        word = node.reason_word(number)  # `trade` for a named reason, else its number
        if state is None:  # a reason that cannot be built
            loose = [p for p in dict.fromkeys(reason.premises) if p not in grounded_ids]
            yield _Note(
                number,
                stands=False,
                text=f"reason {word} needs {_names(loose)}, which nothing grounds",
            )
            continue
        # The attacks on this node whose text is ``name``: undercuts of this reason.
        undercuts = list(dict.fromkeys(a for a, attack in attacks if attack.reason == number))
        if state is Label.IN:
            answered = _answered(argument_map, labels, undercuts, "undercut")
            yield _Note(
                number,
                stands=True,
                text=f"reason {word} stands",
                answered=answered,
            )
            continue
        cutting = [
            a for a in undercuts if labels[a] is (Label.IN if state is Label.OUT else Label.UNDEC)
        ]
        if cutting:
            how = "undercut by" if state is Label.OUT else "undercut by undecided"
            text = f"reason {word} {how} {_names(cutting)}"
            yield _Note(number, stands=False, text=text, defeater=cutting[0], by=labels[cutting[0]])
            continue
        weak = [p for p in dict.fromkeys(reason.premises) if labels[p] is state]
        yield _Note(number, stands=False, text=f"reason {word} needs {_is(weak, state.name)}")


def _answered(
    argument_map: ArgumentMap, labels: Mapping[str, Label], attackers: Sequence[str], what: str
) -> str:
    """``its attacker `O1` is answered by `C9``` for the defeated ones among ``attackers``."""
    parts: list[str] = []
    defeated: list[str] = []
    for attacker in attackers:
        if labels[attacker] is not Label.OUT:
            continue
        answers = [
            a
            for a, attack in argument_map.attacks_on(attacker)
            if attack.reason is None and labels[a] is Label.IN  # a rebuttal, not an undercut
        ]
        if answers:
            answers = list(dict.fromkeys(answers))
            parts.append(f"its {what} `{attacker}` is answered by {_names(answers)}")
        else:
            defeated.append(attacker)
    if len(defeated) == 1:
        parts.append(f"its {what} `{defeated[0]}` is defeated")
    elif defeated:
        parts.append(f"its {what}s {_names(defeated)} are defeated")
    return "; ".join(parts)


def _is(ids: Sequence[str], state: str) -> str:
    """```C1``, OUT`` or ```C1`` and ``C2``, OUT``: the premises that fall, and how."""
    return f"{_names(ids)}, {state}"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _names(ids: Sequence[str]) -> str:
    return _and([f"`{i}`" for i in ids])
