"""Benchmark the Workspace's incremental re-check against a cold load and check; prints figures.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_workspace.py                # 20,000 nodes in 10 files
    .venv/bin/python benchmarks/bench_workspace.py --nodes 100000 --runs 7

In one process, on a generated map (``generate.py``, a realistic tree) split over ten files:

- cold: ``argmap.load(folder)`` then ``argmap.check`` (no cache), the median of ``--runs``;
- incremental: a :class:`argmap.Workspace` that has checked the map once; then, each run,
  ``update`` of one file with an edited text (one node's text changed, alternating between two
  edits so that every run really changes the file) and ``check`` of the map;
- the ratio incremental / cold. The target (issue 13) is at most 0.3.

Both are timed with ``time.perf_counter`` (wall clock) and ``time.process_time`` (CPU).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import argmap

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

TARGET = 0.3


def timed(action: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="argmap-bench-ws-") as scratch:
        folder = Path(scratch) / "map"
        write_map(folder, args.nodes, files=args.files, seed=0)
        (Path(scratch) / ".git").mkdir()
        files = sorted(folder.glob("*.yaml"))
        edited = files[len(files) // 2]
        original = edited.read_text(encoding="utf-8")
        text_line = next(
            line for line in original.splitlines() if line.startswith("    evidence: ")
        )
        edits = [
            original.replace(text_line, text_line + " Edited.", 1),
            original.replace(text_line, text_line + " Edited again.", 1),
        ]
        assert edits[0] != original, "the edit must change the file"

        cold = [timed(lambda: argmap.check(argmap.load(folder))) for _ in range(args.runs)]
        workspace = argmap.Workspace(folder)
        baseline = workspace.check()
        incremental = []
        for run in range(args.runs):
            text = edits[run % 2]
            incremental.append(
                timed(lambda text=text: (workspace.update(edited, text), workspace.check()))
            )
        after = workspace.check()
        assert len(after) == len(baseline), "the edit must not change the findings"

    cold_wall = statistics.median(w for w, _ in cold)
    cold_cpu = statistics.median(c for _, c in cold)
    inc_wall = statistics.median(w for w, _ in incremental)
    inc_cpu = statistics.median(c for _, c in incremental)
    ratio = inc_wall / cold_wall
    print(f"{args.nodes:,} nodes in {args.files} files, {args.runs} runs each (medians):")
    print(f"  cold load + check:          {cold_wall:.3f} s wall, {cold_cpu:.3f} s CPU")
    print(f"  update one file + check:    {inc_wall:.3f} s wall, {inc_cpu:.3f} s CPU")
    print(f"  ratio: {ratio:.2f} (CPU {inc_cpu / cold_cpu:.2f}); target <= {TARGET}")
    print(f"  {'PASS' if ratio <= TARGET else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
