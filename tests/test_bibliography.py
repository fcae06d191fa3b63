"""The .bib reader: positions, problems as data, macros, crossrefs and the display helpers."""

from __future__ import annotations

import logging
import re
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from argmap import bibliography
from argmap.bibliography import (
    Bibliography,
    authors,
    format_reference,
    load_bibliography,
    plain,
    short_label,
)
from argmap.errors import LoadError, MapError
from argmap.model import Source, SourcePosition

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpora" / "bibtex"

#: A block the splitter starts on: ``@type{`` or ``@type(`` at the start of a line.
ENTRY_START = re.compile(r"^[ \t]*@(\w+)[ \t]*[{(]", re.MULTILINE)
NOT_ENTRIES = {"comment", "string", "preamble"}
EN, EM = "\N{EN DASH}", "\N{EM DASH}"


def write(tmp_path: Path, text: str, name: str = "refs.bib") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path)


def load_text(tmp_path: Path, text: str) -> Bibliography:
    return load_bibliography([write(tmp_path, text)])


def source(key: str = "k", entry_type: str = "book", **fields: str) -> Source:
    return Source(key=key, entry_type=entry_type, fields=fields)


# --- loading -----------------------------------------------------------------------------------


def test_entries_keep_file_type_fields_and_1_based_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @Book{waltz1979,
          Author = {Kenneth N. Waltz},
          title = {Theory of {International} Politics},
          year = 1979,
        }

        @article{keohane1977, author = {Keohane, Robert O.}, journal = "World {P}olitics"}
        """,
    )
    bib = load_bibliography([path])
    assert list(bib.sources) == ["waltz1979", "keohane1977"]
    waltz = bib.sources["waltz1979"]
    assert waltz.entry_type == "book"
    assert dict(waltz.fields) == {
        "author": "Kenneth N. Waltz",
        "title": "Theory of {International} Politics",
        "year": "1979",
    }
    assert waltz.position == SourcePosition(path, 1, 1)
    assert bib.sources["keohane1977"].position == SourcePosition(path, 7, 1)
    assert bib.sources["keohane1977"].fields["journal"] == "World {P}olitics"
    assert bib.problems == ()


def test_position_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "@misc{a, title = {A}}\n")
    monkeypatch.chdir(tmp_path)
    bib = load_bibliography([Path("refs.bib")])
    assert bib.sources["a"].position.file == "refs.bib"


def test_crlf_line_endings_count_lines_like_lf(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(b"\xef\xbb\xbf\r\n@misc{a,\r\n  title = {A}}\r\n@misc{b, title={B}}\r\n")
    bib = load_bibliography([path])
    assert [s.position.line for s in bib.sources.values()] == [2, 4]
    assert bib.sources["a"].fields["title"] == "A"


def test_duplicate_key_is_reported_with_both_places(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @book{waltz1979, title = {First}}
        @book{other, title = {Other}}
        @book{waltz1979, title = {Second}}
        """,
    )
    bib = load_bibliography([path])
    assert bib.sources["waltz1979"].fields["title"] == "First"
    assert bib.problems == (
        MapError(
            path,
            3,
            1,
            f"duplicate key `waltz1979` (first defined at {path}:1)",
            "rename or remove one entry",
        ),
    )


def test_duplicate_key_across_files_names_the_first_file(tmp_path: Path) -> None:
    first = write(tmp_path, "@book{a, title = {One}}\n", "one.bib")
    second = write(tmp_path, "% two\n\n@book{a, title = {Two}}\n", "two.bib")
    bib = load_bibliography([first, second])
    assert bib.sources["a"].fields["title"] == "One"
    [problem] = bib.problems
    assert (problem.file, problem.line) == (second, 3)
    assert f"first defined at {first}:1" in problem.message


def test_malformed_entry_on_line_1_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @article{broken title = {No comma after the key}, year = 2000}
        @book{ok1, title = {Fine}}
        @misc{unclosed, title = {Never closed,
        @book{ok2, title = {Also fine}}
        """,
    )
    bib = load_bibliography([path])
    assert list(bib.sources) == ["ok1", "ok2"]
    assert [(p.file, p.line, p.column) for p in bib.problems] == [(path, 1, 1), (path, 3, 1)]
    first, second = bib.problems
    assert first.message.startswith("cannot parse `@article` entry `broken`: ")
    assert "comma" in first.message
    assert second.message.startswith("cannot parse `@misc` entry `unclosed`: ")
    assert all(problem.hint for problem in bib.problems)


def test_entry_without_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @article{a, title = {A}}
        @article{, title = {No key}}
        @article{, title = {No key either}}
        """,
    )
    bib = load_bibliography([path])
    assert list(bib.sources) == ["a"]
    assert bib.problems == (
        MapError(
            path, 2, 1, "`@article` entry has no key", "write a citation key after `@article{`"
        ),
        MapError(
            path, 3, 1, "`@article` entry has no key", "write a citation key after `@article{`"
        ),
    )


def test_repeated_field_keeps_the_first_and_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @book{a,
          title = {First},
          Title = {Second},
          year = {1999},
          year = {2000},
        }
        @book{a, title = {Again}}
        """,
    )
    bib = load_bibliography([path])
    assert dict(bib.sources["a"].fields) == {"title": "First", "year": "1999"}
    assert [(p.line, p.message) for p in bib.problems] == [
        (3, "field `title` is repeated in `a` (first on line 2)"),
        (5, "field `year` is repeated in `a` (first on line 4)"),
        (7, f"duplicate key `a` (first defined at {path}:1)"),
    ]


def test_keys_differing_only_in_case_are_both_kept_and_reported(tmp_path: Path) -> None:
    bib = load_text(tmp_path, "@misc{Chen2017, title={A}}\n@misc{chen2017, title={B}}\n")
    assert list(bib.sources) == ["Chen2017", "chen2017"]
    [problem] = bib.problems
    assert problem.line == 2
    assert "differs only in case from `Chen2017`" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.bib")
    with pytest.raises(LoadError) as raised:
        load_bibliography([missing])
    [error] = raised.value.errors
    assert (error.file, error.line, error.column) == (missing, 1, 1)
    assert error.message == "bibliography file not found"
    assert error.hint


def test_every_unreadable_file_is_reported_together(tmp_path: Path) -> None:
    good = write(tmp_path, "@misc{a, title={A}}\n")
    with pytest.raises(LoadError) as raised:
        load_bibliography([str(tmp_path / "a.bib"), good, str(tmp_path)])
    messages = {error.file: error.message for error in raised.value.errors}
    assert messages == {
        str(tmp_path / "a.bib"): "bibliography file not found",
        str(tmp_path): "is a directory, not a .bib file",
    }


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "@misc{a, title={A}}\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(LoadError) as raised:
        load_bibliography([path])
    [error] = raised.value.errors
    assert (error.file, error.message) == (path, "cannot read the file: permission denied")


def test_non_utf8_file_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes("@book{a,\n  author = {Müller},\n  title = {Café}}\n".encode("latin-1"))
    with pytest.raises(LoadError) as raised:
        load_bibliography([path])
    [error] = raised.value.errors
    assert (error.file, error.line, error.column) == (str(path), 2, 14)
    assert error.message == "the file is not valid UTF-8 (byte 0xfc)"
    assert "re-save it as UTF-8" in error.hint


def test_macros_defined_in_one_file_resolve_in_the_next(tmp_path: Path) -> None:
    abbrev = write(
        tmp_path,
        """
        @string{IEEE_J_AC = "{IEEE} Trans. Autom. Control"}
        @string{ieee = {IEEE}}
        """,
        "abbrev.bib",
    )
    example = write(
        tmp_path,
        """
        @article{a, journal = IEEE_J_AC, month = jan}
        @article{b, journal = ieee # " Trans. " # {X}, note = "p." # 12}
        """,
        "example.bib",
    )
    bib = load_bibliography([abbrev, example])
    assert bib.problems == ()
    assert bib.sources["a"].fields["journal"] == "{IEEE} Trans. Autom. Control"
    assert bib.sources["a"].fields["month"] == "jan"
    assert bib.sources["b"].fields["journal"] == "IEEE Trans. X"
    assert bib.sources["b"].fields["note"] == "p.12"
    assert bib.sources["b"].position == SourcePosition(example, 2, 1)


def test_undefined_macro_is_reported_and_kept_visible(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @article{a,
          title = {T},
          journal = AIJ,
          booktitle = "Proc. " # CONF,
        }
        """,
    )
    bib = load_bibliography([path])
    assert bib.sources["a"].fields["journal"] == "AIJ"
    assert bib.sources["a"].fields["booktitle"] == "Proc. CONF"
    assert [(p.line, p.message) for p in bib.problems] == [
        (3, "field `journal` of `a` uses the undefined @string `AIJ` (kept as written)"),
        (4, "field `booktitle` of `a` uses the undefined @string `CONF` (kept as written)"),
    ]


def test_crossref_child_inherits_missing_fields(tmp_path: Path) -> None:
    bib = load_text(
        tmp_path,
        """
        @inproceedings{child,
          author = {Anna Musterfrau},
          title = {Paper title},
          crossref = {parent},
        }
        @proceedings{parent,
          title = {Proceedings of the Conference},
          editor = {Ed Itor},
          year = {2015},
          publisher = {ACM},
          ids = {alias},
        }
        """,
    )
    assert bib.problems == ()
    child = bib.sources["child"].fields
    assert child["title"] == "Paper title"
    assert child["booktitle"] == "Proceedings of the Conference"
    assert (child["year"], child["publisher"], child["editor"]) == ("2015", "ACM", "Ed Itor")
    assert "ids" not in child
    assert bib.sources["child"].position.line == 1
    assert "booktitle" not in bib.sources["parent"].fields


def test_crossref_chains_resolve_parents_first(tmp_path: Path) -> None:
    bib = load_text(
        tmp_path,
        """
        @inbook{a, title = {A}, crossref = {b}}
        @book{b, title = {B}, crossref = {c}}
        @mvbook{c, title = {C}, publisher = {P}}
        """,
    )
    assert bib.sources["a"].fields["publisher"] == "P"
    assert bib.sources["a"].fields["booktitle"] == "B"


def test_a_crossref_chain_thousands_long_resolves_without_recursion(tmp_path: Path) -> None:
    # Written child first, so that every entry is reached before its parent.
    depth = 5000
    lines = [f"@book{{e{i}, title = {{T{i}}}, crossref = {{e{i + 1}}}}}" for i in range(depth)]
    lines.append(f"@book{{e{depth}, title = {{Top}}, publisher = {{P}}}}")
    path = tmp_path / "chain.bib"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bib = load_bibliography([path])
    assert bib.problems == ()
    assert bib.sources["e0"].fields["publisher"] == "P"
    assert bib.sources["e0"].fields["booktitle"] == "T1"
    assert bib.sources["e0"].fields["title"] == "T0"


def test_missing_crossref_is_a_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        @book{Proceedings2015, title = {P}}
        @inproceedings{a,
          title = {A},
          crossref = {proceedings2015},
        }
        """,
    )
    bib = load_bibliography([path])
    assert "booktitle" not in bib.sources["a"].fields
    [problem] = bib.problems
    assert (problem.file, problem.line) == (path, 4)
    assert problem.message == "crossref `proceedings2015` of `a` names no entry"
    assert "did you mean `Proceedings2015`?" in problem.hint


def test_crossref_cycle_is_reported_once(tmp_path: Path) -> None:
    bib = load_text(
        tmp_path,
        "@book{a, crossref = {b}}\n@book{b, crossref = {a}}\n@book{c, crossref = {c}}\n",
    )
    assert [p.message for p in bib.problems] == [
        "crossref cycle `a` -> `b` -> `a`",
        "crossref cycle `c` -> `c`",
    ]


def test_nothing_is_logged_or_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bib = load_text(
        tmp_path,
        """
        @article{broken title = {x}}
        @misc{unclosed, title = {x,
        @misc{ok, title = {fine}}
        """,
    )
    assert len(bib.problems) == 2
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")
    assert logging.getLogger("bibtexparser").propagate


def test_an_unexpected_bibtexparser_warning_becomes_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = bibliography.parse_string

    def chatty(text: str, **options: Any) -> Any:
        logging.getLogger("bibtexparser.splitter").warning("Something odd in block (line 1)")
        return real(text, **options)

    monkeypatch.setattr(bibliography, "parse_string", chatty)
    # A comment line: a file of entries only is split without bibtexparser.
    path = write(tmp_path, "% two entries\n@misc{a, title={A}}\n@misc{b, title={B}}\n")
    bib = load_bibliography([path])
    assert list(bib.sources) == ["a", "b"]
    assert [(p.line, p.message) for p in bib.problems] == [
        (2, "bibtexparser: Something odd in block (line 1)")
    ]
    assert caplog.records == []


def test_a_bibtexparser_crash_is_a_problem_and_other_files_still_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bibliography.parse_string

    def crash_on_b(text: str, **options: Any) -> Any:
        if "@misc{b" in text:
            logging.getLogger("bibtexparser.splitter").error(
                "Unexpected exception while parsing `@misc` block (line 2). Please report this bug."
            )
            raise RuntimeError("boom")
        return real(text, **options)

    monkeypatch.setattr(bibliography, "parse_string", crash_on_b)
    good = write(tmp_path, "@misc{a, title={A}}\n", "a.bib")
    bad = write(tmp_path, "% b\n\n@misc{b, title={B}}\n", "b.bib")
    bib = load_bibliography([good, bad])
    assert list(bib.sources) == ["a"]
    [problem] = bib.problems
    assert (problem.file, problem.line) == (bad, 3)
    assert problem.message.startswith("bibtexparser failed on this file (RuntimeError: boom)")


def test_the_zotero_export_parses_at_bibtexparsers_speed() -> None:
    path = CORPUS / "better-bibtex-issue-libraries" / "zotero-bbt-export-7166-entries.bib"
    if not path.exists():
        pytest.skip("corpus not available")
    start = time.perf_counter()
    bib = load_bibliography([path])
    elapsed = time.perf_counter() - start
    assert len(bib.sources) == 7166
    assert elapsed < 5  # about 1 s; generous for slow CI machines


# --- display helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\'e}cole", "école"),
        (r"M\"uller and {\"O}zkal", "Müller and Özkal"),
        (r"{\v{s}}ik {\v s}", "šik š"),
        (r"45--67 and a---b", f"45{EN}67 and a{EM}b"),
        ("Jean~Paul", "Jean Paul"),
        (r"{The {NASA}} \emph{Story}", "The NASA Story"),
        ("50% of R&D in\n   lines", "50% of R&D in lines"),
        (r"\LaTeX\ in \href{http://x}{text}", "LaTeX in text"),
        ("plain text", "plain text"),
    ],
)
def test_plain_decodes_latex(latex: str, text: str) -> None:
    assert plain(latex) == text


def test_authors_handles_name_forms() -> None:
    entry = source(
        author=r"Waltz, Kenneth N. and Ludwig van Beethoven and {World Health Organization}"
        r" and Jean de La~Fontaine and M{\"u}ller, J{\"o}rg and {Barnes and Noble}"
    )
    assert authors(entry) == (
        "Waltz",
        "van Beethoven",
        "World Health Organization",
        "de La Fontaine",
        "Müller",
        "Barnes and Noble",
    )


def test_authors_falls_back_to_editors_and_drops_others() -> None:
    assert authors(source(editor="Smith, John and others")) == ("Smith",)
    assert authors(source(title="Anonymous")) == ()


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"author": "Kenneth N. Waltz", "year": "1979"}, "Waltz 1979"),
        (
            {"author": "Morgenthau, Hans and Thompson, Kenneth", "year": "1985"},
            "Morgenthau and Thompson 1985",
        ),
        ({"author": "A. Smith and B. Jones and C. Lee", "date": "2020-05-01"}, "Smith et al. 2020"),
        ({"author": "Smith, A. and others", "year": "2020"}, "Smith et al. 2020"),
        ({"author": "{World Health Organization}"}, "World Health Organization"),
        ({"author": r"G{\"o}del, Kurt", "year": "1931"}, "Gödel 1931"),
        ({"title": "No authors", "year": "1999"}, "k"),
    ],
)
def test_short_label(fields: dict[str, str], label: str) -> None:
    assert short_label(source(**fields)) == label


def test_format_reference_book() -> None:
    entry = source(
        author="Waltz, Kenneth N.",
        title="Theory of International Politics",
        year="1979",
        publisher="Addison-Wesley",
        address="Reading, MA",
    )
    assert format_reference(entry) == (
        "Waltz, Kenneth N. 1979. Theory of International Politics. Reading, MA: Addison-Wesley."
    )


def test_format_reference_article() -> None:
    entry = source(
        entry_type="article",
        author=r"Keohane, Robert O. and Joseph S. Nye and Jean Tirole",
        title=r"Power and {I}nterdependence?",
        journal="World Politics",
        volume="12",
        number="3",
        pages="45--67",
        year="1977",
        doi="10.1000/xyz",
    )
    assert format_reference(entry) == (
        "Keohane, Robert O., Joseph S. Nye, and Jean Tirole. 1977. Power and Interdependence? "
        f"World Politics 12(3): 45{EN}67. https://doi.org/10.1000/xyz."
    )


def test_format_reference_chapter_and_edited_book() -> None:
    chapter = source(
        entry_type="incollection",
        author="Anna Musterfrau",
        title="A Chapter",
        booktitle="The Book",
        editor="Ed Itor and Co Editor",
        pages="1--10",
        publisher="Press",
        year="2001",
    )
    assert format_reference(chapter) == (
        "Musterfrau, Anna. 2001. A Chapter. "
        f"In The Book, edited by Ed Itor and Co Editor, 1{EN}10. Press."
    )
    edited = source(editor="Itor, Ed and Editor, Co", title="The Book", publisher="Press")
    assert format_reference(edited) == "Itor, Ed, and Co Editor, eds. n.d. The Book. Press."


def test_format_reference_web_page_and_fallbacks() -> None:
    page = source(
        entry_type="misc",
        author="{Stockholm International Peace Research Institute}",
        title="Arms Transfers Database",
        url=r"\url{https://www.sipri.org/databases/armstransfers}",
        year="2024",
    )
    assert format_reference(page) == (
        "Stockholm International Peace Research Institute. 2024. Arms Transfers Database. "
        "https://www.sipri.org/databases/armstransfers."
    )
    assert format_reference(source(howpublished="Leaflet")) == "n.d. Leaflet."


# --- the corpus --------------------------------------------------------------------------------


def corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.bib")) if CORPUS.is_dir() else []


def load_corpus_file(path: Path) -> Bibliography:
    if path.name == "IEEEexample.bib":
        return load_bibliography([path.parent / "IEEEabrv.bib", path])
    return load_bibliography([path])


@pytest.mark.skipif(not corpus_files(), reason="corpus not available")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file_loads_and_accounts_for_every_entry(path: Path) -> None:
    bib = load_corpus_file(path)
    text = path.read_text(encoding="utf-8-sig")
    starts = [
        text.count("\n", 0, match.start()) + 1
        for match in ENTRY_START.finditer(text)
        if match.group(1).lower() not in NOT_ENTRIES
    ]
    file = str(path)
    seen = {s.position.line for s in bib.sources.values() if s.position.file == file}
    seen |= {p.line for p in bib.problems if p.file == file}
    assert [line for line in starts if line not in seen] == []
    assert len(bib.sources) + len(bib.problems) >= len(starts)
    for problem in bib.problems:
        assert problem.message
        assert problem.hint


@pytest.mark.skipif(not corpus_files(), reason="corpus not available")
def test_ieee_example_resolves_ieee_abbreviations() -> None:
    example = CORPUS / "ieeetran" / "IEEEexample.bib"
    with_abbrev = load_corpus_file(example)
    assert not [p for p in with_abbrev.problems if "undefined @string" in p.message]
    journals = {s.fields.get("journal", "") for s in with_abbrev.sources.values()}
    assert any(journal.startswith("{IEEE} Trans.") for journal in journals)
    alone = load_bibliography([example])
    assert [p for p in alone.problems if "undefined @string" in p.message]


# --- bounds and files listed twice (issue 14) ----------------------------------------------------


def _doubling(count: int, use: str) -> str:
    """``@string{s0 = "ab"}`` then ``count`` macros, each twice the one before, and an entry."""
    lines = ['@string{s0 = "ab"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, count + 1)]
    lines.append(f"@misc{{k, title = {use}}}")
    return "\n".join(lines) + "\n"


def test_doubling_macros_are_one_problem_at_the_macro_not_a_memory_error(tmp_path: Path) -> None:
    # 39 doublings name 2**40 characters: expanding them used to take 2 GB, then MemoryError.
    path = write(tmp_path, _doubling(39, "s39"))
    bib = load_bibliography([path])
    assert [(p.file, p.line, p.message) for p in bib.problems] == [
        (
            path,
            21,
            f"@string `s20` is longer than {bibliography.MAX_VALUE:,} characters once its "
            "@string macros are expanded (argmap leaves it undefined)",
        )
    ]
    assert bib.problems[0].hint
    assert bib.sources["k"].fields["title"] == "s38 # s38"  # kept as written, not expanded


def test_a_macro_or_field_up_to_the_bound_expands(tmp_path: Path) -> None:
    assert bibliography.MAX_VALUE == 1 << 20  # the documented bound: 1 MiB of characters
    bib = load_bibliography([write(tmp_path, _doubling(19, "s19"))])  # s19 is 2**20 characters
    assert bib.problems == ()
    assert bib.sources["k"].fields["title"] == "ab" * (1 << 19)


def test_a_field_beyond_the_bound_is_a_problem_at_the_field(tmp_path: Path) -> None:
    path = write(tmp_path, _doubling(19, 's19 # "!"'))
    bib = load_bibliography([path])
    [problem] = bib.problems
    assert (problem.line, problem.message) == (
        21,
        f"field `title` of `k` is longer than {bibliography.MAX_VALUE:,} characters once its "
        "@string macros are expanded (kept as written)",
    )
    assert bib.sources["k"].fields["title"] == 's19 # "!"'


def test_a_macro_using_itself_is_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, "@string{a = a # a}\n@misc{k, title = a}\n")
    bib = load_bibliography([path])
    [problem] = bib.problems
    assert (problem.line, problem.message) == (
        1,
        "@string `a` uses the undefined @string `a` (kept as written)",
    )
    assert "uses itself" in problem.hint


def test_an_undefined_macro_used_twice_in_one_value_is_reported_once(tmp_path: Path) -> None:
    bib = load_text(tmp_path, "@misc{k, title = X # { and } # X, note = X}\n")
    assert [(p.line, p.message) for p in bib.problems] == [
        (1, "field `note` of `k` uses the undefined @string `X` (kept as written)"),
        (1, "field `title` of `k` uses the undefined @string `X` (kept as written)"),
    ]


def test_a_file_listed_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, '@string{j = "J"}\n@book{a, title = {A}, journal = j}\n')
    (tmp_path / "sub").mkdir()
    again = str(tmp_path / "sub" / ".." / "refs.bib")  # another name of the same file
    for paths in ([path, path], [path, again], [path, again, path]):
        bib = load_bibliography(paths)
        assert bib.problems == (), paths
        assert list(bib.sources) == ["a"]
        assert bib.sources["a"].position == SourcePosition(path, 2, 1)
    data = Path(path).read_bytes()
    parsed = bibliography.parse_bibliography([(path, data), (path, data), (again, data)])
    assert parsed.problems == ()
    assert parsed.sources == bib.sources


def test_a_key_twice_in_one_file_listed_twice_is_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, "@book{a, title = {A}}\n@book{a, title = {B}}\n")
    for bib in (
        load_bibliography([path, path]),
        bibliography.parse_bibliography([(path, Path(path).read_bytes())] * 2),
    ):
        [problem] = bib.problems
        assert (problem.line, problem.message) == (
            2,
            f"duplicate key `a` (first defined at {path}:1)",
        )


def test_a_header_listing_one_bibliography_twice_loads_it_once(tmp_path: Path) -> None:
    import argmap

    write(tmp_path, "@book{a, title = {A}}\n")
    (tmp_path / "map.yaml").write_text(
        "map:\n  bibliography: [refs.bib, refs.bib]\n"
        "nodes:\n  T1: {claim: c, thesis: true, because: E1}\n"
        "  E1: {evidence: e, cites: [{key: a, page: 1}]}\n",
        encoding="utf-8",
    )
    (tmp_path / ".git").mkdir()
    loaded = argmap.load(tmp_path)
    assert loaded.problems == ()
    assert [d.code for d in argmap.check(loaded) if d.code == "AM014"] == []


def test_many_broken_crossrefs_cost_near_constant_time_each(tmp_path: Path) -> None:
    count = 6000
    lines = [f"@book{{parent{i}, title = {{P}}}}" for i in range(count)]
    lines += [f"@book{{child{i}, crossref = {{parnet{i}}}}}" for i in range(count)]
    path = tmp_path / "refs.bib"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    bib = load_bibliography([path])
    assert time.monotonic() - start < 30  # minutes when every key is compared with every key
    assert len(bib.problems) == count
    assert bib.problems[0].hint.endswith("(did you mean `parent0`?)")
