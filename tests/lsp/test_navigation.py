"""Go to definition, find references, rename, and the outlines, across a map's files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

import argmap

pytestmark = pytest.mark.asyncio(loop_scope="module")


def document(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=path.resolve().as_uri())


def located(found: object) -> list[tuple[str, int, int, int]]:
    assert isinstance(found, list | tuple)
    return sorted(
        (
            Path(place.uri.removeprefix("file://")).name,
            place.range.start.line,
            place.range.start.character,
            place.range.end.character,
        )
        for place in found
    )


async def definition(client: LanguageClient, path: Path, position: types.Position) -> object:
    return await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=document(path),
            position=position,
        )
    )


async def test_definition_of_an_id_in_because_attacks_and_expect(editor, article: Path) -> None:
    thesis = article / "arguments" / "thesis.yaml"
    editor.open(thesis)
    # T1's first reason names C-distancing, defined in local.yaml.
    found = await definition(editor.client, thesis, editor.at(thesis, "C-distancing", offset=3))
    ((file, line, start, end),) = located(found)
    local = article / "arguments" / "local.yaml"
    assert file == "local.yaml"
    assert local.read_text(encoding="utf-8").splitlines()[line][start:end] == "C-distancing"
    # In the header's expect: the node's key.
    found = await definition(editor.client, thesis, editor.at(thesis, "O-domestic: in"))
    ((file, line, start, end),) = located(found)
    assert file == "objections.yaml"


async def test_definition_of_a_citation_key_lands_on_the_bib_entry(editor, article: Path) -> None:
    theory = article / "arguments" / "theory.yaml"
    editor.open(theory)
    found = await definition(editor.client, theory, editor.at(theory, "waltz1979", offset=2))
    ((file, line, start, end),) = located(found)
    assert file == "references.bib"
    source = argmap.load(article / "arguments").sources["waltz1979"]
    assert line + 1 == source.position.line
    text = (article / "references.bib").read_text(encoding="utf-8").splitlines()[line]
    assert text[start:end] == "waltz1979"


async def test_definition_of_a_reason_reference(editor, multi: Path) -> None:
    more, main = multi / "one" / "more.yaml", multi / "one" / "main.yaml"
    editor.open(more)
    found = await definition(editor.client, more, editor.at(more, "T1/1", offset=3))
    ((file, line, start, end),) = located(found)
    assert file == "main.yaml"
    assert main.read_text(encoding="utf-8").splitlines()[line][start:end] == "E1 + P1"
    found = await definition(editor.client, more, editor.at(more, "T1/1"))
    ((file, line, _, _),) = located(found)
    assert main.read_text(encoding="utf-8").splitlines()[line].strip() == "T1:"


async def test_definition_works_on_unsaved_text_with_errors(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    text = main.read_text(encoding="utf-8").replace("because: E2", "because: E2 + X9\n  C3: [")
    editor.open(main, text)
    position = types.Position(line=9, character=14)  # on E2, before the broken part
    found = await definition(editor.client, main, position)
    ((file, _, _, _),) = located(found)
    assert file == "more.yaml"


async def references(
    client: LanguageClient, path: Path, position: types.Position, *, declaration: bool
) -> object:
    return await client.text_document_references_async(
        types.ReferenceParams(
            text_document=document(path),
            position=position,
            context=types.ReferenceContext(include_declaration=declaration),
        )
    )


async def test_references_of_a_node_across_files(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    editor.open(main)
    found = await references(editor.client, main, editor.at(main, "T1:"), declaration=True)
    assert [(f, line) for f, line, _, _ in located(found)] == [("main.yaml", 3), ("more.yaml", 13)]
    found = await references(editor.client, main, editor.at(main, "T1:"), declaration=False)
    assert [(f, line) for f, line, _, _ in located(found)] == [("more.yaml", 13)]
    found = await references(editor.client, main, editor.at(main, "P1"), declaration=True)
    assert [(f, line) for f, line, _, _ in located(found)] == [("main.yaml", 6), ("more.yaml", 8)]


async def test_references_of_a_key_from_the_bib_file(editor, multi: Path) -> None:
    bib = multi / "one" / "references.bib"
    editor.open(bib)
    found = await references(editor.client, bib, editor.at(bib, "sipri2024"), declaration=True)
    assert [(f, line) for f, line, _, _ in located(found)] == [
        ("more.yaml", 3),
        ("more.yaml", 7),
        ("references.bib", 7),
    ]


async def rename(
    client: LanguageClient, path: Path, position: types.Position, new_name: str
) -> types.WorkspaceEdit | None:
    return await client.text_document_rename_async(
        types.RenameParams(
            text_document=document(path),
            position=position,
            new_name=new_name,
        )
    )


def applied(edit: types.WorkspaceEdit | None) -> dict[str, str]:
    """Apply a workspace edit to the files on disk; return the new texts by file name."""
    assert edit is not None
    assert edit.changes is not None
    texts = {}
    for address, changes in edit.changes.items():
        path = Path(address.removeprefix("file://"))
        lines = path.read_text(encoding="utf-8").split("\n")
        for change in sorted(
            changes, key=lambda c: (c.range.start.line, c.range.start.character), reverse=True
        ):
            start, end = change.range.start, change.range.end
            assert start.line == end.line
            text = lines[start.line]
            lines[start.line] = text[: start.character] + change.new_text + text[end.character :]
        texts[path.name] = "\n".join(lines)
        path.write_text(texts[path.name], encoding="utf-8")
    return texts


async def test_rename_a_node_everywhere(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    editor.open(main)
    prepared = await editor.client.text_document_prepare_rename_async(
        types.PrepareRenameParams(
            text_document=editor.document(main), position=editor.at(main, "T1:")
        )
    )
    assert isinstance(prepared, types.PrepareRenamePlaceholder)
    assert prepared.placeholder == "T1"
    texts = applied(await rename(editor.client, main, editor.at(main, "T1:"), "T-main"))
    assert set(texts) == {"main.yaml", "more.yaml"}
    assert "  T-main:\n" in texts["main.yaml"]
    assert "undercuts: T-main/1" in texts["more.yaml"]
    assert argmap.load(multi / "one").theses[0].id == "T-main"


async def test_rename_refuses_a_bad_id_and_a_taken_one(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    editor.open(main)
    with pytest.raises(Exception, match="not a valid id"):
        await rename(editor.client, main, editor.at(main, "C2:"), "2nd claim")
    with pytest.raises(Exception, match="already a node"):
        await rename(editor.client, main, editor.at(main, "C2:"), "E1")


async def test_rename_a_bibliography_key_in_the_bib_too(editor, multi: Path) -> None:
    more = multi / "one" / "more.yaml"
    editor.open(more)
    texts = applied(await rename(editor.client, more, editor.at(more, "sipri2024"), "sipri2025"))
    assert set(texts) == {"more.yaml", "references.bib"}
    assert texts["more.yaml"].count("sipri2025") == 2
    assert "@misc{sipri2025," in texts["references.bib"]
    assert "sipri2025" in argmap.load(multi / "one").sources


async def test_document_symbols_list_the_nodes_with_their_kinds(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    editor.open(main)
    symbols = await editor.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=editor.document(main))
    )
    assert symbols is not None
    shown = [(s.name, s.detail) for s in symbols if isinstance(s, types.DocumentSymbol)]
    assert shown == [("map", None), ("T1", "claim · thesis"), ("C2", "claim")]
    thesis = symbols[1]
    assert isinstance(thesis, types.DocumentSymbol)
    assert [(r.name, r.detail) for r in thesis.children or []] == [
        ("T1/1", "E1 + P1"),
        ("T1/2", "C2"),
    ]


async def test_workspace_symbols_search_every_map(editor, multi: Path) -> None:
    editor.open(multi / "one" / "main.yaml")
    found = await editor.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="georgia"))
    assert found is not None
    found = [s for s in found if Path(s.location.uri.removeprefix("file://")).is_relative_to(multi)]  # type: ignore[union-attr]
    assert [(s.name, Path(s.location.uri).parent.name) for s in found] == [
        ("T1", "two"),
        ("E1", "two"),
    ]  # type: ignore[union-attr]


async def test_rename_a_key_from_the_bib_file(editor, multi: Path) -> None:
    bib = multi / "one" / "references.bib"
    editor.open(bib)
    texts = applied(await rename(editor.client, bib, editor.at(bib, "walt1987"), "walt1987a"))
    assert set(texts) == {"more.yaml", "references.bib"}
    assert "{key: walt1987a, chapter: 2}" in texts["more.yaml"]
    assert "@book{walt1987a," in texts["references.bib"]
