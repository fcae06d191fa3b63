"""`argmap.batch`: many maps checked in forked workers, the same results as in one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import batch
from argmap.config import Config
from argmap.loading.contents import Contents
from argmap.loading.discover import MapFiles, discover

posix_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def map_text(number: int) -> str:
    """A map whose findings depend on ``number``: ``number % 4`` uncited pieces of evidence."""
    lines = ["nodes:", f"  T{number}: {{claim: thesis {number}, thesis: true, because: P1}}"]
    lines.append("  P1: {premise: p, cites: [{key: k, page: 1}]}")
    lines += [f"  E{i}: {{evidence: uncited {i} of map {number}}}" for i in range(number % 4)]
    lines += ["  " + "X" * (number % 7) + "Z: {claim: unsupported}"]  # sizes differ too
    return "\n".join(lines) + "\n"


@pytest.fixture
def many(tmp_path: Path) -> list[MapFiles]:
    for number in range(23):
        folder = tmp_path / f"m{number:02}"
        folder.mkdir()
        (folder / "map.yaml").write_text(map_text(number))
    (tmp_path / "references.bib").write_text("@misc{k, title = {T}}\n")
    found = discover([tmp_path])
    assert len(found.maps) == 23
    return list(found.maps)


def check(specs: list[MapFiles], jobs: int) -> list[batch.MapCheck]:
    return batch.check_maps(specs, configs=[Config()] * len(specs), jobs=jobs)


@posix_fork
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_workers_give_the_results_of_one_process_in_order(many: list[MapFiles], jobs: int) -> None:
    alone = check(many, 1)
    assert [r.spec for r in alone] == many
    assert {len(r.diagnostics) for r in alone} != {len(alone[0].diagnostics)}  # maps differ
    assert check(many, jobs) == alone


@posix_fork
def test_a_worker_that_dies_leaves_its_maps_to_this_process(
    many: list[MapFiles], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = check(many, 1)
    started: list[int] = []

    def dies(*_: object) -> None:
        os._exit(9)  # as if killed: nothing sent back

    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(batch, "_worker", dies)
    monkeypatch.setattr(os, "fork", fork)
    assert check(many, 3) == alone
    assert len(started) == 2
    for pid in started:  # reaped: no zombie left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@posix_fork
def test_an_exception_in_a_worker_is_raised_here(
    many: list[MapFiles], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.check_map
    broken = many[5]

    def check_map(spec: MapFiles, **options: object) -> batch.MapCheck:
        if spec == broken:
            message = f"a bug on {spec.root.name}"
            raise RuntimeError(message)
        return real(spec, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "check_map", check_map)
    with pytest.raises(RuntimeError, match="a bug on m05"):
        check(many, 2)


def test_one_job_or_one_map_forks_nothing(
    many: list[MapFiles], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise AssertionError

    monkeypatch.setattr(os, "fork", no_fork)
    assert len(check(many, 1)) == 23
    assert len(check(many[:1], 4)) == 1


def test_without_fork_the_maps_are_checked_in_spawned_workers(
    many: list[MapFiles], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = check(many[:4], 1)
    monkeypatch.delattr(os, "fork", raising=False)
    assert check(many[:4], 2) == alone


def test_biggest_maps_are_handed_out_first(many: list[MapFiles]) -> None:
    sizes = [batch._size(spec) for spec in many]
    assert sizes == [len(map_text(n).encode()) for n in range(23)]
    held = Contents()
    held.put(many[0].files[0], b"x" * 10_000)
    batch._read = held
    try:
        assert batch._size(many[0]) == 10_000
    finally:
        batch._read = None
    gone = MapFiles(many[0].root, (many[0].root / "gone.yaml",), "yaml")
    assert batch._size(gone) == 0


@posix_fork
def test_output_written_before_is_not_written_twice(many: list[MapFiles]) -> None:
    roots = [str(spec.root) for spec in many]
    script = (
        "import sys\n"
        "from argmap import batch\n"
        "from argmap.config import Config\n"
        "from argmap.loading.discover import discover\n"
        "sys.stdout.write('before ')\n"
        f"specs = list(discover({roots!r}).maps)\n"
        "found = batch.check_maps(specs, configs=[Config()] * len(specs), jobs=2)\n"
        "print(sum(len(r.diagnostics) for r in found))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    total = sum(len(r.diagnostics) for r in check(many, 1))
    assert done.stdout == f"before {total}\n"
