"""Sphinx configuration for argmap's documentation.

Build it as CI does: ``.venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
from importlib.metadata import version as _version
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

project = "argmap"
author = "the argmap authors"
copyright = "the argmap authors"  # Sphinx's name for it
release = _version("argmap")
version = release

extensions = [
    "argmap.sphinx",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = "argmap"
html_theme_options = {"page_width": "1240px", "sidebar_width": "220px", "body_max_width": "none"}
graphviz_output_format = "svg"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# The article's text lives beside the repository, in ../shared. When it is there the article's
# map is checked against it (paragraph coverage); without it the docs build all the same.
_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_0a37a20204519f86.txt"
argmap_texts = {"article2025": str(_ARTICLE)} if _ARTICLE.is_file() else {}

# The article's map has real gaps and its page shows them on purpose; these findings are
# expected and do not fail the build. Any other kind of finding, or a broken reference, does.
suppress_warnings = [
    "argmap.uncited-evidence",
    "argmap.unanswered-objection",
    "argmap.unsupported-claim",
    "argmap.ungrounded-claim",
    "argmap.defeated-claim",
    "argmap.double-counted-premise",
]


#: The repository: commands shown in the docs run from here, as a reader would run them.
ROOT = Path(__file__).resolve().parents[1]


class RunArgmap(SphinxDirective):
    """``.. argmap-run:: check examples/first-map``: run the CLI and show what it prints.

    The command runs from the repository root, with a fixed terminal width and no colour, so
    the pages always show what this version of argmap prints. A usage error or unreadable
    input (exit status 2) is a warning, so a command the docs get wrong fails the build.
    """

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        from argmap.cli import main  # noqa: PLC0415 - imported when the directive runs

        argv = shlex.split(self.arguments[0])
        output = io.StringIO()
        saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR")}
        os.environ.update({"COLUMNS": "92", "NO_COLOR": "1"})
        cwd = Path.cwd()
        os.chdir(ROOT)
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                try:
                    status = main(argv)
                except SystemExit as exit_:
                    status = exit_.code if isinstance(exit_.code, int) else 0
        finally:
            os.chdir(cwd)
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        if status == 2:
            logger.warning(
                "`argmap %s` failed: %s",
                self.arguments[0],
                output.getvalue().strip(),
                location=self.get_location(),
            )
        text = f"$ argmap {self.arguments[0]}\n{output.getvalue().rstrip()}"
        return [nodes.literal_block(text, text, language="console")]


def setup(app: Sphinx) -> None:
    app.add_directive("argmap-run", RunArgmap)
