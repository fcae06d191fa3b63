"""The README's sample output is what its first command prints.

The first command runs ``scripts/article.sh``, whose check is the command the sample shows.
The sample is trimmed with ``...``: its findings must appear in the real output in the same
order, and its summary line must be the real one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _sample() -> tuple[str, list[str], str]:
    """The README's first console block: the command, the findings shown, the summary."""
    block = _CONSOLE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert block is not None, "the README has no ```console block"
    command, *lines = block.group(1).splitlines()
    assert command.startswith("$ "), command
    *findings, trimmed, summary = lines
    assert trimmed == "...", "the sample is trimmed with `...` before its summary"
    return command.removeprefix("$ "), findings, summary


def test_the_sample_is_the_command_the_main_job_runs() -> None:
    command, _, _ = _sample()
    script = (ROOT / "scripts" / "article.sh").read_text(encoding="utf-8")
    assert f".venv/bin/{command}\n" in script


def test_the_sample_output_is_the_real_output() -> None:
    command, findings, summary = _sample()
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "CLICOLOR_FORCE"}}
    done = subprocess.run(
        [sys.executable, "-m", *command.split()],
        cwd=ROOT,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    real = done.stdout.splitlines()
    assert real, done.stderr
    assert real[-1] == summary, "refresh the README's sample: the summary changed"
    shown = iter(real)
    missing = [line for line in findings if line not in shown]  # in order, as a subsequence
    assert missing == [], "refresh the README's sample: these lines are no longer printed"
