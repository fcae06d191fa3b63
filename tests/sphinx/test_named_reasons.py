"""The Sphinx entries name a named reason by its name."""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp

pytest.importorskip("sphinx.ext.graphviz")


@pytest.mark.sphinx("html", testroot="named", freshenv=True)
def test_entries_name_the_reasons(app: SphinxTestApp) -> None:
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<em>structural</em>: " in page  # T1's reason list
    assert "<em>trade</em>: " in page
    assert "reason trade of " in page  # O1's Undercuts field
    assert "(reason structural)" in page  # E1's Supports field
    code = '<code class="docutils literal notranslate"><span class="pre">trade</span></code>'
    assert f"reason {code} undercut by" in page  # the Weighed field
