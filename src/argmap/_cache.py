"""A cache of parsed maps, so that checking a large unchanged map again skips the YAML.

:func:`cached_load` keys each entry on everything a load reads: the size and modification
time of argmap's loading modules (see :func:`_code_stamp`), the Python version (the entry is
:mod:`marshal` data), the map path as given, each map file's path and bytes, the analysed
text's path and bytes, and the bibliography files' paths and bytes. Which bibliography a map
reads depends on its header, so an entry is found by the first part of the key and then
checked against the second: the entry records the header's ``bibliography:``
names, the .bib files are resolved from them exactly as the loader does
(:func:`argmap.loader.bibliography_files`), and their digest must match the recorded one.

Entries live in ``.argmap_cache/`` in the project root (the nearest folder at or above the map
holding ``pyproject.toml`` or ``.git``, else the map's folder), which is created with a
``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``. Only the newest few entries are kept.

The cache is only an optimisation: any error reading or writing it is ignored and the map is
loaded normally. Entries carry a format version and a digest of their payload, and anything
unexpected in one makes it a miss, so a damaged entry never yields a wrong map. Loads that fail
(:class:`~argmap.errors.LoadError`) are never cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap import loader
from argmap._gc import collector_paused
from argmap._io import write_atomically
from argmap.errors import LoadError, MapError
from argmap.model import (
    NODE_KINDS,
    AnalysedText,
    ArgumentMap,
    Attack,
    Citation,
    Expectation,
    Locator,
    LocatorLabel,
    Node,
    Paragraph,
    Reason,
    Source,
    SourcePosition,
    Suppression,
)

__all__ = ["CACHE_DIR", "cache_entry", "cached_load", "project_root"]

#: The cache folder's name, in the project root.
CACHE_DIR = ".argmap_cache"
#: Raised whenever the layout of an entry changes.
_FORMAT = 1
_MAGIC = b"argmap-cache %d\n" % _FORMAT
#: How many entries to keep; older ones are deleted when a new one is written.
_KEEP = 8
_SUFFIX = ".bin"
#: The modules whose code shapes a loaded map (see :func:`_code_stamp`).
_CODE = ("_cache.py", "_yaml_reader.py", "bibliography.py", "loader.py", "model.py")
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by argmap.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class StaleEntryError(Exception):
    """A cache entry is damaged, from another format or out of date: load the map normally."""


def cached_load(
    path: str | os.PathLike[str],
    *,
    text: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> ArgumentMap:
    """Load a map as :func:`argmap.loader.load` does, through the parsed-map cache.

    Args:
        path: a YAML map file or folder.
        text: the analysed text, if any.
        cache_dir: the cache folder (default: ``.argmap_cache`` in the project root).

    Returns:
        A map equal to what :func:`argmap.loader.load` returns, positions included.

    Raises:
        LoadError: as :func:`argmap.loader.load` does; failed loads are never cached.
    """
    map_path = Path(path)
    try:
        hasher = _inputs_digest(map_path, text)
    except (OSError, LoadError):
        return loader.load(path, text=text)  # let the loader report what is wrong
    first_key = hasher.hexdigest()
    folder = Path(cache_dir) if cache_dir is not None else project_root(map_path) / CACHE_DIR
    entry = folder / f"{first_key}{_SUFFIX}"
    cached = _hit(entry, first_key, map_path, text)
    if cached is not None:
        return cached
    argument_map, names = loader.load_with_bibliography_names(path, text=text)
    with contextlib.suppress(OSError, LoadError, StaleEntryError):
        # A file changed while it was being loaded: the map may match neither version.
        _require(_inputs_digest(map_path, text).hexdigest() == first_key)
        bib_digest = _bibliography_digest(map_path, argument_map.position.file, names)
        payload = marshal.dumps((first_key, names, bib_digest, _dump(argument_map)))
        _store(folder, entry, payload)
    return argument_map


def cache_entry(
    path: str | os.PathLike[str],
    *,
    text: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Return the file that holds (or would hold) the cache entry of a map, as it is now.

    Raises:
        OSError: when a map file or the text cannot be read.
        LoadError: when the map path names no map.
    """
    map_path = Path(path)
    folder = Path(cache_dir) if cache_dir is not None else project_root(map_path) / CACHE_DIR
    return folder / f"{_inputs_digest(map_path, text).hexdigest()}{_SUFFIX}"


def project_root(path: Path) -> Path:
    """Return the nearest folder at or above ``path`` holding ``pyproject.toml`` or ``.git``.

    When there is none, return the map's own folder (``path`` itself when it is a folder).
    """
    folder = path if path.is_dir() else path.parent
    with contextlib.suppress(OSError):
        for candidate in (folder, *folder.resolve().parents):
            if (candidate / "pyproject.toml").is_file() or (candidate / ".git").exists():
                return folder if candidate == folder.resolve() else candidate
    return folder


# -- keys ------------------------------------------------------------------------------------


def _code_stamp() -> str:
    """Size and modification time of each module that decides what a loaded map holds.

    Cheaper than the installed version (importlib.metadata is a tenth of a small check's
    start-up) and stricter: an editable install changes its code without changing its
    version, and a new release rewrites these files.
    """
    folder = Path(__file__).parent
    stamps = []
    for name in _CODE:
        info = (folder / name).stat()
        stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return " ".join(stamps)


def _inputs_digest(path: Path, text: str | os.PathLike[str] | None) -> Any:
    """Hash everything a load reads except the bibliography (which the header names)."""
    hasher = hashlib.sha256()
    _add(hasher, f"python {sys.version} format {_FORMAT} code {_code_stamp()}".encode())
    _add(hasher, os.fsencode(path))
    files = loader.map_files(path)
    _add(hasher, str(len(files)).encode())
    for file in files:
        _add(hasher, os.fsencode(file))
        _add(hasher, file.read_bytes())
    if text is None:
        _add(hasher, b"no text")
    else:
        _add(hasher, os.fsencode(text))
        _add(hasher, Path(text).read_bytes())
    return hasher


def _add(hasher: Any, data: bytes) -> None:
    """Add one length-prefixed field, so that two different inputs never hash alike."""
    hasher.update(len(data).to_bytes(8, "little"))
    hasher.update(data)


def _bibliography_digest(path: Path, header_file: str, names: Sequence[str]) -> str:
    """Hash the paths and bytes of the .bib files the map reads, found as the loader finds them.

    Raises:
        StaleEntryError: when a named file is missing (the loader would fail).
        OSError: when a file cannot be read.
    """
    where = SourcePosition(header_file, 1, 1)
    files, missing = loader.bibliography_files(path, Path(header_file), [(n, where) for n in names])
    if missing:
        raise StaleEntryError
    hasher = hashlib.sha256()
    _add(hasher, str(len(files)).encode())
    for file in files:
        _add(hasher, os.fsencode(file))
        _add(hasher, file.read_bytes())
    return hasher.hexdigest()


# -- entries ---------------------------------------------------------------------------------


def _hit(
    entry: Path, first_key: str, path: Path, text: str | os.PathLike[str] | None
) -> ArgumentMap | None:
    """Return the map an entry holds when the entry is intact and still current, else None."""
    try:
        argument_map = _read_entry(entry, first_key, path)
    except Exception:  # noqa: BLE001 - any damage in an entry is a miss, never a wrong map
        return None
    if (argument_map.text is None) != (text is None):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # keep recently used entries when pruning
    return argument_map


def _read_entry(entry: Path, first_key: str, path: Path) -> ArgumentMap:
    """Return the map an entry holds.

    Raises:
        StaleEntryError: when the entry is damaged, from another format or out of date.
        Exception: anything else reading or rebuilding it raises.
    """
    raw = entry.read_bytes()
    start = len(_MAGIC) + 32
    if (
        raw[: len(_MAGIC)] != _MAGIC
        or hashlib.sha256(raw[start:]).digest() != raw[len(_MAGIC) : start]
    ):
        raise StaleEntryError
    key, names, bib_digest, data = marshal.loads(raw[start:])  # noqa: S302 - our own file, digest checked
    _require(key == first_key and isinstance(names, tuple))
    _require(_bibliography_digest(path, _header_file(data), names) == bib_digest)
    with collector_paused():
        return _build(data)


def _header_file(data: tuple[Any, ...]) -> str:
    """Return the file holding the map's header, from :func:`_dump`'s data."""
    header: tuple[Any, ...] = data[3]
    file: str = header[0]
    return file


def _require(condition: bool) -> None:
    """Raise :class:`StaleEntryError` unless ``condition`` holds."""
    if not condition:
        raise StaleEntryError


def _store(folder: Path, entry: Path, payload: bytes) -> None:
    """Write an entry atomically, creating the folder if needed, and prune old entries.

    Raises:
        OSError: when the folder cannot be written.
    """
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / ".gitignore", "# Created by argmap automatically.\n*\n")
        write_atomically(folder / "CACHEDIR.TAG", _TAG)
    write_atomically(entry, _MAGIC + hashlib.sha256(payload).digest() + payload)
    entries = []
    for candidate in folder.glob(f"*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((candidate.stat().st_mtime_ns, candidate))
    entries.sort(reverse=True)
    for _, old in entries[_KEEP:]:
        if old != entry:
            with contextlib.suppress(OSError):
                old.unlink()


# -- the map as plain data -------------------------------------------------------------------
#
# Positions are written as (file, line, column); marshal stores each file name once, since
# every position of a file shares one string object.


def _dump(argument_map: ArgumentMap) -> tuple[Any, ...]:
    def at(position: SourcePosition) -> tuple[str, int, int]:
        return position.file, position.line, position.column

    nodes = tuple(
        (
            node.kind,
            node.id,
            node.text,
            at(node.position),
            tuple((r.premises, at(r.position)) for r in node.reasons),
            tuple((a.target, a.reason, at(a.position)) for a in node.attacks),
            tuple(
                (
                    c.key,
                    None if c.locator is None else c.locator.label.value,
                    None if c.locator is None else c.locator.value,
                    at(c.position),
                )
                for c in node.citations
            ),
            node.at,
            node.note,
            tuple((s.code, s.reason, at(s.position)) for s in node.ignore),
            node.thesis,
        )
        for node in argument_map.nodes
    )
    sources = tuple(
        (s.key, s.entry_type, dict(s.fields), at(s.position)) for s in argument_map.sources.values()
    )
    text = argument_map.text
    header = (
        argument_map.position.file,
        argument_map.title,
        argument_map.bibliography,
        argument_map.analysed,
        dict(argument_map.unmapped),
        tuple((e.node, e.label, at(e.position)) for e in argument_map.expected),
        argument_map.files,
        at(argument_map.position),
        tuple((p.file, p.line, p.column, p.message, p.hint) for p in argument_map.problems),
        None
        if text is None
        else (text.file, tuple((p.number, p.line, p.text) for p in text.paragraphs)),
    )
    return (_FORMAT, nodes, sources, header, len(argument_map.nodes))


def _build(data: tuple[Any, ...]) -> ArgumentMap:
    """Rebuild a map from :func:`_dump`'s data.

    Raises:
        StaleEntryError: when the data is not in this format.
    """
    version, nodes_data, sources_data, header, count = data
    if version != _FORMAT or len(nodes_data) != count:
        raise StaleEntryError
    kinds = NODE_KINDS
    nodes: list[Node] = []
    for (
        kind,
        node_id,
        node_text,
        place,
        reasons,
        attacks,
        cites,
        paragraphs,
        note,
        ignore,
        thesis,
    ) in nodes_data:
        nodes.append(
            kinds[kind](
                id=node_id,
                text=node_text,
                reasons=tuple(
                    Reason(premises, position=SourcePosition(*p)) for premises, p in reasons
                ),
                attacks=tuple(Attack(t, n, position=SourcePosition(*p)) for t, n, p in attacks),
                citations=tuple(
                    Citation(
                        key,
                        None if label is None else Locator(LocatorLabel(label), value),
                        position=SourcePosition(*p),
                    )
                    for key, label, value, p in cites
                ),
                at=paragraphs,
                note=note,
                ignore=tuple(Suppression(c, r, position=SourcePosition(*p)) for c, r, p in ignore),
                thesis=thesis,
                position=SourcePosition(*place),
            )
        )
    sources = {
        key: Source(key=key, entry_type=kind, fields=fields, position=SourcePosition(*p))
        for key, kind, fields, p in sources_data
    }
    (
        _header_file,
        title,
        bibliography,
        analysed,
        unmapped,
        expected,
        files,
        place,
        problems,
        text,
    ) = header
    return ArgumentMap(
        nodes=tuple(nodes),
        sources=sources,
        title=title,
        bibliography=bibliography,
        analysed=analysed,
        unmapped=unmapped,
        expected=tuple(
            Expectation(n, label, position=SourcePosition(*p)) for n, label, p in expected
        ),
        files=files,
        problems=tuple(MapError(*problem) for problem in problems),
        text=None
        if text is None
        else AnalysedText(text[0], tuple(Paragraph(*paragraph) for paragraph in text[1])),
        position=SourcePosition(*place),
    )
