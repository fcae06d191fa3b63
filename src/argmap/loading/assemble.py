"""The last stage: join the drafts of a map's files into one checked :class:`ArgumentMap`.

Here every reference is checked against the whole map, across files: unknown ids, duplicate
ids, a second ``map:`` header, an undercut of a reason that does not exist. A node that was
written with a mistake (its file's draft lists it as broken) is still known by its id, so
references to it raise no second error: one mistake, one error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmap.errors import LoadError, MapError, Suggester, did_you_mean
from argmap.loading.drafts import FileDraft, Header
from argmap.model import AnalysedText, ArgumentMap, Attack, Node, Source, SourcePosition

__all__ = ["assemble", "header_of"]


def header_of(drafts: Sequence[FileDraft]) -> tuple[Header | None, list[MapError]]:
    """Return the map's header (the first file's that has one) and an error for each other."""
    header: Header | None = None
    errors: list[MapError] = []
    for draft in drafts:
        if draft.header is None:
            continue
        if header is None:
            header = draft.header
            continue
        where = draft.header.position
        errors.append(
            MapError(
                where.file,
                where.line,
                where.column,
                f"a second `map:` header (first at {header.position})",
                "keep one header per map",
            )
        )
    return header, errors


def assemble(
    drafts: Sequence[FileDraft],
    *,
    sources: Mapping[str, Source] | None = None,
    problems: Sequence[MapError] = (),
    text: AnalysedText | None = None,
    notes: Sequence[str] = (),
    errors: Iterable[MapError] = (),
) -> ArgumentMap:
    """Build the map from its files' drafts, checking every reference across them.

    Args:
        drafts: one per file, in reading order.
        sources: the bibliography's entries by key.
        problems: what was wrong with the bibliography but did not stop loading.
        text: the analysed text, if one was given or found.
        notes: what loading has to tell that is no problem in the map (a missing text).
        errors: problems found by earlier stages (a missing bibliography, say).

    Raises:
        LoadError: with every problem of every stage, sorted by place.
    """
    found = [error for draft in drafts for error in draft.errors]
    found.extend(errors)
    header, header_errors = header_of(drafts)
    found.extend(header_errors)
    nodes, known = _unique_nodes(drafts, found)
    check = _References(known, found, drafts)
    if header is not None:
        for expectation in header.expected:
            check.id(expectation.node, expectation.position, "`expect`")
    if not _all_known(nodes, known):  # rare: find and place each unknown reference
        for node in nodes:
            check.node(node)
    if found:
        raise LoadError(found)
    nodes = _numbered(nodes, known)
    first = SourcePosition(drafts[0].file, 1, 1) if drafts else SourcePosition("<memory>", 1, 1)
    return ArgumentMap(
        nodes=tuple(nodes),
        sources=sources or {},
        title=None if header is None else header.title,
        bibliography=header.bibliography[0][0] if header and header.bibliography else None,
        analysed=None if header is None else header.analysed,
        unmapped=dict(header.unmapped) if header is not None else {},
        expected=() if header is None else header.expected,
        files=tuple(draft.file for draft in drafts),
        problems=tuple(problems),
        text=text,
        notes=tuple(notes),
        position=first if header is None else header.position,
    )


def _unique_nodes(
    drafts: Sequence[FileDraft], errors: list[MapError]
) -> tuple[list[Node], dict[str, Node | None]]:
    """Return the nodes in file order, and every id the map knows (a broken node's with None).

    A second node with an id already taken is reported and left out.
    """
    nodes = [node for draft in drafts for node in draft.nodes]
    known: dict[str, Node | None] = {node.id: node for node in nodes}
    broken = [entry for draft in drafts for entry in draft.broken]
    if len(known) == len(nodes) and not broken:  # the common case: no id written twice
        return nodes, known
    known = {}
    where: dict[str, SourcePosition] = {}
    kept: list[Node] = []
    entries: list[tuple[str, SourcePosition, Node | None]] = [
        (node.id, node.position, node) for node in nodes
    ]
    entries += [(node_id, position, None) for node_id, position in broken]
    entries.sort(key=lambda entry: _file_order(drafts, entry[1]))
    for node_id, position, node in entries:
        first = where.get(node_id)
        if first is not None:
            errors.append(
                MapError(
                    position.file,
                    position.line,
                    position.column,
                    f"duplicate id `{node_id}` (first at {first})",
                    "rename one of them",
                )
            )
            continue
        where[node_id] = position
        known[node_id] = node
        if node is not None:
            kept.append(node)
    return kept, known


def _all_known(nodes: Sequence[Node], known: Mapping[str, Node | None]) -> bool:
    """Whether every premise and attack target is a known id and every undercut's reason exists.

    One pass with set operations, several times faster than checking node by node, which
    only a map with a broken reference needs (to place each error).
    """
    premises = {name for node in nodes for reason in node.reasons for name in reason.premises}
    if not premises <= known.keys():
        return False
    for node in nodes:
        for attack in node.attacks:
            if attack.target not in known:
                return False
            attacked = known[attack.target]
            if attack.name is not None and attack.reason is None:
                if attacked is not None and _place(attacked, attack.name) is None:
                    return False
            elif attack.reason is not None and (
                attacked is None or attack.reason > len(attacked.reasons)
            ):
                return False
    return True


def _place(node: Node, name: str) -> int | None:
    """The 1-based place of the node's reason with this name, or None."""
    for number, reason in enumerate(node.reasons, start=1):
        if reason.name == name:
            return number
    return None


def _numbered(nodes: list[Node], known: Mapping[str, Node | None]) -> list[Node]:
    """Give each undercut written ``ID/name`` the number of the reason it names.

    Every name is known by now (:class:`_References` reported the others); only the nodes
    holding such an undercut are rebuilt.
    """
    out = nodes
    for index, node in enumerate(nodes):
        if not any(a.name is not None and a.reason is None for a in node.attacks):
            continue
        attacks = tuple(
            attrs.evolve(attack, reason=_place(attacked, attack.name))
            if attack.name is not None
            and attack.reason is None
            and (attacked := known.get(attack.target)) is not None
            else attack
            for attack in node.attacks
        )
        if out is nodes:
            out = list(nodes)
        out[index] = attrs.evolve(node, attacks=attacks)
    return out


def _listed(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _file_order(drafts: Sequence[FileDraft], position: SourcePosition) -> tuple[int, int, int]:
    """Sort key placing a position by its file's place in the map, then by line and column."""
    place = next((i for i, draft in enumerate(drafts) if draft.file == position.file), 0)
    return place, position.line, position.column


class _References:
    """Checks ids against the map, collecting an error for each that is not there."""

    def __init__(
        self,
        known: Mapping[str, Node | None],
        errors: list[MapError],
        drafts: Sequence[FileDraft],
    ) -> None:
        self.known = known
        self.errors = errors
        self.drafts = drafts
        self._places: dict[int, tuple[FileDraft, int]] | None = None
        self._ids: Suggester | None = None

    def id(self, name: str, position: SourcePosition, where: str) -> None:
        if name in self.known:
            return
        if not name:
            message, hint = f"empty id in {where}", "remove the stray `+` or write the id"
        else:
            if self._ids is None:
                self._ids = Suggester(self.known)
            message = f"unknown id `{name}` in {where}"
            hint = self._ids.did_you_mean(name) or "define the node or fix the id"
        self.errors.append(MapError(position.file, position.line, position.column, message, hint))

    def node(self, node: Node) -> None:
        known = self.known
        for place, reason in enumerate(node.reasons):
            for i, name in enumerate(reason.premises):
                if name not in known:
                    at = reason.position
                    column = self._column(node, place, i)
                    where = SourcePosition(at.file, at.line, column)
                    self.id(name, where, f"a reason of `{node.id}`")
        for attack in node.attacks:
            if attack.target not in known:
                key = "undercuts" if attack.undercut or attack.name is not None else "attacks"
                self.id(attack.target, attack.position, f"`{key}` of `{node.id}`")
                continue
            attacked = known[attack.target]
            if attacked is None:
                continue  # written with a mistake, reported once already
            if attack.name is not None and attack.reason is None:
                self._name_exists(node, attack, attacked)
            elif attack.reason is not None:
                self._reason_exists(attack.target, attack.reason, attacked, attack.position)

    def _name_exists(self, node: Node, attack: Attack, attacked: Node) -> None:
        """Report an ``ID/name`` undercut naming no reason of ``ID``, with a did-you-mean."""
        name = attack.name or ""
        if _place(attacked, name) is not None:
            return
        target = attack.target
        names = [reason.name for reason in attacked.reasons if reason.name is not None]
        if names:
            hint = did_you_mean(name, names) or (
                f"`{target}`'s reason{'s are' if len(names) > 1 else ' is'} named "
                + _listed([f"`{n}`" for n in names])
            )
        else:  # no name to suggest: the reference itself is wrong
            count = len(attacked.reasons)
            have = f"has {count} reason{'s' if count != 1 else ''}" if count else "has no reason"
            at = attack.position
            self.errors.append(
                MapError(
                    at.file,
                    at.line,
                    at.column,
                    f"bad reason reference `{target}/{name}`: `{target}` {have}, none named",
                    f"write `{target}/N`, N from 1 to {count}"
                    if count
                    else "undercut a reason that exists, or attack the node with `attacks:`",
                )
            )
            return
        at = attack.position
        self.errors.append(
            MapError(
                at.file,
                at.line,
                at.column,
                f"unknown reason `{name}` of `{target}` in `undercuts` of `{node.id}`",
                hint,
            )
        )

    def _column(self, node: Node, place: int, premise: int) -> int:
        """The column a premise is written at: only an error needs it, so it is looked up."""
        if self._places is None:  # built once, at the first unknown premise
            self._places = {
                id(candidate): (draft, index)
                for draft in self.drafts
                for index, candidate in enumerate(draft.nodes)
            }
        found = self._places.get(id(node))
        if found is not None:
            draft, index = found
            columns = draft.columns.get((index, place))
            if columns is not None:
                return columns[premise]
        return node.reasons[place].position.column

    def _reason_exists(
        self, target: str, number: int, attacked: Node, position: SourcePosition
    ) -> None:
        count = len(attacked.reasons)
        if number <= count:
            return
        have = f"has {count} reason{'s' if count != 1 else ''}" if count else "has no reason"
        self.errors.append(
            MapError(
                position.file,
                position.line,
                position.column,
                f"bad reason reference `{target}/{number}`: `{target}` {have}",
                "undercut a reason that exists, or attack the node with `attacks:`",
            )
        )
