"""Assembly: the drafts of a map's files joined, every reference checked across files."""

from __future__ import annotations

import pytest

from argmap.errors import LoadError
from argmap.loading.assemble import assemble
from argmap.loading.drafts import FileDraft
from argmap.loading.read_yaml import read_yaml


def drafts(**files: str) -> list[FileDraft]:
    return [read_yaml(f"{name}.yaml", text.encode()) for name, text in files.items()]


def messages(exc: pytest.ExceptionInfo[LoadError]) -> list[str]:
    return [str(error) for error in exc.value.errors]


def test_references_across_files_resolve() -> None:
    argument_map = assemble(
        drafts(
            a="map: {title: T}\nnodes:\n  T1: {claim: c, thesis: true, because: E1}\n",
            b="nodes:\n  E1: {evidence: e}\n  O1: {objection: o, undercuts: T1/1}\n",
        )
    )
    assert argument_map.ids == ("T1", "E1", "O1")
    assert argument_map.files == ("a.yaml", "b.yaml")
    assert argument_map.title == "T"
    assert str(argument_map.position) == "a.yaml:1:1"


def test_an_unknown_premise_is_reported_at_its_column() -> None:
    with pytest.raises(LoadError) as exc:
        assemble(
            drafts(a="nodes:\n  T1: {claim: c, because: [E-one + E-twp]}\n  E-two: {evidence: e}\n")
        )
    assert messages(exc) == [
        "a.yaml:2:28: error: unknown id `E-one` in a reason of `T1`; did you mean `E-two`?",
        "a.yaml:2:36: error: unknown id `E-twp` in a reason of `T1`; did you mean `E-two`?",
    ]


def test_duplicate_ids_across_files() -> None:
    with pytest.raises(LoadError) as exc:
        assemble(drafts(a="nodes:\n  X: {claim: c}\n", b="nodes:\n  X: {claim: d}\n"))
    assert messages(exc) == [
        "b.yaml:2:3: error: duplicate id `X` (first at a.yaml:2:3); rename one of them"
    ]


def test_a_second_header_in_another_file() -> None:
    with pytest.raises(LoadError) as exc:
        assemble(drafts(a="map: {title: A}\nnodes: {}\n", b="map: {title: B}\nnodes: {}\n"))
    assert messages(exc) == [
        "b.yaml:1:1: error: a second `map:` header (first at a.yaml:1:1); keep one header per map"
    ]


def test_an_undercut_of_a_missing_reason() -> None:
    with pytest.raises(LoadError) as exc:
        assemble(
            drafts(
                a="nodes:\n  T1: {claim: c, because: E1}\n  E1: {evidence: e}\n"
                "  O1: {objection: o, undercuts: T1/2}\n"
            )
        )
    assert "bad reason reference `T1/2`: `T1` has 1 reason" in messages(exc)[0]


def test_one_mistake_is_one_error() -> None:
    """A node with two kinds is still known: references to it add no `unknown id` errors."""
    with pytest.raises(LoadError) as exc:
        assemble(
            drafts(
                a="nodes:\n  X: {claim: c, evidence: e}\n",
                b="map: {expect: {X: in}}\nnodes:\n  T1: {claim: t, because: X}\n"
                "  O1: {objection: o, attacks: X, undercuts: X/1}\n",
            )
        )
    assert len(exc.value.errors) == 1
    assert "has two kinds" in messages(exc)[0]


def test_an_unknown_id_in_expect() -> None:
    with pytest.raises(LoadError) as exc:
        assemble(drafts(a="map: {expect: {T2: in}}\nnodes:\n  T1: {claim: t}\n"))
    assert "unknown id `T2` in `expect`" in messages(exc)[0]


def test_errors_of_every_file_are_reported_together() -> None:
    with pytest.raises(LoadError) as exc:
        assemble(drafts(a="nodes:\n  X: {claim: c, bad: 1}\n", b="nodes: [\n"))
    assert [e.file for e in exc.value.errors] == ["a.yaml", "b.yaml"]
