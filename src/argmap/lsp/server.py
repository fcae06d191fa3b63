"""The language server: pygls wiring from protocol messages to argmap's editor features.

Each handler turns the client's URIs and positions into paths and code points, asks the
feature modules (which know nothing of the protocol), and turns their answers back into
protocol objects (:mod:`argmap.lsp.convert`). State lives in a :class:`Session`; diagnostics
are checked and sent by a :class:`Publisher`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap.loading.contents import file_key
from argmap.lsp import actions, completion, hover, labels, navigation
from argmap.lsp.convert import (
    client_range,
    server_position,
    span_range,
    uri_of,
    workspace_edit,
)
from argmap.lsp.outline import NodeEntry, Role, Span, Symbol
from argmap.lsp.publisher import Publisher
from argmap.lsp.session import Session
from argmap.lsp.text import Lines

__all__ = ["ArgmapServer", "build_server"]

logger = logging.getLogger(__name__)

#: The files whose changes on disk the server asks to be told about.
WATCHED = "**/{*.yaml,*.yml,*.bib,*.json,*.argdown,*.ad,pyproject.toml,.gitignore}"
#: Characters after which the editor asks for completions unprompted.
TRIGGERS = [" ", "+", "/", "[", ",", "{", ":"]


def _version() -> str:
    try:
        return version("argmap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


class ArgmapServer(LanguageServer):
    """argmap's language server: one :class:`argmap.Workspace` per workspace folder."""

    def __init__(self) -> None:
        """Start with no folder; they come with ``initialize``."""
        super().__init__("argmap", _version())
        self.session = Session()
        #: The URI the editor named each file by (a file_key), to answer in its own terms.
        self.uris: dict[str, str] = {}
        self.publisher = Publisher(self, self.session, uri=self.uri)
        #: Whether the client asked the server to shut down (so that ``exit`` is expected).
        self.shut_down = False

    def uri(self, key: str) -> str:
        """Return the URI the editor knows a file by."""
        return self.uris.get(key) or uri_of(key)

    def path(self, uri: str) -> str:
        """Return the file a URI names, as a :func:`~argmap.loading.contents.file_key`."""
        return file_key(to_fs_path(uri) or uri)

    def place(self, uri: str, position: types.Position) -> tuple[str, int, int]:
        """Return the file, line and code-point column of a position the client sent."""
        path = self.path(uri)
        line, column = server_position(
            self.session.lines(path), position, self.workspace.position_codec
        )
        return path, line, column

    def lines(self, key: str) -> Lines:
        """Return a file's text, the open buffer if there is one."""
        return self.session.lines(key)

    def documentation(self, text: str) -> types.MarkupContent | str | None:
        """Return a completion's documentation as the client reads it (None for nothing)."""
        if not text:
            return None
        content = self.markup(text, hover=False)
        return content if content.kind is types.MarkupKind.Markdown else text

    def markup(self, text: str, *, hover: bool) -> types.MarkupContent:
        """Return Markdown as the client reads it: Markdown if it says so, else plain text."""
        document = self.client_capabilities.text_document
        formats: Sequence[types.MarkupKind] | None = None
        if document is not None and hover and document.hover is not None:
            formats = document.hover.content_format
        elif document is not None and not hover and document.completion is not None:
            item = document.completion.completion_item
            formats = item.documentation_format if item is not None else None
        if formats and types.MarkupKind.Markdown in formats:
            return types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
        return types.MarkupContent(kind=types.MarkupKind.PlainText, value=text)


def build_server() -> ArgmapServer:
    """Return a new server with every feature registered."""
    server = ArgmapServer()
    for method, handler, options in _FEATURES:
        server.feature(method, options)(handler)
    return server


# -- the workspace ------------------------------------------------------------------------------


def initialized(ls: ArgmapServer, _params: types.InitializedParams) -> None:
    """Take the workspace folders; ask to be told of files changed on disk, if the client can."""
    folders = [to_fs_path(folder.uri) for folder in ls.workspace.folders.values()]
    if not folders and ls.workspace.root_path:
        folders = [ls.workspace.root_path]
    for folder in folders:
        if folder:
            ls.session.add_folder(folder)
    capabilities = ls.client_capabilities.workspace
    watching = capabilities.did_change_watched_files if capabilities else None
    if watching is not None and watching.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=WATCHED)]
        )
        registration = types.Registration(
            id="argmap-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


def folders_changed(ls: ArgmapServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    """Hold the folders added, drop those removed."""
    for folder in params.event.removed:
        ls.session.remove_folder(to_fs_path(folder.uri) or folder.uri)
    for folder in params.event.added:
        ls.session.add_folder(to_fs_path(folder.uri) or folder.uri)
    ls.publisher.everything()


def files_changed(ls: ArgmapServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Files changed on disk behind the editor: read them again, check the open maps again."""
    for change in params.changes:
        ls.session.disk_changed(ls.path(change.uri))
    ls.publisher.everything()


def shutdown(ls: ArgmapServer, _params: None) -> None:
    """Drop the checks still waiting; ``exit`` comes next."""
    ls.shut_down = True
    ls.publisher.cancel_all()


# -- documents ----------------------------------------------------------------------------------


def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
    """Let the buffer stand in for its file, and check its map."""
    document = params.text_document
    path = ls.path(document.uri)
    ls.uris[path] = document.uri
    ls.session.opened(path, ls.workspace.get_text_document(document.uri).source)
    ls.publisher.now(path)


def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
    """Take the buffer's new text, and check its map soon."""
    uri = params.text_document.uri
    path = ls.path(uri)
    ls.session.changed(path, ls.workspace.get_text_document(uri).source)
    ls.publisher.changed(path)


def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
    """Check the file's map at once."""
    ls.publisher.now(ls.path(params.text_document.uri))


def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
    """Let the disk stand for the file again; clear its diagnostics."""
    path = ls.path(params.text_document.uri)
    ls.session.closed(path)
    ls.publisher.closed(path)
    ls.uris.pop(path, None)


# -- navigation ---------------------------------------------------------------------------------


def _locations(ls: ArgmapServer, found: list[navigation.Location]) -> list[types.Location]:
    codec = ls.workspace.position_codec
    return [
        types.Location(
            uri=ls.uri(place.file), range=span_range(ls.lines(place.file), place.span, codec)
        )
        for place in found
    ]


def definition(ls: ArgmapServer, params: types.DefinitionParams) -> list[types.Location]:
    """Where the node, reason or source under the cursor is defined."""
    path, line, column = ls.place(params.text_document.uri, params.position)
    return _locations(ls, navigation.definition(ls.session, path, line, column))


def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
    """Every place the node, reason, source or rule under the cursor is named."""
    path, line, column = ls.place(params.text_document.uri, params.position)
    found = navigation.references(
        ls.session, path, line, column, declaration=params.context.include_declaration
    )
    return _locations(ls, found)


def prepare_rename(
    ls: ArgmapServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder | None:
    """The id or key under the cursor, if it can be renamed."""
    path, line, column = ls.place(params.text_document.uri, params.position)
    named = navigation.prepare_rename(ls.session, path, line, column)
    if named is None:
        return None
    where = span_range(ls.lines(path), named.span, ls.workspace.position_codec)
    return types.PrepareRenamePlaceholder(range=where, placeholder=named.name)


def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit:
    """Rename the node or source under the cursor everywhere, the ``.bib`` file included."""
    path, line, column = ls.place(params.text_document.uri, params.position)
    try:
        edits = navigation.rename(ls.session, path, line, column, params.new_name)
    except navigation.RenameRefused as refused:
        raise JsonRpcException(str(refused), code=types.LSPErrorCodes.RequestFailed) from None
    return workspace_edit(edits, ls.lines, ls.workspace.position_codec, uri=ls.uri)


_SYMBOL_KINDS = {
    "claim": types.SymbolKind.Class,
    "evidence": types.SymbolKind.Constant,
    "premise": types.SymbolKind.Interface,
    "assumption": types.SymbolKind.TypeParameter,
    "objection": types.SymbolKind.Event,
}


def _detail(entry: NodeEntry) -> str:
    kind = entry.kind or "node"
    return f"{kind} · thesis" if entry.thesis else kind


def document_symbols(
    ls: ArgmapServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    """The outline: the header, then each node with its kind, and its reasons inside it."""
    path = ls.path(params.text_document.uri)
    if Path(path).suffix.lower() not in (".yaml", ".yml"):
        return []
    outline = ls.session.outline(path)
    lines = ls.lines(path)
    codec = ls.workspace.position_codec
    symbols: list[types.DocumentSymbol] = []
    if outline.header is not None:
        where = span_range(lines, outline.header, codec)
        symbols.append(
            types.DocumentSymbol(
                name="map", kind=types.SymbolKind.Namespace, range=where, selection_range=where
            )
        )
    reasons: dict[str, list[types.DocumentSymbol]] = {}
    for occurrence in outline.occurrences:
        if occurrence.symbol is Symbol.REASON and occurrence.role is Role.DEFINITION:
            where = span_range(lines, occurrence.span, codec)
            written = lines.line(occurrence.span.line)[occurrence.span.start : occurrence.span.end]
            reasons.setdefault(occurrence.owner or "", []).append(
                types.DocumentSymbol(
                    name=occurrence.name,
                    detail=written,
                    kind=types.SymbolKind.Field,
                    range=where,
                    selection_range=where,
                )
            )
    for entry in outline.nodes:
        start = (entry.span.line, entry.span.start)
        whole = client_range(lines, start, max(entry.end, start), codec)
        symbols.append(
            types.DocumentSymbol(
                name=entry.id,
                detail=_detail(entry),
                kind=_SYMBOL_KINDS.get(entry.kind or "", types.SymbolKind.Object),
                range=whole,
                selection_range=span_range(lines, entry.span, codec),
                children=reasons.get(entry.id) or None,
            )
        )
    return symbols


def workspace_symbols(
    ls: ArgmapServer, params: types.WorkspaceSymbolParams
) -> list[types.SymbolInformation]:
    """The nodes of every map whose id or text holds the query."""
    codec = ls.workspace.position_codec
    return [
        types.SymbolInformation(
            name=entry.id,
            kind=_SYMBOL_KINDS.get(entry.kind or "", types.SymbolKind.Object),
            location=types.Location(
                uri=ls.uri(file), range=span_range(ls.lines(file), entry.span, codec)
            ),
            container_name=_detail(entry),
        )
        for file, entry in navigation.workspace_symbols(ls.session, params.query)
    ]


# -- what the cursor is on ----------------------------------------------------------------------


def on_hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
    """The node, reason, source or rule under the cursor, explained."""
    path, line, column = ls.place(params.text_document.uri, params.position)
    found = hover.hover(ls.session, path, line, column)
    if found is None:
        return None
    text, span = found
    return types.Hover(
        contents=ls.markup(text, hover=True),
        range=span_range(ls.lines(path), span, ls.workspace.position_codec),
    )


_COMPLETION_KINDS = {
    completion.Topic.NODE: types.CompletionItemKind.Reference,
    completion.Topic.REASON: types.CompletionItemKind.EnumMember,
    completion.Topic.SOURCE: types.CompletionItemKind.Reference,
    completion.Topic.LOCATOR: types.CompletionItemKind.Property,
    completion.Topic.KEY: types.CompletionItemKind.Property,
    completion.Topic.RULE: types.CompletionItemKind.Value,
    completion.Topic.VALUE: types.CompletionItemKind.Value,
}


def on_completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
    """What may be written at the cursor."""
    path, line, column = ls.place(params.text_document.uri, params.position)
    lines = ls.lines(path)
    codec = ls.workspace.position_codec
    items = [
        types.CompletionItem(
            label=suggestion.label,
            kind=_COMPLETION_KINDS[suggestion.topic],
            detail=suggestion.detail or None,
            documentation=ls.documentation(suggestion.documentation),
            text_edit=types.TextEdit(
                range=span_range(lines, suggestion.span, codec), new_text=suggestion.insert
            ),
            sort_text=f"{index:05d}",
        )
        for index, suggestion in enumerate(completion.complete(ls.session, path, line, column))
    ]
    return types.CompletionList(is_incomplete=False, items=items)


def code_actions(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes for the argmap diagnostics the client sends back."""
    path = ls.path(params.text_document.uri)
    lines = ls.lines(path)
    codec = ls.workspace.position_codec
    reported: list[actions.Reported] = []
    by_reported: list[types.Diagnostic] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "argmap":
            continue
        start = server_position(lines, diagnostic.range.start, codec)
        end = server_position(lines, diagnostic.range.end, codec)
        span = Span(start[0], start[1], end[1] if end[0] == start[0] else start[1])
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        code = str(diagnostic.code) if diagnostic.code is not None else None
        reported.append(actions.Reported(span, code, diagnostic.message, data))
        by_reported.append(diagnostic)
    found = actions.fixes(ls.session, path, reported)
    return [
        types.CodeAction(
            title=fix.title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[by_reported[reported.index(fix.diagnostic)]],
            edit=workspace_edit(fix.edits, ls.lines, codec, uri=ls.uri),
            is_preferred=fix.preferred or None,
        )
        for fix in found
    ]


def inlay_hints(ls: ArgmapServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    """Each claim's label (IN, OUT, UNDEC) after its id, with why as the tooltip."""
    path = ls.path(params.text_document.uri)
    lines = ls.lines(path)
    codec = ls.workspace.position_codec
    found = labels.claim_labels(ls.session, path, params.range.start.line, params.range.end.line)
    return [
        types.InlayHint(
            position=client_range(lines, hint.at, hint.at, codec).start,
            label=hint.label,
            kind=types.InlayHintKind.Type,
            tooltip=hint.why,
            padding_left=True,
        )
        for hint in found
    ]


_FEATURES: list[tuple[str, Callable[..., Any], object]] = [
    (types.INITIALIZED, initialized, None),
    (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, folders_changed, None),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, files_changed, None),
    (types.SHUTDOWN, shutdown, None),
    (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
    (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
    (types.TEXT_DOCUMENT_DID_SAVE, did_save, None),
    (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
    (types.TEXT_DOCUMENT_DEFINITION, definition, None),
    (types.TEXT_DOCUMENT_REFERENCES, references, None),
    (types.TEXT_DOCUMENT_PREPARE_RENAME, prepare_rename, None),
    (types.TEXT_DOCUMENT_RENAME, rename, None),
    (types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, document_symbols, None),
    (types.WORKSPACE_SYMBOL, workspace_symbols, None),
    (types.TEXT_DOCUMENT_HOVER, on_hover, None),
    (
        types.TEXT_DOCUMENT_COMPLETION,
        on_completion,
        types.CompletionOptions(trigger_characters=TRIGGERS),
    ),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        code_actions,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    ),
    (types.TEXT_DOCUMENT_INLAY_HINT, inlay_hints, None),
]
