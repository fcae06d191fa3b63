"""Rules that walk the map by node number find what the walks over sets of ids find.

AM007 (evidence below a node) and AM009 (a thesis above it) mark nodes by number over the
map's integer index (:attr:`argmap.rules.Context.numbered`); a map made in code that gives an
id twice has no such numbering and is walked by id, as :mod:`argmap.graph` walks it. Random
maps, some repeating ids, are checked both ways.
"""

from __future__ import annotations

import random

import pytest

from argmap import check
from argmap.model import (
    ArgumentMap,
    Assumption,
    Attack,
    Claim,
    Evidence,
    Node,
    Objection,
    Premise,
    Reason,
)
from argmap.rules import Context

_TEXTS = (
    "Imports fell by 75% in a decade.",
    "Trade doubled, then halved.",
    "One in five soldiers left.",
    "Ties stayed close.",
    "The patron failed to deliver.",
    "$5 million went to training.",
)
_KINDS: tuple[type[Node], ...] = (Claim, Claim, Evidence, Premise, Assumption, Objection)


def _random_map(seed: int, *, repeat_ids: bool) -> ArgumentMap:
    rng = random.Random(seed)
    count = rng.randint(3, 14)
    pool = [f"N{i}" for i in range(count - 2 if repeat_ids else count)]
    ids = [pool[i % len(pool)] for i in range(count)]
    rng.shuffle(ids)
    nodes = []
    for node_id in ids:
        kind = rng.choice(_KINDS)
        reasons = tuple(
            Reason(tuple(rng.sample(pool, min(len(pool), rng.randint(1, 2)))))
            for _ in range(rng.randint(0, 2))
        )
        attacks = tuple(
            Attack(rng.choice(pool), rng.choice((None, 1, 2))) for _ in range(rng.randint(0, 1))
        )
        nodes.append(
            kind(
                id=node_id,
                text=rng.choice(_TEXTS),
                reasons=() if kind in {Evidence, Premise, Assumption} else reasons,
                attacks=attacks,
                thesis=kind is Claim and rng.random() < 0.3,
            )
        )
    return ArgumentMap(nodes=tuple(nodes))


def test_numbered_only_when_every_id_is_given_once() -> None:
    once = ArgumentMap(nodes=(Claim(id="T1", text="t", thesis=True), Evidence(id="E1", text="e")))
    twice = ArgumentMap(nodes=(Claim(id="T1", text="t", thesis=True), Evidence(id="T1", text="e")))
    assert Context(once).numbered is not None
    assert Context(twice).numbered is None


def test_a_repeated_id_is_judged_by_its_id() -> None:
    nodes = (
        Claim(id="T1", text="Imports fell by 75%.", thesis=True, reasons=(Reason(("E1",)),)),
        Evidence(id="E1", text="The figures show it."),
        Claim(id="C1", text="Costs rose by 20%."),
        Claim(id="C1", text="Costs rose by 30%.", attacks=(Attack("T1"),)),
    )
    found = [(d.code, d.node, d.message) for d in check(ArgumentMap(nodes=nodes))]
    figures = [message for code, _, message in found if code == "AM007"]
    assert len(figures) == 2  # both nodes named C1 state a figure with no evidence below
    assert ("AM009", "C1") not in [(code, node) for code, node, _ in found]  # C1 attacks T1


@pytest.mark.parametrize("repeat_ids", [False, True])
@pytest.mark.parametrize("seed", range(150))
def test_walks_by_number_and_by_id_agree(
    seed: int, *, repeat_ids: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    argument_map = _random_map(seed, repeat_ids=repeat_ids)
    by_number = check(argument_map, select=["AM007", "AM009"])
    monkeypatch.setattr(Context, "numbered", property(lambda _: None))
    assert check(argument_map, select=["AM007", "AM009"]) == by_number
