r"""Argdown: import ``.argdown`` files into argument maps, and export maps as Argdown.

`Argdown <https://argdown.org>`_ writes statements (``[Title]: text``), arguments
(``<Title>: description``), premise-conclusion structures (numbered statements with ``----``
inference lines) and relations in indented lists (``+``, ``-``, ``_`` and their directed forms
``<+``, ``+>``, ``<-``, ``->``, ``<_``, ``_>``, and ``><``). :func:`read_argdown` maps them:

* an equivalence class of statements (one title) becomes one node; its first text is the
  node's text; an untitled statement becomes a node when it takes part in a relation or a
  premise-conclusion structure, and is set aside as prose otherwise;
* an argument with a premise-conclusion structure adds one reason per inference step to the
  step's conclusion, the step's premises linked (``{uses: [1, 2]}`` on the inference names them;
  otherwise they are the statements since the previous inference, after the previous
  conclusion); the argument's description goes into the main conclusion's note;
* an argument without one becomes a node of its own, its description the text;
* ``X`` supports ``Y``: a reason ``X`` of ``Y``, where ``X`` stands for an argument's main
  conclusion when the argument is reconstructed; ``X`` attacks ``Y``: a rebuttal; ``X``
  undercuts an argument: an undercut of the reason its inference became; ``><``: two attacks;
* kind tags (``#claim``, ``#evidence``, ``#premise``, ``#assumption``, ``#objection``,
  ``#thesis``) set a node's kind; otherwise it follows
  :func:`argmap.interchange._common.decide_kind`. Other tags and YAML data go into the note,
  except the data keys ``note``, ``cites``, ``at`` and ``ignore``, which fill those fields and
  are checked as the YAML loader checks a map.

What argmap has no place for (headings, prose, support for a reconstructed argument, undercuts
of statements, ...) is counted and listed in the :class:`~argmap.interchange._common.Report`.
Syntax errors (a relation with no parent, a premise-conclusion structure without a conclusion,
a missing included file) and data argmap cannot take (a bad ``at``, a duplicate key, nesting
over 100 levels, ...) raise one :class:`~argmap.errors.LoadError` naming every one.
``@import "file"`` and ``@include(file)`` lines are followed when the document's path is known,
each file once and only inside the document's folder.

:func:`to_argdown` writes a map so that Argdown tools (such as the VS Code extension) draw it and
:func:`read_argdown` gives the same map back.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from argmap._io import read_utf8
from argmap.errors import LoadError, MapError
from argmap.interchange._common import (
    MAX_DEPTH,
    Checker,
    Draft,
    ImportResult,
    LocatedDict,
    LocatedList,
    Tally,
    TextPlaces,
    build_nodes,
    header_of,
    show,
    unique_id,
    value_offset,
)
from argmap.model import (
    NODE_KINDS,
    ArgumentMap,
    Attack,
    Node,
    Reason,
    SourcePosition,
)

__all__ = [
    "ARGDOWN_SUFFIXES",
    "EXTENSION_FIELDS",
    "EXTENSION_KEY",
    "KIND_TAGS",
    "parse_argdown",
    "read_argdown",
    "to_argdown",
]

#: File suffixes of Argdown documents.
ARGDOWN_SUFFIXES = (".argdown", ".ad")
#: Tags that set an imported node's kind (``thesis`` marks a claim as a thesis).
KIND_TAGS = frozenset({*NODE_KINDS, "thesis"})

#: The data key of what argmap writes that Argdown has no place for (see :func:`to_argdown`).
EXTENSION_KEY = "argmap"
#: The keys of that block.
EXTENSION_FIELDS = ("text", "undercuts")
_FIELD_KEYS = ("note", "cites", "at", "ignore", EXTENSION_KEY)


# -- reading the source --------------------------------------------------------------------------


@attrs.frozen
class _Line:
    """One source line, comments blanked, with where it came from.

    ``comment`` marks a line that holds nothing but (part of) a comment: Argdown reads past
    it, so it neither ends a block nor adds text.
    """

    file: str
    number: int
    text: str
    comment: bool = False

    def at(self, column: int = 1) -> SourcePosition:
        return SourcePosition(self.file, self.number, column)


#: Where a comment may start, and what looks like one but is not: an escape, a link
#: ``[text](url)`` (whose text holds no bracket and whose address is at most 2,048 characters,
#: so that long runs of brackets are read in linear time).
_COMMENT_OR_SKIP = re.compile(r"(?P<keep>\\.|\[[^\[\]\n]+\]\([^)\n]{1,2048}?\))|<!--|/\*|//[^\n]*")
#: What closes each kind of comment that has a closing mark.
_CLOSING = {"<!--": "-->", "/*": "*/"}
_INCLUDE = re.compile(r"\s*@(?:import\s+\"([^\"]+)\"|include\(([^)]*)\))\s*\Z")
_FRONT_FENCE = re.compile(r"\s*===+\s*\Z")
#: Stands in for comment characters until lines are split (NUL never occurs in a text file).
_COMMENT_MARK = "\x00"


class _Source:
    """Reads a document and the files it includes into one list of lines.

    Includes are looked for inside ``root``, the folder of the document (symbolic links
    resolved), and each file is read once.
    """

    def __init__(self, tally: Tally, errors: list[MapError], root: Path | None) -> None:
        self.tally = tally
        self.errors = errors
        self.root = root
        self.seen: set[Path] = set()
        self.front: LocatedDict = LocatedDict(0)
        self.front_checker: Checker | None = None
        self.front_position: SourcePosition | None = None

    def document(self, text: str, name: str, path: Path | None) -> list[_Line]:
        """Return the lines of a document and of the files it includes."""
        if path is None:
            return self.lines(text, name, None, (), top=True)
        resolved = path.resolve()
        self.seen.add(resolved)
        return self.lines(text, name, resolved.parent, (resolved,), top=True)

    def lines(
        self, text: str, name: str, folder: Path | None, stack: tuple[Path, ...], *, top: bool
    ) -> list[_Line]:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        raw = text.split("\n")
        skip = self.front_matter(raw, name) if top else 0
        body = "\n".join(raw[skip:])
        body = self.blank_comments(body)
        out = [_Line(name, n, "") for n in range(1, skip + 1)]
        for number, line in enumerate(body.split("\n"), start=skip + 1):
            if _COMMENT_MARK in line:
                text = line.replace(_COMMENT_MARK, " ")
                out.append(_Line(name, number, text, comment=not text.strip()))
                continue
            include = _INCLUDE.match(line)
            if include is None:
                out.append(_Line(name, number, line))
                continue
            out.append(_Line(name, number, ""))
            target = include.group(1) or include.group(2) or ""
            for part in (p.strip() for p in target.split(",")):
                out.extend(self.include(part, _Line(name, number, line), folder, stack))
                out.append(_Line(name, number, ""))
        return out

    def blank_comments(self, body: str) -> str:
        """Replace each comment by :data:`_COMMENT_MARK` characters, keeping the line breaks.

        A comment opened and never closed is text, as in Argdown. Each kind of closing mark is
        searched for past a failed search only once, so the scan is linear in the text.
        """
        out: list[str] = []
        done = 0
        unclosed: set[str] = set()
        position = 0
        while (match := _COMMENT_OR_SKIP.search(body, position)) is not None:
            start, end = match.span()
            position = end
            opening = match.group()
            if match.group("keep") is not None:
                continue
            closing = _CLOSING.get(opening)
            if closing is not None:
                if closing in unclosed:
                    continue
                found = body.find(closing, end)
                if found < 0:
                    unclosed.add(closing)
                    continue
                end = position = found + len(closing)
            out.append(body[done:start])
            out.append(self.blank(body[start:end]))
            done = end
        out.append(body[done:])
        return "".join(out)

    def blank(self, comment: str) -> str:
        self.tally.aside("comments (ignored, as Argdown does)")
        pieces = comment.split("\n")
        return "\n".join(_COMMENT_MARK * max(len(piece), 1) for piece in pieces)

    def front_matter(self, raw: list[str], name: str) -> int:
        first = next((i for i, line in enumerate(raw) if line.strip()), None)
        if first is None or not _FRONT_FENCE.match(raw[first]):
            return 0
        end = next((i for i in range(first + 1, len(raw)) if _FRONT_FENCE.match(raw[i])), None)
        if end is None:
            return 0
        self.front_position = SourcePosition(name, first + 1, 1)
        checker = Checker(TextPlaces(name, "\n".join(raw[first + 1 : end]), line=first + 2))
        self.front_checker = checker
        try:
            data = _read_data("\n".join(raw[first + 1 : end]), checker)
        except yaml.YAMLError as exc:
            # An error, not a note: the map's header (`argmap:`, its expect and bibliography)
            # lives here, and a check must not go on without it.
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or "unreadable"
            checker.fail(
                None if mark is None else mark.index,
                f"the front matter between the `===` lines is not YAML: {problem}",
                "fix the YAML there, or remove the `===` lines if it is not front matter",
            )
            return end + 1
        if isinstance(data, LocatedDict):
            self.front = data
        return end + 1

    def include(
        self, target: str, line: _Line, folder: Path | None, stack: tuple[Path, ...]
    ) -> list[_Line]:
        if folder is None:
            self.tally.aside("includes (no folder to look in)")
            self.tally.detail(line.at(), f"include of `{target}` skipped: the text has no file")
            return []
        try:
            path = (folder / target.strip("\"'")).resolve()
            is_file, exists = path.is_file(), path.exists()
        except OSError as error:  # a name too long for the file system, say
            self.errors.append(
                MapError(
                    line.file,
                    line.number,
                    1,
                    f"included file `{_short(target)}` cannot be looked up: "
                    f"{(error.strerror or 'unreadable').lower()}",
                    "fix the path; it is relative to the including file",
                )
            )
            return []
        if self.root is not None and not path.is_relative_to(self.root):
            self.errors.append(
                MapError(
                    line.file,
                    line.number,
                    1,
                    f"included file `{target}` is outside the document's folder `{self.root}` "
                    f"(it is `{path}`)",
                    "keep included files in the document's folder or below it",
                )
            )
            return []
        if path in stack:
            chain = " -> ".join(p.name for p in (*stack, path))
            self.tally.aside("include cycles")
            self.tally.detail(line.at(), f"include cycle {chain}: the repeated file is skipped")
            return []
        if path in self.seen:
            self.tally.aside("repeated includes")
            return []
        if not is_file:
            found = "is not a file" if exists else "not found"
            self.errors.append(
                MapError(
                    line.file,
                    line.number,
                    1,
                    f"included file `{target}` {found} (looked for `{path}`)",
                    "fix the path; it is relative to the including file",
                )
            )
            return []
        self.seen.add(path)
        self.tally.keep("included files")
        text = _decode(path, str(path))
        return [
            _Line(line.file, line.number, ""),
            *self.lines(text, _display(path), path.parent, (*stack, path), top=False),
        ]


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _decode(path: Path, name: str) -> str:
    return read_utf8(path, name)


# -- parsing lines into elements -----------------------------------------------------------------


@attrs.define(eq=False)
class _Member:
    """A statement or argument as written once: a definition, a reference or a bare text."""

    kind: str  # "statement" or "argument"
    key: str
    titled: bool
    position: SourcePosition
    order: int
    parts: list[str] = attrs.Factory(list)
    #: Where each of the parts starts.
    starts: list[SourcePosition] = attrs.Factory(list)
    in_pcs: bool = False
    in_relation: bool = False
    list_item: bool = False
    #: The headings it stands under, outermost first.
    section: tuple[_Heading, ...] = ()

    def add(self, part: str, start: SourcePosition) -> None:
        """Add a piece of the text, which starts at ``start``."""
        self.parts.append(part)
        self.starts.append(start)

    def place(self, offset: int) -> SourcePosition:
        """Return where a character of the joined text (see :func:`_split_text`) was written."""
        for part, start in zip(self.parts, self.starts, strict=True):
            size = len(part.strip())
            if offset <= size:
                return SourcePosition(start.file, start.line, start.column + offset)
            offset -= size + 1
        return self.starts[-1] if self.starts else self.position


@attrs.define(eq=False)
class _Heading:
    """A heading (``# Title``, ``## Title``): a section, which Argdown draws as a group."""

    level: int
    position: SourcePosition
    #: Its lines: a heading runs on to the next empty line, as a statement does.
    parts: list[str] = attrs.Factory(list)
    #: The nodes that stand under it (filled when the nodes are made).
    nodes: list[str] = attrs.Factory(list)

    @property
    def title(self) -> str:
        """Its words, without tags, data and markup."""
        return _split_text(self.parts).text or " ".join(" ".join(self.parts).split())

    @property
    def extras(self) -> str:
        """Its tags and data (``{isGroup: false}``), which argmap does not use."""
        words = _split_text(self.parts)
        tags = [_tags(words.tags)] if words.tags else []
        return " ".join(tags + [block for block, _ in words.data])


@attrs.define(eq=False)
class _Inference:
    """An inference line (or expanded inference) of a premise-conclusion structure."""

    argument: str
    position: SourcePosition
    order: int
    parts: list[str] = attrs.Factory(list)
    step: int = 0


@attrs.define(eq=False)
class _Relation:
    symbol: str
    parent: _Member | _Inference
    child: _Member
    position: SourcePosition
    order: int


@attrs.define(eq=False)
class _Pcs:
    """A premise-conclusion structure: its argument and its items in order."""

    argument: str
    position: SourcePosition
    items: list[tuple[int, _Member] | _Inference] = attrs.Factory(list)


_HEADING = re.compile(r"#+\s")
_PCS_ITEM = re.compile(r"\((\d+)\)\s*(.*)\Z")
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+(.*))?\Z")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)\s+(.*)\Z")
_HYPHENS = re.compile(r"-{2,}\Z")
_INLINE_INFERENCE = re.compile(r"--+\s*(.*?)\s*-*\Z")
_STATEMENT_DEFINITION = re.compile(r"\[([^\]]+?)\]:\s*(.*)\Z")
_STATEMENT_REFERENCE = re.compile(r"\[([^\]\-][^\]]*?)\](?!\()\s*(.*)\Z")
_ARGUMENT_DEFINITION = re.compile(r"<([^>]+?)>:\s*(.*)\Z")
_ARGUMENT_REFERENCE = re.compile(r"<([^>\-][^>]*?)>(\(\d+\))?\s*(.*)\Z")


class _Parser:
    """Turns lines into members, relations and premise-conclusion structures."""

    def __init__(self, tally: Tally, errors: list[MapError]) -> None:
        self.tally = tally
        self.errors = errors
        self.members: list[_Member] = []
        self.relations: list[_Relation] = []
        self.structures: list[_Pcs] = []
        self.order = 0
        self.anonymous = 0
        self.stack: list[tuple[int, _Member | _Inference]] = []
        self.current: _Member | _Inference | None = None
        self.root: _Member | None = None
        self.previous_root: _Member | None = None
        self.pcs: _Pcs | None = None
        self.expanded: _Inference | None = None
        self.in_block = False
        #: Every heading, in document order, and those in force (outermost first).
        self.headings: list[_Heading] = []
        self.sections: list[_Heading] = []
        #: A heading whose lines are still being read.
        self.open_heading: _Heading | None = None

    def next_order(self) -> int:
        self.order += 1
        return self.order

    def fail(self, line: _Line, column: int, message: str, hint: str) -> None:
        self.errors.append(MapError(line.file, line.number, column, message, hint))

    def parse(self, lines: Sequence[_Line]) -> None:
        for line in lines:
            self.line(line)
        self.end_block()

    def end_block(self) -> None:
        self.open_heading = None
        if self.expanded is not None:
            self.expanded = None
        self.close_pcs()
        if self.in_block:
            self.previous_root = self.root
        self.stack = []
        self.current = None
        self.root = None
        self.in_block = False

    def line(self, line: _Line) -> None:
        body = line.text.strip()
        if line.comment:
            return
        if not body:
            self.end_block()
            return
        indent = len(line.text) - len(line.text.lstrip())
        column = indent + 1
        if self.expanded is not None and self.expanded_line(body):
            return
        if self.open_heading is not None:
            self.open_heading.parts.append(body)
            return
        if not self.in_block and _HEADING.match(body):
            self.end_block()
            self.heading(body, line.at(column))
            self.previous_root = None
            return
        if self.pcs_line(line, body, indent):
            return
        relation = _RELATION.match(body)
        if relation is not None:
            self.relation(line, relation, indent)
        elif (item := _LIST_ITEM.match(body)) is not None:
            self.tally.keep("list items (as statements)")
            member = self.member(item.group(1), line.at(column), line.at(column + item.start(1)))
            member.list_item = True
            self.start(member, indent)
        elif isinstance(self.current, _Member):
            self.current.add(body, line.at(column))
        elif self.current is not None:
            self.current.parts.append(body)
        else:
            self.start(self.member(body, line.at(column)), indent)

    def heading(self, body: str, position: SourcePosition) -> None:
        """Open a section: it closes the sections of its level and below."""
        level = len(body) - len(body.lstrip("#"))
        while self.sections and self.sections[-1].level >= level:
            self.sections.pop()
        heading = _Heading(level, position, [body[level:]])
        self.sections.append(heading)
        self.headings.append(heading)
        self.open_heading = heading

    def start(self, member: _Member, indent: int) -> None:
        if not self.in_block:
            self.root = member
            self.in_block = True
        self.stack = [(indent, member)]
        self.current = member

    def expanded_line(self, body: str) -> bool:
        """Read a line after an inference line; return False when it is no part of it.

        A line of hyphens either stands alone (a collapsed inference, followed by the
        conclusion or by relations of the inference) or opens an expanded inference whose
        rules and data run to the next line of hyphens.
        """
        assert self.expanded is not None  # noqa: S101 - the caller checks
        if _PCS_ITEM.match(body) or _RELATION.match(body):
            self.expanded = None
            return False
        if _HYPHENS.match(body):
            self.expanded = None
        else:
            self.expanded.parts.append(body)
        return True

    # -- premise-conclusion structures ----------------------------------------------------------

    def pcs_line(self, line: _Line, body: str, indent: int) -> bool:
        if self.pcs is not None and body.startswith("--"):
            self.inference(line, body, indent)
            return True
        item = _PCS_ITEM.match(body)
        if item is None:
            if body.startswith("--") and _HYPHENS.match(body):
                self.tally.aside("inference lines outside a premise-conclusion structure")
                self.tally.detail(line.at(indent + 1), "inference line with no premises: skipped")
                return True
            return False
        if self.pcs is None:
            self.open_pcs(line.at(indent + 1))
        assert self.pcs is not None  # noqa: S101 - opened above
        member = self.member(
            item.group(2), line.at(indent + 1), line.at(indent + 1 + item.start(2))
        )
        member.in_pcs = True
        if member.kind != "statement":
            self.fail(
                line,
                indent + 1,
                "a numbered line of a premise-conclusion structure holds an argument",
                "write a statement, `[Title]: text` or `[Title]`",
            )
        self.pcs.items.append((int(item.group(1)), member))
        self.stack = [(indent, member)]
        self.current = member
        if not self.in_block:
            self.in_block = True
        return True

    def open_pcs(self, position: SourcePosition) -> None:
        owner = self.root if self.root is not None else self.previous_root
        if owner is not None and owner.kind == "argument" and not owner.in_pcs:
            key = owner.key
        else:
            self.anonymous += 1
            key = f"#argument {self.anonymous}"
            self.tally.keep("anonymous arguments")
        self.pcs = _Pcs(key, position)

    def inference(self, line: _Line, body: str, indent: int) -> None:
        assert self.pcs is not None  # noqa: S101 - the caller checks
        inference = _Inference(self.pcs.argument, line.at(indent + 1), self.next_order())
        self.pcs.items.append(inference)
        self.stack = [(indent, inference)]
        self.current = None
        if _HYPHENS.match(body):
            self.expanded = inference
            return
        inline = _INLINE_INFERENCE.match(body)
        if inline is not None and inline.group(1):
            inference.parts.append(inline.group(1))

    def close_pcs(self) -> None:
        if self.pcs is not None:
            self.structures.append(self.pcs)
            self.previous_root = None
        self.pcs = None

    # -- relations and members ------------------------------------------------------------------

    def relation(self, line: _Line, match: re.Match[str], indent: int) -> None:
        symbol, rest = match.group(1), match.group(2)
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            self.fail(
                line,
                indent + 1,
                f"relation `{symbol}` has nothing above it to relate to",
                "indent it under a statement or argument, with no empty line between",
            )
            return
        if not rest:
            self.fail(
                line,
                indent + len(symbol) + 1,
                f"relation `{symbol}` names no statement or argument",
                "write one after the symbol, e.g. `+ [Title]`",
            )
            return
        parent = self.stack[-1][1]
        child = self.member(
            rest, line.at(indent + len(symbol) + 2), line.at(indent + 1 + match.start(2))
        )
        child.in_relation = True
        if isinstance(parent, _Member):
            parent.in_relation = True
        self.relations.append(_Relation(symbol, parent, child, line.at(indent + 1), child.order))
        self.stack.append((indent, child))
        self.current = child

    def member(
        self, text: str, position: SourcePosition, start: SourcePosition | None = None
    ) -> _Member:
        """Read a statement or argument at ``position``; its text starts at ``start``."""
        start = start or position
        order = self.next_order()
        for pattern, kind in (
            (_STATEMENT_DEFINITION, "statement"),
            (_STATEMENT_REFERENCE, "statement"),
            (_ARGUMENT_DEFINITION, "argument"),
        ):
            match = pattern.match(text)
            if match is not None:
                rest = _shifted(start, match.start(2))
                return self.titled(kind, match.group(1), match.group(2), position, order, rest)
        match = _ARGUMENT_REFERENCE.match(text)
        if match is not None and not match.group(2):
            rest = _shifted(start, match.start(3))
            return self.titled("argument", match.group(1), match.group(3), position, order, rest)
        if match is not None:
            self.tally.aside("statements by number (`<A>(1)`)")
            self.tally.detail(position, f"`<{match.group(1)}>{match.group(2)}` is not supported")
        self.anonymous += 1
        key = f"#statement {self.anonymous}"
        member = _Member("statement", key, titled=False, position=position, order=order)
        member.section = tuple(self.sections)
        self.members.append(member)
        member.add(text, start)
        return member

    def titled(  # noqa: PLR0917 - the pieces of one member, as matched
        self,
        kind: str,
        title: str,
        rest: str,
        position: SourcePosition,
        order: int,
        start: SourcePosition,
    ) -> _Member:
        title = " ".join(title.split())
        member = _Member(kind, title, titled=True, position=position, order=order)
        member.section = tuple(self.sections)
        if rest:
            member.add(rest, start)
        self.members.append(member)
        return member


def _shifted(position: SourcePosition, columns: int) -> SourcePosition:
    return SourcePosition(position.file, position.line, position.column + columns)


# -- the text of a member ------------------------------------------------------------------------

_ESCAPABLE = "\\[]<>#{}*_@/:.-+()"
_PLACEHOLDER_BASE = 0xF0000
_TAG = re.compile(r"#(\([^)]+\)|[\w-]+)")
_BOLD = re.compile(
    r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"
)
_ITALIC = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"
)


@attrs.frozen
class _Text:
    """A member's text, split into its words, its tags and its YAML data blocks.

    Each data block comes with where it starts in the text its parts make, joined by spaces.
    """

    text: str
    tags: tuple[str, ...]
    data: tuple[tuple[str, int], ...]


def _protect(text: str) -> str:
    r"""Replace each escaped character ``\\x`` by a private-use placeholder."""
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            escaped = text[index + 1]
            position = _ESCAPABLE.find(escaped)
            out.append(chr(_PLACEHOLDER_BASE + position) if position >= 0 else escaped)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _restore(text: str) -> str:
    return "".join(
        _ESCAPABLE[ord(c) - _PLACEHOLDER_BASE]
        if _PLACEHOLDER_BASE <= ord(c) < _PLACEHOLDER_BASE + len(_ESCAPABLE)
        else c
        for c in text
    )


def _split_text(parts: Sequence[str]) -> _Text:
    data: list[tuple[str, int]] = []
    text = _protect(_take_data(" ".join(part.strip() for part in parts), data))
    tags: list[str] = []

    def tag(match: re.Match[str]) -> str:
        start = match.start()
        if start and not match.string[start - 1].isspace():
            return match.group()
        tags.append(_restore(match.group(1).strip("()")))
        return ""

    text = _TAG.sub(tag, text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    return _Text(_restore(" ".join(text.split(" ")).strip()), tuple(tags), tuple(data))


def _take_data(text: str, data: list[tuple[str, int]]) -> str:
    """Cut every balanced, unescaped ``{...}`` block out of ``text`` into ``data``.

    Each block is added with where it starts in ``text``.
    """
    closing = _closings(text)
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            out.append(text[index : index + 2])
            index += 2
            continue
        end = closing.get(index) if char == "{" else None
        if end is None:
            out.append(char)
            index += 1
            continue
        data.append((text[index : end + 1], index))
        index = end + 1
    return "".join(out)


def _closings(text: str) -> dict[int, int]:
    r"""Match each ``{`` of ``text`` to the ``}`` that closes it, in one pass.

    Outside braces, ``\x`` escapes a character; inside, quoted YAML strings are skipped (see
    :func:`_quoted_end`). A ``{`` never closed is in no pair.
    """
    closing: dict[int, int] = {}
    opened: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and not opened:
            index += 1
        elif char == "{":
            opened.append(index)
        elif not opened:
            pass
        elif char == "}":
            closing[opened.pop()] = index
        elif char in "\"'" and text[index - 1] in _BEFORE_QUOTE:
            index = _quoted_end(text, index)
        index += 1
    return closing


#: What a YAML quoted string may follow in flow data (or the start of the data).
_BEFORE_QUOTE = " \t\n{[,:"
_QUOTED = {'"': re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL), "'": re.compile(r"'(?:[^']|'')*'")}


def _quoted_end(text: str, start: int) -> int:
    """Return where the YAML quoted string opening at ``start`` closes (or the text's end).

    A double-quoted string escapes with backslashes, a single-quoted one doubles its quote.
    """
    found = _QUOTED[text[start]].match(text, start)
    return found.end() - 1 if found else len(text)


# -- building the map ----------------------------------------------------------------------------


@attrs.define(eq=False)
class _Thing:
    """An equivalence class of statements, or an argument: what becomes (at most) one node."""

    kind: str
    key: str
    members: list[_Member] = attrs.Factory(list)
    pcs: _Pcs | None = None
    node: str | None = None
    #: For a reconstructed argument: the node of its main conclusion.
    conclusion: str | None = None
    #: For a reconstructed argument: (conclusion node, reason number) of each inference step.
    steps: list[tuple[str, int]] = attrs.Factory(list)

    @property
    def titled(self) -> bool:
        return bool(self.members) and self.members[0].titled

    @property
    def order(self) -> int:
        """Where the thing is first defined (given a text), or else first mentioned."""
        defined = [m.order for m in self.members if m.parts]
        if defined:
            return defined[0]
        return self.members[0].order if self.members else 0

    @property
    def reconstructed(self) -> bool:
        return self.pcs is not None


@attrs.frozen
class _Step:
    """One inference step of a premise-conclusion structure."""

    argument: _Thing
    inference: _Inference
    premises: tuple[str, ...]
    conclusion: str


class _Builder:
    """Turns parsed elements into drafts: nodes, reasons, attacks, notes; fills the tally."""

    def __init__(self, parser: _Parser, tally: Tally, errors: list[MapError], strict: bool) -> None:
        self.parser = parser
        self.tally = tally
        self.errors = errors
        self.strict = strict
        self.things: dict[tuple[str, str], _Thing] = {}
        self.drafts: dict[str, Draft] = {}
        self.support_of: dict[str, list[tuple[str, int]]] = {}
        #: For each node whose data says so, its undercuts as the map wrote them (T1/2).
        self.spellings: dict[str, frozenset[str]] = {}
        #: For :meth:`premise_lists`: how many reasons of each draft it has seen, their lists.
        self.reasons_seen: dict[str, tuple[int, set[tuple[str, ...]]]] = {}

    def thing(self, member: _Member) -> _Thing:
        key = (member.kind, member.key)
        found = self.things.get(key)
        if found is None:
            found = self.things[key] = _Thing(member.kind, member.key)
        return found

    def build(self) -> list[Draft]:
        for member in self.parser.members:
            self.thing(member).members.append(member)
        for pcs in self.parser.structures:
            self.attach(pcs)
        if self.errors:
            return []
        self.make_drafts()
        events: list[tuple[int, _Relation | _Step]] = []
        for thing in self.things.values():
            events.extend((step.inference.order, step) for step in self.pcs_steps(thing))
        events.extend((relation.order, relation) for relation in self.parser.relations)
        events.sort(key=lambda event: event[0])
        for _, event in events:
            if isinstance(event, _Relation):
                self.support(event)
            else:
                self.step(event)
        for relation in self.parser.relations:
            self.attack(relation)
        self.account_headings()
        return list(self.drafts.values())

    def account_headings(self) -> None:
        """Count and list every heading: a note on the nodes under it, or set aside."""
        for heading in self.parser.headings:
            mark = "#" * heading.level
            if heading.extras:
                self.tally.detail(
                    heading.position,
                    f"heading `{mark} {heading.title}`: its tags and data set aside: "
                    f"{heading.extras}",
                )
            if heading.nodes:
                self.tally.keep("headings (as notes on the nodes under them)")
                nodes = ", ".join(heading.nodes[:5]) + (", ..." if len(heading.nodes) > 5 else "")
                self.tally.detail(
                    heading.position,
                    f"heading `{mark} {heading.title}` kept as the note line "
                    f"`Argdown section: ...` of {len(heading.nodes)} node(s): {nodes}",
                )
            else:
                self.tally.aside("headings with no node under them")
                self.tally.detail(
                    heading.position, f"heading `{mark} {heading.title}` has no node under it"
                )

    # -- premise-conclusion structures ----------------------------------------------------------

    def attach(self, pcs: _Pcs) -> None:
        owner = self.things.get(("argument", pcs.argument))
        if owner is None:
            owner = self.things[("argument", pcs.argument)] = _Thing("argument", pcs.argument)
        if owner.pcs is not None:
            self.tally.aside("second premise-conclusion structures of an argument")
            self.tally.detail(
                pcs.position,
                f"argument <{pcs.argument}> already has a premise-conclusion "
                "structure: this one is set aside",
            )
            return
        if self.check_pcs(pcs):
            owner.pcs = pcs
            self.tally.keep("reconstructed arguments")

    def check_pcs(self, pcs: _Pcs) -> bool:
        items = pcs.items
        problem = None
        if not any(isinstance(item, _Inference) for item in items):
            problem = "has no inference line (`----`) before its conclusion"
        elif isinstance(items[-1], _Inference):
            problem = "ends with an inference line instead of a conclusion"
        elif isinstance(items[0], _Inference):
            problem = "starts with an inference line instead of a premise"
        elif any(
            isinstance(a, _Inference) and isinstance(b, _Inference)
            for a, b in itertools.pairwise(items)
        ):
            problem = "has two inference lines with no conclusion between them"
        elif not isinstance(items[-2], _Inference):
            problem = "has premises after its last conclusion"
        if problem is None:
            return True
        self.errors.append(
            MapError(
                pcs.position.file,
                pcs.position.line,
                pcs.position.column,
                f"the premise-conclusion structure {problem}",
                "number the premises, then a line `----`, then the numbered conclusion",
            )
        )
        return False

    def pcs_steps(self, thing: _Thing) -> Iterator[_Step]:
        """Yield each inference step of an argument, in order."""
        if thing.pcs is None:
            return
        numbered: dict[int, str] = {}
        pending: list[str] = []
        previous: str | None = None
        items = thing.pcs.items
        for index, item in enumerate(items):
            if isinstance(item, _Inference):
                continue
            number, member = item
            numbered[number] = member.key
            before = items[index - 1] if index else None
            if not isinstance(before, _Inference):
                pending.append(member.key)
                continue
            premises = self.uses(before, numbered) or [
                *([previous] if previous else []),
                *pending,
            ]
            yield _Step(thing, before, tuple(premises), member.key)
            previous, pending = member.key, []

    def node_of(self, statement: str) -> str:
        node = self.things[("statement", statement)].node
        if node is None:  # pragma: no cover - statements of a structure always get a node
            raise AssertionError(statement)
        return node

    def uses(self, inference: _Inference, numbered: Mapping[int, str]) -> list[str]:
        """Return the premises an expanded inference's ``{uses: [...]}`` names, if it does."""
        for block, _ in _split_text(inference.parts).data:
            checker = Checker(lambda _offset: inference.position)
            try:
                data = _read_data(block, checker)
            except yaml.YAMLError:
                continue
            self.errors.extend(checker.errors)
            uses = data.get("uses") if isinstance(data, Mapping) else None
            if isinstance(uses, list):
                return [numbered[n] for n in uses if isinstance(n, int) and n in numbered]
        return []

    def step(self, step: _Step) -> None:
        conclusion = self.node_of(step.conclusion)
        draft = self.drafts[conclusion]
        premises = tuple(dict.fromkeys(self.node_of(key) for key in step.premises))
        # An argument titled <ID/name> for a node ID (as to_argdown writes a named reason) names
        # the reason it becomes.
        prefix, _, name = step.argument.key.rpartition("/")
        taken = {reason.name for reason in draft.reasons}
        named = name if prefix == conclusion and _REASON_NAME.match(name) else None
        named = None if named in taken else named
        draft.reasons.append(Reason(premises, named, position=step.inference.position))
        step.argument.steps.append((conclusion, len(draft.reasons)))
        step.inference.step = len(step.argument.steps) - 1
        self.tally.keep("inference steps (as reasons)")
        rule = _split_text(step.inference.parts)
        if rule.text or rule.data:
            words = " ".join([rule.text, *(block for block, _ in rule.data)]).strip()
            draft.notes.append(f"Argdown inference of reason {len(draft.reasons)}: {words}")

    # -- nodes ----------------------------------------------------------------------------------

    def make_drafts(self) -> None:
        taken: set[str] = set()
        counters = {"S": 0, "A": 0}
        things = sorted(self.things.values(), key=lambda t: t.order)
        for thing in things:
            if thing.reconstructed or not self.keeps(thing):
                continue
            prefix = "S" if thing.kind == "statement" else "A"
            if thing.titled:
                wanted = thing.key
            else:
                counters[prefix] += 1
                wanted = f"{prefix}{counters[prefix]}"
            thing.node = unique_id(wanted, taken, prefix=prefix)
            self.drafts[thing.node] = self.draft(thing, thing.node)
        for thing in things:
            if thing.pcs is not None:
                last = thing.pcs.items[-1]
                if not isinstance(last, _Inference):
                    thing.conclusion = self.node_of(last[1].key)
                    self.describe(thing)

    def keeps(self, thing: _Thing) -> bool:
        if not thing.members:
            return False
        if thing.titled or any(m.in_pcs or m.in_relation for m in thing.members):
            return True
        member = thing.members[0]
        self.tally.aside("prose statements (untitled, in no relation)")
        text = _split_text(member.parts).text
        self.tally.detail(member.position, f"prose set aside: {_short(text)}")
        return False

    def draft(self, thing: _Thing, node_id: str) -> Draft:
        texts = [(m, _split_text(m.parts)) for m in thing.members]
        defined = [(m, t) for m, t in texts if t.text]
        first = defined[0][0] if defined else thing.members[0]
        text = defined[0][1].text if defined else thing.key
        draft = Draft(node_id, text, first.position)
        self.tally.keep("statements" if thing.kind == "statement" else "arguments (as nodes)")
        bracket = "[{}]" if thing.kind == "statement" else "<{}>"
        if thing.titled and node_id != thing.key:
            draft.notes.append(f"Argdown: {bracket.format(thing.key)}")
        if not defined:
            self.tally.keep("titles without a text (the title stands in)")
            draft.notes.append("Argdown gives no text for it; its title stands in.")
        for other in dict.fromkeys(t.text for _, t in defined[1:] if t.text != text):
            draft.notes.append(f"Also stated as: {other}")
            self.tally.keep("equivalent statements (as notes)")
        if first.section:
            draft.notes.append(f"Argdown section: {' > '.join(h.title for h in first.section)}")
            for heading in first.section:
                heading.nodes.append(node_id)
        tags = [tag for _, t in texts for tag in t.tags]
        self.apply_tags(draft, tags, first.position)
        for member, t in texts:
            for block, offset in t.data:
                self.apply_data(draft, block, _block_places(member, offset))
        return draft

    def describe(self, thing: _Thing) -> None:
        """Put a reconstructed argument's description and tags on its main conclusion."""
        if thing.conclusion is None or not thing.members:
            return
        draft = self.drafts[thing.conclusion]
        texts = [_split_text(m.parts) for m in thing.members]
        description = next((t.text for t in texts if t.text), "")
        line = f"Argdown argument <{thing.key}>"
        if description:
            draft.notes.append(f"{line}: {description}")
        elif not _default_title(thing.key, thing.conclusion):
            draft.notes.append(f"{line}.")  # a title written by to_argdown says nothing more
        tags = list(dict.fromkeys(tag for t in texts for tag in t.tags))
        if tags:
            draft.notes.append(f"Argdown tags of <{thing.key}>: {_tags(tags)}")
        for block in (block for t in texts for block, _ in t.data):
            draft.notes.append(f"Argdown data of <{thing.key}>: {block}")
            self.tally.keep("data blocks (as notes)")

    def apply_tags(self, draft: Draft, tags: list[str], position: SourcePosition) -> None:
        kinds = [tag for tag in tags if tag in NODE_KINDS]
        if kinds:  # a node tagged with its kind is a thesis only when tagged #thesis too
            draft.kind, draft.thesis = kinds[-1], False
        if "thesis" in tags:
            if draft.kind in {None, "claim"}:
                draft.kind, draft.thesis = "claim", True
            else:
                self.tally.detail(position, f"#thesis on a {draft.kind}: only claims are theses")
        others = [tag for tag in dict.fromkeys(tags) if tag not in KIND_TAGS]
        if others:
            draft.notes.append(f"Argdown tags: {_tags(others)}")
            self.tally.keep("tags (as notes)", len(others))

    def apply_data(
        self, draft: Draft, block: str, place: Callable[[int | None], SourcePosition]
    ) -> None:
        """Fill a node's fields from a ``{...}`` data block; note the data they do not hold.

        ``note``, ``cites``, ``at`` and ``ignore`` are checked as in a YAML map; a block that
        is not YAML goes into the note as it is written.
        """
        checker = Checker(place)
        try:
            data = _read_data(block, checker)
        except yaml.YAMLError:
            data = None
        if checker.errors:
            self.errors.extend(checker.errors)
            return
        if not isinstance(data, Mapping):
            draft.notes.append(f"Argdown data: {block}")
            self.tally.keep("data blocks (as notes)")
            return
        rest = {k: v for k, v in data.items() if k not in _FIELD_KEYS}
        _fields(draft, data, checker)
        if EXTENSION_KEY in data:
            self.extension(draft, data, checker)
        self.errors.extend(checker.errors)
        if rest:
            draft.notes.append("Argdown data: " + json.dumps(rest, ensure_ascii=False, default=str))
            self.tally.keep("data blocks (as notes)")

    def extension(self, draft: Draft, data: Mapping[str, Any], checker: Checker) -> None:
        """Read the ``argmap`` block :func:`to_argdown` writes: the exact text, undercuts."""
        block = data[EXTENSION_KEY]
        owner = f"`{EXTENSION_KEY}` in the data of node `{draft.id}`"
        if not isinstance(block, Mapping):
            checker.fail(
                value_offset(data, EXTENSION_KEY),
                f"{owner} must be an object, got {show(block)}",
                'write e.g. `{argmap: {text: "..."}}`',
            )
            return
        checker.known(block, owner, EXTENSION_FIELDS)
        if "text" in block:
            text = checker.text(block, "text", f"the text in {owner}")
            if text is not None:
                draft.text = text
        if "undercuts" in block:
            written = block["undercuts"]
            if isinstance(written, list) and all(isinstance(item, str) for item in written):
                self.spellings[draft.id] = frozenset(written)
            else:
                checker.fail(
                    value_offset(block, "undercuts"),
                    f"`undercuts` in {owner} must list undercuts as a map writes them "
                    f"(`T1/2`, `T1/trade`), got {show(written)}",
                    "write them as `to_argdown` does",
                )

    # -- relations ------------------------------------------------------------------------------

    def ends(self, relation: _Relation) -> tuple[str, _Member | _Inference, _Member | _Inference]:
        """Return (kind, source, target) with ``+``, ``-``, ``_``, ``><`` kinds."""
        symbol = relation.symbol
        kind = symbol.replace("<", "").replace(">", "") or "><"
        if symbol == "><":
            kind = "><"
        if symbol.endswith(">") and symbol != "><":
            return kind, relation.parent, relation.child
        return kind, relation.child, relation.parent

    def source(self, element: _Member | _Inference) -> str | None:
        if isinstance(element, _Inference):
            return None
        thing = self.things[(element.kind, element.key)]
        return thing.conclusion if thing.reconstructed else thing.node

    def target_thing(self, element: _Member | _Inference) -> _Thing | None:
        if isinstance(element, _Inference):
            return None
        return self.things[(element.kind, element.key)]

    def support(self, relation: _Relation) -> None:
        kind, source, target = self.ends(relation)
        if kind != "+":
            return
        src = self.source(source)
        thing = self.target_thing(target)
        if src is None or thing is None or thing.reconstructed:
            what = "an inference" if thing is None else f"argument <{thing.key}>"
            if src is None and thing is not None and thing.node is not None:
                what = "the statement, from an inference"
            self.set_aside(
                relation,
                "supports of reconstructed arguments or inferences",
                f"support for {what}: argmap supports nodes, not inferences; "
                "Argdown does not say which premise it supports",
            )
            return
        if thing.node is None:
            return
        if src == thing.node and isinstance(source, _Member) and source.kind == "argument":
            self.tally.keep("relations an argument's conclusion already states")
            return
        draft = self.drafts[thing.node]
        if (src,) in self.premise_lists(draft):
            self.tally.keep("repeated relations")
            return
        draft.reasons.append(Reason((src,), position=relation.position))
        self.tally.keep("support relations")
        if isinstance(source, _Member) and source.kind == "argument":
            self.support_of.setdefault(src, []).append((thing.node, len(draft.reasons)))

    def premise_lists(self, draft: Draft) -> set[tuple[str, ...]]:
        """The premise lists of a draft's reasons, kept up to date as reasons are added.

        A statement can have thousands of supports; looking through its reasons for a repeat
        at each one would take time quadratic in their number.
        """
        seen, known = self.reasons_seen.get(draft.id, (0, set()))
        known.update(reason.premises for reason in draft.reasons[seen:])
        self.reasons_seen[draft.id] = (len(draft.reasons), known)
        return known

    def attack(self, relation: _Relation) -> None:
        kind, source, target = self.ends(relation)
        if kind == "+":
            return
        src = self.source(source)
        if src is None:
            self.set_aside(relation, "relations from inferences", "an inference cannot attack")
            return
        if kind == "><":
            self.contradiction(relation, src, target)
            return
        undercut = self.inference_target(relation, target, undercut=kind == "_")
        if undercut is not None:
            self.add_attack(relation, src, *undercut)
            return
        thing = self.target_thing(target)
        if thing is None or thing.node is None:
            return
        self.add_attack(relation, src, thing.node, None)
        if self.strict and _statements(source, target):
            self.add_attack(relation, thing.node, src, None)

    def inference_target(
        self, relation: _Relation, target: _Member | _Inference, *, undercut: bool
    ) -> tuple[str, int] | None:
        """Return the (node, reason) an undercut or an attack on an argument aims at."""
        if isinstance(target, _Inference):
            thing = self.things[("argument", target.argument)]
            return thing.steps[target.step] if thing.steps else None
        thing = self.things[(target.kind, target.key)]
        if thing.reconstructed:
            if not thing.steps:
                return None
            if not undercut:
                self.tally.detail(
                    relation.position,
                    f"attack on argument <{thing.key}> read as an undercut of its main "
                    "inference (Argdown does not say which premise it attacks)",
                )
                self.tally.keep("attacks on arguments (as undercuts)")
            return thing.steps[-1]
        if not undercut:
            return None
        found = self.support_of.get(thing.node or "", [])
        if thing.kind == "argument" and len(found) == 1:
            return found[0]
        if thing.kind == "argument":
            what = f"argument <{thing.key}> is the sole premise of {len(found)} reasons"
        else:
            what = f"statement [{thing.key}] is no inference"
        self.tally.keep("undercuts read as attacks")
        self.tally.detail(
            relation.position,
            f"undercut read as an attack on the node: {what}, so there is no one reason to "
            "undercut",
        )
        return None

    def contradiction(self, relation: _Relation, src: str, target: _Member | _Inference) -> None:
        other = self.source(target)
        if other is None:
            self.set_aside(
                relation, "relations from inferences", "a contradiction with an inference"
            )
            return
        self.add_attack(relation, src, other, None)
        self.add_attack(relation, other, src, None)
        self.tally.keep("contradictions (as two attacks)")

    def add_attack(self, relation: _Relation, src: str, target: str, number: int | None) -> None:
        draft = self.drafts[src]
        attack = Attack(target, number, position=relation.position)
        if attack in draft.attacks:
            self.tally.keep("repeated relations")
            return
        draft.attacks.append(attack)
        self.tally.keep("undercut relations" if number is not None else "attack relations")

    def set_aside(self, relation: _Relation, what: str, why: str) -> None:
        self.tally.aside(what)
        self.tally.detail(relation.position, why)


def _statements(*elements: _Member | _Inference) -> bool:
    return all(isinstance(e, _Member) and e.kind == "statement" for e in elements)


def _fields(draft: Draft, data: Mapping[str, Any], checker: Checker) -> None:
    """Fill a draft's note, citations, paragraphs and suppressions from Argdown data."""
    owner = f"the data of node `{draft.id}`"
    if "note" in data:
        note = checker.text(data, "note", f"the note in {owner}")
        if note is not None:
            draft.notes.append(note)
    if "cites" in data:
        draft.citations = checker.citations(data, "cites", owner)
    if "at" in data:
        draft.at = checker.paragraphs(data, "at", owner)
    if "ignore" in data:
        draft.ignore = checker.suppressions(data, "ignore", owner)


def _block_places(member: _Member, start: int) -> Callable[[int | None], SourcePosition]:
    """Return where the characters of a member's data block starting at ``start`` were written."""
    return lambda offset: member.place(start + (offset or 0))


# -- YAML data -----------------------------------------------------------------------------------

_YAML_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = "tag:yaml.org,2002:null"
#: The largest whole number data may hold: about 4200 digits, so that it can be written back
#: (Python converts at most 4300 digits to text).
_MAX_INT_BITS = 14_000


class _TooLong(Exception):  # noqa: N818 - a signal inside the reader, never seen outside
    """A whole number in YAML data too long to read or to write back."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__(node.start_mark.index)
        self.node = node


class _TooDeep(Exception):  # noqa: N818 - a signal inside the reader, never seen outside
    """YAML data nested more than :data:`MAX_DEPTH` levels deep."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class _DataLoader(_YAML_LOADER):  # type: ignore[misc]
    """PyYAML's safe loader, refusing whole numbers too long to write back."""


def _whole_number(loader: Any, node: yaml.ScalarNode) -> int:
    try:
        number = int(yaml.constructor.SafeConstructor.construct_yaml_int(loader, node))
    except ValueError:
        if len(node.value) < 1000:
            raise yaml.constructor.ConstructorError(
                None, None, f"`{node.value}` is not a whole number", node.start_mark
            ) from None
        raise _TooLong(node) from None
    if number.bit_length() > _MAX_INT_BITS:
        raise _TooLong(node)
    return number


_DataLoader.add_constructor("tag:yaml.org,2002:int", _whole_number)


def _read_data(text: str, checker: Checker) -> Any:
    """Read YAML data (a ``{...}`` block, front matter) as located data.

    Mappings become :class:`LocatedDict` (with each scalar also as written, in ``texts``) and
    sequences :class:`LocatedList`. Data nested more than :data:`MAX_DEPTH` levels deep, a
    whole number too long to write back, an alias, a key written twice and a key that is not
    a plain word are reported to ``checker``; the value returned is then incomplete.

    Raises:
        yaml.YAMLError: when the text is not YAML.
    """
    lone = _LONE_SURROGATE.search(text)
    if lone is not None:  # libyaml would fail on it with a UnicodeEncodeError
        checker.fail(
            lone.start(),
            f"a lone surrogate (U+{ord(lone.group()):04X}) is no character, so the data "
            "cannot be read",
            "the text was decoded wrongly: read the file as UTF-8",
        )
        return None
    deep = _too_deep(text)
    if deep is not None:
        checker.fail(deep, f"data nested more than {MAX_DEPTH} levels deep", _FLATTEN)
        return None
    loader = _DataLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _YamlData(loader, checker).value(node, 0)
    except _TooLong as exc:
        value = exc.node.value
        shown = f"{value[:20]}…" if len(value) > 20 else value
        checker.fail(
            exc.node.start_mark.index,
            f"the number {shown} ({len(value)} characters) is too long to read",
            "write a shorter number, or quote it to make it text",
        )
    except _TooDeep as exc:
        checker.fail(exc.offset, f"data nested more than {MAX_DEPTH} levels deep", _FLATTEN)
    except RecursionError:  # pragma: no cover - the checks above keep far below the limit
        checker.fail(None, "data nested too deeply to read", _FLATTEN)
    finally:
        loader.dispose()
    return None


_FLATTEN = "a map needs a few levels; flatten the data"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _too_deep(text: str) -> int | None:
    """Return where brackets in YAML text first nest more than :data:`MAX_DEPTH` deep, if they do.

    Quoted strings are skipped (see :func:`_quoted_end`). This is linear and reads no YAML: it
    keeps deeply nested data from the YAML parser, which would take long to fail on it.
    """
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth -= 1
        elif char in "\"'" and (index == 0 or text[index - 1] in _BEFORE_QUOTE):
            index = _quoted_end(text, index)
        index += 1
    return None


class _YamlData:
    """Turns a composed YAML node tree into located data."""

    def __init__(self, loader: Any, checker: Checker) -> None:
        self.loader = loader
        self.checker = checker
        self.seen: set[int] = set()

    def value(self, node: yaml.Node, depth: int, used_at: int | None = None) -> Any:
        """Return a node's value; ``used_at`` is where it is used (an alias is not marked)."""
        if depth > MAX_DEPTH:
            raise _TooDeep(node.start_mark.index)
        if id(node) in self.seen:
            where = node.start_mark.index if used_at is None else used_at
            self.checker.fail(where, "YAML aliases are not allowed", "write the value out")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            found = LocatedList(node.start_mark.index)
            for item in node.value:
                found.append(self.value(item, depth + 1))
                found.offsets.append(item.start_mark.index)
            return found
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError) as exc:  # a date such as 2020-13-45
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read `{node.value}`: {exc}", node.start_mark
            ) from None

    def mapping(self, node: yaml.MappingNode, depth: int) -> LocatedDict:
        found = LocatedDict(node.start_mark.index)
        for key_node, value_node in node.value:
            where = key_node.start_mark.index
            if not isinstance(key_node, yaml.ScalarNode):
                self.checker.fail(where, "a key in the data is not a plain word", "use a word")
                continue
            key = str(key_node.value)
            if key in found:
                self.checker.fail(
                    where, f"duplicate key `{key}` in the data", "merge the two into one entry"
                )
                continue
            found[key] = self.value(value_node, depth + 1, key_node.end_mark.index)
            found.key_offsets[key] = where
            found.value_offsets[key] = value_node.start_mark.index
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag != _NULL:
                found.texts[key] = str(value_node.value)
        return found


def _tags(tags: Sequence[str]) -> str:
    return " ".join(f"#({tag})" if " " in tag else f"#{tag}" for tag in tags)


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:60]}…"


# -- entry points --------------------------------------------------------------------------------


def read_argdown(source: str | os.PathLike[str], *, file: str | None = None) -> ImportResult:
    """Import an Argdown file, with the files it includes: :func:`parse_argdown` of its text.

    Args:
        source: the ``.argdown`` file.
        file: the name to use in positions, errors and the report; default: the path.

    Returns:
        The map and the report of what was kept and set aside.

    Raises:
        LoadError: when the file cannot be read, and as :func:`parse_argdown`.
    """
    path = Path(source)
    name = file or str(path)
    return parse_argdown(read_utf8(path, name), file=name, path=path)


def parse_argdown(text: str, *, file: str = "<memory>", path: Path | None = None) -> ImportResult:
    """Import Argdown given as text.

    Args:
        text: the Argdown document.
        file: the name to use in positions, errors and the report.
        path: where the document is. ``@import`` and ``@include`` lines are followed relative
            to it, each file once, never out of the document's folder (symbolic links resolved)
            and never in a cycle; without it they are skipped (counted and listed).

    Returns:
        The map and the report of what was kept and set aside.

    Raises:
        LoadError: when the document has Argdown syntax errors, a missing included file or one
            outside the document's folder, or data (``{...}``, front matter) that argmap cannot
            take: a bad ``at``, ``cites``, ``ignore`` or ``note``, a bad ``argmap:`` header,
            a duplicate key, a number too long to read, nesting over 100 levels deep; one error
            per problem, each with file, line and column.
    """
    tally = Tally(file)
    errors: list[MapError] = []
    root = None if path is None else path.parent.resolve()
    reader = _Source(tally, errors, root)
    lines = reader.document(text, file, path)
    return _finish(lines, reader, tally, errors, file)


def _finish(
    lines: list[_Line], reader: _Source, tally: Tally, errors: list[MapError], name: str
) -> ImportResult:
    parser = _Parser(tally, errors)
    parser.parse(lines)
    front = reader.front
    model = front.get("model")
    strict = isinstance(model, Mapping) and model.get("mode") == "strict"
    builder = _Builder(parser, tally, errors, strict)
    drafts = builder.build() if not errors else []
    _name_undercuts(drafts, builder.spellings)
    header = _front_header(reader)
    checker = reader.front_checker
    if checker is not None:
        if not errors:
            checker.expected_nodes(header.get("expected", ()), [draft.id for draft in drafts])
        errors.extend(checker.errors)
    if errors:
        raise LoadError(errors)
    others = sorted(key for key in front if key not in {"title", "argmap"})
    if others:
        tally.aside("front matter settings", len(others))
        tally.detail(
            reader.front_position or SourcePosition(name, 1, 1),
            "front matter settings set aside: " + ", ".join(others),
        )
    argument_map = ArgumentMap(
        nodes=build_nodes(drafts),
        files=(name,),
        position=SourcePosition(name, 1, 1),
        **header,
    )
    return ImportResult(argument_map, tally.report("Argdown"))


def _front_header(reader: _Source) -> dict[str, Any]:
    """Read the map header from the front matter: its ``title`` and its ``argmap:`` object.

    Problems are left in the front matter's checker.
    """
    checker = reader.front_checker
    if checker is None:
        return {}
    front = reader.front
    header: dict[str, Any] = {}
    if "title" in front:
        title = checker.text(front, "title", "the front matter's `title`")
        if title is not None:
            header["title"] = title
    if "argmap" in front:
        offset = value_offset(front, "argmap")
        header.update(checker.header(front["argmap"], offset, "`argmap` in the front matter"))
    return header


# -- writing -------------------------------------------------------------------------------------

_TEXT_ESCAPES = re.compile(r"[\\\[\]<>#{}*_@]|/(?=[/*])")
#: Control characters, line breaks among them (see :meth:`_Source.lines`): a statement's text
#: shows each as a space (the data block keeps the text as it is).
_CONTROL = re.compile("[\x00-\x1f\x7f]")
#: What a statement shows when its text has nothing else to show.
_NOTHING_SHOWN = "(text in data)"


#: A reason's name as an argument title ``<ID/name>`` gives it (a number is no name).
_REASON_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def _default_title(key: str, conclusion: str) -> bool:
    """Whether an argument's title is one to_argdown writes: ``<ID/N>`` or ``<ID/name>``."""
    prefix, _, last = key.rpartition("/")
    return prefix == conclusion and (last.isdigit() or _REASON_NAME.match(last) is not None)


def _name_undercuts(drafts: Sequence[Draft], spellings: Mapping[str, frozenset[str]]) -> None:
    """Name each undercut of a named reason by that name.

    An undercut is written ``_> <ID/name>``, to the argument the reason became. A node whose
    ``argmap`` data lists its undercuts as the map wrote them keeps an undercut written
    ``ID/N`` by number.
    """
    by_id = {draft.id: draft for draft in drafts}
    for draft in drafts:
        written = spellings.get(draft.id, frozenset())
        for index, attack in enumerate(draft.attacks):
            target = by_id.get(attack.target)
            if attack.reason is None or target is None or attack.reason > len(target.reasons):
                continue
            name = target.reasons[attack.reason - 1].name
            if name is not None and f"{attack.target}/{attack.reason}" not in written:
                draft.attacks[index] = attrs.evolve(attack, name=name)


def to_argdown(argument_map: ArgumentMap) -> str:
    """Write a map as Argdown, for Argdown's tools (the VS Code extension draws it as a map).

    Every node becomes a statement ``[ID]: text`` tagged with its kind (``#claim``, ...,
    ``#thesis``), its citations, paragraphs, note and suppressions in a YAML data block; its
    rebuttals become ``-> [T]`` and its undercuts ``_> <T/N>`` lines below it. Every reason N
    of a node becomes an argument ``<ID/N>`` whose premise-conclusion structure lists the
    reason's premises and concludes the node. Characters Argdown reads as syntax are escaped;
    line breaks inside a text become spaces.

    Returns:
        The Argdown text, ending in a newline; :func:`parse_argdown` reads it back into an equal
        map (texts apart from line breaks and leading or trailing spaces).
    """
    lines: list[str] = []
    header = header_of(argument_map)
    if header:
        lines.append("===")
        if "title" in header:
            lines.append(f"title: {_json(header.pop('title'))}")
        if header:
            lines.append(f"argmap: {_json(header)}")
        lines.extend(["===", ""])
    titles = {  # the argument each reason becomes
        (node.id, number): f"{node.id}/{reason.name or number}"
        for node in argument_map.nodes
        for number, reason in enumerate(node.reasons, start=1)
    }
    named = {  # the numbers of each node's named reasons
        node.id: frozenset(n for n, r in enumerate(node.reasons, start=1) if r.name is not None)
        for node in argument_map.nodes
    }
    for node in argument_map.nodes:
        lines.extend(_statement(node, titles, named))
        lines.append("")
    for node in argument_map.nodes:
        for number, reason in enumerate(node.reasons, start=1):
            lines.extend(_argument(node.id, number, reason))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _statement(
    node: Node, titles: Mapping[tuple[str, int], str], named: Mapping[str, frozenset[int]]
) -> Iterator[str]:
    tags = [f"#{node.kind}", *(["#thesis"] if node.thesis else [])]
    data = _data(node, named)
    head = f"[{node.id}]: {_escape(node.text)} {' '.join(tags)}"
    yield f"{head} {data}" if data else head
    for attack in node.attacks:
        if attack.reason is None:
            yield f"  -> [{attack.target}]"
        else:  # the argument a reason became: <ID/name> for a named one, <ID/N> otherwise
            yield f"  _> <{titles.get((attack.target, attack.reason), str(attack))}>"


def _argument(node_id: str, number: int, reason: Reason) -> Iterator[str]:
    yield f"<{node_id}/{reason.name or number}>"
    yield ""
    for index, premise in enumerate(reason.premises, start=1):
        yield f"({index}) [{premise}]"
    yield "----"
    yield f"({len(reason.premises) + 1}) [{node_id}]"


def _data(node: Node, named: Mapping[str, frozenset[int]]) -> str:
    data: dict[str, Any] = {}
    if node.citations:
        data["cites"] = [
            {"key": c.key, **({c.locator.label.value: c.locator.value} if c.locator else {})}
            for c in node.citations
        ]
    if node.at:
        data["at"] = list(node.at)
    if node.note is not None:
        data["note"] = node.note
    if node.ignore:
        data["ignore"] = {entry.code: entry.reason for entry in node.ignore}
    if extension := _extension(node, named):
        data[EXTENSION_KEY] = extension
    if not data:
        return ""
    return _json(data)


def _extension(node: Node, named: Mapping[str, frozenset[int]]) -> dict[str, Any]:
    """What a node needs that neither Argdown nor the data keys above carry.

    ``text``: the text as it is, when the statement's text (one line, escaped) reads back as
    another (line breaks, leading or trailing spaces). ``undercuts``: the node's undercuts as a
    map writes them (``T1/2``, ``T1/trade``), when one of them addresses a named reason by its
    number (Argdown names the argument a named reason becomes by the name).
    """
    extension: dict[str, Any] = {}
    if _split_text([_escape(node.text)]).text != node.text:
        extension["text"] = node.text
    undercuts = [attack for attack in node.attacks if attack.reason is not None]
    if any(a.name is None and a.reason in named.get(a.target, ()) for a in undercuts):
        extension["undercuts"] = [str(attack) for attack in undercuts]
    return extension


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_IN_STRING = {"{": "\\u007b", "}": "\\u007d", "<": "\\u003c", "/": "\\/"}
#: Characters YAML will not read raw (Argdown data is YAML); JSON leaves them unescaped.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _escape_json_string(match: re.Match[str]) -> str:
    """Escape, inside one JSON string, what Argdown would read as a data end or a comment."""
    text = "".join(_IN_STRING.get(char, char) for char in match.group())
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _json(value: object) -> str:
    """Return ``value`` as JSON that Argdown and YAML both read back unchanged."""
    return _JSON_STRING.sub(_escape_json_string, json.dumps(value, ensure_ascii=False))


def _escape(text: str) -> str:
    """Return a text as one line of Argdown, its syntax escaped, never empty."""
    flat = _CONTROL.sub(" ", text)
    return _TEXT_ESCAPES.sub(lambda m: "\\" + m.group(), flat).strip() or _NOTHING_SHOWN
