"""`argmap check` over a repository: several paths, the current folder, stdin, excludes, jobs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main

HEADER_A = """\
map:
  title: A
nodes:
  T1: {claim: a thesis, thesis: true, because: E1}
"""
PART_A = """\
nodes:
  E1: {evidence: uncited evidence of map A}
"""
MAP_B = """\
nodes:
  T1: {claim: b thesis, thesis: true, because: E1}
  E1: {evidence: uncited evidence of map B}
"""
CLEAN = """\
nodes:
  T1: {claim: t, thesis: true, because: P1}
  P1: {premise: p, cites: [{key: k, page: 1}]}
"""
BIB = "@misc{k, title = {T}}\n"
CLEAN_BIB = BIB
WORKFLOW = """\
name: CI
on: [push]
jobs:
  test: {runs-on: ubuntu-latest, steps: [{run: echo hi}]}
"""
AIF = json.dumps(
    {
        "nodes": [
            {"nodeID": "1", "text": "a claim", "type": "I"},
            {"nodeID": "2", "text": "a reason", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "1"},
        ],
    }
)
ARGDOWN = "[Claim]: Something holds.\n  + <Reason>: Because of something else.\n"


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding two maps that share ids, an AIF file, an Argdown file, a workflow
    YAML and an excluded folder; the current folder is its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nexclude = ["drafts/"]\n')
    a = tmp_path / "a"
    a.mkdir()
    (a / "main.yaml").write_text(HEADER_A)
    (a / "part.yaml").write_text(PART_A)
    b = tmp_path / "b"
    b.mkdir()
    (b / "map.yaml").write_text(MAP_B)
    (tmp_path / "debate.json").write_text(AIF)
    (tmp_path / "debate.argdown").write_text(ARGDOWN)
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yaml").write_text(WORKFLOW)
    (tmp_path / "ci.yml").write_text(WORKFLOW)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "broken.yaml").write_text("nodes:\n  X: {claim: [unclosed\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files_of(out: str) -> set[str]:
    return {line.split(":", 1)[0] for line in out.splitlines() if ": AM" in line}


@pytest.mark.usefixtures("repository")
def test_no_path_checks_every_map_of_the_current_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--jobs", "1")
    assert (code, err) == (1, "")
    # both maps sharing ids are checked apart: no duplicate-id error, each its own finding
    assert {"a/part.yaml", "b/map.yaml"} <= files_of(out)
    assert "duplicate" not in out
    # the AIF and Argdown files are maps of their own; the workflow YAML and drafts/ are not
    assert "debate.json" in files_of(out) or "debate.argdown" in files_of(out)
    assert "drafts" not in out
    assert "ci.y" not in out


@pytest.mark.usefixtures("repository")
def test_several_paths_and_a_file_standing_for_its_map(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "a/main.yaml", "a/part.yaml", "b")
    assert code == 1
    # a/ is reported once, whole, though two of its files were named
    assert out.count("uncited evidence") == 0  # messages name ids, not texts
    lines = [line for line in out.splitlines() if ": AM004" in line]
    assert sorted(line.split(":")[0] for line in lines) == ["a/part.yaml", "b/map.yaml"]


@pytest.mark.usefixtures("repository")
def test_one_path_checks_only_its_map(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "b/map.yaml")
    assert code == 1
    assert files_of(out) == {"b/map.yaml"}


@pytest.mark.usefixtures("repository")
def test_named_excluded_file_is_still_checked(capsys: pytest.CaptureFixture[str]) -> None:
    """As in ruff, exclude applies to what is found by walking, not to a file named."""
    code, _, err = run(capsys, "check", "drafts/broken.yaml")
    assert code == 2
    assert err.startswith("drafts/broken.yaml:3:1: error: YAML syntax error")


@pytest.mark.usefixtures("repository")
def test_exclude_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--extend-exclude", "b/,*.json,*.argdown")
    assert code == 1
    assert files_of(out) == {"a/part.yaml"}
    # --exclude replaces the settings' patterns: drafts/ is walked again, and fails to load
    code, _, err = run(capsys, "check", "--exclude", "b/")
    assert code == 2
    assert "drafts/broken.yaml" in err


@pytest.mark.usefixtures("repository")
def test_path_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "b", "missing")
    assert code == 2
    assert "missing" in err
    assert "b/map.yaml" in out  # what could be read is still reported


def test_a_folder_with_no_map(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repository / "empty").mkdir()
    code, out, err = run(capsys, "check", "empty")
    assert (code, out) == (2, "")
    assert "holds no map" in err


@pytest.mark.usefixtures("repository")
def test_jobs_give_the_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    one = run(capsys, "check", "--jobs", "1", "--extend-exclude", "drafts/")
    two = run(capsys, "check", "--jobs", "2")
    assert one == two
    assert one[0] == 1


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--jobs", "0"])
    assert stop.value.code == 2
    assert "whole number from 1" in capsys.readouterr().err


def test_text_needs_one_map(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repository / "text.txt").write_text("One.\n\nTwo.\n")
    code, _, err = run(capsys, "check", "--text", "text.txt")
    assert code == 2
    assert "--text needs one" in err
    code, out, _ = run(capsys, "check", "b", "--text", "text.txt")
    assert code == 1
    assert "AM015" in out  # paragraph 2 of the text is mapped by no node


# -- standard input ---------------------------------------------------------------------------


def feed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


@pytest.mark.usefixtures("repository")
def test_stdin_is_read_as_one_map_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, MAP_B)
    code, out, _ = run(capsys, "check", "-")
    assert code == 1
    assert out.startswith("-:3:3: AM004 uncited-evidence")


def test_stdin_filename_names_it_for_locations_and_its_map(
    repository: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's unsaved a/part.yaml: the rest of map A is read from disk."""
    feed(monkeypatch, "nodes:\n  E1: {evidence: e, cites: [{key: k, page: 2}]}\n")
    (repository / "a" / "references.bib").write_text(BIB)
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "a/part.yaml")
    assert code == 0, out
    feed(monkeypatch, PART_A)
    code, out, _ = run(capsys, "check", "--stdin-filename", "a/part.yaml")
    assert code == 1
    assert out.startswith("a/part.yaml:2:3: AM004")


def test_stdin_filename_of_a_new_file(
    repository: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, CLEAN)
    (repository / "new").mkdir()
    (repository / "new" / "references.bib").write_text(BIB)
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "new/map.yaml")
    assert (code, out) == (0, "No problems found.\n")


@pytest.mark.usefixtures("repository")
def test_stdin_that_is_no_map(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, WORKFLOW)
    code, out, err = run(capsys, "check", "-")
    assert (code, out) == (2, "")
    assert err.startswith("-:1:1: error: standard input holds no map")


@pytest.mark.usefixtures("repository")
def test_stdin_beside_other_paths_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "-", "b")
    assert code == 2
    assert "cannot be named beside" in err


@pytest.mark.usefixtures("repository")
def test_stdin_over_the_size_limit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMAP_MAX_FILE_SIZE", "64")
    feed(monkeypatch, MAP_B * 4)
    code, _, err = run(capsys, "check", "-")
    assert code == 2
    assert "standard input is over 64 bytes" in err


@pytest.mark.usefixtures("repository")
def test_stdin_through_a_real_pipe() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "-", "--stdin-filename", "b/map.yaml"],
        input=MAP_B,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert done.stdout.startswith("b/map.yaml:3:3: AM004")


# -- settings ---------------------------------------------------------------------------------


def test_show_settings_says_where_they_came_from(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--show-settings", "--ignore", "AM01")
    assert code == 0
    assert f"settings file: {repository / 'pyproject.toml'}" in out
    assert "exclude: drafts/" in out
    assert "ignore: AM01" in out
    assert "AM010" not in out.split("rules in force:")[1].split("\n")[0]
    assert "  a (yaml): a/main.yaml, a/part.yaml" in out
    assert "drafts" not in out.split("Maps:")[1]


def test_show_settings_without_a_settings_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--show-settings", "--select", "ALL")
    assert code == 0
    assert "settings file: (none: the defaults)" in out
    assert "select: ALL (--select)" in out


# -- what pre-commit names --------------------------------------------------------------------


@pytest.mark.usefixtures("repository")
def test_force_exclude_passes_over_what_a_walk_leaves(capsys: pytest.CaptureFixture[str]) -> None:
    named = ["ci.yml", ".github/workflows/ci.yaml", "drafts/broken.yaml", "b/map.yaml"]
    code, out, err = run(capsys, "check", "--force-exclude", *named)
    assert (code, err) == (1, "")
    assert files_of(out) == {"b/map.yaml"}
    # without the flag, the named workflow is an error, and so is the broken draft
    code, _, err = run(capsys, "check", *named)
    assert code == 2
    assert "ci.yml" in err
    assert "drafts/broken.yaml" in err


@pytest.mark.usefixtures("repository")
def test_force_exclude_with_nothing_left(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--force-exclude", "ci.yml", "drafts/broken.yaml")
    assert (code, out) == (0, "")
    assert err == "note: no map to check among the paths named\n"


def test_force_exclude_honours_gitignore(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repository / ".gitignore").write_text("b/\n")
    code, out, _ = run(capsys, "check", "--force-exclude", "b/map.yaml", "a/part.yaml")
    assert code == 1
    assert files_of(out) == {"a/part.yaml"}


def test_a_bibliography_stands_for_its_projects_maps(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repository / "references.bib").write_text(CLEAN_BIB)
    code, out, _ = run(capsys, "check", "--force-exclude", "references.bib")
    assert code == 1
    assert {"a/part.yaml", "b/map.yaml"} <= files_of(out)
    assert "drafts" not in out


def test_a_pyproject_stands_for_the_maps_under_its_folder(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repository / "b" / "pyproject.toml").write_text("[tool.argmap]\nignore = []\n")
    code, out, _ = run(capsys, "check", "b/pyproject.toml")
    assert code == 1
    assert files_of(out) == {"b/map.yaml"}


def test_an_export_imported_into_another_folder_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18.3: `import -o DIR` rewrites the bibliography path relative to DIR."""
    root = Path(__file__).resolve().parent.parent
    exported = tmp_path / "out" / "article.argdown"
    exported.parent.mkdir()
    assert (
        run(capsys, "export", str(root / "arguments"), "--to", "argdown", "-o", str(exported))[0]
        == 0
    )
    _, before, _ = run(capsys, "check", "--statistics", str(root / "arguments"))
    target = tmp_path / "elsewhere" / "deeper"
    assert run(capsys, "import", str(exported), "-o", str(target))[0] == 0
    code, after, err = run(capsys, "check", "--statistics", str(target))
    assert (code, err) == (1, "")
    assert after == before


@pytest.mark.usefixtures("repository")
def test_what_discovery_passes_over_is_said_once_as_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("b/utf16.json").write_bytes(AIF.encode("utf-16"))
    code, out, err = run(capsys, "check", "--no-cache", "b")
    assert code == 1
    assert err.count("note: passed over") == 1
    assert (
        "note: passed over `b/utf16.json`: the file is not valid UTF-8 (byte 0xff) at 1:1, "
        "so not read as a map\n"
    ) in err
    assert "utf16.json" not in out
    _, _, quiet = run(capsys, "check", "--no-cache", "-q", "b")
    assert "passed over" not in quiet
    _, settings, _ = run(capsys, "check", "--show-settings", "b")
    assert settings.endswith(
        "Passed over:\n  b/utf16.json: the file is not valid UTF-8 (byte 0xff) at 1:1, "
        "so not read as a map\n"
    )


@pytest.mark.usefixtures("repository")
def test_a_named_file_that_is_not_utf8_is_an_error_not_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("b/utf16.json").write_bytes(AIF.encode("utf-16"))
    code, _, err = run(capsys, "check", "--no-cache", "b/utf16.json")
    assert code == 2
    assert err == (
        "b/utf16.json:1:1: error: the file is not valid UTF-8 (byte 0xff); re-save it as UTF-8; "
        "argmap does not guess other encodings\n"
    )


@pytest.mark.usefixtures("repository")
def test_nothing_passed_over_gives_no_note(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--no-cache", "b")
    assert code == 1
    assert "note:" not in err
    _, settings, _ = run(capsys, "check", "--show-settings", "b")
    assert "Passed over:" not in settings


SADFACE = json.dumps(
    {"nodes": [{"id": "a1", "type": "atom", "text": "x"}], "edges": [], "metadata": {}}
)


@pytest.mark.usefixtures("repository")
def test_other_json_graphs_with_nodes_are_not_read_as_aif(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("b/sadface.json").write_text(SADFACE)
    code, out, err = run(capsys, "check", "--no-cache", "b")
    assert code == 1
    assert "sadface" not in out + err
    code, _, err = run(capsys, "check", "--no-cache", "b/sadface.json")
    assert code == 2
    assert "not a map: JSON that is neither AIF (a `nodes` list of objects with a `nodeID`)" in err
    Path("b/empty.json").write_text('{"nodes": [], "edges": []}')  # an empty AIF nodeset
    code, _, err = run(capsys, "check", "--no-cache", "b/empty.json")
    assert "not a map" not in err
