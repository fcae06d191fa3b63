"""A command line naming its command gets a parser with that command alone: it parses the same."""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
from collections.abc import Sequence

import pytest

from argmap import cli

#: Command lines for every command: well formed, mistyped, asking for help.
WORDS = [
    ["check"],
    ["check", "maps", "--format", "json", "--no-cache", "--select", "AM001", "-j", "2"],
    ["check", "--formt", "json"],
    ["check", "--format", "jsn"],
    ["check", "-h"],
    ["check", "--jobs", "0"],
    ["render", "m", "-o", "out.svg", "--depth", "2", "--labels"],
    ["render", "m"],
    ["render", "--help"],
    ["trace", "m", "T1", "--ascii"],
    ["trace", "--source", "key", "--format", "xml"],
    ["sources", ".", "--format", "json"],
    ["status", "m", "--semantics", "preferred"],
    ["status", "--semantics", "prefered"],
    ["report", "m", "-o", "r.html"],
    ["lsp", "--stdio", "--tcp"],
    ["solve", "f.af", "-p", "DC-PR", "-a", "1"],
    ["import", "x.json", "-o", "out", "--from", "aif"],
    ["export", "m", "--to", "nothing"],
    ["rules", "--format", "json"],
    ["rule", "AM004", "--all"],
    ["rule", "--bogus"],
]


def parse(parser: argparse.ArgumentParser, words: Sequence[str]) -> tuple[object, str, str]:
    """What parsing ``words`` gives: the namespace (its parser as help text), and the output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args, extra = parser.parse_known_args(words)
        except SystemExit as exit_:
            return exit_.code, out.getvalue(), err.getvalue()
    found = vars(args)
    found["parser"] = args.parser.format_help()
    return (found, extra), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("words", WORDS, ids=" ".join)
def test_the_command_alone_parses_as_every_command_does(words: list[str]) -> None:
    assert words[0] in cli._COMMANDS
    assert parse(cli._parser(words[0]), words) == parse(cli._parser(), words)


def test_every_command_is_in_the_full_parser_in_order() -> None:
    help_text = cli._parser().format_help()
    places = [help_text.index(f"\n    {name} ") for name in cli._COMMANDS]
    assert places == sorted(places)


@pytest.mark.parametrize("words", [["chek"], ["--help"], [], ["--version"], ["-x", "check"]])
def test_a_line_not_starting_with_a_command_gets_every_command(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(words)
    out, err = capsys.readouterr()
    assert stopped.value.code == (0 if words in (["--help"], ["--version"]) else 2)
    if words == ["chek"]:
        assert "did you mean `check`?" in err
    if words == ["--help"]:
        assert all(f"\n    {name} " in out for name in cli._COMMANDS)


@pytest.mark.parametrize("columns", [None, "120", "45", "0", "-3", "wide", ""])
@pytest.mark.parametrize("lines", [None, "40"])
def test_the_help_width_is_shutils_without_importing_it(
    columns: str | None, lines: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in (("COLUMNS", columns), ("LINES", lines)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert cli._columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("columns", ["200", "70", "30"])
@pytest.mark.parametrize("command", [None, "check", "render", "rule"])
def test_help_is_what_argparses_own_formatter_writes(
    columns: str, command: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    ours = cli._parser(command)
    monkeypatch.setattr(cli, "_Formatter", argparse.HelpFormatter)
    theirs = cli._parser(command)
    assert ours.formatter_class is not theirs.formatter_class
    if command is None:
        assert ours.format_help() == theirs.format_help()
    else:
        assert parse(ours, [command, "--help"]) == parse(theirs, [command, "--help"])
