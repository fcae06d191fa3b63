"""Argdown import and export: statements, arguments, relations, reports, round trips, corpus."""

from __future__ import annotations

import collections
import textwrap
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
        "headings (sections)": 1,
        "prose statements (untitled, in no relation)": 1,
        "front matter settings": 1,
    }
    assert report.details[0].endswith(
        "prose set aside: Some prose that is no statement of the debate."
    )
    assert report.details[1].endswith("front matter settings set aside: author")
    # no bibliography (AM005); the undercut is unanswered (AM008) and defeats the thesis (AM017)
    assert [d.code for d in check(argument_map)] == ["AM017", "AM005", "AM008"]


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
