"""Benchmark `argmap check --jobs`: many independent maps, one job against every core.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_parallel.py                      # ../shared/corpora/aif
    .venv/bin/python benchmarks/bench_parallel.py --runs 7 PATH ...

Each run is a whole ``argmap check --no-cache --output-format json-lines PATH`` process (start-up,
discovery, loading, checking and printing), timed by its wall clock; the figure is the median
of ``--runs``. It prints the maps and files found, the time with ``--jobs 1`` and with one job
per core, the files per second of each, and the ratio all-cores / one job. The target (issue
15) is at most 0.7 on 2 cores. Both runs must print the same findings: the benchmark checks it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 0.7
HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpora" / "aif"


def run(paths: list[str], jobs: int) -> tuple[float, bytes]:
    command = [sys.executable, "-m", "argmap", "check", "--no-cache", "--exit-zero"]
    command += ["--output-format", "json-lines", "--jobs", str(jobs), *paths]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 2):
        sys.exit(f"argmap failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from argmap.batch import available_cores
    from argmap.loading.discover import discover

    found = discover(args.paths)
    files = sum(len(spec.files) for spec in found.maps)
    cores = available_cores()
    print(f"{len(found.maps)} maps, {files} files under {', '.join(args.paths)}; {cores} cores")
    times: dict[int, list[float]] = {1: [], cores: []}
    outputs: dict[int, bytes] = {}
    for _ in range(args.runs):
        for jobs, taken in times.items():  # alternate, so that both see the same machine
            elapsed, out = run(args.paths, jobs)
            taken.append(elapsed)
            outputs[jobs] = out
    if outputs[1] != outputs[cores]:
        sys.exit("the outputs of one job and of every core differ")
    one, every = statistics.median(times[1]), statistics.median(times[cores])
    findings = outputs[1].count(b"\n")
    print(f"findings: {findings} (identical with 1 and {cores} jobs)")
    print(f"--jobs 1:  {one:6.2f} s wall  {files / one:7.1f} files/s")
    print(f"--jobs {cores}:  {every:6.2f} s wall  {files / every:7.1f} files/s")
    verdict = "met" if every / one <= TARGET else "MISSED"
    print(f"ratio {every / one:.2f} (target <= {TARGET} on 2 cores: {verdict})")
    print(f"load average now: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
