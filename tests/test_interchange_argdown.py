"""Argdown import and export: statements, arguments, relations, reports, round trips, corpus."""

from __future__ import annotations

import collections
import os
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Claim, Evidence, LoadError, Objection, Premise, check, load
from argmap.interchange.argdown import parse_argdown, read_argdown, to_argdown
from argmap.interchange.dispatch import sniff
from argmap.interchange.yaml import write_yaml
from argmap.model import ArgumentMap, Attack, Citation, Locator, LocatorLabel, Reason, Suppression

DATA = Path(__file__).resolve().parent / "data" / "interchange"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "argdown"
CORPUS_FILES = (
    sorted([*CORPUS.rglob("*.argdown"), *CORPUS.rglob("*.ad")]) if CORPUS.is_dir() else []
)
needs_corpus = pytest.mark.skipif(not CORPUS_FILES, reason="shared Argdown corpus not present")

#: Corpus files that are malformed on purpose (parser and lexer fixtures): relations with
#: nothing to relate to. Each must fail with clear lines, not a traceback.
MALFORMED = {
    "christianvoigt-argdown/argdown-core/test/lexer-relation-after-emptyline.argdown": 1,
    "christianvoigt-argdown/argdown-core/test/lexer-relations.argdown": 10,
    "kellenff-argdown-mcp/invalid.argdown": 1,
}


def parse(text: str) -> ArgumentMap:
    return parse_argdown(textwrap.dedent(text)).map


# -- statements, arguments, relations ------------------------------------------------------------


def test_statement_relations_become_reasons_and_attacks() -> None:
    argument_map = parse("""\
        [T]: Taxes should rise.
          + [A]: Schools lack money.
          - [B]: Growth would suffer.
            <- [C]: Growth did not suffer last time.
        """)
    assert argument_map.ids == ("T", "A", "B", "C")
    assert argument_map.node("T").reasons == (Reason(("A",)),)
    assert argument_map.node("B").attacks == (Attack("T"),)
    assert argument_map.node("C").attacks == (Attack("B"),)
    assert isinstance(argument_map.node("T"), Claim)
    assert argument_map.node("T").thesis
    assert isinstance(argument_map.node("A"), Premise)
    assert isinstance(argument_map.node("B"), Objection)


def test_directed_relations() -> None:
    argument_map = parse("""\
        [A]: a
          +> [B]: b
          -> [C]: c
          <+ [D]: d
        """)
    assert argument_map.node("B").reasons == (Reason(("A",)),)
    assert argument_map.node("A").attacks == (Attack("C"),)
    assert argument_map.node("A").reasons == (Reason(("D",)),)


def test_premise_conclusion_structure_is_one_linked_reason() -> None:
    argument_map = parse("""\
        <Arg>: The description.

        (1) [P1]: First premise.
        (2) Second premise,
            on two lines.
        ----
        (3) [C]: The conclusion.
        """)
    assert argument_map.ids == ("P1", "S1", "C")
    assert argument_map.node("S1").text == "Second premise, on two lines."
    assert argument_map.node("C").reasons == (Reason(("P1", "S1")),)
    assert argument_map.node("C").note == "Argdown argument <Arg>: The description."


def test_complex_argument_chains_its_steps_and_honours_uses() -> None:
    argument_map = parse("""\
        <Proof>

        (1) [A]: a
        (2) [B]: b
        -----
        (3) [C]: c
        (4) [D]: d
        --
        Modus ponens {uses: [1, 4]}
        --
        (5) [E]: e
        """)
    assert argument_map.node("C").reasons == (Reason(("A", "B")),)
    assert argument_map.node("E").reasons == (Reason(("A", "D")),)
    assert "Modus ponens" in (argument_map.node("E").note or "")


def test_default_premises_of_a_second_step_include_the_first_conclusion() -> None:
    argument_map = parse("""\
        (1) [A]: a
        ----
        (2) [B]: b
        (3) [C]: c
        ----
        (4) [D]: d
        """)
    assert argument_map.node("D").reasons == (Reason(("B", "C")),)


def test_argument_supporting_a_statement_lends_its_conclusion() -> None:
    argument_map = parse("""\
        [Goal]: We should act.
          + <Why>

        <Why>

        (1) [P]: p
        ----
        (2) [Q]: q
        """)
    assert argument_map.node("Goal").reasons == (Reason(("Q",)),)
    assert argument_map.node("Q").reasons == (Reason(("P",)),)


def test_relation_restating_a_structure_is_not_doubled() -> None:
    result = parse_argdown(
        textwrap.dedent("""\
        [Power]: We must win.
          <+ <Core>

        <Core>

        (1) [Doom]: Doom is near.
        ----
        (2) [Power]
        """)
    )
    assert result.map.node("Power").reasons == (Reason(("Doom",)),)
    assert result.report.kept["relations an argument's conclusion already states"] == 1


def test_undercuts() -> None:
    argument_map = parse("""\
        <A>

        (1) [P]: p
        ----
          <_ [U1]: The step is invalid.
        (2) [C]: c

        [U2]: Another undercut.
          _> <A>

        [S]: s
          + <B>: Sketched support.
            <_ [U3]: Undercuts the sketched argument.
        """)
    assert argument_map.node("U1").attacks == (Attack("C", 1),)
    assert argument_map.node("U2").attacks == (Attack("C", 1),)
    assert argument_map.node("S").reasons == (Reason(("B",)),)
    assert argument_map.node("U3").attacks == (Attack("S", 1),)
    assert all(isinstance(argument_map.node(u), Objection) for u in ("U1", "U2", "U3"))


def test_unsupported_relations_are_listed() -> None:
    result = parse_argdown(
        textwrap.dedent("""\
        <Rec>

        (1) [P]: p
        ----
        (2) [C]: c

        [X]: x
          +> <Rec>
          -> <Rec>

        [Y]: y
          <_ [Z]: undercutting a statement
        """)
    )
    report = result.report
    assert report.set_aside["supports of reconstructed arguments or inferences"] == 1
    assert report.kept["attacks on arguments (as undercuts)"] == 1
    assert report.kept["undercuts read as attacks"] == 1
    assert result.map.node("X").attacks == (Attack("C", 1),)
    assert result.map.node("Z").attacks == (Attack("Y"),)
    assert len(report.details) == 3
    assert all(detail.startswith("<memory>:") for detail in report.details)


def test_contradiction_and_strict_mode() -> None:
    loose = parse("""\
        [A]: a
          >< [B]: b
          - [C]: c
        """)
    assert loose.node("A").attacks == (Attack("B"),)
    assert loose.node("B").attacks == (Attack("A"),)
    assert loose.node("A").attacks == (Attack("B"),)
    assert loose.node("C").attacks == (Attack("A"),)
    strict = parse("""\
        ===
        model:
            mode: strict
        ===

        [A]: a
          - [C]: c
        """)
    assert strict.node("C").attacks == (Attack("A"),)
    assert strict.node("A").attacks == (Attack("C"),)


def test_equivalence_class_titles_tags_and_data() -> None:
    argument_map = parse("""\
        [Same]: First wording. #evidence #energy {cites: [{key: iea2024, page: 7}], at: [2, 3]}

        [Same]: Second wording.
          + [Other]: other #(with space) {source: interview}
        """)
    same = argument_map.node("Same")
    assert isinstance(same, Evidence)
    assert same.text == "First wording."
    assert same.citations == (Citation("iea2024", Locator(LocatorLabel.PAGE, "7")),)
    assert same.at == (2, 3)
    assert same.note == "Also stated as: Second wording.\nArgdown tags: #energy"
    assert argument_map.node("Other").note == (
        'Argdown tags: #(with space)\nArgdown data: {"source": "interview"}'
    )


def test_text_markup_escapes_and_mentions() -> None:
    argument_map = parse("""\
        [T]: A **bold** and _italic_ claim, 3 \\< 4, \\#not-a-tag, see @[Other].
          + [Other]: [a link](https://example.org) stays.
        """)
    assert (
        argument_map.node("T").text == "A bold and italic claim, 3 < 4, #not-a-tag, see @[Other]."
    )
    assert argument_map.node("Other").text == "[a link](https://example.org) stays."


def test_titles_become_ids() -> None:
    argument_map = parse("""\
        [Will of the People]: w
          + [Über-Claim 2]: u
          + [2nd]: s
          + [Will of the people]: clash
        """)
    assert argument_map.ids == (
        "Will-of-the-People",
        "Uber-Claim-2",
        "S2nd",
        "Will-of-the-people",
    )
    assert argument_map.node("S2nd").note == "Argdown: [2nd]"


def test_debate_file() -> None:
    result = read_argdown(DATA / "debate.argdown")
    argument_map = result.map
    assert argument_map.title == "Should the town build the bridge?"
    assert argument_map.ids == ("Bridge", "Cost", "Grants", "Counts", "Capacity", "Summer-counts")
    bridge = argument_map.node("Bridge")
    assert isinstance(bridge, Claim)
    assert bridge.thesis
    assert bridge.reasons == (Reason(("Counts", "Capacity")),)
    assert bridge.position.line == 8
    assert argument_map.node("Cost").attacks == (Attack("Bridge"),)
    assert isinstance(argument_map.node("Grants"), Evidence)
    assert argument_map.node("Summer-counts").attacks == (Attack("Bridge", 1),)
    report = result.report
    assert report.set_aside == {
        "comments (ignored, as Argdown does)": 1,
        "prose statements (untitled, in no relation)": 1,
        "front matter settings": 1,
    }
    assert report.kept["headings (as notes on the nodes under them)"] == 1
    assert report.details[0].endswith(
        "prose set aside: Some prose that is no statement of the debate."
    )
    assert report.details[1].endswith(
        ":6:1: heading `# The question` kept as the note line `Argdown section: ...` of 6 "
        "node(s): Bridge, Cost, Grants, Counts, Capacity, ..."
    )
    assert report.details[2].endswith("front matter settings set aside: author")
    assert argument_map.node("Cost").note == "Argdown section: The question"
    # no bibliography (AM005); the undercut is unanswered (AM008) and defeats the thesis (AM017);
    # the premises cite nothing (AM019) and one states a figure no evidence backs (AM007)
    assert [d.code for d in check(argument_map)] == [
        "AM017",
        "AM005",
        "AM007",
        "AM019",
        "AM019",
        "AM008",
    ]


def test_includes_are_followed_once_and_cycles_reported() -> None:
    result = read_argdown(DATA / "include" / "main.argdown")
    assert result.map.ids == ("Part", "Main")
    assert result.map.node("Main").reasons == (Reason(("Part",)),)
    assert result.map.node("Part").position.file.endswith("part.argdown")
    assert result.report.set_aside == {"include cycles": 1}
    assert "include cycle main.argdown -> part.argdown -> main.argdown" in result.report.details[0]


def test_comments_do_not_break_a_relation_tree() -> None:
    argument_map = parse("""\
        [A]: a
          + [B]: b
          <!--
          a comment

          with an empty line
          -->
          - [C]: c // trailing comment
        """)
    assert argument_map.node("C").attacks == (Attack("A"),)
    assert argument_map.node("C").text == "c"


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[A]: a\n\n  + [B]: b\n", "relation `+` has nothing above it to relate to"),
        ("[A]: a\n  +\n", "relation `+` names no statement or argument"),
        ("(1) a\n(2) b\n", "the premise-conclusion structure has no inference line"),
        ("(1) a\n----\n", "the premise-conclusion structure ends with an inference line"),
        ("(1) a\n----\n(2) b\n(3) c\n", "the premise-conclusion structure has premises after"),
        ("(1) <A>: x\n----\n(2) b\n", "a numbered line of a premise-conclusion structure holds"),
    ],
)
def test_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_argdown(text, file="doc.argdown")
    assert caught.value.errors[0].message.startswith(message)
    assert str(caught.value).startswith("doc.argdown:")


def test_missing_include_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.argdown"
    path.write_text('@import "gone.argdown"\n\n[A]: a\n', encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_argdown(path)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (1, 1)
    assert "included file `gone.argdown` not found" in error.message


def test_unreadable_file() -> None:
    with pytest.raises(LoadError, match="cannot read"):
        read_argdown(DATA / "no-such.argdown")


# -- reading text: parse_argdown with a path, guarded includes -----------------------------------


def test_parse_argdown_with_a_path_follows_includes_as_read_argdown_does() -> None:
    main = DATA / "include" / "main.argdown"
    text = main.read_text(encoding="utf-8")
    from_text = parse_argdown(text, file=str(main), path=main)
    from_file = read_argdown(main)
    assert from_text.map == from_file.map
    assert from_text.report == from_file.report
    assert from_text.map.ids == ("Part", "Main")


def test_parse_argdown_without_a_path_skips_includes_and_says_so() -> None:
    text = (DATA / "include" / "main.argdown").read_text(encoding="utf-8")
    result = parse_argdown(text, file="main.argdown")
    assert result.map.ids == ("Main", "Part")
    assert result.report.set_aside["includes (no folder to look in)"] == 1
    assert "include of `part.argdown` skipped: the text has no file" in result.report.details[0]


def include_errors(path: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        parse_argdown(path.read_text(encoding="utf-8"), file=path.name, path=path)
    return [error.message for error in caught.value.errors]


def test_include_may_not_leave_the_documents_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.argdown"
    outside.write_text("[Secret]: s\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    main = project / "main.argdown"
    main.write_text('@import "../outside.argdown"\n\n[A]: a\n', encoding="utf-8")
    (message,) = include_errors(main)
    assert message.startswith("included file `../outside.argdown` is outside the document's")
    main.write_text("@include(sub/link.argdown)\n\n[A]: a\n", encoding="utf-8")
    (project / "sub" / "link.argdown").symlink_to(outside)
    (message,) = include_errors(main)
    assert message.startswith("included file `sub/link.argdown` is outside the document's")
    (project / "sub" / "inner.argdown").write_text("[B]: b\n", encoding="utf-8")
    (project / "sub" / "inside.argdown").symlink_to(project / "sub" / "inner.argdown")
    main.write_text("@include(sub/inside.argdown)\n\n[A]: a\n", encoding="utf-8")
    assert parse_argdown(main.read_text(), file="main", path=main).map.ids == ("B", "A")


def test_include_through_a_symlink_to_itself_is_a_cycle(tmp_path: Path) -> None:
    main = tmp_path / "main.argdown"
    main.write_text("@include(again.argdown)\n\n[A]: a\n", encoding="utf-8")
    (tmp_path / "again.argdown").symlink_to(main)
    result = parse_argdown(main.read_text(), file="main.argdown", path=main)
    assert result.map.ids == ("A",)
    assert result.report.set_aside == {"include cycles": 1}


def test_include_of_a_folder_or_a_fifo_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "folder.argdown").mkdir()
    main = tmp_path / "main.argdown"
    main.write_text("@include(folder.argdown)\n", encoding="utf-8")
    assert include_errors(main) == [
        f"included file `folder.argdown` is not a file (looked for `{tmp_path / 'folder.argdown'}`)"
    ]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.argdown")
        main.write_text("@include(pipe.argdown)\n", encoding="utf-8")
        (message,) = include_errors(main)  # reported at once: a FIFO is never opened
        assert message.startswith("included file `pipe.argdown` is not a file")


# -- data blocks and front matter are checked ----------------------------------------------------


def data_errors(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(LoadError) as caught:
        parse_argdown(text, file="d.argdown")
    assert all(error.file == "d.argdown" for error in caught.value.errors)
    return [(error.line, error.column, error.message) for error in caught.value.errors]


@pytest.mark.parametrize(
    ("data", "needle", "message"),
    [
        ("{at: [-5]}", "-5", "a paragraph in `at` of the data of node `A` must be a whole number"),
        ("{at: [0]}", "0", "a paragraph in `at` of the data of node `A` must be a whole number"),
        ("{at: ['3']}", "'3'", "a paragraph in `at` of the data of node `A` must be a whole"),
        ("{cites: [{key: k, page: null}]}", "null", "locator `page` of a citation of the data"),
        ("{cites: [{key: k, page: }]}", "}]", "locator `page` of a citation of the data of"),
        ("{cites: [{key: k, pgae: 4}]}", "pgae", "unknown key `pgae` in a citation of the data"),
        ("{cites: {page: 4}}", "{page", "a citation of the data of node `A` has no `key`"),
        ("{ignore: {AM004: null}}", "null", "the reason for ignoring `AM004` in the data of"),
        ("{ignore: {AM004: [a]}}", "[a]", "the reason for ignoring `AM004` in the data of"),
        ("{ignore: AM004}", "AM004", "`ignore` of the data of node `A` must map codes to reasons"),
        ("{note: [a, b]}", "[a, b]", "the note in the data of node `A` must be text"),
        ("{at: [" + "9" * 5000 + "]}", "999", "the number 99999999999999999999… (5000 characters)"),
        ("{x: 0x" + "f" * 4000 + "}", "0x", "the number 0xffffffffffffffffff… (4002 characters)"),
        ("{x: 1, x: 2}", "x: 2", "duplicate key `x` in the data"),
        ("{x: &a [1], y: *a}", ": *a", "YAML aliases are not allowed"),
        ("{[x]: 1}", "[x]", "a key in the data is not a plain word"),
        ("{x: " + "[" * 50_000 + "]" * 50_000 + "}", "[" * 101, "data nested more than 100"),
    ],
)
def test_data_fields_are_checked_where_they_are_written(
    data: str, needle: str, message: str
) -> None:
    text = f"[Title]: a statement\n\n[A]: first line\n  and the data {data}\n"
    started = time.perf_counter()
    found = data_errors(text)
    assert time.perf_counter() - started < 5
    assert len(found) == 1, found
    line, column, got = found[0]
    assert got.startswith(message)
    needle_at = text.index(needle, text.index("{", text.index("the data")))
    if message.startswith("data nested"):
        needle_at += 99  # where the 101st level opens, the braces being the first
    assert (line, column) == (4, needle_at - text.rindex("\n", 0, needle_at))


def test_valid_data_still_fills_the_fields() -> None:
    argument_map = parse("""\
        [A]: a {at: [3], cites: [{key: k, page: 4}], ignore: {AM004: why}, note: 5, x: [1]}

        [B]: b {cites: {key: j, footnote: 2}, at: 7, ignore: {AM007: ""}}

        [C]: c {at: [1], when: 2020-13-45}
        """)
    a, b, c = (argument_map.node(node_id) for node_id in "ABC")
    assert (a.at, [str(c) for c in a.citations], a.ignore) == (
        (3,),
        ["k, p. 4"],
        (Suppression("AM004", "why"),),
    )
    assert a.note == '5\nArgdown data: {"x": [1]}'
    assert (b.at, [str(c) for c in b.citations], b.ignore) == (
        (7,),
        ["j, n. 2"],
        (Suppression("AM007", ""),),
    )
    # a date no calendar has: the block is not readable YAML, so it is kept as it is written
    assert (c.at, c.note) == ((), "Argdown data: {at: [1], when: 2020-13-45}")


def test_huge_number_in_uses_is_one_error() -> None:
    text = "(1) [P]: p\n-- {uses: [" + "9" * 5000 + "]} --\n(2) [C]: c\n"
    ((line, column, message),) = data_errors(text)
    assert (line, column) == (2, 1)
    assert message.startswith("the number 99999999999999999999… (5000 characters) is too long")


def test_front_matter_header_is_checked() -> None:
    text = textwrap.dedent("""\
        ===
        title: [a, list]
        argmap:
          titel: T
          unmapped: {"\u00b2": x}
          expect: {Nowhere: in, A: maybe}
        ===

        [A]: a
        """)
    assert data_errors(text) == [
        (2, 8, "the front matter's `title` must be text, got a list"),
        (4, 3, "unknown key `titel` in `argmap` in the front matter"),
        (5, 14, "a paragraph in `unmapped` must be a whole number from 1, got `\u00b2`"),
        (6, 12, "unknown id `Nowhere` in `expect`"),
        (6, 28, "bad label `maybe` for `A` in `expect` of `argmap` in the front matter"),
    ]
    text = text.replace("title: [a, list]", "title: T").replace("titel: T\n  ", "")
    text = text.replace('unmapped: {"\u00b2": x}', "unmapped: {4: x}").replace(", A: maybe", "")
    assert data_errors(text) == [(5, 12, "unknown id `Nowhere` in `expect`")]
    argument_map = parse_argdown(text.replace("Nowhere", "A")).map
    assert (argument_map.title, argument_map.unmapped) == ("T", {4: "x"})
    assert [(e.node, e.label) for e in argument_map.expected] == [("A", "in")]


def test_data_of_a_reconstructed_argument_is_noted() -> None:
    result = parse_argdown("<A>: the argument {source: x}\n\n(1) [P]: p\n----\n(2) [C]: c\n")
    assert result.map.node("C").note == (
        "Argdown argument <A>: the argument\nArgdown data of <A>: {source: x}"
    )
    assert result.report.kept["data blocks (as notes)"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "[A]: a " + "{" * 50_000,
        "[A]: a " + "[" * 50_000,
        "[A]: a {x: '" + "{" * 50_000 + "'}",
    ],
    ids=["unclosed braces", "brackets", "braces in a quoted string"],
)
def test_long_runs_of_brackets_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    argument_map = parse_argdown(text).map
    assert time.perf_counter() - started < 5
    assert argument_map.ids == ("A",)


def test_escaped_quote_in_exported_data_reads_back() -> None:
    argument_map = ArgumentMap(nodes=(Claim(id="T", text="t", note='say "x\\" }'),))
    assert parse_argdown(to_argdown(argument_map)).map.nodes == argument_map.nodes


# -- export and round trips ----------------------------------------------------------------------


def test_article_map_round_trips_through_argdown() -> None:
    argument_map = load(REPO / "arguments")
    text = to_argdown(argument_map)
    back = parse_argdown(text).map
    assert back.nodes == argument_map.nodes
    assert back.title == argument_map.title
    assert to_argdown(back) == text


def test_export_writes_statements_arguments_and_undercuts(load_map: Any) -> None:
    argument_map = load_map("""\
        map:
          title: Small
        nodes:
          T1:
            claim: The thesis.
            thesis: true
            because: [E1 + P1, E2]
          E1:
            evidence: "One [x] <y> #z {w} *a* _b_ @c // d /* e \\\\ f"
            cites: [{key: k, page: 4}]
          E2: {evidence: Two., note: "line one\\nline {two} </> http://x"}
          P1: {premise: Three.}
          O1:
            objection: Not so.
            undercuts: T1/2
            attacks: E2
        """)
    text = to_argdown(argument_map)
    assert text.startswith('===\ntitle: "Small"\n===\n\n[T1]: The thesis. #claim #thesis\n')
    assert "<T1/1>\n\n(1) [E1]\n(2) [P1]\n----\n(3) [T1]\n" in text
    assert "[O1]: Not so. #objection\n  _> <T1/2>\n  -> [E2]\n" in text
    back = parse_argdown(text).map
    assert back.nodes == argument_map.nodes


def test_export_to_file_reads_back(tmp_path: Path) -> None:
    argument_map = read_argdown(DATA / "debate.argdown").map
    path = tmp_path / "out.argdown"
    path.write_text(to_argdown(argument_map), encoding="utf-8")
    assert sniff(path) == "argdown"
    assert read_argdown(path).map.nodes == argument_map.nodes
    assert load(path).nodes == argument_map.nodes


_SYNTAX = st.sampled_from(
    [*"[]<>#{}*_@/\\():.-+=`~|!", "//", "/*", "<!--", "-->", "----", "(1) ", " + ", " -> ", "#tag"]
)
_LINE = (
    st.lists(
        st.one_of(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), _SYNTAX),
        min_size=1,
        max_size=15,
    )
    .map("".join)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(
    text=_LINE,
    note=st.text(min_size=1, max_size=30).filter(str.strip),  # blank text never loads
    key=_LINE,
    page=_LINE,
)
def test_argdown_export_keeps_any_one_line_text(text: str, note: str, key: str, page: str) -> None:
    argument_map = ArgumentMap(
        nodes=(
            Claim(id="T", text=text, thesis=True, reasons=(Reason(("E",)),), note=note),
            Evidence(
                id="E",
                text=text,
                citations=(Citation(key, Locator(LocatorLabel.PAGE, page)),),
                ignore=(Suppression("AM004", note),),
            ),
        ),
        title=note,
    )
    back = parse_argdown(to_argdown(argument_map)).map
    assert back.nodes == argument_map.nodes
    assert back.title == note


# -- the corpus ----------------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file_imports_or_fails_clearly(path: Path, tmp_path: Path) -> None:
    name = str(path.relative_to(CORPUS))
    if name in MALFORMED:
        with pytest.raises(LoadError) as caught:
            read_argdown(path)
        assert len(caught.value.errors) == MALFORMED[name]
        assert all(str(path) in line for line in str(caught.value).splitlines())
        return
    result = read_argdown(path)
    argument_map = result.map
    check(argument_map)
    assert all(
        detail.split(":", 1)[0].endswith((".argdown", ".ad")) for detail in result.report.details
    )
    back = parse_argdown(to_argdown(argument_map)).map
    assert back.nodes == argument_map.nodes
    (tmp_path / ".git").mkdir()
    write_yaml(argument_map, tmp_path / "map.yaml")
    assert load(tmp_path / "map.yaml").nodes == argument_map.nodes


@needs_corpus
def test_corpus_aggregate() -> None:
    imported = 0
    kept: collections.Counter[str] = collections.Counter()
    for path in CORPUS_FILES:
        if str(path.relative_to(CORPUS)) in MALFORMED:
            continue
        result = read_argdown(path)
        imported += 1
        kept.update(result.report.kept)
    assert imported == len(CORPUS_FILES) - len(MALFORMED) == 46
    assert kept["inference steps (as reasons)"] > 40
    assert kept["undercut relations"] >= 2


_PIECES = st.sampled_from(
    [
        "[A]: a",
        "[A]",
        "<B>: b",
        "<B>",
        "(1) p",
        "(2) [A]",
        "----",
        "--",
        "-- rule {uses: [1]} --",
        "  + [C]: c",
        "  - <B>",
        "    <_ [D]",
        "  _> <B>",
        "  >< [A]",
        "  +> <E>",
        "",
        "# Heading",
        "text #tag {k: v}",
        "<!-- c",
        "-->",
        "/* x */",
        "// y",
        "===",
        "title: t",
        "* item",
        "<A>(1): x",
        "{",
        "\\[",
    ]
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_PIECES, max_size=14))
def test_any_arrangement_imports_or_fails_with_map_errors(lines: list[str]) -> None:
    try:
        result = parse_argdown("\n".join(lines), file="doc.argdown")
    except LoadError as exc:
        assert exc.errors
        assert all(error.file == "doc.argdown" and error.line >= 1 for error in exc.errors)
        return
    check(result.map)
    back = parse_argdown(to_argdown(result.map)).map
    assert back.nodes == result.map.nodes


@pytest.mark.parametrize("opening", ["<!--", "/*"])
def test_unclosed_comment_openings_are_read_in_linear_time(opening: str) -> None:
    """200,000 openings and no closing: quadratic scanning would take hours, not a second."""
    import time

    started = time.perf_counter()
    result = parse_argdown("[A]: a claim.\n" + opening * 200_000, file="x.argdown")
    assert time.perf_counter() - started < 30
    assert [node.id for node in result.map.nodes][:1] == ["A"]


def test_a_closed_comment_is_still_ignored_and_an_unclosed_one_is_text() -> None:
    result = parse_argdown("[A]: kept <!-- gone --> too.\n\n[B]: open <!-- not closed\n")
    texts = [" ".join(node.text.split()) for node in result.map.nodes]
    assert texts == ["kept too.", "open <!-- not closed"]
