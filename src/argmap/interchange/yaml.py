"""Write a map in the YAML map format of DESIGN.md, so that :func:`argmap.load` reads it back.

The output is deterministic: nodes in map order, each node's keys in a fixed order (kind,
``thesis``, ``at``, ``because``, ``attacks``/``undercuts``, ``cites``, ``note``, ``ignore``).
Text is written plain when that is unambiguous (it starts with a letter and holds nothing YAML
could read as structure or as another type) and double-quoted otherwise, with every character
YAML cannot carry raw escaped; multi-line notes are written as literal blocks when that keeps
them exact. Loading the text gives a map equal to the one written (positions apart), with two
limits: a text that is empty cannot be loaded, and a node whose rebuttals and undercuts are
interleaved comes back with its rebuttals first (the format lists them under two keys).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence

from argmap.interchange._common import write_atomically
from argmap.model import ArgumentMap, Attack, Citation, Node, Suppression

__all__ = ["to_yaml", "write_yaml"]

_SPECIAL_WORDS = frozenset(
    word
    for base in ("y", "yes", "n", "no", "true", "false", "on", "off", "null")
    for word in (base, base.capitalize(), base.upper())
)
#: Characters YAML cannot hold raw in a double-quoted scalar, or reads as line breaks.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
#: Characters that keep a scalar out of the plain style.
_NOT_PLAIN = re.compile(r"""[\x00-\x1f"\\{}\[\]`]|: |:\Z| #|\s\Z""")
_NOT_LITERAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff\r\t]"
)
_INDENT = "  "


def to_yaml(argument_map: ArgumentMap, *, comment: str | None = None) -> str:
    """Return the map as one YAML map file.

    Args:
        argument_map: the map.
        comment: text for a ``#`` comment at the top, such as where the map came from.

    Returns:
        The YAML text, ending in a newline.
    """
    lines: list[str] = []
    if comment:
        lines.extend(f"# {line}".rstrip() for line in comment.splitlines())
    lines.extend(_header(argument_map))
    if not argument_map.nodes:
        lines.append("nodes: {}")
        return "\n".join(lines) + "\n"
    lines.append("nodes:")
    for number, node in enumerate(argument_map.nodes):
        if number:
            lines.append("")
        lines.extend(_node(node))
    return "\n".join(lines) + "\n"


def write_yaml(
    argument_map: ArgumentMap, path: str | os.PathLike[str], *, comment: str | None = None
) -> None:
    """Write :func:`to_yaml` to ``path`` atomically: a temporary file, then a rename.

    Raises:
        OSError: when the folder cannot be written.
    """
    write_atomically(path, to_yaml(argument_map, comment=comment))


def _header(argument_map: ArgumentMap) -> list[str]:
    fields: list[str] = []
    if argument_map.title is not None:
        fields.append(f"{_INDENT}title: {scalar(argument_map.title)}")
    if argument_map.bibliography is not None:
        fields.append(f"{_INDENT}bibliography: {scalar(argument_map.bibliography)}")
    if argument_map.analysed is not None:
        fields.append(f"{_INDENT}analysed: {scalar(argument_map.analysed)}")
    if argument_map.unmapped:
        fields.append(f"{_INDENT}unmapped:")
        fields.extend(
            f"{_INDENT * 2}{number}: {scalar(reason)}"
            for number, reason in sorted(argument_map.unmapped.items())
        )
    return ["map:", *fields, ""] if fields else []


def _node(node: Node) -> Iterator[str]:
    inner = _INDENT * 2
    yield f"{_INDENT}{scalar(node.id)}:"
    yield f"{inner}{node.kind}: {scalar(node.text)}"
    if node.thesis:
        yield f"{inner}thesis: true"
    if node.at:
        yield f"{inner}at: [{', '.join(str(n) for n in node.at)}]"
    if node.reasons:
        yield f"{inner}because:"
        names = [reason.name for reason in node.reasons]
        named = None not in names and len(set(names)) == len(names)
        for reason in node.reasons:  # named reasons as a mapping, so undercuts find them
            lead = f"{reason.name}: " if named else "- "
            yield f"{inner}  {lead}{scalar(' + '.join(reason.premises))}"
    yield from _attacks(node.attacks, inner)
    if node.citations:
        yield f"{inner}cites:"
        yield from (f"{inner}  - {_citation(c)}" for c in node.citations)
    if node.note is not None:
        yield from _field(inner, "note", node.note)
    if node.ignore:
        yield from _ignore(node.ignore, inner)


def _attacks(attacks: Sequence[Attack], indent: str) -> Iterator[str]:
    rebuttals = [str(a) for a in attacks if not a.undercut]
    undercuts = [str(a) for a in attacks if a.undercut]  # ID/name as written, or ID/N
    groups = [("attacks", rebuttals), ("undercuts", undercuts)]
    if attacks and attacks[0].undercut:
        groups.reverse()
    for key, targets in groups:
        if targets:
            yield f"{indent}{key}: {_flow(targets)}"


def _flow(items: Sequence[str]) -> str:
    if len(items) == 1:
        return scalar(items[0])
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def _citation(citation: Citation) -> str:
    parts = [f"key: {_quoted(citation.key)}"]
    if citation.locator is not None:
        parts.append(f"{citation.locator.label.value}: {_quoted(citation.locator.value)}")
    return "{" + ", ".join(parts) + "}"


def _ignore(entries: Sequence[Suppression], indent: str) -> Iterator[str]:
    yield f"{indent}ignore:"
    for entry in entries:
        yield f"{indent}{_INDENT}{scalar(entry.code)}: {_quoted(entry.reason)}"


def _field(indent: str, key: str, text: str) -> Iterator[str]:
    if _literal_ok(text):
        yield f"{indent}{key}: |-"
        for line in text.split("\n"):
            yield f"{indent}{_INDENT}{line}" if line else ""
    else:
        yield f"{indent}{key}: {scalar(text)}"


def _literal_ok(text: str) -> bool:
    """Whether a literal block (``|-``) gives back exactly ``text``."""
    if "\n" not in text or text.startswith(("\n", " ")) or text.endswith("\n"):
        return False
    if _NOT_LITERAL.search(text):
        return False
    return all(line.strip() or not line for line in text.split("\n"))


def scalar(text: str, *, flow: bool = False) -> str:
    """Return ``text`` as a YAML scalar: plain when that reads back as the same string.

    Args:
        text: the string.
        flow: whether the scalar stands inside ``[...]``, where commas also need quotes.
    """
    plain = (
        text[:1].isalpha()
        and text not in _SPECIAL_WORDS
        and not _NOT_PLAIN.search(text)
        and not _ESCAPE.search(text)
        and not (flow and "," in text)
    )
    return text if plain else _quoted(text)


def _quoted(text: str) -> str:
    """Return ``text`` double-quoted, escaping what YAML cannot carry raw."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
