"""The GitHub Action (action.yml): its shape, the command it runs, and its steps run here.

GitHub itself is not at hand, so the last test runs the action's shell steps with bash as a
runner would (``RUNNER_TEMP``, ``GITHUB_ACTION_PATH``, ``GITHUB_OUTPUT``, the inputs through
``env:``), installing argmap from a copy of this checkout with pip, and so from PyPI: a
slower integration test, marked ``integration``.
"""

from __future__ import annotations

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
ACTION = ROOT / "action.yml"
# The only expressions the action uses: an input, or a step's output.
EXPRESSION = re.compile(r"\$\{\{\s*(inputs\.[\w-]+|steps\.[\w-]+\.outputs\.[\w-]+)\s*\}\}")


def _action() -> dict[str, Any]:
    action: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return action


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _action()["runs"]["steps"]
    return steps


def _check_command(args: str) -> list[str]:
    """The words after the argmap executable in the action's check step, with ``args``."""
    script = _steps()[-1]["run"]
    line = next(line for line in script.splitlines() if '"$ARGMAP"' in line)
    words = shlex.split(line)
    assert words[0] == "$ARGMAP"
    assert words[-1] == "$ARGS"
    return [*words[1:-1], *args.split()]


def test_the_action_is_composite_with_its_inputs() -> None:
    action = _action()
    assert action["name"] == "argmap"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert set(inputs) == {"args", "package", "python-version"}
    assert all(spec["description"] and spec["required"] is False for spec in inputs.values())
    assert inputs["args"]["default"] == ""  # every map of the repository
    assert inputs["package"]["default"] == ""  # the action's own checkout
    assert inputs["python-version"]["default"] == "3.11"


def test_python_is_set_up_without_changing_the_callers_path() -> None:
    setup = _steps()[0]
    assert setup["uses"].startswith("actions/setup-python@v")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert setup["with"]["update-environment"] is False


def test_argmap_is_installed_from_the_actions_checkout_unless_told() -> None:
    install = _steps()[1]["run"]
    assert '"${PACKAGE:-$GITHUB_ACTION_PATH}"' in install
    assert "-m pip install" in install


def test_inputs_reach_the_shell_only_through_env() -> None:
    for step in _steps():
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], step["name"]  # no input spliced into a script
            for value in step.get("env", {}).values():
                assert EXPRESSION.fullmatch(value), value


@pytest.mark.parametrize("args", ["", "arguments --exit-zero", "--select AM004 chapters/a.yaml"])
def test_argmap_accepts_the_actions_command(args: str) -> None:
    words = _check_command(args)
    assert words[:3] == ["check", "--output-format", "github"]
    parsed, extra = cli._parser().parse_known_args(words)
    assert extra == []
    assert parsed.command is cli._check
    assert parsed.output_format == "github"


MAP = """\
    nodes:
      T1:
        claim: The old bridge should be rebuilt rather than repaired.
        thesis: true
        because: E1
      E1:
        evidence: Traffic over the bridge has doubled since it was built.
    """


def _expand(value: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    """Evaluate the action's expressions in an ``env:`` value as GitHub would."""

    def evaluate(match: re.Match[str]) -> str:
        parts = match.group(1).split(".")
        if parts[0] == "inputs":
            return inputs[parts[1]]
        return outputs[parts[1]][parts[3]]

    return EXPRESSION.sub(evaluate, value)


def _checkout_copy(destination: Path) -> Path:
    """Copy this checkout's files that git would keep (so pip builds outside the tree)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.mark.integration
@pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="running the action's steps needs bash, git and argmap's own git checkout",
)
def test_the_actions_steps_install_argmap_and_annotate_a_finding(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "arguments").mkdir(parents=True)
    (workspace / "arguments" / "map.yaml").write_text(textwrap.dedent(MAP), encoding="utf-8")
    (workspace / ".git").mkdir()  # the repository root, as a checkout has it
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    inputs = {name: spec["default"] for name, spec in _action()["inputs"].items()}
    inputs["args"] = "arguments"
    outputs = {"python": {"python-path": sys.executable}}
    action_path = _checkout_copy(tmp_path / "action")
    for step in _steps()[1:]:
        output_file = tmp_path / f"{step.get('id', 'step')}.output"
        output_file.touch()
        env = {
            **os.environ,
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_ACTION_PATH": str(action_path),
            "GITHUB_OUTPUT": str(output_file),
            **{key: _expand(value, inputs, outputs) for key, value in step["env"].items()},
        }
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if "id" in step:
            assert result.returncode == 0, result.stderr
            lines = output_file.read_text(encoding="utf-8").splitlines()
            outputs[step["id"]] = dict(line.split("=", 1) for line in lines)
    assert result.returncode == 1, result.stdout + result.stderr  # a warning fails the job
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::warning ")]
    assert len(annotations) == 1, result.stdout + result.stderr
    assert "file=arguments/map.yaml" in annotations[0]
    assert "AM004" in annotations[0]
