"""AM021 double-counted-premise: one node among the premises of several reasons of a node."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap import ArgumentMap, check, load

ROOT = Path(__file__).resolve().parents[2]

NODES = """\
  E1: {evidence: a}
  E2: {evidence: b}
  E3: {evidence: c}
  C1: {claim: d, because: E3}
  P1: {premise: e}
  P2: {premise: f}
  A1: {assumption: g}
"""


def found(load_map: Callable[..., ArgumentMap], because: str) -> list[tuple[str | None, str]]:
    m = load_map(f"nodes:\n  T1:\n    claim: t\n    because: {because}\n" + NODES)
    return [(d.node, d.message) for d in check(m, select=["AM021"])]


@pytest.mark.parametrize(
    ("because", "shared"),
    [
        ("[E1 + E2, E1 + E3]", ["E1"]),  # the same evidence in two linked reasons
        ("[C1 + E1, C1 + E2]", ["C1"]),  # the same claim
        ("[E1 + E2, E3, E1 + E3]", ["E1", "E3"]),  # one finding per shared node
        ("[E1, E1 + P1]", ["E1"]),  # the larger reason adds nothing
        ("[P1, P1 + E1]", ["P1"]),  # also when the shared node is a premise
        ("[E1 + P1, E1 + P1]", ["E1", "P1"]),  # a reason written twice
        ("[E1, E1]", ["E1"]),
    ],
)
def test_fires(load_map: Callable[..., ArgumentMap], because: str, shared: list[str]) -> None:
    assert [message.split("`")[3] for _, message in found(load_map, because)] == shared


@pytest.mark.parametrize(
    "because",
    [
        "[E1, E2, E3]",  # independent convergent reasons
        "E1 + E2 + E3",  # one linked reason
        "[E1 + P1, E2 + P1]",  # one theory applied to different facts
        "[E1 + A1, E2 + P2 + A1]",  # one assumption bridging different facts
        "[E3, C1]",  # shared further down (C1 rests on E3): not compared
        "E1 + E1",  # twice in one reason counts once
    ],
)
def test_does_not_fire(load_map: Callable[..., ArgumentMap], because: str) -> None:
    assert found(load_map, because) == []


def test_messages_and_position(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(
        "nodes:\n  T1:\n    claim: t\n    because:\n      - E1 + E2\n      - E3\n"
        "      - E1 + E3\n" + NODES
    )
    diagnostics = check(m, select=["AM021"])
    assert [(d.node, d.line, d.severity.value, d.name) for d in diagnostics] == [
        ("T1", 2, "warning", "double-counted-premise"),
        ("T1", 2, "warning", "double-counted-premise"),
    ]
    assert diagnostics[0].message == (
        "claim `T1` counts `E1` in reasons 1 and 3: the reasons are less independent than they "
        "look, as both fall with `E1`; write `E1` once, in a linked reason beside a claim that "
        "gathers what else the reasons say, or merge the reasons"
    )
    assert diagnostics[1].message == (
        "claim `T1` counts `E3` in reasons 2 and 3: reason 3 holds every premise of reason 2, "
        "so it stands only when reason 2 does and adds no support of its own; drop reason 3, or "
        "merge the two"
    )


def test_three_reasons(load_map: Callable[..., ArgumentMap]) -> None:
    [(_, message)] = found(load_map, "[E1 + E2, E1 + E3, E1 + C1]")
    assert message.startswith("claim `T1` counts `E1` in reasons 1, 2 and 3: ")
    assert "as all 3 fall with `E1`" in message


def test_suppression_silences_it(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map(
        "nodes:\n  T1:\n    claim: t\n    because: [E1 + E2, E1 + E3]\n"
        "    ignore: {AM021: both arguments of the article presuppose E1}\n" + NODES
    )
    assert {d.code for d in check(m)} & {"AM021", "AM013"} == set()


def test_the_articles_map() -> None:
    """T2's two reasons (paragraphs 16 and 21) both need the turn West itself."""
    article = load(ROOT / "arguments")
    assert [(d.node, d.message.split(":")[0]) for d in check(article, select=["AM021"])] == [
        ("T2", "claim `T2` counts `C-pivot` in reasons `necessity` and `efficiency`")
    ]
