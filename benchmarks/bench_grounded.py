"""Grounded semantics on large frameworks: reading and solving timed apart, against py_arg.

Run on demand (it takes a few minutes, most of it waiting for py_arg):

    .venv/bin/python benchmarks/bench_grounded.py [--py-arg-timeout 90] [--quick] [--search]

Frameworks: the largest ICCMA instances of the shared corpus, and random frameworks with about
2.5 attacks per argument, written to temporary ``.af`` files so that reading is timed too.
Each framework is measured in a fresh process, so the peak resident memory reported is its
own. py_arg (python-argumentation) runs in a subprocess with a time limit on the frameworks
with at most 10,000 attacks; its answers are compared with ours. ``--search`` adds a second
table: preferred and stable tasks on random frameworks of growing size and density, the
measurements behind the size limits stated in :mod:`argmap.semantics`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "iccma"
ATTACKS_PER_ARGUMENT = 2.5
RANDOM_ATTACKS = (10_000, 100_000, 1_000_000)
QUICK_ATTACKS = (10_000, 100_000)
PY_ARG_SIZES = (2_500, 5_000)  # attacks of the small random frameworks py_arg can finish
PY_ARG_LIMIT = 10_000  # py_arg is not tried on larger frameworks
LARGEST_CORPUS = 5


def main() -> int:
    options = _options()
    if options.measure:
        print(json.dumps(_measure(Path(options.measure))))
        return 0
    if options.py_arg:
        print(json.dumps(_py_arg(Path(options.py_arg))))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-grounded-") as folder:
        cases = _corpus_cases() + _random_cases(Path(folder), options.quick)
        _table(cases, options.py_arg_timeout)
    if options.search:
        _search_table(options.search_timeout)
    return 0


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--py-arg-timeout", type=float, default=90.0, metavar="SECONDS")
    parser.add_argument("--quick", action="store_true", help="skip the 10^6-attack framework")
    parser.add_argument("--search", action="store_true", help="also time preferred and stable")
    parser.add_argument("--search-timeout", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--py-arg", help=argparse.SUPPRESS)
    return parser.parse_args()


# -- the frameworks ------------------------------------------------------------------------------


def _corpus_cases() -> list[tuple[str, Path]]:
    """The largest ICCMA 2023 format instances of the corpus, by number of attacks."""
    if not CORPUS.is_dir():
        print(f"(corpus not found at {CORPUS}: random frameworks only)")
        return []
    instances = sorted(CORPUS.glob("**/*.af"), key=_attack_lines, reverse=True)
    return [(path.stem, path) for path in instances[:LARGEST_CORPUS]]


def _attack_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line[:1].isdigit())


def _random_cases(folder: Path, quick: bool) -> list[tuple[str, Path]]:
    cases = []
    for attacks in (*PY_ARG_SIZES, *(QUICK_ATTACKS if quick else RANDOM_ATTACKS)):
        arguments = round(attacks / ATTACKS_PER_ARGUMENT)
        path = folder / f"random_{attacks}.af"
        _write_random(path, arguments, attacks, seed=attacks)
        cases.append((f"random {arguments:,}/{attacks:,}", path))
    return cases


def _write_random(path: Path, arguments: int, attacks: int, seed: int) -> None:
    """Write ``attacks`` attacks between uniformly chosen arguments (duplicates kept)."""
    rng = random.Random(seed)
    pick = rng.randrange
    with path.open("w", encoding="utf-8") as out:
        out.write(f"p af {arguments}\n")
        for start in range(0, attacks, 100_000):
            count = min(100_000, attacks - start)
            out.write(
                "".join(f"{pick(arguments) + 1} {pick(arguments) + 1}\n" for _ in range(count))
            )


# -- measuring, each in its own process ----------------------------------------------------------


def _measure(path: Path) -> dict[str, Any]:
    from argmap.interchange.iccma import read_framework
    from argmap.semantics import grounded

    baseline = _peak_mib()
    start = time.perf_counter()
    framework = read_framework(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    extension = grounded(framework).extension
    solve = time.perf_counter() - start
    return {
        "arguments": len(framework),
        "attacks": framework.attack_count,
        "read": read,
        "solve": solve,
        "peak": _peak_mib(),
        "baseline": baseline,
        "digest": _digest(extension),
    }


def _py_arg(path: Path) -> dict[str, Any]:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

    from argmap.interchange.iccma import read_framework

    framework = read_framework(path)
    arguments = {name: Argument(name) for name in framework.arguments}
    defeats = [Defeat(arguments[a], arguments[b]) for a, b in framework.attacks]
    theirs = AbstractArgumentationFramework("bench", list(arguments.values()), defeats)
    start = time.perf_counter()
    extension = get_grounded_extension(theirs)
    solve = time.perf_counter() - start
    order = {name: number for number, name in enumerate(framework.arguments)}
    names = sorted((str(argument) for argument in extension), key=order.__getitem__)
    return {"solve": solve, "digest": _digest(names)}


def _digest(names: Any) -> str:
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(flag: str, path: Path, timeout: float) -> dict[str, Any] | None:
    """Run this script on one file in a fresh interpreter; None when it runs out of time."""
    command = [sys.executable, __file__, flag, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# -- the report --------------------------------------------------------------------------------

HEADER = (
    f"{'framework':<32} {'args':>9} {'attacks':>9} {'read s':>7} {'GR s':>7} "
    f"{'read us/att':>11} {'GR us/att':>9} {'peak MiB':>8}  py_arg grounded"
)


def _table(cases: list[tuple[str, Path]], py_arg_timeout: float) -> None:
    print(HEADER)
    print("-" * len(HEADER))
    baseline = 0.0
    for name, path in cases:
        ours = _child("--measure", path, timeout=3600)
        if ours is None:  # pragma: no cover - an hour is more than enough
            print(f"{name:<32} did not finish in an hour")
            continue
        attacks = max(ours["attacks"], 1)
        baseline = ours["baseline"]
        row = (
            f"{name:<32} {ours['arguments']:>9,} {ours['attacks']:>9,} "
            f"{ours['read']:>7.3f} {ours['solve']:>7.3f} "
            f"{1e6 * ours['read'] / attacks:>11.2f} {1e6 * ours['solve'] / attacks:>9.2f} "
            f"{ours['peak']:>8.0f}  "
        )
        print(row + _versus_py_arg(ours, path, py_arg_timeout), flush=True)
    print(
        "\nread = file to Framework (split, check, convert the numbers); GR = grounded"
        "\nlabelling, indexing the attacks by attacker included;"
        "\nus/att = microseconds per attack (flat when growth is linear); peak = resident"
        f"\nmemory of the measuring process ({baseline:.0f} MiB of it before reading)."
    )


def _versus_py_arg(ours: dict[str, Any], path: Path, timeout: float) -> str:
    if ours["attacks"] > PY_ARG_LIMIT:
        return f"not tried (over {PY_ARG_LIMIT:,} attacks)"
    try:
        import py_arg  # noqa: F401
    except ImportError:
        return "not installed"
    theirs = _child("--py-arg", path, timeout)
    if theirs is None:
        return f"did not finish in {timeout:.0f} s"
    agree = "same extension" if theirs["digest"] == ours["digest"] else "DIFFERENT EXTENSION"
    ratio = theirs["solve"] / max(ours["solve"], 1e-9)
    return f"{theirs['solve']:.2f} s ({ratio:,.0f}x slower), {agree}"


# -- preferred and stable: where exact search stops being quick --------------------------------


def _search_table(timeout: float) -> None:
    from argmap.semantics import Framework, Semantics, credulous, sceptical, some_extension

    print(f"\nExact search, random frameworks (worst of 3 seeds; limit {timeout:.0f} s per task)")
    tasks = (
        ("SE-ST", lambda f: some_extension(f, Semantics.STABLE)),
        ("DS-ST", lambda f: sceptical(f, f.arguments[0], Semantics.STABLE)),
        ("SE-PR", lambda f: some_extension(f, Semantics.PREFERRED)),
        ("DC-PR", lambda f: credulous(f, f.arguments[0], Semantics.PREFERRED)),
        ("DS-PR", lambda f: sceptical(f, f.arguments[0], Semantics.PREFERRED)),
    )
    print(f"{'attacks/arg':>11} {'args':>7} " + " ".join(f"{name:>7}" for name, _ in tasks))
    for density, sizes in (
        (2.5, (1_000, 10_000, 100_000)),
        (4, (100, 200, 400)),
        (8, (100, 200, 300)),
    ):
        for size in sizes:
            worst = dict.fromkeys((name for name, _ in tasks), 0.0)
            for seed in range(3):
                rng = random.Random(seed)
                names = [str(number) for number in range(1, size + 1)]
                attacks = int(size * density)
                pairs = [(rng.choice(names), rng.choice(names)) for _ in range(attacks)]
                framework = Framework.from_attacks(names, pairs)
                for name, task in tasks:
                    worst[name] = max(worst[name], _timed(task, framework, timeout))
            cells = " ".join(
                f"{value:>7.2f}" if value < timeout else f"{'>' + str(int(timeout)):>7}"
                for value in worst.values()
            )
            print(f"{density:>11} {size:>7,} {cells}", flush=True)


def _timed(task: Any, framework: Any, timeout: float) -> float:
    def give_up(*_: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        task(framework)
    except TimeoutError:
        return timeout
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
