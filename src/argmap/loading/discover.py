r"""Map discovery, the first stage of loading: which files form which map.

:func:`discover` takes the paths a user named and returns the maps they hold (each a
:class:`MapFiles`: its root, its files in reading order, its format), what could not be read or
was named but is no map (:class:`~argmap.errors.MapError` records) and what was passed over on
purpose, with the reason. :func:`classify` tells one file's kind from its name and bytes;
:func:`map_containing` gives the map of one file, as an editor needs it.

**Which files are map files.**

* A YAML file (``.yaml``, ``.yml``) is a map file only if its top level is a mapping with a
  ``nodes`` or a ``map`` key; with a ``map`` key it is a *header file*. Other YAML (CI
  workflows, tool settings, docker-compose files) is never read as a map. The top-level keys
  are read from the bytes, without parsing, when the top level is a block mapping written at
  column 0: after a byte-order mark, blank and comment lines and at most one ``---`` line,
  every line starting at column 0 (other than a comment) is a plain key of letters, digits and
  punctuation, or a quoted ``"key"``/``'key'`` without escapes, followed by ``:`` and a space or
  the line's end. A first key ``map`` decides at once; a ``nodes``/``map`` key on a later line
  at column 0 might sit inside a multi-line quoted string or flow collection, so PyYAML (its
  safe loader) is asked then, reading events only down to the top-level keys; and so it is for
  every other shape (a flow mapping ``{...}``, an indented top level, directives, several
  documents, explicit ``?`` keys, anchors, tags, aliases and merge keys on keys, line breaks
  other than ``\n`` and ``\r\n``). A file PyYAML cannot read counts as a map file, so that
  the reader reports the error, only when a ``nodes`` or ``map`` key is recognisable at its top
  level: on a line starting at column 0 (possibly after ``---`` or ``{``), or among the
  top-level keys PyYAML read before the error. Otherwise it is not a map file.
* A JSON file (``.json``) is an AIF map file (AIFdb nodeset, OVA or xAIF) when it holds a JSON
  object with a ``nodes`` list or an ``AIF`` object holding one, and an argmap-JSON map file
  when it holds an object with ``"format": "argmap"``. A JSON file whose first 64 KiB show no
  ``"nodes"``, ``"AIF"`` or ``"format"`` key is not parsed and is no map file. JSON that does
  not parse counts as argmap JSON when its first 64 KiB show ``"format": "argmap"``, else as
  AIF when they show a ``"nodes"`` or ``"AIF"`` key, so that the reader reports the error.
* An Argdown file (``.argdown``, ``.ad``) is always a map file; discovery does not read it.
* A file with any other name is read only when named explicitly, and then judged by its
  content: JSON as above when it starts with ``{``, else YAML as above, else Argdown when a
  line in its first 64 KiB looks like Argdown (``===`` front matter, a ``[Title]:`` or
  ``<Title>`` definition, a numbered premise ``(1)``, a relation line such as ``+ <Arg>``).

**Which map files form which map.**

* Each AIF, argmap-JSON and Argdown file is a map of its own, rooted at the file itself.
* A header file roots a map at its folder: every YAML map file in that folder and below,
  except the subtrees of folders holding a header file of their own, which root their own
  maps, and of folders that are project roots of their own (holding ``.git`` or
  ``pyproject.toml``), where the search for a file's header (below) stops. Several header
  files in one folder make one map whose header is the first in sorted order (the reader
  reports the second ``map:``).
* YAML map files under no header: those directly in one folder form one map, rooted there.
* A file named explicitly resolves to the whole map it belongs to: its own folder, then each
  folder above it (lexically, ``..`` by ``..``) is searched for a header file, and the nearest
  one wins; the search stops after the project root (the first folder at or above holding
  ``.git`` or ``pyproject.toml``) or at the filesystem root. With no header found, the map is
  the headerless group of the file's own folder. A file named explicitly that is not a regular
  file (a FIFO, ``/dev/stdin``) is a map of its own.
* A folder named explicitly resolves to the maps of the map files found walking it; a map
  file whose header is above the folder gives the whole outer map.
* Each map is listed once, however many of its files or folders were named. A map's files
  are read in sorted path order; maps are listed sorted by root, then by first file.

**Walking a folder.** Folders are listed with :func:`os.scandir`; these are passed over
silently, at any depth below the folder walked (the folder itself and those above it are never
checked):

* hidden entries (names starting with ``.``), and entries named ``.git``, ``.hg``, ``.svn``,
  ``.venv``, ``venv``, ``node_modules``, ``__pycache__``, ``.tox``, ``.nox``, ``.mypy_cache``,
  ``.ruff_cache``, ``.pytest_cache``, ``.hypothesis``, ``_build``, ``build``, ``dist``,
  ``site-packages``, ``.argmap_cache`` or ``.eggs`` (:data:`DEFAULT_EXCLUDES`);
* files whose name does not end in a map suffix (:data:`MAP_SUFFIXES`, any case);
* when ``include`` patterns are given, files that match none of them;
* entries matching an ``exclude`` pattern;
* entries a ``.gitignore`` ignores, as git does: the repository root is the nearest folder at
  or above holding ``.git``; the ``.gitignore`` of each folder from there down applies to what
  is below it, with patterns relative to its own folder, a deeper file's decision overriding a
  higher one's, and ``.git/info/exclude`` applying last (relative to the repository root).
  Nothing below an ignored or excluded folder is looked at. The global git excludes file is
  not read.

``include`` and ``exclude`` are gitignore-style patterns (matched with
:class:`pathspec.GitIgnoreSpec`) relative to ``base`` (the folder of the ``pyproject.toml``
that gave them; default: the working folder); a path outside ``base`` is matched by its name
alone. A path named explicitly is always considered, even when excluded or ignored; and inside
a folder, patterns that match that folder itself (so every path below it) do not apply, so that
the contents of a folder named explicitly are found even when it lies in an excluded folder.

**Hostile input.** A symlinked folder is never followed while walking; a symlinked file is
followed only when its target resolves inside the walked root: the folder named, and for the
files of a YAML map the map's root folder (so a link to a file outside its map is passed over);
a FIFO, socket or device is never opened while walking (decided from the folder listing).
Each of these, when it has a map suffix (or, for folders, is not excluded), is listed in
:attr:`Discovery.skipped` with the reason. A folder or file that cannot be read is an error
(``cannot read …``), never passed over silently. A path named explicitly is followed whatever
it is: a symlink, a FIFO, ``/dev/stdin``.

**Paths and contents.** Paths in the results are built from the paths as given (normalised
with :func:`os.path.normpath`, never resolved), so messages name files as the user named them.
Files' bytes are read only through the ``contents`` callback (each file at most once per
call of :func:`discover`), ``.gitignore`` files included, so that a caller can hand the same
bytes to later stages and an editor's unsaved text can stand in for a file; folders are listed
on disk.
"""

# Paths are plain strings here on purpose: they stay lexical (never resolved), and walking up
# needs "." to have ".." as its parent, which pathlib does not give.
# ruff: noqa: PTH100, PTH113, PTH116, PTH118, PTH119, PTH120, PTH122

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

import attrs

from argmap._io import decode_utf8, read_bytes
from argmap.errors import LoadError, MapError, did_you_mean
from argmap.loading.drafts import MapFormat

if TYPE_CHECKING:
    import pathspec
    from yaml.events import Event, ScalarEvent

    _Patterns = tuple[str, pathspec.GitIgnoreSpec]

__all__ = [
    "DEFAULT_EXCLUDES",
    "MAP_SUFFIXES",
    "Discovery",
    "FileKind",
    "MapFiles",
    "classify",
    "discover",
    "map_containing",
]

#: What :func:`classify` says a file is.
FileKind = Literal["yaml-header", "yaml", "aif", "json", "argdown"]

#: Names passed over at any depth while walking, as ruff does.
DEFAULT_EXCLUDES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "_build",
        "build",
        "dist",
        "site-packages",
        ".argmap_cache",
        ".eggs",
    }
)
#: The suffixes of the files a walk considers.
MAP_SUFFIXES = (".yaml", ".yml", ".json", ".argdown", ".ad")

_YAML_SUFFIXES = (".yaml", ".yml")
_ARGDOWN_SUFFIXES = (".argdown", ".ad")
_YAML_KINDS = ("yaml", "yaml-header")
_FORMATS: dict[FileKind, MapFormat] = {
    "yaml-header": "yaml",
    "yaml": "yaml",
    "aif": "aif",
    "json": "json",
    "argdown": "argdown",
}
_HEAD_BYTES = 65536
_BOM = b"\xef\xbb\xbf"

# -- YAML, read from the bytes -------------------------------------------------------------------
# A line starting at column 0 that is neither blank nor a comment.
_FIRST_LINE = re.compile(rb"[^\s#].*")
# A line at column 0 after a line break: led by the literal break, the search skips from one
# break to the next (several times faster on a large map than ``^`` with re.MULTILINE).
_NEXT_LINE = re.compile(rb"\n([^\s#].*)")
# Blank and comment lines, the last one possibly without its line break.
_PROLOGUE = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:#[^\n]*)?")
_DOCUMENT_START = re.compile(rb"---[ \t]*(?:#.*)?")
_SIMPLE_KEY = re.compile(rb"""([A-Za-z0-9_][^\s:#'"]*|"[^"\\\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]|$)""")
# The patterns a YAML map file rarely needs, and those of the other formats, are compiled when
# first used (re caches them): compiling them all cost every start-up half a millisecond.
# Line breaks PyYAML knows besides \n and \r\n: a lone \r, NEL, LS, PS.
_ODD_BREAKS = rb"\r(?!\n)|\xc2\x85|\xe2\x80[\xa8\xa9]"
_ODD_BREAK_BYTES = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_PLAUSIBLE_KEY = (
    rb"""(?m)^(?:\xef\xbb\xbf)?(?:---[ \t]+)?(?:\{[ \t]*)?"""
    rb"""(["']?)(nodes|map)\1[ \t]*:(?:[ \t\r]|$)"""
)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_STRING_TAGS = (None, "!", "tag:yaml.org,2002:str")

# -- JSON and Argdown ----------------------------------------------------------------------------
_JSON_KEY = rb'"(?:nodes|AIF|format)"\s*:'
_JSON_ARGMAP = rb'"format"\s*:\s*"argmap"'
_JSON_AIF = rb'"(?:nodes|AIF)"\s*:'
#: How AIFdb writes a nodeset: the object opens with its ``nodes``, the first with a ``nodeID``.
_AIFDB_START = rb'\s*\{\s*"nodes"\s*:\s*\[\s*\{\s*"nodeID"\s*:'
_ARGDOWN_LINE = (
    rb"(?m)^(?:===\s*$|\s*\[[^\]\n]+\]:|\s*<[^>\n]+>:?|\s*\(\d+\)\s"
    rb"|\s*(?:<?[+\-_]|[+\-_]>|><)\s+[\[<])"
)


@attrs.frozen
class MapFiles:
    """One discovered map: where it is rooted, the files it is read from, their format.

    Attributes:
        root: The header file's folder, the folder of a headerless group, or the file itself
            for a one-file map (AIF, argmap JSON, Argdown, or a FIFO named explicitly).
        files: The map's files in reading order (sorted by path).
        format: The format of every file of the map.
        header: The YAML file holding ``map:`` (the first in sorted order when several do).
    """

    root: Path
    files: tuple[Path, ...]
    format: MapFormat
    header: Path | None = None


@attrs.frozen
class Discovery:
    """What :func:`discover` found.

    Attributes:
        maps: The maps, sorted by root, then by first file.
        errors: Paths that do not exist, folders and files that cannot be read, and files
            named explicitly that are no map; each at line 1, column 1 of its path.
        skipped: Paths passed over with the reason: symlinks not followed, FIFOs, sockets and
            devices not opened.
    """

    maps: tuple[MapFiles, ...]
    errors: tuple[MapError, ...] = ()
    skipped: tuple[tuple[Path, str], ...] = ()


def classify(name: str, data: bytes) -> FileKind | None:
    """Say what a file is, from its name and bytes, by the rules of the module text.

    Args:
        name: the file's name (a path will do); only its suffix is looked at.
        data: the file's bytes (not looked at for ``.argdown`` and ``.ad`` files).

    Returns:
        ``"yaml-header"`` (a YAML map file with ``map:``), ``"yaml"``, ``"aif"``, ``"json"``
        (argmap JSON), ``"argdown"``, or None when the file is no map file.
    """
    suffix = _suffix(name)
    if suffix in _ARGDOWN_SUFFIXES:
        return "argdown"
    if suffix == ".json":
        return _classify_json(data)
    if suffix in _YAML_SUFFIXES:
        return _classify_yaml(data)
    return _classify_content(data)


def discover(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    base: str | os.PathLike[str] | None = None,
    contents: Callable[[Path], bytes] | None = None,
    respect_gitignore: bool = True,
) -> Discovery:
    """Find the maps the named files and folders hold, by the rules of the module text.

    Args:
        paths: files and folders, as the user named them (one path alone is taken as a list
            of one).
        include: when given, gitignore-style patterns a walked file must match.
        exclude: gitignore-style patterns of paths to pass over when walking.
        base: the folder ``include`` and ``exclude`` are relative to (default: the working
            folder).
        contents: returns a file's bytes; it should raise :class:`~argmap.errors.LoadError`
            for a file that cannot be read. Default: read the file.
        respect_gitignore: whether ``.gitignore`` files and ``.git/info/exclude`` apply.

    Returns:
        The maps, the errors and what was passed over.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    search = _Search(
        _Filters.of(include, exclude, base, gitignore=respect_gitignore),
        read_bytes if contents is None else contents,
    )
    for path in paths:
        search.named(_Place.of(path))
    return search.result()


def map_containing(
    path: str | os.PathLike[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    base: str | os.PathLike[str] | None = None,
    contents: Callable[[Path], bytes] | None = None,
    respect_gitignore: bool = True,
) -> MapFiles | None:
    """Return the map one file belongs to, as :func:`discover` finds it from that file.

    Returns:
        The map, or None when the file is no map file or cannot be read (:func:`discover`
        says why).
    """
    found = discover(
        [path],
        include=include,
        exclude=exclude,
        base=base,
        contents=contents,
        respect_gitignore=respect_gitignore,
    )
    return found.maps[0] if len(found.maps) == 1 else None


# -- classifying ---------------------------------------------------------------------------------


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _classify_content(data: bytes) -> FileKind | None:
    if data.removeprefix(_BOM).lstrip().startswith(b"{"):
        found = _classify_json(data)
        if found is not None:
            return found
    yaml_kind = _classify_yaml(data)
    if yaml_kind is not None:
        return yaml_kind
    return "argdown" if re.search(_ARGDOWN_LINE, data[:_HEAD_BYTES]) else None


def _classify_json(data: bytes) -> Literal["aif", "json"] | None:
    head = data[:_HEAD_BYTES]
    if not re.search(_JSON_KEY, head):
        return None
    if (
        re.match(_AIFDB_START, data.removeprefix(_BOM))
        and b'"format"' not in data
        and b'"AIF"' not in data
    ):
        # AIFdb's own layout, with no key that could make it argmap JSON or an OVA wrapper:
        # AIF, as parsing the whole file would say (or broken, which its reader reports). Not
        # parsing it here keeps discovery, which runs before any worker, light.
        return "aif"
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deeply
        if re.search(_JSON_ARGMAP, head):
            return "json"
        return "aif" if re.search(_JSON_AIF, head) else None
    if isinstance(value, dict) and value.get("format") == "argmap":
        return "json"
    from argmap.interchange.aif import looks_like_aif  # noqa: PLC0415 - only JSON needs it

    return "aif" if looks_like_aif(value) else None


def _classify_yaml(data: bytes) -> Literal["yaml-header", "yaml"] | None:
    text = data.removeprefix(_BOM)
    # Plain substring tests first: each is a memchr-speed scan, several times faster on a
    # large map than the regular expression, which only runs when one of them hits.
    # An ASCII text (most maps) can only hold the lone \r; isascii is faster still.
    marks = (b"\r",) if text.isascii() else _ODD_BREAK_BYTES
    if any(mark in text for mark in marks) and re.search(_ODD_BREAKS, text):
        return _yaml_by_events(data)
    keys = _column0_keys(text)
    first = next(keys, b"")
    if first is None:
        return _yaml_by_events(data)
    if first == b"map":
        return "yaml-header"
    later: set[bytes] = set()
    for key in keys:
        if key is None:
            return _yaml_by_events(data)
        later.add(key)
    if first == b"nodes" and b"map" not in later:
        return "yaml"
    if first != b"nodes" and not later & {b"nodes", b"map"}:
        return None
    return _yaml_by_events(data)


def _column0_keys(text: bytes) -> Iterator[bytes | None]:
    """Yield the key of each line at column 0, or None for a line that is not a simple key.

    Before the first key only blank and comment lines and one ``---`` line may come; a text
    with no line at column 0 yields None unless it is all blank and comment lines.
    """
    position = 0
    started = False
    first = True
    for start, line in _column0_lines(text):
        body = line.rstrip(b"\r")
        if first and not _PROLOGUE.fullmatch(text, position, start):
            yield None
            return
        if first and not started and _DOCUMENT_START.fullmatch(body):
            started = True
            position = min(start + len(line) + 1, len(text))
            continue
        key = _SIMPLE_KEY.match(body)
        if key is None:
            yield None
            return
        first = False
        name = key.group(1)
        yield name[1:-1] if name[:1] in b"'\"" else name
    if first and not _PROLOGUE.fullmatch(text, position):
        yield None


def _column0_lines(text: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (offset, text) of each line that starts at column 0 with neither space nor ``#``."""
    line = _FIRST_LINE.match(text)
    if line is not None:
        yield 0, line.group()
    for line in _NEXT_LINE.finditer(text):
        yield line.start(1), line.group(1)


def _top_level_words(data: bytes) -> tuple[str, ...]:
    """Return the keys of the lines at column 0, up to the first line that is no simple key."""
    words: list[str] = []
    for key in _column0_keys(data.removeprefix(_BOM)):
        if key is None:
            break
        words.append(key.decode("utf-8", errors="replace"))
    return tuple(words)


def _misspelt_top_key(words: Iterable[str]) -> str:
    """Return "`nodez` is no map key; did you mean `nodes`?" for a word close to a map key."""
    for word in words:
        if close := did_you_mean(word, ("nodes", "map"), cutoff=0.6):
            return f"`{word}` is no map key; {close}"
    return ""


class _OddYamlError(Exception):
    """The top level needs a full load to be told: a tag, an alias or a merge key on it."""


def _yaml_by_events(data: bytes) -> Literal["yaml-header", "yaml"] | None:
    import yaml  # noqa: PLC0415 - most files are told without PyYAML

    seen: set[str] = set()
    try:
        for key in _top_level_keys(yaml.parse(data, Loader=_yaml_loader())):
            if key == "map":
                return "yaml-header"
            seen.add(key)
    except _OddYamlError:
        return _yaml_by_load(data)
    except (yaml.YAMLError, ValueError):
        seen.update(_plausible_keys(data))
    return _verdict(seen)


def _top_level_keys(events: Iterable[Event]) -> Iterator[str]:
    """Yield the top-level keys of a YAML stream of one document whose root is a mapping.

    Raises:
        yaml.YAMLError: when the stream holds a second document.
        _OddYamlError: when the keys cannot be told from the events alone.
    """
    import yaml  # noqa: PLC0415

    depth = 0
    documents = 0
    mapping = False
    key_next = False
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise yaml.YAMLError("expected a single document in the stream")
        elif isinstance(event, yaml.CollectionStartEvent):
            if depth == 0:
                mapping = isinstance(event, yaml.MappingStartEvent)
                if event.tag not in (None, "!", _MAP_TAG if mapping else _SEQUENCE_TAG):
                    raise _OddYamlError
                key_next = True
            elif depth == 1 and mapping:
                if key_next:
                    raise _OddYamlError  # a collection as a key
                key_next = True
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.NodeEvent) and depth == 1 and mapping:
            if key_next:
                if not isinstance(event, yaml.ScalarEvent) or not _plain_string(event):
                    raise _OddYamlError
                yield event.value
            key_next = not key_next


def _plain_string(event: ScalarEvent) -> bool:
    merge = event.tag is None and event.implicit[0] and event.value == "<<"
    return event.tag in _STRING_TAGS and not merge


def _yaml_by_load(data: bytes) -> Literal["yaml-header", "yaml"] | None:
    import yaml  # noqa: PLC0415

    try:
        value = yaml.load(data, Loader=_yaml_loader())  # noqa: S506 - a safe loader
    except Exception:  # noqa: BLE001 - PyYAML's constructors raise many kinds on bad input
        return _verdict(_plausible_keys(data))
    if not isinstance(value, dict):
        return None
    return _verdict(key for key in value if isinstance(key, str))


def _yaml_loader() -> type:
    import yaml  # noqa: PLC0415

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _plausible_keys(data: bytes) -> set[str]:
    return {match.group(2).decode() for match in re.finditer(_PLAUSIBLE_KEY, data)}


def _verdict(keys: Iterable[str]) -> Literal["yaml-header", "yaml"] | None:
    found = set(keys)
    if "map" in found:
        return "yaml-header"
    return "yaml" if "nodes" in found else None


# -- places, listings and patterns ---------------------------------------------------------------


# The helpers below are named tuples and a plain class, not attrs classes: generating attrs
# methods for them cost 1.5 ms of every start-up, and they are never compared or shown.


class _Place(NamedTuple):
    """A path as the user spelled it (normalised, never resolved) and as an absolute path."""

    lex: str
    abs: str

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> _Place:
        lex = os.path.normpath(os.fspath(path))
        return cls(lex, os.path.abspath(lex))

    @property
    def name(self) -> str:
        return os.path.basename(self.abs)

    @property
    def path(self) -> Path:
        return Path(self.lex)

    def child(self, name: str) -> _Place:
        lex = name if self.lex == os.curdir else os.path.join(self.lex, name)
        return _Place(lex, os.path.join(self.abs, name))

    def parent(self) -> _Place:
        return _Place(
            os.path.normpath(os.path.join(self.lex, os.pardir)), os.path.dirname(self.abs)
        )


_EntryKind = Literal["dir", "file", "special", "link-dir", "link-file", "link-other"]


class _Entry(NamedTuple):
    name: str
    kind: _EntryKind


def _entry(entry: os.DirEntry[str]) -> _Entry:
    """Tell what a folder entry is, from the listing; a symlink's target is stat-ed, not opened."""
    try:
        if entry.is_symlink():
            if entry.is_dir():
                return _Entry(entry.name, "link-dir")
            return _Entry(entry.name, "link-file" if entry.is_file() else "link-other")
        if entry.is_dir(follow_symlinks=False):
            return _Entry(entry.name, "dir")
        return _Entry(entry.name, "file" if entry.is_file(follow_symlinks=False) else "special")
    except OSError:
        return _Entry(entry.name, "link-other")


_FILE_KINDS = ("file", "link-file")
_SKIP_REASONS: dict[_EntryKind, str] = {
    "link-dir": "symlinked folder, not followed",
    "link-other": "symlink to no regular file (broken, or a FIFO, socket or device), not followed",
    "special": "not a regular file (a FIFO, socket or device), not opened",
}


def _relative(path: str, folder: str) -> str | None:
    """Return ``path`` relative to ``folder`` (both absolute) in POSIX form, or None."""
    if path == folder:
        return ""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not path.startswith(prefix):
        return None
    below = path[len(prefix) :]
    return below if os.sep == "/" else below.replace(os.sep, "/")


def _spec(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    import pathspec  # noqa: PLC0415 - imported when a folder has patterns, not for every load

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _without_matching(patterns: _Patterns, folder: str) -> _Patterns:
    """Drop the patterns matching ``folder`` itself: they do not apply to what is inside it."""
    where, spec = patterns
    below = _relative(folder, where)
    if not below:
        return patterns
    kept = [p for p in spec.patterns if p.include is None or p.match_file(below + "/") is None]
    return patterns if len(kept) == len(spec.patterns) else (where, type(spec)(kept))


def _pattern_path(path: str, where: str, is_dir: bool) -> str:
    below = _relative(path, where)
    shown = os.path.basename(path) if below is None else below
    return shown + "/" if is_dir else shown


class _Rules(NamedTuple):
    """The patterns deciding which entries of one folder are left out."""

    ignores: tuple[_Patterns, ...] = ()  # the .gitignore files, deepest first; info/exclude last
    exclude: tuple[_Patterns, ...] = ()

    def leave_out(self, path: str, is_dir: bool) -> bool:
        for where, spec in self.exclude:
            if spec.match_file(_pattern_path(path, where, is_dir)):
                return True
        for where, spec in self.ignores:
            found = spec.check_file(_pattern_path(path, where, is_dir)).include
            if found is not None:
                return found
        return False


class _Filters(NamedTuple):
    """The caller's patterns and settings for one discovery."""

    include: _Patterns | None
    exclude: _Patterns | None
    gitignore: bool

    @classmethod
    def of(
        cls,
        include: Sequence[str],
        exclude: Sequence[str],
        base: str | os.PathLike[str] | None,
        *,
        gitignore: bool,
    ) -> _Filters:
        where = os.path.abspath(os.curdir if base is None else base)
        return cls(
            (where, _spec(include)) if include else None,
            (where, _spec(exclude)) if exclude else None,
            gitignore,
        )

    def wanted(self, file: _Place) -> bool:
        """Whether a walk considers a file: a map suffix, and a match when include is given."""
        if not file.name.lower().endswith(MAP_SUFFIXES):
            return False
        if self.include is None:
            return True
        where, spec = self.include
        return spec.match_file(_pattern_path(file.abs, where, is_dir=False))


def _default_excluded(name: str) -> bool:
    return name.startswith(".") or name in DEFAULT_EXCLUDES


# -- the search ----------------------------------------------------------------------------------


class _Found:
    """A map being put together."""

    __slots__ = ("files", "format", "headers", "root")

    def __init__(self, root: _Place, map_format: MapFormat, files: dict[str, _Place]) -> None:
        self.root = root
        self.format = map_format
        self.files = files
        self.headers: list[_Place] = []

    def add(self, file: _Place, *, header: bool) -> None:
        """Add a file, spelled from the map's root as the root was first spelled."""
        below = _relative(file.abs, self.root.abs)
        if below:
            file = _Place(os.path.normpath(os.path.join(self.root.lex, below)), file.abs)
        self.files.setdefault(file.abs, file)
        if header and all(kept.abs != file.abs for kept in self.headers):
            self.headers.append(file)

    def frozen(self) -> MapFiles:
        files = tuple(sorted(file.path for file in self.files.values()))
        header = min((file.path for file in self.headers), default=None)
        return MapFiles(self.root.path, files, self.format, header)


class _Search:
    """One discovery: what has been listed, read and found so far, each thing done once."""

    def __init__(self, filters: _Filters, contents: Callable[[Path], bytes]) -> None:
        self.filters = filters
        self.contents = contents
        self.maps: dict[str, _Found] = {}
        self.errors: dict[tuple[str, str], MapError] = {}
        self.skipped: dict[str, tuple[Path, str]] = {}
        self._undecodable: dict[str, MapError] = {}
        self._listings: dict[str, list[_Entry] | None] = {}
        self._kinds: dict[str, FileKind | None] = {}
        self._words: dict[str, tuple[str, ...]] = {}  # top-level keys of YAML that is no map
        self._unreadable: set[str] = set()
        self._candidates: dict[str, list[tuple[_Place, bool]]] = {}
        self._subfolders: dict[str, list[_Place]] = {}
        self._headers: dict[str, list[_Place]] = {}
        self._header_roots: dict[str, _Place | None] = {}
        self._rules: dict[str, _Rules] = {}
        self._ignores: dict[str, tuple[_Patterns, ...]] = {}
        self._repositories: dict[str, _Place | None] = {}
        self._real: dict[str, str] = {}

    def result(self) -> Discovery:
        maps = sorted((found.frozen() for found in self.maps.values()), key=_map_order)
        return Discovery(
            tuple(maps),
            tuple(sorted(self.errors.values())),
            tuple(sorted(self.skipped.values())),
        )

    # -- what the user named ---------------------------------------------------------------------

    def named(self, place: _Place) -> None:
        try:
            status = os.stat(place.abs)
        except FileNotFoundError:
            self._error(place, f"no such file or folder `{place.lex}`", "check the path")
            return
        except OSError as error:
            self._cannot_read(place, error, "check the path and its permissions")
            return
        if stat.S_ISDIR(status.st_mode):
            self._walk(place)
            return
        kind = self._kind(place)
        if kind is None:
            if place.abs not in self._unreadable:
                self._not_a_map(place)
            return
        self._add(place, kind, place.parent(), named=True, alone=not stat.S_ISREG(status.st_mode))

    def _walk(self, root: _Place) -> None:
        for folder in self._folders(root, own_map=False):
            for file, kind in self._files(folder, root, yaml_only=False):
                self._add(file, kind, folder, named=False, alone=False)

    def _add(
        self, file: _Place, kind: FileKind, folder: _Place, *, named: bool, alone: bool
    ) -> None:
        if alone or kind not in _YAML_KINDS:
            found = self.maps.setdefault(file.abs, _Found(file, _FORMATS[kind], {}))
            found.add(file, header=kind == "yaml-header")
            return
        root = folder if kind == "yaml-header" else self._header_root(folder)
        found = self._header_map(root) if root is not None else self._group(folder)
        if named:
            found.add(file, header=kind == "yaml-header")

    def _not_a_map(self, place: _Place) -> None:
        undecodable = self._undecodable.get(place.abs)
        if undecodable is not None:  # it could not be classified: say why, not "not a map"
            self.errors.setdefault((undecodable.file, undecodable.message), undecodable)
            self.skipped.pop(place.abs, None)  # an error now, not a note
            return
        suffix = _suffix(place.name)
        if suffix == ".json":
            message = (
                "not a map: JSON that is neither AIF (a `nodes` list of objects with a "
                "`nodeID`) nor argmap JSON"
            )
            hint = (
                'an AIF file has a `"nodes"` list whose nodes have a `"nodeID"`, an argmap '
                'JSON file `"format": "argmap"`'
            )
        elif suffix in _YAML_SUFFIXES:
            message = "not a map: YAML with no top-level `nodes` or `map` key"
            hint = _misspelt_top_key(self._words.get(place.abs, ())) or (
                "a map file has `nodes:` (and the map's header `map:`) at its top level"
            )
        else:
            message = "not a map: neither a YAML map, AIF or argmap JSON, nor Argdown"
            hint = "name a .yaml, .json, .argdown or .ad map file, or a folder of them"
        self._error(place, f"{message}: `{place.lex}`", hint)

    # -- maps ------------------------------------------------------------------------------------

    def _header_root(self, folder: _Place) -> _Place | None:
        """The nearest folder at or above ``folder`` holding a header file, up to the project."""
        visited: list[str] = []
        place = folder
        while True:
            if place.abs in self._header_roots:
                root = self._header_roots[place.abs]
                break
            visited.append(place.abs)
            parent = place.parent()
            if self._header_files(place):
                root = place
                break
            if self._is_project_root(place) or parent.abs == place.abs:
                root = None
                break
            place = parent
        for seen in visited:
            self._header_roots[seen] = root
        return root

    def _header_map(self, root: _Place) -> _Found:
        found = self.maps.get(root.abs)
        if found is None:
            found = self.maps[root.abs] = _Found(root, "yaml", {})
            for folder in self._folders(root, own_map=True):
                for file, kind in self._files(folder, root, yaml_only=True):
                    found.add(file, header=kind == "yaml-header" and folder.abs == root.abs)
        return found

    def _group(self, folder: _Place) -> _Found:
        found = self.maps.get(folder.abs)
        if found is None:
            found = self.maps[folder.abs] = _Found(folder, "yaml", {})
            for file, _ in self._files(folder, folder, yaml_only=True):
                found.add(file, header=False)
        return found

    def _header_files(self, folder: _Place) -> list[_Place]:
        headers = self._headers.get(folder.abs)
        if headers is None:
            headers = self._headers[folder.abs] = [
                file
                for file, kind in self._files(folder, folder, yaml_only=True)
                if kind == "yaml-header"
            ]
        return headers

    def _is_project_root(self, folder: _Place) -> bool:
        entries = self._listing(folder) or []
        return any(
            entry.name == ".git" or (entry.name == "pyproject.toml" and entry.kind in _FILE_KINDS)
            for entry in entries
        )

    # -- walking ---------------------------------------------------------------------------------

    def _folders(self, root: _Place, *, own_map: bool) -> Iterator[_Place]:
        """Yield ``root`` and the folders below it.

        With ``own_map``, only those of the map ``root`` holds: not into a folder holding a
        header file or being a project root.
        """
        stack = [root]
        while stack:
            folder = stack.pop()
            yield folder
            stack.extend(
                sub
                for sub in self._folders_in(folder)
                if not (own_map and (self._header_files(sub) or self._is_project_root(sub)))
            )

    def _files(
        self, folder: _Place, root: _Place, *, yaml_only: bool
    ) -> Iterator[tuple[_Place, FileKind]]:
        """Yield the map files directly in ``folder``, for a walk started at ``root``."""
        for file, linked in self._files_in(folder):
            suffix = _suffix(file.name)
            if yaml_only and suffix not in _YAML_SUFFIXES:
                continue
            if linked and not self._inside(file, root):
                self._skip(file, f"symlink to a file outside `{root.lex}`, not followed")
                continue
            kind = self._kind(file)
            if kind is not None and (not yaml_only or kind in _YAML_KINDS):
                yield file, kind

    def _files_in(self, folder: _Place) -> list[tuple[_Place, bool]]:
        """The files of ``folder`` a walk considers, each with whether it is a symlink."""
        found = self._candidates.get(folder.abs)
        if found is not None:
            return found
        found = self._candidates[folder.abs] = []
        rules = self._rules_for(folder)
        for entry in self._listing(folder) or []:
            if entry.kind in ("dir", "link-dir") or _default_excluded(entry.name):
                continue
            file = folder.child(entry.name)
            if not self.filters.wanted(file) or rules.leave_out(file.abs, is_dir=False):
                continue
            if entry.kind in _SKIP_REASONS:
                self._skip(file, _SKIP_REASONS[entry.kind])
            else:
                found.append((file, entry.kind == "link-file"))
        return found

    def _folders_in(self, folder: _Place) -> list[_Place]:
        found = self._subfolders.get(folder.abs)
        if found is not None:
            return found
        found = self._subfolders[folder.abs] = []
        rules = self._rules_for(folder)
        for entry in self._listing(folder) or []:
            if entry.kind not in ("dir", "link-dir") or _default_excluded(entry.name):
                continue
            sub = folder.child(entry.name)
            if rules.leave_out(sub.abs, is_dir=True):
                continue
            if entry.kind == "link-dir":
                self._skip(sub, _SKIP_REASONS["link-dir"])
            else:
                found.append(sub)
        return found

    def _inside(self, file: _Place, root: _Place) -> bool:
        return _relative(os.path.realpath(file.abs), self._realpath(root)) is not None

    def _realpath(self, place: _Place) -> str:
        real = self._real.get(place.abs)
        if real is None:
            real = self._real[place.abs] = os.path.realpath(place.abs)
        return real

    # -- patterns --------------------------------------------------------------------------------

    def _rules_for(self, folder: _Place) -> _Rules:
        rules = self._rules.get(folder.abs)
        if rules is None:
            exclude = self.filters.exclude
            rules = self._rules[folder.abs] = _Rules(
                tuple(_without_matching(p, folder.abs) for p in self._ignore_chain(folder)),
                () if exclude is None else (_without_matching(exclude, folder.abs),),
            )
        return rules

    def _ignore_chain(self, folder: _Place) -> tuple[_Patterns, ...]:
        """The .gitignore patterns applying below ``folder``, deepest first."""
        if not self.filters.gitignore:
            return ()
        chain = self._ignores.get(folder.abs)
        if chain is None:
            repository = self._repository(folder)
            own = self._gitignore(folder)
            if repository is None:
                chain = ()
            elif repository.abs == folder.abs:
                chain = (*own, *self._info_exclude(repository))
            else:
                chain = (*own, *self._ignore_chain(folder.parent()))
            self._ignores[folder.abs] = chain
        return chain

    def _repository(self, folder: _Place) -> _Place | None:
        """The nearest folder at or above ``folder`` holding ``.git``."""
        visited: list[str] = []
        place = folder
        while True:
            if place.abs in self._repositories:
                found = self._repositories[place.abs]
                break
            visited.append(place.abs)
            parent = place.parent()
            if os.path.lexists(os.path.join(place.abs, ".git")):
                found = place
                break
            if parent.abs == place.abs:
                found = None
                break
            place = parent
        for seen in visited:
            self._repositories[seen] = found
        return found

    def _gitignore(self, folder: _Place) -> tuple[_Patterns, ...]:
        entries = self._listing(folder) or []
        if not any(e.name == ".gitignore" and e.kind in _FILE_KINDS for e in entries):
            return ()
        return self._patterns_file(folder.child(".gitignore"), folder)

    def _info_exclude(self, repository: _Place) -> tuple[_Patterns, ...]:
        exclude = repository.child(".git").child("info").child("exclude")
        if not os.path.isfile(exclude.abs):
            return ()
        return self._patterns_file(exclude, repository)

    def _patterns_file(self, file: _Place, where: _Place) -> tuple[_Patterns, ...]:
        data = self._read(file)
        if data is None:
            return ()
        return ((where.abs, _spec(data.decode("utf-8", "replace").splitlines())),)

    # -- the file system -------------------------------------------------------------------------

    def _listing(self, folder: _Place) -> list[_Entry] | None:
        if folder.abs in self._listings:
            return self._listings[folder.abs]
        entries: list[_Entry] | None
        try:
            with os.scandir(folder.abs) as listing:
                entries = [_entry(entry) for entry in listing]
        except OSError as error:
            entries = None
            hint = "check its permissions, or exclude it"
            self._cannot_read(folder, error, hint, what="folder ")
        self._listings[folder.abs] = entries
        return entries

    def _kind(self, file: _Place) -> FileKind | None:
        if file.abs in self._kinds:
            return self._kinds[file.abs]
        kind: FileKind | None = None
        if _suffix(file.name) in _ARGDOWN_SUFFIXES:
            kind = "argdown"
        else:
            data = self._read(file)
            if data is not None:
                kind = classify(file.name, data)
                if kind is None:
                    self._note_undecodable(file, data)
                if kind is None and _suffix(file.name) in _YAML_SUFFIXES:
                    self._words[file.abs] = _top_level_words(data)
        self._kinds[file.abs] = kind
        return kind

    def _note_undecodable(self, file: _Place, data: bytes) -> None:
        """Keep the error of a file that is no map because it is not UTF-8 (UTF-16, say)."""
        if data.isascii():  # most files: no decoding to try
            return
        try:
            decode_utf8(data, file.lex)
        except LoadError as error:
            problem = self._undecodable[file.abs] = error.errors[0]
            if _suffix(file.name) in (*_YAML_SUFFIXES, ".json"):  # a map, maybe: say so
                where = f"{problem.line}:{problem.column}"
                self._skip(file, f"{problem.message} at {where}, so not read as a map")

    def _read(self, file: _Place) -> bytes | None:
        try:
            return self.contents(file.path)
        except LoadError as error:
            for problem in error.errors:
                self.errors.setdefault((problem.file, problem.message), problem)
        except OSError as error:
            self._cannot_read(file, error, "check the path and its permissions")
        self._unreadable.add(file.abs)
        return None

    def _cannot_read(self, place: _Place, error: OSError, hint: str, *, what: str = "") -> None:
        reason = (error.strerror or "unreadable").lower()
        self._error(place, f"cannot read {what}`{place.lex}`: {reason}", hint)

    def _error(self, place: _Place, message: str, hint: str) -> None:
        self.errors.setdefault((place.lex, message), MapError(place.lex, 1, 1, message, hint))

    def _skip(self, place: _Place, reason: str) -> None:
        self.skipped.setdefault(place.abs, (place.path, reason))


def _map_order(found: MapFiles) -> tuple[Path, Path | None]:
    return found.root, found.files[0] if found.files else None
