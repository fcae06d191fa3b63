"""Benchmark the first run of ``argmap check`` (no cache) against its floors, before and after.

Run on demand, never in the test suite (several minutes at 100k nodes)::

    .venv/bin/python benchmarks/bench_first_run.py
    .venv/bin/python benchmarks/bench_first_run.py --before /tmp/old/src --runs 5
    .venv/bin/python benchmarks/bench_first_run.py --sizes 10000 --startup-runs 30

``--before SRC`` (repeatable, ``LABEL=SRC`` to name it) measures another copy of the package in
the same run, interleaved with this one: e.g. ``git worktree add /tmp/old 7faa6d5`` and
``--before old=/tmp/old/src`` (nothing is installed; the copy is put first on ``PYTHONPATH``).

For each size (a generated map in ten files, :mod:`generate`) it prints, per version, the
median CPU time (user + system) and wall clock of

- ``argmap check DIR --format json --no-cache`` (the first run), and its ratio to the parse
  floor: a gc-paused ``yaml.compose`` of the same files with libyaml's loader, timed in this
  process (issue 19: at most 2x at 100k nodes);
- the same with the parsed-map cache warm (issue 13: not slower than before the redesign).

Then start-up: ``argmap check`` of a 100-node map with ``--no-cache`` and with its cache warm,
against the import floor ``python -c "import yaml, bibtexparser"`` (issue 19: at most 1.5x).
Ratios are of CPU time, which other work on a shared machine disturbs less than the wall clock.

Last, where the start-up goes: the CPU each module on the way of a first run adds to those
imported before it (in a fresh process each time, the package's ``__init__`` run last so that
each module counts alone; medians), and the modules a one-map check must not import at all
(worker processes: ``multiprocessing``, ``concurrent.futures``), nor a check of a map in the
plain style with a plain .bib file, as the generated ones are (PyYAML and bibtexparser: the
plain-style readers take them), with PASS or MISS.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import BIN, Time, compose, run
from generate import write_map

FIRST_RUN_OVER_PARSE_MAX = 2.0
STARTUP_OVER_IMPORT_MAX = 1.5

#: The modules on the way of a first run of `argmap check`, in the order they are imported
#: (each after those above it; "argmap" is the package's __init__, run once they are loaded).
STEPS = (
    "attrs",
    "argmap.errors",
    "argmap._io",
    "argmap.diagnostics",
    "argmap.model",
    "argmap.graph",
    "argmap.acceptability",
    "argmap.rules",
    "argmap.config",
    "argmap.linter",
    "argmap.loading.pipeline",
    "argmap",
    "argparse",
    "argmap.cli",
    "argmap.batch",
    "argmap.loading.discover",
    "argmap.loading.read_simple",
    "argmap.loading.read_yaml",
    "argmap.bibliography",
    "argmap.output",
)
#: What a check of one map must never import: it is checked in this process.
NOT_FOR_ONE_MAP = ("multiprocessing", "concurrent.futures")
#: What a check of a plain map (its YAML and its .bib file in the plain style) never imports.
NOT_FOR_PLAIN_MAP = ("yaml", "bibtexparser")

_STEP_TIMER = """
import importlib, importlib.util, json, sys, time, types
spec = importlib.util.find_spec("argmap")
package = types.ModuleType("argmap")
package.__path__ = list(spec.submodule_search_locations)
package.__file__ = spec.origin
sys.modules["argmap"] = package  # its submodules load without running its __init__ first
times = {}
for name in sys.argv[1:]:
    start = time.process_time()
    if name == "argmap":
        with open(spec.origin, encoding="utf-8") as source:
            exec(compile(source.read(), spec.origin, "exec"), package.__dict__)
    else:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:  # not in this version
            times[name] = None
            continue
    times[name] = time.process_time() - start
print(json.dumps(times))
"""

_IMPORTED = """
import io, json, sys
from argmap import cli
sys.stdout = io.StringIO()
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps(sorted(sys.modules)))
"""


def environment(cache: Path, src: str | None) -> dict[str, str]:
    """The environment of one version's runs: bytecode cached, its source first on the path."""
    env = {key: value for key, value in os.environ.items() if key != "ARGMAP_NO_CACHE"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    if src is not None:
        env["PYTHONPATH"] = src
    else:
        env.pop("PYTHONPATH", None)
    return env


def check(folder: Path, *, cache: bool) -> list[str]:
    command = [str(BIN / "python"), "-m", "argmap", "check", str(folder), "--format", "json"]
    return command if cache else [*command, "--no-cache"]


def medians(
    commands: dict[str, list[str]], envs: dict[str, dict[str, str]], runs: int
) -> dict[str, Time]:
    """Run every (version, command) pair ``runs`` times, interleaved; return the medians."""
    times: dict[str, list[Time]] = {key: [] for key in commands}
    for key, command in commands.items():  # warm up: bytecode, file cache, parsed-map cache
        run(command, envs[key.split(" ")[0]])
    for _ in range(runs):
        for key, command in commands.items():
            times[key].append(run(command, envs[key.split(" ")[0]]))
    return {key: Time.median(values) for key, values in times.items()}


def _ms(t: Time) -> str:
    return f"{t.cpu * 1000:.0f} ms CPU ({t.wall * 1000:.0f} ms wall)"


def _s(t: Time) -> str:
    return f"{t.cpu:.2f} s CPU ({t.wall:.2f} s wall)"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--before", action="append", default=[], help="[LABEL=]SRC, repeatable")
    parser.add_argument("--this", help="SRC of the version called `this` (default: installed)")
    parser.add_argument("--data", type=Path, help="keep the generated maps here")
    args = parser.parse_args(argv)
    versions: dict[str, str | None] = {}
    for number, given in enumerate(args.before, 1):
        label, _, src = given.rpartition("=")
        versions[label or f"before{number}"] = src
    versions["this"] = args.this

    with tempfile.TemporaryDirectory(prefix="argmap-first-") as temporary:
        data = args.data or Path(temporary)
        envs = {label: environment(Path(temporary) / "pyc", src) for label, src in versions.items()}
        shown = ", ".join(f"{label}={src or 'installed'}" for label, src in versions.items())
        print(f"versions: {shown}")
        for nodes in args.sizes:
            folder = write_map(data / f"first-{nodes}", nodes, files=10, seed=0).folder
            files = sorted(folder.glob("*.yaml"))
            floor = Time.median([compose(files, gc_off=True) for _ in range(args.runs)])
            commands = {
                f"{label} {kind}": check(folder, cache=kind == "warm")
                for label in versions
                for kind in ("cold", "warm")
            }
            found = medians(commands, envs, args.runs)
            print(f"\n{nodes:,} nodes in 10 files; parse floor (gc-paused C compose) {_s(floor)}")
            print("| version | first run (--no-cache) | / floor | warm cache | / floor |")
            print("|---|---:|---:|---:|---:|")
            for label in versions:
                cold, warm = found[f"{label} cold"], found[f"{label} warm"]
                print(
                    f"| {label} | {_s(cold)} | {cold.cpu / floor.cpu:.2f}x "
                    f"| {_s(warm)} | {warm.cpu / floor.cpu:.2f}x |"
                )
            cold = found["this cold"]
            print(
                f"  {_verdict(cold.cpu <= FIRST_RUN_OVER_PARSE_MAX * floor.cpu)}  first run "
                f"within {FIRST_RUN_OVER_PARSE_MAX}x the parse floor: {cold.cpu / floor.cpu:.2f}x"
            )
            for label in versions:
                if label != "this":
                    ratio = found["this warm"].cpu / found[f"{label} warm"].cpu
                    print(f"  {_verdict(ratio <= 1.0)}  warm run vs {label}: {ratio:.2f}x")

        small = write_map(data / "first-100", 100, files=10, seed=0).folder
        floor_command = [str(BIN / "python"), "-c", "import yaml, bibtexparser"]
        commands = {"this import": floor_command}
        for label in versions:
            commands[f"{label} cold"] = check(small, cache=False)
            commands[f"{label} warm"] = check(small, cache=True)
        found = medians(commands, envs, args.startup_runs)
        floor = found["this import"]
        print(f"\nstart-up, 100 nodes in 10 files; import floor {_ms(floor)}")
        print("| version | first run (--no-cache) | / floor | warm cache | / floor |")
        print("|---|---:|---:|---:|---:|")
        for label in versions:
            cold, warm = found[f"{label} cold"], found[f"{label} warm"]
            print(
                f"| {label} | {_ms(cold)} | {cold.cpu / floor.cpu:.2f}x "
                f"| {_ms(warm)} | {warm.cpu / floor.cpu:.2f}x |"
            )
        ratio = found["this cold"].cpu / floor.cpu
        print(
            f"  {_verdict(ratio <= STARTUP_OVER_IMPORT_MAX)}  first run of 100 nodes within "
            f"{STARTUP_OVER_IMPORT_MAX}x the import floor: {ratio:.2f}x"
        )
        import_steps(versions, envs, args.startup_runs)
        one_map_imports(small, versions, envs)
    return 0


def import_steps(
    versions: dict[str, str | None], envs: dict[str, dict[str, str]], runs: int
) -> None:
    """Print the median CPU each module of :data:`STEPS` adds to the start-up, per version."""
    command = [str(BIN / "python"), "-c", _STEP_TIMER, *STEPS]
    times: dict[str, dict[str, list[float | None]]] = {label: {} for label in versions}
    for _ in range(runs + 1):  # the first round compiles the bytecode and is not counted
        for label in versions:
            done = subprocess.run(
                command, env=envs[label], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                print(f"\n{label}: the import steps failed: {done.stderr.strip()[-300:]}")
                return
            for name, cpu in json.loads(done.stdout).items():
                times[label].setdefault(name, [])
                times[label][name].append(cpu)
    for label in versions:  # drop the uncounted first round
        for samples in times[label].values():
            del samples[0]
    labels = list(versions)
    print("\nimport steps (median CPU each module adds to those above it)")
    print("| module | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    medians = {label: {name: _median(times[label][name]) for name in STEPS} for label in labels}
    for name in STEPS:
        cells = ["-" if medians[label][name] is None else f"{medians[label][name]:.1f} ms"
                 for label in labels]  # fmt: skip
        print(f"| {name} | " + " | ".join(cells) + " |")
    totals = [sum(ms for ms in medians[label].values() if ms is not None) for label in labels]
    print("| all | " + " | ".join(f"{total:.1f} ms" for total in totals) + " |")


def _median(samples: list[float | None]) -> float | None:
    """The median in milliseconds, or None for a module the version does not have."""
    found = [sample for sample in samples if sample is not None]
    return statistics.median(found) * 1000 if found else None


def one_map_imports(
    folder: Path, versions: dict[str, str | None], envs: dict[str, dict[str, str]]
) -> None:
    """Print PASS or MISS: a first run of one map imports nothing it must not.

    Nothing of :data:`NOT_FOR_ONE_MAP`, and, the generated map being plain, nothing of
    :data:`NOT_FOR_PLAIN_MAP`.
    """
    arguments = ["check", str(folder), "--format", "json", "--no-cache"]
    command = [str(BIN / "python"), "-c", _IMPORTED, *arguments]
    for label in versions:
        done = subprocess.run(command, env=envs[label], capture_output=True, text=True, check=False)
        modules = set(json.loads(done.stdout)) if done.returncode == 0 else set()
        for kind, names in (("one map", NOT_FOR_ONE_MAP), ("a plain map", NOT_FOR_PLAIN_MAP)):
            found = [name for name in names if name in modules]
            shown = ", ".join(found) or "none of " + ", ".join(names)
            print(f"  {_verdict(not found and bool(modules))}  {label}: {kind} imports {shown}")


if __name__ == "__main__":
    sys.exit(main())
