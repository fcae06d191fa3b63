"""A workspace: every map under a folder, kept loaded, re-read one file at a time.

The command line, the language server and the Sphinx extension share this object. It runs the
same pipeline as :func:`argmap.load` (:mod:`argmap.loading.pipeline`) but keeps what each
stage made: the bytes of every file, each file's draft, each bibliography, each assembled map
and its diagnostics. After :meth:`Workspace.update` of one file, only that file is parsed
again; its map is assembled again from the other files' kept drafts and checked again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap._gc import collector_paused
from argmap.errors import LoadError, MapError
from argmap.loading.contents import Contents, file_key
from argmap.loading.discover import Discovery, MapFiles, classify, discover
from argmap.loading.drafts import BibliographyDraft, FileDraft
from argmap.loading.pipeline import load_files, open_cache, read_file

if TYPE_CHECKING:
    from argmap.config import Config
    from argmap.diagnostics import Diagnostic
    from argmap.loading.cache import Cache
    from argmap.model import ArgumentMap

__all__ = ["Workspace"]


@attrs.frozen
class _Loaded:
    """A map as last assembled, and the bytes of every file it was made from."""

    inputs: tuple[tuple[str, bytes], ...]
    #: The .bib files read, with their bytes.
    library: tuple[tuple[str, bytes], ...]
    result: ArgumentMap | LoadError
    diagnostics: list[Diagnostic] | None = None


class Workspace:
    """Every map under a folder, with unsaved texts standing in for files.

    >>> workspace = argmap.Workspace(".")                       # doctest: +SKIP
    >>> workspace.update("arguments/economy.yaml", edited_text)  # doctest: +SKIP
    >>> workspace.check("arguments/economy.yaml")               # doctest: +SKIP
    """

    def __init__(
        self,
        root: str | os.PathLike[str] = ".",
        *,
        config: Config | None = None,
        cache: bool | str | os.PathLike[str] = False,
    ) -> None:
        """Watch the maps under ``root``; nothing is read until first asked.

        Args:
            root: the folder whose maps this workspace holds.
            config: the settings; default: those found walking up from ``root``
                (:meth:`argmap.Config.discover`), then for each map those found from its root.
            cache: read files through the parsed-file cache as well (see :func:`argmap.load`).
        """
        self.root = Path(root)
        self._config = config
        self._configs: dict[Path, Config] = {}
        self._cache_setting = cache
        self._caches: dict[Path, Cache | None] = {}
        self._contents = Contents()
        self._discovery: Discovery | None = None
        self._drafts: dict[str, tuple[bytes, FileDraft]] = {}
        self._bibliographies: dict[tuple[tuple[str, bytes], ...], BibliographyDraft] = {}
        self._loaded: dict[MapFiles, _Loaded] = {}
        self._library: tuple[tuple[str, bytes], ...] = ()
        #: The map being assembled, whose cache its bibliography is read through.
        self._reading: MapFiles | None = None

    # -- what is there -------------------------------------------------------------------------

    @property
    def maps(self) -> tuple[MapFiles, ...]:
        """Each map discovered under the root, with its root folder, format and files."""
        return self._discover().maps

    @property
    def errors(self) -> tuple[MapError, ...]:
        """What discovery could not read: unreadable folders and files, named non-maps."""
        return self._discover().errors

    def map_files(self, path: str | os.PathLike[str]) -> MapFiles:
        """Return the map a file or folder belongs to.

        Raises:
            LoadError: when the path holds no map or several, or cannot be read.
        """
        key = file_key(path)
        for spec in self._discover().maps:
            if key == file_key(spec.root) or any(key == file_key(f) for f in spec.files):
                return spec
        from argmap.loading.pipeline import the_map  # noqa: PLC0415

        return the_map(path, contents=self._contents, config=self._root_config())

    def map_of(self, path: str | os.PathLike[str]) -> ArgumentMap:
        """Return the map a file or folder belongs to, as the files (or their unsaved texts) are.

        Raises:
            LoadError: carrying every problem of the map.
        """
        loaded = self._load(self.map_files(path))
        if isinstance(loaded.result, LoadError):
            raise loaded.result
        return loaded.result

    # -- changes -------------------------------------------------------------------------------

    def update(self, path: str | os.PathLike[str], text: str) -> None:
        """Let ``text`` stand in for the file at ``path`` (an editor's unsaved buffer)."""
        file = Path(path)
        data = text.encode("utf-8")
        before = self._contents.held(file)
        self._contents.put(file, data)
        if before is None or classify(str(file), before) != classify(str(file), data):
            self._discovery = None  # the file may join, leave or root a map: discover again
        elif self._discovery is not None and not self._discovered(file):
            self._discovery = None

    def _discovered(self, file: Path) -> bool:
        key = file_key(file)
        return any(key == file_key(f) for spec in self.maps for f in spec.files)

    def forget(self, path: str | os.PathLike[str]) -> None:
        """Drop what is held of a file: its unsaved text, its bytes; the disk is read again."""
        self._contents.drop(Path(path))
        self._discovery = None

    # -- checking ------------------------------------------------------------------------------

    def check(self, path: str | os.PathLike[str] | None = None) -> list[Diagnostic]:
        """Check the map ``path`` belongs to, or every map, with each map's settings applied.

        Returns:
            The diagnostics, sorted by file, line and code.

        Raises:
            LoadError: carrying the problems of every map that could not be loaded.
        """
        from argmap.diagnostics import sort  # noqa: PLC0415 - keeps `import argmap` light
        from argmap.linter import check  # noqa: PLC0415

        specs = self.maps if path is None else (self.map_files(path),)
        found: list[Diagnostic] = []
        failed: list[LoadError] = [LoadError(self.errors)] if path is None and self.errors else []
        for spec in specs:
            loaded = self._load(spec)
            if isinstance(loaded.result, LoadError):
                failed.append(loaded.result)
                continue
            if loaded.diagnostics is None:
                diagnostics = check(loaded.result, config=self._config_of(spec))
                loaded = self._loaded[spec] = attrs.evolve(loaded, diagnostics=diagnostics)
            assert loaded.diagnostics is not None  # noqa: S101 - set just above
            found.extend(loaded.diagnostics)
        if failed:
            raise LoadError(error for exc in failed for error in exc.errors)
        return sort(found)

    # -- the pipeline, keeping what each stage made --------------------------------------------

    def _discover(self) -> Discovery:
        if self._discovery is None:
            config = self._root_config()
            base = config.path.parent if config.path is not None else None
            self._discovery = discover(
                [self.root],
                include=config.include,
                exclude=config.exclude,
                base=base,
                contents=self._contents,
            )
            # A map whose files changed is a new spec: drop what was kept of the old ones, so a
            # long-lived workspace (the language server's) does not grow with every edit.
            current = set(self._discovery.maps)
            self._loaded = {spec: kept for spec, kept in self._loaded.items() if spec in current}
        return self._discovery

    def _load(self, spec: MapFiles) -> _Loaded:
        try:
            inputs = tuple((str(f), self._contents(f)) for f in spec.files)
        except LoadError as exc:
            return _Loaded((), (), exc)
        kept = self._loaded.get(spec)
        if kept is not None and _same(kept.inputs, inputs) and self._unchanged(kept.library):
            return kept
        with collector_paused():  # as in load(): the collector would re-scan every draft
            drafts = [self._draft(spec, Path(name), data) for name, data in inputs]
        self._library = ()
        self._reading = spec
        try:
            result: ArgumentMap | LoadError = load_files(
                spec,
                contents=self._contents,
                cache=self._cache_of(spec),
                drafts=drafts,
                bibliography=self._bibliography,
            )
        except LoadError as exc:
            result = exc
        loaded = self._loaded[spec] = _Loaded(inputs, self._library, result)
        return loaded

    def _draft(self, spec: MapFiles, path: Path, data: bytes) -> FileDraft:
        key = file_key(path)
        kept = self._drafts.get(key)
        if kept is not None and (kept[0] is data or kept[0] == data):
            return kept[1]
        draft = read_file(path, spec.format, contents=self._contents, cache=self._cache_of(spec))
        self._drafts[key] = (data, draft)
        return draft

    def _bibliography(self, files: Sequence[Path]) -> BibliographyDraft:
        from argmap.loading.pipeline import read_bibliography  # noqa: PLC0415

        named = tuple((str(file), self._contents(file)) for file in files)
        self._library = named
        kept = self._bibliographies.get(named)
        if kept is None:
            cache = None if self._reading is None else self._cache_of(self._reading)
            kept = read_bibliography(files, contents=self._contents, cache=cache)
            names = [name for name, _ in named]
            self._bibliographies = {  # keep one version of each set of .bib files
                other: library
                for other, library in self._bibliographies.items()
                if [name for name, _ in other] != names
            }
            self._bibliographies[named] = kept
        return kept

    def _unchanged(self, library: tuple[tuple[str, bytes], ...]) -> bool:
        """Whether every .bib file a map read still has the bytes it had."""
        try:
            return _same(library, tuple((name, self._contents(Path(name))) for name, _ in library))
        except LoadError:
            return False

    def _root_config(self) -> Config:
        if self._config is not None:
            return self._config
        return self._config_at(self.root)

    def _config_of(self, spec: MapFiles) -> Config:
        if self._config is not None:
            return self._config
        return self._config_at(spec.root)

    def _config_at(self, folder: Path) -> Config:
        config = self._configs.get(folder)
        if config is None:
            from argmap.config import Config  # noqa: PLC0415 - imports the rule registry

            config = self._configs[folder] = Config.discover(folder)
        return config

    def _cache_of(self, spec: MapFiles) -> Cache | None:
        if spec.root not in self._caches:
            self._caches[spec.root] = open_cache(self._cache_setting, spec.root)
        return self._caches[spec.root]


def _same(kept: tuple[tuple[str, bytes], ...], now: tuple[tuple[str, bytes], ...]) -> bool:
    return len(kept) == len(now) and all(
        a[0] == b[0] and (a[1] is b[1] or a[1] == b[1]) for a, b in zip(kept, now, strict=True)
    )
