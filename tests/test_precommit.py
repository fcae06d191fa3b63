"""argmap as a pre-commit hook: its manifest, and pre-commit itself running it on a small
repository made here.

The last tests are slow (marked ``integration``; they run in the default ``pytest``, as in CI):
``pre-commit try-repo`` installs argmap from this repository into a virtualenv of its own,
with pip and so from PyPI, once per run (try-repo keeps its environments in a temporary store
of its own, about 10 s each). ``PRE_COMMIT_HOME`` points at a folder of this test session so
that nothing is written to the user's home. With uncommitted changes here, try-repo installs
a shadow commit of the tracked files as they are on disk (new, untracked files are left out).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap import cli

ROOT = Path(__file__).resolve().parents[1]

_needs_pre_commit = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None and shutil.which("pre-commit") is None,
    reason="pre-commit is not installed (pip install pre-commit, or argmap[test])",
)
_needs_checkout = pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("git") is None,
    reason="pre-commit try-repo needs git and argmap's own git checkout",
)


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["argmap"]
    hook: dict[str, Any] = hooks[0]
    return hook


def test_the_hook_runs_argmap_check_once_on_the_files_pre_commit_names() -> None:
    hook = _hook()
    assert hook["name"] == "argmap"
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["argmap", "check"]
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True  # one run sees all files: each map reported once


@pytest.mark.parametrize(
    ("name", "passed"),
    [
        ("arguments/map.yaml", True),
        ("chapters/two/Map.YML", True),
        ("corpus/nodeset1.json", True),
        ("debate.argdown", True),
        ("debate.ad", True),
        ("arguments/references.bib", True),
        ("pyproject.toml", True),
        ("sub/project/pyproject.toml", True),
        ("paper.tex", False),
        ("README.md", False),
        ("notpyproject.toml", False),
        ("map.yaml.orig", False),
    ],
)
def test_the_hook_is_given_the_files_argmap_reads(name: str, *, passed: bool) -> None:
    # pre-commit matches `files` with re.search against paths relative to the repository.
    assert bool(re.search(_hook()["files"], name)) is passed


def test_argmap_accepts_the_hooks_command() -> None:
    words = [*shlex.split(_hook()["entry"])[1:], "arguments/map.yaml", "references.bib"]
    parsed, extra = cli._parser().parse_known_args(words)
    assert extra == []
    assert parsed.command is cli._check
    assert parsed.force_exclude is True


HEADER = """\
    map:
      title: Why the bridge should be rebuilt
      bibliography: references.bib

    nodes:
      T1:
        claim: The old bridge should be rebuilt rather than repaired.
        thesis: true
        because: E1
    """
EVIDENCE = """\
    nodes:
      E1:
        evidence: The survey found corrosion in most of the main girders.
        cites: [{key: survey2020, page: 4}]
    """
UNCITED = """\

      E2:
        evidence: Traffic over the bridge has doubled since it was built.
    """
BIBLIOGRAPHY = """\
    @techreport{survey2020,
      author      = {Roads Office},
      title       = {Condition Survey of the Old Bridge},
      institution = {Roads Office},
      year        = {2020},
    }
    """
# Files of the repository that are no map, or excluded, and that pre-commit passes to the hook.
OTHERS = {
    ".github/workflows/check.yml": """\
        name: check
        on: [push, pull_request]
        jobs:
          argmap:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
        """,
    "environment.yml": """\
        name: bridge
        dependencies: [python=3.11]
        """,
    "package.json": '{"name": "bridge", "version": "1.0.0"}\n',
    "pyproject.toml": """\
        [tool.argmap]
        exclude = ["drafts/"]
        """,
    # An excluded draft with a finding of its own: named by pre-commit, it is passed over.
    "drafts/wip.yaml": """\
        nodes:
          D1:
            evidence: Someone said the bridge sways in the wind.
        """,
}


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's home for this test session, outside the user's home."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=argmap tests",
            "-c",
            "user.email=tests@argmap.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _repository(tmp_path: Path, *, finding: bool) -> Path:
    """A committed repository: a two-file map with its bibliography, and the OTHERS."""
    repo = tmp_path / "paper"
    files = {
        "arguments/map.yaml": HEADER.replace("because: E1", "because: [E1, E2]")
        if finding
        else HEADER,
        "arguments/evidence.yaml": EVIDENCE + UNCITED if finding else EVIDENCE,
        "arguments/references.bib": BIBLIOGRAPHY,
        **OTHERS,
    }
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    _git(repo, "init", "--quiet")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "the paper's argument")
    return repo


def _try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """Run the hook ``argmap`` from this repository on ``files`` (default: all files)."""
    if importlib.util.find_spec("pre_commit") is not None:
        command = [sys.executable, "-m", "pre_commit"]
    else:
        command = [str(shutil.which("pre-commit"))]
    chosen = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [*command, "try-repo", str(ROOT), "argmap", "--color=never", *chosen],
        cwd=repo,
        env={**os.environ, "PRE_COMMIT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.integration
@_needs_pre_commit
@_needs_checkout
def test_a_clean_map_passes_beside_files_that_are_no_maps(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = _repository(tmp_path, finding=False)
    result = _try_repo(repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "argmap" in output
    assert "Passed" in output


@pytest.mark.integration
@_needs_pre_commit
@_needs_checkout
def test_a_finding_fails_the_hook_and_is_reported_once(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = _repository(tmp_path, finding=True)
    result = _try_repo(repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    # The map is named by three of its files and by pyproject.toml, and reported once.
    assert output.count("AM004 uncited-evidence") == 1, output
    assert "arguments/evidence.yaml" in output
    assert "drafts/wip.yaml" not in output  # excluded in [tool.argmap]


@pytest.mark.integration
@_needs_pre_commit
@_needs_checkout
def test_committing_only_files_that_are_no_maps_passes(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    repo = _repository(tmp_path, finding=True)
    result = _try_repo(
        repo, pre_commit_home, ".github/workflows/check.yml", "environment.yml", "package.json"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output  # it ran: the files match the hook's `files`
    assert "AM004" not in output
