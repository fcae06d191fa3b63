"""Diagnostics: what the server publishes equals what `argmap check` prints, kept up to date."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

_SEVERITY = {
    types.DiagnosticSeverity.Error: "error",
    types.DiagnosticSeverity.Warning: "warning",
    types.DiagnosticSeverity.Information: "info",
}


def resolved(name: object) -> str:
    return str(Path(str(name)).resolve())


def cli_check(folder: Path) -> list[dict[str, object]]:
    found = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(folder), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode in (0, 1), found.stderr
    return json.loads(found.stdout)  # type: ignore[no-any-return]


async def test_article_diagnostics_equal_the_check_command(editor, article: Path) -> None:
    files = sorted((article / "arguments").glob("*.yaml"))
    addresses = [editor.open(file) for file in files]
    published = await editor.diagnostics(*addresses)
    seen = set()
    for file, diagnostics in zip(files, published, strict=True):
        for diagnostic in diagnostics:
            assert diagnostic.source == "argmap"
            assert isinstance(diagnostic.code, str)
            name, _, message = diagnostic.message.partition(": ")
            seen.add(
                (
                    str(file.resolve()),
                    diagnostic.range.start.line + 1,
                    diagnostic.range.start.character + 1,
                    diagnostic.code,
                    name,
                    _SEVERITY[diagnostic.severity],  # type: ignore[index]
                    message,
                )
            )
    expected = {
        (
            resolved(d["file"]),
            d["line"],
            d["column"],
            d["code"],
            d["name"],
            d["severity"],
            d["message"],
        )
        for d in cli_check(article / "arguments")
        if str(d["file"]).endswith(".yaml")
    }
    assert seen == expected
    assert len(seen) > 30


async def test_ranges_cover_the_id_and_link_the_rule(editor, multi: Path) -> None:
    more = multi / "one" / "more.yaml"
    (address,) = [editor.open(more)]
    (diagnostics,) = await editor.diagnostics(address)
    by_code = {d.code: d for d in diagnostics}
    assert editor.word(more, by_code["AM008"].range) == "O1"
    description = by_code["AM008"].code_description
    assert description is not None
    assert description.href == "https://argmap.readthedocs.io/en/latest/rules.html#arg-rule-AM008"
    assert by_code["AM008"].severity == types.DiagnosticSeverity.Warning
    assert by_code["AM008"].message.startswith("unanswered-objection: objection `O1`")


async def test_a_load_error_is_an_error_at_its_word_with_the_hint(editor, multi: Path) -> None:
    main = multi / "one" / "main.yaml"
    text = main.read_text(encoding="utf-8").replace("E1 + P1", "E1 + P11")
    address = editor.open(main, text)
    (diagnostics,) = await editor.diagnostics(address)
    (error,) = diagnostics
    assert error.severity == types.DiagnosticSeverity.Error
    assert error.message == "unknown id `P11` in a reason of `T1`; did you mean `P1`?"
    assert error.range.start.line == 6
    line = text.splitlines()[6]
    assert line[error.range.start.character : error.range.end.character] == "P11"
    assert main.read_text(encoding="utf-8").count("P11") == 0  # unsaved: the disk is untouched


async def test_an_edit_republishes_every_open_file_of_the_map_and_no_other(
    editor, multi: Path
) -> None:
    main, more, other = (
        multi / "one" / "main.yaml",
        multi / "one" / "more.yaml",
        multi / "two" / "main.yaml",
    )
    addresses = [editor.open(path) for path in (main, more, other)]
    before = await editor.diagnostics(*addresses)
    assert not any(d.code == "AM008" for d in before[0])
    editor.client.diagnostics.clear()
    # O1 now attacks T1 in main.yaml's view: answering it removes AM008 from more.yaml.
    text = (
        main.read_text(encoding="utf-8") + "  C9:\n    claim: Depots were empty.\n    attacks: O1\n"
    )
    editor.change(main, text)
    after_main, after_more = await editor.diagnostics(addresses[0], addresses[1])
    assert any(d.code == "AM008" for d in before[1])
    assert not any(d.code == "AM008" for d in after_more)
    assert any(d.code == "AM001" and "`C9`" in d.message for d in after_main)
    await asyncio.sleep(0.3)  # give a stray publication time to arrive
    assert addresses[2] not in editor.client.diagnostics  # the other map was not touched


async def test_bibliography_edits_reach_the_maps_reading_it(editor, multi: Path) -> None:
    more, bib = multi / "one" / "more.yaml", multi / "one" / "references.bib"
    address = editor.open(more)
    await editor.diagnostics(address)
    bib_address = editor.open(bib)
    (bib_diagnostics,) = await editor.diagnostics(bib_address)
    assert bib_diagnostics == []
    editor.client.diagnostics.clear()
    editor.change(bib, bib.read_text(encoding="utf-8").replace("walt1987", "walt1988"))
    (diagnostics, bib_diagnostics) = await editor.diagnostics(address, bib_address)
    unknown = [d for d in diagnostics if d.code == "AM005"]
    assert len(unknown) == 1
    assert editor.word(more, unknown[0].range) == "walt1987"
    assert "did you mean `walt1988`?" in unknown[0].message
    (unused,) = [d for d in bib_diagnostics if d.code == "AM011"]
    line = bib.read_text(encoding="utf-8").replace("walt1987", "walt1988").splitlines()[0]
    assert line[unused.range.start.character : unused.range.end.character] == "walt1988"


async def test_closing_a_file_clears_it_and_reads_the_disk_again(editor, multi: Path) -> None:
    main, more = multi / "one" / "main.yaml", multi / "one" / "more.yaml"
    main_address, more_address = editor.open(main), editor.open(more)
    await editor.diagnostics(main_address, more_address)
    broken = main.read_text(encoding="utf-8").replace("because: E2", "because: E3")
    editor.change(main, broken)
    (errors,) = await editor.diagnostics(main_address)
    assert [d.severity for d in errors] == [types.DiagnosticSeverity.Error]
    editor.client.diagnostics.clear()
    editor.close(main)
    closed, still_open = await editor.diagnostics(main_address, more_address)
    assert closed == []
    assert all(d.severity != types.DiagnosticSeverity.Error for d in still_open)


async def test_save_checks_at_once_and_files_outside_maps_get_nothing(editor, multi: Path) -> None:
    notes = multi / "notes.yaml"
    editor.write(notes, "tools: [ruff, mypy]\n")
    address = editor.open(notes)
    (diagnostics,) = await editor.diagnostics(address)
    assert diagnostics == []
    main = multi / "one" / "main.yaml"
    main_address = editor.open(main)
    await editor.diagnostics(main_address)
    editor.client.diagnostics.clear()
    editor.client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=editor.document(main))
    )
    (again,) = await editor.diagnostics(main_address)
    assert all(d.source == "argmap" for d in again)


async def test_an_argdown_map_gets_its_diagnostics_too(editor, place: Path) -> None:
    debate = place / "debate.argdown"
    editor.write(
        debate,
        "[T]: Taxes should rise.\n  + [A]: Schools lack money.\n  - [B]: Growth would suffer.\n",
    )
    (diagnostics,) = await editor.diagnostics(editor.open(debate))
    got = sorted((d.range.start.line + 1, d.code) for d in diagnostics)
    expected = sorted((d["line"], d["code"]) for d in cli_check(debate))
    assert got == expected
    assert got


async def test_a_file_changed_on_disk_is_read_again_when_the_editor_says_so(
    editor, multi: Path
) -> None:
    main, more = multi / "one" / "main.yaml", multi / "one" / "more.yaml"
    address = editor.open(main)
    (before,) = await editor.diagnostics(address)
    assert all(d.severity != types.DiagnosticSeverity.Error for d in before)
    text = more.read_text(encoding="utf-8")
    editor.write(more, text[: text.index("  E2:")] + text[text.index("  P1:") :])  # E2 is gone
    editor.client.diagnostics.clear()
    editor.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=editor.uri(more), type=types.FileChangeType.Changed)]
        )
    )
    (after,) = await editor.diagnostics(address)
    assert [d.message for d in after] == [
        "unknown id `E2` in a reason of `C2`; define the node or fix the id"
    ]
