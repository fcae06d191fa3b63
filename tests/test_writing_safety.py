"""How the commands that write (render, export, import) treat their outputs.

An output is never one of the command's inputs; a folder is not an output; a device or a FIFO
is written into, not replaced; ``-`` is standard output; a symbolic link is followed; a
replaced file keeps its permissions; temporary files are named so that the next run can remove
the ones a killed run left, and nothing else.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from argmap._io import write_atomically
from argmap.cli import main

from .conftest import WriteMap

MAP = """\
nodes:
  T1: {claim: t, thesis: true, because: P1}
  P1: {premise: p, cites: [{key: k, page: 1}]}
"""
BIB = "@misc{k, title = {T}}\n"
ARGDOWN = "[Bridge]: The town should build the bridge. #thesis\n  + <Traffic>: Traffic doubled.\n"
TEMPORARY = re.compile(r"\.out\.json\.argmap-(\d+)-[0-9a-f]{8}\.tmp")

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files and processes")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- 2: an output is never one of the inputs --------------------------------------------------


@pytest.mark.parametrize(
    ("output", "role"),
    [
        ("map.yaml", "a file of the map"),
        ("references.bib", "the map's bibliography"),
    ],
)
def test_export_refuses_to_overwrite_an_input(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], output: str, role: str
) -> None:
    folder = write_map(MAP, BIB)
    before = snapshot(folder)
    code, out, err = run(capsys, "export", str(folder), "--to", "json", "-o", str(folder / output))
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: error: refusing to write `{folder / output}`: it is {role}; "
        "choose another output\n"
    )
    assert snapshot(folder) == before


@posix_only
@pytest.mark.parametrize("link", [os.link, os.symlink])
def test_export_refuses_a_link_to_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], link: object
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    (project / "map.yaml").write_text(MAP)
    (project / "references.bib").write_text(BIB)
    alias = tmp_path / "alias.json"
    link(project / "references.bib", alias)  # type: ignore[operator]
    code, _, err = run(capsys, "export", str(project), "--to", "json", "-o", str(alias))
    assert code == 2
    assert err.startswith(f"argmap: error: refusing to write `{alias}`: it is the map's bib")
    assert err.count("\n") == 1
    assert (project / "references.bib").read_text() == BIB


def test_an_empty_bibliography_is_an_input_too(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map({"map.yaml": "map: {bibliography: refs.bib}\n" + MAP, "refs.bib": ""})
    code, _, err = run(
        capsys, "export", str(folder), "--to", "json", "-o", str(folder / "refs.bib")
    )
    assert code == 2
    assert "it is the map's bibliography" in err
    assert (folder / "refs.bib").read_text() == ""


def test_render_refuses_to_overwrite_the_bibliography(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map({"map.yaml": "map: {bibliography: refs.gv}\n" + MAP, "refs.gv": BIB})
    first, bib = folder / "first.dot", folder / "refs.gv"
    code, _, err = run(capsys, "render", str(folder), "-o", str(first), "-o", str(bib))
    assert code == 2
    assert err == (
        f"argmap: error: refusing to write `{bib}`: it is the map's bibliography; "
        "choose another output\n"
    )
    assert bib.read_text() == BIB
    assert not first.exists()  # every output is checked before any is written


def test_export_refuses_the_settings_it_read(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = '[tool.argmap]\nignore = ["AM011"]\n'
    folder = write_map({"map.yaml": MAP, "pyproject.toml": settings}, BIB)
    target = folder / "pyproject.toml"
    code, _, err = run(capsys, "export", str(folder), "--to", "json", "-o", str(target))
    assert code == 2
    assert "it is the settings of the map" in err
    assert target.read_text() == settings


def test_import_refuses_to_overwrite_the_file_it_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "talk.yaml"  # Argdown, whatever its name says
    source.write_text(ARGDOWN)
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: error: refusing to write `{source}`: it is the file being imported; "
        "choose another output\n"
    )
    assert source.read_text() == ARGDOWN


def test_outputs_other_than_the_inputs_are_written(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_map({"project/map.yaml": MAP}, BIB) / "project"
    out = project.parent / "out"
    out.mkdir()
    assert run(capsys, "export", str(project), "--to", "json", "-o", str(out / "map.json"))[0] == 0
    assert run(capsys, "render", str(project), "-o", str(out / "map.dot"))[0] == 0
    source = out / "talk.argdown"
    source.write_text(ARGDOWN)
    assert run(capsys, "import", str(source), "-o", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "map.dot",
        "map.json",
        "talk.argdown",
        "talk.yaml",
    ]
    assert (project / "map.yaml").read_text() == MAP


# --- 10: a folder as output; standard output failing ------------------------------------------


@pytest.mark.parametrize("command", ["export", "render"])
@pytest.mark.parametrize("output", [".", "out/"])
def test_an_output_that_is_a_folder_is_a_usage_error(
    write_map: WriteMap,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    output: str,
) -> None:
    folder = write_map(MAP, BIB)
    (folder / "out").mkdir()
    monkeypatch.chdir(folder)
    extra = ["--to", "aif"] if command == "export" else []
    code, out, err = run(capsys, command, ".", *extra, "-o", output)
    assert (code, out) == (2, "")
    assert err.startswith(f"argmap: error: `{output}` is a folder; give a file name such as ")
    assert err.count("\n") == 1
    assert sorted(p.name for p in (folder / "out").iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("extra", [["--format", "json"], []])
def test_a_full_disk_on_standard_output_is_one_line(write_map: WriteMap, extra: list[str]) -> None:
    folder = write_map(MAP, BIB)
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "check", str(folder), *extra],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == (
        "argmap: error: cannot write to standard output: no space left on device\n"
    )


def test_standard_output_that_works_is_not_an_error(write_map: WriteMap) -> None:
    folder = write_map(MAP, BIB)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")


# --- 23: special files, standard output, symbolic links, permissions --------------------------


@posix_only
def test_a_fifo_output_stays_a_fifo_and_gets_the_data(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(MAP, BIB)
    fifo = folder / "out.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "export", str(folder), "--to", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert (code, err) == (0, f"wrote {fifo}\n")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].startswith(b'{\n  "format": "argmap"')


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="making a device node needs root"
)
def test_a_device_output_stays_a_device(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(MAP, BIB)
    device = folder / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is on Linux
    for command in (["export", str(folder), "--to", "json"], ["render", str(folder)]):
        target = device if command[0] == "export" else folder / "null.dot"
        if command[0] == "render":
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        code, _, err = run(capsys, *command, "-o", str(target))
        assert (code, err) == (0, f"wrote {target}\n")
        assert stat.S_ISCHR(target.lstat().st_mode)


@posix_only
def test_a_descriptor_path_is_written_into_not_replaced(write_map: WriteMap) -> None:
    folder = write_map(MAP, BIB)
    listing = folder / "listing.txt"
    with listing.open("w") as stream:
        stream.write("before\n")
        stream.flush()
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "export", str(folder), "--to=argdown", "-o=/dev/fd/1"],
            stdout=stream,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (done.returncode, done.stderr) == (0, "wrote /dev/fd/1\n")
    text = listing.read_text()
    assert text.startswith("before\n[T1]: t #claim #thesis")


def test_dash_writes_to_standard_output(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_map(MAP, BIB)
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "export", ".", "--to", "argdown", "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith("[T1]: t #claim #thesis")
    code, out, err = run(capsys, "render", ".", "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith("digraph argmap {")
    assert not (folder / "-").exists()


@posix_only
def test_a_symlinked_output_is_followed_and_stays_a_link(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map(MAP, BIB)
    (folder / "build").mkdir()
    real = folder / "build" / "map.json"
    real.write_text("old")
    link = folder / "map.json"
    link.symlink_to(Path("build") / "map.json")
    code, _, _ = run(capsys, "export", str(folder), "--to", "json", "-o", str(link))
    assert code == 0
    assert link.is_symlink()
    assert real.read_text().startswith('{\n  "format": "argmap"')
    assert sorted(p.name for p in (folder / "build").iterdir()) == ["map.json"]


@posix_only
def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "map.dot"
    link.symlink_to("made.dot")
    write_atomically(link, "digraph {}\n")
    assert link.is_symlink()
    assert (tmp_path / "made.dot").read_text() == "digraph {}\n"


@posix_only
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "secret.json"
    target.write_text("old")
    target.chmod(0o600)
    write_atomically(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    write_atomically(tmp_path / "new.json", "{}\n")
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]


# --- 22: temporary files are named per process; a killed run's are removed --------------------


def dead_pid() -> int:
    """The id of a process that has just ended (ids are not reused this quickly)."""
    done = subprocess.run([sys.executable, "-c", "pass"], check=True)
    assert done.returncode == 0
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_name_the_output_and_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    rename = Path.replace

    def spy(self: Path, target: Path) -> Path:
        seen.append(self.name)
        return rename(self, target)

    monkeypatch.setattr(Path, "replace", spy)
    write_atomically(tmp_path / "out.json", "{}")
    [name] = seen
    match = TEMPORARY.fullmatch(name)
    assert match is not None
    assert int(match[1]) == os.getpid()


@posix_only
def test_leftovers_of_a_dead_writer_are_removed_on_the_next_write(tmp_path: Path) -> None:
    pid = dead_pid()
    leftover = tmp_path / f".out.json.argmap-{pid}-0123abcd.tmp"
    leftover.write_text("half")
    write_atomically(tmp_path / "out.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@posix_only
def test_nothing_but_a_dead_writers_leftovers_of_this_output_is_removed(tmp_path: Path) -> None:
    dead = dead_pid()
    kept = [
        f".out.json.argmap-{os.getppid()}-0123abcd.tmp",  # its writer still runs
        f".other.json.argmap-{dead}-0123abcd.tmp",  # another output's
        f".out.json.argmap-{dead}-0123abcd.tmp.bak",  # not the pattern
        ".out.json.0123abcd.tmp",  # not argmap's pattern
        f"out.json.argmap-{dead}-0123abcd.tmp",  # not hidden
    ]
    for name in kept:
        (tmp_path / name).write_text("keep")
    (tmp_path / "elsewhere").write_text("keep")
    link = tmp_path / f".out.json.argmap-{dead}-00000000.tmp"
    link.symlink_to("elsewhere")  # not a regular file
    write_atomically(tmp_path / "out.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*kept, "elsewhere", link.name, "out.json"]
    )
    assert (tmp_path / "elsewhere").read_text() == "keep"
