"""What the editor shows over an id, a reason, a citation key or a rule code (Markdown).

Over a node: its kind, full text, paragraphs, reasons, its label once the objections are
weighed (:mod:`argmap.acceptability`) with why, and its sources. Over a key: the formatted
entry and what rests on it (:func:`argmap.trace_up`). A map with load errors has no labels;
the hover then says so and shows what the text itself gives.
"""

from __future__ import annotations

import os

from argmap.bibliography import format_reference, short_label
from argmap.lsp.navigation import occurrence_at
from argmap.lsp.outline import NodeEntry, Occurrence, Span, Symbol
from argmap.lsp.session import Session
from argmap.model import ArgumentMap, Citation
from argmap.rules import lookup

__all__ = ["hover"]


def hover(
    session: Session, path: str | os.PathLike[str], line: int, column: int
) -> tuple[str, Span] | None:
    """Return the Markdown shown over the cursor's word, and the word's span; or None."""
    named = occurrence_at(session, path, line, column)
    if named is None:
        return None
    refs = session.related(path)
    loaded = next((m for ref in refs if (m := session.loaded(ref)) is not None), None)
    if named.symbol is Symbol.NODE:
        text = _node(session, loaded, named.name) or _written(session, path, named.name)
    elif named.symbol is Symbol.REASON:
        text = _reason(session, loaded, named.name)
    elif named.symbol is Symbol.SOURCE:
        text = _source(loaded, named)
    else:
        text = _rule(named.name)
    return (text, named.span) if text else None


def _node(session: Session, loaded: ArgumentMap | None, node_id: str) -> str | None:
    if loaded is None or node_id not in loaded:
        return None
    node = loaded.node(node_id)
    status = session.weighing(loaded).status(node_id)
    head = f"**{node.kind}** `{node.id}`" + (" · thesis" if node.thesis else "")
    parts = [f"{head} · **{status.label.name}**", node.text]
    parts.append(f"*{status.label.name}*: {status.why}")
    details = []
    if node.at:
        details.append("paragraph" + ("s " if len(node.at) > 1 else " ") + _listed(node.at))
    for number, reason in enumerate(node.reasons, start=1):
        word = node.reason_word(number)
        details.append(f"reason {word}: " + " + ".join(f"`{p}`" for p in reason.premises))
    for attack in node.attacks:
        verb = "undercuts" if attack.undercut else "attacks"
        details.append(f"{verb} `{attack}`")
    if details:
        parts.append("\n".join(f"- {item}" for item in details))
    if node.citations:
        parts.append("Sources:\n" + "\n".join(_citation(loaded, c) for c in node.citations))
    if node.note:
        parts.append(f"*Note:* {node.note}")
    return "\n\n".join(parts)


def _citation(loaded: ArgumentMap, citation: Citation) -> str:
    source = loaded.sources.get(citation.key)
    where = f", {citation.locator}" if citation.locator is not None else ""
    if source is None:
        return f"- `{citation.key}`{where}: not in the bibliography"
    return f"- {short_label(source)}{where}: {format_reference(source)}"


def _written(session: Session, path: str | os.PathLike[str], node_id: str) -> str | None:
    """A node as its text gives it, when the map does not load."""
    entry: NodeEntry | None = None
    for ref in session.related(path):
        for file in ref.spec.files:
            if file.suffix.lower() in (".yaml", ".yml"):
                entry = entry or session.outline(file).node(node_id)
    if entry is None:
        entry = session.outline(path).node(node_id)
    if entry is None:
        return f"`{node_id}`: no such node in this map"
    head = f"**{entry.kind or 'node'}** `{entry.id}`" + (" · thesis" if entry.thesis else "")
    return f"{head}\n\n{entry.text}\n\n*The map has load errors: no label until they are fixed.*"


def _reason(session: Session, loaded: ArgumentMap | None, name: str) -> str | None:
    node_id, _, written = name.rpartition("/")
    if loaded is None or node_id not in loaded:
        return None
    node = loaded.node(node_id)
    if written.isdigit():
        place = int(written)
        if not 1 <= place <= len(node.reasons):
            return f"`{node_id}` has no reason {place}"
    else:
        names = [reason.name for reason in node.reasons]
        if written not in names:
            return f"`{node_id}` has no reason named `{written}`"
        place = names.index(written) + 1
    premises = " + ".join(f"`{p}`" for p in node.reasons[place - 1].premises)
    label = session.weighing(loaded).labels.get(f"{node_id}/{place}")
    state = f" · **{label.name}**" if label is not None else " · cannot be built"
    which = node.reason_word(place)
    if not which.isdigit():
        which += f" ({place})"
    return f"reason {which} of `{node_id}`: {premises}{state}"


def _source(loaded: ArgumentMap | None, named: Occurrence) -> str | None:
    key = named.name
    if loaded is None:
        return f"`{key}`\n\n*The map has load errors: fix them to see this source.*"
    source = loaded.sources.get(key)
    if source is None:
        return f"`{key}` is not in the bibliography"
    from argmap.trace import TraceError, trace_up  # noqa: PLC0415 - only hovers need it

    parts = [f"**{short_label(source)}** `{key}`", format_reference(source)]
    try:
        up = trace_up(loaded, key)
    except TraceError:
        return "\n\n".join(parts)
    citing = [entry.id for entry in up.citing]
    if citing:
        parts.append(
            f"Cited by {_count(len(citing), 'node')} ({_ids(citing)}); "
            f"{_count(len(up.resting), 'node')} rest on it"
        )
    else:
        parts.append("Cited by no node")
    if up.falls:
        parts.append(f"Without it, {_ids(up.falls)} would lose all grounding")
    return "\n\n".join(parts)


def _rule(name: str) -> str | None:
    rule = lookup(name)
    if rule is None:
        return f"`{name}` is no rule; run `argmap rules` to list them"
    return f"**{rule.code} {rule.name}** ({rule.severity.value})\n\n{rule.summary}"


def _listed(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(number) for number in numbers)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _ids(ids: tuple[str, ...] | list[str], most: int = 8) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")
