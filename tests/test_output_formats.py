"""The output formats of ``argmap check`` (argmap.output): goldens, and what each CI reads.

Two fixed sets of findings: the real ones of examples/first-map, and a hand-made list with
every severity, commas, colons, percent signs, line breaks and controls in messages, a file
name with a space, standard input, a file that is not there and a line past a file's end.
Goldens are rewritten with ``ARGMAP_UPDATE_GOLDEN=1`` (review the diff).
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import jsonschema
import pytest

import argmap
from argmap import diagnostics as diag
from argmap import output
from argmap.diagnostics import Diagnostic, Severity
from argmap.output import FORMATS, _ci, _paths, _sarif, render_findings, rule_url, statistics
from argmap.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "output"
GOLDEN = HERE / "golden"
SCHEMA = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SUFFIXES = {
    "json": "json",
    "json-lines": "jsonl",
    "gitlab": "json",
    "sarif": "sarif.json",
    "junit": "xml",
}
#: The SARIF driver's version in the goldens, so that they do not change with argmap's.
GOLDEN_VERSION = "0.0.0+golden"

HAND_FILE = "hand map/map.txt"
CIRCULAR = Diagnostic(
    code="AM003",
    name="circular-support",
    severity=Severity.ERROR,
    node="C1",
    file=HAND_FILE,
    line=4,
    column=3,
    message="circular support `C1` -> `C2` -> `C1`: 100% round, a, b; remove one "
    "`because` so that the support ends in evidence",
)
UNCITED = Diagnostic(
    code="AM004",
    name="uncited-evidence",
    severity=Severity.WARNING,
    node="E1",
    file=HAND_FILE,
    line=7,
    column=3,
    message="evidence `E1` cites no source,\r\nnot one: 50%; add `cites:` with a source",
)
#: The same finding again, on another line (after a tab): fingerprints must differ.
UNCITED_AGAIN = attrs.evolve(UNCITED, line=8, column=2)
WIDE = Diagnostic(
    code="AM009",
    name="disconnected-node",
    severity=Severity.WARNING,
    node="図1",
    file=HAND_FILE,
    line=9,
    column=3,
    message="evidence `図1` leads to no thesis\x1b[2J\u202e; use it in a `because:`",
)
#: Past the end of its file: no lines to show; and no fix to split off.
PAST_END = Diagnostic(
    code="AM008",
    name="unanswered-objection",
    severity=Severity.WARNING,
    node="O1",
    file=HAND_FILE,
    line=99,
    column=1,
    message="objection `O1` is not answered",
)
#: From standard input.
NO_THESIS = Diagnostic(
    code="AM010",
    name="no-thesis",
    severity=Severity.ERROR,
    node=None,
    file="-",
    line=1,
    column=1,
    message="the map marks no thesis; add `thesis: true`\u2028to the claim it concludes",
)
#: In a file that is not there.
UNUSED = Diagnostic(
    code="AM011",
    name="unused-source",
    severity=Severity.INFO,
    node=None,
    file="hand map/refs.bib",
    line=3,
    column=1,
    message="source `a,b:c` is not cited; cite it where it is used, or remove it",
)
HAND = diag.sort([CIRCULAR, UNCITED, UNCITED_AGAIN, WIDE, PAST_END, NO_THESIS, UNUSED])
#: The files checked for the hand-made findings: one of them has none.
HAND_FILES = (HAND_FILE, "hand map/clean.yaml", "-")


@pytest.fixture
def in_output_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in tests/output, where the hand-made findings' files are."""
    monkeypatch.chdir(HERE)


@pytest.fixture
def first_map(monkeypatch: pytest.MonkeyPatch) -> tuple[list[Diagnostic], list[str]]:
    """The findings of examples/first-map and its map files, named from the repository root."""
    monkeypatch.chdir(ROOT)
    argument_map = argmap.load("examples/first-map")
    return diag.sort(argmap.check(argument_map)), sorted(argument_map.files)


@pytest.fixture
def golden_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sarif, "_version", lambda: GOLDEN_VERSION)


def compare_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ARGMAP_UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"no golden file {name}; run with ARGMAP_UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode("utf-8"), (
        f"{name} differs from its golden file; if the change is intended, run the tests "
        "with ARGMAP_UPDATE_GOLDEN=1 and review the diff"
    )


def golden_name(kind: str, output_format: str, suffix: str = "") -> str:
    return f"{kind}.{output_format}{suffix}.{SUFFIXES.get(output_format, 'txt')}"


# -- goldens -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("golden_version")
@pytest.mark.parametrize("output_format", FORMATS)
def test_first_map_golden(
    output_format: str, first_map: tuple[list[Diagnostic], list[str]]
) -> None:
    found, files = first_map
    assert [d.code for d in found] == ["AM012"]  # the golden shows a real finding
    text = render_findings(found, output_format=output_format, files=files)
    compare_golden(golden_name("first-map", output_format), text)


@pytest.mark.usefixtures("golden_version", "in_output_folder")
@pytest.mark.parametrize("output_format", FORMATS)
def test_hand_made_golden(output_format: str) -> None:
    text = render_findings(HAND, output_format=output_format, files=HAND_FILES)
    compare_golden(golden_name("hand", output_format), text)


@pytest.mark.usefixtures("in_output_folder")
@pytest.mark.parametrize("output_format", ["concise", "full", "grouped"])
def test_hand_made_golden_in_colour(output_format: str) -> None:
    text = render_findings(HAND, output_format=output_format, colour=True)
    assert "\033[31mAM003\033[0m" in text  # an error's code in red
    assert "\033[36mAM011\033[0m" in text  # a note's in cyan
    assert "\x1b[2J" not in text  # the map's own escape is shown, not sent
    compare_golden(golden_name("hand", output_format, "-colour"), text)


@pytest.mark.usefixtures("in_output_folder")
@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_is_deterministic(output_format: str) -> None:
    first = render_findings(HAND, output_format=output_format, files=HAND_FILES)
    second = render_findings(list(HAND), output_format=output_format, files=list(HAND_FILES))
    assert first == second
    assert first.endswith("\n")


def test_the_formats_are_ruffs_names_and_the_cli_offers_them() -> None:
    from argmap import cli

    assert FORMATS == (
        "concise",
        "full",
        "json",
        "json-lines",
        "github",
        "gitlab",
        "sarif",
        "junit",
        "grouped",
        "pylint",
    )
    assert set(cli._OUTPUT_FORMATS) - {"text"} == set(FORMATS)


def test_an_unknown_format_is_a_value_error_naming_the_formats() -> None:
    with pytest.raises(ValueError, match=r"unknown output format `sarf`; choose one of concise"):
        render_findings(HAND, output_format="sarf")


# -- concise, full, grouped, pylint ------------------------------------------------------------


@pytest.mark.usefixtures("in_output_folder")
def test_concise_is_the_text_form_with_the_summary_line() -> None:
    text = render_findings(HAND, output_format="concise")
    assert text == diag.to_text(HAND) + diag.summary(HAND) + "\n"
    assert "Found 6 problems (2 errors, 4 warnings) and 1 note." in text


@pytest.mark.usefixtures("in_output_folder")
@pytest.mark.parametrize("output_format", ["concise", "full", "grouped"])
def test_summary_line_is_the_callers_choice(output_format: str) -> None:
    with_summary = render_findings(HAND, output_format=output_format)
    without = render_findings(HAND, output_format=output_format, summary=False)
    assert with_summary.splitlines()[-1] == diag.summary(HAND)
    assert "Found" not in without
    assert with_summary.startswith(without.rstrip("\n"))


@pytest.mark.parametrize("output_format", ["concise", "full", "grouped"])
def test_no_finding_prints_the_summary_only(output_format: str) -> None:
    assert render_findings([], output_format=output_format) == "No problems found.\n"
    assert render_findings([], output_format=output_format, summary=False) == ""


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [("json", "[]\n"), ("json-lines", ""), ("github", ""), ("gitlab", "[]\n"), ("pylint", "")],
)
def test_no_finding_in_the_formats_for_tools(output_format: str, expected: str) -> None:
    assert render_findings([], output_format=output_format) == expected


@pytest.mark.usefixtures("in_output_folder")
def test_full_shows_the_lines_around_a_finding_with_carets_under_its_node() -> None:
    text = render_findings([CIRCULAR], output_format="full", summary=False)
    assert text.splitlines() == [
        "AM003 circular-support: circular support `C1` -> `C2` -> `C1`: 100% round, a, b",
        " --> hand map/map.txt:4:3",
        "  |",
        "2 | nodes:",
        "3 |   T1: {claim: the thesis, thesis: true, because: C1}",
        "4 |   C1: {claim: a claim, because: C2}",
        "  |   ^^",
        "5 |   C2: {claim: another claim, because: C1}",
        "  |",
        "help: remove one `because` so that the support ends in evidence",
    ]


@pytest.mark.usefixtures("in_output_folder")
def test_full_lines_up_carets_after_a_tab_and_under_a_wide_name() -> None:
    tab_lines = render_findings([UNCITED_AGAIN], output_format="full", summary=False).splitlines()
    assert "8 |     evidence: indented with a tab, 100% sure" in tab_lines
    assert "  |     ^" in tab_lines  # the tab is four columns
    wide_lines = render_findings([WIDE], output_format="full", summary=False).splitlines()
    assert "  |   ^^^" in wide_lines  # 図 takes two columns, 1 one
    assert wide_lines[-1] == "help: use it in a `because:`"
    assert "\\x1b[2J\\u202e" in wide_lines[0]


@pytest.mark.usefixtures("in_output_folder")
def test_full_trims_blank_lines_at_the_edges_of_the_context() -> None:
    def numbers(finding: Diagnostic) -> list[str]:
        shown = render_findings([finding], output_format="full", summary=False).splitlines()
        return [line.split(" |")[0].strip() for line in shown if line[:1].isdigit()]

    assert numbers(UNCITED_AGAIN) == ["7", "8", "9"]  # lines 6, 10 (blank) are left out
    assert numbers(UNCITED) == ["5", "6", "7", "8", "9"]  # blank line 6 is inside: kept


@pytest.mark.usefixtures("in_output_folder")
@pytest.mark.parametrize(
    "file",
    ["hand map/refs.bib", "-", "hand map", "hand map/map.txt"],
    ids=["missing", "stdin", "a-folder", "past-the-end"],
)
def test_full_without_the_files_lines_still_shows_the_finding(file: str) -> None:
    finding = attrs.evolve(CIRCULAR, file=file, line=99)
    text = render_findings([finding], output_format="full", summary=False)
    assert text.splitlines() == [
        "AM003 circular-support: circular support `C1` -> `C2` -> `C1`: 100% round, a, b",
        f"--> {file}:99:3",
        "help: remove one `because` so that the support ends in evidence",
    ]


@pytest.mark.usefixtures("in_output_folder")
def test_full_separates_findings_with_a_blank_line() -> None:
    text = render_findings(HAND, output_format="full")
    headers = [line for line in text.splitlines() if line.startswith("AM0")]
    assert len(headers) == len(HAND)
    assert text.count("\n\nAM0") == len(HAND) - 1
    assert text.endswith("\n\n" + diag.summary(HAND) + "\n")


@pytest.mark.usefixtures("in_output_folder")
def test_grouped_puts_findings_under_their_file_aligned() -> None:
    lines = render_findings(HAND, output_format="grouped", summary=False).splitlines()
    assert lines[0] == "-:"
    assert lines[3] == "hand map/map.txt:"
    assert lines[4].startswith("   4:3 AM003 circular-support: ")
    assert lines[8].startswith("  99:1 AM008 unanswered-objection: ")
    assert lines[10] == "hand map/refs.bib:"
    assert lines[-1] == ""


def test_pylint_names_the_rule_and_the_node() -> None:
    lines = render_findings(HAND, output_format="pylint").splitlines()
    assert lines[0] == (
        "-:1: [AM010(no-thesis), ] the map marks no thesis; add `thesis: true`\\u2028to the "
        "claim it concludes"
    )
    assert lines[1].startswith("hand map/map.txt:4: [AM003(circular-support), C1] circular")
    assert "\\r\\nnot one" in lines[2]
    assert len(lines) == len(HAND)


# -- json and json-lines -------------------------------------------------------------------------


def test_json_is_byte_identical_to_diagnostics_to_json(
    first_map: tuple[list[Diagnostic], list[str]],
) -> None:
    found, files = first_map
    for findings in (found, HAND):
        assert render_findings(findings, output_format="json", files=files) == diag.to_json(
            findings
        )


def test_json_lines_is_one_finding_per_line() -> None:
    text = render_findings(HAND, output_format="json-lines")
    lines = text.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [d.to_dict() for d in HAND]
    assert "\u2028" not in text  # escaped, so that splitlines() keeps each object whole
    assert len(text.splitlines()) == len(HAND)


# -- github ----------------------------------------------------------------------------------------


def test_github_prints_one_workflow_command_per_finding_by_severity() -> None:
    lines = render_findings(HAND, output_format="github").splitlines()
    assert len(lines) == len(HAND)
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error",
        "::error",
        "::warning",
        "::warning",
        "::warning",
        "::warning",
        "::notice",
    ]
    assert lines[1] == (
        "::error file=hand map/map.txt,line=4,col=3,title=AM003 circular-support::"
        "circular support `C1` -> `C2` -> `C1`: 100%25 round, a, b; remove one `because` so "
        "that the support ends in evidence"
    )


def test_github_escapes_data_and_properties_as_the_toolkit_does() -> None:
    finding = attrs.evolve(
        CIRCULAR, file="a,b:c%\n.yaml", message="50% done\r\nnext: a, b", name="x,y:z"
    )
    line = render_findings([finding], output_format="github")
    assert line == (
        "::error file=a%2Cb%3Ac%25%0A.yaml,line=4,col=3,title=AM003 x%2Cy%3Az::"
        "50%25 done%0D%0Anext: a, b\n"
    )


def test_github_shows_other_controls_as_escapes() -> None:
    lines = render_findings(HAND, output_format="github").splitlines()
    assert lines[0].endswith("add `thesis: true`\\u2028to the claim it concludes")
    assert lines[4].endswith("leads to no thesis\\x1b[2J\\u202e; use it in a `because:`")


# -- gitlab ----------------------------------------------------------------------------------------


def test_gitlab_issues_have_the_fields_gitlab_reads() -> None:
    issues = json.loads(render_findings(HAND, output_format="gitlab"))
    assert len(issues) == len(HAND)
    assert {issue["severity"] for issue in issues} == {"critical", "major", "info"}
    first = issues[1]
    assert first["check_name"] == "AM003"
    assert first["description"].startswith("AM003 circular-support: circular support `C1`")
    assert first["location"] == {
        "path": "hand map/map.txt",
        "positions": {"begin": {"line": 4, "column": 3}},
    }


def test_gitlab_fingerprints_are_unique_and_stable() -> None:
    def fingerprints(findings: list[Diagnostic]) -> list[str]:
        issues = json.loads(render_findings(findings, output_format="gitlab"))
        return [issue["fingerprint"] for issue in issues]

    first = fingerprints(HAND)
    assert len(set(first)) == len(HAND)  # the two equal AM004 findings included
    assert all(len(value) == 64 and int(value, 16) >= 0 for value in first)
    assert fingerprints(list(HAND)) == first
    moved = [attrs.evolve(d, line=d.line + 10) for d in HAND]
    assert fingerprints(moved) == first  # lines added above keep the fingerprints
    reworded = [attrs.evolve(HAND[0], message="another message"), *HAND[1:]]
    assert fingerprints(reworded)[0] != first[0]
    assert fingerprints(reworded)[1:] == first[1:]


def test_gitlab_fingerprint_ignores_how_the_path_is_spelled() -> None:
    finding = CIRCULAR
    spelled = attrs.evolve(finding, file=f"./{finding.file}")
    absolute = attrs.evolve(finding, file=str(Path.cwd() / finding.file))
    assert _ci.fingerprint(finding) == _ci.fingerprint(spelled) == _ci.fingerprint(absolute)
    assert _ci.fingerprint(finding) != _ci.fingerprint(finding, occurrence=1)


# -- sarif -----------------------------------------------------------------------------------------


def sarif_log(findings: list[Diagnostic]) -> dict[str, object]:
    log: dict[str, object] = json.loads(render_findings(findings, output_format="sarif"))
    return log


def test_sarif_is_valid_against_the_official_schema(
    first_map: tuple[list[Diagnostic], list[str]],
) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for findings in (first_map[0], HAND, []):
        log = sarif_log(findings)
        validator.validate(log)
        assert_uris(log)


#: An RFC 3986 URI reference: allowed characters only, ``%`` followed by two hex digits.
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def assert_uris(log: object) -> None:
    """The schema's ``uri`` formats, which jsonschema checks only with rfc3987 installed."""
    if isinstance(log, dict):
        for key, value in log.items():
            if key in {"$schema", "informationUri", "helpUri"}:
                assert urlsplit(value).scheme == "https", value
            if key in {"$schema", "informationUri", "helpUri", "uri"}:
                assert URI_REFERENCE.fullmatch(value), value
            assert_uris(value)
    elif isinstance(log, list):
        for value in log:
            assert_uris(value)


def test_the_uri_check_catches_a_bad_uri() -> None:
    with pytest.raises(AssertionError):
        assert_uris({"runs": [{"uri": "hand map/map.txt"}]})
    with pytest.raises(AssertionError):
        assert_uris({"helpUri": "rules.html#arg-rule-AM004"})


def test_the_schema_check_catches_a_broken_log() -> None:
    log = sarif_log(HAND)
    run = log["runs"][0]  # type: ignore[index]
    del run["results"][0]["message"]
    run["results"][1]["level"] = "fatal"
    run["results"][2]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    errors = list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    assert errors, "the schema let a broken log through"


def test_sarif_describes_every_rule() -> None:
    driver = sarif_log([])["runs"][0]["tool"]["driver"]  # type: ignore[index]
    assert driver["name"] == "argmap"
    assert driver["version"] == version("argmap")
    assert driver["informationUri"] == output.DOCS_URL
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    by_id = {entry["id"]: entry for entry in driver["rules"]}
    uncited = by_id["AM004"]
    assert uncited["name"] == "uncited-evidence"
    assert uncited["shortDescription"]["text"] == "A piece of evidence cites no source."
    assert uncited["fullDescription"]["text"].startswith("A piece of evidence cites no source. ")
    assert uncited["helpUri"] == (
        "https://argmap.readthedocs.io/en/latest/rules.html#arg-rule-AM004"
    )
    levels = {entry["id"]: entry["defaultConfiguration"]["level"] for entry in driver["rules"]}
    assert (levels["AM003"], levels["AM004"], levels["AM011"]) == ("error", "warning", "note")


def test_sarif_results_point_at_their_rule_and_place() -> None:
    run = sarif_log(HAND)["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(HAND)
    for result, finding in zip(results, HAND, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["message"]["text"] == finding.message
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
    assert [r["level"] for r in results] == [
        "error",
        "error",
        "warning",
        "warning",
        "warning",
        "warning",
        "note",
    ]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[1] == "hand%20map/map.txt"
    assert uris[0] == "-"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_result_of_an_unknown_rule_has_no_index() -> None:
    finding = attrs.evolve(HAND[0], code="XX001", name="from-elsewhere")
    result = sarif_log([finding])["runs"][0]["results"][0]  # type: ignore[index]
    assert result["ruleId"] == "XX001"
    assert "ruleIndex" not in result


def test_rule_urls_point_at_the_rules_anchors() -> None:
    from argmap.sphinx.domain import rule_anchor

    assert rule_url("AM004") == f"{output.DOCS_URL}rules.html#{rule_anchor('AM004')}"


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("sub dir/map.yaml", "sub%20dir/map.yaml"),
        ("./maps/a.yaml", "maps/a.yaml"),
        ("maps/%.yaml", "maps/%25.yaml"),
        ("../elsewhere/a.yaml", "../elsewhere/a.yaml"),
    ],
)
def test_uris_are_relative_and_percent_encoded(file: str, expected: str) -> None:
    assert _paths.uri(file) == expected


def test_absolute_paths_inside_the_folder_become_relative(tmp_path: Path) -> None:
    assert _paths.relative_path(str(Path.cwd() / "maps" / "a.yaml")) == "maps/a.yaml"
    outside = tmp_path.parent / "x y.yaml"
    assert _paths.relative_path(str(outside)) == outside.as_posix()
    assert _paths.uri(str(outside)) == outside.as_uri()


# -- junit -----------------------------------------------------------------------------------------


def junit_suite(findings: list[Diagnostic], files: tuple[str, ...]) -> ET.Element:
    root = ET.fromstring(render_findings(findings, output_format="junit", files=files))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    for name in ("tests", "failures", "errors", "skipped"):
        assert root.get(name) == suite.get(name)
    return suite


def test_junit_has_a_test_case_per_file_and_a_failure_per_problem() -> None:
    suite = junit_suite(HAND, HAND_FILES)
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert sorted(cases) == ["-", "hand map/clean.yaml", "hand map/map.txt", "hand map/refs.bib"]
    assert suite.get("tests") == "4"
    assert suite.get("failures") == "2"  # the test cases that fail: `-` and map.txt
    assert len(cases["hand map/map.txt"].findall("failure")) == 5
    assert len(cases["-"].findall("failure")) == 1
    assert list(cases["hand map/clean.yaml"]) == []  # no finding: a passing test case
    notes = cases["hand map/refs.bib"]
    assert notes.find("failure") is None  # a note never fails a check
    assert notes.findtext("system-out") == str(UNUSED)
    failure = cases["hand map/map.txt"].findall("failure")[1]
    assert failure.get("type") == "warning"
    assert failure.get("message") == (
        "AM004 uncited-evidence: evidence `E1` cites no source,\\r\\nnot one: 50%; add `cites:` "
        "with a source"
    )
    assert failure.text == str(UNCITED)


def test_junit_counts_follow_the_findings(first_map: tuple[list[Diagnostic], list[str]]) -> None:
    found, files = first_map
    suite = junit_suite(found, tuple(files))
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")  # a note only
    problem = attrs.evolve(found[0], severity=Severity.WARNING)
    suite = junit_suite([problem], tuple(files))
    assert (suite.get("tests"), suite.get("failures")) == ("1", "1")
    assert junit_suite([], ("a.yaml", "b.yaml")).get("tests") == "2"


def test_junit_keeps_controls_out_of_the_xml() -> None:
    text = render_findings(
        [attrs.evolve(HAND[0], file="bad\udcff.yaml", message="a\x00b\x1bc\ufffe")],
        output_format="junit",
    )
    assert "\\x00" in text
    assert "\\x1b" in text
    assert "\\udcff" in text
    assert "\\ufffe" in text
    ET.fromstring(text.encode("utf-8"))  # well-formed


# -- statistics ------------------------------------------------------------------------------------


def test_statistics_counts_per_rule_most_frequent_first() -> None:
    many = [*HAND, *[attrs.evolve(CIRCULAR, line=n) for n in range(10)]]
    assert statistics(many) == (
        "11\tAM003\tcircular-support\n"
        " 2\tAM004\tuncited-evidence\n"
        " 1\tAM008\tunanswered-objection\n"
        " 1\tAM009\tdisconnected-node\n"
        " 1\tAM010\tno-thesis\n"
        " 1\tAM011\tunused-source\n"
    )
    assert statistics([]) == ""


def test_statistics_of_the_article_map_match_the_findings() -> None:
    found = argmap.check(argmap.load(ROOT / "arguments"))
    rows = [line.split("\t") for line in statistics(found).splitlines()]
    assert sum(int(count) for count, _, _ in rows) == len(found)
    counts = [int(count) for count, _, _ in rows]
    assert counts == sorted(counts, reverse=True)
