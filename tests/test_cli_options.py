"""Everyday options of the command line: colour, exit codes, selection, parsing, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import cli
from argmap.cli import main
from argmap.rules import RULES

from .conftest import WriteMap

FINDINGS = """\
nodes:
  T1: {claim: t, thesis: true, because: [E1, E2]}
  E1: {evidence: e}
  E2: {evidence: f, cites: [{key: k}]}
"""
BIB = "@misc{k, title = {T}}\n@misc{unused, title = {U}}\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(write_map: WriteMap) -> Path:
    return write_map(FINDINGS, BIB)


# -- exit codes and quiet ---------------------------------------------------------------------


def test_exit_zero_keeps_the_findings(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 1
    assert run(capsys, "check", "--exit-zero", str(folder)) == (0, out, "")


def test_exit_zero_does_not_hide_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", "--exit-zero", str(tmp_path / "missing"))
    assert code == 2
    assert "no such file" in err


def test_quiet_prints_findings_only(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(folder))
    code, quiet, _ = run(capsys, "check", "-q", str(folder))
    assert code == 1
    assert out.startswith(quiet)
    assert "Found" in out.splitlines()[-1]
    assert "Found" not in quiet
    assert all(": AM0" in line for line in quiet.splitlines())


def test_statistics_counts_per_rule(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--statistics", str(folder))
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert ["1", "AM004", "uncited-evidence"] in [row[:3] for row in rows]
    assert ["1", "AM006", "missing-locator"] in [row[:3] for row in rows]
    assert ": AM0" not in out  # the findings themselves are not printed


def test_statistics_of_a_clean_map_print_nothing(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map("nodes:\n  T1: {claim: t, thesis: true, because: P1}\n  P1: {premise: p}\n")
    assert run(capsys, "check", "--statistics", "--select", "AM004", str(folder)) == (0, "", "")


# -- selection like ruff ------------------------------------------------------------------------


def test_select_all_and_prefixes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "check", str(folder))
    assert run(capsys, "check", "--select", "ALL", str(folder))[1] == everything
    _, prefixed, _ = run(capsys, "check", "--select", "AM00", str(folder))
    codes = {line.split()[1] for line in prefixed.splitlines() if ": AM" in line}
    assert codes == {"AM004", "AM006"}
    _, ignored, _ = run(capsys, "check", "--select", "ALL", "--ignore", "AM00", str(folder))
    assert {line.split()[1] for line in ignored.splitlines() if ": AM" in line} == {"AM011"}


def test_unknown_selector_suggests(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--select", "AM0004", str(folder))
    assert (code, out) == (2, "")
    assert "unknown rule `AM0004`; did you mean `AM004`?" in err


def test_prefix_and_all_in_settings(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS, BIB)
    (folder / "pyproject.toml").write_text('[tool.argmap]\nselect = ["ALL"]\nignore = ["AM00"]\n')
    _, out, _ = run(capsys, "check", str(folder))
    assert {line.split()[1] for line in out.splitlines() if ": AM" in line} == {"AM011"}
    (folder / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM9"]\n')
    code, _, err = run(capsys, "check", str(folder))
    assert code == 2
    assert "unknown rule `AM9`" in err


# -- colour -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "environment", "tty", "coloured"),
    [
        ("auto", {}, False, False),
        ("auto", {}, True, True),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": ""}, True, True),  # set but empty: not set
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_rules(
    choice: str,
    environment: dict[str, str],
    tty: bool,
    coloured: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("FORCE_COLOR", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    class Stream:
        def isatty(self) -> bool:
            return tty

    args = cli._parser().parse_args(["check", "--color", choice])
    assert cli._colour(args, Stream()) is coloured  # type: ignore[arg-type]


def test_force_color_colours_a_pipe(folder: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "TERM"}}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env={**environment, "FORCE_COLOR": "1"},
    )
    assert "\033[" in done.stdout
    plain = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--color", "never", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env={**environment, "FORCE_COLOR": "1"},
    )
    assert "\033[" not in plain.stdout
    assert plain.returncode == done.returncode == 1


# -- parsing -------------------------------------------------------------------------------------


def parse_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    assert stop.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_abbreviated_options_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    line = parse_error(capsys, "check", "--sel", "AM001")
    assert line == "argmap check: error: unrecognized option `--sel`; did you mean `--select`?"


def test_mistyped_option_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    line = parse_error(capsys, "check", "--selct", "AM001")
    assert line.endswith("did you mean `--select`?")
    assert parse_error(capsys, "render", "-o", "x.svg", "--diretion", "LR").endswith(
        "did you mean `--direction`?"
    )


def test_unknown_word_without_a_near_option(capsys: pytest.CaptureFixture[str]) -> None:
    line = parse_error(capsys, "rules", "--zzzzzz")
    assert line == "argmap rules: error: unrecognized arguments: --zzzzzz"


def test_mistyped_command_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_error(capsys, "chekc").endswith("did you mean `check`?")
    assert "did you mean" not in parse_error(capsys, "frobnicate")


def test_mistyped_choice_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_error(capsys, "check", "--output-format", "sarf").endswith("did you mean `sarif`?")


def test_format_is_an_alias_of_output_format(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run(capsys, "check", "--format", "json", str(folder))
    two = run(capsys, "check", "--output-format", "json", str(folder))
    assert one == two
    assert json.loads(one[1])[0]["code"] == "AM004"
    assert run(capsys, "check", "--format", "text", str(folder)) == run(
        capsys, "check", str(folder)
    )


# -- rules -----------------------------------------------------------------------------------


def test_rule_all_explains_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "--all")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("# ")] == [
        f"# {rule.name} ({rule.code})" for rule in RULES
    ]


def test_rule_needs_a_code_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "rule")[0] == 2
    assert "or give --all" in run(capsys, "rule", "AM001", "--all")[2]


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--output-format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [row["code"] for row in rows] == [rule.code for rule in RULES]
    assert set(rows[0]) == {"code", "name", "severity", "status", "summary"}


def test_rule_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rule", "uncited-evidence", "--output-format", "json")
    row = json.loads(out)
    assert (row["code"], row["severity"]) == ("AM004", "warning")
    assert row["explanation"].startswith("# uncited-evidence (AM004)")
    _, out, _ = run(capsys, "rule", "--all", "--format", "json")
    assert [row["code"] for row in json.loads(out)] == [rule.code for rule in RULES]
