from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from argmap.model import (
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Evidence,
    Locator,
    LocatorLabel,
    Objection,
    Premise,
    Reason,
)
from argmap.render import LAYOUT_LIMIT, Collapsed, RenderError, neighbourhood, render, to_dot
from argmap.render.graphviz import INSTALL_HINT
from argmap.render.summary import summarise

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz `dot` is not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

NODE_LINE = re.compile(r'^  "([^"]+)" \[(.*)\];$', re.MULTILINE)
EDGE_LINE = re.compile(r'^  "([^"]+)" -> "([^"]+)"(?: \[(.*)\])?;$', re.MULTILINE)


def sample_map() -> ArgumentMap:
    """T1 has a linked reason (C1 + C2) and a single one (C3) that O2 undercuts."""
    return ArgumentMap(
        title="Cooperation after 2020",
        nodes=(
            Claim(
                id="T1",
                text="The move away from Russian arms has structural causes.",
                thesis=True,
                at=(1,),
                reasons=(Reason(("C1", "C2")), Reason(("C3",))),
            ),
            Claim(
                id="C1", text="Russia did not deliver.", reasons=(Reason(("E1",)), Reason(("E2",)))
            ),
            Claim(id="C2", text="Small states look elsewhere.", reasons=(Reason(("P1", "A1")),)),
            Claim(id="C3", text="Imports shifted to India.", at=(9, 10, 11, 14)),
            Evidence(
                id="E1",
                text="Deliveries paid in 2021 had not arrived by 2023.",
                citations=(Citation("sipri2024", Locator(LocatorLabel.PAGE, "12")),),
            ),
            Evidence(id="E2", text="Officials complained.", citations=(Citation("news2023"),)),
            Premise(
                id="P1",
                text="Small states weigh politics above arms.",
                citations=(Citation("waltz1979", Locator(LocatorLabel.CHAPTER, "6")),),
            ),
            Assumption(id="A1", text="Armenia is a small state."),
            Objection(id="O1", text="Armenia still bandwagons.", attacks=(Attack("T1"),)),
            Objection(
                id="O2", text="Imports fell as depots were full.", attacks=(Attack("T1", 2),)
            ),
            Claim(id="C9", text="The parade was protocol.", attacks=(Attack("O1"),)),
        ),
    )


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def node_names(dot: str) -> list[str]:
    return [name for name, _ in NODE_LINE.findall(dot)]


def edges(dot: str) -> dict[tuple[str, str], str]:
    return {(tail, head): attrs for tail, head, attrs in EDGE_LINE.findall(dot)}


def svg_of(dot: str, tmp_path: Path) -> ET.Element:
    output = tmp_path / "map.svg"
    render(dot, output)
    return ET.fromstring(output.read_bytes())


def svg_nodes(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}


def svg_text(group: ET.Element) -> str:
    return " ".join(text.text or "" for text in group.iter(f"{SVG}text"))


def tooltip(group: ET.Element) -> str:
    anchors = [a for a in group.iter(f"{SVG}a") if a.get(XLINK_TITLE)]
    return anchors[0].get(XLINK_TITLE, "")


# --- DOT text --------------------------------------------------------------------------------

DETERMINISM_SCRIPT = textwrap.dedent(
    """
    import sys
    from argmap.model import ArgumentMap, Attack, Claim, Evidence, Reason
    from argmap.render import summarise, to_dot

    ids = [f"E{i}" for i in range(30)]
    nodes = [Claim(id="T1", text="Thesis", thesis=True, reasons=(Reason(tuple(ids[:3])),)
                   + tuple(Reason((i,)) for i in ids[3:]))]
    nodes += [Evidence(id=i, text=f"Evidence {i} ÅЖԱ") for i in ids]
    nodes += [Claim(id="O1", text="No", attacks=(Attack("T1", 2), Attack("T1")))]
    amap = ArgumentMap(nodes=tuple(nodes))
    # Findings built from sets: their order changes with the hash seed.
    codes = {"AM004 uncited-evidence", "AM006 missing-locator", "AM011 x"}
    found = {i: list(codes) for i in set(ids)}
    sys.stdout.write(to_dot(amap, diagnostics=found, legend=True))
    sys.stdout.write(to_dot(amap, focus="E3", depth=2))
    sys.stdout.write(to_dot(summarise(amap, 5)))
    """
)


def test_dot_is_byte_identical_under_different_hash_seeds(tmp_path):
    script = tmp_path / "emit.py"
    script.write_text(DETERMINISM_SCRIPT, encoding="utf-8")
    outputs = []
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, str(script)], env=env, capture_output=True, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0]
    assert outputs[0] == outputs[1] == outputs[2]


def test_same_map_gives_same_text_and_it_ends_with_newline():
    assert to_dot(sample_map()) == to_dot(sample_map())
    assert to_dot(sample_map()).endswith("}\n")


def test_every_node_is_drawn_once_with_its_svg_id():
    dot = to_dot(sample_map())
    names = [name for name in node_names(dot) if "/" not in name]
    assert names == [node.id for node in sample_map().nodes]
    for name, attrs in NODE_LINE.findall(dot):
        assert f'id="{name}"' in attrs


def test_a_junction_for_each_linked_or_undercut_reason_and_none_otherwise():
    dot = to_dot(sample_map())
    junctions = [name for name in node_names(dot) if "/" in name]
    # T1/1 and C2/1 are linked; T1/2 has one premise but is undercut by O2.
    assert junctions == ["T1/1", "T1/2", "C2/1"]
    drawn = edges(dot)
    for premise in ("C1", "C2"):
        assert drawn[premise, "T1/1"] == "arrowhead=none"
    assert ("T1/1", "T1") in drawn
    assert ("C1", "T1") not in drawn
    assert drawn["C3", "T1/2"] == "arrowhead=none"
    assert ("T1/2", "T1") in drawn
    # Convergent single-premise reasons are plain arrows, no junction.
    assert ("E1", "C1") in drawn
    assert ("E2", "C1") in drawn
    assert drawn["E1", "C1"] == ""
    assert not any(name.startswith(("C1/", "C3/")) for name in junctions)


def test_junction_is_a_point():
    dot = to_dot(sample_map())
    attrs = dict(NODE_LINE.findall(dot))
    assert "shape=point" in attrs["T1/1"]


def test_attack_is_red_with_a_tee_and_undercut_is_dashed_onto_the_junction():
    drawn = edges(to_dot(sample_map()))
    rebuttal = drawn["O1", "T1"]
    assert "arrowhead=tee" in rebuttal
    assert 'color="#c62828"' in rebuttal
    assert "dashed" not in rebuttal
    assert ("O2", "T1") not in drawn
    undercut = drawn["O2", "T1/2"]
    assert "arrowhead=tee" in undercut
    assert "style=dashed" in undercut
    assert "arrowhead=tee" in drawn["C9", "O1"]


def test_support_edges_point_from_premise_to_conclusion_and_conclusions_go_on_top():
    dot = to_dot(sample_map())
    assert "rankdir=BT" in dot
    assert ("E1", "C1") in edges(dot)
    assert ("C1", "E1") not in edges(dot)
    assert "rankdir=LR" in to_dot(sample_map(), direction="LR")


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="unknown direction"):
        to_dot(sample_map(), direction="UP")


def test_thesis_citations_paragraphs_and_kinds_are_shown():
    attrs = dict(NODE_LINE.findall(to_dot(sample_map())))
    assert "peripheries=2" in attrs["T1"]
    assert "thesis" in attrs["T1"]
    assert "sipri2024, p. 12" in attrs["E1"]
    assert "waltz1979, chap. 6" in attrs["P1"]
    assert "¶ 9\u201311, 14" in attrs["C3"]
    assert "¶ 1" in attrs["T1"]
    assert "shape=note" in attrs["E1"]
    assert "shape=folder" in attrs["P1"]
    assert "dashed" in attrs["A1"]
    assert "diagonals" in attrs["O1"]


def test_diagnostics_mark_the_border_and_fill_the_tooltip():
    found = {"C3": ["AM001 unsupported-claim", "AM007 unsupported-figure"]}
    attrs = dict(NODE_LINE.findall(to_dot(sample_map(), diagnostics=found)))
    assert 'color="#e8590c"' in attrs["C3"]
    assert "penwidth=" in attrs["C3"]
    assert "AM001, AM007" in attrs["C3"]
    assert "AM001 unsupported-claim\\nAM007 unsupported-figure" in attrs["C3"]
    assert 'color="#e8590c"' not in attrs["C1"]


def test_long_text_is_wrapped_and_cut_with_the_whole_text_in_the_tooltip():
    text = " ".join(f"word{i}" for i in range(60))
    amap = ArgumentMap(nodes=(Claim(id="C1", text=text, thesis=True),))
    label = dict(NODE_LINE.findall(to_dot(amap)))["C1"]
    body = re.search(r'<FONT POINT-SIZE="13">(.*?)</FONT>', label)
    assert body is not None
    lines = body.group(1).split("<BR/>")
    assert len(lines) == 4
    assert all(len(line) <= 40 for line in lines)
    assert lines[-1].endswith("…")
    assert "word59" in label.split("tooltip=")[1]


def test_legend_adds_a_cluster_of_samples():
    dot = to_dot(sample_map(), legend=True)
    assert 'subgraph "cluster_legend"' in dot
    assert '"legend:junction"' in dot
    assert 'subgraph "cluster_legend"' not in to_dot(sample_map())


HOSTILE = 'Say "hi" <b>bold</b> & \\N \\G \\\\ back\\slash\nnew line\ttab \x07bell end\\'


def hostile_map() -> ArgumentMap:
    return ArgumentMap(
        title='A "title" <with> & \\N',
        nodes=(
            Claim(id="X1", text=HOSTILE, thesis=True, reasons=(Reason(("E1",)),), note='n "\\'),
            Evidence(id="E1", text="plain", citations=(Citation('k"<&>\\'),)),
        ),
    )


def test_hostile_text_is_escaped_in_the_dot_text():
    dot = to_dot(hostile_map())
    attrs = dict(NODE_LINE.findall(dot))["X1"]
    label = attrs.split("label=<", 1)[1].split(">, tooltip=", 1)[0]
    assert "<b>" not in label
    assert "&lt;b&gt;bold&lt;/b&gt;" in label
    assert "&quot;hi&quot;" in label
    assert "&amp;" in label
    assert "\\\\N" in label
    assert "\x07" not in dot
    assert "\t" not in dot
    assert 'Say \\"hi\\"' in attrs
    tip = attrs.split("tooltip=", 1)[1]
    assert "back" + "\\" * 4 + "slash\\nnew line tab bell" in tip


@needs_dot
def test_hostile_text_survives_dot_and_reads_back_literally(tmp_path):
    root = svg_of(to_dot(hostile_map()), tmp_path)
    node = svg_nodes(root)["X1"]
    shown = svg_text(node)
    for piece in ('"hi"', "<b>bold</b>", "&", "\\N", "\\G", "back\\slash"):
        assert piece in shown
    assert "X1 \\G" not in shown
    full = tooltip(node)
    assert 'Say "hi" <b>bold</b> & \\N \\G \\\\ back\\slash\nnew line tab bell end\\' in full
    assert 'n "\\' in full
    title = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert 'A "title" <with> & \\N' in title


@needs_dot
def test_armenian_and_cyrillic_reach_the_svg(tmp_path):
    amap = ArgumentMap(
        nodes=(
            Claim(id="C1", text="Հայաստանը հեռանում է ռուսական զենքից", thesis=True),
            Evidence(id="E1", text="Россия не поставила оружие", reasons=()),
        )
    )
    root = svg_of(to_dot(amap), tmp_path)
    nodes = svg_nodes(root)
    assert "Հայաստանը" in svg_text(nodes["C1"])
    assert "Россия" in svg_text(nodes["E1"])
    assert tooltip(nodes["E1"]).endswith("Россия не поставила оружие")


@needs_dot
def test_svg_carries_node_ids_and_full_text_tooltips(tmp_path):
    amap = sample_map()
    nodes = svg_nodes(svg_of(to_dot(amap), tmp_path))
    for node in amap.nodes:
        assert node.id in nodes
        assert node.text in tooltip(nodes[node.id])
    assert "T1/1" in nodes


@needs_dot
@pytest.mark.parametrize(
    ("name", "magic"),
    [("map.svg", b"<?xml"), ("map.png", b"\x89PNG\r\n\x1a\n"), ("map.pdf", b"%PDF")],
)
def test_pictures_are_written_by_suffix(tmp_path, name, magic):
    output = tmp_path / name
    render(to_dot(sample_map(), legend=True), output)
    assert output.read_bytes().startswith(magic)
    assert listing(tmp_path) == [name]


def test_fmt_overrides_the_suffix(tmp_path):
    output = tmp_path / "map.txt"
    render("digraph {}\n", output, fmt="dot")
    assert output.read_text() == "digraph {}\n"


# --- focus and depth -------------------------------------------------------------------------


def test_neighbourhood_walks_both_ways_along_every_link():
    amap = sample_map()
    assert neighbourhood(amap, "C2", 0) == ["C2"]
    assert neighbourhood(amap, "C2", 1) == ["T1", "C2", "P1", "A1"]
    assert neighbourhood(amap, "C2", 2) == ["T1", "C1", "C2", "C3", "P1", "A1", "O1", "O2"]
    assert neighbourhood(amap, "O2", 1) == ["T1", "O2"]
    assert neighbourhood(amap, "C9", 1) == ["O1", "C9"]
    assert neighbourhood(amap, "C9") == [node.id for node in amap.nodes]


def test_neighbourhood_refuses_unknown_ids_and_negative_depths():
    with pytest.raises(KeyError):
        neighbourhood(sample_map(), "C99", 1)
    with pytest.raises(ValueError, match="depth"):
        neighbourhood(sample_map(), "C1", -1)
    with pytest.raises(KeyError):
        to_dot(sample_map(), focus="C99")


def test_focus_draws_exactly_the_neighbourhood():
    dot = to_dot(sample_map(), focus="C2", depth=1)
    assert [name for name in node_names(dot) if "/" not in name] == ["T1", "C2", "P1", "A1"]
    drawn = edges(dot)
    assert ("C2", "T1/1") in drawn
    assert ("C1", "T1/1") not in drawn
    assert all(tail != "O1" and head != "O1" for tail, head in drawn)


def test_depth_without_focus_starts_from_the_theses():
    dot = to_dot(sample_map(), depth=1)
    names = [name for name in node_names(dot) if "/" not in name]
    assert names == ["T1", "C1", "C2", "C3", "O1", "O2"]


# --- summary ---------------------------------------------------------------------------------


def big_map(claims: int, evidence_each: int) -> ArgumentMap:
    nodes: list = []
    claim_ids = [f"C{i}" for i in range(claims)]
    nodes.append(
        Claim(id="T1", text="Thesis", thesis=True, reasons=(Reason(tuple(claim_ids[:2])),))
    )
    for i, claim in enumerate(claim_ids):
        below = [f"E{i}_{j}" for j in range(evidence_each)]
        children = claim_ids[2 * i + 2 : 2 * i + 4]
        reasons = [Reason((e,)) for e in below] + ([Reason(tuple(children))] if children else [])
        nodes.append(Claim(id=claim, text=f"Claim {i}", reasons=tuple(reasons)))
        nodes.extend(Evidence(id=e, text=f"Fact {e}") for e in below)
    nodes.append(Objection(id="O1", text="Objection", attacks=(Attack("C0", 1),)))
    return ArgumentMap(nodes=tuple(nodes))


def test_a_small_map_is_not_summarised():
    amap = sample_map()
    assert summarise(amap, LAYOUT_LIMIT) is amap


def test_summary_counts_evidence_per_claim():
    amap = big_map(claims=20, evidence_each=10)
    assert len(amap) == 222
    summary = summarise(amap, 60)
    assert len(summary) <= 60
    counted = summary.node("C3+evidence")
    assert isinstance(counted, Collapsed)
    assert counted.text == "10 evidence"
    assert counted.members[0] == "E3_0"
    assert "E3_0" not in summary
    # Reason numbers are kept, so the undercut still ends on C0's first reason.
    dot = to_dot(summary)
    assert ("O1", "C0/1") in edges(dot)
    assert ("C0+evidence", "C0/1") in edges(dot)


def test_summary_keeps_top_levels_when_counting_is_not_enough():
    amap = big_map(claims=200, evidence_each=3)
    summary = summarise(amap, 40)
    assert len(summary) <= 40
    assert "T1" in summary
    more = [node for node in summary.nodes if isinstance(node, Collapsed) and node.of == "more"]
    assert more
    assert more[0].text.startswith(f"{len(more[0].members)} more")
    dot = to_dot(summary)
    ends = {end.split("/")[0] for edge in edges(dot) for end in edge}
    assert ends <= set(summary.ids)


def test_summary_is_deterministic():
    amap = big_map(claims=100, evidence_each=4)
    assert to_dot(summarise(amap, 50)) == to_dot(summarise(amap, 50))


# --- Graphviz, errors and atomic writes ------------------------------------------------------


def test_dot_text_needs_no_graphviz(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    output = tmp_path / "map.gv"
    dot = to_dot(sample_map())
    render(dot, output)
    assert output.read_text(encoding="utf-8") == dot


def test_missing_dot_is_one_clear_line(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(RenderError) as caught:
        render(to_dot(sample_map()), tmp_path / "map.svg")
    assert str(caught.value) == f"Graphviz `dot` not found; {INSTALL_HINT}"
    assert "apt-get install graphviz" in str(caught.value)
    assert listing(tmp_path) == ["empty"]


def test_missing_output_folder_is_refused(tmp_path):
    with pytest.raises(RenderError) as caught:
        render("digraph {}", tmp_path / "nowhere" / "map.dot")
    assert (
        str(caught.value)
        == f"output folder `{tmp_path / 'nowhere'}/` does not exist; create it first"
    )


def test_output_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(RenderError, match="is a folder"):
        render("digraph {}", tmp_path)


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(RenderError, match=r"`\.jpeg`.*`\.svg`"):
        render("digraph {}", tmp_path / "map.jpeg")
    with pytest.raises(RenderError, match="unknown output format `bmp`"):
        render("digraph {}", tmp_path / "map.svg", fmt="bmp")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unwritable_folder_is_one_clear_line(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(RenderError, match=r"cannot write .*permission denied"):
            render("digraph {}", folder / "map.dot")
    finally:
        folder.chmod(0o700)


@needs_dot
def test_failing_dot_leaves_the_old_output_untouched(tmp_path):
    output = tmp_path / "map.svg"
    output.write_text("old picture")
    with pytest.raises(RenderError) as caught:
        render("digraph { a -> }", output)
    message = str(caught.value)
    assert message.startswith("Graphviz `dot` failed: Error")
    assert "\n" not in message
    assert output.read_text() == "old picture"
    assert listing(tmp_path) == ["map.svg"]


def fake_engine(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "dot"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(0o755)
    return folder


@pytest.mark.skipif(os.name != "posix", reason="fake engine is a shell script")
def test_dot_error_gives_its_first_error_line(tmp_path, monkeypatch):
    folder = fake_engine(
        tmp_path, "echo 'Warning: odd' >&2; echo 'Error: <stdin>: boom' >&2; echo more >&2; exit 1"
    )
    monkeypatch.setenv("PATH", str(folder))
    with pytest.raises(RenderError, match=r"^Graphviz `dot` failed: Error: <stdin>: boom$"):
        render("digraph {}", tmp_path / "map.png")
    assert listing(tmp_path) == ["bin"]


def test_failed_replace_removes_the_temporary_file(tmp_path, monkeypatch):
    output = tmp_path / "map.dot"
    output.write_text("old")

    def refuse(_self: Path, _target: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(RenderError, match=r"cannot write `.*map\.dot`: permission denied"):
        render("digraph {}", output)
    assert output.read_text() == "old"
    assert listing(tmp_path) == ["map.dot"]


def test_interrupted_write_removes_the_temporary_file(tmp_path, monkeypatch):
    def interrupt(_self: Path, _target: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        render("digraph {}", tmp_path / "map.dot")
    assert listing(tmp_path) == []


def test_importing_render_does_not_import_graphviz():
    code = "import sys, argmap.render; print('graphviz' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_unwritable_path_is_one_clear_line(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(RenderError) as caught:
        render("digraph {}", tmp_path / "map.dot")
    assert str(caught.value) == f"cannot write `{tmp_path / 'map.dot'}`: permission denied"
    assert listing(tmp_path) == []


def test_theses_share_the_top_rank():
    amap = ArgumentMap(
        nodes=(
            Claim(id="T1", text="first", thesis=True, reasons=(Reason(("E1",)),)),
            Claim(id="T2", text="second", thesis=True, reasons=(Reason(("T1",)),)),
            Evidence(id="E1", text="e"),
        )
    )
    assert '  { rank=max; "T1"; "T2"; }\n' in to_dot(amap)
    single = ArgumentMap(nodes=(Claim(id="T1", text="only", thesis=True),))
    assert "rank=max" not in to_dot(single)


# --- acceptability labels and cut-off neighbours ------------------------------------------------


def label_of(dot: str, node_id: str) -> str:
    return dict(NODE_LINE.findall(dot))[node_id]


def test_labels_mark_each_node_with_its_colour_and_the_tooltip_says_what_it_means():
    from argmap.acceptability import weigh

    amap = sample_map()
    labels = weigh(amap).labels
    dot = to_dot(amap, labels=labels)
    assert labels["O1"].name == "IN"
    assert labels["T1"].name == "OUT"
    assert '<FONT POINT-SIZE="9" COLOR="#2e7d32"><B>IN</B></FONT>' in label_of(dot, "O1")
    assert "<B>OUT</B>" in label_of(dot, "T1")
    assert 'tooltip="T1 (thesis), ¶ 1: OUT (defeated)' in label_of(dot, "T1")
    # an OUT node's text is greyed
    assert '<FONT COLOR="#5b6570">The move away' in label_of(dot, "T1")


def test_without_labels_no_node_is_marked():
    dot = to_dot(sample_map())
    assert "<B>IN</B>" not in dot
    assert "<B>OUT</B>" not in dot
    assert "UNDEC" not in dot
    assert "(stands)" not in dot
    assert "(defeated)" not in dot


def test_legend_explains_the_labels_only_when_they_are_drawn():
    from argmap.acceptability import weigh

    amap = sample_map()
    with_labels = to_dot(amap, labels=weigh(amap).labels, legend=True)
    assert '"legend:labels"' in with_labels
    for meaning in ("stands", "defeated", "undecided"):
        assert meaning in with_labels.split('"legend:labels"')[1]
    assert '"legend:labels"' not in to_dot(amap, legend=True)


def test_labels_are_deterministic_and_golden_for_a_small_map():
    from argmap.acceptability import weigh
    from argmap.model import Attack as _Attack

    amap = ArgumentMap(
        nodes=(
            Claim(id="T", text="t", thesis=True, reasons=(Reason(("E",)),)),
            Evidence(id="E", text="e"),
            Objection(id="O", text="o", attacks=(_Attack("T"),)),
        )
    )
    dot = to_dot(amap, labels=weigh(amap).labels)
    assert dot == to_dot(amap, labels=weigh(amap).labels)
    assert label_of(dot, "O") == (
        'id="O", shape=box, style="filled,diagonals", fillcolor="#fbe1df", color="#b3261e", '
        'label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"><TR>'
        '<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#5b6570"><B>O</B> · '
        'objection</FONT> <FONT POINT-SIZE="9" COLOR="#2e7d32"><B>IN</B></FONT></TD></TR>'
        '<TR><TD ALIGN="LEFT" BALIGN="LEFT">o</TD></TR></TABLE>>, '
        'tooltip="O (objection): IN (stands)\\no"'
    )


def test_focus_marks_nodes_whose_neighbours_are_cut_off():
    # O1's answer C9 lies two steps from T1: at depth 1 O1 says so instead of looking unanswered
    dot = to_dot(sample_map(), focus="T1", depth=1)
    assert "C9" not in node_names(dot)
    assert "1 more not drawn" in label_of(dot, "O1")
    assert "not drawn here: C9" in label_of(dot, "O1")
    assert "2 more not drawn" in label_of(dot, "C1")
    assert "not drawn here: E1, E2" in label_of(dot, "C1")
    # T1's neighbours are all drawn
    assert "more not drawn" not in label_of(dot, "T1")


def test_a_whole_drawing_marks_no_cut_off_and_the_legend_explains_it_when_there_is_one():
    whole = to_dot(sample_map(), legend=True)
    assert "more not drawn" not in whole
    assert '"legend:cut"' not in whole
    focused = to_dot(sample_map(), focus="T1", depth=1, legend=True)
    assert '"legend:cut"' in focused
    # a depth that reaches everything cuts nothing off
    assert "more not drawn" not in to_dot(sample_map(), focus="T1", depth=9)


def test_cli_render_labels(tmp_path, capsys):
    from argmap.cli import main

    folder = tmp_path / "arguments"
    folder.mkdir()
    (folder / "m.yaml").write_text(
        "nodes:\n"
        "  T1: {claim: t, thesis: true, because: E1}\n"
        "  E1: {evidence: e}\n"
        "  O1: {objection: o, attacks: T1}\n",
        encoding="utf-8",
    )
    assert main([*("render", str(folder), "-o", "-", "--labels", "--legend")]) == 0
    out = capsys.readouterr().out
    assert "<B>OUT</B>" in label_of(out, "T1")
    assert "<B>IN</B>" in label_of(out, "O1")
    assert '"legend:labels"' in out
    assert main(["render", str(folder), "-o", "-"]) == 0
    assert "<B>OUT</B>" not in capsys.readouterr().out


@needs_dot
def test_to_svg_returns_the_picture_as_text():
    from argmap.render import to_svg

    svg = to_svg(sample_map(), focus="T1", depth=1)
    assert svg.lstrip().startswith("<?xml")
    assert "</svg>" in svg
    assert 'id="T1"' in svg


def test_below_and_only_draw_one_thesis_and_mark_what_lies_outside():
    from argmap.render.dot import below

    amap = sample_map()
    part = below(amap, "C2")
    assert part == ["C2", "P1", "A1"]
    dot = to_dot(amap, only=part)
    assert [name for name in node_names(dot) if "/" not in name] == ["C2", "P1", "A1"]
    assert "not drawn here: T1" in label_of(dot, "C2")
    # the whole thesis: everything below T1 is its part, so nothing is marked
    whole = to_dot(amap, only=below(amap, "T1"))
    assert "more not drawn" not in whole
    with pytest.raises(KeyError):
        below(amap, "C99")
