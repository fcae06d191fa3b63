"""Project settings: Config, Config.discover, and check(config=...).

Every wrong shape of ``[tool.argmap]`` is one located LoadError (never a traceback), at the line
of the offending key; each has a twin that reads fine.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pytest

import argmap
from argmap import ArgumentMap, Config, ConfigError, LoadError, Severity
from argmap.cli import main
from argmap.config import find_config

from .conftest import WriteMap

#: AM001 on T1 (warning), AM004 on E1 (warning), AM011 for the unused entry (info).
FINDINGS = """\
nodes:
  T1:
    claim: A thesis with no reason.
    thesis: true
  E1:
    evidence: A figure of 90%.
    attacks: T1
"""
BIB = "@book{unused2020, title = {Unused}, year = {2020}}\n"


@pytest.fixture
def project(write_map: WriteMap) -> Path:
    """A project folder (with .git) holding ``maps/map.yaml`` and a references.bib."""
    return write_map({"maps/map.yaml": FINDINGS}, bib=BIB)


def codes(found: list[argmap.Diagnostic]) -> list[tuple[str, str]]:
    return sorted((d.code, d.severity.value) for d in found)


# --- Config.discover ---------------------------------------------------------------------------


def test_discover_reads_the_nearest_pyproject_walking_up(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.argmap]\n"
        'select = ["AM001", "AM004"]\n'
        'ignore = ["AM011"]\n'
        'include = ["maps/"]\n'
        'exclude = ["maps/drafts/", "*.tmp.yaml"]\n'
        "[tool.argmap.severity]\n"
        'uncited-evidence = "error"\n',
        encoding="utf-8",
    )
    config = Config.discover(project / "maps" / "map.yaml")
    assert config == Config(
        select=("AM001", "AM004"),
        ignore=("AM011",),
        severity={"AM004": Severity.ERROR},  # a rule name becomes its code
        path=project / "pyproject.toml",
        include=("maps/",),
        exclude=("maps/drafts/", "*.tmp.yaml"),
    )
    assert Config.discover(str(project / "maps")) == config  # a folder, given as a string
    assert find_config(project / "maps") == config  # the same search


def test_discover_without_settings_gives_the_defaults(project: Path) -> None:
    (project / "maps" / "pyproject.toml").write_text("[project]\nname = 'maps'\n")
    assert Config.discover(project / "maps") == Config()
    assert Config().select is None
    assert Config().include == Config().exclude == ()


def test_discover_stops_at_the_repository_root(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    assert Config.discover(project / "maps").select == ("AM001",)
    (project / "maps" / ".git").mkdir()  # maps/ is now a repository of its own
    assert Config.discover(project / "maps") == Config()


def test_discover_accepts_a_path_that_does_not_exist(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.argmap]\nignore = ["AM011"]\n')
    assert Config.discover(project / "maps" / "new.yaml").ignore == ("AM011",)


def test_a_symlink_loop_does_not_stop_the_search(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    (project / "loop").symlink_to(project / "loop")
    assert Config.discover(project / "loop" / "map.yaml").select == ("AM001",)
    assert Config.discover(project / "loop").select == ("AM001",)


def _refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """Make os.stat raise PermissionError for anything inside ``folder``, as for a folder
    without search permission (tests run as root, for whom chmod does not stop anything)."""
    real = os.stat
    refused: list[str] = []

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(f"{folder}{os.sep}"):
            refused.append(str(path))
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    return refused


def test_a_folder_that_cannot_be_searched_ends_the_search(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    refused = _refuse_under(monkeypatch, project)
    assert Config.discover(project / "maps" / "map.yaml") == Config()
    assert refused  # the refusal was met, and stopped the search without a traceback


def test_settings_below_an_unsearchable_folder_are_still_found(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "maps" / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    _refuse_under(monkeypatch, project / "elsewhere")
    assert Config.discover(project / "maps").select == ("AM001",)


def test_permission_denied_by_path_is_file_ends_the_search(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    real = Path.is_file

    def is_file(path: Path) -> bool:
        if path == project / "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "is_file", is_file)
    assert Config.discover(project / "maps") == Config()
    monkeypatch.setattr(Path, "is_file", real)
    assert Config.discover(project / "maps").select == ("AM001",)


# --- wrong shapes of [tool.argmap] ---------------------------------------------------------------

DEEP = "[" * 5000 + "]" * 5000


class Bad(NamedTuple):
    """A wrong pyproject.toml, the line of its error, words of the message, a twin that reads."""

    toml: str
    line: int
    words: str
    twin: str


BAD_SETTINGS = [
    Bad('tool = "x"\n', 1, "`tool` must be a table", '[tool]\nx = "y"\n'),
    Bad('[tool]\nargmap = "abc"\n', 2, "must be a table of settings, not a string", "[tool]\n"),
    Bad(
        '[tool]\nargmap = ["select"]\n',
        2,
        "not an array",
        '[tool]\nargmap = {select = ["AM001"]}\n',
    ),
    Bad("[tool]\nargmap = 5\n", 2, "not a number", "[tool]\nargmap = {}\n"),
    Bad(
        '[tool.argmap.severity]\nAM011 = ["warning"]\n',
        2,
        "bad severity `['warning']` for `AM011`",
        '[tool.argmap.severity]\nAM011 = "warning"\n',
    ),
    Bad(
        '[[tool.argmap]]\nselect = ["AM001"]\n',
        1,
        "not an array of tables",
        '[tool.argmap]\nselect = ["AM001"]\n',
    ),
    Bad(
        f"[tool.argmap]\nignore = {DEEP}\n",
        2,
        "nested too deeply",
        '[tool.argmap]\nignore = ["AM011"]\n',
    ),
    Bad(
        '[tool.argmap]\nselect = ["AM001", 4]\n',
        2,
        "`select` must be a list of rule codes",
        '[tool.argmap]\nselect = ["AM001", "AM004"]\n',
    ),
    Bad(
        '[project]\nname = "x"\n\n[tool.argmap]\nignore = []\nselect = "AM001"\n',
        6,
        "`select` must be a list of rule codes, not a string",
        '[project]\nname = "x"\n\n[tool.argmap]\nignore = []\nselect = ["AM001"]\n',
    ),
    Bad(
        '[tool.argmap]\nselect = ["AM001"]\n\n[tool.argmap.severity]\n'
        'AM004 = "info"\nAM9 = "info"\n',
        6,
        "unknown rule `AM9` in `severity`",
        '[tool.argmap]\nselect = ["AM001"]\n\n[tool.argmap.severity]\nAM004 = "info"\n',
    ),
    Bad(
        '[tool.argmap]\nseverity = "info"\n',
        2,
        "`severity` must map rule codes to levels",
        '[tool.argmap]\nseverity = {AM004 = "info"}\n',
    ),
    Bad(
        '[tool.argmap]\nselect = []\ninclude = "maps/"\n',
        3,
        "`include` must be a list of gitignore-style patterns",
        '[tool.argmap]\nselect = []\ninclude = ["maps/"]\n',
    ),
    Bad(
        "[tool.argmap]\nexclude = [1]\n",
        2,
        "`exclude` must be a list of gitignore-style patterns",
        '[tool.argmap]\nexclude = ["1"]\n',
    ),
    Bad(
        'tool.argmap.select = "AM001"\n',
        1,
        "must be a list of rule codes",
        'tool.argmap.select = ["AM001"]\n',
    ),
    Bad(
        '[ tool . "argmap" ]\n# a comment\nselec = []\n',
        3,
        "unknown setting `selec` in [tool.argmap]; did you mean `select`?",
        '[ tool . "argmap" ]\n# a comment\nselect = []\n',
    ),
    Bad(
        '[tool]\nname = """\nselect = 5\n"""\nargmap = {select = 5}\n',
        5,
        "must be a list of rule codes, not a number",
        '[tool]\nname = """\nselect = 5\n"""\nargmap = {select = []}\n',
    ),
]


@pytest.mark.parametrize("bad", BAD_SETTINGS)
def test_a_wrong_shape_is_one_located_load_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, bad: Bad
) -> None:
    monkeypatch.chdir(project)
    (project / "pyproject.toml").write_text(bad.toml, encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        Config.discover(project / "maps")
    assert isinstance(raised.value, argmap.ArgmapError)
    [error] = raised.value.errors
    assert (error.file, error.line, error.column) == ("pyproject.toml", bad.line, 1)
    assert bad.words in str(error)
    assert "\n" not in str(error)
    (project / "pyproject.toml").write_text(bad.twin, encoding="utf-8")
    assert isinstance(Config.discover(project / "maps"), Config)


@pytest.mark.parametrize("bad", BAD_SETTINGS[:8])
def test_argmap_check_reports_a_wrong_shape_in_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], bad: Bad
) -> None:
    monkeypatch.chdir(project)
    (project / "pyproject.toml").write_text(bad.toml, encoding="utf-8")
    assert main(["check", "maps"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"pyproject.toml:{bad.line}:1: error: ")
    assert bad.words in captured.err
    assert len(captured.err.splitlines()) == 1
    (project / "pyproject.toml").write_text(bad.twin, encoding="utf-8")
    assert main(["check", "maps"]) in {0, 1}
    assert "error: " not in capsys.readouterr().err


def test_every_problem_of_a_file_is_reported(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "pyproject.toml").write_text(
        '[tool.argmap]\nselect = ["AM999"]\nignore = "AM001"\nsever = 1\n'
    )
    with pytest.raises(LoadError) as raised:
        Config.discover(project)
    assert [(e.line, e.message.split("`")[1]) for e in raised.value.errors] == [
        (2, "AM999"),
        (3, "ignore"),
        (4, "sever"),
    ]


# --- Config made in code ------------------------------------------------------------------------


def test_config_takes_lists_and_normalises_them() -> None:
    config = Config(
        select=["AM001", "uncited-evidence"],
        ignore=("AM011",),
        severity={"unused-source": "warning", "AM004": Severity.ERROR},
        include=["maps/"],
        exclude=iter(["maps/old/"]),
    )
    assert config.select == ("AM001", "uncited-evidence")
    assert config.ignore == ("AM011",)
    assert config.severity == {"AM011": Severity.WARNING, "AM004": Severity.ERROR}
    assert config.include == ("maps/",)
    assert config.exclude == ("maps/old/",)
    with pytest.raises(TypeError):
        config.severity["AM001"] = Severity.INFO  # type: ignore[index]


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"select": "AM001"}, "`select` must be a list of rule codes, not a string"),
        ({"select": ["AM999"]}, "unknown rule `AM999` in `select`"),
        ({"ignore": [None]}, "`ignore` must be a list of rule codes"),
        ({"severity": {"AM004": "fatal"}}, "bad severity `fatal` for `AM004`"),
        ({"severity": {1: "error"}}, "unknown rule `1` in `severity`"),
        ({"include": "maps/"}, "`include` must be a list of gitignore-style patterns"),
        ({"exclude": [b"maps/"]}, "`exclude` must be a list of gitignore-style patterns"),
    ],
)
def test_a_bad_setting_in_code_is_a_config_error(settings: dict[str, object], words: str) -> None:
    with pytest.raises(ConfigError, match=words.replace("`", ".").replace("[", ".")) as raised:
        Config(**settings)  # type: ignore[arg-type]
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, argmap.ArgmapError)


# --- check(config=...) ---------------------------------------------------------------------------


@pytest.fixture
def findings_map(project: Path) -> ArgumentMap:
    return argmap.load(project / "maps")


def test_check_is_pure_settings_come_only_through_config(
    project: Path, findings_map: ArgumentMap
) -> None:
    (project / "maps" / "pyproject.toml").write_text('[tool.argmap]\nselect = ["AM001"]\n')
    everything = argmap.check(findings_map)
    assert codes(everything) == [("AM001", "warning"), ("AM004", "warning"), ("AM011", "info")]
    configured = argmap.check(findings_map, config=Config.discover(project / "maps"))
    assert codes(configured) == [("AM001", "warning")]


def test_config_applies_select_ignore_and_severity(findings_map: ArgumentMap) -> None:
    config = Config(select=["AM001", "AM004"], ignore=["AM001"], severity={"AM004": "error"})
    assert codes(argmap.check(findings_map, config=config)) == [("AM004", "error")]


def test_explicit_select_replaces_the_configured_one(findings_map: ArgumentMap) -> None:
    config = Config(select=["AM001"])
    found = argmap.check(findings_map, config=config, select=["AM011"])
    assert codes(found) == [("AM011", "info")]
    assert codes(argmap.check(findings_map, config=config, select=None)) == [("AM001", "warning")]


def test_explicit_ignore_adds_to_the_configured_one(findings_map: ArgumentMap) -> None:
    config = Config(ignore=["AM011"])
    assert codes(argmap.check(findings_map, config=config, ignore=["AM001"])) == [
        ("AM004", "warning")
    ]
    # Rules the configuration ignores stay ignored when select names them (as the CLI does).
    assert codes(argmap.check(findings_map, config=config, select=["AM011", "AM004"])) == [
        ("AM004", "warning")
    ]


def test_explicit_severity_overrides_per_code(findings_map: ArgumentMap) -> None:
    config = Config(severity={"AM004": "error", "AM001": "info"})
    found = argmap.check(findings_map, config=config, severity={"uncited-evidence": "info"})
    assert codes(found) == [("AM001", "info"), ("AM004", "info"), ("AM011", "info")]


def test_check_without_config_is_unchanged(findings_map: ArgumentMap) -> None:
    assert argmap.check(findings_map, config=Config()) == argmap.check(findings_map)
    assert argmap.check(findings_map, config=None, select=["AM004"]) == argmap.check(
        findings_map, select=["AM004"]
    )


@pytest.mark.parametrize(
    ("toml", "place", "message"),
    [
        ('[tool.argmap]\nselect = ["AM001"\nignore = 3\n', (3, 1), "Unclosed array"),
        ("[tool.argmap]\nignore = [\n  'AM001',\n  AM002,\n]\n", (4, 3), "Invalid value"),
        ('[tool.argmap]\nselect = "a\n', (2, 12), "Illegal character"),
    ],
)
def test_toml_errors_name_their_line_and_column(
    tmp_path: Path, toml: str, place: tuple[int, int], message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(LoadError) as exc:
        Config.discover(tmp_path)
    [error] = exc.value.errors
    assert (error.line, error.column) == place
    assert error.message.startswith(message)
    assert "(at line" not in error.message


@pytest.mark.parametrize(
    ("written", "refused"),
    [
        ("[tool.argmap]\nselect = ['AM001']\n[x." + ".".join(["a"] * 99) + "]\n", False),
        ("[tool.argmap]\nselect = ['AM001']\n[x." + ".".join(["a"] * 100) + "]\n", True),
        (
            "[x]\ny = 1\n" + ".".join(["a"] * 100) + " = 1\n[tool.argmap]\nselect = ['AM001']\n",
            False,
        ),
        (
            "[x]\ny = 1\n" + ".".join(["a"] * 101) + " = 1\n[tool.argmap]\nselect = ['AM001']\n",
            True,
        ),
        ("[tool.argmap]\nselect = ['AM001']\n[x]\nurl = '" + "a." * 500 + "'\n", False),
    ],
)
def test_a_key_of_too_many_parts_is_refused_before_toml_reads_it(
    tmp_path: Path, written: str, refused: bool
) -> None:
    (tmp_path / "pyproject.toml").write_text(written)
    if not refused:
        assert find_config(tmp_path).select == ("AM001",)
        return
    with pytest.raises(LoadError) as raised:
        find_config(tmp_path)
    (error,) = raised.value.errors
    assert (error.line, error.message) == (3, "a key of 101 dotted parts is too long to read")
