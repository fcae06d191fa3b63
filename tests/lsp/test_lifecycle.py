"""Starting, shutting down and exiting; the core never imports pygls; several folders."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from lsprotocol import types


@pytest.mark.asyncio
async def test_shutdown_then_exit_ends_the_server_with_status_0(lone_editor, multi: Path) -> None:
    editor = lone_editor
    await editor.start(multi)
    editor.open(multi / "one" / "main.yaml")
    await editor.diagnostics(editor.uri(multi / "one" / "main.yaml"))
    server = editor.client._server
    assert server is not None
    await editor.client.shutdown_session()
    assert server.returncode == 0
    editor.client.capabilities = None  # the fixture need not shut it down again


def test_exit_without_shutdown_is_status_1() -> None:
    message = b'{"jsonrpc": "2.0", "method": "exit"}'
    header = f"Content-Length: {len(message)}\r\n\r\n".encode()
    done = subprocess.run(
        [sys.executable, "-m", "argmap.lsp"],
        input=header + message,
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 1


def test_importing_argmap_does_not_import_pygls() -> None:
    code = (
        "import sys, argmap, argmap.lsp\nprint('pygls' in sys.modules, 'lsprotocol' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


@pytest.mark.asyncio
async def test_two_workspace_folders_each_with_its_own_maps(lone_editor, multi: Path) -> None:
    editor = lone_editor
    one, two = multi / "one", multi / "two"
    await editor.initialize(one, two)
    first, second = editor.open(one / "main.yaml"), editor.open(two / "main.yaml")
    found = await editor.diagnostics(first, second)
    assert [d.code for d in found[1]] == ["AM004"]
    symbols = await editor.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="T1"))
    assert symbols is not None
    assert sorted(Path(s.location.uri).parent.name for s in symbols) == ["one", "two"]  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_the_server_asks_to_be_told_of_files_changed_on_disk(
    lone_editor, multi: Path
) -> None:
    editor = lone_editor
    registered: list[types.RegistrationParams] = []

    def register(params: types.RegistrationParams) -> None:
        registered.append(params)

    editor.client.feature(types.CLIENT_REGISTER_CAPABILITY)(register)
    watched = types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
    await editor.client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                workspace=types.WorkspaceClientCapabilities(did_change_watched_files=watched)
            ),
            workspace_folders=[types.WorkspaceFolder(uri=editor.uri(multi), name="multi")],
        )
    )
    await until(lambda: registered)
    (registration,) = registered[0].registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = registration.register_options
    assert options["watchers"][0]["globPattern"].startswith("**/{*.yaml,")  # type: ignore[index]


async def until(predicate: Callable[[], object]) -> None:
    for _ in range(500):
        if predicate():
            return
        await asyncio.sleep(0.01)
    pytest.fail("timed out waiting for the server")


@pytest.mark.asyncio
async def test_labels_are_asked_for_again_when_another_file_changes(
    lone_editor, multi: Path
) -> None:
    editor = lone_editor
    refreshed: list[None] = []

    def refresh(params: None) -> None:
        refreshed.append(params)

    editor.client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)(refresh)
    hints = types.InlayHintWorkspaceClientCapabilities(refresh_support=True)
    await editor.client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                workspace=types.WorkspaceClientCapabilities(inlay_hint=hints)
            ),
            workspace_folders=[types.WorkspaceFolder(uri=editor.uri(multi), name="multi")],
        )
    )
    main, more = multi / "one" / "main.yaml", multi / "one" / "more.yaml"
    addresses = [editor.open(main), editor.open(more)]
    await editor.diagnostics(*addresses)
    await until(lambda: refreshed)  # the second file opened: both files' labels may change
    refreshed.clear()
    editor.change(more, more.read_text(encoding="utf-8") + "  C9:\n    claim: x\n    attacks: O1\n")
    await until(lambda: refreshed)
