"""Loading maps: the model built, and every load error with its exact file:line:col."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap import (
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Evidence,
    LoadError,
    Locator,
    LocatorLabel,
    Objection,
    Premise,
    Reason,
    load,
)

from .conftest import WriteMap

GOOD = """\
map:
  title: A small map
nodes:
  T1:
    claim: The thesis.
    thesis: true
    at: [1, 2]
    because:
      - E1 + P1
      - A1
  E1:
    evidence: A fact.
    cites: [{key: src, page: 4}, {key: src, pages: 5-6}, {key: src, footnote: 2}]
  P1:
    premise: A premise.
    cites: {key: src, chapter: VI}
  A1:
    assumption: Left unstated.
  O1:
    objection: An objection.
    undercuts: T1/2
    note: Raised by a reviewer.
  O2:
    objection: Another.
    attacks: [T1, O1]
    ignore: {AM008: "left open on purpose"}
"""


def errors_of(
    write_map: WriteMap, files: dict[str, str] | str, bib: str | None = None
) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(write_map(files, bib))
    root = str(info.value.errors[0].file).rsplit("/", 1)[0] + "/"
    return [str(e).replace(root, "") for e in info.value.errors]


def test_a_good_map_becomes_typed_nodes(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(GOOD, bib="@book{src, title={T}, year={2000}}\n")
    assert m.title == "A small map"
    assert [type(n) for n in m.nodes] == [
        Claim,
        Evidence,
        Premise,
        Assumption,
        Objection,
        Objection,
    ]
    t1 = m.node("T1")
    assert t1.thesis
    assert t1.at == (1, 2)
    assert t1.reasons == (Reason(("E1", "P1")), Reason(("A1",)))
    assert t1.reasons[0].linked
    assert not t1.reasons[1].linked
    assert m.node("E1").citations == (
        Citation("src", Locator(LocatorLabel.PAGE, "4")),
        Citation("src", Locator(LocatorLabel.PAGE, "5-6")),
        Citation("src", Locator(LocatorLabel.NOTE, "2")),
    )
    assert m.node("P1").citations == (Citation("src", Locator(LocatorLabel.CHAPTER, "VI")),)
    assert m.node("O1").attacks == (Attack("T1", 2),)
    assert m.node("O1").note == "Raised by a reviewer."
    assert m.node("O2").attacks == (Attack("T1"), Attack("O1"))
    assert m.node("O2").ignore[0].code == "AM008"
    assert m.node("O2").ignore[0].reason == "left open on purpose"
    assert set(m.sources) == {"src"}
    assert m.attacks_on("T1") == (("O1", Attack("T1", 2)), ("O2", Attack("T1")))
    assert m.used_in("E1") == (("T1", 1),)


def test_positions_are_one_based_and_outside_equality(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(GOOD, bib="@book{src, title={T}, year={2000}}\n")
    t1 = m.node("T1")
    assert (t1.position.line, t1.position.column) == (4, 3)
    assert t1.position.file.endswith("map.yaml")
    assert (t1.reasons[1].position.line, t1.reasons[1].position.column) == (10, 9)
    citation = m.node("E1").citations[1]
    assert (citation.position.line, citation.position.column) == (13, 34)
    assert t1 == Claim(id="T1", text="The thesis.", thesis=True, at=(1, 2), reasons=t1.reasons)
    assert m.node("O1").ignore == ()
    assert m.sources["src"].position.line == 1


def test_folder_reads_files_in_sorted_order(write_map: WriteMap) -> None:
    folder = write_map(
        {
            "b.yaml": "nodes:\n  C1:\n    claim: Second file.\n    because: E1\n",
            "a.yaml": "map: {title: T}\nnodes:\n  E1:\n    evidence: First file.\n",
            "sub/c.yml": "nodes:\n  C2:\n    claim: Nested.\n    thesis: true\n",
            ".hidden/d.yaml": "nodes: [broken",
        }
    )
    m = load(folder)
    assert m.ids == ("E1", "C1", "C2")
    assert [Path(f).name for f in m.files] == ["a.yaml", "b.yaml", "c.yml"]


def test_header_bibliography_is_relative_to_the_header_file(write_map: WriteMap) -> None:
    folder = write_map(
        {
            "maps/main.yaml": "map:\n  bibliography: ../refs/my.bib\nnodes:\n  E1: {evidence: x}\n",
            "refs/my.bib": "@misc{k, title = {T}}\n",
        }
    )
    m = load(folder / "maps")
    assert set(m.sources) == {"k"}
    assert m.bibliography == "../refs/my.bib"


def test_nearest_references_bib_is_found_walking_up(write_map: WriteMap) -> None:
    folder = write_map({"deep/er/map.yaml": "nodes:\n  E1:\n    evidence: x\n"}, bib="@misc{k}\n")
    assert set(load(folder / "deep" / "er").sources) == {"k"}


def test_no_bibliography_is_fine(load_map: Callable[..., ArgumentMap]) -> None:
    assert load_map("nodes:\n  E1:\n    evidence: x\n").sources == {}


def test_an_empty_nodes_mapping_is_an_empty_map(load_map: Callable[..., ArgumentMap]) -> None:
    assert load_map("nodes: {}\n").nodes == ()


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "a map file has `nodes:`"),
        ("- a\n- b\n", "a map file has `nodes:`"),
        ("nodez:\n  C1:\n    claim: x\n", "`nodez` is no map key; did you mean `nodes`?"),
        ("on: push\njobs: {}\n", "a map file has `nodes:`"),
    ],
)
def test_yaml_that_is_no_map_named_explicitly(write_map: WriteMap, text: str, hint: str) -> None:
    folder = write_map(text)
    with pytest.raises(LoadError) as info:
        load(folder / "map.yaml")
    [error] = info.value.errors
    assert error.message.startswith("not a map: YAML with no top-level `nodes` or `map` key")
    assert hint in error.hint
    with pytest.raises(LoadError, match="holds no map"):  # and a folder of it holds no map
        load(folder)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "nodes:\n  C1:\n    claim: x\n    becuase: C2\n",
            "map.yaml:4:5: error: unknown key `becuase` in node `C1`; did you mean `because`?",
        ),
        (
            "nodes:\n  C1:\n    because: C1\n",
            "map.yaml:2:3: error: node `C1` has no text; add one of `claim:`, `evidence:`, "
            "`premise:`, `assumption:`, `objection:`",
        ),
        (
            "nodes:\n  C1:\n    claim:\n",
            "map.yaml:3:11: error: the text of node `C1` is empty; write the text after the key",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n    evidence: y\n",
            "map.yaml:4:15: error: node `C1` has two kinds, `claim` and `evidence`; "
            "keep one kind key",
        ),
        (
            "nodes:\n  1C:\n    claim: x\n",
            "map.yaml:2:3: error: bad id `1C`; ids start with a letter and hold only letters, "
            "digits, `_` and `-`",
        ),
        (
            "nodes:\n  Claim1:\n    claim: x\n  C2:\n    claim: y\n    because: Claim1 + Claim2\n",
            "map.yaml:6:23: error: unknown id `Claim2` in a reason of `C2`; did you mean `Claim1`?",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n    because: C2 +\n  C2:\n    claim: y\n",
            "map.yaml:4:18: error: empty id in a reason of `C1`; "
            "remove the stray `+` or write the id",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n    because: C2\n  C2:\n    claim: y\n"
            "  O1:\n    objection: z\n    undercuts: C1/3\n",
            "map.yaml:9:16: error: bad reason reference `C1/3`: `C1` has 1 reason; "
            "undercut a reason that exists, or attack the node with `attacks:`",
        ),
        (
            "nodes:\n  O1:\n    objection: z\n    undercuts: C1\n",
            "map.yaml:4:16: error: bad reason reference `C1` in `undercuts`; write `ID/N` or "
            "`ID/name`: N the reason's place (from 1) in that node's `because`, name the name it "
            "has there",
        ),
        (
            "nodes:\n  E1:\n    evidence: x\n    cites: [{key: k, page: 4, chapter: 2}]\n",
            "map.yaml:4:13: error: a citation of node `E1` has several locators (`page`, "
            "`chapter`); keep one locator; cite twice to name two places",
        ),
        (
            "nodes:\n  E1:\n    evidence: x\n    cites: [{key: k, pgae: 4}]\n",
            "map.yaml:4:22: error: unknown key `pgae` in a citation of node `E1`; "
            "did you mean `page`?",
        ),
        (
            "nodes:\n  E1:\n    evidence: x\n    cites: [{page: 4}]\n",
            "map.yaml:4:13: error: a citation of node `E1` has no `key`; add `key: bibkey`",
        ),
        (
            "nodes:\n  C1:\n    claim: [a, b]\n",
            "map.yaml:3:12: error: the text of node `C1` must be text, not a list; "
            "write it as text",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n    thesis: maybe\n",
            "map.yaml:4:13: error: `thesis` must be true or false, got `maybe`; fix it",
        ),
        (
            "nodes:\n  E1:\n    evidence: x\n    thesis: true\n",
            "map.yaml:4:5: error: node `E1` is a evidence; only claims can be theses; "
            "make it a `claim:` or remove `thesis`",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n    at: [1, two]\n",
            "map.yaml:4:13: error: a paragraph in `at` must be a whole number from 1, got "
            "`two`; fix it",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n  C1:\n    claim: y\n",
            "map.yaml:4:3: error: duplicate key `C1` in `nodes`; merge the two into one entry",
        ),
        (
            "map: {title: T}\nnodez:\n  C1:\n    claim: x\n",
            "map.yaml:2:1: error: unknown key `nodez` in the file; did you mean `nodes`?",
        ),
        (
            "nodes:\n  C1:\n    claim: x\n    ignore: [AM001]\n",
            "map.yaml:4:13: error: `ignore` of node `C1` must map codes to reasons; "
            'write `ignore: {AM004: "why"}`',
        ),
        (
            "nodes:\n  C1: just text\n",
            "map.yaml:2:7: error: node `C1` must be a mapping; give it a kind key such as `claim:`",
        ),
    ],
    ids=lambda v: v.split(": error: ")[1][:40] if ": error: " in v else None,
)
def test_load_error(write_map: WriteMap, text: str, expected: str) -> None:
    assert errors_of(write_map, text) == [expected]


def test_yaml_syntax_error_has_its_line(write_map: WriteMap) -> None:
    [error] = errors_of(write_map, "nodes:\n  C1:\n    claim: x\n   bad: [unclosed\n")
    assert error.startswith("map.yaml:4:")
    assert "YAML syntax error" in error
    assert error.endswith("; fix the YAML syntax")


def test_yaml_syntax_error_on_line_one(write_map: WriteMap) -> None:
    [error] = errors_of(write_map, "nodes: [unclosed\n")
    assert error.startswith("map.yaml:2:1: error: YAML syntax error")


def test_non_utf8_file(write_map: WriteMap) -> None:
    folder = write_map("nodes:\n  C1:\n    claim: x\n")
    (folder / "map.yaml").write_bytes(b"nodes:\n  C1:\n    claim: caf\xe9\n")
    with pytest.raises(LoadError) as info:
        load(folder)
    [error] = info.value.errors
    assert (error.line, error.column) == (3, 15)
    assert str(error).endswith(
        "error: the file is not valid UTF-8 (byte 0xe9); re-save it as UTF-8; argmap does not "
        "guess other encodings"
    )


def test_duplicate_id_across_files(write_map: WriteMap) -> None:
    errors = errors_of(
        write_map,
        {
            "a.yaml": "nodes:\n  C1:\n    claim: x\n",
            "b.yaml": "nodes:\n  E1:\n    evidence: y\n  C1:\n    claim: z\n",
        },
    )
    assert len(errors) == 1
    assert errors[0].startswith("b.yaml:4:3: error: duplicate id `C1` (first at ")
    assert errors[0].endswith("a.yaml:2:3); rename one of them")


def test_missing_bibliography(write_map: WriteMap) -> None:
    [error] = errors_of(write_map, "map:\n  bibliography: nope.bib\nnodes: {}\n")
    assert error.startswith("map.yaml:2:17: error: bibliography `nope.bib` not found")
    assert error.endswith("fix the path; it is relative to the file holding the header")


def test_second_header(write_map: WriteMap) -> None:
    errors = errors_of(write_map, {"a.yaml": "map: {title: A}\n", "b.yaml": "map: {title: B}\n"})
    assert len(errors) == 1
    assert errors[0].startswith("b.yaml:1:1: error: a second `map:` header (first at ")


def test_every_error_of_a_map_is_reported_at_once(write_map: WriteMap) -> None:
    errors = errors_of(
        write_map,
        {
            "a.yaml": "nodes:\n  C1:\n    claim: x\n    because: E9\n    colour: red\n",
            "b.yaml": "nodes:\n  E1:\n    evidence: y\n    cites: [{key: k, pg: 1}]\n",
        },
    )
    assert [e.split(": error:")[0] for e in errors] == ["a.yaml:4:14", "a.yaml:5:5", "b.yaml:4:22"]


def test_aliases_are_refused(write_map: WriteMap) -> None:
    bomb = "nodes: {}\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    [error] = errors_of(write_map, bomb)
    assert "YAML aliases are not allowed in maps; write the value out" in error


def test_custom_tags_are_refused(write_map: WriteMap) -> None:
    [error] = errors_of(write_map, "nodes:\n  C1:\n    claim: !!python/object:os.system x\n")
    assert error.startswith("map.yaml:3:12: error: unsupported YAML tag")


def test_missing_path() -> None:
    with pytest.raises(LoadError) as info:
        load("no/such/place")
    assert str(info.value) == (
        "no/such/place:1:1: error: no such file or folder `no/such/place`; check the path"
    )


def test_folder_without_yaml(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"holds no map; give a map file or a folder holding one"):
        load(tmp_path)


def test_unmapped_header(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("map:\n  unmapped: {4: roadmap of the paper, 7: a quotation}\nnodes: {}\n")
    assert dict(m.unmapped) == {4: "roadmap of the paper", 7: "a quotation"}


def test_messages_stay_on_one_line(write_map: WriteMap) -> None:
    errors = errors_of(write_map, 'nodes:\n  C1:\n    claim: x\n    at: ["\\n", "a\\nb"]\n')
    assert errors == [
        "map.yaml:4:10: error: a paragraph in `at` must be a whole number from 1, got blank "
        "text; fix it",
        "map.yaml:4:16: error: a paragraph in `at` must be a whole number from 1, got `a b`; "
        "fix it",
    ]
