"""write_report and the report's contents: formats, errors, what is computed, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError, ArgumentMap
from argmap.report import ReportError, build_report, write_report
from argmap.report._data import ReasonView
from argmap.semantics import Label

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[2]


def test_write_report_picks_the_format_by_suffix(sample: ArgumentMap, tmp_path: Path) -> None:
    write_report(sample, tmp_path / "review.html")
    write_report(sample, tmp_path / "review.md")
    write_report(sample, tmp_path / "REVIEW.HTM")
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert (tmp_path / "REVIEW.HTM").read_text(encoding="utf-8") == page
    markdown = (tmp_path / "review.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Harbour fees")


@pytest.mark.parametrize(
    ("name", "shown"),
    [("review.pdf", "suffix `.pdf`"), ("review", "no suffix"), ("review.svg", "suffix `.svg`")],
)
def test_a_bad_suffix_is_a_clear_error(
    sample: ArgumentMap, tmp_path: Path, name: str, shown: str
) -> None:
    with pytest.raises(ReportError) as caught:
        write_report(sample, tmp_path / name)
    assert isinstance(caught.value, ArgmapError)
    assert str(caught.value) == (
        f"cannot tell the report format of `{tmp_path / name}` ({shown}); end it in `.html` for "
        "a page or `.md` for Markdown"
    )
    assert not (tmp_path / name).exists()


def test_a_missing_folder_or_a_folder_is_refused(sample: ArgumentMap, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"output folder .* does not exist; create it first"):
        write_report(sample, tmp_path / "nowhere" / "review.html")
    (tmp_path / "review.md").mkdir()
    with pytest.raises(ReportError, match="is a folder; give a file name"):
        write_report(sample, tmp_path / "review.md")


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    for name in ("map.yaml", "references.bib"):
        (tmp_path / name).write_bytes((DATA / "sample" / name).read_bytes())
    (tmp_path / ".git").mkdir()
    text = tmp_path / "notes.md"  # an analysed text with a report's suffix
    text.write_bytes((DATA / "sample" / "text.txt").read_bytes())
    (tmp_path / "link.md").symlink_to(text)
    amap = argmap.load(tmp_path / "map.yaml", text=text)
    before = text.read_bytes()
    for output in (text, tmp_path / "link.md"):
        with pytest.raises(ReportError, match="is one of the map's inputs; write the report"):
            write_report(amap, output)
    assert text.read_bytes() == before


def test_an_unwritable_output_is_a_report_error(sample: ArgumentMap, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root writes anywhere
            pytest.skip("this user can write into a read-only folder")
        with pytest.raises(ReportError, match=r"cannot write `.*review\.md`: permission denied"):
            write_report(sample, folder / "review.md")
    finally:
        folder.chmod(0o700)


def test_graphviz_missing_is_a_report_error(
    sample: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReportError, match=r"Graphviz `dot` not found; install it"):
        write_report(sample, tmp_path / "review.html")
    write_report(sample, tmp_path / "review.md")  # Markdown needs no Graphviz


def test_the_report_defaults_to_the_maps_text_and_a_full_check(sample: ArgumentMap) -> None:
    report = build_report(sample)
    assert report.text is sample.text
    assert [d.code for d in report.diagnostics] == [d.code for d in argmap.check(sample)]
    chosen = build_report(sample, diagnostics=[])
    assert chosen.diagnostics == ()
    assert chosen.rules == ()


def test_the_report_gathers_labels_reasons_and_coverage(sample: ArgumentMap) -> None:
    report = build_report(sample)
    assert report.status("T1").label is Label.OUT
    assert report.status("T2").label is Label.IN
    assert report.reasons(sample.node("T1")) == (
        ReasonView(1, ("C1", "E1"), Label.OUT),
        ReasonView(2, ("C2",), None),
    )
    assert report.reasons(sample.node("C1")) == (ReasonView(1, ("E2",), Label.OUT, ("O2",)),)
    assert report.rebuttals("O1") == ("C3",)
    assert report.status("O3").label is Label.UNDEC
    assert report.uncovered == (4, 6)
    assert report.paragraph_nodes[3] == ("C2", "E2", "A1", "O1", "O2")
    counts = {rule.code: rule.count for rule in report.rules}
    assert counts == {
        "AM001": 1,
        "AM004": 1,
        "AM005": 1,
        "AM006": 1,
        "AM008": 1,
        "AM009": 2,
        "AM011": 1,
        "AM013": 1,
        "AM015": 1,
        "AM017": 3,
        "AM020": 1,
    }
    assert report.label_counts == {Label.IN: 8, Label.OUT: 3, Label.UNDEC: 4}


def test_a_map_without_theses_sources_or_findings(load_map: object) -> None:
    amap = load_map("nodes:\n  C1:\n    claim: Alone.\n")  # type: ignore[operator]
    report = build_report(amap, diagnostics=[])
    assert report.sources == ()
    assert report.uncovered == ()
    from argmap.report import to_markdown
    from argmap.report._diagram import views

    markdown = to_markdown(report)
    assert "The map marks no thesis." in markdown
    assert "No findings." in markdown
    assert [view.key for view in views(report)] == [None]


def test_import_argmap_does_not_import_the_report() -> None:
    code = (
        "import sys, argmap\n"
        "assert 'argmap.report' not in sys.modules\n"
        "import argmap.report\n"
        "assert 'sphinx' not in sys.modules, 'the report imported Sphinx'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_reports_are_byte_identical_across_runs_and_hash_seeds(tmp_path: Path, suffix: str) -> None:
    code = (
        "import sys, argmap\n"
        "from argmap.report import write_report\n"
        "write_report(argmap.load('sample', text='sample/text.txt'), sys.argv[1])\n"
    )
    outputs = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"{seed}{suffix}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, cwd=DATA, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
