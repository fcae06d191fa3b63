"""Citation styles (issue 18.13): ``argmap_citation_style`` in conf.py, checked, three styles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from argmap.model import Source
from argmap.sphinx._citations import cite, style_entries

pytest.importorskip("sphinx.ext.graphviz")

_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def warnings_of(app: SphinxTestApp) -> str:
    return _ESCAPE.sub("", app.warning.getvalue())


def html(app: SphinxTestApp, page: str) -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_author_year_is_the_default(app: SphinxTestApp) -> None:
    app.build()
    assert "Walt 1987, chap. 2" in text_of(html(app, "map"))
    sources = text_of(html(app, "sources"))
    assert "Walt, Stephen M. 1987. The Origins of Alliances." in sources
    assert "[1]" not in sources


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    warningiserror=True,
    keep_going=True,
    confoverrides={"argmap_citation_style": "numeric"},
)
def test_numeric_style_numbers_the_bibliography_and_the_citations(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    sources = text_of(html(app, "sources"))
    # pybtex's plain style: sorted by author, numbered, names first-last, year at the end
    assert "[1] Stephen M. Walt. The Origins of Alliances." in sources
    assert "[2] Kenneth N. Waltz. Theory of International Politics." in sources
    entries = text_of(html(app, "map"))
    assert "[1, chap. 2]" in entries
    assert "[2, p. 4]" in entries
    assert "[1, p. 17]" in entries
    assert "Walt 1987" not in entries
    assert "<em>The Origins of Alliances</em>" in html(app, "sources")


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    warningiserror=True,
    keep_going=True,
    confoverrides={"argmap_citation_style": "alpha"},
)
def test_alpha_style_labels_by_author_and_year(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert "[Wal87] Stephen M. Walt." in text_of(html(app, "sources"))
    assert "[Wal79] Kenneth N. Waltz." in text_of(html(app, "sources"))
    assert "[Wal87, chap. 2]" in text_of(html(app, "map"))


@pytest.mark.sphinx(
    "html", testroot="basic", freshenv=True, confoverrides={"argmap_citation_style": "alpha"}
)
def test_source_role_is_captioned_with_the_label(app: SphinxTestApp) -> None:
    app.build()
    other = text_of(html(app, "other"))
    assert "[Wal87]" in other or "[Wal79]" in other


@pytest.mark.parametrize("value", ["harvard", "", "Numeric"])
def test_an_unknown_style_is_one_warning_and_the_default_is_used(
    value: str, make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"argmap_citation_style": value})
    assert app.config.argmap_citation_style == "author-year"
    app.build()
    found = app.warning.getvalue()
    assert found.count("is not a citation style") == 1
    assert f"argmap_citation_style = {value!r} is not a citation style, so 'author-year'" in found
    assert "[argmap.bad-config]" in found
    assert "Traceback" not in found
    assert "Walt 1987" in text_of(html(app, "other")) or "Walt 1979" in text_of(html(app, "other"))


def test_a_known_style_gives_no_warning(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"argmap_citation_style": "numeric"})
    app.build()
    assert "citation style" not in app.warning.getvalue()


@pytest.mark.parametrize("style", ["author-year", "numeric", "alpha"])
def test_sphinxcontrib_bibtex_alongside_builds_clean_in_every_style(
    style: str, make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "bibtex"
    shutil.copytree(rootdir / "test-bibtex", srcdir)
    app = make_app(
        "html",
        srcdir=srcdir,
        warningiserror=True,
        keep_going=True,
        confoverrides={"argmap_citation_style": style},
    )
    app.build()
    assert warnings_of(app) == ""
    assert app.statuscode == 0


def _source(key: str, entry_type: str, **fields: str) -> Source:
    return Source(key=key, entry_type=entry_type, fields=fields)


def test_biblatex_types_and_fields_reach_pybtex_templates() -> None:
    records = {
        "loh": (
            _source(
                "loh",
                "thesis",
                author="Loh, Nin",
                title="Ropes",
                school="Uni",
                date="1992-03",
            ),
            "argmap's own",
            "Loh 1992",
        ),
        "web": (_source("web", "online", title="A Page", url="https://a.example"), "own", "web"),
    }
    entries = {entry.key: entry for entry in style_entries("numeric", records)}
    assert entries["loh"].body is not None
    assert entries["loh"].reference.startswith("Nin Loh. Ropes. PhD thesis, Uni, 1992.")
    assert entries["web"].body is not None
    assert "https://a.example" in entries["web"].reference


def test_an_entry_pybtex_cannot_format_keeps_argmaps_text_with_its_label() -> None:
    broken = _source("aksin", "article", author="Aksin, Özge", title="Effects", year="2006")
    records = {"aksin": (broken, "Aksin, Özge. 2006. Effects.", "Aksin 2006")}
    (entry,) = style_entries("alpha", records)
    assert entry.body is None  # pybtex's article needs a journal
    assert entry.reference == "Aksin, Özge. 2006. Effects."
    assert entry.label == "Aks06"


def test_author_year_entries_are_argmaps_own_sorted_by_reference() -> None:
    records = {
        "b": (None, "Zeta, A. 2001. Z.", "Zeta 2001"),
        "a": (None, "Alpha, B. 1999. A.", "Alpha 1999"),
    }
    assert [(e.key, e.label) for e in style_entries("author-year", records)] == [
        ("a", "Alpha 1999"),
        ("b", "Zeta 2001"),
    ]


@pytest.mark.parametrize(
    ("style", "locator", "shown"),
    [
        ("author-year", "", "Walt 1987"),
        ("author-year", "p. 4", "Walt 1987, p. 4"),
        ("numeric", "", "[Walt 1987]"),
        ("alpha", "chap. 2", "[Walt 1987, chap. 2]"),
    ],
)
def test_citations_are_bracketed_in_the_labelled_styles(
    style: str, locator: str, shown: str
) -> None:
    assert cite(style, "Walt 1987", locator) == shown
