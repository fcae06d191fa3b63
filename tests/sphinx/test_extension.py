"""argmap.sphinx on small projects, built with Sphinx's own test fixtures.

Each check has a triggering test and a clean one; the roots are in ``roots/test-<name>/``.
"""

from __future__ import annotations

import html as html_module
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import get_args

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from argmap.rules import RULES
from argmap.sphinx._log import EXTENSION_SUBTYPES, RULE_SUBTYPES, Subtype
from argmap.sphinx.domain import ArgDomain, source_anchor

pytest.importorskip("sphinx.ext.graphviz")


def warnings_of(app: SphinxTestApp) -> str:
    return strip_escape_sequences(app.warning.getvalue())


def html(app: SphinxTestApp, page: str) -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


# --- a clean project: anchors, links, bibliography --------------------------------------------


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_clean_project_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""


@pytest.mark.sphinx("html", testroot="basic")
def test_every_node_has_an_anchor_with_its_id(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "map")
    for node_id in ("T1", "P1", "E1", "O1", "C2", "E2"):
        assert f'id="arg-node-{node_id}"' in page
    assert "The small state turns to new partners." in page


@pytest.mark.sphinx("html", testroot="basic")
def test_entries_show_reasons_attacks_answers_and_citations(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "map")
    thesis = page[page.index('id="arg-node-T1"') : page.index('id="arg-node-C2"')]
    assert 'href="#arg-node-P1"' in thesis
    assert 'href="#arg-node-E1"' in thesis
    assert "linked" in thesis
    assert "answered by" in thesis
    assert 'href="sources.html#arg-source-walt1987"' in page
    assert "Walt 1987, chap. 2</span></a>" in page


@pytest.mark.sphinx("html", testroot="basic")
def test_roles_link_across_pages(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "other")
    assert re.search(
        r'href="map.html#arg-node-T1" title="T1 \(thesis\)">'
        r'<span class="[^"]*">The small state turns to new partners.</span>',
        page,
    )
    assert ">the premise</span></a>" in page  # an explicit title is kept
    assert re.search(r'href="map.html#arg-node-E1" [^>]*><span class="[^"]*">E1</span>', page)
    assert 'href="sources.html#arg-source-walt1987"' in page
    assert ">Walt 1987</span></a>" in page


@pytest.mark.sphinx("html", testroot="basic")
def test_bibliography_lists_sources_sorted_with_back_links(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "sources")
    walt = page.index(f'id="{source_anchor("walt1987")}"')
    waltz = page.index(f'id="{source_anchor("waltz1979")}"')
    assert walt < waltz
    assert "<em>The Origins of Alliances</em>" in page
    assert "Ithaca, NY: Cornell University Press" in page
    walt_entry = page[walt:waltz]
    assert 'href="map.html#arg-node-E2"' in walt_entry
    assert 'href="map.html#arg-node-P1"' in walt_entry
    assert "P1 (chap. 2)" in walt_entry
    assert 'href="map.html#arg-node-E1"' in page[waltz:]


@pytest.mark.sphinx("html", testroot="basic")
def test_diagram_nodes_link_to_their_entries(app: SphinxTestApp, if_graphviz_found: None) -> None:
    del if_graphviz_found
    app.build()
    page = html(app, "map")
    assert 'class="graphviz arg-diagram"' in page
    assert 'href="map.html#arg-node-T1"' in page  # the image map's area for T1


@pytest.mark.sphinx("html", testroot="options", freshenv=True)
def test_focus_depth_and_no_diagram(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    page = html(app, "index")
    assert 'class="graphviz' not in page
    for shown in ("O1", "T1", "C2"):
        assert f'id="arg-node-{shown}"' in page
    for hidden in ("P1", "E1", "E2"):
        assert f'id="arg-node-{hidden}"' not in page


@pytest.mark.sphinx("html", testroot="override", freshenv=True)
def test_bibliography_and_text_options(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert "unknown-source" not in found  # the key is in the :bibliography: file
    assert re.search(r"text\.txt:3: WARNING: AM015 .*\[argmap\.uncovered-paragraph\]", found)
    assert found.count("WARNING") == 1
    page = html(app, "index")
    assert ">Keohane and Nye 1977, p. 12</span></a>" in page
    assert "Keohane, Robert O., and Joseph S. Nye. 1977. <em>Power and Interdependence</em>" in page


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_latex_builder_builds(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{map:arg-node-T1}}" in tex
    assert "Walt, Stephen M. 1987" in tex


# --- unresolved references fail -W, naming the .rst file and line ------------------------------


@pytest.mark.sphinx("html", testroot="unresolved", freshenv=True)
def test_unresolved_node_is_a_warning_at_the_rst_line(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert re.search(
        r"refs\.rst:6: WARNING: unknown argument node `C22`; did you mean `C2`\? "
        r"\[argmap\.unresolved-node\]",
        found,
    )
    assert re.search(
        r"refs\.rst:8: WARNING: no `arg:bibliography`.*\[argmap\.no-bibliography\]", found
    )
    assert found.count("WARNING") == 2  # the resolved `T1` and the map's citations are silent


@pytest.mark.sphinx(
    "html", testroot="unresolved", warningiserror=True, keep_going=True, freshenv=True
)
def test_unresolved_node_fails_a_build_with_dash_w(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode != 0
    assert "refs.rst:6" in warnings_of(app)


@pytest.mark.sphinx("html", testroot="basic", warningiserror=True, keep_going=True, freshenv=True)
def test_resolved_references_pass_a_build_with_dash_w(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0


# --- map findings are warnings at the map file, one subtype per rule ---------------------------


@pytest.mark.sphinx("html", testroot="findings", freshenv=True)
def test_findings_are_warnings_at_the_map_file_and_line(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    map_file = re.escape(str(app.srcdir / "map.yaml"))
    assert re.search(
        rf"{map_file}:9: WARNING: AM004 uncited-evidence: evidence `E1` cites no source.*"
        r"\[argmap\.uncited-evidence\]",
        found,
    )
    assert re.search(rf"{map_file}:11: WARNING: AM008 .*\[argmap\.unanswered-objection\]", found)
    assert "AM011" not in found  # a note, not a warning
    page = html(app, "index")
    assert "arg-findings" in page
    assert "AM004 uncited-evidence" in page


@pytest.mark.sphinx(
    "html", testroot="findings", confoverrides={"suppress_warnings": ["argmap.uncited-evidence"]}
)
def test_suppress_warnings_silences_one_rule(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert "uncited-evidence" not in found
    assert "[argmap.unanswered-objection]" in found


@pytest.mark.sphinx("html", testroot="findings", confoverrides={"argmap_diagnostics": False})
def test_admonitions_can_be_turned_off(app: SphinxTestApp) -> None:
    app.build()
    assert "arg-findings" not in html(app, "index")
    assert "[argmap.uncited-evidence]" in warnings_of(app)  # still reported to Sphinx


def test_subtypes_name_every_rule() -> None:
    assert {rule.name for rule in RULES} == RULE_SUBTYPES
    assert set(get_args(Subtype)) == RULE_SUBTYPES | EXTENSION_SUBTYPES


@pytest.mark.sphinx("html", testroot="broken", freshenv=True)
def test_a_map_that_does_not_load_is_a_warning_at_its_line(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert re.search(r"map\.yaml:5: WARNING: unknown id `E9`.*\[argmap\.load-error\]", found)
    assert "could not be loaded" in html(app, "index")


@pytest.mark.sphinx(
    "html", testroot="text", confoverrides={"argmap_texts": {"text2025": "uncovered.txt"}}
)
def test_analysed_text_from_config_checks_coverage(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert re.search(r"uncovered\.txt:3: WARNING: AM015 .*\[argmap\.uncovered-paragraph\]", found)


@pytest.mark.sphinx(
    "html", testroot="text", confoverrides={"argmap_texts": {"text2025": "covered.txt"}}
)
def test_covered_analysed_text_is_clean(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""


@pytest.mark.sphinx(
    "html", testroot="text", confoverrides={"argmap_texts": {"text2025": "gone.txt"}}
)
def test_missing_analysed_text_is_a_warning(app: SphinxTestApp) -> None:
    app.build()
    assert "[argmap.missing-text]" in warnings_of(app)


@pytest.mark.sphinx(
    "html", testroot="text", confoverrides={"argmap_texts": ["uncovered.txt"]}, freshenv=True
)
def test_argmap_texts_that_is_no_mapping_is_a_warning_at_the_directive(
    app: SphinxTestApp,
) -> None:
    app.build()
    found = warnings_of(app)
    assert re.search(
        r"index\.rst:\d+: WARNING: `argmap_texts` must map bibliography keys to text files, "
        r"not be a list; .*\[argmap\.bad-option\]",
        found,
    )
    assert "Exception occurred" not in found


@pytest.mark.sphinx(
    "html", testroot="text", confoverrides={"argmap_texts": {"text2025": 3}}, freshenv=True
)
def test_argmap_texts_naming_no_file_is_a_warning_at_the_directive(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert re.search(
        r"index\.rst:\d+: WARNING: `argmap_texts` names no file for `text2025` \(3\)", found
    )
    assert "Exception occurred" not in found


# --- the same nodes documented twice -------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="duplicate", freshenv=True)
def test_a_node_documented_twice_is_a_warning(app: SphinxTestApp) -> None:
    app.build()
    assert re.search(r"second\.rst:4: WARNING: node `\w+` is documented twice", warnings_of(app))


@pytest.mark.sphinx("html", testroot="duplicate", srcdir="duplicate-no-index")
def test_no_index_shows_a_map_without_claiming_its_ids(app: SphinxTestApp) -> None:
    second = app.srcdir / "second.rst"
    second.write_text(second.read_text(encoding="utf-8") + "   :no-index:\n", encoding="utf-8")
    app.build()
    assert warnings_of(app) == ""


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="rules", freshenv=True)
def test_rule_reference_has_every_rule_with_examples(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    page = html(app, "index")
    for rule in RULES:
        assert f'id="arg-rule-{rule.code}"' in page
        assert rule.name in page
    text = html_module.unescape(re.sub(r"<[^>]+>", "", page))
    assert "map.yaml:2:3: AM004 uncited-evidence: evidence `E1`" in text  # the example's report
    assert "argmap-example-" not in text  # no scratch folder in the reports
    assert 'href="#arg-rule-AM004"' in page
    assert 'href="#arg-rule-AM006"' in page  # by name


# --- sphinxcontrib-bibtex beside argmap ----------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("sphinxcontrib.bibtex") is None,
    reason="sphinxcontrib-bibtex is not installed",
)
@pytest.mark.sphinx("html", testroot="bibtex", freshenv=True)
def test_sphinxcontrib_bibtex_alongside_builds_without_duplicates(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    page = html(app, "index")
    assert f'id="{source_anchor("walt1987")}"' in page
    assert 'id="id' in page or "citation" in page  # sphinxcontrib-bibtex's own entries


# --- incremental builds -------------------------------------------------------------------------


def _touch_later(path: Path, text: str | None = None) -> None:
    if text is not None:
        path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


@pytest.mark.sphinx("html", testroot="basic", srcdir="rebuild-map")
def test_a_changed_map_rebuilds_its_page_and_the_bibliography(
    app: SphinxTestApp, make_app: type[SphinxTestApp]
) -> None:
    app.build()
    map_file = app.srcdir / "map.yaml"
    text = map_file.read_text(encoding="utf-8")
    _touch_later(map_file, text.replace("key: waltz1979, page: 4", "key: walt1987, page: 99"))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    status = strip_escape_sequences(again.status.getvalue())
    assert re.search(r"0 added, 1 changed, 0 removed", status)
    assert "E1 (p. 99)" in html(again, "sources")


@pytest.mark.sphinx("html", testroot="basic", srcdir="rebuild-bib")
def test_a_changed_bibliography_rebuilds_the_map_page(
    app: SphinxTestApp, make_app: type[SphinxTestApp]
) -> None:
    app.build()
    _touch_later(app.srcdir / "references.bib")
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "0 added, 1 changed, 0 removed" in strip_escape_sequences(again.status.getvalue())


@pytest.mark.sphinx("html", testroot="basic", srcdir="rebuild-none")
def test_nothing_changed_rebuilds_nothing(
    app: SphinxTestApp, make_app: type[SphinxTestApp]
) -> None:
    app.build()
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "0 added, 0 changed, 0 removed" in strip_escape_sequences(again.status.getvalue())


# --- parallel reads ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="basic")
def test_clear_doc_and_merge_domaindata_round_trip(app: SphinxTestApp) -> None:
    app.build()
    domain = app.env.domains["arg"]
    assert isinstance(domain, ArgDomain)
    snapshot = {key: _copy(value) for key, value in domain.data.items() if key != "version"}
    domain.clear_doc("map")
    assert not domain.nodes
    assert not domain.citing
    assert domain.bibliography() is not None  # sources.rst holds it, not map.rst
    domain.merge_domaindata({"map"}, snapshot)
    assert {key: _copy(domain.data[key]) for key in snapshot} == snapshot


@pytest.mark.sphinx("html", testroot="basic", srcdir="parallel", parallel=2)
def test_parallel_read_merges_what_each_reader_found(app: SphinxTestApp) -> None:
    app.build()
    assert app.is_parallel_allowed("read")
    assert warnings_of(app) == ""
    assert 'href="map.html#arg-node-T1"' in html(app, "other")
    sources = html(app, "sources")
    assert 'href="map.html#arg-node-E2"' in sources
    assert 'href="map.html#arg-node-E1"' in sources


def _copy(value: object) -> object:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted(value)
    if isinstance(value, set):
        return set(value)
    return value


# --- bad input is a located warning, never a crash; every format is read ----------------------

#: Settings that are no settings, written into the project when a test starts (a bad
#: pyproject.toml kept in the repository would stop ruff, which reads every one it finds).
BAD_SETTINGS = {
    "tool/pyproject.toml": 'tool = "x"\n',
    "severity/pyproject.toml": '[tool.argmap.severity]\nAM011 = ["warning"]\n',
}
BAD_INPUT = [
    r"bigint/map\.yaml:11: WARNING: bad reason reference `T1/9{30}",
    r"tool/pyproject\.toml:1: WARNING: `tool` must be a table",
    r"severity/pyproject\.toml:2: WARNING: bad severity `\['warning'\]` for `AM011`",
]


def write_bad_settings(app: SphinxTestApp) -> None:
    for name, text in BAD_SETTINGS.items():
        (app.srcdir / name).write_text(text, encoding="utf-8")


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_bad_maps_and_settings_are_located_warnings(app: SphinxTestApp) -> None:
    write_bad_settings(app)
    app.build()
    found = warnings_of(app)
    for pattern in BAD_INPUT:
        assert re.search(pattern + r".*\[argmap\.load-error\]", found), pattern
    assert found.count("WARNING") == len(BAD_INPUT)
    assert "Exception occurred" not in found
    assert app.statuscode == 0
    assert html(app, "index").count("could not be loaded") == 3


@pytest.mark.sphinx(
    "html", testroot="badinput", warningiserror=True, keep_going=True, freshenv=True
)
def test_bad_maps_and_settings_fail_dash_w_without_a_crash(app: SphinxTestApp) -> None:
    write_bad_settings(app)
    app.build()
    found = warnings_of(app)
    assert app.statuscode != 0
    for pattern in BAD_INPUT:
        assert re.search(pattern, found), pattern
    assert "Exception occurred" not in found


@pytest.mark.sphinx("html", testroot="formats", freshenv=True)
def test_aif_and_argdown_maps_render_as_what_they_are(app: SphinxTestApp) -> None:
    app.build()
    assert "[argmap.load-error]" not in warnings_of(app)
    page = html(app, "index")
    for node_id in ("I1", "I2", "Bridge", "Grants", "Counts"):
        assert f'id="arg-node-{node_id}"' in page
    assert "We should build the bridge." in page
    assert "The town should build the bridge." in page
    assert "could not be loaded" not in page


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_control_characters_in_warnings_are_escaped(app: SphinxTestApp) -> None:
    app.build()
    found = app.warning.getvalue()
    assert r"unknown key `\x1b]0;PWNED\x07\x1b[2J` in node `T1`" in found
    assert "\x1b]0;" not in found
    assert "\x07" not in found


# --- the extension stays out of `import argmap` -------------------------------------------------


def test_import_argmap_does_not_import_sphinx() -> None:
    code = "import sys, argmap; print('sphinx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- labels and per-thesis diagrams -----------------------------------------------------------


def section(page: str, start: str, end: str | None = None) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin) if end else len(page)]


@pytest.mark.sphinx("html", testroot="labels", freshenv=True)
def test_entries_and_diagram_show_labels_unless_turned_off(
    app: SphinxTestApp, if_graphviz_found: None
) -> None:
    del if_graphviz_found
    app.build()
    page = html(app, "index")
    labelled = section(page, '<section id="labels">', '<section id="off">')
    t2 = section(labelled, 'id="arg-node-T2"', "</dl>")
    assert '<span class="arg-label arg-out"><span class="pre">OUT</span>' in t2
    assert 'OUT: defeated by <a class="reference internal" href="#arg-node-O2"' in t2
    t1 = section(labelled, 'id="arg-node-T1"', "</dl>")
    assert '<span class="arg-label arg-in"><span class="pre">IN</span>' in t1
    assert re.search(r"its attacker <a [^>]*>.*?O1.*?</a> is answered by <a [^>]*>.*?C9", t1)
    # the diagram's tooltips (in the page's image map, or in an SVG) carry the labels
    pictures = [page, *(p.read_text() for p in (app.outdir / "_images").glob("*.svg"))]
    assert any("T2 (thesis): OUT (defeated)" in html_module.unescape(p) for p in pictures)
    off = section(page, '<section id="off">', '<section id="split">')
    assert "arg-label" not in off
    assert "Weighed" not in off


@pytest.mark.sphinx(
    "html", testroot="labels", freshenv=True, confoverrides={"argmap_labels": False}
)
def test_argmap_labels_false_turns_labels_off(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "index")
    assert "arg-label" not in page
    assert "Weighed" not in page


@pytest.mark.sphinx("html", testroot="labels", freshenv=True)
def test_split_draws_one_diagram_per_thesis(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == ""
    page = html(app, "index")
    whole = section(page, '<section id="labels">', '<section id="split">')
    split = section(page, '<section id="split">')
    assert "arg-diagram-title" not in whole  # a small map is drawn whole
    assert whole.count('class="graphviz arg-diagram"') == 2  # the labelled map and the "off" one
    assert split.count('class="graphviz arg-diagram"') == 2
    assert "<strong>Thesis T1</strong> (IN): The first thesis stands." in split
    assert "<strong>Thesis T2</strong> (OUT): The second thesis falls." in split
