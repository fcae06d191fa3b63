"""Unresolved ``arg`` references go through Sphinx's missing-reference machinery (issue 18.11).

Another project's inventory (intersphinx) may resolve them; ``nitpick_ignore`` and
``nitpick_ignore_regex`` silence them; the generated links inside entries never warn.
"""

from __future__ import annotations

import re

import pytest
from sphinx.testing.util import SphinxTestApp

pytest.importorskip("sphinx.ext.graphviz")

_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def warnings_of(app: SphinxTestApp) -> str:
    return _ESCAPE.sub("", app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="intersphinx", freshenv=True)
def test_another_projects_inventory_resolves_a_node_and_a_source(app: SphinxTestApp) -> None:
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="https://other.invalid/map.html#arg-node-X9"' in page
    assert 'href="https://other.invalid/sources.html#arg-source-walt1987"' in page
    found = warnings_of(app)
    assert "X9" not in found
    assert "walt1987" not in found
    assert re.search(r"index\.rst:6: WARNING: unknown argument node `C22`", found)
    assert found.count("WARNING") == 1


@pytest.mark.sphinx(
    "html",
    testroot="intersphinx",
    freshenv=True,
    warningiserror=True,
    keep_going=True,
    confoverrides={"nitpicky": True, "nitpick_ignore": [("arg:node", "C22")]},
)
def test_intersphinx_and_nitpick_ignore_pass_dash_w(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert warnings_of(app) == ""


@pytest.mark.sphinx(
    "html",
    testroot="unresolved",
    freshenv=True,
    confoverrides={
        "nitpicky": True,
        "nitpick_ignore": [("arg:node", "C22"), ("arg:source", "walt1987")],
    },
)
def test_nitpick_ignore_silences_unresolved_references(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""


@pytest.mark.sphinx(
    "html",
    testroot="unresolved",
    freshenv=True,
    confoverrides={"nitpick_ignore": [("arg:node", "C22")]},
)
def test_nitpick_ignore_silences_without_nitpicky_too(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert "C22" not in found
    assert "no `arg:bibliography`" in found  # the one not ignored still warns


@pytest.mark.sphinx(
    "html",
    testroot="unresolved",
    freshenv=True,
    confoverrides={"nitpicky": True, "nitpick_ignore_regex": [(r"arg:.*", r"C\d+|walt.*")]},
)
def test_nitpick_ignore_regex_silences_unresolved_references(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""


@pytest.mark.sphinx("html", testroot="unresolved", freshenv=True, confoverrides={"nitpicky": True})
def test_nitpicky_warns_once_per_unresolved_reference(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert "[argmap.unresolved-node]" in found
    assert "[argmap.no-bibliography]" in found
    assert found.count("WARNING") == 2  # Sphinx's own "reference target not found" stays out


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"nitpicky": True})
def test_generated_links_never_warn_even_when_nitpicky(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
