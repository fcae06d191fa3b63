"""SIGINT and SIGTERM on the commands that write: one line, exit 130 or 143, nothing half done.

Each command runs as ``python -m argmap`` in a child process. A signal is sent either while a
large generated map is being read, or while the output is being written: for the latter the
child runs the command line with ``os.fsync`` slowed down, so that its temporary file is
certainly there when the signal arrives. Either way the output is left as it was (here: an
old file, untouched) and no temporary file remains. A SIGKILL cannot be caught; the temporary
file it leaves is removed by the next write to the same output.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap import load
from argmap.interchange.dispatch import export_text

from .conftest import WriteMap

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
TEMPORARY = re.compile(r"\..+\.argmap-(\d+)-[0-9a-f]{8}\.tmp")
MAP = """\
nodes:
  T1: {claim: t, thesis: true, because: P1}
  P1: {premise: p, cites: [{key: k, page: 1}]}
"""
BIB = "@misc{k, title = {T}}\n"
ARGDOWN = "[Bridge]: The town should build the bridge. #thesis\n  + <Traffic>: Traffic doubled.\n"
#: The command line with ``os.fsync`` taking a minute: a signal then lands mid-write.
SLOW_WRITE = """\
import os, runpy, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
os.fsync = lambda descriptor: time.sleep(60)
sys.argv[0] = "argmap"
runpy.run_module("argmap", run_name="__main__", alter_sys=True)
"""
STOPPED = {
    signal.SIGINT: (130, "argmap: interrupted\n"),
    signal.SIGTERM: (143, "argmap: terminated\n"),
}
OLD = "old output\n"


def default_interrupt() -> None:
    """Let the child turn Ctrl-C into KeyboardInterrupt even when the tests run with it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(arguments: list[str], *, slow_write: bool = False) -> subprocess.Popen[str]:
    prefix = ["-c", SLOW_WRITE] if slow_write else ["-m", "argmap"]
    return subprocess.Popen(
        [sys.executable, *prefix, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_interrupt,  # noqa: PLW1509 - a test, no threads started yet
    )


def wait_for(condition: Callable[[], bool], child: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert child.poll() is None, f"the command ended first: {child.communicate()}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if TEMPORARY.fullmatch(p.name)]


def stop(child: subprocess.Popen[str], signum: signal.Signals) -> tuple[int, str]:
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    return child.returncode, err


def commands(source: Path, aif: Path, out: Path) -> dict[str, tuple[list[str], Path]]:
    """Each command that writes, with the file it writes."""
    return {
        "render": (["render", str(source), "-o", str(out / "map.dot")], out / "map.dot"),
        "export": (
            ["export", str(source), "--to", "json", "-o", str(out / "map.json")],
            out / "map.json",
        ),
        "import": (["import", str(aif), "-o", str(out)], out / f"{aif.stem}.yaml"),
    }


@pytest.fixture(scope="module")
def large_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated map of 20,000 nodes (seconds to read) and the same map as an AIF file."""
    root = tmp_path_factory.mktemp("large")
    (root / ".git").mkdir()
    generate = [sys.executable, str(GENERATE), "20000", str(root / "arguments"), "--files", "4"]
    subprocess.run(generate, check=True, capture_output=True)
    aif = root / "large.json"
    aif.write_text(export_text(load(root / "arguments"), "aif"), encoding="utf-8")
    return root / "arguments", aif


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["render", "export", "import"])
def test_a_signal_while_reading_leaves_the_output_untouched(
    large_map: tuple[Path, Path], tmp_path: Path, command: str, signum: signal.Signals
) -> None:
    arguments, target = commands(*large_map, tmp_path)[command]
    target.write_text(OLD)
    child = start(arguments)
    time.sleep(0.4)  # reading the map takes seconds
    assert child.poll() is None, "the command ended before the signal; use a larger map"
    code, err = stop(child, signum)
    assert (code, err) == STOPPED[signum]
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    assert target.read_text() == OLD


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["render", "export", "import"])
def test_a_signal_while_writing_removes_the_temporary_file(
    write_map: WriteMap, command: str, signum: signal.Signals
) -> None:
    folder = write_map({"project/map.yaml": MAP, "talk.argdown": ARGDOWN}, BIB)
    out = folder / "out"
    out.mkdir()
    arguments, target = commands(folder / "project", folder / "talk.argdown", out)[command]
    target.write_text(OLD)
    child = start(arguments, slow_write=True)
    wait_for(lambda: bool(temporaries(out)), child)
    code, err = stop(child, signum)
    assert (code, err) == STOPPED[signum]
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    assert target.read_text() == OLD


def test_a_killed_writers_temporary_file_goes_with_the_next_write(write_map: WriteMap) -> None:
    folder = write_map({"project/map.yaml": MAP}, BIB)
    out = folder / "out"
    out.mkdir()
    arguments, target = commands(folder / "project", folder / "none", out)["export"]
    child = start(arguments, slow_write=True)
    wait_for(lambda: bool(temporaries(out)), child)
    child.kill()
    child.communicate(timeout=60)
    [left] = temporaries(out)
    assert TEMPORARY.fullmatch(left)[1] == str(child.pid)  # type: ignore[index]
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *arguments], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, f"wrote {target}\n")
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    assert target.read_text().startswith('{\n  "format": "argmap"')


def test_a_command_that_is_not_stopped_finishes(write_map: WriteMap) -> None:
    folder = write_map({"project/map.yaml": MAP}, BIB)
    out = folder / "out"
    out.mkdir()
    arguments, target = commands(folder / "project", folder / "none", out)["export"]
    child = start(arguments)
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (0, f"wrote {target}\n")
    assert sorted(p.name for p in out.iterdir()) == [target.name]


def test_an_interrupt_in_process_is_one_line(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap import cli

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load", interrupted)
    code = cli.main(["export", str(write_map(MAP, BIB)), "--to", "json"])
    assert (code, capsys.readouterr()) == (130, ("", "argmap: interrupted\n"))
