"""``argmap check --watch``: check maps once, then again each time one of their files changes.

Each path given is held by an :class:`argmap.Workspace`, so that a change re-reads only the
files that changed and checks only the maps they belong to. The project folders around the
paths are watched (with watchfiles, imported only here), so that a ``.bib`` file beside the
maps (``bibliography: ../references.bib``) or a ``pyproject.toml`` is seen too:

- a map file changed, added or removed: its map is checked again;
- a ``.bib`` file changed: every map of its workspace is checked again (the ones that do not
  read it come back from the workspace's memory at once);
- ``pyproject.toml`` or ``.gitignore`` changed: the workspace starts afresh (the settings, or
  which files form the maps, may have changed) and every map is checked again.

Every check is handed to ``on_result`` as a :class:`Checked`; printing is the caller's job.

>>> from argmap.watch import watch                                    # doctest: +SKIP
>>> watch(["arguments"], on_result=lambda checked: print(checked))    # doctest: +SKIP
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.errors import LoadError, MapError
from argmap.loading.contents import file_key
from argmap.loading.discover import MapFiles
from argmap.loading.locate import project_root
from argmap.workspace import Workspace

if TYPE_CHECKING:
    from argmap.config import Config
    from argmap.diagnostics import Diagnostic

__all__ = ["Checked", "watch"]

#: The files whose changes can change what a check finds.
SUFFIXES = frozenset({".yaml", ".yml", ".bib", ".json", ".argdown", ".ad"})
#: Files whose change starts a workspace afresh.
SETTINGS = frozenset({"pyproject.toml", ".gitignore"})


@attrs.frozen
class Checked:
    """One check of one map.

    Attributes:
        map: The map's files; None for what discovery could not read (``errors`` says what).
        changed: The files whose change prompted the check; empty for the first check.
        diagnostics: What the rules found, sorted (empty when the map did not load).
        errors: Why the map could not be loaded (empty when it loaded).
    """

    map: MapFiles | None
    changed: tuple[Path, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    errors: tuple[MapError, ...] = ()

    @property
    def failing(self) -> bool:
        """Whether ``argmap check`` would exit with a failure for this map (1 or 2)."""
        return bool(self.errors) or any(d.severity.fails for d in self.diagnostics)


def watch(
    paths: Sequence[str | os.PathLike[str]],
    *,
    on_result: Callable[[Checked], None],
    config: Config | None = None,
    stop: threading.Event | None = None,
    debounce: int = 200,
    initial: bool = True,
) -> None:
    """Check the maps under ``paths``, then again whenever their files change, until stopped.

    Args:
        paths: map files or folders, as ``argmap check`` takes them.
        on_result: called with each check, in the watching thread.
        config: the settings to apply to every map (default: each map's ``pyproject.toml``),
            e.g. with the command line's ``--select`` and ``--ignore`` folded in.
        stop: set it (from another thread, or from ``on_result``) to stop watching.
        debounce: how long changes are gathered into one round of checks, in milliseconds.
        initial: check every map once before watching.

    Raises:
        KeyboardInterrupt: on Ctrl-C, as watchfiles raises it.
    """
    import watchfiles  # noqa: PLC0415 - only watching needs it

    held = [_Held(Path(path), config) for path in paths]
    roots = sorted({root for entry in held for root in entry.roots()})
    started = False
    for changes in watchfiles.watch(
        *roots,
        watch_filter=_relevant,
        debounce=debounce,
        step=50,
        stop_event=stop,
        rust_timeout=_TICK,
        yield_on_timeout=True,
    ):
        if not started:
            # The watcher runs from here on: a change made while the maps are first checked
            # is not lost; the first check sees it, or the next round does.
            started = True
            if initial:
                for entry in held:
                    for checked in entry.check_all(()):
                        on_result(checked)
            continue
        if changes:
            changed = sorted({Path(name) for _, name in changes})
            for entry in held:
                for checked in entry.changed(changed):
                    on_result(checked)
        if stop is not None and stop.is_set():
            return


#: How often the watcher wakes when nothing changes, in milliseconds (the first wake-up says
#: that it is watching).
_TICK = 100


def _relevant(_change: object, name: str) -> bool:
    path = Path(name)
    if any(part in _IGNORED for part in path.parts):
        return False
    return path.suffix.lower() in SUFFIXES or path.name in SETTINGS


_IGNORED = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".argmap_cache"})


class _Held:
    """One path given to :func:`watch`, with the workspace holding its maps."""

    def __init__(self, path: Path, config: Config | None) -> None:
        self.path = path
        self.config = config
        self.workspace = Workspace(path, config=config)
        #: The .bib files each map read when last checked.
        self._bibs: dict[tuple[Path, ...], set[str]] = {}

    def roots(self) -> Iterable[Path]:
        """The folders to watch: the project around the path (its .bib and settings)."""
        yield Path(file_key(project_root(self.path)))

    def check_all(self, changed: tuple[Path, ...]) -> list[Checked]:
        found = []
        if self.workspace.errors:
            found.append(Checked(None, changed, errors=self.workspace.errors))
        maps = self.workspace.maps
        if not maps and not self.workspace.errors:
            try:
                maps = (self.workspace.map_files(self.path),)
            except LoadError as exc:
                return [Checked(None, changed, errors=exc.errors)]
        found.extend(self.check(spec, changed) for spec in maps)
        return found

    def check(self, spec: MapFiles, changed: tuple[Path, ...]) -> Checked:
        try:
            diagnostics = self.workspace.check(spec.files[0])
        except LoadError as exc:
            self._bibs.pop(spec.files, None)
            return Checked(spec, changed, errors=exc.errors)
        argument_map = self.workspace.map_of(spec.files[0])  # kept: costs nothing
        self._bibs[spec.files] = {
            file_key(source.position.file) for source in argument_map.sources.values()
        }
        return Checked(spec, changed, diagnostics=tuple(diagnostics))

    def changed(self, changed: Sequence[Path]) -> list[Checked]:
        """Read the changed files again; check the maps they touch."""
        if any(path.name in SETTINGS for path in changed):
            self.workspace = Workspace(self.path, config=self.config)
            return self.check_all(tuple(changed))
        before = {spec.files: spec for spec in self._maps()}
        for path in changed:
            self.workspace.forget(path)
        bibs = {file_key(path) for path in changed if path.suffix.lower() == ".bib"}
        found = []
        for spec in self._maps():
            files = {file_key(f) for f in spec.files}
            mine = tuple(path for path in changed if file_key(path) in files)
            if mine or spec.files not in before or (bibs and self._reads(spec, bibs)):
                found.append(self.check(spec, mine or tuple(changed)))
        return found

    def _reads(self, spec: MapFiles, bibs: set[str]) -> bool:
        """Whether a map reads one of these ``.bib`` files (when it does not load: maybe)."""
        read = self._bibs.get(spec.files)
        if read is None:
            return True
        return not read.isdisjoint(bibs)

    def _maps(self) -> tuple[MapFiles, ...]:
        try:
            return self.workspace.maps
        except LoadError:
            return ()
