"""``argmap sources`` and ``trace --source`` give exactly what they gave before issue 19.

Issue 19 replaced the per-source walks of :mod:`argmap.trace` (``_above``, ``_doubted``,
``_regained`` for every source) with work shared by all sources. The code it replaced is kept
below, copied as it was and renamed ``naive_...``, so that these tests compare against it and
not against anything the new code uses (only the result classes and ``graph.grounded`` are
shared). Compared in full: every ``weigh_sources`` row and every ``trace_up`` result (at
several depths), and their JSON, on the article's map, on the third-party corpora (as loaded,
and with citations attached to their nodes), and on 300 generated maps with cycles,
self-support, shared and repeated premises, unknown premise ids, citations of keys missing
from the bibliography, and sources cited by many nodes. ``falls`` is also checked against its
definition (the whole grounding recomputed without the source). No timing here: the
benchmark is ``benchmarks/bench_sources.py``.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path

import attrs
import pytest

from argmap import (
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Evidence,
    LoadError,
    Node,
    Objection,
    Premise,
    Reason,
    Source,
    load,
)
from argmap.graph import components, grounded
from argmap.render.tree import to_json
from argmap.trace import (
    Resting,
    SourceWeight,
    TraceCitation,
    UpTrace,
    trace_up,
    weigh_sources,
)

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS_FILES = sorted(
    [*CORPORA.glob("aif/**/*.json"), *CORPORA.glob("argdown/**/*.argdown")]
    if CORPORA.is_dir()
    else []
)
needs_corpora = pytest.mark.skipif(not CORPUS_FILES, reason=f"no corpora at {CORPORA}")


# --- the reference: argmap.trace as it was before issue 19 --------------------------------------

NAIVE_BASE_KINDS = (Evidence, Premise, Assumption)


def naive_trace_up(argument_map: ArgumentMap, key: str, depth: int | None = None) -> UpTrace:
    return naive_up(argument_map, key, naive_citing_index(argument_map).get(key, []), depth)


def naive_weigh_sources(argument_map: ArgumentMap) -> tuple[SourceWeight, ...]:
    return naive_weigh(argument_map)


def naive_trace_citations(
    argument_map: ArgumentMap, citations: Iterable[Citation]
) -> tuple[TraceCitation, ...]:
    return tuple(
        TraceCitation(c, argument_map.sources.get(c.key), c.key == argument_map.analysed)
        for c in citations
    )


def naive_up(
    argument_map: ArgumentMap, source_key: str, citing: Sequence[str], depth: int | None
) -> UpTrace:
    resting = naive_rest_paths(argument_map, source_key, citing)
    kept = [entry for entry in resting if depth is None or entry.level <= depth]
    withdrawn = naive_withdrawn(argument_map, source_key, citing)
    order = naive_file_order(argument_map)
    falls = naive_lost(argument_map, grounded(argument_map), withdrawn) - set(withdrawn)
    return UpTrace(
        key=source_key,
        source=argument_map.sources.get(source_key),
        analysed=source_key == argument_map.analysed,
        resting=tuple(kept),
        withdrawn=tuple(withdrawn),
        falls=tuple(sorted(falls, key=order.__getitem__)),
        beyond_depth=len(resting) - len(kept),
    )


def naive_rest_paths(argument_map: ArgumentMap, key: str, citing: Sequence[str]) -> list[Resting]:
    """Breadth-first from the citing nodes up along reasons, remembering the step below."""
    found: list[Resting] = []
    seen: set[str] = set()
    for node_id in citing:
        node = argument_map.node(node_id)
        own = naive_trace_citations(argument_map, [c for c in node.citations if c.key == key])
        found.append(Resting(node, 0, None, own, naive_supports(argument_map, node_id)))
        seen.add(node_id)
    position = 0
    while position < len(found):
        below = found[position]
        position += 1
        for conclusion in below.supports:
            if conclusion not in seen:
                seen.add(conclusion)
                above = argument_map.node(conclusion)
                supports = naive_supports(argument_map, conclusion)
                found.append(Resting(above, below.level + 1, below.id, supports=supports))
    return found


def naive_supports(argument_map: ArgumentMap, node_id: str) -> tuple[str, ...]:
    """The known nodes that ``node_id`` is a premise of, each once."""
    conclusions = (c for c, _ in argument_map.used_in(node_id) if c in argument_map)
    return tuple(dict.fromkeys(conclusions))


# --- weighing every source ---------------------------------------------------------------------


def naive_weigh(argument_map: ArgumentMap) -> tuple[SourceWeight, ...]:
    citing = naive_citing_index(argument_map)
    keys = list(dict.fromkeys([*argument_map.sources, *citing]))
    grounded_ids = frozenset(grounded(argument_map))
    order = naive_file_order(argument_map)
    rows = []
    for key in keys:
        citers = citing.get(key, [])
        withdrawn = naive_withdrawn(argument_map, key, citers)
        falls = naive_lost(argument_map, grounded_ids, withdrawn) - set(withdrawn)
        resting = naive_above(argument_map, citers)
        rows.append(
            SourceWeight(
                key=key,
                source=argument_map.sources.get(key),
                analysed=key == argument_map.analysed,
                citing=tuple(citers),
                withdrawn=tuple(withdrawn),
                resting=tuple(sorted(resting, key=order.__getitem__)),
                falls=tuple(sorted(falls, key=order.__getitem__)),
            )
        )
    return tuple(sorted(rows, key=naive_impact))


def naive_impact(row: SourceWeight) -> tuple[bool, int, int, int, str]:
    return (not row.cited, -len(row.falls), -len(row.resting), -len(row.citing), row.key)


def naive_citing_index(argument_map: ArgumentMap) -> dict[str, list[str]]:
    """Map each cited key to the nodes citing it, in file order, each node once."""
    index: dict[str, list[str]] = {}
    for node in argument_map.nodes:
        for key in dict.fromkeys(citation.key for citation in node.citations):
            index.setdefault(key, []).append(node.id)
    return index


def naive_withdrawn(argument_map: ArgumentMap, key: str, citing: Iterable[str]) -> list[str]:
    """The citing nodes grounded on their own whose citations all name ``key``."""
    found = []
    for node_id in citing:
        node = argument_map.node(node_id)
        if isinstance(node, NAIVE_BASE_KINDS) and all(c.key == key for c in node.citations):
            found.append(node_id)
    return found


def naive_above(argument_map: ArgumentMap, starts: Iterable[str]) -> set[str]:
    """The starts and every node reachable from them up along reasons."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        premise = queue.popleft()
        for conclusion, _ in argument_map.used_in(premise):
            if conclusion not in seen and conclusion in argument_map:
                seen.add(conclusion)
                queue.append(conclusion)
    return seen


def naive_file_order(argument_map: ArgumentMap) -> dict[str, int]:
    return {node_id: number for number, node_id in enumerate(argument_map.ids)}


# --- the incremental grounding -----------------------------------------------------------------


def naive_lost(
    argument_map: ArgumentMap, grounded_ids: AbstractSet[str], withdrawn: Collection[str]
) -> set[str]:
    """Return the grounded nodes that are no longer grounded once ``withdrawn`` are withdrawn.

    Equal to ``grounded_ids - grounded(argument_map, withdrawn=withdrawn)`` when
    ``grounded_ids`` is ``grounded(argument_map)``, in time proportional to the doubted part.
    """
    doubted = naive_doubted(argument_map, grounded_ids, frozenset(withdrawn))
    return doubted - naive_regained(argument_map, grounded_ids, doubted)


def naive_doubted(
    argument_map: ArgumentMap, grounded_ids: AbstractSet[str], withdrawn: AbstractSet[str]
) -> set[str]:
    """The grounded nodes whose grounding may depend on a withdrawn one.

    These are the withdrawn nodes grounded on their own, and every grounded node above them
    through reasons that is not grounded on its own. Every grounded node outside this set keeps
    a grounding made only of nodes outside it.
    """
    queue = deque(
        node_id
        for node_id in withdrawn
        if node_id in grounded_ids and isinstance(argument_map.get(node_id), NAIVE_BASE_KINDS)
    )
    doubted = set(queue)
    while queue:
        premise = queue.popleft()
        for conclusion, _ in argument_map.used_in(premise):
            if conclusion in doubted or conclusion not in grounded_ids:
                continue
            if conclusion not in withdrawn and isinstance(
                argument_map.get(conclusion), NAIVE_BASE_KINDS
            ):
                continue
            doubted.add(conclusion)
            queue.append(conclusion)
    return doubted


def naive_regained(
    argument_map: ArgumentMap, grounded_ids: AbstractSet[str], doubted: AbstractSet[str]
) -> set[str]:
    """The least fixpoint of support inside ``doubted``, the grounded nodes outside held fixed.

    A premise counts as missing when it is doubted (until regained) or was never grounded.
    """
    missing: dict[tuple[str, int], int] = {}
    regained: set[str] = set()
    queue: list[str] = []
    for node_id in doubted:
        for number, reason in enumerate(argument_map.node(node_id).reasons, start=1):
            left = sum(1 for p in reason.premises if p in doubted or p not in grounded_ids)
            missing[node_id, number] = left
            if left == 0 and node_id not in regained:
                regained.add(node_id)
                queue.append(node_id)
    while queue:
        premise = queue.pop()
        for conclusion, number in argument_map.used_in(premise):
            if conclusion not in doubted or conclusion in regained:
                continue
            missing[conclusion, number] -= 1
            if missing[conclusion, number] == 0:
                regained.add(conclusion)
                queue.append(conclusion)
    return regained


# --- generated maps ----------------------------------------------------------------------------

KINDS: tuple[type[Node], ...] = (
    Claim,
    Claim,
    Claim,
    Claim,
    Evidence,
    Evidence,
    Evidence,
    Premise,
    Assumption,
    Objection,
)


def messy_map(rng: random.Random) -> ArgumentMap:
    """A map with everything real maps have and tidy generated ones lack.

    Mostly downward reasons (a premise later in the file), with back edges making cycles of
    every length, self-support, premises shared between reasons and repeated inside one,
    premises that are not in the map, evidence and premises with reasons of their own,
    citations of keys the bibliography lacks, nodes citing one key twice or several keys, a
    few heavy sources cited by many nodes, claims citing sources, objections and undercuts.
    """
    size = rng.choice((rng.randint(1, 12), rng.randint(5, 40), rng.randint(5, 40), 120))
    names = [f"N{i}" for i in range(size)]
    keys = [f"k{i}" for i in range(rng.randint(1, max(2, size // 3)))]
    heavy = rng.sample(keys, max(1, len(keys) // 10))
    ghosts = ["ghost1", "ghost2"]

    def key() -> str:
        roll = rng.random()
        return rng.choice(ghosts if roll < 0.1 else heavy if roll < 0.5 else keys)

    def premise(at: int) -> str:
        roll = rng.random()
        if roll < 0.03:
            return "missing"
        if roll < 0.15 or at + 1 >= size:  # anywhere: a back edge closes a cycle
            return rng.choice(names)
        return names[rng.randint(at + 1, min(size - 1, at + rng.choice((1, 2, 3, 8, size))))]

    nodes: list[Node] = []
    for at, name in enumerate(names):
        kind = rng.choice(KINDS)
        base = kind in {Evidence, Premise, Assumption}
        count = rng.choice((0, 0, 0, 0, 1)) if base else rng.choice((0, 1, 1, 1, 2, 2, 3))
        reasons = []
        for _ in range(count):
            linked = rng.choice((1, 1, 1, 2, 2, 3))
            reasons.append(Reason(tuple(premise(at) for _ in range(linked))))
        if base or rng.random() < 0.05:
            cited = rng.choice((0, 1, 1, 1, 1, 1, 2, 2, 3))
            citations = [Citation(key()) for _ in range(cited)]
            if citations and rng.random() < 0.1:
                citations.append(Citation(citations[0].key))  # one key cited twice
        else:
            citations = []
        attacks: tuple[Attack, ...] = ()
        if kind is Objection or rng.random() < 0.05:
            target = rng.choice(names)
            attacks = (Attack(target, rng.choice((None, None, 1))),)
        nodes.append(
            kind(
                id=name,
                text="x",
                reasons=tuple(reasons),
                citations=tuple(citations),
                attacks=attacks,
                thesis=kind is Claim and rng.random() < 0.1,
            )
        )
    listed = [*rng.sample(keys, rng.randint(0, len(keys))), "uncited"]
    sources = {k: Source(key=k, entry_type="misc", fields={}) for k in listed}
    return ArgumentMap(nodes=tuple(nodes), sources=sources, analysed=rng.choice([None, *keys]))


def with_citations(argument_map: ArgumentMap, seed: int) -> ArgumentMap:
    """The same map with citations attached: most nodes cite one of a few keys, some two."""
    rng = random.Random(seed)
    keys = [f"s{i}" for i in range(max(1, len(argument_map) // 4))]
    nodes = []
    for node in argument_map.nodes:
        roll = rng.random()
        chosen = [] if roll < 0.2 else rng.sample(keys, min(len(keys), 1 if roll < 0.85 else 2))
        nodes.append(attrs.evolve(node, citations=tuple(Citation(k) for k in chosen)))
    sources = {k: Source(key=k, entry_type="misc", fields={}) for k in keys[1:]}
    return attrs.evolve(argument_map, nodes=tuple(nodes), sources=sources)


# --- the comparisons ---------------------------------------------------------------------------


def definition_falls(argument_map: ArgumentMap, key: str) -> set[str]:
    """What falls without a source, by the definition: the grounding recomputed without it."""
    withdrawn = {
        node.id
        for node in argument_map.nodes
        if isinstance(node, NAIVE_BASE_KINDS)
        and node.citations
        and all(c.key == key for c in node.citations)
    }
    return grounded(argument_map) - grounded(argument_map, withdrawn=withdrawn) - withdrawn


def assert_same_as_before(argument_map: ArgumentMap, *, depths: Sequence[int | None]) -> int:
    """Compare every row and every source's trace with the reference; return the rows."""
    rows = weigh_sources(argument_map)
    before = naive_weigh_sources(argument_map)
    assert rows == before
    assert to_json(rows) == to_json(before)
    for row in rows:
        assert set(row.falls) == definition_falls(argument_map, row.key), row.key
        for depth in depths:
            up = trace_up(argument_map, row.key, depth=depth)
            old = naive_trace_up(argument_map, row.key, depth)
            assert up == old, (row.key, depth)
            assert to_json(up) == to_json(old), (row.key, depth)
            assert up.falls == row.falls
    return len(rows)


def test_300_messy_maps_give_what_they_gave() -> None:
    rows = 0
    for seed in range(300):
        rows += assert_same_as_before(messy_map(random.Random(seed)), depths=(None, 0, 2))
    assert rows > 1000  # the maps do exercise the code


def test_the_messy_maps_have_what_they_are_meant_to() -> None:
    cycles = falls = ghosts = 0
    for seed in range(300):
        m = messy_map(random.Random(seed))
        order = {node_id: i for i, node_id in enumerate(m.ids)}
        premises = [(n.id, p) for n in m.nodes for r in n.reasons for p in r.premises]
        cycles += any(p in order and order[p] <= order[c] for c, p in premises)
        ghosts += any(c.key not in m.sources for n in m.nodes for c in n.citations)
        falls += any(row.falls for row in weigh_sources(m))
    assert min(cycles, falls, ghosts) >= 100


def test_the_article_gives_what_it_gave() -> None:
    article = load(ROOT / "arguments")
    assert assert_same_as_before(article, depths=(None, 0, 1)) == 4
    assert assert_same_as_before(with_citations(article, 1), depths=(None, 1)) > 10


@needs_corpora
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_the_corpora_give_what_they_gave(path: Path) -> None:
    try:
        argument_map = load(path)
    except LoadError:
        pytest.skip("argmap does not read this file (its own tests say why)")
    assert_same_as_before(argument_map, depths=(None,))
    assert_same_as_before(with_citations(argument_map, len(argument_map)), depths=(None, 1))


def test_components_come_premises_first() -> None:
    # 0 <- 1 <- 2 -> 3 -> 2 (2 and 3 support each other), 4 stands alone, 5 supports itself.
    below: list[list[int]] = [[], [0], [1, 3], [2], [], [5]]
    found = list(components(range(6), below))
    assert sorted(sorted(c) for c in found) == [[1], [2, 3], [5]]  # no premises: not listed
    place = {i: n for n, component in enumerate(found) for i in component}
    assert place[1] < place[2]
    assert list(components([2], below)) == [[1], [3, 2]]


def test_a_100k_chain_of_components_does_not_recurse() -> None:
    n = 100_000
    below = [*([i + 1] for i in range(n - 1)), []]
    found = list(components([0], below))
    assert found[0] == [n - 2]
    assert found[-1] == [0]
    assert len(found) == n - 1
