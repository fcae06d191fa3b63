"""Context sorts out in one pass the nodes several rules visit, each list in file order."""

from __future__ import annotations

from argmap.model import (
    ArgumentMap,
    Assumption,
    Citation,
    Claim,
    Evidence,
    Locator,
    LocatorLabel,
    Objection,
    Premise,
    Suppression,
)
from argmap.rules import Context

_PAGE = Locator(LocatorLabel.PAGE, "4")


def _map() -> ArgumentMap:
    return ArgumentMap(
        nodes=(
            Evidence(id="E2", text="e", citations=(Citation("k1", _PAGE), Citation("k2"))),
            Claim(id="T1", text="t", thesis=True, ignore=(Suppression("AM001", "why"),)),
            Premise(id="P1", text="p", citations=(Citation("k3"),)),
            Assumption(id="A1", text="a"),
            Evidence(id="E1", text="e"),
            Claim(id="C1", text="c"),
            Objection(id="O1", text="o", ignore=(Suppression("AM008", "why"),)),
        ),
        analysed="text2025",
    )


def test_the_census_lists_each_kind_in_file_order() -> None:
    census = Context(_map()).census
    assert [node.id for node in census.claims] == ["T1", "C1"]
    assert [node.id for node in census.evidence] == ["E2", "E1"]
    assert census.evidence_numbers == [0, 4]
    assert [node.id for node in census.premises] == ["P1"]
    assert [node.id for node in census.suppressing] == ["T1", "O1"]


def test_cited_keys_and_citations_without_a_locator_come_from_one_pass() -> None:
    context = Context(_map())
    assert context.cited_keys == {"k1", "k2", "k3", "text2025"}
    assert [(node.id, citation.key) for node, citation in context.unlocated] == [
        ("E2", "k2"),
        ("P1", "k3"),
    ]


def test_an_empty_map_has_an_empty_census() -> None:
    context = Context(ArgumentMap(nodes=()))
    assert context.census == ([], [], [], [], [])
    assert context.cited_keys == set()
    assert context.unlocated == []
