"""The YAML reader: one file's bytes into a draft, every mistake located, nothing raised."""

from __future__ import annotations

import pytest

from argmap.loading.drafts import FileDraft
from argmap.loading.read_yaml import read_yaml
from argmap.model import Claim, Evidence, SourcePosition


def read(text: str, name: str = "m.yaml") -> FileDraft:
    return read_yaml(name, text.encode("utf-8"))


def test_a_file_becomes_nodes_and_header_with_positions() -> None:
    draft = read(
        "map:\n  title: T\n  bibliography: refs.bib\n"
        "nodes:\n  T1: {claim: c, thesis: true, because: [E1]}\n  E1: {evidence: e}\n"
    )
    assert draft.errors == ()
    assert [type(n) for n in draft.nodes] == [Claim, Evidence]
    assert draft.nodes[0].thesis
    assert draft.header is not None
    assert draft.header.title == "T"
    assert draft.header.bibliography == (("refs.bib", SourcePosition("m.yaml", 3, 17)),)
    assert draft.header.position == SourcePosition("m.yaml", 1, 1)
    assert draft.nodes[1].position == SourcePosition("m.yaml", 6, 3)


def test_references_are_not_checked_here() -> None:
    draft = read("nodes:\n  T1: {claim: c, because: [NOWHERE], attacks: GONE}\n")
    assert draft.errors == ()
    assert draft.nodes[0].reasons[0].premises == ("NOWHERE",)


def test_linked_premises_keep_their_columns() -> None:
    draft = read("nodes:\n  T1:\n    claim: c\n    because:\n      - A + B\n      - C\n")
    assert draft.columns == {(0, 0): (9, 13)}  # `C` starts where its reason does: not kept


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  X: {claim: a, evidence: b}\n", "has two kinds"),
        ("  X: {thesis: true}\n", "has no text"),
        ("  X: {claim: ''}\n", "is empty"),
        ("  X: [a list]\n", "must be a mapping"),
    ],
)
def test_a_broken_node_is_still_known_by_its_id(body: str, message: str) -> None:
    draft = read("nodes:\n" + body)
    assert [e.message for e in draft.errors if message in e.message]
    assert [node_id for node_id, _ in draft.broken] == ["X"]
    assert draft.nodes == ()


def test_a_good_node_is_not_broken() -> None:
    draft = read("nodes:\n  X: {claim: a}\n")
    assert draft.broken == ()


@pytest.mark.parametrize("number", ["9" * 5000, "²", "0", "1x", "x y"])
def test_bad_reason_numbers_are_one_located_error(number: str) -> None:
    draft = read(f"nodes:\n  O1: {{objection: o, undercuts: T1/{number}}}\n")
    assert len(draft.errors) == 1
    error = draft.errors[0]
    assert (error.line, error.column) == (2, 33)
    assert "bad reason reference" in error.message
    assert len(str(error)) < 300


def test_a_good_reason_number_is_read() -> None:
    draft = read("nodes:\n  O1: {objection: o, undercuts: T1/12}\n")
    assert draft.errors == ()
    assert draft.nodes[0].attacks[0].reason == 12


def test_bytes_that_are_not_utf8_are_an_error_not_an_exception() -> None:
    draft = read_yaml("m.yaml", b"nodes:\n  X: {claim: \xff}\n")
    assert [(e.line, e.column) for e in draft.errors] == [(2, 14)]
    assert "not valid UTF-8" in draft.errors[0].message


def test_a_nul_byte_is_placed_at_its_line_and_column_in_plain_words() -> None:
    draft = read('nodes:\n  T1: {claim: "a\0b"}\n')
    [error] = draft.errors
    assert (error.line, error.column) == (2, 17)
    assert error.message == "the character U+0000 (NUL) is not allowed in YAML"
    assert "position" not in str(error)
    assert "unicode string" not in str(error)


@pytest.mark.parametrize(
    ("text", "where", "tag"),
    [
        ("nodes:\n  T1: !custom {claim: a}\n", (2, 7), "!custom"),
        ("nodes: !!set {a, b}\n", (1, 8), "tag:yaml.org,2002:set"),
        ("nodes:\n  T1: {claim: a, because: !list [E1]}\n", (2, 27), "!list"),
        ("nodes:\n  T1: {claim: !!python/object:os.system x}\n", (2, 15), "!!python"),
    ],
)
def test_tags_on_mappings_and_lists_are_refused(
    text: str, where: tuple[int, int], tag: str
) -> None:
    draft = read(text)
    [error] = draft.errors
    assert (error.line, error.column) == where
    assert error.message.startswith("unsupported YAML tag")
    assert tag.removeprefix("!!") in error.message
    assert draft.nodes == ()


def test_standard_implicit_types_need_no_tag() -> None:
    assert read("nodes:\n  T1: {claim: a, at: [1, 2], thesis: yes}\n").errors == ()
