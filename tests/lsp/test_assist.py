"""Hover, completion and the claims' labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def hover(editor, path: Path, position: types.Position) -> str:
    found = await editor.client.text_document_hover_async(
        types.HoverParams(text_document=editor.document(path), position=position)
    )
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    return str(found.contents.value)


async def test_hover_on_a_node_shows_kind_text_label_and_sources(editor, multi: Path) -> None:
    main, more = multi / "one" / "main.yaml", multi / "one" / "more.yaml"
    editor.open(main)
    shown = await hover(editor, main, editor.at(main, "T1:"))
    assert shown.startswith("**claim** `T1` · thesis · **IN**")
    assert "Armenia turned away from Russian arms." in shown
    assert "*IN*: reason 2 stands" in shown
    assert "- reason 1: `E1` + `P1`" in shown
    shown = await hover(editor, main, editor.at(main, "P1"))
    assert shown.startswith("**premise** `P1` · **IN**")
    assert "Walt 1987, chap. 2: Walt, Stephen M. 1987. The Origins of Alliances." in shown
    editor.open(more)
    shown = await hover(editor, more, editor.at(more, "T1/1", offset=3))
    assert shown == "reason 1 of `T1`: `E1` + `P1` · **OUT**"


async def test_hover_on_a_key_shows_the_entry_and_what_rests_on_it(editor, multi: Path) -> None:
    more, bib = multi / "one" / "more.yaml", multi / "one" / "references.bib"
    editor.open(more)
    shown = await hover(editor, more, editor.at(more, "sipri2024"))
    assert "SIPRI. 2024. Arms Transfers Database." in shown
    assert "Cited by 2 nodes (`E1`, `E2`); 4 nodes rest on it" in shown
    editor.open(bib)
    assert await hover(editor, bib, editor.at(bib, "walt1987")) != ""


async def test_hover_when_the_map_does_not_load(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    text = main.read_text(encoding="utf-8").replace("because: E2", "because: E9")
    editor.open(main, text)
    found = await editor.client.text_document_hover_async(
        types.HoverParams(text_document=editor.document(main), position=editor.at(main, "C2:"))
    )
    assert found is not None
    assert "France became a supplier." in found.contents.value  # type: ignore[union-attr]
    assert "load errors" in found.contents.value  # type: ignore[union-attr]


async def complete(editor, path: Path, text: str, line: int, character: int) -> list[str]:
    editor.change(path, text)
    found = await editor.client.text_document_completion_async(
        types.CompletionParams(
            text_document=editor.document(path),
            position=types.Position(line=line, character=character),
        )
    )
    assert isinstance(found, types.CompletionList)
    return [item.label for item in found.items]


async def test_completion_by_place(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    original = main.read_text(encoding="utf-8")
    editor.open(main)
    lines = original.splitlines()

    def typed(line: int, text: str) -> tuple[str, int, int]:
        edited = [*lines[:line], text, *lines[line:]]
        return "\n".join(edited) + "\n", line, len(text)

    # Node ids in because, after `+` too (the node itself left out).
    labels = await complete(editor, main, *typed(10, "    because: E2 + "))
    assert labels[:2] == ["T1", "E1"]
    assert "C2" not in labels
    assert {"P1", "O1"} <= set(labels)
    # Node ids in a block list under attacks.
    labels = await complete(editor, main, *typed(10, "    attacks:\n      - "))
    assert "O1" in labels
    # Reason numbers after ID/.
    labels = await complete(editor, main, *typed(10, "    undercuts: T1/"))
    assert labels == ["1", "2"]
    # Citation keys after `key:` in cites; locator labels where a key of the citation goes.
    labels = await complete(editor, main, *typed(10, "    cites: [{key: "))
    assert labels == ["walt1987", "sipri2024"]
    labels = await complete(editor, main, *typed(10, "    cites: [{key: walt1987, "))
    assert labels[0] == "key"
    assert {"page", "chapter", "article-locator", "sub-verbo"} <= set(labels)
    # The keys of a node.
    labels = await complete(editor, main, *typed(10, "    "))
    assert labels[:5] == ["claim", "evidence", "premise", "assumption", "objection"]
    assert "because" in labels
    # Rule codes inside ignore.
    labels = await complete(editor, main, *typed(10, "    ignore: {AM0"))
    assert labels[0] == "AM001"
    assert "AM013" in labels


async def test_claim_labels_as_inlay_hints(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    editor.open(main)
    hints = await editor.client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=editor.document(main),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=99, character=0)
            ),
        )
    )
    assert hints is not None
    shown = [(h.position.line, h.position.character, h.label) for h in hints]
    assert shown == [(3, 5, "IN"), (7, 5, "IN")]
    assert str(hints[0].tooltip).startswith("reason 2 stands")  # the why of `argmap status`
