"""Completion: what may be written where the cursor is, by the map format's rules.

- node ids after ``because:``, ``+``, ``attacks:``, ``undercuts:`` and in ``expect:``;
- reason names (or numbers, for reasons without a name) after ``ID/`` in ``undercuts:``;
- bibliography keys after ``key:`` inside ``cites:``, and for ``analysed:``;
- locator labels (the CSL terms of :class:`argmap.model.LocatorLabel`) inside a citation;
- the keys of a node (its kind, ``because``, ``cites``, ...), of the header, of the file;
- rule codes inside ``ignore:``; ``in``, ``out`` and ``undec`` in ``expect:``.

Ids, reasons and keys come from the texts as they are now, so a node typed a moment ago is
offered at once, and half-typed text (which seldom parses) is read line by line
(:mod:`argmap.lsp.cursor`).
"""

from __future__ import annotations

import enum
import os
import re

import attrs

from argmap.bibliography import short_label
from argmap.loading.contents import file_key
from argmap.loading.read_yaml import HEADER_KEYS, LABELS, LINK_KEYS, TOP_KEYS
from argmap.lsp.cursor import Place, place_of
from argmap.lsp.outline import Role, Span, Symbol
from argmap.lsp.session import Session
from argmap.model import NODE_KINDS, LocatorLabel, Source
from argmap.rules import RULES, Status

__all__ = ["Suggestion", "Topic", "complete"]

_REASON_PREFIX = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)/([A-Za-z0-9_-]*)\Z")
_NODE_VALUES = frozenset({"because", "attacks", "undercuts"})


class Topic(enum.StrEnum):
    """What a suggestion is; the server picks the editor's icon from it."""

    NODE = "node"
    REASON = "reason"
    SOURCE = "source"
    LOCATOR = "locator"
    KEY = "key"
    RULE = "rule"
    VALUE = "value"


@attrs.frozen
class Suggestion:
    """One completion: what is shown, what is written, and over which span.

    Attributes:
        label: What the list shows.
        topic: What it is.
        insert: What is written in place of ``span``.
        span: The word being typed, replaced by ``insert``.
        detail: One line beside the label.
        documentation: More, in Markdown.
    """

    label: str
    topic: Topic
    insert: str
    span: Span
    detail: str = ""
    documentation: str = ""


def complete(
    session: Session, path: str | os.PathLike[str], line: int, column: int
) -> list[Suggestion]:
    """Return what may be written at the cursor, best first."""
    lines = session.lines(path)
    place = place_of(lines, line, column)
    span = Span(line, place.start, column)
    path_keys = place.path
    last = path_keys[-1] if path_keys else ""
    in_nodes = path_keys[:1] == ("nodes",)
    if in_nodes and last == "undercuts":
        reason = _REASON_PREFIX.search(place.value)
        if reason is not None:
            number_span = Span(line, column - len(reason.group(2)), column)
            return _reasons(session, path, reason.group(1), number_span)
    if in_nodes and last in _NODE_VALUES:
        return _nodes(session, path, span, exclude=path_keys[1] if len(path_keys) > 1 else "")
    if in_nodes and last == "cites":
        return _in_citation(session, path, place, span)
    if in_nodes and len(path_keys) == 3 and path_keys[2] == "key" and "cites" in path_keys:
        return _sources(session, path, span)
    if in_nodes and last == "ignore" and (place.at_key or place.inner == ""):
        return _rules(span)
    if in_nodes and len(path_keys) == 2 and place.at_key:
        return _keys(NODE_KEYS_SHOWN, span)
    if path_keys == ("map", "expect"):
        if place.inner == "" or (place.inner is None and place.at_key):
            return _nodes(session, path, span)
        return [Suggestion(label, Topic.VALUE, label, span) for label in LABELS]
    if path_keys == ("map", "analysed"):
        return _sources(session, path, span)
    if path_keys == ("map",) and place.at_key:
        return _keys(HEADER_KEYS, span)
    if not path_keys and place.at_key and place.start == 0:
        return _keys(TOP_KEYS, span)
    return []


#: The keys of a node: its kind first, then the links.
NODE_KEYS_SHOWN = (*NODE_KINDS, *LINK_KEYS)


def _keys(keys: tuple[str, ...], span: Span) -> list[Suggestion]:
    return [
        Suggestion(key, Topic.KEY, f"{key}: ", span, detail=_KEY_DETAIL.get(key, ""))
        for key in keys
    ]


_KEY_DETAIL = {
    "claim": "a statement the argument asserts and must support",
    "evidence": "a fact, figure or observation, grounded by its sources",
    "premise": "a theoretical premise taken from the literature",
    "assumption": "a premise the author leaves unstated",
    "objection": "a challenge to a node or to one of its reasons",
    "thesis": "true for a main conclusion",
    "because": "reasons (a list, or names mapped to reasons): premises joined by + are linked",
    "attacks": "the ids this node rebuts",
    "undercuts": "ID/name or ID/N: the reasons this node attacks",
    "cites": "citations: {key: bibkey, page: 4}",
    "at": "paragraphs of the analysed text",
    "note": "free text for the reader",
    "ignore": "rules silenced for this node, each with the reason",
    "map": "the map's header",
    "nodes": "the map's nodes, by id",
    "title": "the map's title",
    "bibliography": "the .bib file(s), relative to this file",
    "analysed": "the bibliography key of the analysed text",
    "unmapped": "paragraphs with no node, each with the reason",
    "expect": "the labels expected: {T1: in}",
}


def _nodes(
    session: Session, path: str | os.PathLike[str], span: Span, *, exclude: str = ""
) -> list[Suggestion]:
    found: list[Suggestion] = []
    seen: set[str] = set()
    for file in _map_files(session, path):
        for entry in session.outline(file).nodes:
            if entry.id in seen or entry.id == exclude:
                continue
            seen.add(entry.id)
            kind = entry.kind or "node"
            detail = f"{kind} · thesis" if entry.thesis else kind
            found.append(
                Suggestion(entry.id, Topic.NODE, entry.id, span, detail, _shortened(entry.text))
            )
    return found


def _reasons(
    session: Session, path: str | os.PathLike[str], node_id: str, span: Span
) -> list[Suggestion]:
    found: list[Suggestion] = []
    for file in _map_files(session, path):
        outline = session.outline(file)
        for occurrence in outline.occurrences:
            if (
                occurrence.symbol is Symbol.REASON
                and occurrence.role is Role.DEFINITION
                and occurrence.owner == node_id
            ):
                word = occurrence.name.rpartition("/")[2]  # a name, or a number
                written = session.lines(file).line(occurrence.span.line)
                if word.isdigit():
                    premises = written[occurrence.span.start : occurrence.span.end]
                else:  # the definition is the name: the premises follow its colon
                    after = written[occurrence.span.end :].lstrip(" :")
                    premises = re.split(r"[,}#]", after, maxsplit=1)[0].strip()
                found.append(
                    Suggestion(word, Topic.REASON, word, span, f"reason {word}: {premises}")
                )
    return found


def _in_citation(
    session: Session, path: str | os.PathLike[str], place: Place, span: Span
) -> list[Suggestion]:
    if place.inner == "key":
        return _sources(session, path, span)
    if place.inner == "" or place.at_key:
        labels = [
            Suggestion(label.value, Topic.LOCATOR, f"{label.value}: ", span, "locator")
            for label in LocatorLabel
        ]
        return [Suggestion("key", Topic.KEY, "key: ", span, "the bibliography key"), *labels]
    return []


def _sources(session: Session, path: str | os.PathLike[str], span: Span) -> list[Suggestion]:
    sources: dict[str, Source] = {}
    for ref in session.related(path):
        loaded = session.loaded(ref)
        if loaded is not None:
            sources.update(loaded.sources)
    found: list[Suggestion] = []
    seen: set[str] = set()
    for ref in session.related(path):
        for bib in session.bib_files(ref):
            for entry in session.entries(bib):
                if entry.name in seen:
                    continue
                seen.add(entry.name)
                source = sources.get(entry.name)
                detail = short_label(source) if source is not None else "bibliography entry"
                found.append(Suggestion(entry.name, Topic.SOURCE, entry.name, span, detail))
    return found


def _rules(span: Span) -> list[Suggestion]:
    return [
        Suggestion(rule.code, Topic.RULE, f"{rule.code}: ", span, rule.name, rule.summary)
        for rule in RULES
        if rule.status is not Status.REMOVED
    ]


def _map_files(session: Session, path: str | os.PathLike[str]) -> list[str]:
    files = [
        file_key(file)
        for ref in session.related(path)
        for file in ref.spec.files
        if file.suffix.lower() in (".yaml", ".yml")
    ]
    return files or [file_key(path)]


def _shortened(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
