"""The loading pipeline: discover → read each file → bibliography → assemble.

:func:`load` is :func:`argmap.load`. Every stage gets a file's bytes from one
:class:`~argmap.loading.contents.Contents`, so each file is read once; with a cache, each
file's draft and each bibliography is kept under a key made of the very bytes that were parsed
and the versions of the code that parsed them (see :func:`entry_key`).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from argmap._gc import collector_paused
from argmap._io import decode_utf8
from argmap.errors import LoadError, MapError
from argmap.loading.assemble import assemble, header_of
from argmap.loading.contents import Contents
from argmap.loading.drafts import BibliographyDraft, FileDraft, MapFormat
from argmap.loading.locate import bibliography_files, project_of
from argmap.model import AnalysedText, ArgumentMap

if TYPE_CHECKING:
    import hashlib

    from argmap.config import Config
    from argmap.loading.cache import Cache
    from argmap.loading.discover import MapFiles

__all__ = [
    "CACHE_DIR",
    "cache_folder",
    "entry_key",
    "load",
    "load_files",
    "open_cache",
    "read_bibliography",
    "read_file",
    "read_text",
    "the_map",
]

#: The cache folder's name, in the project root.
CACHE_DIR = ".argmap_cache"
#: The modules whose code decides what a draft or a bibliography holds.
_SHAPERS = (
    "argmap.loading",
    "argmap.model",
    "argmap.errors",
    "argmap._io",
    "argmap.bibliography",
    "argmap.interchange",
    "yaml",
    "bibtexparser",
    "pylatexenc",
)
_stamp: bytes | None = None

T = TypeVar("T")


def load(
    path: str | os.PathLike[str] = "arguments",
    *,
    text: str | os.PathLike[str] | Literal[False] | None = None,
    cache: bool | str | os.PathLike[str] = False,
    config: Config | None = None,
) -> ArgumentMap:
    """Load the map at ``path``, in any format argmap reads, with its bibliography.

    Args:
        path: a map file (YAML, AIF JSON, Argdown or argmap JSON), which stands for the whole
            map it belongs to, or a folder holding one map (see :doc:`/format` for how files
            form maps).
        text: the analysed text (UTF-8), so that rules can compare ``at:`` paragraphs with it;
            None for the file the ``file`` field of the analysed text's bibliography entry
            names, when there is one (:mod:`argmap.loading.attached`: a missing or unsafe file
            is left out, with a note in :attr:`~argmap.ArgumentMap.notes`); False for none.
        cache: read through the parsed-file cache, as ``argmap check`` does: True for
            ``.argmap_cache/`` in the project root, or the cache folder to use.
        config: the settings whose ``include`` and ``exclude`` patterns apply; default: those
            found walking up from ``path`` (:meth:`argmap.Config.discover`).

    Returns:
        The map, with every element's position kept.

    Raises:
        LoadError: carrying every problem found, each with file, line and column; also when
            ``path`` holds no map, or several.
    """
    contents = Contents()
    spec = the_map(path, contents=contents, config=config)
    return load_files(spec, contents=contents, cache=open_cache(cache, spec.root), text=text)


def the_map(
    path: str | os.PathLike[str], *, contents: Contents, config: Config | None = None
) -> MapFiles:
    """Return the one map ``path`` names.

    Raises:
        LoadError: when the path cannot be read, holds no map, or holds several.
    """
    if config is None:
        from argmap.config import Config  # noqa: PLC0415 - config imports the rule registry

        config = Config.discover(Path(path))
    from argmap.loading.discover import discover  # noqa: PLC0415 - imports pathspec

    base = config.path.parent if config.path is not None else None
    found = discover(
        [path], include=config.include, exclude=config.exclude, base=base, contents=contents
    )
    if found.errors:
        raise LoadError(found.errors)
    if len(found.maps) == 1:
        return found.maps[0]
    shown = os.fspath(path)
    if not found.maps:
        message, hint = f"`{shown}` holds no map", "give a map file or a folder holding one"
    else:
        roots = ", ".join(f"`{spec.root}`" for spec in found.maps[:5])
        more = ", …" if len(found.maps) > 5 else ""
        message = f"`{shown}` holds {len(found.maps)} maps ({roots}{more})"
        hint = "name one of them"
    raise LoadError([MapError(shown, 1, 1, message, hint)])


def load_files(
    spec: MapFiles,
    *,
    contents: Contents,
    cache: Cache | None = None,
    text: str | os.PathLike[str] | Literal[False] | None = None,
    drafts: Sequence[FileDraft] | None = None,
    bibliography: Callable[[Sequence[Path]], BibliographyDraft] | None = None,
) -> ArgumentMap:
    """Read, complete and assemble one discovered map.

    Args:
        spec: the map's files.
        contents: where the files' bytes come from.
        cache: the parsed-file cache, if one is used.
        text: the analysed text; None for the one the bibliography names, False for none
            (see :func:`load`).
        drafts: the files' drafts when the caller has them already (one per file of
            ``spec``, in order); else they are read.
        bibliography: how to read the .bib files, when the caller keeps them itself; else
            :func:`read_bibliography`.

    Raises:
        LoadError: carrying every problem of every stage.
    """
    with collector_paused():  # the collector, not libyaml, dominates large loads
        if drafts is None:
            drafts = [
                read_file(file, spec.format, contents=contents, cache=cache) for file in spec.files
            ]
        header, _ = header_of(drafts)
        cites = any(node.citations for draft in drafts for node in draft.nodes)
        bib_files, errors = bibliography_files(
            () if header is None else header.bibliography,
            near=spec.root,
            default=spec.format == "yaml" or cites,
        )
        library = None
        if bib_files and not errors and not any(draft.errors for draft in drafts):
            try:
                if bibliography is None:
                    library = read_bibliography(bib_files, contents=contents, cache=cache)
                else:
                    library = bibliography(bib_files)
            except LoadError as exc:
                errors.extend(exc.errors)
        analysed: AnalysedText | None = None
        notes: tuple[str, ...] = ()
        if text is None:
            key = None if header is None else header.analysed
            source = None if library is None or key is None else library.sources.get(key)
            if source is not None and "file" in source.fields:
                from argmap.loading.attached import attached_text  # noqa: PLC0415 - rarely used

                found = attached_text(source)
                analysed = found.text
                notes = () if found.note is None else (found.note,)
        elif text is not False:
            try:
                analysed = read_text(Path(text), contents=contents)
            except LoadError as exc:
                errors.extend(exc.errors)
        return assemble(
            drafts,
            sources=None if library is None else library.sources,
            problems=() if library is None else library.problems,
            text=analysed,
            notes=notes,
            errors=errors,
        )


def read_file(
    path: Path, format_name: MapFormat, *, contents: Contents, cache: Cache | None = None
) -> FileDraft:
    """Read one map file into its draft, through the cache when one is given.

    Raises:
        LoadError: when the file cannot be read.
    """
    data = contents(path)
    name = str(path)

    def parse() -> FileDraft:
        # The readers are imported only when a file is parsed: a cache hit needs neither
        # PyYAML nor the importers.
        if format_name == "yaml":
            from argmap.loading.read_yaml import read_yaml  # noqa: PLC0415

            return read_yaml(name, data)
        from argmap.loading.read_interchange import read_interchange  # noqa: PLC0415

        return read_interchange(name, data, format_name, path)

    if cache is None or not _is_file_or_folder(path):
        return parse()  # without a cache, or for a pipe's bytes, which come once
    from argmap.loading import pack  # noqa: PLC0415 - only a cache needs it

    key = entry_key("draft", format_name, [(name, data)])
    return _through(cache, key, parse, pack.pack_draft, pack.unpack_draft)


def read_bibliography(
    files: Sequence[Path], *, contents: Contents, cache: Cache | None = None
) -> BibliographyDraft:
    """Read a map's .bib files, in order, as one library, through the cache when given.

    Raises:
        LoadError: when a file cannot be read or is not UTF-8.
    """
    named = [(str(file), contents(file)) for file in files]

    def parse() -> BibliographyDraft:
        from argmap.bibliography import parse_bibliography  # noqa: PLC0415 - bibtexparser

        library = parse_bibliography(named)
        return BibliographyDraft(sources=dict(library.sources), problems=library.problems)

    if cache is None:
        return parse()
    from argmap.loading import pack  # noqa: PLC0415 - only a cache needs it

    key = entry_key("bibliography", "bibtex", named)
    return _through(cache, key, parse, pack.pack_bibliography, pack.unpack_bibliography)


def read_text(path: Path, *, contents: Contents) -> AnalysedText:
    """Read an analysed text.

    Raises:
        LoadError: when the file cannot be read or is not UTF-8.
    """
    return AnalysedText.from_string(str(path), decode_utf8(contents(path), str(path)))


def _through(
    cache: Cache,
    key: bytes,
    parse: Callable[[], T],
    pack: Callable[[T], bytes],
    unpack: Callable[[bytes], T],
) -> T:
    packed = cache.get(key)
    if packed is not None:
        try:
            return unpack(packed)
        except ValueError:
            pass  # another shape: parse again, and overwrite the entry
    value = parse()
    cache.put(key, pack(value))
    return value


def entry_key(stage: str, format_name: str, files: Sequence[tuple[str, bytes]]) -> bytes:
    """Return the cache key of a stage's result: the files' names and bytes, and the code.

    The code is the Python version (entries are :mod:`marshal` data) and the stamp of every
    module and library that shapes the result (:func:`argmap.loading.cache.code_stamp`).
    """
    import hashlib  # noqa: PLC0415 - only a cache needs it (OpenSSL: 2 ms of every start-up)

    hasher = hashlib.sha256()
    for part in (_code(), stage.encode(), format_name.encode(), str(len(files)).encode()):
        _add(hasher, part)
    for name, data in files:
        _add(hasher, os.fsencode(name))
        _add(hasher, data)
    return hasher.digest()


def _code() -> bytes:
    global _stamp  # noqa: PLW0603 - computed once per process
    if _stamp is None:
        from argmap.loading.cache import code_stamp  # noqa: PLC0415

        _stamp = sys.version.encode() + b"\0" + code_stamp(_SHAPERS)
    return _stamp


def _add(hasher: hashlib._Hash, data: bytes) -> None:
    """Add one length-prefixed field, so that two different inputs never hash alike."""
    hasher.update(len(data).to_bytes(8, "little"))
    hasher.update(data)


def open_cache(cache: bool | str | os.PathLike[str], root: Path) -> Cache | None:
    """Return the cache to read a map through: None for False, else the folder's store.

    True means ``.argmap_cache`` in the map's project (the nearest folder at or above the map
    holding ``pyproject.toml`` or ``.git``) or, for a map in no project, the ``maps`` folder of
    the user's cache folder; never a folder beside a pipe or device (``/dev/stdin``), which
    gets no cache. Any other value names the folder.
    """
    if cache is False or not _is_file_or_folder(root):
        return None
    from argmap.loading.cache import Cache  # noqa: PLC0415 - only cached loads need it

    return Cache(Path(cache) if cache is not True else cache_folder(root))


def cache_folder(root: Path) -> Path:
    """Return the default cache folder of a map: its project's, or the user's ``maps`` folder."""
    from argmap.loading.cache import user_cache_dir  # noqa: PLC0415 - only cached loads

    project = project_of(root)
    return project / CACHE_DIR if project is not None else user_cache_dir() / "maps"


def _is_file_or_folder(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)
