"""Checking maps as their files change, and sending each open file its diagnostics.

A change to one file re-checks its map (or, for a ``.bib`` file, every map reading it) and
re-publishes the diagnostics of every open file of that map: a node renamed in one file
makes its uses in the others unknown ids at once.

Checks of one map are spaced at least :data:`DELAY` apart: an edit after a pause is checked
at once (the diagnostics of a 1,000-node map arrive within a few tens of milliseconds),
while the edits that follow it within the delay are gathered into one check at its end, so
fast typing costs one check per delay however many keys are struck. Opening and saving a
file check at once.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from argmap.loading.contents import file_key
from argmap.lsp.convert import to_diagnostic, uri_of
from argmap.lsp.session import MapRef, Session

__all__ = ["DELAY", "Publisher"]

#: The least time between two checks of one map, in seconds.
DELAY = 0.2


class Publisher:
    """Checks the maps of the files the editor changes and publishes their diagnostics."""

    def __init__(
        self,
        server: LanguageServer,
        session: Session,
        *,
        delay: float = DELAY,
        uri: Callable[[str], str] | None = None,
    ) -> None:
        """Publish through ``server`` what checking the maps of ``session`` finds.

        Args:
            server: the language server the diagnostics are sent through.
            session: the maps and open buffers.
            delay: the least time between two checks of one map, in seconds.
            uri: the URI the editor knows a file (a file_key) by; default: its ``file:`` URI.
        """
        self.server = server
        self.session = session
        self.delay = delay
        self._uri = uri or uri_of
        self._pending: dict[tuple[int, str], tuple[asyncio.Handle, MapRef]] = {}
        self._last: dict[tuple[int, str], float] = {}
        #: The map each open file's diagnostics were last published for.
        self._published: dict[str, tuple[int, str] | None] = {}

    # -- what happened ---------------------------------------------------------------------------

    def changed(self, path: str | os.PathLike[str]) -> None:
        """A buffer changed: check its maps soon (see the module's text)."""
        refs = self.session.related(path)
        for ref in refs:
            self._schedule(ref)
        if not refs:
            self._orphan(file_key(path))

    def now(self, path: str | os.PathLike[str]) -> None:
        """A file was opened or saved: check its maps at once."""
        refs = self.session.related(path)
        for ref in refs:
            self._cancel(ref)
            self.check(ref)
        if not refs:
            self._orphan(file_key(path))

    def closed(self, path: str | os.PathLike[str]) -> None:
        """A buffer closed: clear its diagnostics; its map is checked again from the disk."""
        key = file_key(path)
        self._published.pop(key, None)
        self._send(key, [])
        for ref in self.session.related(path):
            if any(self.session.is_open(f) for f in self.session.files_of(ref)):
                self._schedule(ref)

    def everything(self) -> None:
        """Check again the maps of every open file (files changed on disk, settings changed)."""
        seen: set[MapRef] = set()
        for key in list(self.session.buffers):
            refs = self.session.related(key)
            for ref in refs:
                if ref not in seen:
                    seen.add(ref)
                    self._cancel(ref)
                    self.check(ref)
            if not refs:
                self._orphan(key)

    # -- checking --------------------------------------------------------------------------------

    def check(self, ref: MapRef) -> None:
        """Check a map now and publish the diagnostics of its open files."""
        loop = _loop()
        if loop is not None:
            self._last[ref.key] = loop.time()
        findings = self.session.check(ref)
        files = {file_key(f) for f in self.session.files_of(ref)}
        codec = self.server.workspace.position_codec
        shown = 0
        for key in self.session.buffers:
            if key in files:
                lines = self.session.lines(key)
                found = findings.by_file.get(key, [])
                self._send(key, [to_diagnostic(finding, lines, codec) for finding in found])
                self._published[key] = ref.key
                shown += 1
            elif self._published.get(key) == ref.key:
                self._orphan(key)  # it left this map: it belongs to another one, or to none
        if shown > 1 and self._refreshes_hints():
            # A change in one file can change the labels shown in the others.
            self.server.workspace_inlay_hint_refresh(None)

    def _refreshes_hints(self) -> bool:
        """Whether the client wants to be told to ask for inlay hints again."""
        workspace = self.server.client_capabilities.workspace
        hints = workspace.inlay_hint if workspace is not None else None
        return bool(hints is not None and hints.refresh_support)

    def _orphan(self, key: str) -> None:
        """A file in no map (or one that just left its map): check its map, or clear it."""
        refs = self.session.related(key)
        if refs:
            for ref in refs:
                self.check(ref)
            return
        if self._published.pop(key, None) is not None or key in self.session.buffers:
            self._send(key, [])

    def _send(self, key: str, diagnostics: list[types.Diagnostic]) -> None:
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=self._uri(key), diagnostics=diagnostics)
        )

    # -- spacing the checks ----------------------------------------------------------------------

    def _schedule(self, ref: MapRef) -> None:
        loop = _loop()
        if loop is None:
            self.check(ref)
            return
        key = ref.key
        pending = self._pending.get(key)
        if pending is not None:
            self._pending[key] = (pending[0], ref)  # the latest files of the map
            return
        wait = self._last.get(key, -self.delay) + self.delay - loop.time()
        if wait <= 0:
            handle: asyncio.Handle = loop.call_soon(self._fire, key)
        else:
            handle = loop.call_later(wait, self._fire, key)
        self._pending[key] = (handle, ref)

    def _fire(self, key: tuple[int, str]) -> None:
        pending = self._pending.pop(key, None)
        if pending is not None:
            self.check(pending[1])

    def _cancel(self, ref: MapRef) -> None:
        pending = self._pending.pop(ref.key, None)
        if pending is not None:
            pending[0].cancel()

    def cancel_all(self) -> None:
        """Drop every check still waiting (on shutdown)."""
        for handle, _ in self._pending.values():
            handle.cancel()
        self._pending.clear()


def _loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
