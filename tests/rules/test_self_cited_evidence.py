"""AM020 self-cited-evidence: evidence resting on the analysed text's word alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from argmap import ArgumentMap, check

BIB = """\
@article{article2025, title = {Armenia and Russia}, year = {2025}}
@misc{sipri2025, title = {Arms Transfers Database}, year = {2025}}
"""

HEADER = "map: {analysed: article2025}\n"


@pytest.mark.parametrize(
    ("cites", "fires"),
    [
        ("[{key: article2025, paragraph: 9}]", True),
        ("[{key: article2025, paragraph: 9}, {key: article2025, note: 2}]", True),
        ("[{key: sipri2025, table: 3}, {key: article2025, paragraph: 9}]", False),
        ("[{key: sipri2025, table: 3}]", False),
        ("[]", False),  # no citation at all is AM004's finding
    ],
)
def test_only_the_analysed_text(
    load_map: Callable[..., ArgumentMap], cites: str, fires: bool
) -> None:
    m = load_map(
        HEADER + f"nodes:\n  E1: {{evidence: Imports fell below 10%., cites: {cites}}}\n", BIB
    )
    assert [d.node for d in check(m, select=["AM020"])] == (["E1"] if fires else [])


def test_message_says_why_and_how_to_fix(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(
        HEADER
        + "nodes:\n  E1: {evidence: Imports fell., cites: [{key: article2025, paragraph: 9}]}\n",
        BIB,
    )
    [found] = check(m, select=["AM020"])
    assert (found.code, found.name, found.severity.value, found.node, found.line) == (
        "AM020",
        "self-cited-evidence",
        "warning",
        "E1",
        3,
    )
    assert found.message == (
        "evidence `E1` cites only the analysed text `article2025`: the author saying so is no "
        "independent evidence; cite the source the author relies on, or, if there is none, make "
        "the node a `claim:` of the author's"
    )


def test_silent_without_an_analysed_text_and_on_other_kinds(
    load_map: Callable[..., ArgumentMap],
) -> None:
    without = load_map(
        "nodes:\n  E1: {evidence: Imports fell., cites: [{key: article2025, page: 1}]}\n", BIB
    )
    assert check(without, select=["AM020"]) == []
    premise = load_map(
        HEADER + "nodes:\n  P1: {premise: Small states.., cites: [{key: article2025, note: 1}]}\n",
        BIB,
    )
    assert check(premise, select=["AM020"]) == []


def test_suppression_silences_it(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(
        HEADER
        + """\
nodes:
  E1:
    evidence: Imports fell below 10%.
    cites: [{key: article2025, paragraph: 9}]
    ignore: {AM020: no source behind the article's figure can be found}
""",
        BIB,
    )
    assert {d.code for d in check(m)} & {"AM020", "AM013"} == set()
