"""Benchmark ``argmap sources`` (weigh every source) against ``argmap check`` on the same map.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_sources.py                  # 10k nodes, 1,000 sources
    .venv/bin/python benchmarks/bench_sources.py --nodes 100000 --runs 3
    .venv/bin/python benchmarks/bench_sources.py --naive 1000     # naive on every source (slow)

Issue 6's target: ``argmap sources`` on a 10,000-node map with 1,000 sources within 10x the
time of ``argmap check`` on the same map. The map comes from ``generate.py`` (a tree-shaped map,
one source per ten nodes, every source cited). Measured in the same run, medians of ``--runs``:

- library: ``argmap.load``; ``argmap.check`` (every rule); ``weigh_sources`` (the incremental
  grounding, see ``argmap.trace``); the text and JSON of its rows;
- the naive way for comparison: ``graph.grounded(map, withdrawn=...)`` recomputed for each
  source, timed on ``--naive`` sources (evenly spread) and extrapolated to all of them, and
  checked to give the same answer as ``weigh_sources`` on those sources;
- ``trace_up`` of the most cited source and ``trace_down`` of each thesis;
- the command line: ``argmap check DIR --format json`` and ``argmap sources DIR --format json``
  as subprocesses (when this argmap has no ``sources`` command yet, an equivalent
  ``python -c`` script stands in, and the output says so).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import argmap
from argmap.graph import grounded
from argmap.model import ArgumentMap, Assumption, Evidence, Premise
from argmap.render.tree import sources_to_text, to_json
from argmap.trace import trace_down, trace_up, weigh_sources

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

#: Issue 6's target: `argmap sources` within this many times `argmap check`.
TARGET = 10.0
BIN = Path(sys.executable).parent

_STAND_IN = (
    "import sys, argmap\n"
    "from argmap.trace import weigh_sources\n"
    "from argmap.render.tree import to_json\n"
    "sys.stdout.write(to_json(weigh_sources(argmap.load(sys.argv[1]))))\n"
)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def median_of(runs: int, function: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        elapsed, result = timed(function)
        times.append(elapsed)
    return statistics.median(times), result


def naive_falls(argument_map: ArgumentMap, key: str, before: set[str]) -> set[str]:
    """What falls without ``key``, by recomputing the grounding of the whole map."""
    withdrawn = {
        node.id
        for node in argument_map.nodes
        if isinstance(node, Evidence | Premise | Assumption)
        and node.citations
        and all(c.key == key for c in node.citations)
    }
    return before - grounded(argument_map, withdrawn=withdrawn) - withdrawn


def has_sources_command() -> bool:
    done = subprocess.run(
        [str(BIN / "argmap"), "sources", "--help"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def wall(command: Sequence[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in {0, 1}:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--naive", type=int, default=50, help="sources timed the naive way")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, help="keep the generated map here")
    args = parser.parse_args(argv)
    if not (BIN / "argmap").exists():
        sys.exit(f"no `argmap` next to {sys.executable}; run with the project's .venv/bin/python")

    print(
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs), "
        f"argmap {argmap.__version__}; {time.strftime('%Y-%m-%d %H:%M')}; "
        f"medians of {args.runs} runs, wall clock"
    )
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as temporary:
        data = args.data or Path(temporary)
        folder = write_map(data / f"sources-{args.nodes}", args.nodes, seed=args.seed).folder
        run(folder, args)
    return 0


def run(folder: Path, args: argparse.Namespace) -> None:
    load_time, argument_map = median_of(args.runs, lambda: argmap.load(folder))
    nodes, sources = len(argument_map), len(argument_map.sources)
    print(f"map: {nodes:,} nodes, {sources:,} sources, in {folder}\n")
    check_time, found = median_of(args.runs, lambda: argmap.check(argument_map))
    weigh_time, rows = median_of(args.runs, lambda: weigh_sources(argument_map))
    theses = [node.id for node in argument_map.theses]
    text_time, _ = median_of(args.runs, lambda: sources_to_text(rows, theses=theses))
    json_time, _ = median_of(args.runs, lambda: to_json(rows))

    # The naive way, on a spread of sources, extrapolated to all of them.
    keys = [row.key for row in rows]
    step = max(1, len(keys) // max(1, args.naive))
    sample = keys[::step][: args.naive]
    before = grounded(argument_map)
    by_key = {row.key: row for row in rows}
    start = time.perf_counter()
    for key in sample:
        assert naive_falls(argument_map, key, before) == set(by_key[key].falls), key
    naive_each = (time.perf_counter() - start) / len(sample)
    naive_all = naive_each * len(keys)

    heaviest = max(rows, key=lambda row: len(row.citing)).key
    up_time, up = median_of(args.runs, lambda: trace_up(argument_map, heaviest))
    down_time, _ = median_of(
        args.runs, lambda: [trace_down(argument_map, thesis) for thesis in theses]
    )

    print("| step | time | note |")
    print("|---|---:|---|")
    print(f"| `argmap.load` | {load_time:.3f} s | YAML and bibliography |")
    print(f"| `argmap.check` (rules) | {check_time:.3f} s | {len(found):,} findings |")
    print(
        f"| `weigh_sources` | {weigh_time:.3f} s | {len(rows):,} rows, "
        f"{sum(1 for r in rows if r.falls):,} with nodes falling |"
    )
    print(f"| `sources_to_text` | {text_time:.3f} s | |")
    print(f"| `to_json(rows)` | {json_time:.3f} s | |")
    print(
        f"| naive, per source | {naive_each * 1000:.1f} ms | full `grounded(withdrawn=...)`, "
        f"timed on {len(sample)} sources, same answers |"
    )
    print(f"| naive, all sources | {naive_all:.2f} s | extrapolated ({len(keys):,} sources) |")
    print(
        f"| `trace_up` | {up_time * 1000:.1f} ms | `{heaviest}`: {len(up.resting):,} resting, "
        f"{len(up.falls)} falling |"
    )
    print(f"| `trace_down` x {len(theses)} | {down_time * 1000:.1f} ms | every thesis |")

    cli_check, cli_sources, how = cli_times(folder, args.runs)
    print(f"| `argmap check --format json` | {cli_check:.3f} s | command line |")
    print(f"| `argmap sources --format json` | {cli_sources:.3f} s | {how} |")

    library_ratio = (weigh_time + json_time) / check_time
    cli_ratio = cli_sources / cli_check
    speedup = naive_all / weigh_time
    print(
        f"\nweigh_sources is {speedup:,.0f}x faster than the naive recomputation "
        f"({weigh_time:.3f} s vs {naive_all:.2f} s)."
    )
    print(f"target (issue 6): `argmap sources` within {TARGET:.0f}x `argmap check`")
    for what, ratio in (
        ("command line, wall clock", cli_ratio),
        ("library, weigh_sources + JSON vs check's rules", library_ratio),
    ):
        verdict = "PASS" if ratio <= TARGET else "MISS"
        print(f"  {verdict}  {what}: {ratio:.2f}x")


def cli_times(folder: Path, runs: int) -> tuple[float, float, str]:
    check = [str(BIN / "argmap"), "check", str(folder), "--format", "json"]
    if has_sources_command():
        sources = [str(BIN / "argmap"), "sources", str(folder), "--format", "json"]
        how = "command line"
    else:
        sources = [sys.executable, "-c", _STAND_IN, str(folder)]
        how = "no `sources` command in this argmap: `python -c` doing the same stands in"
    wall(check)  # warm the file cache
    checks, weighs = [], []
    for _ in range(runs):  # interleaved, so a slow spell hits both alike
        checks.append(wall(check))
        weighs.append(wall(sources))
    return statistics.median(checks), statistics.median(weighs), how


if __name__ == "__main__":
    sys.exit(main())
