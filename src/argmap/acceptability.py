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

from collections import deque
from collections.abc import Iterator, Mapping, Sequence

import attrs

from argmap import graph
from argmap.model import ArgumentMap, Claim, Node
from argmap.semantics import Framework, Label

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
                found = reason_number.get(str(rebuttal))
            if found is not None:
                attack(node_number[node.id])
                target(found)
    return Framework.from_indices(arguments, sources, destinations)


class Labels(Mapping[str, Label]):
    """Labels by name: node ids, and ``ID/N`` for the reasons that can be built."""

    def __init__(
        self,
        number: Mapping[str, int],
        nodes: bytearray,
        first_reason: Sequence[int],
        reason_index: Sequence[int],
        reason_labels: bytearray,
    ) -> None:
        """Wrap the labels computed on node and reason numbers."""
        self._number = number
        self._nodes = nodes
        self._first_reason = first_reason
        self._reason_index = reason_index
        self._reason_labels = reason_labels

    def _reason(self, name: str) -> int:
        """Return the number of a buildable reason ``ID/N``, or -1."""
        node_id, _, place = name.rpartition("/")
        i = self._number.get(node_id)
        if i is None or not place.isdigit():
            return -1
        slot = self._first_reason[i] + int(place) - 1
        if not self._first_reason[i] <= slot < self._first_reason[i + 1]:
            return -1
        return self._reason_index[slot]

    def __getitem__(self, name: str) -> Label:
        """Return the label of a node id or a buildable reason ``ID/N``."""
        number = self._number.get(name)
        if number is not None:
            return _LABELS[self._nodes[number]]
        reason = self._reason(name)
        if reason < 0:
            raise KeyError(name)
        return _LABELS[self._reason_labels[reason]]

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is a node id or a buildable reason."""
        return isinstance(name, str) and (name in self._number or self._reason(name) >= 0)

    def __iter__(self) -> Iterator[str]:
        """Iterate over node ids (reasons are looked up by name, not listed)."""
        return iter(self._number)

    def __len__(self) -> int:
        """Count the nodes."""
        return len(self._number)


_UNDEC, _IN, _OUT = 0, 1, 2
_LABELS = (Label.UNDEC, Label.IN, Label.OUT)


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
    a queue and counters and each link looked at a bounded number of times.

    Args:
        argument_map: the map.
        buildable: the map's grounding (:func:`argmap.graph.grounded`), when the caller has it.
    """
    if buildable is None:
        buildable = graph.grounded(argument_map)
    return Weighing(argument_map, _propagate(argument_map, buildable), buildable)


def _propagate(argument_map: ArgumentMap, buildable: set[str]) -> Labels:
    nodes = argument_map.nodes
    number = {node.id: i for i, node in enumerate(nodes)}
    node_label = bytearray(len(nodes))
    claim = bytearray(isinstance(node, Claim) for node in nodes)
    # every reason has a slot (node by node, in order); buildable ones also get a number
    first_reason: list[int] = []
    reason_index: list[int] = []  # slot -> number of the buildable reason, or -1
    reason_owner: list[int] = []
    reason_premises: list[list[int]] = []
    users: list[list[int]] = [[] for _ in nodes]  # node -> reasons it is a premise of
    for i, node in enumerate(nodes):
        first_reason.append(len(reason_index))
        for reason in node.reasons:
            if not all(p in buildable for p in reason.premises):
                reason_index.append(-1)
                continue
            r = len(reason_owner)
            reason_index.append(r)
            reason_owner.append(i)
            premises = [number[p] for p in dict.fromkeys(reason.premises)]
            reason_premises.append(premises)
            for p in premises:
                users[p].append(r)
    first_reason.append(len(reason_index))
    reason_label = bytearray(len(reason_owner))
    reasons_left = [0] * len(nodes)  # buildable reasons not yet OUT
    for owner in reason_owner:
        reasons_left[owner] += 1
    premises_left = [len(premises) for premises in reason_premises]
    rebuts: list[list[int]] = [[] for _ in nodes]
    cuts: list[list[int]] = [[] for _ in nodes]
    attackers_left = [0] * len(nodes)
    cutters_left = [0] * len(reason_owner)
    for i, node in enumerate(nodes):
        for attack in node.attacks:
            if attack.reason is None:
                target = number.get(attack.target)
                if target is not None:
                    rebuts[i].append(target)
                    attackers_left[target] += 1
            else:
                t = number.get(attack.target)
                if t is None or not 1 <= attack.reason <= first_reason[t + 1] - first_reason[t]:
                    continue
                r_target = reason_index[first_reason[t] + attack.reason - 1]
                if r_target >= 0:
                    cuts[i].append(r_target)
                    cutters_left[r_target] += 1
    has_reason_in = bytearray(len(nodes))
    queue: deque[tuple[bool, int]] = deque()  # (is a reason, number), labelled, to pass on

    def settle_node(i: int, label: int) -> None:
        if not node_label[i]:
            node_label[i] = label
            queue.append((False, i))

    def settle_reason(r: int, label: int) -> None:
        if not reason_label[r]:
            reason_label[r] = label
            queue.append((True, r))

    def node_may_be_in(i: int) -> None:
        if not attackers_left[i] and (not claim[i] or has_reason_in[i]):
            settle_node(i, _IN)

    for i in range(len(nodes)):
        if claim[i] and not reasons_left[i]:
            settle_node(i, _OUT)
        else:
            node_may_be_in(i)
    while queue:
        is_reason, k = queue.popleft()
        if is_reason:
            owner = reason_owner[k]
            if reason_label[k] == _IN:
                has_reason_in[owner] = 1
                node_may_be_in(owner)
            else:
                reasons_left[owner] -= 1
                if claim[owner] and not reasons_left[owner]:
                    settle_node(owner, _OUT)
            continue
        if node_label[k] == _IN:
            for target in rebuts[k]:
                settle_node(target, _OUT)
            for r in cuts[k]:
                settle_reason(r, _OUT)
            for r in users[k]:
                premises_left[r] -= 1
                if not premises_left[r] and not cutters_left[r]:
                    settle_reason(r, _IN)
        else:
            for target in rebuts[k]:
                attackers_left[target] -= 1
                node_may_be_in(target)
            for r in cuts[k]:
                cutters_left[r] -= 1
                if not premises_left[r] and not cutters_left[r]:
                    settle_reason(r, _IN)
            for r in users[k]:
                settle_reason(r, _OUT)
    return Labels(number, node_label, first_reason, reason_index, reason_label)


def label_map(argument_map: ArgumentMap) -> tuple[Status, ...]:
    """Label every node of a map by the grounded semantics, in file order, with the reason."""
    weighing = weigh(argument_map)
    return tuple(weighing.status(node.id) for node in argument_map.nodes)


def _status(
    argument_map: ArgumentMap, node: Node, labels: Mapping[str, Label], buildable: set[str]
) -> Status:
    label = labels[node.id]
    rebuttals = [a for a, attack in argument_map.attacks_on(node.id) if not attack.undercut]
    if label is Label.IN:
        return Status(node.id, label, _why_in(node, labels, rebuttals))
    wanted = Label.IN if label is Label.OUT else Label.UNDEC
    attackers = [a for a in dict.fromkeys(rebuttals) if labels[a] is wanted]
    if attackers:
        verb = "defeated by" if label is Label.OUT else "attacked by undecided"
        return Status(node.id, label, f"{verb} {_names(attackers)}", tuple(attackers))
    reasons = list(_failing_reasons(argument_map, node, labels, wanted, buildable))
    defeaters = tuple(dict.fromkeys(d for _, d in reasons if d is not None))
    if not node.reasons:
        return Status(node.id, label, "no reason supports it")
    detail = "; ".join(text for text, _ in reasons)
    lead = "no reason stands" if label is Label.OUT else "no reason stands for sure"
    return Status(node.id, label, f"{lead}: {detail}", defeaters)


def _why_in(node: Node, labels: Mapping[str, Label], rebuttals: Sequence[str]) -> str:
    answered = f"; its attackers {_names(rebuttals)} are defeated" if rebuttals else ""
    if not isinstance(node, Claim):
        return f"stands on its own{answered or ', unattacked'}"
    standing = [
        str(number)
        for number, _ in enumerate(node.reasons, start=1)
        if labels.get(f"{node.id}/{number}") is Label.IN
    ]
    if len(standing) == 1:
        return f"reason {standing[0]} stands{answered}"
    return f"reasons {', '.join(standing[:-1])} and {standing[-1]} stand{answered}"


def _failing_reasons(
    argument_map: ArgumentMap,
    node: Node,
    labels: Mapping[str, Label],
    wanted: Label,
    grounded_ids: set[str],
) -> Iterator[tuple[str, str | None]]:
    """Say, for each reason of a node, what brings it down; with the node that does, if any."""
    for number, reason in enumerate(node.reasons, start=1):
        name = f"{node.id}/{number}"
        if name not in labels:
            loose = [p for p in dict.fromkeys(reason.premises) if p not in grounded_ids]
            yield f"reason {number} needs {_names(loose)}, which nothing grounds", None
            continue
        undercuts = [a for a, attack in argument_map.attacks_on(node.id) if str(attack) == name]
        cutting = [a for a in dict.fromkeys(undercuts) if labels[a] is wanted]
        if cutting:
            yield f"reason {number} undercut by {_names(cutting)}", cutting[0]
            continue
        weak = [p for p in dict.fromkeys(reason.premises) if labels[p] is not Label.IN]
        if weak:
            state = "OUT" if any(labels[p] is Label.OUT for p in weak) else "UNDEC"
            yield f"reason {number} needs {_names(weak)}, {state}", None


def _names(ids: Sequence[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)
