"""A real editor as the client: headless Neovim with its built-in LSP client."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
NVIM = shutil.which("nvim")
#: What Neovim runs once the file is open: wait for diagnostics, write them down, quit.
REPORT = "lua ArgmapReport()"

pytestmark = pytest.mark.skipif(
    NVIM is None, reason="Neovim (`nvim`) is not installed; scripts/setup.sh installs it"
)


def test_neovim_receives_the_diagnostics_of_argmap_check(article: Path, tmp_path: Path) -> None:
    assert NVIM is not None
    out = tmp_path / "received.json"
    opened = article / "arguments" / "objections.yaml"
    env = os.environ | {
        "ARGMAP_NVIM_OUT": str(out),
        "ARGMAP_LSP_CMD": json.dumps([sys.executable, "-m", "argmap.lsp"]),
        "ARGMAP_ROOT": str(article),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's log goes there, not to $HOME
    }
    init = HERE / "nvim_init.lua"
    subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init), str(opened), "-c", REPORT],
        env=env,
        cwd=article,
        timeout=60,
        check=True,
        capture_output=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["ok"], "no diagnostics reached Neovim"
    (received,) = [r for r in report["received"] if r["uri"].endswith("/objections.yaml")]
    got = sorted(
        (d["range"]["start"]["line"] + 1, d["code"], d["message"]) for d in received["diagnostics"]
    )
    check = ["check", str(article / "arguments"), "--format", "json", "--no-cache"]
    checked = subprocess.run(
        [sys.executable, "-m", "argmap", *check],
        capture_output=True,
        text=True,
        check=False,
    )
    expected = sorted(
        (d["line"], d["code"], f"{d['name']}: {d['message']}")
        for d in json.loads(checked.stdout)
        if d["file"].endswith("objections.yaml")
    )
    assert got == expected
    assert report["shown"] == len(expected)  # vim.diagnostic holds them for the buffer
