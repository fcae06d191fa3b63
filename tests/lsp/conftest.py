"""End-to-end fixtures: argmap's language server in a subprocess, driven by pytest-lsp's client.

A test module shares one server (``python -m argmap.lsp``, started once: most of a test's time
would otherwise go to importing pygls), whose one workspace folder is a scratch folder with a
``.git``. Each test copies its maps into a folder of its own inside it, after the server has
started, as a user creating files would: the article's map (``arguments/`` and
``references.bib``) or a small multi-map folder; at its end, the files it opened are closed.
Tests of the server's life (start, shutdown, several folders) take a server of their own,
``lone_client``. Helpers open files, wait for diagnostics, and turn positions into words.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import textwrap
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = Path(__file__).resolve().parents[2]
SERVER = [sys.executable, "-m", "argmap.lsp"]

#: Two maps side by side, each with a header; `one/` over two files with a .bib.
MULTI = {
    "one/main.yaml": """\
        map:
          title: One
        nodes:
          T1:
            claim: Armenia turned away from Russian arms.
            thesis: true
            because: [E1 + P1, C2]
          C2:
            claim: France became a supplier.
            because: E2
        """,
    "one/more.yaml": """\
        nodes:
          E1:
            evidence: Imports from Russia fell below 10%.
            cites: [{key: sipri2024, page: 4}]
          E2:
            evidence: France sold radars to Armenia in 2023.
            cites:
              - {key: sipri2024, page: 7}
          P1:
            premise: Small states hedge when a patron fails them.
            cites: [{key: walt1987, chapter: 2}]
          O1:
            objection: The fall may reflect full depots.
            undercuts: T1/1
        """,
    "one/references.bib": """\
        @book{walt1987,
          author = {Walt, Stephen M.},
          title = {The Origins of Alliances},
          publisher = {Cornell University Press},
          year = {1987},
        }

        @misc{sipri2024,
          author = {{SIPRI}},
          title = {Arms Transfers Database},
          year = {2024},
        }
        """,
    "two/main.yaml": """\
        map:
          title: Two
        nodes:
          T1:
            claim: Georgia hedges between Russia and the West.
            thesis: true
            because: E1
          E1:
            evidence: Georgia applied to join the EU in 2022.
        """,
}


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write dedented texts under ``folder``."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace folder of the module's server (a project: it holds ``.git``)."""
    folder = tmp_path_factory.mktemp("workspace")
    (folder / ".git").mkdir()
    return folder


@pytest.fixture
def place(root: Path, request: pytest.FixtureRequest) -> Path:
    """The test's own folder inside the workspace."""
    folder = root / re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name)[:80]
    folder.mkdir()
    return folder


def put_in_place(staged: Path, place: Path) -> Path:
    """Move a folder made elsewhere into the workspace in one step, and return its new path.

    The module's server may be reading the workspace while a test sets up (checks of the
    previous test's maps run late): it must never see a file half written.
    """
    target = place / staged.name
    staged.rename(target)
    return target


@pytest.fixture
def article(place: Path, tmp_path: Path) -> Path:
    """A copy of the article's map and bibliography."""
    staged = tmp_path / "article"
    shutil.copytree(REPO / "arguments", staged / "arguments")
    shutil.copy(REPO / "references.bib", staged / "references.bib")
    return put_in_place(staged, place)


@pytest.fixture
def multi(place: Path, tmp_path: Path) -> Path:
    """Two small maps, ``one/`` (two files and a .bib) and ``two/``."""
    return put_in_place(write_files(tmp_path / "multi", MULTI), place)


def uri(path: Path) -> str:
    return path.resolve().as_uri()


class Editor:
    """What an editor does with the server, on top of pytest-lsp's client."""

    def __init__(self, client: LanguageClient, root: Path | None = None) -> None:
        self.client = client
        self.root = root
        self.opened: set[str] = set()

    uri = staticmethod(uri)

    async def start(self, folder: Path) -> None:
        """Initialize the session with ``folder`` as the one workspace folder, unless it was."""
        if self.client.capabilities is not None:
            assert self.root is not None
            assert folder.is_relative_to(self.root)
            return
        await initialize(self.client, folder)

    async def initialize(self, *folders: Path) -> None:
        """Initialize the session with these workspace folders."""
        await initialize(self.client, *folders)

    def close_all(self) -> None:
        """Close what this test opened."""
        for address in sorted(self.opened):
            self.client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=address)
                )
            )
        self.opened.clear()

    def open(self, path: Path, text: str | None = None) -> str:
        """Open a file (with its text on disk unless given); return its URI."""
        address = uri(path)
        self.client.diagnostics.pop(address, None)
        self.opened.add(address)
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=address,
                    language_id="bibtex" if path.suffix == ".bib" else "yaml",
                    version=1,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )
        return address

    def change(self, path: Path, text: str, version: int = 2) -> str:
        """Replace a file's whole text, without saving it."""
        address = uri(path)
        self.client.diagnostics.pop(address, None)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=address, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return address

    def close(self, path: Path) -> None:
        self.opened.discard(uri(path))
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri(path))
            )
        )

    async def diagnostics(self, *addresses: str) -> list[list[types.Diagnostic]]:
        """Wait for diagnostics of each URI (popped before the action that sends them)."""
        await until(lambda: all(a in self.client.diagnostics for a in addresses))
        return [list(self.client.diagnostics[a]) for a in addresses]

    @staticmethod
    def at(path: Path, needle: str, *, occurrence: int = 0, offset: int = 0) -> types.Position:
        """The position of the ``occurrence``-th ``needle`` in a file (plus ``offset``)."""
        text = path.read_text(encoding="utf-8")
        index = -1
        for _ in range(occurrence + 1):
            index = text.index(needle, index + 1)
        line = text.count("\n", 0, index)
        column = index - (text.rfind("\n", 0, index) + 1)
        return types.Position(line=line, character=column + offset)

    @staticmethod
    def word(path: Path, where: types.Range, text: str | None = None) -> str:
        """The text a single-line range covers in a file (or in ``text``)."""
        text = path.read_text(encoding="utf-8") if text is None else text
        line = text.splitlines()[where.start.line]
        return line[where.start.character : where.end.character]

    @staticmethod
    def write(path: Path, text: str) -> None:
        """Write a file in one step (see :func:`put_in_place`)."""
        staged = path.with_name(f".{path.name}.tmp")
        staged.write_text(text, encoding="utf-8")
        staged.replace(path)

    @staticmethod
    def document(path: Path) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=uri(path))


async def until(predicate: Callable[[], object], within: float = 10.0) -> None:
    """Wait until ``predicate()`` is true, polling; fail after ``within`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            pytest.fail("timed out waiting for the server")
        await asyncio.sleep(0.01)


async def initialize(client: LanguageClient, *folders: Path) -> None:
    """Initialize a session with these workspace folders (the first is the root)."""
    general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16])
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(general=general),
            root_uri=uri(folders[0]),
            workspace_folders=[types.WorkspaceFolder(uri=uri(f), name=f.name) for f in folders],
        )
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, root: Path) -> AsyncIterator[None]:
    """A client connected to the module's server, its session started on ``root``."""
    await initialize(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def lone_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A client connected to a server of its own, not yet initialized."""
    yield
    if lsp_client.capabilities is not None:
        await lsp_client.shutdown_session()


@pytest.fixture
def editor(client: LanguageClient, root: Path) -> Iterator[Editor]:
    """The test's editor, talking to the module's server."""
    editor = Editor(client, root)
    yield editor
    editor.close_all()


@pytest.fixture
def lone_editor(lone_client: LanguageClient) -> Editor:
    """An editor talking to a server of its own."""
    return Editor(lone_client)
