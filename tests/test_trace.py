"""Tracing down to sources, up from them, and weighing every source (issue 6)."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Evidence,
    Node,
    Objection,
    Premise,
    Reason,
    Source,
    load,
)
from argmap.graph import grounded, supported_by
from argmap.render.tree import sources_to_text, to_data, to_json, trace_to_text, up_to_text
from argmap.trace import (
    TraceError,
    TraceNode,
    trace_down,
    trace_up,
    weigh_sources,
)
from argmap.trace import _lost as lost

ROOT = Path(__file__).resolve().parents[1]
LoadMap = Callable[..., ArgumentMap]
WriteMap = Callable[..., Path]

BIB = """\
@book{walt1987,
  author = {Walt, Stephen M.},
  title = {The Origins of Alliances},
  publisher = {Cornell University Press},
  year = {1987},
}
@article{smith2020,
  author = {Smith, Jane and Jones, Ann},
  title = {Treaties Unkept},
  journal = {Security Studies},
  year = {2020},
}
@misc{text2025,
  title = {The analysed article},
  year = {2025},
}
@book{unused2001,
  author = {Nobody, A.},
  title = {Never Cited},
  year = {2001},
}
"""

SMALL = """\
map:
  analysed: text2025
nodes:
  T1:
    claim: Armenia is turning away from Russia.
    thesis: true
    at: [1]
    because:
      - C1 + P1
      - E2
  C1:
    claim: Russia failed to protect Armenia.
    at: [2, 3]
    because: E1
  E1:
    evidence: Russia did not act in 2021.
    cites: [{key: smith2020, page: 4}]
  P1:
    premise: Small states align with whoever protects them.
    cites: [{key: walt1987, chapter: 2}, {key: text2025, note: 1}]
  E2:
    evidence: Armenia bought arms from France.
    cites: [{key: text2025, paragraph: 5}]
  O1:
    objection: Armenia still attends Russian parades.
    attacks: T1
  C9:
    claim: Attending a parade is protocol, not policy.
    attacks: O1
    because: E1
  O2:
    objection: France delivers little.
    undercuts: T1/2
"""

SMALL_BOX = """\
thesis T1: Armenia is turning away from Russia. (¶ 1)
├─ because (reason 1, linked):
│  ├─ claim C1: Russia failed to protect Armenia. (¶ 2, 3)
│  │  └─ because evidence E1: Russia did not act in 2021.
│  │     └─ cites smith2020 (Smith and Jones 2020, Treaties Unkept), p. 4
│  └─ premise P1: Small states align with whoever protects them.
│     ├─ cites walt1987 (Walt 1987, The Origins of Alliances), chap. 2
│     └─ cites footnote 1 of the analysed text (text2025)
├─ because (reason 2) evidence E2: Armenia bought arms from France.
│  └─ cites the analysed text (text2025), para. 5
├─ ⚔ objection O2 (undercuts reason 2): France delivers little. (unanswered)
└─ ⚔ objection O1: Armenia still attends Russian parades.
   └─ answered by claim C9: Attending a parade is protocol, not policy.
      └─ because evidence E1: Russia did not act in 2021.
         └─ cites smith2020 (Smith and Jones 2020, Treaties Unkept), p. 4
"""

SMALL_ASCII = """\
thesis T1: Armenia is turning away from Russia. (para. 1)
|- because (reason 1, linked):
|  |- claim C1: Russia failed to protect Armenia. (para. 2, 3)
|  |  `- because evidence E1: Russia did not act in 2021.
|  |     `- cites smith2020 (Smith and Jones 2020, Treaties Unkept), p. 4
|  `- premise P1: Small states align with whoever protects them.
|     |- cites walt1987 (Walt 1987, The Origins of Alliances), chap. 2
|     `- cites footnote 1 of the analysed text (text2025)
|- because (reason 2) evidence E2: Armenia bought arms from France.
|  `- cites the analysed text (text2025), para. 5
|- objection O2 (undercuts reason 2): France delivers little. (unanswered)
`- objection O1: Armenia still attends Russian parades.
   `- answered by claim C9: Attending a parade is protocol, not policy.
      `- because evidence E1: Russia did not act in 2021.
         `- cites smith2020 (Smith and Jones 2020, Treaties Unkept), p. 4
"""


@pytest.fixture
def small(load_map: LoadMap) -> ArgumentMap:
    return load_map(SMALL, BIB)


@pytest.fixture(scope="module")
def article() -> ArgumentMap:
    return load(ROOT / "arguments")


def ids(trace: TraceNode) -> list[str]:
    return [occurrence.id for occurrence in trace.walk()]


def naive_falls(argument_map: ArgumentMap, key: str) -> set[str]:
    """What falls without a source, by recomputing the whole grounding (the definition)."""
    withdrawn = {
        node.id
        for node in argument_map.nodes
        if isinstance(node, Evidence | Premise | Assumption)
        and node.citations
        and all(c.key == key for c in node.citations)
    }
    before = grounded(argument_map)
    return before - grounded(argument_map, withdrawn=withdrawn) - withdrawn


# --- trace down ------------------------------------------------------------------------------


def test_the_text_of_a_small_tree(small: ArgumentMap) -> None:
    trace = trace_down(small, "T1")
    assert trace_to_text(trace) == SMALL_BOX
    assert trace_to_text(trace, ascii=True) == SMALL_ASCII
    assert trace_to_text(trace, ascii=True).isascii()


def test_colour_only_when_asked(small: ArgumentMap) -> None:
    trace = trace_down(small, "T1")
    assert "\033[" not in trace_to_text(trace)
    coloured = trace_to_text(trace, colour=True)
    assert "\033[31m⚔ \033[0m" in coloured
    assert "\033[1mT1\033[0m" in coloured


def test_linked_premises_are_grouped_and_convergent_reasons_apart(small: ArgumentMap) -> None:
    trace = trace_down(small, "T1")
    first, second = trace.reasons
    assert first.linked
    assert [p.id for p in first.premises] == ["C1", "P1"]
    assert not second.linked
    assert [p.id for p in second.premises] == ["E2"]
    assert [u.id for u in second.undercutters] == ["O2"]
    [objection] = trace.attackers
    assert objection.id == "O1"
    assert [answer.id for answer in objection.attackers] == ["C9"]


def test_citations_carry_their_sources(small: ArgumentMap) -> None:
    trace = trace_down(small, "T1")
    p1 = trace.reasons[0].premises[1]
    walt, note = p1.citations
    assert walt.source is not None
    assert walt.source.key == "walt1987"
    assert str(walt.citation.locator) == "chap. 2"
    assert not walt.analysed
    assert note.analysed
    assert note.footnote == "1"


def test_a_cycle_is_shown_once_and_marked() -> None:
    m = ArgumentMap(
        nodes=(
            Claim(id="C1", text="one", reasons=(Reason(("C2",)),)),
            Claim(id="C2", text="two", reasons=(Reason(("C3",)), Reason(("E1",)))),
            Claim(id="C3", text="three", reasons=(Reason(("C1",)),)),
            Evidence(id="E1", text="fact"),
        )
    )
    trace = trace_down(m, "C1")
    assert ids(trace) == ["C1", "C2", "C3", "C1", "E1"]
    back = trace.reasons[0].premises[0].reasons[0].premises[0].reasons[0].premises[0]
    assert back.cycle
    assert back.reasons == ()
    text = trace_to_text(trace)
    assert "because ↻ cycle back to claim C1" in text
    assert "because cycle back to claim C1" in trace_to_text(trace, ascii=True)
    assert to_data(trace)["cycles"] == [{"from": "C3", "to": "C1"}]


def test_self_support_is_a_cycle() -> None:
    m = ArgumentMap(nodes=(Claim(id="C1", text="c", reasons=(Reason(("C1",)),)),))
    trace = trace_down(m, "C1")
    assert trace.reasons[0].premises[0].cycle


def test_a_shared_subtree_is_expanded_once() -> None:
    m = ArgumentMap(
        nodes=(
            Claim(id="T1", text="t", thesis=True, reasons=(Reason(("C1", "C2")),)),
            Claim(id="C1", text="c1", reasons=(Reason(("C3",)),)),
            Claim(id="C2", text="c2", reasons=(Reason(("C3",)),)),
            Claim(id="C3", text="shared", reasons=(Reason(("E1",)),)),
            Evidence(id="E1", text="e", citations=(Citation("k"),)),
        )
    )
    trace = trace_down(m, "T1")
    assert ids(trace) == ["T1", "C1", "C3", "E1", "C2", "C3"]
    first = trace.reasons[0].premises[0].reasons[0].premises[0]
    again = trace.reasons[0].premises[1].reasons[0].premises[0]
    assert not first.repeated
    assert again.repeated
    assert again.reasons == ()
    assert again.citations == ()
    assert "claim C3: shared (shown above)" in trace_to_text(trace)
    nodes = to_data(trace)["nodes"]
    assert isinstance(nodes, list)
    assert [node["id"] for node in nodes] == ["T1", "C1", "C3", "E1", "C2"]


def test_a_diamond_of_depth_40_stays_linear() -> None:
    # C(i) rests on C(i+1) + D(i+1), and D(i+1) on C(i+1): 2**40 paths, each node expanded once.
    nodes: list[Node] = [
        Claim(id=f"C{i}", text="c", reasons=(Reason((f"C{i + 1}", f"D{i + 1}")),))
        for i in range(40)
    ]
    nodes += [Claim(id=f"D{i}", text="d", reasons=(Reason((f"C{i}",)),)) for i in range(1, 41)]
    nodes.append(Evidence(id="C40", text="e"))
    trace = trace_down(ArgumentMap(nodes=tuple(nodes)), "C0")
    assert len(ids(trace)) == 2 * 40 + 40 + 1
    assert sum(o.repeated for o in trace.walk()) == 39


def test_leaves_are_shown_in_full_each_time(small: ArgumentMap) -> None:
    trace = trace_down(small, "T1")
    e1 = [o for o in trace.walk() if o.id == "E1"]
    assert len(e1) == 2
    assert all(o.citations and not o.repeated for o in e1)


def test_depth_cuts_the_tree(small: ArgumentMap) -> None:
    trace = trace_down(small, "T1", depth=1)
    c1 = trace.reasons[0].premises[0]
    assert c1.truncated
    assert c1.reasons == ()
    assert "claim C1: Russia failed to protect Armenia. (¶ 2, 3) (more below, not shown)" in (
        trace_to_text(trace)
    )
    p1 = trace.reasons[0].premises[1]
    assert not p1.truncated
    assert len(p1.citations) == 2
    assert ids(trace_down(small, "T1", depth=0)) == ["T1"]
    with pytest.raises(ValueError, match="depth"):
        trace_down(small, "T1", depth=-1)


def test_a_node_cut_by_depth_is_expanded_where_it_is_higher() -> None:
    m = ArgumentMap(
        nodes=(
            Claim(id="T1", text="t", reasons=(Reason(("C1",)), Reason(("C2",)))),
            Claim(id="C1", text="c", reasons=(Reason(("C2",)),)),
            Claim(id="C2", text="c", reasons=(Reason(("E1",)),)),
            Evidence(id="E1", text="e"),
        )
    )
    trace = trace_down(m, "T1", depth=2)
    assert trace.reasons[0].premises[0].reasons[0].premises[0].truncated
    assert [p.id for p in trace.reasons[1].premises[0].reasons[0].premises] == ["E1"]
    nodes = to_data(trace)["nodes"]
    assert isinstance(nodes, list)
    c2 = next(node for node in nodes if node["id"] == "C2")
    assert not c2["truncated"]
    assert c2["level"] == 1


def test_a_100k_chain_traces_without_recursion() -> None:
    n = 100_000
    nodes: list[Node] = [
        Claim(id=f"C{i}", text="c", reasons=(Reason((f"C{i + 1}",)),)) for i in range(n - 1)
    ]
    nodes.append(Evidence(id=f"C{n - 1}", text="e", citations=(Citation("k"),)))
    m = ArgumentMap(
        nodes=tuple(nodes), sources={"k": Source(key="k", entry_type="misc", fields={})}
    )
    trace = trace_down(m, "C0")
    assert sum(1 for _ in trace.walk()) == n
    data = to_data(trace)
    assert isinstance(data["nodes"], list)
    assert len(data["nodes"]) == n
    short = trace_down(m, f"C{n - 5000}")  # JSON is flat: no nesting for json to recurse into
    assert len(json.loads(to_json(short))["nodes"]) == 5000
    assert trace_to_text(trace_down(m, "C0", depth=3)).count("\n") == 4
    up = trace_up(m, "k")
    assert len(up.resting) == n
    assert up.falls[0] == "C0"
    assert len(up.falls) == n - 1
    assert up.path("C0")[0] == f"C{n - 1}"
    assert len(up.path("C0")) == n
    assert up_to_text(trace_up(m, "k", depth=2)).count("─") == 3


def test_unknown_ids_are_nodes_without_a_map_node() -> None:
    m = ArgumentMap(nodes=(Claim(id="C1", text="c", reasons=(Reason(("X9",)),)),))
    trace = trace_down(m, "C1")
    missing = trace.reasons[0].premises[0]
    assert missing.node is None
    assert missing.kind is None
    assert "X9 (not in the map)" in trace_to_text(trace)
    assert to_data(trace)["missing"] == ["X9"]


def test_unknown_node_suggests_the_nearest(small: ArgumentMap) -> None:
    with pytest.raises(TraceError) as caught:
        trace_down(small, "T2")
    assert isinstance(caught.value, KeyError)
    assert str(caught.value) == "unknown node `T2`; did you mean `T1`, `O2` or `E2`?"
    assert caught.value.suggestions == ("T1", "O2", "E2")
    with pytest.raises(KeyError, match="see the map's nodes"):
        trace_down(small, "Zebra")


# --- trace up and the impact of a source -----------------------------------------------------


def test_linked_premise_withdrawn_drops_the_reason(load_map: LoadMap) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: E1 + E2}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: smith2020, page: 2}]}
        """,
        BIB,
    )
    up = trace_up(m, "walt1987")
    assert up.withdrawn == ("E1",)
    assert up.falls == ("T1",)
    assert [entry.id for entry in up.resting] == ["E1", "T1"]
    assert up.path("T1") == ("E1", "T1")


def test_convergent_premise_withdrawn_keeps_the_claim(load_map: LoadMap) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: [E1, E2]}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: smith2020, page: 2}]}
        """,
        BIB,
    )
    up = trace_up(m, "walt1987")
    assert up.withdrawn == ("E1",)
    assert up.falls == ()
    assert "nothing else loses all grounding" in up_to_text(up)


def test_a_node_citing_another_source_too_stays_grounded(load_map: LoadMap) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1:
            evidence: e1
            cites: [{key: walt1987, page: 1}, {key: smith2020, page: 2}]
        """,
        BIB,
    )
    up = trace_up(m, "walt1987")
    assert up.withdrawn == ()
    assert up.falls == ()
    assert [entry.id for entry in up.citing] == ["E1"]
    assert "no evidence, premise or assumption cites it alone" in up_to_text(up)


def test_a_cycle_cannot_hold_itself_up(load_map: LoadMap) -> None:
    # A rests on E1 and on B; B rests on A only. Without E1 both fall: counting A's remaining
    # reasons (B) would wrongly keep them.
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: A}
          A: {claim: a, because: [E1, B]}
          B: {claim: b, because: A}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
        """,
        BIB,
    )
    assert set(trace_up(m, "walt1987").falls) == {"T1", "A", "B"}
    assert set(trace_up(m, "walt1987").falls) == naive_falls(m, "walt1987")


def test_a_reason_grounded_later_still_holds(load_map: LoadMap) -> None:
    # V is grounded through E1 before C is (C comes up a longer chain from E2); without E1,
    # V keeps its other reason. Taking the nodes in the order they became grounded, and only
    # the premises grounded before them, would wrongly drop V.
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: V}
          V: {claim: v, because: [E1, C]}
          C: {claim: c, because: D}
          D: {claim: d, because: F}
          F: {claim: f, because: E2}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: smith2020, page: 2}]}
        """,
        BIB,
    )
    rows = {row.key: row for row in weigh_sources(m)}
    assert rows["walt1987"].falls == ()
    assert rows["smith2020"].falls == ("C", "D", "F")
    for key, row in rows.items():
        assert set(row.falls) == naive_falls(m, key)
        assert trace_up(m, key).falls == row.falls


def test_withdrawn_evidence_with_a_reason_of_its_own_keeps_what_rests_on_it(
    load_map: LoadMap,
) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e1, because: E2, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: smith2020, page: 2}]}
        """,
        BIB,
    )
    [walt] = [row for row in weigh_sources(m) if row.key == "walt1987"]
    assert (walt.withdrawn, walt.falls) == (("E1",), ())
    [smith] = [row for row in weigh_sources(m) if row.key == "smith2020"]
    assert (smith.withdrawn, smith.falls) == (("E2",), ())  # E1 still cites walt1987


def test_a_linked_reason_needs_every_source_and_a_cycle_its_way_in(load_map: LoadMap) -> None:
    # A needs B and E1 together; B rests on A or on E2. Without E1 only A (and T1) fall, B
    # keeps E2; without E2, B cannot hold itself up through A, which needs B.
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: A}
          A: {claim: a, because: B + E1}
          B: {claim: b, because: [A, E2]}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: smith2020, page: 2}]}
        """,
        BIB,
    )
    rows = {row.key: row for row in weigh_sources(m)}
    assert rows["walt1987"].falls == ("T1", "A")
    assert rows["smith2020"].falls == ("T1", "A", "B")
    assert rows["smith2020"].resting == ("T1", "A", "B", "E2")
    for key, row in rows.items():
        assert set(row.falls) == naive_falls(m, key)
        assert trace_up(m, key).falls == row.falls


def test_the_up_text_of_a_small_map(small: ArgumentMap) -> None:
    text = up_to_text(trace_up(small, "smith2020"))
    assert text == (
        "source smith2020: Smith and Jones 2020, Treaties Unkept\n"
        "  Smith, Jane, and Ann Jones. 2020. Treaties Unkept. Security Studies.\n"
        "smith2020\n"
        "└─ evidence E1 [p. 4]: Russia did not act in 2021.\n"
        "   ├─ claim C1: Russia failed to protect Armenia. (¶ 2, 3)\n"
        "   │  └─ thesis T1: Armenia is turning away from Russia. (¶ 1)\n"
        "   └─ claim C9: Attending a parade is protocol, not policy.\n"
        "\n"
        "1 node cites smith2020; 4 nodes rest on it in all.\n"
        "Without smith2020:\n"
        "  citing no other source, no longer grounded on their own: evidence E1\n"
        "  losing all grounding: claim C1, claim C9\n"
    )


def test_a_node_on_two_paths_is_shown_once_and_referred_to(load_map: LoadMap) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: E1 + E2}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: walt1987, page: 2}]}
        """,
        BIB,
    )
    text = up_to_text(trace_up(m, "walt1987"), ascii=True)
    assert "|- evidence E1 [p. 1]: e1\n|  `- thesis T1: t\n" in text
    assert "`- evidence E2 [p. 2]: e2\n   `- thesis T1 (shown above, under E1)\n" in text


def test_up_depth_keeps_the_impact_whole(small: ArgumentMap) -> None:
    up = trace_up(small, "smith2020", depth=1)
    assert [entry.id for entry in up.resting] == ["E1", "C1", "C9"]
    assert up.beyond_depth == 1
    assert up.falls == ("C1", "C9")
    assert "(more above, not shown)" in up_to_text(up)


def test_a_key_only_citations_use(load_map: LoadMap) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: E1}
          E1: {evidence: e1, cites: [{key: ghost2020, page: 1}]}
        """,
        BIB,
    )
    up = trace_up(m, "ghost2020")
    assert up.source is None
    assert up.falls == ("T1",)
    assert "not in the bibliography" in up_to_text(up)
    row = next(row for row in weigh_sources(m) if row.key == "ghost2020")
    assert row.source is None
    assert "(not in the bibliography)" in sources_to_text([row])


def test_unknown_source_suggests_the_nearest(small: ArgumentMap) -> None:
    with pytest.raises(TraceError) as caught:
        trace_up(small, "Walt1978")
    assert str(caught.value).startswith("unknown source `Walt1978`")
    assert "did you mean `walt1987`" in str(caught.value)


def test_a_claim_citing_only_the_source_is_not_withdrawn(load_map: LoadMap) -> None:
    # Only evidence, premises and assumptions are grounded by their sources (AM002).
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: E1, cites: [{key: walt1987, page: 1}]}
          E1: {evidence: e1, cites: [{key: smith2020, page: 2}]}
        """,
        BIB,
    )
    up = trace_up(m, "walt1987")
    assert [entry.id for entry in up.citing] == ["T1"]
    assert (up.withdrawn, up.falls) == ((), ())


def test_an_uncited_bibliography_entry_traces_to_nothing(small: ArgumentMap) -> None:
    up = trace_up(small, "unused2001")
    assert up.resting == ()
    assert "Nothing cites unused2001." in up_to_text(up)


# --- weighing the sources ----------------------------------------------------------------------


def test_sources_sorted_by_impact_uncited_last(small: ArgumentMap) -> None:
    rows = weigh_sources(small)
    assert [row.key for row in rows] == ["smith2020", "text2025", "walt1987", "unused2001"]
    smith = rows[0]
    assert smith.citing == ("E1",)
    assert smith.withdrawn == ("E1",)
    assert smith.resting == ("T1", "C1", "E1", "C9")
    assert smith.falls == ("C1", "C9")
    assert not rows[-1].cited
    text = sources_to_text(rows, theses=["T1"])
    assert text.splitlines()[:3] == [
        "source      citing  resting  falls  entry",
        "smith2020        1        4      2  Smith and Jones 2020, Treaties Unkept",
        "text2025         2        3      0  the analysed text",
    ]
    assert "not cited by any node (1):\n  unused2001  Nobody 2001, Never Cited\n" in text


def test_sources_json_shape(small: ArgumentMap) -> None:
    data = json.loads(to_json(weigh_sources(small)))
    assert data["type"] == "sources"
    first = data["sources"][0]
    assert set(first) == {
        "key",
        "source",
        "analysed_text",
        "cited",
        "citing",
        "withdrawn",
        "resting",
        "falls",
    }
    assert first["source"]["authors"] == ["Smith", "Jones"]
    assert first["source"]["title"] == "Treaties Unkept"
    assert first["source"]["year"] == "2020"


def test_weights_equal_the_naive_recomputation_on_random_maps() -> None:
    for seed in range(300):
        m = random_map(random.Random(seed))
        for row in weigh_sources(m):
            assert set(row.falls) == naive_falls(m, row.key), (seed, row.key)
            citers = [n.id for n in m.nodes if any(c.key == row.key for c in n.citations)]
            assert set(row.resting) == supported_by(m, citers), (seed, row.key)
            if row.cited:
                assert set(trace_up(m, row.key).falls) == set(row.falls)


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False), st.data())
def test_lost_equals_grounded_with_withdrawn(rng: random.Random, data: st.DataObject) -> None:
    m = random_map(rng)
    withdrawn = data.draw(st.sets(st.sampled_from(m.ids)))
    before = grounded(m)
    assert lost(m, before, withdrawn) == before - grounded(m, withdrawn=withdrawn)


KINDS: tuple[type[Node], ...] = (Claim, Claim, Claim, Evidence, Premise, Assumption, Objection)


def random_map(rng: random.Random) -> ArgumentMap:
    """A small map with linked and convergent reasons, cycles, repeats, shared citations."""
    size = rng.randint(1, 14)
    names = [f"N{i}" for i in range(size)]
    keys = ["a", "b", "c"]
    nodes = []
    for name in names:
        kind = rng.choice(KINDS)
        reasons = tuple(
            Reason(tuple(rng.choice(names) for _ in range(rng.randint(1, 3))))
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))
        )
        citations = tuple(Citation(rng.choice(keys)) for _ in range(rng.choice((0, 1, 1, 2))))
        attacks = (Attack(rng.choice(names)),) if kind is Objection else ()
        nodes.append(kind(id=name, text="x", reasons=reasons, citations=citations, attacks=attacks))
    sources = {key: Source(key=key, entry_type="misc", fields={}) for key in keys[:2]}
    return ArgumentMap(nodes=tuple(nodes), sources=sources)


# --- the article's map -----------------------------------------------------------------------


def test_the_thesis_traces_down_to_the_theory(article: ArgumentMap) -> None:
    trace = trace_down(article, "T1")
    keys = {c.key for occurrence in trace.walk() for c in occurrence.citations}
    assert {"waltz1979", "walt1987", "morgenthau1985"} <= keys
    text = trace_to_text(trace)
    assert "cites waltz1979 (Waltz 1979, Theory of International Politics), chap. 6" in text
    assert "cites walt1987 (Walt 1987, The Origins of Alliances), chap. 2" in text
    assert "cites morgenthau1985 (Morgenthau 1985, Politics Among Nations" in text
    assert "cites footnote 4 of the analysed text (article2025)" in text
    assert "because (linked):" in text
    assert "⚔ objection O-domestic (undercuts reason 1)" in text


def test_the_article_footnotes_show_as_such(article: ArgumentMap) -> None:
    trace = trace_down(article, "T2")
    [note] = trace.citations
    assert note.analysed
    assert note.footnote == "3"
    assert note.source is not None
    text = trace_to_text(trace)
    assert text.splitlines()[1].endswith("cites footnote 3 of the analysed text (article2025)")
    assert "cites the analysed text (article2025), para. 16" in text  # P-dependence
    data = to_data(trace)
    assert data["nodes"][0]["citations"][0]["footnote"] == "3"  # type: ignore[index]


def test_the_article_sources(article: ArgumentMap) -> None:
    rows = weigh_sources(article)
    assert rows[0].key == "article2025"
    by_key = {row.key: row for row in rows}
    assert {"waltz1979", "walt1987", "morgenthau1985"} <= set(by_key)
    assert all(row.cited for row in rows)
    for row in rows:
        assert set(row.falls) == naive_falls(article, row.key)
    assert {"T2", "T4"} <= set(by_key["article2025"].falls)
    up = trace_up(article, "walt1987")
    assert up.path("T1") == ("P-alignment", "C-need-diversify", "T1")


def test_the_article_json_is_deterministic(article: ArgumentMap) -> None:
    trace = trace_down(article, "T1")
    text = to_json(trace)
    assert text == to_json(trace_down(article, "T1"))
    data = json.loads(text)
    assert data["type"] == "trace-down"
    assert data["root"] == "T1"
    listed = {node["id"] for node in data["nodes"]}
    for node in data["nodes"]:
        for reason in node["reasons"]:
            assert set(reason["premises"]) | set(reason["undercut_by"]) <= listed
        assert set(node["attacked_by"]) <= listed
    assert set(data["sources"]) == {"waltz1979", "walt1987", "morgenthau1985", "article2025"}
    up = json.loads(to_json(trace_up(article, "article2025")))
    assert up["type"] == "trace-up"
    assert up["analysed_text"] is True
    assert {"T2", "T4"} <= set(up["falls"])


def test_the_json_follows_the_documented_schemas(article: ArgumentMap) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    page = (ROOT / "docs" / "trace-json.rst").read_text(encoding="utf-8")
    blocks = re.findall(r"\.\. code-block:: json\n\n((?:   .*\n|\n)+)", page)
    down, up, weights = (json.loads(re.sub(r"(?m)^   ", "", block)) for block in blocks)
    up["$defs"] = weights["$defs"] = down["$defs"]
    for schema, result in (
        (down, trace_down(article, "T1")),
        (down, trace_down(article, "T2", depth=1)),
        (up, trace_up(article, "article2025")),
        (up, trace_up(article, "waltz1979", depth=0)),
        (weights, weigh_sources(article)),
    ):
        jsonschema.validate(json.loads(to_json(result)), schema)


# --- the command line --------------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from argmap.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_trace_prints_the_tree(write_map: WriteMap, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(write_map(SMALL, BIB))
    assert cli(capsys, "trace", folder, "T1") == (0, SMALL_BOX, "")
    assert cli(capsys, "trace", folder, "T1", "--ascii") == (0, SMALL_ASCII, "")
    code, out, _ = cli(capsys, "trace", folder, "T1", "--depth", "1", "--format", "json")
    assert code == 0
    assert json.loads(out)["nodes"][1]["truncated"] is True


def test_cli_trace_source_and_sources(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(write_map(SMALL, BIB))
    code, out, _ = cli(capsys, "trace", folder, "--source", "smith2020")
    assert code == 0
    assert "losing all grounding: claim C1, claim C9" in out
    code, out, _ = cli(capsys, "trace", folder, "--source", "smith2020", "--format", "json")
    assert json.loads(out)["falls"] == ["C1", "C9"]
    code, out, _ = cli(capsys, "sources", folder)
    assert code == 0
    assert out.splitlines()[1].startswith("smith2020        1        4      2")
    code, out, _ = cli(capsys, "sources", folder, "--format", "json")
    assert [row["key"] for row in json.loads(out)["sources"]][-1] == "unused2001"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["T2"], "argmap: error: unknown node `T2`; did you mean `T1`, `O2` or `E2`?\n"),
        (["--source", "smith2021"], "did you mean `smith2020`?\n"),
        ([], "name a node"),
        (["a", "b", "c"], "too many arguments"),
    ],
)
def test_cli_trace_usage_errors_exit_2(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    folder = write_map(SMALL, BIB)
    words = [str(folder), *args] if args and args != ["a", "b", "c"] else args
    code, out, err = cli(capsys, "trace", *words)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_cli_colour_never_with_no_color(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = str(write_map(SMALL, BIB))
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in cli(capsys, "trace", folder, "T1")[1]
    monkeypatch.delenv("NO_COLOR")
    assert "\033[" in cli(capsys, "trace", folder, "T1")[1]


# --- text output: references in reading order, width and --full --------------------------------


def test_a_reference_printed_before_its_branch_says_below(load_map: LoadMap) -> None:
    m = load_map(
        """\
        nodes:
          T1: {claim: t, thesis: true, because: [C1, E2]}
          C1: {claim: c, because: E1}
          E1: {evidence: e1, cites: [{key: walt1987, page: 1}]}
          E2: {evidence: e2, cites: [{key: walt1987, page: 2}]}
        """,
        BIB,
    )
    text = up_to_text(trace_up(m, "walt1987"), ascii=True)
    assert "|  `- claim C1: c\n|     `- thesis T1 (shown below, under E2)\n" in text
    assert "`- evidence E2 [p. 2]: e2\n   `- thesis T1: t\n" in text
    assert "(shown under" not in text


LONG = " ".join(f"word{i}" for i in range(60))


def long_map(load_map: LoadMap) -> ArgumentMap:
    return load_map(
        f"""\
        nodes:
          T1: {{claim: {LONG}, thesis: true, because: E1}}
          E1: {{evidence: short}}
        """
    )


def test_full_wraps_texts_whole_under_the_tree(load_map: LoadMap) -> None:
    text = trace_to_text(trace_down(long_map(load_map), "T1"), ascii=True, width=60, full=True)
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert "word59" in text
    assert "..." not in text
    # continuation lines keep the tree's line going down to E1
    assert lines[1].startswith("|  ")
    assert lines[-1] == "`- because evidence E1: short"
    # without full, the text is cut on one line
    cut = trace_to_text(trace_down(long_map(load_map), "T1"), ascii=True, width=60)
    assert len(cut.splitlines()) == 2
    assert "word59" not in cut


def test_cli_trace_fits_columns_and_full(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from argmap.cli import main

    (tmp_path / "m.yaml").write_text(
        f"nodes:\n  T1: {{claim: {LONG}, thesis: true, because: E1}}\n  E1: {{evidence: e}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "70")
    assert main(["trace", str(tmp_path), "T1"]) == 0
    out = capsys.readouterr().out
    assert max(map(len, out.splitlines())) <= 70
    assert max(map(len, out.splitlines())) > 60
    assert main(["trace", str(tmp_path), "T1", "--full"]) == 0
    out = capsys.readouterr().out
    assert "word59" in out
    assert max(map(len, out.splitlines())) <= 70
    monkeypatch.delenv("COLUMNS")
    assert main(["trace", str(tmp_path), "T1"]) == 0
    out = capsys.readouterr().out  # not a terminal: 100 columns, as before
    assert 90 < max(map(len, out.splitlines())) <= 100
