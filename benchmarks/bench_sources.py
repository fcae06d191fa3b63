"""Benchmark ``argmap sources`` (weigh every source) against ``argmap check`` on the same map.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_sources.py                  # 10k nodes, 1,000 sources
    .venv/bin/python benchmarks/bench_sources.py --nodes 100000 --runs 3
    .venv/bin/python benchmarks/bench_sources.py --naive 1000     # naive on every source (slow)
    .venv/bin/python benchmarks/bench_sources.py --messy           # issue 19: messy maps, 10k-100k
    .venv/bin/python benchmarks/bench_sources.py --messy 10000 20000 --tangle 0.1 --runs 1

Issue 6's target: ``argmap sources`` on a 10,000-node map with 1,000 sources within 10x the
time of ``argmap check`` on the same map. The map comes from ``generate.py`` (a tree-shaped map,
one source per ten nodes, every source cited). Measured in the same run, medians of ``--runs``:

- library: ``argmap.load``; ``argmap.check`` (every rule); ``weigh_sources`` (see
  ``argmap.trace``); the text and JSON of its rows;
- the naive way for comparison: ``graph.grounded(map, withdrawn=...)`` recomputed for each
  source, timed on ``--naive`` sources (evenly spread) and extrapolated to all of them, and
  checked to give the same answer as ``weigh_sources`` on those sources;
- ``trace_up`` of the most cited source and ``trace_down`` of each thesis;
- the command line: ``argmap check DIR --format json`` and ``argmap sources DIR --format json``
  as subprocesses (when this argmap has no ``sources`` command yet, an equivalent
  ``python -c`` script stands in, and the output says so).

With ``--messy``, issue 19's measurement instead: random "messy" maps (:func:`write_messy_map`:
cycles, shared premises, 10% of the sources taking 45% of the citations, 5% of citations to
keys missing from the bibliography) at 10k, 20k, 40k and 100k nodes. For each size it times,
as subprocesses, ``argmap sources DIR --format json > /dev/null`` and ``argmap trace DIR
--source KEY --format json`` (the most cited key) with the ``trace.py`` of before issue 19
(``--before REV``) and with the one in the working tree, and ``argmap check DIR --no-cache
--format json``; both packages are the committed ``src/`` (``git archive HEAD``)
with only ``trace.py`` swapped, so other uncommitted work does not blur the comparison.
Wall clock and CPU time (user + system of the child) are medians of interleaved runs. It
prints the ratios to ``check`` and the growth exponents between the smallest and largest
size, with the size of the answer (rows, nodes listed as resting and as falling, JSON bytes):
the JSON lists every node resting on every source, so no implementation can be faster than
that list is long. Issue 19's target: ``sources`` within 3x ``check`` at 10k and 100k nodes,
growth exponent at most 1.2. ``--tangle`` sets the share of claims given a reason that names
any claim (default 0.02); at 0.3 most claims end up on one big cycle above most sources, and
the answer itself grows about as the square of the map (114 MB of JSON at 40k nodes).
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import resource
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
#: Issue 19's targets on messy maps: within this many times `argmap check`, and this exponent.
MESSY_TARGET = 3.0
MESSY_EXPONENT = 1.2
#: The commit whose trace.py is "before issue 19".
BEFORE = "6790dde"
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]

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
    parser.add_argument(
        "--messy",
        type=int,
        nargs="*",
        metavar="NODES",
        help="issue 19: messy maps of these sizes (default 10000 20000 40000 100000)",
    )
    parser.add_argument(
        "--tangle",
        type=float,
        default=0.02,
        help="messy maps: share of claims with a reason naming any claim (long cycles)",
    )
    parser.add_argument(
        "--before", default=BEFORE, help="messy maps: the commit whose trace.py is 'before'"
    )
    parser.add_argument(
        "--no-before", action="store_true", help="messy maps: time the current code only"
    )
    args = parser.parse_args(argv)
    if not (BIN / "argmap").exists():
        sys.exit(f"no `argmap` next to {sys.executable}; run with the project's .venv/bin/python")
    if args.messy is not None:
        return messy(args)

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


# -- issue 19: messy maps ----------------------------------------------------------------------

_WORDS = (
    "Armenia",
    "Russia",
    "arms imports",
    "the treaty",
    "the ceasefire",
    "France",
    "India",
    "the defence budget",
    "public opinion",
    "the alliance",
    "border security",
    "the elections",
)


def _text(rng: random.Random, name: str) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(6))
    return f"{name} says that {words}, as the annual reports show."[:110]


def messy_nodes(
    n: int, seed: int = 0, tangle: float = 0.02
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Return the nodes of a messy map of ``n`` nodes (id -> fields) and its bibliography keys.

    Claims (28%) stand in levels growing threefold under 3-5 theses; evidence, premises and
    assumptions (67%) hang below them; objections (5%) attack claims. Reasons group a claim's
    children by one to three (linked); 10% of reasons take one more leaf from anywhere (shared
    premises); 4% of claims have a reason naming their parent or grandparent and 2% one naming
    a sibling (short cycles); ``tangle`` of them one naming any claim (long cycles, and more
    above every source). One source per ten nodes; 10% of the sources take 45% of the
    citations, 5% of citations name keys missing from the bibliography; 4% of the evidence
    cites nothing, 8% cites two keys.
    """
    rng = random.Random(seed)
    keys = [f"src{i}" for i in range(max(10, n // 10))]
    heavy = keys[: max(1, len(keys) // 10)]
    ghosts = [f"ghost{i}" for i in range(max(3, n // 400))]

    def key() -> str:
        roll = rng.random()
        return rng.choice(ghosts if roll < 0.05 else heavy if roll < 0.5 else keys)

    claims_n = max(2, round(n * 0.28))
    objections_n = round(n * 0.05)
    sizes = [3 if n < 20_000 else 5]
    rest = claims_n - sizes[0]
    while rest > 0:
        sizes.append(min(rest, sizes[-1] * 3))
        rest -= sizes[-1]
    levels: list[list[str]] = []
    parent: dict[str, str] = {}
    kids: dict[str, list[str]] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for depth, size in enumerate(sizes):
        level = []
        for _ in range(size):
            name = f"{'T' if depth == 0 else 'C'}{len(nodes) + 1}"
            nodes[name] = {"kind": "claim", "thesis": depth == 0, "because": [], "cites": []}
            kids[name] = []
            if depth:
                parent[name] = rng.choice(levels[-1])
                kids[parent[name]].append(name)
            level.append(name)
        levels.append(level)
    claims = [name for level in levels for name in level]
    leaves = []
    for i in range(n - claims_n - objections_n):
        roll = rng.random()
        kind, prefix = (
            ("evidence", "E")
            if roll < 0.85
            else ("premise", "P")
            if roll < 0.96
            else ("assumption", "A")
        )
        cites = []
        if kind != "assumption":
            roll = rng.random()
            cites = [key() for _ in range(0 if roll < 0.04 else 2 if roll < 0.12 else 1)]
        name = f"{prefix}{i + 1}"
        nodes[name] = {"kind": kind, "because": [], "cites": cites}
        leaves.append(name)
    spare = iter(leaves)
    for claim in claims:
        if not kids[claim]:
            kids[claim].append(next(spare))
    for leaf in spare:
        kids[rng.choice(claims)].append(leaf)
    for claim in claims:
        children = kids[claim][:]
        rng.shuffle(children)
        reasons = nodes[claim]["because"]
        while children:
            roll = rng.random()
            size = 3 if roll < 0.05 else 2 if roll < 0.35 else 1
            reason, children = children[:size], children[size:]
            if rng.random() < 0.1:
                reason.append(rng.choice(leaves))
            reasons.append(reason)
        roll = rng.random()
        if claim in parent and roll < 0.04:
            above = parent[claim]
            reasons.append([parent.get(above, above) if rng.random() < 0.5 else above])
        elif claim in parent and roll < 0.06:
            sibling = rng.choice(kids[parent[claim]])
            if sibling != claim and nodes[sibling]["kind"] == "claim":
                reasons.append([sibling])
        if rng.random() < tangle:
            reasons.append([rng.choice(claims)])
    for i in range(objections_n):
        because = [[rng.choice(leaves)]] if rng.random() < 0.3 else []
        nodes[f"O{i + 1}"] = {
            "kind": "objection",
            "because": because,
            "cites": [],
            "attacks": rng.choice(claims),
        }
    return nodes, keys


def write_messy_map(folder: Path, n: int, seed: int = 0, tangle: float = 0.02) -> Path:
    """Write a messy map of ``n`` nodes (:func:`messy_nodes`) over ten files, with its .bib."""
    nodes, keys = messy_nodes(n, seed, tangle)
    rng = random.Random(seed + 1)
    folder.mkdir(parents=True, exist_ok=True)
    names = list(nodes)
    per_file = math.ceil(len(names) / 10)
    for number in range(10):
        lines = (
            ["map:", "  title: A messy map", "  bibliography: references.bib"] if not number else []
        )
        lines.append("nodes:")
        for name in names[number * per_file : (number + 1) * per_file]:
            node = nodes[name]
            lines += [f"  {name}:", f"    {node['kind']}: {_text(rng, name)}"]
            if node.get("thesis"):
                lines.append("    thesis: true")
            if node["because"]:
                lines.append("    because:")
                lines += [f"      - {' + '.join(reason)}" for reason in node["because"]]
            if node["cites"]:
                cited = ", ".join(
                    f"{{key: {k}, page: {rng.randint(1, 300)}}}" for k in node["cites"]
                )
                lines.append(f"    cites: [{cited}]")
            if "attacks" in node:
                lines.append(f"    attacks: {node['attacks']}")
        (folder / f"part{number:02}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries = [
        f"@book{{{k},\n  author = {{Author{i % 97}, Anna}},\n"
        f"  title = {{On {rng.choice(_WORDS)}}},\n  publisher = {{Routledge}},\n"
        f"  year = {{{1980 + i % 45}}},\n}}\n"
        for i, k in enumerate(keys)
    ]
    (folder / "references.bib").write_text("".join(entries), encoding="utf-8")
    (folder / ".git").mkdir(exist_ok=True)  # stop configuration and .bib searches here
    return folder


def _package(where: Path, trace: str) -> Path:
    """A copy of the committed ``src/`` under ``where`` with ``trace`` as argmap/trace.py."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "HEAD", "src"], capture_output=True, check=True
    ).stdout
    where.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    (where / "src" / "argmap" / "trace.py").write_text(trace, encoding="utf-8")
    return where / "src"


def _child(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command with stdout to /dev/null; return its wall clock and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in {0, 1}:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _answer(folder: Path) -> tuple[int, int, int, int, str]:
    """Rows, nodes listed as resting and as falling, bytes of JSON, the most cited key."""
    rows = weigh_sources(argmap.load(folder))
    resting = sum(len(row.resting) for row in rows)
    falls = sum(len(row.falls) for row in rows)
    heaviest = max(rows, key=lambda row: len(row.citing)).key
    return len(rows), resting, falls, len(to_json(rows).encode()), heaviest


def messy(args: argparse.Namespace) -> int:
    sizes = args.messy or [10_000, 20_000, 40_000, 100_000]
    print(
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs); "
        f"{time.strftime('%Y-%m-%d %H:%M')}; messy maps (tangle {args.tangle}); medians of "
        f"{args.runs} interleaved runs; before = trace.py of {args.before}\n"
    )
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as temporary:
        root = Path(temporary)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        after_trace = (REPO / "src" / "argmap" / "trace.py").read_text(encoding="utf-8")
        packages = {"after": _package(root / "after", after_trace)}
        if not args.no_before:
            before_trace = subprocess.run(
                ["git", "-C", str(REPO), "show", f"{args.before}:src/argmap/trace.py"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            packages["before"] = _package(root / "before", before_trace)
        results: dict[int, dict[str, tuple[float, float]]] = {}
        print(
            "| nodes | rows | resting listed | falls listed | JSON | check | sources before | "
            "sources after | after / check | before / check | trace --source before | after |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            data = args.data or root
            folder = write_messy_map(data / f"messy-{n}-{args.tangle}", n, args.seed, args.tangle)
            rows, resting, falls, size, heaviest = _answer(folder)
            results[n] = r = _time_commands(folder, heaviest, packages, env, args.runs)
            before, trace_before = r.get("before"), r.get("trace before")
            print(
                f"| {n:,} | {rows:,} | {resting:,} | {falls:,} | {size / 1e6:.1f} MB | "
                f"{_pair(r['check'])} | {_pair(before)} | {_pair(r['after'])} | "
                f"{r['after'][1] / r['check'][1]:.2f}x | "
                f"{before[1] / r['check'][1] if before else math.nan:.2f}x | "
                f"{_pair(trace_before)} | {_pair(r['trace after'])} |",
                flush=True,
            )
        _verdict(results, sizes)
    return 0


def _time_commands(
    folder: Path, key: str, packages: dict[str, Path], env: dict[str, str], runs: int
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of check, and of sources and trace --source with each package."""
    argmap_command = [sys.executable, "-m", "argmap"]
    commands = {"check": [*argmap_command, "check", str(folder), "--no-cache", "--format", "json"]}
    envs = {"check": {**env, "PYTHONPATH": str(packages["after"])}}
    for name, package in packages.items():
        commands[name] = [*argmap_command, "sources", str(folder), "--format", "json"]
        commands[f"trace {name}"] = [
            *argmap_command,
            "trace",
            str(folder),
            "--source",
            key,
            "--format",
            "json",
        ]
        envs[name] = envs[f"trace {name}"] = {**env, "PYTHONPATH": str(package)}
    for name, command in commands.items():  # warm the file cache and the bytecode
        _child(command, envs[name])
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so a slow spell hits all alike
        for name, command in commands.items():
            times[name].append(_child(command, envs[name]))
    return {
        name: (statistics.median(t[0] for t in each), statistics.median(t[1] for t in each))
        for name, each in times.items()
    }


def _pair(times: tuple[float, float] | None) -> str:
    return "-" if times is None else f"{times[0]:.2f} s ({times[1]:.2f} cpu)"


def _verdict(results: dict[int, dict[str, tuple[float, float]]], sizes: Sequence[int]) -> None:
    """Print the growth exponents (CPU time) and PASS/MISS against issue 19's targets."""
    print("\nratios and exponents use CPU time (the wall clock counts other work on the machine)")
    small, large = min(sizes), max(sizes)
    if small != large:
        for name in ("check", "before", "after", "trace before", "trace after"):
            if name in results[small]:
                slope = math.log(results[large][name][1] / results[small][name][1])
                print(
                    f"  growth exponent {small:,} -> {large:,}, {name}: "
                    f"{slope / math.log(large / small):.2f}"
                )
    for n in sorted({small, large}):
        ratio = results[n]["after"][1] / results[n]["check"][1]
        verdict = "PASS" if ratio <= MESSY_TARGET else "MISS"
        print(f"  {verdict}  {n:,} nodes: sources {ratio:.2f}x check (target {MESSY_TARGET:.0f}x)")
    if small != large:
        slope = math.log(results[large]["after"][1] / results[small]["after"][1])
        exponent = slope / math.log(large / small)
        verdict = "PASS" if exponent <= MESSY_EXPONENT else "MISS"
        print(f"  {verdict}  growth exponent of sources {exponent:.2f} (target {MESSY_EXPONENT})")


if __name__ == "__main__":
    sys.exit(main())
