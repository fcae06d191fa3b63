"""The layout budget (issue 19.2): what a drawing costs, the fallbacks, and dot's timeout.

No test here times anything: the budgets are passed small, and the slow ``dot`` is a fake that
sleeps. Speed is measured by ``benchmarks/bench_render.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import argmap
from argmap.errors import OptionError
from argmap.model import ArgumentMap, Attack, Claim, Evidence, Objection, Reason
from argmap.render import LayoutTimeout, draw, plan, render, to_dot
from argmap.render.cost import Cost, measure
from argmap.render.layout import TUNING

ROOT = Path(__file__).resolve().parents[1]
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz `dot` is not installed")
posix_only = pytest.mark.skipif(os.name != "posix", reason="fake engine is a shell script")


def tangled(claims: int = 12) -> ArgumentMap:
    """A chain of claims under one thesis, each with evidence, and cross-links far up the chain.

    ``C{i}`` supports ``C{i-1}`` (``C1`` supports ``T1``); every third claim also supports the
    thesis directly and is supported by the last claim (a cycle), so plain ranking stretches
    those links across the whole chain.
    """
    nodes: list[Claim | Evidence | Objection] = []
    names = ["T1"] + [f"C{i}" for i in range(1, claims + 1)]
    for place, name in enumerate(names):
        reasons = []
        if place + 1 < len(names):
            reasons.append(Reason((names[place + 1],)))
        reasons.append(Reason((f"E{place}",)))
        if name == "T1":
            reasons += [Reason((other,)) for other in names[3::3]]
        elif place % 3 == 0:
            reasons.append(Reason((names[-1],)))
        nodes.append(
            Claim(id=name, text=f"Claim {name}.", thesis=name == "T1", reasons=tuple(reasons))
        )
        nodes.append(Evidence(id=f"E{place}", text=f"Evidence for {name}."))
    nodes.append(Objection(id="O1", text="Not so.", attacks=(Attack("C2"),)))
    return ArgumentMap(nodes=tuple(nodes))


# --- measuring -------------------------------------------------------------------------------


def test_cost_counts_nodes_edges_and_the_ranks_long_edges_cross():
    chain = 'digraph {\n  "a" [id="a"];\n  "b" [id="b"];\n  "c" [id="c"];\n'
    chain += '  "a" -> "b";\n  "b" -> "c";\n}\n'
    assert measure(chain) == Cost(nodes=3, edges=2, span=0, ranks=3)
    long_edge = chain.replace("}", '  "a" -> "c" [arrowhead=none];\n}')
    assert measure(long_edge) == Cost(nodes=3, edges=3, span=1, ranks=3)
    assert measure(long_edge).work == 3 + 3 + 2 * 1


def test_a_loose_edge_does_not_set_the_ranks_but_still_spans_them():
    # n5 -> n4 -> ... -> n0 and t -> n0: t supports the bottom of a chain and, once more, its top.
    lines = ['  "t" -> "n0";'] + [f'  "n{i + 1}" -> "n{i}";' for i in range(5)]
    base = "digraph {\n" + "\n".join(lines) + "\n"
    tight = measure(base + '  "t" -> "n5";\n}\n')
    loose = measure(base + '  "t" -> "n5" [constraint=false];\n}\n')
    assert (tight.ranks, tight.span) == (7, 5)  # t under n5: t -> n0 crosses five ranks
    assert (loose.ranks, loose.span) == (6, 3)  # t next to n0: t -> n5 crosses three


def test_cycles_and_the_last_rank_are_understood():
    cycle = 'digraph {\n  "a" -> "b";\n  "b" -> "c";\n  "c" -> "a";\n}\n'
    assert measure(cycle).ranks == 3
    top = 'digraph {\n  "a" -> "b";\n  "x" -> "y";\n  "y" -> "z";\n  { rank=max; "b"; "z"; }\n}\n'
    assert measure(top).span == 1  # a -> b now crosses the rank of y


def test_cost_of_the_same_text_is_the_same():
    dot = to_dot(tangled())
    assert measure(dot) == measure(dot)
    assert measure(dot).work > measure(to_dot(tangled(), tree_ranks=True)).work


# --- tree ranks and tuning in the DOT text ---------------------------------------------------


def test_tree_ranks_loosen_only_the_links_off_the_tree():
    plain, tree = to_dot(tangled()), to_dot(tangled(), tree_ranks=True)
    assert "constraint" not in plain
    loose = re.findall(r'^  "([^"]+)" -> "([^"]+)".*constraint=false', tree, re.MULTILINE)
    assert ("C3", "T1") not in loose  # one level below the thesis: on the tree
    assert ("C2", "C1") not in loose  # the chain is the tree
    assert ("C12", "C3") in loose  # the cycle back from the bottom
    assert plain.replace(", constraint=false", "") == tree.replace(" [constraint=false]", "")


def test_graph_attributes_go_on_the_graph_line():
    dot = to_dot(tangled(), graph_attributes=TUNING)
    graph_line = next(line for line in dot.splitlines() if line.startswith("  graph ["))
    assert graph_line.endswith(", nslimit=2, nslimit1=2, mclimit=0.5];")


# --- the budget ------------------------------------------------------------------------------


def test_a_map_under_budget_is_drawn_exactly_as_to_dot_writes_it():
    amap = tangled()
    drawing = plan(amap)
    assert drawing.dot == to_dot(amap)
    assert drawing.note is None
    assert drawing.drawn == len(amap)
    assert drawing.cost == measure(drawing.dot)


def test_the_article_draws_as_before():
    amap = argmap.load(ROOT / "arguments")
    assert plan(amap, legend=True).dot == to_dot(amap, legend=True)


def test_a_map_over_budget_gets_tree_ranks_and_a_note():
    amap = tangled()
    plain, tree = measure(to_dot(amap)), measure(to_dot(amap, tree_ranks=True))
    drawing = plan(amap, budget=tree.work)
    assert drawing.dot == to_dot(amap, tree_ranks=True)
    assert drawing.note == (
        f"laying out the map's {len(amap)} nodes would take `dot` too long "
        f"(layout work {plain.work:,}, budget {tree.work:,}); drawing them with levels set by "
        "the support tree only; use --focus ID to draw part of it in full"
    )


def test_a_map_far_over_budget_falls_back_to_a_summary():
    amap = tangled()
    drawing = plan(amap, budget=30)
    assert drawing.drawn < len(amap)
    assert drawing.note is not None
    assert "drawing a summary of" in drawing.note
    assert "\n" not in drawing.note


def test_a_big_map_is_summarised_as_before_with_the_same_note():
    amap = tangled(30)
    drawing = plan(amap, limit=40)
    assert drawing.note is not None
    assert drawing.note.startswith(
        f"the map has {len(amap)} nodes, more than `dot` lays out quickly (40); drawing a summary"
    )


def test_a_focus_over_budget_is_drawn_less_deep():
    amap = tangled()
    asked = plan(amap, focus="C6", depth=3)
    assert asked.note is None
    assert asked.dot == to_dot(amap, focus="C6", depth=3)
    smaller = plan(amap, focus="C6", depth=3, budget=asked.cost.work - 1)
    assert smaller.note is not None
    assert smaller.note.startswith("laying out the ")
    assert "within 3 steps of `C6` would take `dot` too long" in smaller.note
    assert smaller.cost.work <= asked.cost.work - 1
    tiny = plan(amap, focus="C6", depth=3, budget=1)
    assert tiny.drawn == 1  # depth 0: the focus alone, the coarsest there is
    assert "within 0 steps of `C6`" in (tiny.note or "")


def test_an_unknown_focus_is_refused():
    with pytest.raises(OptionError, match="unknown focus id `nope`"):
        plan(tangled(), focus="nope")


def test_costly_drawings_carry_the_tuning(monkeypatch):
    amap = tangled()
    assert "nslimit" not in plan(amap).dot
    monkeypatch.setattr("argmap.render.layout.TUNE_FROM", 1)
    assert plan(amap).dot == to_dot(amap, graph_attributes=TUNING)


def test_coarser_halves_the_work_and_ends():
    drawing = plan(tangled())
    works = [drawing.cost.work]
    while (drawing := drawing.coarser()) is not None:
        assert drawing.cost.work <= works[-1] // 2
        assert drawing.note is not None
        assert drawing.note.startswith("drawing ")
        works.append(drawing.cost.work)
    assert len(works) > 1


PLAN_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from test_render_layout import tangled
    from argmap.render import plan

    for budget in (10**6, 200, 30, 1):
        drawing = plan(tangled(), budget=budget)
        sys.stdout.write(drawing.dot + str(drawing.note) + "\\n")
    sys.stdout.write(plan(tangled(), focus="C6", depth=3, budget=60).dot)
    """
)


def test_plans_are_byte_identical_under_different_hash_seeds(tmp_path):
    script = tmp_path / "emit.py"
    script.write_text(PLAN_SCRIPT, encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, str(script), str(Path(__file__).parent)],
            capture_output=True,
            check=True,
            env=environment,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# --- the timeout -----------------------------------------------------------------------------


def fake_dot(tmp_path: Path, body: str) -> str:
    """A ``dot`` running ``body``, first on the returned ``PATH``."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "dot"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


SLOW_UNLESS_LOOSE = """input=$(cat)
case "$input" in
  *constraint=false*) echo '<svg xmlns="http://www.w3.org/2000/svg"/>' ;;
  *) sleep 30 & echo $! > "$(dirname "$0")/sleeper"; wait ;;
esac"""


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def stops_soon(pid: int, within: float = 5.0) -> bool:
    """Whether the process stops within ``within`` seconds.

    SIGKILL is delivered asynchronously: the killed grandchild may still be
    listed for a moment after ``kill`` returns, so poll (a ``sleep 30`` left
    running would still be alive at the end).
    """
    deadline = time.monotonic() + within
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@posix_only
def test_a_slow_dot_is_stopped_with_its_children_and_the_output_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", fake_dot(tmp_path, SLOW_UNLESS_LOOSE))
    output = tmp_path / "map.svg"
    output.write_text("old picture")
    with pytest.raises(LayoutTimeout, match=r"^Graphviz `dot` did not finish within 1 s") as caught:
        render(to_dot(tangled()), output, timeout=1.0)
    assert "\n" not in str(caught.value)
    assert output.read_text() == "old picture"
    sleeper = int((tmp_path / "bin" / "sleeper").read_text())
    if Path("/proc").is_dir():
        assert stops_soon(sleeper)


@posix_only
def test_when_dot_times_out_a_coarser_drawing_is_written_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_dot(tmp_path, SLOW_UNLESS_LOOSE)))
    drawing = plan(tangled())
    assert "constraint=false" not in drawing.dot
    written = draw(drawing, tmp_path / "map.svg", timeout=1.0)
    assert "constraint=false" in written.dot
    assert written.note is not None
    assert re.match(
        r"Graphviz `dot` did not finish within 0\.\d s and was stopped; drawing ", written.note
    )
    assert (tmp_path / "map.svg").read_text().startswith("<svg")


@posix_only
def test_a_dot_in_time_draws_the_plan_itself(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_dot(tmp_path, "cat > /dev/null; echo '<svg/>'")))
    drawing = plan(tangled())
    assert draw(drawing, tmp_path / "map.svg") is drawing


@posix_only
def test_when_even_the_coarsest_drawing_times_out_the_error_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_dot(tmp_path, "cat > /dev/null; sleep 30")))
    with pytest.raises(LayoutTimeout, match=r"within 0.6 s .*--focus ID --depth N"):
        draw(plan(tangled()), tmp_path / "map.svg", timeout=0.6)
    assert not (tmp_path / "map.svg").exists()


@needs_dot
def test_a_real_dot_draws_a_tree_ranked_map(tmp_path):
    written = draw(plan(tangled(), budget=1), tmp_path / "map.svg")
    assert "<svg" in (tmp_path / "map.svg").read_text()
    assert written.note is not None
