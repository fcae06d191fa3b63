"""A map in a Jupyter notebook: ``ArgumentMap._repr_html_`` and ``argmap.render.to_svg``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import ArgumentMap, load
from argmap.model import Attack, Claim, Evidence, Objection, Reason

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "first-map"


def hostile_map() -> ArgumentMap:
    return ArgumentMap(
        title="<script>alert(1)</script> & co",
        nodes=(
            Claim(
                id="T1", text="<b>bold</b> & \x1b[31mred", thesis=True, reasons=(Reason(("E1",)),)
            ),
            Evidence(id="E1", text="e"),
            Objection(id="O1", text="o", attacks=(Attack("T1"),)),
        ),
    )


def test_a_map_shows_counts_theses_with_labels_and_findings() -> None:
    page = load(EXAMPLE)._repr_html_()
    assert page.startswith('<div class="argmap-map">')
    assert "<h3>Why small states diversify their arms suppliers (example)</h3>" in page
    assert "9 nodes: 1 thesis, 2 claims, 2 evidence, 2 premises, 1 assumption, 1 objection." in page
    assert "8 IN, 1 OUT, 0 UNDEC" in page
    assert '<code>T1</code></td><td style="text-align:left"><b style="color:#2e7d32">IN</b>' in page
    assert "its attacker `O1` is answered by `C2`" in page
    assert "<code>AM012</code> rests-on-assumption" in page
    assert page == load(EXAMPLE)._repr_html_()


def test_every_text_is_escaped() -> None:
    page = hostile_map()._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in page
    assert "\x1b" not in page
    assert '<b style="color:#c62828">OUT</b>' in page  # O1 is unanswered: T1 falls


def test_a_map_without_thesis_or_findings_says_so(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "nodes:\n  T: {claim: t, thesis: true, because: E}\n"
        "  E: {evidence: e, cites: [{key: k, page: 1}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "references.bib").write_text("@book{k, title = {K}, year = {2000}}\n")
    page = load(tmp_path)._repr_html_()
    assert "<p>No problems found.</p>" in page
    assert "<table>" in page  # the theses
    nothing = ArgumentMap(nodes=(Claim(id="C", text="c"),))._repr_html_()
    assert "The map marks no thesis." in nothing
    assert "AM010" in nothing


def test_importing_argmap_does_not_import_the_renderer() -> None:
    code = "import sys, argmap; print(sorted(m for m in sys.modules if 'render' in m))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_to_svg_draws_the_map_with_its_labels() -> None:
    from argmap.acceptability import weigh
    from argmap.render import to_svg

    amap = load(EXAMPLE)
    svg = to_svg(amap, labels=weigh(amap).labels)
    assert "<svg" in svg
    assert 'id="T1"' in svg
    assert ">IN<" in svg
