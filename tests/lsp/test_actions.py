"""Quick fixes: each is offered for its diagnostic, and applying it clears the finding."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lsprotocol import types

import argmap

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def fixes(editor, path: Path, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    found = await editor.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=editor.document(path),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )
    assert found is not None
    return [action for action in found if isinstance(action, types.CodeAction)]


def apply(path: Path, text: str, action: types.CodeAction) -> str:
    """Apply a code action's edits of one file to its text."""
    assert action.edit is not None
    assert action.edit.changes is not None
    (changes,) = action.edit.changes.values()
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for change in sorted(
        changes, key=lambda c: (c.range.start.line, c.range.start.character), reverse=True
    ):
        start = offsets[change.range.start.line] + change.range.start.character
        end = offsets[change.range.end.line] + change.range.end.character
        text = text[:start] + change.new_text + text[end:]
    path.write_text(text, encoding="utf-8")
    return text


async def test_did_you_mean_replaces_the_unknown_id(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    text = main.read_text(encoding="utf-8").replace("because: E2", "because: Ee2")
    (diagnostics,) = await editor.diagnostics(editor.open(main, text))
    (action,) = await fixes(editor, main, diagnostics)
    assert action.title == "Replace `Ee2` with `E2`"
    assert action.is_preferred
    assert list(action.diagnostics or ()) == diagnostics
    fixed = apply(main, text, action)
    assert "because: E2\n" in fixed
    argmap.load(multi / "one")  # loads again


async def test_did_you_mean_replaces_an_unknown_key_and_source(editor, multi: Path) -> None:
    more = multi / "one" / "more.yaml"
    text = more.read_text(encoding="utf-8").replace("{key: walt1987,", "{key: walt1978,")
    text = text.replace("    undercuts: T1/1", "    undercut: T1/1")
    (diagnostics,) = await editor.diagnostics(editor.open(more, text))
    (action,) = await fixes(editor, more, diagnostics)
    assert action.title == "Replace `undercut` with `undercuts`"
    text = apply(more, text, action)
    editor.change(more, text)
    (diagnostics,) = await editor.diagnostics(editor.uri(more))
    unknown = [d for d in diagnostics if d.code == "AM005"]
    (action,) = await fixes(editor, more, unknown)
    assert action.title == "Replace `walt1978` with `walt1987`"
    assert "{key: walt1987, chapter: 2}" in apply(more, text, action)


async def test_add_a_cites_stub_to_uncited_evidence(editor, multi: Path) -> None:
    more = multi / "one" / "more.yaml"
    text = more.read_text(encoding="utf-8").replace(
        "    cites:\n      - {key: sipri2024, page: 7}\n", "    at: [2]\n\n"
    )
    (diagnostics,) = await editor.diagnostics(editor.open(more, text))
    uncited = [d for d in diagnostics if d.code == "AM004"]
    (action,) = await fixes(editor, more, uncited)
    assert action.title == "Add `cites:` with `sipri2024`"
    fixed = apply(more, text, action)
    assert "    at: [2]\n    cites: [{key: sipri2024}]\n\n  P1:" in fixed
    node = argmap.load(multi / "one").node("E2")
    assert [c.key for c in node.citations] == ["sipri2024"]


@pytest.mark.parametrize(
    ("ignore", "left"),
    [
        ('    ignore: {AM001: "kept"}\n', ""),
        ('    ignore: {AM004: "no source", AM001: "kept"}\n', '    ignore: {AM004: "no source"}\n'),
        ('    ignore: {AM001: "kept", AM004: "no source"}\n', '    ignore: {AM004: "no source"}\n'),
        ("    ignore:\n      AM001: kept\n", ""),
        (
            "    ignore:\n      AM001: kept\n      AM004: no source\n",
            "    ignore:\n      AM004: no source\n",
        ),
    ],
)
async def test_remove_a_suppression_that_silences_nothing(
    editor, place: Path, ignore: str, left: str
) -> None:
    body = textwrap.dedent(
        """\
        nodes:
          T1:
            claim: Armenia turned away from Russian arms.
            thesis: true
            because: E1
          E1:
            evidence: Imports from Russia fell below 10%.
        """
    )
    path = place / "map.yaml"
    editor.write(path, body + ignore)
    (diagnostics,) = await editor.diagnostics(editor.open(path))
    unused = [d for d in diagnostics if d.code == "AM013" and "AM001" in d.message]
    (action,) = await fixes(editor, path, unused)
    assert action.title == "Remove the unused `ignore` of `AM001`"
    assert apply(path, body + ignore, action) == body + left


async def test_turn_an_unsupported_claim_into_an_assumption(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    text = main.read_text(encoding="utf-8").replace("    because: E2\n", "")
    (diagnostics,) = await editor.diagnostics(editor.open(main, text))
    unsupported = [d for d in diagnostics if d.code == "AM001"]
    (action,) = await fixes(editor, main, unsupported)
    assert action.title == "Make `C2` an assumption"
    fixed = apply(main, text, action)
    assert "  C2:\n    assumption: France became a supplier." in fixed
    assert argmap.load(multi / "one").node("C2").kind == "assumption"
