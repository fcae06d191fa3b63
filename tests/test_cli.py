"""The command line: exit codes, output shapes, selection, configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from argmap import cli
from argmap.cli import _styled, main
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import ArgumentMap, Claim
from argmap.rules import RULES

from .conftest import WriteMap

CLEAN = """\
nodes:
  T1: {claim: t, thesis: true, because: P1}
  P1: {premise: p, cites: [{key: k, page: 1}]}
"""
BIB = "@misc{k, title = {T}}\n"
FINDINGS = """\
nodes:
  T1: {claim: t, thesis: true, because: E1}
  E1: {evidence: e}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_map_exits_0(write_map: WriteMap, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(write_map(CLEAN, BIB))) == (0, "No problems found.\n", "")


def test_findings_exit_1_sorted_with_summary(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS)
    code, out, err = run(capsys, "check", str(folder))
    assert (code, err) == (1, "")
    assert out == (
        f"{folder}/map.yaml:3:3: AM004 uncited-evidence: evidence `E1` cites no source; add "
        "`cites:` with the source and a locator\n"
        "Found 1 problem (1 warning).\n"
    )


def test_info_only_exits_0(write_map: WriteMap, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_map(CLEAN, BIB + "@misc{unused, title = {U}}\n")
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 0
    assert "AM011 unused-source" in out
    assert out.endswith("Found 1 note.\n")


def test_json_output_shape(write_map: WriteMap, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_map(FINDINGS, BIB)
    code, out, _ = run(capsys, "check", str(folder), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [list(d) for d in data] == [
        ["code", "name", "severity", "node", "file", "line", "column", "message"]
    ] * 2
    assert [(d["code"], d["severity"], d["node"], d["line"]) for d in data] == [
        ("AM004", "warning", "E1", 3),
        ("AM011", "info", None, 1),
    ]


def test_load_errors_exit_2_on_stderr(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map("nodes:\n  C1: {claim: a, because: C2}\n  C3: {claim: b, colour: red}\n")
    code, out, err = run(capsys, "check", str(folder))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{folder}/map.yaml:2:27: error: unknown id `C2` in a reason of `C1`; "
        "define the node or fix the id",
        f"{folder}/map.yaml:3:18: error: unknown key `colour` in node `C3`; allowed keys: "
        "`claim`, `evidence`, `premise`, `assumption`, `objection`, `thesis`, `because`, "
        "`attacks`, `undercuts`, `cites`, `at`, `note`, `ignore`",
    ]


def test_select_and_ignore(write_map: WriteMap, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(write_map(FINDINGS))
    assert run(capsys, "check", folder, "--select", "AM001,AM010")[0] == 0
    assert run(capsys, "check", folder, "--ignore", "AM004")[0] == 0
    assert run(capsys, "check", folder, "--select", "AM004")[0] == 1


def test_unknown_code_is_a_usage_error(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(write_map(CLEAN)), "--select", "AM404")
    assert (code, out) == (2, "")
    assert err == "argmap: error: unknown rule `AM404`; did you mean `AM014`?\n"
    code, out, err = run(capsys, "check", str(write_map(CLEAN)), "--select", "XYZZY-PLUGH")
    assert (code, out) == (2, "")
    assert err == "argmap: error: unknown rule `XYZZY-PLUGH`; run `argmap rules` to list them\n"


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_config_is_found_walking_up(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map({"maps/m.yaml": FINDINGS})
    (folder / "pyproject.toml").write_text(
        '[tool.argmap]\nignore = ["AM005"]\n[tool.argmap.severity]\nAM004 = "info"\n'
    )
    code, out, _ = run(capsys, "check", str(folder / "maps"))
    assert code == 0
    assert "AM004 uncited-evidence" in out
    assert out.endswith("Found 1 note.\n")


def test_config_select_is_overridden_by_the_command_line(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS)
    (folder / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    assert run(capsys, "check", str(folder))[0] == 0
    assert run(capsys, "check", str(folder), "--select", "AM004")[0] == 1


def test_pyproject_without_argmap_table_is_skipped(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map({"maps/m.yaml": FINDINGS})
    (folder / "pyproject.toml").write_text('[tool.argmap]\nignore = ["AM004"]\n')
    (folder / "maps" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert run(capsys, "check", str(folder / "maps"))[0] == 0


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            "[tool.argmap]\nselec = []\n",
            "pyproject.toml:2:1: error: unknown setting `selec` in "
            "[tool.argmap]; did you mean `select`?",
        ),
        (
            '\n[tool.argmap]\nignore = ["AM999"]\n',
            "pyproject.toml:3:1: error: unknown rule `AM999` in `ignore`; did you mean `AM019`?",
        ),
        (
            '[tool.argmap.severity]\nAM004 = "fatal"\n',
            "pyproject.toml:2:1: error: bad "
            "severity `fatal` for `AM004`; use error, warning or info",
        ),
        ("[tool.argmap\n", "pyproject.toml:1:"),
    ],
)
def test_bad_config_exits_2(
    write_map: WriteMap,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    toml: str,
    expected: str,
) -> None:
    folder = write_map(FINDINGS)
    (folder / "pyproject.toml").write_text(toml)
    monkeypatch.chdir(folder)
    code, _, err = run(capsys, "check", ".")
    assert code == 2
    assert err.startswith(expected)
    assert len(err.splitlines()) == 1


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["AM001", "unsupported-claim", "warning"]
    assert len(out.splitlines()) == len(RULES)


def test_rule_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "uncited-evidence")
    assert code == 0
    assert out.startswith("# uncited-evidence (AM004)\n\nDefault severity: warning\n")
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in out


def test_rule_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rule", "AM0044")
    assert code == 2
    assert err == "argmap: error: unknown rule `AM0044`; did you mean `AM004`?\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    import argmap

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"argmap {version('argmap')}\n"
    assert argmap.__version__ == version("argmap")


def test_python_dash_m_and_no_colour_off_a_tty(write_map: WriteMap) -> None:
    folder = write_map(FINDINGS)
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "\033[" not in result.stdout
    assert "AM004 uncited-evidence" in result.stdout


def test_colour_on_a_tty_unless_no_color(write_map: WriteMap) -> None:
    pty = pytest.importorskip("pty")
    folder = write_map(FINDINGS)
    script = f"from argmap.cli import main; main(['check', {str(folder)!r}])"
    for no_color, coloured in (("", True), ("1", False)):
        env = {**os.environ, "NO_COLOR": no_color}
        primary, secondary = pty.openpty()
        subprocess.run([sys.executable, "-c", script], stdout=secondary, env=env, check=False)
        os.close(secondary)
        out = os.read(primary, 65536).decode()
        os.close(primary)
        assert ("\033[33mAM004" in out) is coloured
        assert "AM004" in out


def test_import_argmap_stays_light() -> None:
    code = (
        "import sys, argmap; print(sorted(m for m in ('sphinx', 'graphviz') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_default_path_is_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err == ".:1:1: error: `.` holds no map; give a map file or a folder holding one\n"
    (tmp_path / "arguments").mkdir()
    (tmp_path / "arguments" / "m.yaml").write_text(CLEAN)
    (tmp_path / "references.bib").write_text(BIB)
    assert run(capsys, "check")[0] == 0
    # run inside the map's folder, as issue 15 found failing with the old default `arguments`
    monkeypatch.chdir(tmp_path / "arguments")
    assert run(capsys, "check") == (0, "No problems found.\n", "")
    assert run(capsys, "status")[0] == 0


def test_render_writes_dot_svg_and_png(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS)
    outputs = [folder / "m.dot"]
    if shutil.which("dot"):
        outputs += [folder / "m.svg", folder / "m.png"]
    args = ["render", str(folder)] + [a for o in outputs for a in ("-o", str(o))]
    code, out, err = run(capsys, *args)
    assert (code, out) == (0, "")
    assert err.splitlines() == [f"wrote {o}" for o in outputs]
    dot_text = outputs[0].read_text()
    assert "AM004 uncited-evidence" in dot_text
    if len(outputs) > 1:
        assert "<svg" in outputs[1].read_text()
        assert outputs[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_without_diagnostics_and_with_focus(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS + "  X1: {evidence: far away}\n")
    target = folder / "m.dot"
    assert run(capsys, "render", str(folder), "-o", str(target), "--no-diagnostics")[0] == 0
    assert "AM004" not in target.read_text()
    assert (
        run(capsys, "render", str(folder), "-o", str(target), "--focus", "E1", "--depth", "0")[0]
        == 0
    )
    assert '"E1" [' in target.read_text()
    assert '"T1" [' not in target.read_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["-o", "missing/m.svg"],
            "argmap: error: output folder `missing/` does not exist; create it first\n",
        ),
        (
            ["-o", "m.txt"],
            "argmap: error: cannot tell the format of `m.txt` (suffix `.txt`); end it in ",
        ),
        (["-o", "m.dot", "--focus", "E2"], "argmap: error: unknown id `E2`; did you mean `E1`?\n"),
    ],
)
def test_render_errors_exit_2(
    write_map: WriteMap,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    message: str,
) -> None:
    folder = write_map(FINDINGS)
    monkeypatch.chdir(folder)
    code, _, err = run(capsys, "render", ".", *extra)
    assert code == 2
    assert err.startswith(message)


def test_render_without_graphviz(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_map(FINDINGS)
    monkeypatch.setenv("PATH", str(folder / "no-bin"))
    code, _, err = run(capsys, "render", str(folder), "-o", str(folder / "m.svg"))
    assert code == 2
    assert err.startswith("argmap: error: Graphviz `dot` not found; install it with")
    assert not (folder / "m.svg").exists()
    assert run(capsys, "render", str(folder), "-o", str(folder / "m.dot"))[0] == 0


def test_render_summarises_a_large_map(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "nodes:",
        "  T1: {claim: t, thesis: true, because: ["
        + ", ".join(f"E{i}" for i in range(1100))
        + "]}",
    ]
    lines += [f"  E{i}: {{evidence: e}}" for i in range(1100)]
    folder = write_map("\n".join(lines) + "\n")
    code, _, err = run(capsys, "render", str(folder), "-o", str(folder / "m.dot"))
    assert code == 0
    assert err.startswith("note: the map has 1101 nodes, more than `dot` lays out quickly (1000)")
    assert (folder / "m.dot").read_text().count("evidence") < 50


def test_solve_tasks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apx = tmp_path / "chain.apx"
    apx.write_text("arg(a). arg(b). arg(c).\natt(a,b). att(b,c).\n")
    assert run(capsys, "solve", str(apx)) == (0, "w a c\n", "")
    assert run(capsys, "solve", str(apx), "--task", "DC-GR", "-a", "c") == (0, "YES\n", "")
    assert run(capsys, "solve", str(apx), "-p", "DS-GR", "-a", "b") == (0, "NO\n", "")
    af = tmp_path / "cycle.af"
    af.write_text("p af 3\n# a comment\n1 2\n2 1\n3 3\n")
    assert run(capsys, "solve", str(af)) == (0, "w\n", "")
    assert run(capsys, "solve", str(af), "-p", "SE-ST") == (0, "NO\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "DC-GR"], "argmap: error: task DC-GR needs a query argument\n"),
        (["-p", "SE-XX"], "argmap: error: unknown task `SE-XX`"),
        (["-p", "DC-GR", "-a", "z"], "argmap: error: no argument `z` in the framework\n"),
    ],
)
def test_solve_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    apx = tmp_path / "chain.apx"
    apx.write_text("arg(a). arg(b).\natt(a,b).\n")
    code, out, err = run(capsys, "solve", str(apx), *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_solve_malformed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    af = tmp_path / "bad.af"
    af.write_text("p af 2\n1 2\n1 7\n")
    code, out, err = run(capsys, "solve", str(af))
    assert (code, out) == (2, "")
    assert err.startswith(f"{af}:3:")
    assert len(err.splitlines()) == 1


def test_a_pyproject_that_is_not_utf8_is_reported(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_map(FINDINGS)
    (folder / "pyproject.toml").write_bytes(b'[tool.argmap]\nignore = ["AM004"] # caf\xe9\n')
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "check", ".")
    assert (code, out) == (2, "")
    assert err.startswith("pyproject.toml:2:")
    assert "not valid UTF-8 (byte 0xe9)" in err


ARGMAP_SETTINGS = [
    '[tool.argmap]\nselect = ["AM001"]\n',
    '[ tool . "argmap" ]\nselect = ["AM001"]\n',
    '[tool]\nargmap = { select = ["AM001"] }\n',
    'tool.argmap.select = ["AM001"]\n',
    'tool = { argmap = { select = ["AM001"] } }\n',
    '"tool".argmap = { select = ["AM001"] }\n',
]
OTHER_SETTINGS = (
    '[project]\nname = "argmap"\ndependencies = ["argmap>=1", "sphinx"]\n'
    '[project.scripts]\nargmap = "argmap.cli:main"\n'
    "[tool.ruff]\nline-length = 100\n"
    '[tool.sphinx]\nextensions = ["argmap.sphinx"]\n'
    "# [tool.argmap] is not used here\n"
)


@pytest.mark.parametrize("toml", ARGMAP_SETTINGS)
def test_every_way_of_writing_tool_argmap_is_read(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], toml: str
) -> None:
    text = toml + OTHER_SETTINGS.partition("[tool.ruff]")[0]
    assert tomllib.loads(text)["tool"]["argmap"] == {"select": ["AM001"]}
    folder = write_map(FINDINGS)
    (folder / "pyproject.toml").write_text(text)
    assert run(capsys, "check", str(folder))[0] == 0  # only AM001 runs, and it is silent


def test_a_pyproject_that_cannot_configure_argmap_is_not_parsed(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "argmap" not in tomllib.loads(OTHER_SETTINGS).get("tool", {})
    folder = write_map(FINDINGS)
    # Not even valid TOML: it is not argmap's to judge, since it cannot configure argmap.
    (folder / "pyproject.toml").write_text(OTHER_SETTINGS + "broken = \n")
    code, out, err = run(capsys, "check", str(folder))
    assert (code, err) == (1, "")
    assert "AM004" in out


def test_an_unreadable_pyproject_is_one_located_error(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_map(FINDINGS)
    (folder / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "pyproject.toml":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "check", ".")
    assert (code, out) == (2, "")
    assert err.startswith("pyproject.toml:1:1: error: cannot read ")
    assert "permission denied" in err
    assert len(err.splitlines()) == 1


def test_check_of_a_folder_with_two_maps_checks_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two maps sharing ids are two maps, not one with duplicate ids."""
    (tmp_path / ".git").mkdir()
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "m.yaml").write_text("nodes:\n  T1: {claim: a, thesis: true}\n")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "ci.yml").write_text("on: push\njobs: {}\n")  # no map: never read as one
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", ".")
    assert (code, err) == (1, "")
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["one/m.yaml", "two/m.yaml"]


def test_a_broken_map_beside_a_good_one_exits_2_with_both_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "m.yaml").write_text("nodes:\n  T1: {claim: a, thesis: true}\n")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "m.yaml").write_text("nodes:\n  T1: {claim: a, evidence: b}\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", ".")
    assert code == 2
    assert out.startswith("good/m.yaml:2:3: AM001 unsupported-claim")
    assert err.startswith("bad/m.yaml:2:28: error: node `T1` has two kinds")


def test_commands_of_one_map_refuse_a_path_holding_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "m.yaml").write_text("nodes:\n  T1: {claim: a, thesis: true}\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "status", ".")
    assert code == 2
    assert err == ".:1:1: error: `.` holds 2 maps (`one`, `two`); name one of them\n"
    assert run(capsys, "status", "one")[0] == 0


# --- an empty code list; control characters shown as escapes -----------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [("--select", ","), ("--ignore", ","), ("--select", ""), ("--ignore", " , ")],
)
def test_an_option_naming_no_rule_is_a_usage_error(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    code, out, err = run(capsys, "check", str(write_map(FINDINGS)), option, value)
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: error: {option} names no rule; give comma-separated codes such as AM001,AM004\n"
    )


def test_a_stray_comma_beside_a_code_is_accepted(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(write_map(FINDINGS))
    assert run(capsys, "check", folder, "--select", "AM004,")[0] == 1
    assert run(capsys, "check", folder, "--ignore", ",AM004")[0] == 0


#: Set the terminal's title, then clear the screen: as written in YAML, raw, and as shown.
HOSTILE_YAML = r"\e]0;PWNED\a\e[2J"
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J"
SHOWN = r"\x1b]0;PWNED\x07\x1b[2J"


def raw_controls(text: str) -> list[str]:
    return [char for char in text if (ord(char) < 32 and char not in "\t\n") or char == "\x7f"]


def test_control_characters_in_an_error_line_are_escaped(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(f'nodes:\n  T1: {{claim: t, thesis: true, "{HOSTILE_YAML}": 1}}\n')
    code, out, err = run(capsys, "check", str(folder))
    assert (code, out) == (2, "")
    assert err.startswith(f"{folder}/map.yaml:2:32: error: unknown key `{SHOWN}` in node `T1`")
    assert raw_controls(err) == []


def test_control_characters_in_diagnostics_are_escaped_in_text_kept_in_json(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map({f"m{HOSTILE}.yaml": FINDINGS})
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 1
    assert out.startswith(f"{folder}/m{SHOWN}.yaml:3:3: AM004 uncited-evidence")
    assert raw_controls(out) == []
    code, out, _ = run(capsys, "check", str(folder), "--format", "json")
    assert json.loads(out)[0]["file"] == f"{folder}/m{HOSTILE}.yaml"


def test_control_characters_are_escaped_in_coloured_diagnostics() -> None:

    found = Diagnostic(
        code="AM004",
        name="uncited-evidence",
        severity=Severity.WARNING,
        node="E1",
        file=f"m{HOSTILE}.yaml",
        line=1,
        column=1,
        message=f"says {HOSTILE}",
    )
    styled = _styled(found, colour=True)
    assert f"m{SHOWN}.yaml" in styled
    assert f"says {SHOWN}" in styled
    assert HOSTILE not in styled


def test_control_characters_in_a_trace_are_escaped_in_text_kept_in_json(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(
        f'nodes:\n  T1: {{claim: "bad {HOSTILE_YAML} \\u202e end", thesis: true, because: P1}}\n'
        "  P1: {premise: p, cites: [{key: k, page: 1}]}\n",
        f"@misc{{k, title = {{Title {HOSTILE}}}}}\n",
    )
    code, out, _ = run(capsys, "trace", str(folder), "T1")
    assert code == 0
    assert out.startswith(f"thesis T1: bad {SHOWN} \\u202e end\n")
    assert raw_controls(out) == []
    assert "\u202e" not in out
    for args in (["--source", "k"], []):
        code, out, _ = run(capsys, "trace" if args else "sources", str(folder), *args)
        assert code == 0
        assert f"Title {SHOWN}" in out
        assert raw_controls(out) == []
    code, out, _ = run(capsys, "trace", str(folder), "T1", "--format", "json")
    assert f"bad {HOSTILE} \u202e end" in [node["text"] for node in json.loads(out)["nodes"]]


def test_control_characters_in_status_text_are_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:

    thesis = Claim(id=f"T{HOSTILE}", text="t", thesis=True)
    monkeypatch.setattr(cli, "load", lambda _path: ArgumentMap(nodes=(thesis,)))
    code, out, _ = run(capsys, "status", "anywhere")
    assert code == 0
    assert out.startswith(f"OUT    T{SHOWN}  thesis      no reason supports it\n")
    assert raw_controls(out) == []
    code, out, _ = run(capsys, "status", "anywhere", "--format", "json")
    assert json.loads(out)[0]["node"] == f"T{HOSTILE}"


def test_control_characters_in_an_import_report_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nodeset = {
        "nodes": [
            {"nodeID": "1", "text": "We should build it.", "type": "I"},
            {"nodeID": "2", "text": "Default", "type": f"ZZ{HOSTILE}"},
        ],
        "edges": [],
    }
    source = tmp_path / f"in{HOSTILE}.json"
    source.write_text(json.dumps(nodeset))
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path / "out"))
    assert code == 0
    assert f"ZZ{SHOWN} node 2" in out
    assert out.startswith(f"{tmp_path}/in{SHOWN}.json: AIFdb nodeset")
    assert err == f"wrote {tmp_path}/out/in{SHOWN}.yaml\n"
    assert raw_controls(out + err) == []


def test_control_characters_in_usage_errors_are_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "rule", f"AM{HOSTILE}")
    assert code == 2
    assert err.startswith(f"argmap: error: unknown rule `AM{SHOWN}`")
    with pytest.raises(SystemExit):
        main(["check", "--format", HOSTILE])
    err = capsys.readouterr().err
    assert "invalid choice" in err
    assert raw_controls(err) == []


def test_plain_text_is_printed_as_it_is(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(
        'nodes:\n  T1: {claim: "Ереван\tи Москва — «союз»", thesis: true, because: P1}\n'
        "  P1: {premise: p, cites: [{key: k, page: 1}]}\n",
        BIB,
    )
    code, out, _ = run(capsys, "trace", str(folder), "T1")
    assert code == 0
    assert out.startswith("thesis T1: Ереван и Москва — «союз»\n")


def test_report_writes_html_and_markdown(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS, bib=BIB)
    for name in ("review.html", "review.md"):
        code, out, err = run(capsys, "report", str(folder / "map.yaml"), "-o", str(folder / name))
        assert (code, out) == (0, "")
        assert err == f"wrote {folder / name}\n"
    page = (folder / "review.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'id="arg-node-E1"' in page
    assert "AM004" in (folder / "review.md").read_text(encoding="utf-8")


def test_report_refuses_a_bad_suffix_and_an_input(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(FINDINGS, bib=BIB)
    code, _, err = run(capsys, "report", str(folder), "-o", str(folder / "review.pdf"))
    assert code == 2
    assert err.startswith("argmap: error:")
    assert ".pdf" in err
    code, _, err = run(capsys, "report", str(folder), "-o", str(folder / "map.yaml"))
    assert code == 2
    assert "it is a file of the map" in err
    assert (folder / "map.yaml").read_text(encoding="utf-8").startswith("nodes:")


def test_lsp_command_serves_a_session_on_stdio(tmp_path: Path) -> None:
    """`argmap lsp` answers initialize and exits 0 after shutdown and exit."""
    import json
    import subprocess
    import sys

    def message(payload: dict[str, object]) -> bytes:
        body = json.dumps(payload).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    session = b"".join(
        [
            message(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
                }
            ),
            message({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            message({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None}),
            message({"jsonrpc": "2.0", "method": "exit", "params": None}),
        ]
    )
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "lsp"],
        input=session,
        capture_output=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b'"capabilities"' in result.stdout
    assert b"Traceback" not in result.stderr


def test_check_watch_checks_again_after_a_change(tmp_path: Path) -> None:
    """`argmap check --watch` prints the first check, then the check after an edit."""
    import subprocess
    import sys
    import time

    (tmp_path / ".git").mkdir()
    (tmp_path / "m").mkdir()
    map_file = tmp_path / "m" / "map.yaml"
    map_file.write_text("nodes:\n  T1: {claim: a, thesis: true}\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "check", "m", "--watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        assert "AM001 unsupported-claim" in lines[0]
        time.sleep(0.5)
        map_file.write_text(
            "nodes:\n  T1: {claim: a, thesis: true, because: E1}\n  E1: {evidence: e}\n",
            encoding="utf-8",
        )
        later = [process.stdout.readline() for _ in range(3)]
        assert later[0].startswith("-- changed:")
        assert any("AM004 uncited-evidence" in line for line in later)
    finally:
        process.send_signal(__import__("signal").SIGINT)
        process.wait(10)
    assert process.returncode == 130
