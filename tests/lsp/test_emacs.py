"""A second real editor as the client: batch Emacs with eglot (Debian's emacs-nox, elpa-eglot)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
EMACS = shutil.which("emacs")
EGLOT = Path("/usr/share/emacs/site-lisp/elpa").glob("eglot-*")

pytestmark = pytest.mark.skipif(
    EMACS is None or not any(EGLOT),
    reason="Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)",
)


def test_eglot_gets_diagnostics_definitions_and_hovers(article: Path, tmp_path: Path) -> None:
    assert EMACS is not None
    out = tmp_path / "received.el"
    env = os.environ | {
        "ARGMAP_LSP_CMD": f"{sys.executable} -m argmap.lsp",
        "ARGMAP_FILE": str(article / "arguments" / "thesis.yaml"),
        "ARGMAP_DEFINITION_OF": "C-distancing",
        "ARGMAP_OUT": str(out),
        "HOME": str(tmp_path),  # nothing of the user's Emacs set-up is read or written
    }
    subprocess.run(
        [EMACS, "--batch", "-Q", "-l", str(HERE / "eglot_client.el")],
        env=env,
        cwd=article,
        timeout=60,
        check=True,
        capture_output=True,
    )
    received, definitions, hover = out.read_text(encoding="utf-8").splitlines()
    assert received.endswith('/arguments/thesis.yaml" . 9))')  # as `argmap check` finds
    assert definitions == '(("local.yaml" 24))'
    assert hover == '"**claim** `C-distancing` · **IN**"'
