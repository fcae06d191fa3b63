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
from pathlib import Path

import attrs

from argmap.interchange._common import write_atomically
from argmap.loading.locate import find_bibliography
from argmap.model import ArgumentMap, Attack, Citation, Node, Suppression

__all__ = ["for_folder", "to_yaml", "write_yaml"]

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


def to_yaml(
    argument_map: ArgumentMap,
    *,
    comment: str | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> str:
    """Return the map as one YAML map file.

    Args:
        argument_map: the map.
        comment: text for a ``#`` comment at the top, such as where the map came from.
        folder: the folder the file will be written in (see :func:`for_folder`): the
            bibliography is named relative to it, so that the file loads there. None writes the
            header's ``bibliography`` as it is.

    Returns:
        The YAML text, ending in a newline.
    """
    if folder is not None:
        argument_map, said = for_folder(argument_map, Path(folder))
        comment = "\n".join(part for part in (comment, said) if part) or None
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

    The bibliography is named relative to the folder of ``path`` (see :func:`for_folder`).

    Raises:
        OSError: when the folder cannot be written.
    """
    folder = Path(path).parent
    write_atomically(path, to_yaml(argument_map, comment=comment, folder=folder))


def for_folder(argument_map: ArgumentMap, folder: Path) -> tuple[ArgumentMap, str | None]:
    """Return the map as a file written in ``folder`` must hold it, and what was changed.

    A map's ``bibliography`` is relative to the file holding its header (the map's
    ``position``), so a map written elsewhere (``argmap import debate.argdown -o out/``) names
    it again, relative to ``folder``:

    * a bibliography that is found is named by its path from ``folder``;
    * one that is not found where the header says is left out, so that the written map loads
      (it then reads the nearest ``references.bib``, as every map without one does); the
      returned sentence says so, for a comment at the top of the file;
    * a map without one that cites something read the nearest ``references.bib`` from its
      own file (as :func:`argmap.load` does for AIF and Argdown); when that is not the one
      ``folder`` would find, the written map names it.

    A map made in memory (its position's file is ``<memory>`` or the like) is left as it is.

    Returns:
        The map, its ``bibliography`` rewritten or left out, and a sentence saying what was
        changed that a reader should know (None when nothing was left out).
    """
    source = argument_map.position.file
    if source.startswith("<"):
        return argument_map, None
    home = Path(source).parent
    written = argument_map.bibliography
    if written is None:
        cites = any(node.citations for node in argument_map.nodes)
        found = find_bibliography(Path(source)) if cites else None
        if found is None or _same_file(found, find_bibliography(folder)):
            return argument_map, None
        return attrs.evolve(argument_map, bibliography=_relative(found, folder)), None
    bib = home / written
    try:
        exists = bib.is_file()
    except OSError:  # a name too long for the file system, say
        exists = False
    if not exists:
        said = (
            f"bibliography `{written}` named by {source} was not found (looked for `{bib}`); "
            "left out so that this map loads"
        )
        return attrs.evolve(argument_map, bibliography=None), said
    return attrs.evolve(argument_map, bibliography=_relative(bib, folder)), None


def _relative(path: Path, folder: Path) -> str:
    """``path`` from ``folder``, with ``/``; absolute when there is no way (other drives)."""
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # pragma: no cover - Windows: another drive
        return Path(path).resolve().as_posix()


def _same_file(one: Path, other: Path | None) -> bool:
    if other is None:
        return False
    try:
        return one.resolve() == other.resolve()
    except OSError:  # pragma: no cover - resolving a path that is there does not fail
        return False


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
