"""Benchmark ``argmap check`` against the floor set by YAML parsing; prints a table of figures.

Run on demand, never in the test suite (it takes several minutes)::

    .venv/bin/python benchmarks/bench_check.py                 # 1k, 10k, 100k nodes
    .venv/bin/python benchmarks/bench_check.py --sizes 1000 10000 --runs 5
    .venv/bin/python benchmarks/bench_check.py --data benchmarks/_data   # keep the maps

For each size, with the map in one file and split over ten, it measures in the same run:

- the bare ``yaml.compose`` of the same YAML files with libyaml (``yaml.CSafeLoader``), with
  the garbage collector paused (the floor the targets mean, see PERF-NOTES.md) and with it on;
- ``argmap.load`` (YAML and bibliography), and ``argmap.check`` with every rule;
- the rules' time as a share of the load time;
- the whole command line, ``argmap check DIR --format json --no-cache > /dev/null``, as a
  subprocess, and its ratio to the gc-off compose;
- at 100k nodes, the same command with the parsed-map cache (``.argmap_cache/``): a first run
  that fills it (its entry for the map is deleted first), then the median of warm runs.

Then, on the largest map in ten files, where the check's time goes: the analyses the rules
share (each computed once per check, :class:`argmap.rules.Context`) and each rule on its own,
in CPU time (``--rule-runs`` runs, medians; ``0`` skips it).

Then the start-up cost (``argmap check`` of a 100-node map as run by default, its parsed-map
cache warm, and with ``--no-cache``, against ``python -c "import yaml, bibtexparser"``,
medians of interleaved runs) and a 100,000-long
support chain, which must load and check without ``RecursionError``. Finally PASS/MISS against
the targets of issue 3.

Every figure is a median of interleaved runs, timed with ``time.perf_counter`` (wall clock);
CPU time (user + system, of this process or of the subprocess) is printed beside it, because
on a shared machine the wall clock also counts other people's work. Subprocesses run with
bytecode caching on (``PYTHONPYCACHEPREFIX`` in a temporary folder, warmed first), as an
installed argmap would, even where the environment sets ``PYTHONDONTWRITEBYTECODE``.

To measure a changed copy of the package, put it first on the path:
``PYTHONPATH=/tmp/copy/src .venv/bin/python benchmarks/bench_check.py``.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

import argmap

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

#: Issue 3's targets.
RULES_SHARE_MAX = 0.20  # all rules together, as a share of load time, at 100k nodes
CLI_OVER_COMPOSE_MAX = 1.5  # whole `argmap check` of 100k nodes / bare gc-off C compose
STARTUP_OVER_IMPORT_MAX = 1.5  # `argmap check` of 100 nodes / `python -c "import yaml, ..."`

_LOADER: Any = getattr(yaml, "CSafeLoader", None)
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Time:
    """One measurement: wall clock and CPU time (user + system), in seconds."""

    wall: float
    cpu: float

    @staticmethod
    def median(times: Sequence[Time]) -> Time:
        return Time(
            statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times)
        )


@dataclass
class Row:
    nodes: int
    files: int
    runs: int
    compose_off: Time
    compose_on: Time
    load: Time
    check: Time
    cli: Time
    findings: int
    #: The first run with the cache (filling it) and the median of warm runs, at 100k nodes.
    cache_fill: Time | None = None
    cache_warm: Time | None = None

    def share(self, field: str = "wall") -> float:
        return float(getattr(self.check, field) / getattr(self.load, field))

    def cli_ratio(self, field: str = "wall") -> float:
        return float(getattr(self.cli, field) / getattr(self.compose_off, field))

    def warm_ratio(self, field: str = "wall") -> float:
        assert self.cache_warm is not None
        return float(getattr(self.cache_warm, field) / getattr(self.compose_off, field))


# -- timing ------------------------------------------------------------------------------------


class _Clock:
    """Wall and CPU time of this process, or of its finished children."""

    def __init__(self, *, children: bool = False) -> None:
        self.who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
        self.wall = time.perf_counter()
        self.cpu = self._cpu()

    def _cpu(self) -> float:
        usage = resource.getrusage(self.who)
        return usage.ru_utime + usage.ru_stime

    def stop(self) -> Time:
        return Time(time.perf_counter() - self.wall, self._cpu() - self.cpu)


def compose(files: Sequence[Path], *, gc_off: bool) -> Time:
    """Time reading and composing ``files`` with libyaml; the node trees are dropped after."""
    gc.collect()  # start from the same heap each time
    was_enabled = gc.isenabled()
    clock = _Clock()
    if gc_off:
        gc.disable()
    try:
        trees = [yaml.compose(f.read_bytes().decode("utf-8"), Loader=_LOADER) for f in files]
    finally:
        if was_enabled:
            gc.enable()
    elapsed = clock.stop()
    del trees
    return elapsed


def load_and_check(folder: Path) -> tuple[Time, Time, int]:
    """Time ``argmap.load``, then ``argmap.check`` (every rule) of the map it returned."""
    gc.collect()
    clock = _Clock()
    argument_map = argmap.load(folder)
    loaded = clock.stop()
    clock = _Clock()
    found = argmap.check(argument_map)
    checked = clock.stop()
    count = len(found)
    del argument_map, found
    return loaded, checked, count


def _environment(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run(command: Sequence[str], env: dict[str, str]) -> Time:
    """Time a command to its exit; a status of 2 or more, or a traceback, stops the benchmark.

    ``argmap check`` exits with 1 when it has findings, and so does Python on an uncaught
    exception: only stderr tells a crash (which would time nothing) from findings.
    """
    clock = _Clock(children=True)
    done = subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = clock.stop()
    if done.returncode not in {0, 1} or b"Traceback" in done.stderr:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


def cli_command(folder: Path, *, cache: bool = False) -> list[str]:
    command = [str(BIN / "argmap"), "check", str(folder), "--format", "json"]
    return command if cache else [*command, "--no-cache"]


def with_cache(folder: Path, runs: int, env: dict[str, str]) -> tuple[Time, Time]:
    """Time `argmap check` with the parsed-file cache: the run that fills it, then warm runs."""
    import shutil

    from argmap.loading.pipeline import cache_folder

    env = {key: value for key, value in env.items() if key != "ARGMAP_NO_CACHE"}
    cache = cache_folder(folder)
    shutil.rmtree(cache, ignore_errors=True)
    fill = run(cli_command(folder, cache=True), env)
    if not any(cache.glob("*.entry")):
        sys.exit(f"`argmap check {folder}` wrote no cache entry in {cache}")
    warm = [run(cli_command(folder, cache=True), env) for _ in range(max(runs, 1))]
    return fill, Time.median(warm)


# -- the measurements --------------------------------------------------------------------------


def measure(folder: Path, nodes: int, files: int, runs: int, env: dict[str, str]) -> Row:
    """Take the median of ``runs`` runs of each measurement of one generated map."""
    yaml_files = sorted(folder.glob("*.yaml"))
    offs, ons, loads, checks, clis = [], [], [], [], []
    count = 0
    for _ in range(runs):  # interleaved, so that a slow spell of the machine hits all alike
        offs.append(compose(yaml_files, gc_off=True))
        ons.append(compose(yaml_files, gc_off=False))
        load, check, count = load_and_check(folder)
        loads.append(load)
        checks.append(check)
        clis.append(run(cli_command(folder), env))
    m = Time.median
    return Row(nodes, files, runs, m(offs), m(ons), m(loads), m(checks), m(clis), count)


#: The analyses the rules share, in the order a check first asks for them (AM009 walks the map
#: by number itself, so none asks for ``reaching_thesis`` any more).
SHARED = ("grounded", "assumption_witnesses", "weighing", "cited_keys", "numbered")


def rule_times(folder: Path, runs: int) -> dict[str, float]:
    """Median CPU seconds of each shared analysis, then of each rule with those computed.

    Each run starts from a fresh :class:`~argmap.rules.Context` (and the map's grounding
    forgotten), as a check does; a rule's time leaves out the analyses it shares.
    """
    from argmap.rules import RULES, Context

    argument_map = argmap.load(folder)
    index = argument_map._graph  # noqa: SLF001 - its grounding is kept between checks
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        index.grounding.clear()
        context = Context(argument_map)
        context.codes = {key: rule.code for rule in RULES for key in (rule.code, rule.name)}
        context.selected = frozenset(rule.code for rule in RULES)
        for name in SHARED:
            if hasattr(Context, name):  # an older version may lack one
                start = time.process_time()
                getattr(context, name)
                times.setdefault(name, []).append(time.process_time() - start)
        for rule in sorted(RULES, key=lambda rule: rule.late):
            start = time.process_time()
            for _finding in rule.check(context):
                pass
            times.setdefault(f"{rule.code} {rule.name}", []).append(time.process_time() - start)
    return {name: statistics.median(samples) for name, samples in times.items()}


def _rule_table(nodes: int, times: dict[str, float]) -> str:
    shared = [name for name in times if name in SHARED]
    rows = [f"| shared: {name} | {times[name] * 1000:.1f} |" for name in shared]
    rows += [f"| {name} | {cpu * 1000:.1f} |" for name, cpu in times.items() if name not in SHARED]
    total = sum(times.values()) * 1000
    head = f"Where a check of {nodes:,} nodes goes (CPU ms, medians):\n\n| part | ms |\n|---|---:|"
    return "\n".join([head, *rows, f"| all | {total:.1f} |"])


def startup(folder: Path, runs: int, env: dict[str, str]) -> tuple[Time, Time, Time]:
    """Median times of `argmap check` of a small map, as run by default (its parsed-map cache
    warm, as on every run after the first) and with ``--no-cache``, and of importing the
    dependencies."""
    baseline = [str(BIN / "python"), "-c", "import yaml, bibtexparser"]
    env = {key: value for key, value in env.items() if key != "ARGMAP_NO_CACHE"}
    warm, cold = cli_command(folder, cache=True), cli_command(folder)
    for _ in range(2):  # compile and cache the bytecode, fill the map cache, warm the file cache
        for command in (baseline, warm, cold):
            run(command, env)
    imports, warms, colds = [], [], []
    for _ in range(runs):
        imports.append(run(baseline, env))
        warms.append(run(warm, env))
        colds.append(run(cold, env))
    return Time.median(warms), Time.median(colds), Time.median(imports)


def chain(folder: Path) -> tuple[Time | None, Time | None, str]:
    """Load and check a long support chain once; report RecursionError, if any."""
    gc.collect()
    try:
        clock = _Clock()
        argument_map = argmap.load(folder)
        loaded = clock.stop()
        clock = _Clock()
        found = argmap.check(argument_map)
        checked = clock.stop()
    except RecursionError as exc:
        return None, None, f"RecursionError: {exc}"
    codes = sorted({d.code for d in found})
    del argument_map, found
    return loaded, checked, f"no RecursionError; findings: {', '.join(codes) or 'none'}"


# -- printing ----------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _s(t: Time, field: str) -> str:
    return f"{getattr(t, field):.3f} s"


def _table(rows: list[Row], field: str) -> str:
    head = (
        "| nodes | files | runs | compose gc-off | compose gc-on | load | check (rules) "
        "| rules/load | CLI | CLI/compose-off | load nodes/s | findings |"
    )
    lines = [head, "|" + "---:|" * 12]
    lines.extend(
        f"| {r.nodes:,} | {r.files} | {r.runs} | {_s(r.compose_off, field)} "
        f"| {_s(r.compose_on, field)} | {_s(r.load, field)} | {_s(r.check, field)} "
        f"| {r.share(field):.1%} | {_s(r.cli, field)} | {r.cli_ratio(field):.2f}x "
        f"| {r.nodes / getattr(r.load, field):,.0f} | {r.findings:,} |"
        for r in rows
    )
    return "\n".join(lines)


def _about() -> str:
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("argmap", "PyYAML", "bibtexparser", "attrs")
    )
    return (
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs), "
        f"{versions}, libyaml {'yes' if _LOADER else 'NO'}, argmap from "
        f"{Path(argmap.__file__).parent}; {time.strftime('%Y-%m-%d %H:%M')}"
    )


def _load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _say(text: str = "") -> None:
    print(text, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--big-runs", type=int, help="runs at 100k nodes (default: --runs)")
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--chain", type=int, default=100_000, help="chain length (0: skip)")
    parser.add_argument("--rule-runs", type=int, default=5, help="runs of each rule (0: skip)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, help="keep the generated maps here (else a temp dir)")
    args = parser.parse_args(argv)
    if _LOADER is None:
        sys.exit("PyYAML has no libyaml here (yaml.CSafeLoader): the floor would mean nothing")
    if not (BIN / "argmap").exists():
        sys.exit(f"no `argmap` next to {sys.executable}; run with the project's .venv/bin/python")

    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as temporary:
        data = args.data or Path(temporary)
        env = _environment(Path(temporary) / "pycache")
        _say(_about())
        _say(f"maps in {data}; {_load_average()} at the start\n")

        small = write_map(data / "tree-100", 100, seed=args.seed).folder
        load_and_check(small)  # warm up this process
        rows: list[Row] = []
        for nodes in args.sizes:
            for files in (1, 10):
                folder = write_map(data / f"tree-{nodes}-{files}", nodes, files, args.seed).folder
                runs = args.big_runs if args.big_runs and nodes >= 100_000 else args.runs
                run(cli_command(folder), env)  # warm the bytecode and file caches
                row = measure(folder, nodes, files, runs, env)
                warm = ""
                if nodes >= 100_000:
                    row.cache_fill, row.cache_warm = with_cache(folder, runs, env)
                    warm = (
                        f", CLI filling the cache {row.cache_fill.wall:.2f} s, "
                        f"CLI with a warm cache {row.cache_warm.wall:.2f} s"
                    )
                rows.append(row)
                _say(
                    f"  {nodes:,} nodes in {files} file(s): load {row.load.wall:.2f} s, "
                    f"check {row.check.wall:.2f} s, CLI {row.cli.wall:.2f} s{warm}"
                )

        if args.rule_runs:
            nodes = max(args.sizes)
            parts = rule_times(data / f"tree-{nodes}-10", args.rule_runs)
            _say("\n" + _rule_table(nodes, parts) + "\n")

        check_small, uncached_small, import_small = startup(small, args.startup_runs, env)
        chain_result: tuple[Time | None, Time | None, str, Time] | None = None
        if args.chain:
            folder = write_map(data / f"chain-{args.chain}", args.chain, shape="chain").folder
            loaded, checked, outcome = chain(folder)
            chain_result = (loaded, checked, outcome, run(cli_command(folder), env))
        _say(f"\n{_load_average()} at the end\n")

        _say("Wall clock (time.perf_counter), medians:\n")
        _say(_table(rows, "wall"))
        _say("\nCPU time (user + system) of the same runs, medians:\n")
        _say(_table(rows, "cpu"))

        ratio = check_small.wall / import_small.wall
        _say(
            f"\nstart-up, median of {args.startup_runs} interleaved runs, bytecode cached: "
            f"`argmap check` of 100 nodes {check_small.wall * 1000:.0f} ms (CPU "
            f"{check_small.cpu * 1000:.0f} ms), with --no-cache {uncached_small.wall * 1000:.0f} "
            f"ms (CPU {uncached_small.cpu * 1000:.0f} ms); `python -c 'import yaml, bibtexparser'` "
            f"{import_small.wall * 1000:.0f} ms (CPU {import_small.cpu * 1000:.0f} ms); "
            f"ratio {ratio:.2f}x"
        )
        if chain_result:
            loaded, checked, outcome, cli_time = chain_result
            if loaded and checked:
                times = f"load {loaded.wall:.2f} s, check {checked.wall:.2f} s, "
            else:
                times = ""
            _say(
                f"support chain of {args.chain:,} nodes: {times}CLI {cli_time.wall:.2f} s; "
                f"{outcome}"
            )

        _say("\nTargets (issue 3, point 8), judged on the wall clock (CPU-time ratio beside):")
        big = [r for r in rows if r.nodes == max(args.sizes)]
        for r in big:
            _say(
                f"  {_verdict(r.share() < RULES_SHARE_MAX)}  all rules < 20% of load time, "
                f"{r.nodes:,} nodes in {r.files} file(s): {r.share():.1%} "
                f"({r.check.wall:.2f} s of {r.load.wall:.2f} s; CPU {r.share('cpu'):.1%})"
            )
        for r in big:
            _say(
                f"  {_verdict(r.cli_ratio() <= CLI_OVER_COMPOSE_MAX)}  `argmap check` within "
                f"1.5x the bare gc-off C compose, {r.nodes:,} nodes in {r.files} file(s): "
                f"{r.cli_ratio():.2f}x ({r.cli.wall:.2f} s vs {r.compose_off.wall:.2f} s; "
                f"CPU {r.cli_ratio('cpu'):.2f}x)"
            )
            if r.cache_warm is not None and r.cache_fill is not None:
                _say(
                    f"  {_verdict(r.warm_ratio() <= CLI_OVER_COMPOSE_MAX)}  the same with a "
                    f"warm parsed-map cache: {r.warm_ratio():.2f}x ({r.cache_warm.wall:.2f} s "
                    f"vs {r.compose_off.wall:.2f} s; CPU {r.warm_ratio('cpu'):.2f}x); the run "
                    f"filling the cache {r.cache_fill.wall:.2f} s "
                    f"({r.cache_fill.wall / r.compose_off.wall:.2f}x)"
                )
        _say(
            f"  {_verdict(ratio <= STARTUP_OVER_IMPORT_MAX)}  `argmap check` of 100 nodes within "
            f"1.5x `python -c 'import yaml, bibtexparser'`: {ratio:.2f}x "
            f"({check_small.wall * 1000:.0f} ms vs {import_small.wall * 1000:.0f} ms; CPU "
            f"{check_small.cpu / import_small.cpu:.2f}x)"
        )
        uncached = uncached_small.wall / import_small.wall
        _say(
            f"  {_verdict(uncached <= STARTUP_OVER_IMPORT_MAX)}  the same with --no-cache (or "
            f"a first run): {uncached:.2f}x ({uncached_small.wall * 1000:.0f} ms; CPU "
            f"{uncached_small.cpu / import_small.cpu:.2f}x)"
        )
        if chain_result:
            ok = chain_result[2].startswith("no RecursionError")
            _say(f"  {_verdict(ok)}  {args.chain:,}-long support chain: {chain_result[2]}")
        if max(args.sizes) < 100_000:
            _say("  (the 100k-node targets are judged here at the largest size run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
