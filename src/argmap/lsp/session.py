"""The language server's state, free of any protocol: folders, open texts, maps and outlines.

One :class:`argmap.Workspace` per workspace folder holds the maps under it; an editor's
unsaved buffer stands in for its file there (:meth:`Workspace.update`), and closing it lets
the disk speak again (:meth:`Workspace.forget`). A file outside every folder gets a workspace
rooted at the file, which holds the file's map without walking the folders around it. Files
changed on disk behind the editor's back are noticed by their size and modification time
whenever their map is checked again, and when the editor reports them.

Everything the editor features need about a map's text comes from here too: each file's
text (the buffer, else the disk), its line index and its outline (:mod:`argmap.lsp.outline`),
each ``.bib`` file's entries (:mod:`argmap.lsp.bibtext`), all kept while the text is the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from argmap.acceptability import Weighing, weigh
from argmap.diagnostics import Diagnostic
from argmap.errors import LoadError, MapError
from argmap.loading.contents import file_key
from argmap.loading.discover import MapFiles, classify
from argmap.lsp.bibtext import read_entries
from argmap.lsp.outline import Occurrence, Outline, read_outline
from argmap.lsp.text import Lines
from argmap.model import ArgumentMap, SourcePosition
from argmap.workspace import Workspace

__all__ = ["Findings", "MapRef", "Session"]

#: Files whose change can change which files form a map, or the settings: their folder's
#: workspace starts afresh.
_SETTINGS = frozenset({"pyproject.toml", ".gitignore"})
#: What argmap reads as a bibliography.
BIB_SUFFIX = ".bib"


@attrs.frozen(eq=False)
class MapRef:
    """One map, and the workspace holding it.

    Two refs are equal when they name the same map (same workspace, same root and files).
    """

    workspace: Workspace
    spec: MapFiles

    @property
    def key(self) -> tuple[int, str]:
        """What identifies the map while its workspace lives."""
        return id(self.workspace), file_key(self.spec.root)

    def __eq__(self, other: object) -> bool:
        """Whether both name the same map of the same workspace."""
        if not isinstance(other, MapRef):
            return NotImplemented
        return self.workspace is other.workspace and self.spec == other.spec

    def __hash__(self) -> int:
        """Hash the workspace's identity and the map's files."""
        return hash((id(self.workspace), self.spec))


@attrs.frozen
class Findings:
    """What checking a map found, by file.

    Attributes:
        map: The map checked.
        by_file: Diagnostics (or load errors) by :func:`~argmap.loading.contents.file_key`.
        loaded: Whether the map loaded (else ``by_file`` holds its load errors).
    """

    map: MapRef
    by_file: dict[str, list[Diagnostic | MapError]]
    loaded: bool


class Session:
    """The maps under the editor's workspace folders, with its open buffers standing in."""

    def __init__(self, folders: Iterable[str | os.PathLike[str]] = ()) -> None:
        """Hold one workspace per folder; nothing is read until asked."""
        self._folders: dict[Path, Workspace] = {}
        self._loose: dict[Path, Workspace] = {}
        #: Open buffers by file_key.
        self.buffers: dict[str, str] = {}
        self._disk: dict[str, tuple[tuple[int, int], str]] = {}
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._lines: dict[str, Lines] = {}
        self._outlines: dict[str, tuple[str, Outline]] = {}
        self._entries: dict[str, tuple[str, tuple[Occurrence, ...]]] = {}
        self._weighed: tuple[ArgumentMap, Weighing] | None = None
        for folder in folders:
            self.add_folder(folder)

    # -- folders ---------------------------------------------------------------------------------

    @property
    def folders(self) -> tuple[Path, ...]:
        """The workspace folders, in the order added."""
        return tuple(self._folders)

    def add_folder(self, folder: str | os.PathLike[str]) -> None:
        """Hold the maps under a workspace folder."""
        path = Path(file_key(folder))
        if path not in self._folders:
            self._folders[path] = self._new_workspace(path)

    def remove_folder(self, folder: str | os.PathLike[str]) -> None:
        """Drop a workspace folder and what is held of its maps."""
        self._folders.pop(Path(file_key(folder)), None)

    def workspace(self, path: str | os.PathLike[str]) -> Workspace:
        """Return the workspace a file belongs to: its deepest folder's, else one of its own.

        A file outside every folder gets a workspace rooted at the file itself, which holds
        the map the file belongs to (:func:`argmap.loading.discover.discover` finds it from
        there) without walking the folders around it.
        """
        file = Path(file_key(path))
        best: Path | None = None
        for folder in self._folders:
            deeper = best is None or len(folder.parts) > len(best.parts)
            if deeper and file.is_relative_to(folder):
                best = folder
        if best is not None:
            return self._folders[best]
        if file not in self._loose:
            self._loose[file] = self._new_workspace(file)
        return self._loose[file]

    def workspaces(self) -> tuple[Workspace, ...]:
        """Every workspace held: the folders', then those of files outside them."""
        return (*self._folders.values(), *self._loose.values())

    def _new_workspace(self, root: Path) -> Workspace:
        workspace = Workspace(root)
        around = _around(root)
        for key, text in self.buffers.items():
            if Path(key).is_relative_to(around):
                workspace.update(key, text)
        return workspace

    def _holders(self, key: str) -> list[Workspace]:
        """The workspaces that may read a file: every one whose folders hold it."""
        file = Path(key)
        holders = [ws for root, ws in self._folders.items() if file.is_relative_to(root)]
        holders += [ws for root, ws in self._loose.items() if file.is_relative_to(_around(root))]
        return holders or [self.workspace(key)]

    # -- buffers ---------------------------------------------------------------------------------

    def opened(self, path: str | os.PathLike[str], text: str) -> None:
        """Let an editor's buffer stand in for its file.

        Opening a file makes its workspaces look at the disk again: files may have appeared
        beside it since they last did, and not every editor reports such changes.
        """
        key = file_key(path)
        for workspace in {id(w): w for w in [self.workspace(key), *self._holders(key)]}.values():
            workspace.forget(key)
        self.changed(key, text)

    def changed(self, path: str | os.PathLike[str], text: str) -> None:
        """Take the buffer's new text.

        The workspaces are told only of texts that are, or were, map files or ``.bib`` files:
        another YAML file (a CI workflow) being typed into costs them nothing.
        """
        key = file_key(path)
        before = self.buffers.get(key)
        self.buffers[key] = text
        self._lines.pop(key, None)
        if _concerns(key, text) or (before is not None and _concerns(key, before)):
            for workspace in self._holders(key):
                workspace.update(key, text)

    def closed(self, path: str | os.PathLike[str]) -> None:
        """Let the disk stand for the file again."""
        key = file_key(path)
        self.buffers.pop(key, None)
        self._lines.pop(key, None)
        for workspace in self._holders(key):
            workspace.forget(key)

    def is_open(self, path: str | os.PathLike[str]) -> bool:
        """Whether the file is open in the editor."""
        return file_key(path) in self.buffers

    def disk_changed(self, path: str | os.PathLike[str]) -> None:
        """Note that a file changed, appeared or went away on disk."""
        key = file_key(path)
        self._disk.pop(key, None)
        self._stamps.pop(key, None)
        if Path(key).name in _SETTINGS:
            self._restart_under(Path(key).parent)
            return
        if key not in self.buffers:
            for workspace in self._holders(key):
                workspace.forget(key)

    def _restart_under(self, folder: Path) -> None:
        for held in (self._folders, self._loose):
            for root in list(held):
                if root.is_relative_to(folder) or folder.is_relative_to(root):
                    held[root] = self._new_workspace(root)

    # -- texts -----------------------------------------------------------------------------------

    def lines(self, path: str | os.PathLike[str]) -> Lines:
        """Return a file's text (the buffer, else the disk; empty when unreadable), indexed."""
        key = file_key(path)
        text = self.buffers.get(key)
        if text is None:
            text = self._read(key)
        kept = self._lines.get(key)
        if kept is None or (kept.text is not text and kept.text != text):
            kept = self._lines[key] = Lines(text)
        return kept

    def _read(self, key: str) -> str:
        stamp = _stamp(key)
        kept = self._disk.get(key)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        try:
            text = Path(key).read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        except OSError:
            text = ""
        if stamp is not None:
            self._disk[key] = (stamp, text)
        return text

    def outline(self, path: str | os.PathLike[str]) -> Outline:
        """Return the outline of a YAML map file as it is now."""
        key = file_key(path)
        lines = self.lines(key)
        kept = self._outlines.get(key)
        if kept is None or (kept[0] is not lines.text and kept[0] != lines.text):
            kept = self._outlines[key] = (lines.text, read_outline(lines.text, lines))
        return kept[1]

    def entries(self, path: str | os.PathLike[str]) -> tuple[Occurrence, ...]:
        """Return the entry keys of a ``.bib`` file as it is now."""
        key = file_key(path)
        lines = self.lines(key)
        kept = self._entries.get(key)
        if kept is None or (kept[0] is not lines.text and kept[0] != lines.text):
            kept = self._entries[key] = (lines.text, read_entries(lines.text, lines))
        return kept[1]

    # -- maps ------------------------------------------------------------------------------------

    def map_of(self, path: str | os.PathLike[str]) -> MapRef | None:
        """Return the map a map file belongs to, or None when it belongs to none."""
        if Path(path).suffix.lower() == BIB_SUFFIX:
            return None
        workspace = self.workspace(path)
        try:
            spec = workspace.map_files(path)
        except LoadError:
            return None
        key = file_key(path)
        if not any(file_key(file) == key for file in spec.files):
            return None
        return MapRef(workspace, spec)

    def maps(self) -> Iterator[MapRef]:
        """Every map of every workspace."""
        for workspace in self.workspaces():
            try:
                specs = workspace.maps
            except LoadError:
                continue
            for spec in specs:
                yield MapRef(workspace, spec)

    def maps_reading(self, bib: str | os.PathLike[str]) -> list[MapRef]:
        """Return the maps whose bibliography includes a ``.bib`` file."""
        key = file_key(bib)
        return [ref for ref in self.maps() if key in {file_key(f) for f in self.bib_files(ref)}]

    def related(self, path: str | os.PathLike[str]) -> list[MapRef]:
        """Return the maps a file takes part in: its own map, or those reading a ``.bib``."""
        if Path(path).suffix.lower() == BIB_SUFFIX:
            return self.maps_reading(path)
        ref = self.map_of(path)
        return [] if ref is None else [ref]

    def bib_files(self, ref: MapRef) -> list[Path]:
        """Return the ``.bib`` files a YAML map reads, from its header as it is now."""
        from argmap.loading.locate import bibliography_files  # noqa: PLC0415

        if ref.spec.format != "yaml":
            return []
        names: list[tuple[str, SourcePosition]] = []
        if ref.spec.header is not None:
            header = str(ref.spec.header)
            for name, span in self.outline(header).bibliography:
                names.append((name, SourcePosition(header, span.line + 1, span.start + 1)))
        files, _ = bibliography_files(names, near=ref.spec.root)
        return files

    def files_of(self, ref: MapRef) -> list[Path]:
        """Return a map's files and the ``.bib`` files it reads."""
        return [*ref.spec.files, *self.bib_files(ref)]

    def loaded(self, ref: MapRef) -> ArgumentMap | None:
        """Return the map as its files are now, or None when it does not load."""
        self._refresh(ref)
        try:
            return ref.workspace.map_of(ref.spec.files[0])
        except LoadError:
            return None

    def check(self, ref: MapRef) -> Findings:
        """Check a map as its files are now; its findings by file."""
        self._refresh(ref)
        by_file: dict[str, list[Diagnostic | MapError]] = {}
        found: Iterable[Diagnostic | MapError]
        try:
            found = ref.workspace.check(ref.spec.files[0])
            loaded = True
        except LoadError as exc:
            found = exc.errors
            loaded = False
        for finding in found:
            by_file.setdefault(file_key(finding.file), []).append(finding)
        return Findings(ref, by_file, loaded)

    def weighing(self, argument_map: ArgumentMap) -> Weighing:
        """Return the labels of a map's nodes, computed once per map."""
        if self._weighed is None or self._weighed[0] is not argument_map:
            self._weighed = (argument_map, weigh(argument_map))
        return self._weighed[1]

    def _refresh(self, ref: MapRef) -> None:
        """Forget the files of a map that changed on disk since they were read.

        A file is known by its size and modification time, taken before the workspace reads
        it: so a file seen for the first time is read again once (discovery may have read it
        earlier, while another program was still writing it), and a file written since is
        read again, whether or not the editor reported the change.
        """
        for file in self.files_of(ref):
            key = file_key(file)
            if key in self.buffers:
                continue
            stamp = _stamp(key)
            if self._stamps.get(key, _UNSEEN) != stamp:
                for workspace in self._holders(key):
                    workspace.forget(key)
                self._stamps[key] = stamp


#: The stamp of a file not seen yet (a missing file's is None).
_UNSEEN = (-1, -1)


def _around(root: Path) -> Path:
    """The folder whose files a workspace may read: its root, or a root file's project."""
    from argmap.loading.locate import project_root  # noqa: PLC0415

    return root if root.is_dir() else project_root(root)


def _concerns(key: str, text: str) -> bool:
    """Whether a text is one argmap reads: a map file, or a bibliography."""
    if key.lower().endswith(BIB_SUFFIX):
        return True
    return classify(key, text.encode("utf-8", errors="replace")) is not None


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
