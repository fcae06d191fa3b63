"""The analysed text: its paragraphs, and the file its bibliography entry names (``file``).

The texts here are our own words, written for the tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from argmap import ArgumentMap, check, load
from argmap.loading.attached import Attachment, attachments, text_attachment
from argmap.model import AnalysedText

# -- paragraphs: blocks separated by blank lines ---------------------------------------------

#: A hard-wrapped text in the manner of Project Gutenberg: three paragraphs over nine lines.
WRAPPED = """\
The harbour town kept two ledgers, one for the grain that came in by
sea and one for the grain that left by road, and the clerks compared
them every spring.

When the ledgers disagreed, the council sent an inspector to the
warehouses; he counted the sacks himself and wrote his figures in the
margin of both books.

Nobody remembers a year in which the inspector found the books in
order.
"""


def test_a_hard_wrapped_paragraph_is_one_paragraph() -> None:
    text = AnalysedText.from_string("wrapped.txt", WRAPPED)

    assert [(p.number, p.line) for p in text.paragraphs] == [(1, 1), (2, 5), (3, 9)]
    assert text.paragraphs[0].text == (
        "The harbour town kept two ledgers, one for the grain that came in by sea and one for "
        "the grain that left by road, and the clerks compared them every spring."
    )
    assert text.paragraphs[2].text == (
        "Nobody remembers a year in which the inspector found the books in order."
    )


def test_a_text_without_blank_lines_has_one_paragraph_per_line() -> None:
    text = AnalysedText.from_string("lines.txt", "First line.\nSecond line.\n  Third.  \n")

    assert [(p.number, p.line, p.text) for p in text.paragraphs] == [
        (1, 1, "First line."),
        (2, 2, "Second line."),
        (3, 3, "Third."),
    ]


def test_blank_lines_only_before_or_after_the_text_separate_nothing() -> None:
    text = AnalysedText.from_string("lines.txt", "\n\nFirst line.\nSecond line.\n\n\n")

    assert [(p.line, p.text) for p in text.paragraphs] == [(3, "First line."), (4, "Second line.")]


def test_a_line_of_spaces_is_blank_and_windows_line_ends_are_lines() -> None:
    text = AnalysedText.from_string("crlf.txt", "One\r\nstill one\r\n   \t\r\nTwo\r\n")

    assert [(p.line, p.text) for p in text.paragraphs] == [(1, "One still one"), (4, "Two")]


def test_an_empty_text_has_no_paragraph() -> None:
    assert AnalysedText.from_string("empty.txt", "\n  \n").paragraphs == ()


def test_a_map_of_a_hard_wrapped_text_covers_its_paragraphs(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "text.txt").write_text(WRAPPED, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(
        textwrap.dedent(
            """\
            nodes:
              T1:
                claim: The town's grain books were never in order.
                thesis: true
                at: [1, 2, 3]
                because: [E1]
              E1:
                evidence: Every inspection found the ledgers disagreeing.
                at: [3]
            """
        ),
        encoding="utf-8",
    )

    found = check(load(tmp_path / "map.yaml", text=tmp_path / "text.txt"))

    assert [d.code for d in found if d.code in {"AM015", "AM016"}] == []


# -- the text the bibliography names ---------------------------------------------------------

_MAP = """\
map:
  bibliography: ../references.bib
  analysed: tale2024
nodes:
  T1:
    claim: The town's grain books were never in order.
    thesis: true
    at: [1, 4]
    because: [E1]
  E1:
    evidence: Every inspection found the ledgers disagreeing.
    at: [1]
    cites: [{key: tale2024, paragraph: 1}]
"""
_TEXT = "The ledgers disagree.\n\nThe inspector counts.\n\nNobody trusts the books.\n"


def _entry(file_field: str | None) -> str:
    field = "" if file_field is None else f"  file = {{{file_field}}},\n"
    return (
        f"@misc{{tale2024,\n  title = {{A Tale of Two Ledgers}},\n  year = {{2024}},\n{field}}}\n"
    )


def _repository(root: Path, file_field: str | None) -> Path:
    """A repository at ``root/repo``: arguments/map.yaml and references.bib; returns the map."""
    repo = root / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "arguments").mkdir()
    (repo / "arguments" / "map.yaml").write_text(_MAP, encoding="utf-8")
    (repo / "references.bib").write_text(_entry(file_field), encoding="utf-8")
    return repo / "arguments"


def _write(path: Path, text: str = _TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _paragraph_codes(argument_map: ArgumentMap) -> list[str]:
    return [d.code for d in check(argument_map) if d.code in {"AM015", "AM016"}]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from ``tmp_path``, so that paths in notes are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_file_the_entry_names_is_the_analysed_text(here: Path) -> None:
    arguments = _repository(here, "texts/tale.txt")
    _write(here / "repo" / "texts" / "tale.txt")

    argument_map = load(arguments.relative_to(here))

    assert argument_map.text is not None
    assert argument_map.text.file == os.path.join("repo", "texts", "tale.txt")  # noqa: PTH118
    assert len(argument_map.text.paragraphs) == 3
    assert argument_map.notes == ()
    # paragraphs 2 and 3 are mapped by no node; paragraph 4 is beyond the text's three
    assert sorted(_paragraph_codes(argument_map)) == ["AM015", "AM015", "AM016"]


def test_a_file_beside_the_repository_is_read(here: Path) -> None:
    """The project's own case: the text lies in ../shared/seed/, outside the repository."""
    arguments = _repository(here, "../shared/seed/tale.txt")
    _write(here / "shared" / "seed" / "tale.txt")

    argument_map = load(arguments)

    assert argument_map.text is not None
    assert argument_map.text.file == os.path.normpath(here / "shared" / "seed" / "tale.txt")
    assert argument_map.notes == ()


def test_a_missing_file_gives_one_note_and_no_paragraph_finding(here: Path) -> None:
    arguments = _repository(here, "../shared/seed/tale.txt")

    argument_map = load(arguments.relative_to(here))

    assert argument_map.text is None
    shown = os.path.join("shared", "seed", "tale.txt")  # noqa: PTH118
    assert argument_map.notes == (
        f"analysed text not found at {shown}; paragraph coverage not checked",
    )
    assert _paragraph_codes(argument_map) == []


def test_no_file_field_means_no_text_and_no_note(here: Path) -> None:
    argument_map = load(_repository(here, None))

    assert argument_map.text is None
    assert argument_map.notes == ()
    assert _paragraph_codes(argument_map) == []


def test_a_map_analysing_no_entry_gets_no_note(here: Path) -> None:
    arguments = _repository(here, "missing.txt")
    header = "  analysed: tale2024\n"
    (arguments / "map.yaml").write_text(_MAP.replace(header, ""), encoding="utf-8")

    assert load(arguments).notes == ()


def test_an_explicit_text_overrides_the_file_field(here: Path) -> None:
    arguments = _repository(here, "missing/tale.txt")
    given = _write(here / "given.txt", "Only one paragraph.\n")

    argument_map = load(arguments, text=given)

    assert argument_map.text is not None
    assert argument_map.text.file == str(given)
    assert argument_map.notes == ()
    assert "AM016" in _paragraph_codes(argument_map)  # paragraph 4 of a one-paragraph text


def test_text_false_reads_no_text(here: Path) -> None:
    arguments = _repository(here, "texts/tale.txt")
    _write(here / "repo" / "texts" / "tale.txt")

    argument_map = load(arguments, text=False)

    assert argument_map.text is None
    assert argument_map.notes == ()


@pytest.mark.parametrize(
    "field",
    [
        ":texts/tale.txt:Plain text",  # JabRef
        "Full Text PDF:texts/tale.pdf:application/pdf;Text:texts/tale.txt:text/plain",  # Zotero
        "texts/tale.pdf;texts/tale.txt",
    ],
)
def test_jabref_and_zotero_attachment_lists(here: Path, field: str) -> None:
    arguments = _repository(here, field)
    _write(here / "repo" / "texts" / "tale.txt")

    argument_map = load(arguments)

    assert argument_map.text is not None
    assert argument_map.text.file.endswith("tale.txt")


def test_an_entry_with_only_a_pdf_says_so(here: Path) -> None:
    arguments = _repository(here, ":texts/tale.pdf:PDF")
    _write(here / "repo" / "texts" / "tale.pdf", "%PDF-1.4")

    argument_map = load(arguments)

    assert argument_map.text is None
    assert argument_map.notes == (
        "the `file` field of `tale2024` names no .txt or .md file; paragraph coverage not checked",
    )


def test_attachments_are_split_as_jabref_writes_them() -> None:
    assert attachments("texts/a.txt") == [Attachment("", "texts/a.txt", "")]
    assert attachments(r"Notes\: draft:texts/a\;b.txt:TXT") == [
        Attachment("Notes: draft", "texts/a;b.txt", "TXT")
    ]
    assert attachments(r"C:\\texts\\a.txt") == [Attachment("", r"C:\texts\a.txt", "")]
    assert attachments("only:C:/texts/a.txt:PDF") == [Attachment("only", "C:/texts/a.txt", "PDF")]
    assert attachments(" ; :a.md: ;") == [Attachment("", "a.md", "")]
    assert text_attachment("a.pdf;b.TXT;c.md") == Attachment("", "b.TXT", "")
    assert text_attachment("/etc/passwd:text/plain") is None


# -- what may not be read --------------------------------------------------------------------


def _note_of(arguments: Path) -> str:
    argument_map = load(arguments)
    assert argument_map.text is None
    assert len(argument_map.notes) == 1
    assert _paragraph_codes(argument_map) == []
    return argument_map.notes[0]


def test_a_link_leading_out_of_the_repository_is_not_followed(here: Path) -> None:
    secret = _write(here / "elsewhere" / "secret.txt", "Private words.\n")
    arguments = _repository(here, "texts/tale.txt")
    (here / "repo" / "texts").mkdir()
    (here / "repo" / "texts" / "tale.txt").symlink_to(secret)

    note = _note_of(arguments)

    assert "reached through a symbolic link that leads out of the repository" in note
    assert note.endswith("; paragraph coverage not checked")


def test_a_linked_folder_leading_out_of_the_repository_is_not_followed(here: Path) -> None:
    _write(here / "elsewhere" / "tale.txt")
    arguments = _repository(here, "texts/tale.txt")
    (here / "repo" / "texts").symlink_to(here / "elsewhere", target_is_directory=True)

    assert "symbolic link" in _note_of(arguments)


def test_a_link_outside_the_repository_is_not_followed(here: Path) -> None:
    """Beside the repository, only the very file the path names is read."""
    _write(here / "real" / "tale.txt")
    (here / "shared").symlink_to(here / "real", target_is_directory=True)
    arguments = _repository(here, "../shared/tale.txt")

    assert "symbolic link" in _note_of(arguments)


def test_a_link_inside_the_repository_is_followed(here: Path) -> None:
    _write(here / "repo" / "texts" / "original.txt")
    arguments = _repository(here, "texts/tale.txt")
    (here / "repo" / "texts" / "tale.txt").symlink_to("original.txt")

    argument_map = load(arguments)

    assert argument_map.text is not None
    assert argument_map.notes == ()


def test_a_folder_is_not_read(here: Path) -> None:
    arguments = _repository(here, "texts/tale.txt")
    (here / "repo" / "texts" / "tale.txt").mkdir(parents=True)

    assert "is not a regular file" in _note_of(arguments)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_not_opened(here: Path) -> None:
    arguments = _repository(here, "texts/tale.txt")
    (here / "repo" / "texts").mkdir()
    os.mkfifo(here / "repo" / "texts" / "tale.txt")  # opening it for reading would wait

    assert "is not a regular file" in _note_of(arguments)


def test_a_device_or_a_system_file_is_never_named(here: Path) -> None:
    """Only names ending in .txt or .md are read, whatever type the attachment claims."""
    arguments = _repository(here, "Zeros:/dev/zero:text/plain;/etc/passwd")

    assert "names no .txt or .md file" in _note_of(arguments)


def test_a_text_too_large_is_not_read(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    arguments = _repository(here, "tale.txt")
    _write(here / "repo" / "tale.txt", "x" * 2000)
    monkeypatch.setenv("ARGMAP_MAX_FILE_SIZE", "1K")

    assert "larger than 1024 bytes" in _note_of(arguments)


def test_a_text_that_is_not_utf8_is_not_read(here: Path) -> None:
    arguments = _repository(here, "tale.txt")
    (here / "repo" / "tale.txt").write_bytes(b"caf\xe9\n")

    assert "not valid UTF-8" in _note_of(arguments)


# -- argmap check ----------------------------------------------------------------------------


def test_check_prints_the_note_once_on_stderr(here: Path) -> None:
    _repository(here, "../shared/seed/tale.txt")

    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "arguments", "--output-format", "json"],
        cwd=here / "repo",
        capture_output=True,
        text=True,
        check=False,
    )

    shown = os.path.join("..", "shared", "seed", "tale.txt")  # noqa: PTH118
    note = f"note: analysed text not found at {shown}; paragraph coverage not checked"
    assert done.stderr.splitlines() == [note]
    codes = [finding["code"] for finding in json.loads(done.stdout)]
    assert "AM015" not in codes
    assert "AM016" not in codes
