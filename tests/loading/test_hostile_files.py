"""Hostile and careless input on the way in: pipes, devices, huge files, planted cache entries.

Each test is named after the defect it guards against (issue 14 of the project).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import argmap
from argmap.errors import LoadError
from argmap.loading import contents, pipeline
from argmap.loading.cache import Cache
from argmap.loading.contents import Contents

MAP = "map: {title: T}\nnodes:\n  T1: {claim: c, thesis: true, because: E1}\n  E1: {evidence: e}\n"
BAD = "nodes:\n  T1:\n    claim: x\n    thesis: maybe\n"
ARGMAP = [sys.executable, "-m", "argmap"]


@pytest.fixture(autouse=True)
def private_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    (folder / "m").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "m" / "a.yaml").write_text(MAP, encoding="utf-8")
    (folder / "references.bib").write_text("@book{k, title = {A}}\n", encoding="utf-8")
    return folder


def run(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(argmap.__file__).parents[1])}
    return subprocess.run(  # noqa: PLW1510 - the status is asserted
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )


# -- 1. a pipe is read once, and its bytes reach the reader -------------------------------------


def test_process_substitution_is_checked_not_read_as_empty(tmp_path: Path) -> None:
    result = run(f"{sys.executable} -m argmap check <(printf '{BAD}')", tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        ":4:13: error: `thesis` must be true or false, got `maybe`; fix it\n"
    )


def test_dev_stdin_is_checked_not_read_as_empty(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = run(f"cat bad.yaml | {sys.executable} -m argmap check /dev/stdin", tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("/dev/stdin:4:13: error: `thesis` must be true or false")


def test_a_good_map_through_a_pipe_is_checked(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(MAP, encoding="utf-8")
    result = run(f"cat good.yaml | {sys.executable} -m argmap check /dev/stdin", tmp_path)
    assert result.returncode == 1  # E1 cites nothing
    assert "AM004 uncited-evidence" in result.stdout


# -- 15. devices and huge files are refused without being read ----------------------------------


def test_a_device_is_refused_not_read() -> None:
    with pytest.raises(LoadError, match="is neither a regular file nor a pipe"):
        Contents()(Path("/dev/zero"))


def test_a_huge_sparse_file_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "x.yaml"
    with huge.open("wb") as stream:
        stream.truncate(2 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(LoadError) as exc:
        argmap.load(huge)
    assert time.perf_counter() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB
    (error,) = exc.value.errors
    assert error.message == "the file is larger than 256 MiB, the most argmap reads"
    assert "ARGMAP_MAX_FILE_SIZE" in error.hint


def test_the_size_limit_can_be_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path)
    monkeypatch.setenv("ARGMAP_MAX_FILE_SIZE", "10")
    with pytest.raises(LoadError, match="larger than 10 bytes"):
        argmap.load(folder / "m")
    monkeypatch.setenv("ARGMAP_MAX_FILE_SIZE", "1K")
    assert argmap.load(folder / "m").ids == ("T1", "E1")
    monkeypatch.setenv("ARGMAP_MAX_FILE_SIZE", "lots")
    with pytest.raises(LoadError, match=r"\$ARGMAP_MAX_FILE_SIZE:1:1: error: bad size `lots`"):
        argmap.load(folder / "m")


# -- 16. a FIFO nobody writes to does not block forever ------------------------------------------


def test_a_fifo_with_no_writer_gives_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contents, "PIPE_TIMEOUT", 0.2)
    fifo = tmp_path / "map.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(LoadError, match="nothing was written to the pipe"):
        Contents()(fifo)
    assert time.perf_counter() - started < 5


def test_a_fifo_with_a_slow_writer_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contents, "PIPE_TIMEOUT", 5.0)
    fifo = tmp_path / "map.yaml"
    os.mkfifo(fifo)

    def write_slowly() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            for line in MAP.splitlines(keepends=True):
                stream.write(line)
                stream.flush()
                time.sleep(0.05)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    assert Contents()(fifo) == MAP.encode()
    writer.join(5)


# -- 24. no cache for pipes, and never a cache folder outside a project or the user's ----------


def test_a_map_from_stdin_gets_no_cache_folder_in_dev(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(MAP, encoding="utf-8")
    run(f"cat good.yaml | {sys.executable} -m argmap check /dev/stdin", tmp_path)
    assert not Path("/dev/.argmap_cache").exists()
    assert pipeline.open_cache(cache=True, root=Path("/dev/stdin")) is None


def test_a_map_in_no_project_is_cached_in_the_user_cache(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    (folder / "a.yaml").write_text(MAP, encoding="utf-8")
    cache = pipeline.open_cache(cache=True, root=folder)
    assert cache is not None
    if (tmp_path / ".git").exists() or any(
        (p / ".git").exists() or (p / "pyproject.toml").exists() for p in tmp_path.parents
    ):
        pytest.skip("the temporary folder lies inside a project here")
    argmap.load(folder, cache=True)
    assert not (folder / ".argmap_cache").exists()
    assert list((tmp_path / "user-cache" / "argmap" / "maps").glob("*.entry"))


# -- 17-20. the cache trusts nothing it did not write --------------------------------------------


@pytest.mark.parametrize("absolute", [False, True])
def test_a_symlinked_cache_folder_is_never_followed(tmp_path: Path, absolute: bool) -> None:
    folder = project(tmp_path)
    victim = tmp_path / "Downloads"
    victim.mkdir()
    (victim / "photo.bin").write_bytes(b"precious")
    target = victim if absolute else Path("..") / "Downloads"
    (folder / ".argmap_cache").symlink_to(target)
    for _ in range(3):
        assert argmap.load(folder / "m", cache=True).ids == ("T1", "E1")
    assert sorted(p.name for p in victim.iterdir()) == ["photo.bin"]
    assert (victim / "photo.bin").read_bytes() == b"precious"


def test_a_bibliography_replaced_mid_load_never_leaves_a_stale_entry(tmp_path: Path) -> None:
    folder = project(tmp_path)
    bib = folder / "references.bib"
    cache = Cache(tmp_path / "cache")
    reading = Contents()
    reading(bib)  # the load read the old bibliography...
    bib.write_text("@book{k, title = {A}}\n@book{new, title = {B}}\n", encoding="utf-8")  # ...
    old = pipeline.read_bibliography([bib], contents=reading, cache=cache)
    assert set(old.sources) == {"k"}
    fresh = argmap.load(folder / "m", cache=tmp_path / "cache")
    assert set(fresh.sources) == {"k", "new"}  # the new bytes have no entry: parsed again


def test_the_key_covers_the_code_and_libraries_that_shape_a_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shapers = set(pipeline._SHAPERS)
    assert {"argmap._io", "argmap.loading", "argmap.model", "argmap.bibliography"} <= shapers
    assert {"yaml", "bibtexparser", "pylatexenc"} <= shapers
    before = pipeline.entry_key("draft", "yaml", [("a.yaml", b"x")])
    monkeypatch.setattr(pipeline, "_stamp", b"another version of the code")
    assert pipeline.entry_key("draft", "yaml", [("a.yaml", b"x")]) != before


def test_a_planted_entry_is_never_used(tmp_path: Path) -> None:
    """An entry forged with another secret, for the very key of a map file, is a miss."""
    folder = project(tmp_path)
    file = folder / "m" / "a.yaml"
    forged_draft = pipeline.read_file(
        file, "yaml", contents=Contents({str(file.absolute()): b"nodes:\n  X: {claim: forged}\n"})
    )
    from argmap.loading.pack import pack_draft

    key = pipeline.entry_key("draft", "yaml", [(str(file), file.read_bytes())])
    Cache(folder / ".argmap_cache", secret=b"s" * 32).put(key, pack_draft(forged_draft))
    assert argmap.load(folder / "m", cache=True).ids == ("T1", "E1")


# -- 30. an empty or comments-only map is not a clean map ----------------------------------------


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_a_comments_only_file_is_no_map(tmp_path: Path, text: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match="holds no map"):
        argmap.load(tmp_path)
    with pytest.raises(LoadError, match="not a map"):
        argmap.load(tmp_path / "map.yaml")
