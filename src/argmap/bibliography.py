"""BibTeX files as :class:`~argmap.model.Source` records; the only module that imports bibtexparser.

:func:`load_bibliography` reads one or more .bib files as one library, so ``@string`` macros
defined in an earlier file (``IEEEabrv.bib``) resolve in a later one (``IEEEexample.bib``). Every
entry keeps the file it came from and its 1-based line. Whatever bibtexparser could not parse,
and whatever argmap finds wrong on top (duplicate keys and fields, entries without a key,
undefined macros, broken crossrefs), becomes a :class:`~argmap.errors.MapError` in
:attr:`Bibliography.problems`; nothing is dropped silently and nothing is printed. Only files
that cannot be read at all raise :class:`~argmap.errors.LoadError`.

A file listed twice (``bibliography: [refs.bib, refs.bib]``, or a link to it) is read once.
``@string`` macros expand with ``#``, and a macro may repeat the one before it, so that a few
lines could name a value of terabytes. Bound: a field value or macro may hold at most
:data:`MAX_VALUE` characters (1 MiB, 1,048,576 characters) once its macros are expanded; one
that would hold more is a problem at the line where it is written: a field keeps its value as
written, a macro is left undefined (and what uses it is not expanded either, without a
further report).

Field values stay as written, braces and LaTeX included: decoding LaTeX makes parsing about
twenty times slower, so the display helpers (:func:`plain`, :func:`authors`,
:func:`short_label`, :func:`format_reference`) decode only what they show, when they show it.

Files written in the plain form most .bib files have (entries only, each field's value in
braces, in quotes or a number, no ``@string``, no comment, no repeated key) are split here
without bibtexparser, whose import alone costs a small check a tenth of its time; any other
file set goes through bibtexparser, and both ways give the same sources.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from argmap._io import decode_utf8
from argmap.errors import LoadError, MapError, Suggester
from argmap.model import Source, SourcePosition, freeze

if TYPE_CHECKING:  # imported where a file needs bibtexparser (see _Builder.parse)
    import logging

    from bibtexparser.library import Library
    from bibtexparser.model import Block, DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock

__all__ = [
    "Bibliography",
    "authors",
    "format_reference",
    "load_bibliography",
    "parse_bibliography",
    "plain",
    "short_label",
]

# Patterns that plain files and a check do not need are kept as text: ``re`` compiles them
# when first used, and caches them.

#: BibTeX's predefined month macros; ``month = jan`` is valid without any ``@string`` and is
#: kept as written (BibTeX styles print ``January``, biblatex reads ``1``).
_MONTHS = frozenset(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
)

#: Fields a child does not take from its crossref parent: they name or sort the parent itself.
_NOT_INHERITED = frozenset({"crossref", "xref", "ids", "entryset", "key", "label", "sortkey"})

#: What a bare (unbraced, unquoted) macro name may look like in BibTeX.
_MACRO_NAME = r"[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*\Z"

#: The most characters a field value or an ``@string`` macro may hold once the macros it uses
#: are expanded (1 MiB of characters). ``#`` lets each macro repeat the one before, so that a
#: few lines can name a value of terabytes: a value that would grow beyond this is reported
#: where it is written and left unexpanded, and a macro that did is left undefined.
MAX_VALUE = 1 << 20

#: Block types that are not bibliography entries.
_NOT_ENTRIES = frozenset({"comment", "preamble", "string"})

#: The start of a block in its raw text: ``@type{key`` or ``@type(key``.
_BLOCK_HEAD = r"@[ \t]*(\w*)[ \t]*[{(]\s*([^,\s{}()=\"#]*)"

#: The splitter's own log line for an aborted block, which argmap reports from the block.
_ABORTED_LOG = r"Parsing of `[^`]*` block \(line (\d+)\) aborted"
_LOGGED_LINE = r"\(line (\d+)\)"


def _frozen(sources: Mapping[str, Source]) -> Mapping[str, Source]:
    """Return a read-only copy of the sources, keeping their order, that pickles."""
    return freeze(sources)


@attrs.frozen
class Bibliography:
    """The entries of one or more .bib files, and what was wrong with them.

    Attributes:
        sources: The entries by key, in file order (the files in the order given).
        problems: Everything that could not be loaded or looks wrong, by file and line.
    """

    sources: Mapping[str, Source] = attrs.field(converter=_frozen)
    problems: tuple[MapError, ...] = ()


def load_bibliography(paths: Sequence[str | os.PathLike[str]]) -> Bibliography:
    """Read .bib files, in order, as one library.

    ``@string`` macros of an earlier file resolve in later ones. Positions name each file as
    given in ``paths`` (not resolved) and count lines from 1. ``crossref`` children take the
    fields they lack from their parent, and the parent's ``title`` becomes the child's
    ``booktitle`` when the child has none. A file listed twice, by the same name or by
    another name of the same file, is read once, where it is first listed.

    Args:
        paths: The .bib files, in the order BibTeX would read them.

    Returns:
        The entries, and every problem found in them.

    Raises:
        LoadError: when a file is missing, is a directory, cannot be read or is not UTF-8; the
            error lists every such file.
    """
    names = [os.fspath(path) for path in paths]
    names = [names[position] for position in _listed_once(names)]
    texts: list[tuple[str, str]] = []
    errors: list[MapError] = []
    for name in names:
        text = _read(name)
        if isinstance(text, MapError):
            errors.append(text)
        else:
            texts.append((name, text))
    if errors:
        raise LoadError(errors)
    return _build(names, texts)


def parse_bibliography(files: Sequence[tuple[str, bytes]]) -> Bibliography:
    """Read .bib files given as (name, bytes), in order, as one library.

    This is :func:`load_bibliography` for bytes already read, so that a file is read once
    and parsed from the very bytes that were hashed for the cache. As there, a file listed
    twice (the same name, or another name of the same file on disk) is parsed once.

    Raises:
        LoadError: when a file is not UTF-8; the error lists every such file.
    """
    files = [files[position] for position in _listed_once([name for name, _ in files])]
    texts: list[tuple[str, str]] = []
    errors: list[MapError] = []
    for name, data in files:
        text = _decode(name, data)
        if isinstance(text, MapError):
            errors.append(text)
        else:
            texts.append((name, text))
    if errors:
        raise LoadError(errors)
    return _build([name for name, _ in files], texts)


def _build(names: Sequence[str], texts: Sequence[tuple[str, str]]) -> Bibliography:
    """Turn the files' texts into sources and problems: plain files here, others by bibtexparser."""
    builder = _Builder(names)
    plain_files = _plain_files(texts)
    if plain_files is not None:
        for name, entries in plain_files:
            for entry in entries:
                builder.entry(name, entry, resolved=True)
        return builder.finish()
    for name, text in texts:
        builder.parse(name, text)
    return builder.finish()


# --- reading -------------------------------------------------------------------------------


def _listed_once(names: Sequence[str]) -> list[int]:
    """Return the positions of the files to read: each file once, where first listed.

    A file is listed again under the same name, or under another name of the same file (a
    link, ``./refs.bib`` beside ``refs.bib``); read twice, each of its entries would be
    reported as a duplicate of itself.
    """
    kept: list[int] = []
    seen: set[object] = set()
    for position, name in enumerate(names):
        identities: set[object] = {name}
        with contextlib.suppress(OSError, ValueError):
            found = Path(name).stat()
            identities.add((found.st_dev, found.st_ino))
        if not identities & seen:
            kept.append(position)
        seen |= identities
    return kept


def _read(name: str) -> str | MapError:
    """Return a file's text with newlines normalised, or the reason it cannot be read."""
    path = Path(name)
    if path.is_dir():
        return MapError(name, 1, 1, "is a directory, not a .bib file", "name a .bib file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return MapError(
            name, 1, 1, "bibliography file not found", "check the path and the working directory"
        )
    except PermissionError:
        return MapError(
            name, 1, 1, "cannot read the file: permission denied", "make the file readable"
        )
    except OSError as error:
        reason = error.strerror or str(error)
        return MapError(name, 1, 1, f"cannot read the file: {reason}", "check the file")
    return _decode(name, data)


def _decode(name: str, data: bytes) -> str | MapError:
    """Decode UTF-8 (a byte-order mark is allowed); report the first bad byte otherwise."""
    try:
        text = decode_utf8(data, name)
    except LoadError as error:
        return error.errors[0]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# --- plain files, split without bibtexparser ---------------------------------------------------


class _PlainField(NamedTuple):
    """A field as bibtexparser would give it once its enclosing is removed."""

    key: str
    value: str
    #: The 0-based line of its ``=``.
    start_line: int
    #: ``{`` or ``"``; None for a number.
    enclosing: str | None


class _PlainEntry(NamedTuple):
    """An entry as bibtexparser would give it."""

    entry_type: str
    key: str
    fields: list[_PlainField]
    #: The 0-based line of its ``@``.
    start_line: int


#: Blank space between entries and around keys, names and values (other space: bibtexparser).
_GAP = re.compile(r"[ \t\n]*")
#: ``@type{key,``; a key of the characters bibtexparser never reads specially.
_PLAIN_HEAD = re.compile(r"@([A-Za-z]+)[ \t]*\{[ \t\n]*([^\s{}()\"',=@#%\\]+)[ \t\n]*,")
#: What follows a comma: the entry's closing brace, or a field name and its ``=``.
_PLAIN_NAME = re.compile(r"[ \t\n]*(?:(\})|([^\s{}()\"',=@#%\\]+)[ \t\n]*(=)[ \t\n]*)")
#: A value in quotes holding no brace, quote, backslash or ``@``; a number.
_PLAIN_QUOTED = re.compile(r'"[^"{}\\@]*"')
_PLAIN_NUMBER = re.compile(r"[0-9]+")
#: The braces the splitter counts (not escaped by a backslash); an ``@`` sends the file back.
_PLAIN_BRACE = re.compile(r"(?<!\\)[{}]|@")
#: The comma or brace after a value.
_PLAIN_AFTER = re.compile(r"[ \t\n]*([,}])")
#: Entry types bibtexparser reads as other blocks (it tests how the type starts).
_BLOCK_TYPES = ("comment", "preamble", "string")


def _plain_files(texts: Sequence[tuple[str, str]]) -> list[tuple[str, list[_PlainEntry]]] | None:
    """Split the files as bibtexparser would, when every one is plain; else None.

    Plain: nothing but entries and blank space, each entry ``@type{key,`` with fields
    ``name = {value}`` (braces balanced, no ``@`` inside), ``name = "value"`` (no brace,
    quote, backslash or ``@`` inside) or ``name = 123``; no field name twice in an entry
    and no key twice (in any case) in all the files. Whatever else a file holds (comments,
    ``@string`` macros, ``#``, mistakes) is left to bibtexparser, for all the files: macros
    and duplicates cross files.
    """
    split: list[tuple[str, list[_PlainEntry]]] = []
    keys: set[str] = set()
    for name, text in texts:
        entries = _plain_entries(text)
        if entries is None:
            return None
        for entry in entries:
            key = entry.key.casefold()
            if key in keys:
                return None
            keys.add(key)
        split.append((name, entries))
    return split


def _plain_entries(text: str) -> list[_PlainEntry] | None:
    """The entries of one plain file (see :func:`_plain_files`), or None."""
    entries: list[_PlainEntry] = []
    lines = _Lines(text)
    position = _gap(text, 0)
    while position < len(text):
        head = _PLAIN_HEAD.match(text, position)
        if head is None or head.group(1).lower().startswith(_BLOCK_TYPES):
            return None
        entry = _PlainEntry(head.group(1).lower(), head.group(2), [], lines.at(position))
        names: set[str] = set()
        position = head.end()
        while True:
            name = _PLAIN_NAME.match(text, position)
            if name is None:
                return None
            if name.group(1) is not None:  # the closing brace
                position = name.end()
                break
            field_name = name.group(2)
            value = _plain_value(text, name.end())
            after = None if value is None else _PLAIN_AFTER.match(text, value[2])
            if value is None or after is None or field_name.lower() in names:
                return None
            names.add(field_name.lower())
            entry.fields.append(
                _PlainField(field_name, value[0], lines.at(name.start(3)), value[1])
            )
            position = after.end()
            if after.group(1) == "}":
                break
        entries.append(entry)
        position = _gap(text, position)
    return entries


def _gap(text: str, start: int) -> int:
    """Where the blank space starting at ``start`` ends."""
    return _GAP.match(text, start).end()  # type: ignore[union-attr]  # matches empty space too


class _Lines:
    """0-based line numbers of offsets in a text, asked in increasing order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 0

    def at(self, offset: int) -> int:
        """The line of ``offset``, counting the line breaks from the offset asked last."""
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _plain_value(text: str, start: int) -> tuple[str, str | None, int] | None:
    """The value starting at ``start``, its enclosing and where it ends; None if not plain."""
    opening = text[start : start + 1]
    if opening == "{":
        depth = 0
        for brace in _PLAIN_BRACE.finditer(text, start):
            if brace.group() == "@":
                return None
            depth += 1 if brace.group() == "{" else -1
            if depth == 0:
                return text[start + 1 : brace.start()], "{", brace.end()
        return None
    found = (_PLAIN_QUOTED if opening == '"' else _PLAIN_NUMBER).match(text, start)
    if found is None:
        return None
    if opening == '"':
        return found.group()[1:-1], '"', found.end()
    return found.group(), None, found.end()


def parse_string(text: str, **options: Any) -> Library:
    """Parse with bibtexparser's ``parse_string``, imported on first use (see the module text)."""
    from bibtexparser.entrypoint import parse_string as parse  # noqa: PLC0415

    return parse(text, **options)


# --- capturing what bibtexparser says --------------------------------------------------------


class _Said:
    """What bibtexparser logged or warned while one file was parsed."""

    __slots__ = ("caught", "records")

    def __init__(self) -> None:
        self.records: list[logging.LogRecord] = []
        self.caught: list[warnings.WarningMessage] = []


@functools.cache
def _list_handler() -> Callable[[list[logging.LogRecord]], logging.Handler]:
    """The class of a logging handler that keeps records instead of printing them.

    Made on first use: logging is imported only when bibtexparser or pylatexenc run.
    """
    import logging  # noqa: PLC0415 - see above

    class ListHandler(logging.Handler):
        def __init__(self, sink: list[logging.LogRecord]) -> None:
            super().__init__(logging.WARNING)
            self.sink = sink

        def emit(self, record: logging.LogRecord) -> None:
            self.sink.append(record)

    return ListHandler


@contextlib.contextmanager
def _logs_held(name: str, sink: list[logging.LogRecord]) -> Iterator[None]:
    """Keep a library's log records at WARNING and above in ``sink`` instead of printing them."""
    import logging  # noqa: PLC0415 - only bibtexparser and pylatexenc log

    logger = logging.getLogger(name)
    handler = _list_handler()(sink)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextlib.contextmanager
def _capturing() -> Iterator[_Said]:
    """Hold back the ``bibtexparser`` logger and Python warnings while the block runs."""
    said = _Said()
    with _logs_held("bibtexparser", said.records), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        said.caught = caught
        yield said


# --- building sources ------------------------------------------------------------------------


class _Builder:
    """Turns bibtexparser's blocks into sources and problems, file by file."""

    def __init__(self, files: Sequence[str]) -> None:
        """Start an empty library for ``files`` (their order sorts the problems)."""
        self.library: Library | None = None  # made when a file needs bibtexparser
        self.order = {name: index for index, name in enumerate(files)}
        self.parsed: list[tuple[str, list[Block]]] = []
        self.origin: dict[int, str] = {}
        self.sources: dict[str, Source] = {}
        self.folded: dict[str, str] = {}
        self.crossrefs: dict[str, SourcePosition] = {}
        self.inherited: set[str] = set()
        self.macros: dict[str, str] = {}
        self.oversized: set[str] = set()  # macros longer than MAX_VALUE once expanded
        self.keys: Suggester | None = None  # the entries' keys, for hints
        self.problems: list[MapError] = []

    def problem(self, file: str, line: int, message: str, hint: str) -> None:
        """Record a problem at column 1 of a line."""
        self.problems.append(MapError(file, line, 1, message, hint))

    def parse(self, file: str, text: str) -> None:
        """Split one file into the shared library, keeping what bibtexparser says."""
        from bibtexparser.library import Library  # noqa: PLC0415 - see the module text

        if self.library is None:
            self.library = Library()
        before = len(self.library.blocks)
        with _capturing() as said:
            try:
                parse_string(text, library=self.library)
            except Exception as error:  # noqa: BLE001 - a bibtexparser bug must not crash argmap
                self.crashed(file, error, said)
                return
        blocks = self.library.blocks[before:]
        self.parsed.append((file, blocks))
        for block in blocks:
            self.origin[id(block)] = file
        self.report_said(file, said, blocks)

    def crashed(self, file: str, error: Exception, said: _Said) -> None:
        """Report a file bibtexparser gave up on (the library is left unchanged)."""
        line = next(
            (
                int(found.group(1)) + 1
                for record in said.records
                if (found := re.search(_LOGGED_LINE, record.getMessage()))
            ),
            1,
        )
        self.problem(
            file,
            line,
            f"bibtexparser failed on this file ({type(error).__name__}: {error}); "
            "none of its entries were loaded",
            "simplify the block near this line, and report the failure to bibtexparser",
        )

    def report_said(self, file: str, said: _Said, blocks: list[Block]) -> None:
        """Turn log records and warnings not already covered by a failed block into problems."""
        from bibtexparser.model import ParsingFailedBlock  # noqa: PLC0415

        failed = {block.start_line for block in blocks if isinstance(block, ParsingFailedBlock)}
        for record in said.records:
            message = record.getMessage()
            aborted = re.search(_ABORTED_LOG, message)
            if aborted and int(aborted.group(1)) in failed:
                continue
            found = re.search(_LOGGED_LINE, message)
            line = int(found.group(1)) + 1 if found else 1
            self.problem(file, line, f"bibtexparser: {_one_line(message)}", _CHECK_HINT)
        for warning in said.caught:
            self.problem(file, 1, f"bibtexparser: {_one_line(str(warning.message))}", _CHECK_HINT)

    def finish(self) -> Bibliography:
        """Convert every parsed block, resolve crossrefs and return the result."""
        self.collect_macros()
        for file, blocks in self.parsed:
            for block in blocks:
                self.convert(file, block)
        for key in list(self.crossrefs):
            self.inherit(key)
        problems = sorted(
            self.problems, key=lambda p: (self.order.get(p.file, 0), p.line, p.column, p.message)
        )
        return Bibliography(sources=self.sources, problems=tuple(problems))

    def collect_macros(self) -> None:
        """Build the ``@string`` table used for values bibtexparser left unresolved."""
        if not self.parsed:
            return  # plain files only: no macros
        from bibtexparser.model import String  # noqa: PLC0415 - parsed blocks come from it

        for file, blocks in self.parsed:
            for block in blocks:
                if isinstance(block, String):
                    name = block.key.lower()
                    value: str | None = block.value
                    if block.enclosing == "no-enclosing":
                        where = (file, _line(block.start_line), f"@string `{block.key}`")
                        value = self.evaluate(block.value, where, defining=name)
                    if name in self.macros or name in self.oversized:
                        continue  # a duplicate, reported as such; the first one counts
                    if value is None:
                        self.oversized.add(name)
                    else:
                        self.macros[name] = value

    def convert(self, file: str, block: Block) -> None:
        """Turn one block into a source, a problem, or nothing (strings, comments)."""
        from bibtexparser.model import (  # noqa: PLC0415 - parsed blocks come from it
            DuplicateBlockKeyBlock,
            DuplicateFieldKeyBlock,
            Entry,
            ParsingFailedBlock,
        )

        if isinstance(block, Entry):
            self.entry(file, block, resolved=True)
        elif isinstance(block, DuplicateBlockKeyBlock):
            self.duplicate_block(file, block)
        elif isinstance(block, DuplicateFieldKeyBlock):
            # The entry inside is as split, before macros and enclosing were handled.
            if isinstance(block.ignore_error_block, Entry):
                self.entry(file, block.ignore_error_block, resolved=False)
        elif isinstance(block, ParsingFailedBlock):
            self.failed(file, block)

    def failed(self, file: str, block: ParsingFailedBlock) -> None:
        """Report a block bibtexparser could not parse."""
        error = block.error
        reason = _one_line(getattr(error, "abort_reason", "") or str(error)) or type(error).__name__
        head = re.match(_BLOCK_HEAD, (block.raw or "").lstrip())
        kind = head.group(1).lower() if head else ""
        if not head:
            what = "a block"
        elif kind in _NOT_ENTRIES or not head.group(2):
            what = f"`@{kind}` block"
        else:
            what = f"`@{kind}` entry `{head.group(2)}`"
        self.problem(
            file,
            _line(block.start_line),
            f"cannot parse {what}: {reason.rstrip('. ')}",
            "check its braces, quotes, commas and `=` signs; argmap skipped it",
        )

    def duplicate_block(self, file: str, block: DuplicateBlockKeyBlock) -> None:
        """Report a second ``@string`` or entry with a key already used."""
        from bibtexparser.model import Entry, String  # noqa: PLC0415

        duplicate = block.ignore_error_block
        if isinstance(duplicate, Entry) and not duplicate.key.strip():
            self.no_key(file, duplicate)
            return
        previous = block.previous_block
        first = f"{self.origin.get(id(previous), '?')}:{_line(previous.start_line)}"
        if first == f"{file}:{_line(block.start_line)}":
            return  # the very same block, as when a file is read twice: no duplicate
        if isinstance(duplicate, String):
            message = f"duplicate @string `{block.key}` (first defined at {first})"
            hint = "remove one definition; argmap uses the first"
        else:
            message = f"duplicate key `{block.key}` (first defined at {first})"
            hint = "rename or remove one entry"
        self.problem(file, _line(block.start_line), message, hint)

    def no_key(self, file: str, entry: Entry | _PlainEntry) -> None:
        """Report an entry written without a citation key."""
        kind = entry.entry_type.lower()
        self.problem(
            file,
            _line(entry.start_line),
            f"`@{kind}` entry has no key",
            f"write a citation key after `@{kind}{{`",
        )

    def entry(self, file: str, entry: Entry | _PlainEntry, *, resolved: bool) -> None:
        """Add an entry as a source, unless its key is missing or taken."""
        key = entry.key.strip()
        if not key:
            self.no_key(file, entry)
            return
        line = _line(entry.start_line)
        if key in self.sources:
            first = self.sources[key].position
            if (first.file, first.line) == (file, line):
                return  # the very same entry, as when a file is read twice: no duplicate
            self.problem(
                file,
                line,
                f"duplicate key `{key}` (first defined at {first.file}:{first.line})",
                "rename or remove one entry",
            )
            return
        self.case_clash(file, line, key)
        fields = self.fields(file, key, entry.fields, resolved=resolved)
        self.sources[key] = Source(
            key=key,
            entry_type=entry.entry_type.lower(),
            fields=fields,
            position=SourcePosition(file, line, 1),
        )

    def case_clash(self, file: str, line: int, key: str) -> None:
        """Report a key that differs from an earlier one only in case."""
        other = self.folded.setdefault(key.casefold(), key)
        if other != key:
            first = self.sources[other].position
            self.problem(
                file,
                line,
                f"key `{key}` differs only in case from `{other}` "
                f"(defined at {first.file}:{first.line})",
                "rename one of them; BibTeX treats keys that differ only in case as one",
            )

    def fields(
        self, file: str, key: str, fields: Sequence[Field | _PlainField], *, resolved: bool
    ) -> dict[str, str]:
        """Return an entry's fields by lower-case name; the first of a repeated field wins."""
        values: dict[str, str] = {}
        lines: dict[str, int] = {}
        for field in fields:
            name = field.key.strip().lower()
            line = _line(field.start_line)
            if not name:
                self.problem(
                    file, line, f"a field of `{key}` has no name", "write `name = {value}`"
                )
            elif name in values:
                self.problem(
                    file,
                    line,
                    f"field `{name}` is repeated in `{key}` (first on line {lines[name]})",
                    "remove one of them; argmap keeps the first",
                )
            else:
                values[name] = self.value(field, resolved=resolved, where=(file, line, key))
                lines[name] = line
        if "crossref" in values:
            self.crossrefs[key] = SourcePosition(file, lines["crossref"], 1)
        return values

    def value(
        self, field: Field | _PlainField, *, resolved: bool, where: tuple[str, int, str]
    ) -> str:
        """Return a field's value, resolving what bibtexparser left as an expression."""
        raw = field.value if isinstance(field.value, str) else str(field.value)
        if resolved and field.enclosing != "no-enclosing":
            return raw
        file, line, key = where
        value = self.evaluate(raw, (file, line, f"field `{field.key.lower()}` of `{key}`"))
        return raw if value is None else value

    def evaluate(
        self, expression: str, where: tuple[str, int, str], *, defining: str = ""
    ) -> str | None:
        """Evaluate ``a # {b} # "c"``; an undefined macro is reported and kept as its name.

        Returns None, having reported it, when the value would be longer than
        :data:`MAX_VALUE` characters; also, without a report, when it uses a macro that was
        (so that one mistake, such as macros doubling each other, is reported once).
        """
        pieces: list[str] = []
        size = 0
        reported: set[str] = set()
        for part in _concatenated(expression):
            if part[:1] in '{"' and len(part) >= 2 and part[-1] == _CLOSING[part[0]]:
                piece = part[1:-1]
            elif part.isdigit() or part.lower() in _MONTHS:
                piece = part
            elif (macro := self.macros.get(part.lower())) is not None:
                piece = macro
            elif part.lower() in self.oversized:
                return None
            else:
                if part not in reported:
                    reported.add(part)
                    self.undefined(part, where, itself=part.lower() == defining)
                piece = part
            size += len(piece)
            if size > MAX_VALUE:
                self.too_long(where, macro=bool(defining))
                return None
            pieces.append(piece)
        return "".join(pieces)

    def too_long(self, where: tuple[str, int, str], *, macro: bool) -> None:
        """Report a value that grows beyond :data:`MAX_VALUE` characters as macros expand."""
        file, line, what = where
        kept = "argmap leaves it undefined" if macro else "kept as written"
        self.problem(
            file,
            line,
            f"{what} is longer than {MAX_VALUE:,} characters once its @string macros are "
            f"expanded ({kept})",
            "check the @string macros it uses: macros that repeat each other grow without bound",
        )

    def undefined(self, part: str, where: tuple[str, int, str], *, itself: bool = False) -> None:
        """Report a bare word that is no defined macro, or a bare value that cannot be one."""
        file, line, what = where
        if itself:
            message = f"{what} uses the undefined @string `{part}` (kept as written)"
            hint = "a @string uses itself: it can only use the macros defined before it"
        elif re.match(_MACRO_NAME, part):
            message = f"{what} uses the undefined @string `{part}` (kept as written)"
            hint = (
                f"define it with `@string{{{part} = {{...}}}}`, load the .bib file that defines "
                "it first, or put the value in braces"
            )
        else:
            message = f"{what} has a bare value `{part}`"
            hint = "put the value in braces: `{...}`"
        self.problem(file, line, message, hint)

    def inherit(self, key: str) -> None:
        """Give a crossref child the fields it lacks from its parent, parents first.

        Walks up the crossref chain without recursion (a chain may be thousands long), then
        fills the entries from the top down. A missing parent or a cycle is reported where the
        crossref is written, and the entry that names it inherits nothing.
        """
        to_fill: list[tuple[str, str]] = []  # (child, parent), the child first
        path: dict[str, None] = {}  # the keys walked so far, in order
        while key not in self.inherited:
            self.inherited.add(key)
            path[key] = None
            parent_key = (self.sources[key].field("crossref") or "").strip()
            at = self.crossrefs[key]
            if parent_key not in self.sources:
                self.problem(
                    at.file,
                    at.line,
                    f"crossref `{parent_key}` of `{key}` names no entry",
                    f"add the entry `{parent_key}` or correct the key{self.suggest(parent_key)}",
                )
                break
            if parent_key in path:
                cycle = " -> ".join(f"`{k}`" for k in (*path, parent_key))
                self.problem(
                    at.file, at.line, f"crossref cycle {cycle}", "remove one of these crossrefs"
                )
                break
            to_fill.append((key, parent_key))
            if parent_key not in self.crossrefs:
                break
            key = parent_key
        for child_key, parent_key in reversed(to_fill):
            child, parent = self.sources[child_key], self.sources[parent_key]
            self.sources[child_key] = attrs.evolve(
                child, fields=_inherited(child.fields, parent.fields)
            )

    def suggest(self, key: str) -> str:
        """Return ``" (did you mean `x`?)"`` for the closest existing key, or nothing."""
        close = self.folded.get(key.casefold())
        if close is None:
            if self.keys is None:  # made once: a file may have thousands of broken crossrefs
                self.keys = Suggester(self.sources)
            matches = self.keys.close(key, cutoff=0.8)
            close = matches[0] if matches else None
        return f" (did you mean `{close}`?)" if close else ""


_CLOSING = {"{": "}", '"': '"'}
_CHECK_HINT = "check the entry near this line"


def _line(start_line: int | None) -> int:
    """Convert bibtexparser's 0-based line to argmap's 1-based one."""
    return (start_line or 0) + 1


def _one_line(text: str) -> str:
    """Collapse a message's whitespace and newlines into single spaces."""
    return " ".join(text.split())


def _concatenated(expression: str) -> list[str]:
    """Split a BibTeX value at the ``#`` signs outside braces and quotes."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for index, char in enumerate(expression):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(expression[start:index])
            start = index + 1
    parts.append(expression[start:])
    return [part.strip() for part in parts if part.strip()]


def _inherited(child: Mapping[str, str], parent: Mapping[str, str]) -> dict[str, str]:
    """Return the child's fields plus those it lacks from the parent.

    A child without a ``booktitle`` takes the parent's ``title`` as its ``booktitle`` (a chapter
    is *in* its book); every other missing field is copied as it is, except ``_NOT_INHERITED``.
    """
    fields = dict(child)
    if "booktitle" not in fields and "title" in parent:
        fields["booktitle"] = parent["title"]
    for name, value in parent.items():
        if name not in fields and name not in _NOT_INHERITED:
            fields[name] = value
    return fields


# --- display -----------------------------------------------------------------------------------

#: Text that needs the LaTeX decoder; anything else only has its whitespace collapsed.
_LATEX_SYNTAX = r"[\\{}~$]|--|``|''"
#: What the fallback decoder removes: commands, control symbols and braces.
_LATEX_COMMAND = r"\\[A-Za-z]+\s*|\\(?=[^A-Za-z])|[{}]"
#: Characters LaTeX treats specially that .bib files often mean literally.
_LITERAL = r"(?<!\\)([%&#])"


def plain(text: str) -> str:
    r"""Return LaTeX text as plain Unicode, on one line.

    Accents (``{\'e}``, ``\"o``, ``{\v{s}}``) become letters, ``--`` and ``---`` dashes, ``~``
    a space; braces and formatting commands go, their text stays. A bare ``%``, ``&`` or ``#``
    is kept as the character (LaTeX would read a comment or an alignment).

    Args:
        text: A raw field value.

    Returns:
        The text a reader would see, with runs of whitespace collapsed to one space.
    """
    if re.search(_LATEX_SYNTAX, text):
        text = _decode_latex(text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=4096)
def _decode_latex(text: str) -> str:
    """Decode LaTeX with pylatexenc (tolerant), escaping the literal characters first.

    pylatexenc logs (and can even raise) on odd input, such as a macro missing an argument:
    its records are discarded and a plain strip of commands and braces is the fallback.
    """
    from pylatexenc import latexwalker  # noqa: PLC0415 - only display decodes LaTeX

    walker_context, converter = _latex_tools()
    with _logs_held("pylatexenc", []):
        try:
            walker = latexwalker.LatexWalker(
                re.sub(_LITERAL, r"\\\1", text), latex_context=walker_context, tolerant_parsing=True
            )
            return str(converter.nodelist_to_text(walker.get_latex_nodes()[0]))
        except Exception:  # noqa: BLE001 - a display helper must not fail on a strange title
            return re.sub(_LATEX_COMMAND, "", text)


@functools.cache
def _latex_tools() -> tuple[Any, Any]:
    """Build pylatexenc's parser context and converter once, with a few bibliography macros."""
    from pylatexenc import latex2text, latexwalker, macrospec  # noqa: PLC0415

    walker_context = latexwalker.get_default_latex_context_db()
    walker_context.add_context_category(
        "argmap", prepend=True, macros=[macrospec.MacroSpec("href", "{{")]
    )
    text_context = latex2text.get_default_latex_context_db()
    text_context.add_context_category(
        "argmap",
        prepend=True,
        macros=[
            latex2text.MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
            latex2text.MacroTextSpec("TeX", simplify_repl="TeX"),
            latex2text.MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
            latex2text.MacroTextSpec("url", simplify_repl=_argument_text(0)),
            latex2text.MacroTextSpec("href", simplify_repl=_argument_text(1)),
        ],
    )
    return walker_context, latex2text.LatexNodes2Text(latex_context=text_context)


def _argument_text(index: int) -> Callable[[Any, Any], str]:
    """Return a pylatexenc replacement giving one argument of a macro, or nothing if absent."""

    def text(node: Any, l2tobj: Any) -> str:
        arguments = node.nodeargd.argnlist if node.nodeargd else []
        argument = arguments[index] if index < len(arguments) else None
        return "" if argument is None else str(l2tobj.nodelist_to_text([argument]))

    return text


class _Name(NamedTuple):
    """A BibTeX name in its four parts, each still raw LaTeX."""

    first: str
    von: str
    last: str
    jr: str

    def family(self) -> str:
        """Return the family name, with its particle: ``van Gogh``."""
        return plain(f"{self.von} {self.last}")

    def display(self, *, inverted: bool) -> str:
        """Return ``Gogh, Vincent van``-style (inverted) or ``Vincent van Gogh``."""
        first, family, jr = plain(self.first), self.family(), plain(self.jr)
        if inverted:
            return ", ".join(part for part in (family, first, jr) if part)
        name = " ".join(part for part in (first, family) if part)
        return f"{name}, {jr}" if jr else name


def authors(source: Source) -> tuple[str, ...]:
    """Return the family names of a source's authors, or else of its editors.

    Names are split on ``and`` outside braces; ``Last, First``, ``First Last``,
    ``First von Last`` and ``von Last, Jr, First`` are understood, and a braced
    ``{Corporate Name}`` is one name. ``and others`` is left out.

    Args:
        source: A bibliography entry.

    Returns:
        The family names as plain text, in order; empty when there are none.
    """
    names, _ = _contributors(source)
    return tuple(name.family() for name in names)


def short_label(source: Source) -> str:
    """Return an author-year label: ``Waltz 1979``, ``Keohane and Nye 1977``, ``Smith et al. 2020``.

    Args:
        source: A bibliography entry.

    Returns:
        The label; the entry's key when it has neither authors nor editors.
    """
    names, others = _contributors(source)
    families = [name.family() for name in names]
    if not families:
        return source.key
    many = len(families) > 2 or others
    who = f"{families[0]} et al." if many else " and ".join(families)
    year = plain(source.year or "")
    return f"{who} {year}" if year else who


def format_reference(source: Source) -> str:
    """Return a full plain-text reference, author-date style, for a bibliography.

    The order is: authors (or editors), year (``n.d.`` if none), title, then where the work
    appeared: journal, volume(number): pages; or ``In`` book title, editors, pages; then address:
    publisher (or school, institution, organization); else ``howpublished`` or the URL. A DOI
    comes last, as a link.

    Args:
        source: A bibliography entry.

    Returns:
        One line of plain text; the same entry always gives the same line.
    """
    names, others = _contributors(source)
    edited = bool(names) and not (source.field("author") or "").strip()
    head = _name_list(names, others, inverted=True)
    if edited and head:
        head += ", eds." if len(names) > 1 or others else ", ed."
    pieces = [head, plain(source.year or "") or "n.d.", plain(source.field("title") or "")]
    pieces.extend(_container(source, editors_shown=edited))
    return _sentences(pieces)


def _contributors(source: Source) -> tuple[list[_Name], bool]:
    """Return the authors, or else the editors, and whether ``and others`` ends the list."""
    names, others = _names(source.field("author") or "")
    if names or others:
        return names, others
    return _names(source.field("editor") or "")


def _names(value: str) -> tuple[list[_Name], bool]:
    """Split a name list; return the names and whether it ends in ``and others``."""
    groups: list[list[str]] = [[]]
    for word in _words(value):
        if word.lower() == "and":
            groups.append([])
        else:
            groups[-1].append(word)
    written = [" ".join(group) for group in groups if group]
    others = bool(written) and written[-1] == "others"
    if others:
        written.pop()
    return [_parse_name(name) for name in written], others


def _words(text: str, separators: str = " \t\n~") -> list[str]:
    """Split text at separators outside braces."""
    words: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and char in separators:
            if current:
                words.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return words


def _parse_name(name: str) -> _Name:
    """Split one name into first, von, last and jr, by BibTeX's rules."""
    parts = [part.strip() for part in _split_commas(name)]
    if len(parts) == 1:
        return _first_von_last(_words(parts[0]))
    words = _words(parts[0])
    lower = [i for i, word in enumerate(words[:-1]) if _starts_lower(word)]
    cut = lower[-1] + 1 if lower else 0
    jr = parts[1] if len(parts) > 2 else ""
    first = ", ".join(parts[2:]) if len(parts) > 2 else parts[1]
    return _Name(first, " ".join(words[:cut]), " ".join(words[cut:]), jr)


def _split_commas(text: str) -> list[str]:
    """Split text at commas outside braces."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _first_von_last(words: list[str]) -> _Name:
    """Split ``First von Last``: von runs from the first to the last lower-case word."""
    if len(words) < 2:
        return _Name("", "", " ".join(words), "")
    lower = [i for i, word in enumerate(words[:-1]) if _starts_lower(word)]
    if not lower:
        return _Name(" ".join(words[:-1]), "", words[-1], "")
    start, end = lower[0], lower[-1] + 1
    return _Name(" ".join(words[:start]), " ".join(words[start:end]), " ".join(words[end:]), "")


_COMMAND_NAME = re.compile(r"[A-Za-z]+")
#: Commands that are letters themselves: ``{\o}stergaard`` starts with a lower-case letter.
_LETTER_COMMANDS = frozenset(
    {"aa", "AA", "ae", "AE", "i", "j", "l", "L", "o", "O", "oe", "OE", "ss"}
)


def _starts_lower(word: str) -> bool:
    """Whether a word's first letter is lower case; a braced group (``{von}``) has no case."""
    if word.startswith("{") and not word.startswith("{\\"):
        return False
    index = 0
    while index < len(word):
        char = word[index]
        if char == "\\":
            name = _COMMAND_NAME.match(word, index + 1)
            command = name.group() if name else ""
            if command in _LETTER_COMMANDS:
                return command[0].islower()
            index += 1 + max(len(command), 1)
            continue
        if char.isalpha():
            return char.islower()
        index += 1
    return False


def _name_list(names: list[_Name], others: bool, *, inverted: bool) -> str:
    """Join names: the first inverted if asked, ``, and`` before the last, ``et al.``."""
    shown = [name.display(inverted=inverted and i == 0) for i, name in enumerate(names)]
    if not shown:
        return ""
    if others:
        return ", ".join([*shown, "et al."])
    if len(shown) == 1:
        return shown[0]
    comma = "," if len(shown) > 2 or inverted else ""
    return f"{', '.join(shown[:-1])}{comma} and {shown[-1]}"


def _container(source: Source, *, editors_shown: bool) -> list[str]:
    """Return the pieces saying where the work appeared, then its DOI or URL."""
    field = source.field
    if journal := plain(field("journal") or field("journaltitle") or ""):
        pieces = [_journal(journal, source)]
    else:
        pieces = [*_in_book(source, editors_shown=editors_shown), *_publisher(source)]
    if not pieces and (howpublished := plain(field("howpublished") or "")):
        pieces.append(howpublished)
    if doi := (field("doi") or "").strip():
        pieces.append(doi if doi.startswith("http") else f"https://doi.org/{doi}")
    elif url := _url(field("url") or ""):
        pieces.append(url)
    return pieces


def _in_book(source: Source, *, editors_shown: bool) -> list[str]:
    """Return ``In Book Title, edited by A and B, 45--67`` for a part of a book.

    A book title equal to the title (as some exports write for whole books) is not repeated.
    """
    booktitle = plain(source.field("booktitle") or "")
    if not booktitle or booktitle == plain(source.field("title") or ""):
        return []
    text = f"In {booktitle}"
    editors, others = _names(source.field("editor") or "")
    if editors and not editors_shown:
        text += f", edited by {_name_list(editors, others, inverted=False)}"
    pages = plain(source.field("pages") or "")
    return [f"{text}, {pages}" if pages else text]


def _publisher(source: Source) -> list[str]:
    """Return ``Address: Publisher`` (or school, institution, organization), if any."""
    field = source.field
    publisher = plain(
        field("publisher") or field("school") or field("institution") or field("organization") or ""
    )
    address = plain(field("address") or field("location") or "")
    return (
        [": ".join(part for part in (address, publisher) if part)] if publisher or address else []
    )


def _journal(journal: str, source: Source) -> str:
    """Return ``Journal 12(3): 45--67`` (pages as written)."""
    volume = plain(source.field("volume") or "")
    number = plain(source.field("number") or source.field("issue") or "")
    pages = plain(source.field("pages") or "")
    text = f"{journal} {volume}" if volume else journal
    if number:
        text += f"({number})" if volume else f" ({number})"
    if pages:
        text += f": {pages}" if volume or number else f", {pages}"
    return text


def _url(url: str) -> str:
    r"""Return a URL as written, without LaTeX braces or ``\url``."""
    url = url.strip()
    if url.startswith("\\url{") and url.endswith("}"):
        url = url[5:-1]
    return url.replace("{", "").replace("}", "").strip()


def _sentences(pieces: list[str]) -> str:
    """Join non-empty pieces as sentences, adding a period where none ends one."""
    sentences = []
    for piece in pieces:
        text = piece.strip()
        if text:
            sentences.append(text if text[-1] in ".?!" else f"{text}.")
    return " ".join(sentences)
