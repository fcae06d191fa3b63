"""Stable, preferred and complete questions: argmap's SAT path against clingo and the exact search.

Run on demand (about 15 minutes with the default limits):

    .venv/bin/python benchmarks/bench_semantics.py [--timeout 20] [--quick] [--no-search]
        [--no-corpus] [--sizes 400,600] [--densities 8] [--tasks SE-ST,DC-CO]

Needs python-sat (``pip install 'argmap[sat]'``) and, for the comparison, clingo (``pip
install clingo``, a benchmark-only dependency). Frameworks: random ones of 1,000, 1,500, 3,000
and 10,000 arguments at 4 and 8 attacks per argument (attacker and target drawn uniformly,
seeded), and the ICCMA instances of the shared corpus. The query argument of DC and DS tasks
is the first argument the grounded labelling leaves UNDEC (argument 1 when there is none).

Each task runs in a fresh process with a time limit: ``argmap`` is the SAT path
(``Method.SAT``), ``search`` the exact search (the "before"), ``clingo`` clingo 5 with the
ASPARTIX encodings (Egly, Gaggl and Woltran 2010; Dvořák, Gaggl, Rapberger, Wallner and Woltran
2020): stable and complete as below, preferred as complete with the domain heuristic
``#heuristic in(X) : arg(X). [1,true]`` under ``--heuristic=Domain --enum-mode=domRec``
(subset-maximal models), DC-PR as DC-CO, DS-PR by enumerating preferred models until one
lacks the query. Times cover the work from a framework in memory to the answer: for argmap
the grounded labelling, the encoding and the SAT calls; for clingo grounding and solving
(writing its facts is not counted). Sub-second tasks are run up to three times, the best
kept. A method that runs out of time on a random framework is not tried on the larger ones
of the same density. ``ratio`` is clingo's time over argmap's (above 1: argmap is faster).

Random frameworks at these densities sit at the threshold where stable extensions stop
existing (the first-moment exponent of their number is 0 at 4 and at 8 attacks per argument),
and the time of both solvers grows exponentially with size: in December 2026 (2 cores) argmap
answered every task up to 2,000 x4 and 400 x8 within 16 s, 1.3 to 35 times as fast as clingo
but for one tie (300 x8 DS-ST, 0.96); at 2,500 x4, 500 x8 and on st_890_86_9_572 neither
answered most tasks within 60 s, and at 1,000 x8 neither decided SE-ST within 600 s. The
larger default sizes therefore show as time-outs, then 'skip', for both.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "iccma"
SIZES = (1_000, 1_500, 3_000, 10_000)
DENSITIES = (4, 8)
TASKS = ("SE-ST", "DC-ST", "DS-ST", "SE-PR", "DC-PR", "DS-PR", "DC-CO")
METHODS = ("argmap", "clingo", "search")

STABLE = """\
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
:- out(X), not defeated(X).
"""
COMPLETE = """\
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not undefended(X).
"""
MAXIMAL = "#heuristic in(X) : arg(X). [1,true]\n"


def main() -> int:
    options = _options()
    if options.child:
        print(json.dumps(_child_run(json.loads(options.child))))
        return 0
    cases: list[dict[str, Any]] = []
    sizes = options.sizes or (SIZES[:2] if options.quick else SIZES)
    densities = options.densities or DENSITIES
    cases += [{"random": [size, density]} for density in densities for size in sizes]
    if CORPUS.is_dir() and not options.no_corpus:
        instances = sorted(CORPUS.glob("**/*.af"))
        cases += [{"file": str(p)} for p in instances if "derived-grounded" not in p.parts]
    methods = [m for m in METHODS if not (options.no_search and m == "search")]
    tasks = options.tasks or TASKS
    _table(cases, methods, tasks, options.timeout)
    return 0


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS")
    parser.add_argument("--quick", action="store_true", help="random frameworks up to 1,500")
    parser.add_argument("--no-search", action="store_true", help="skip the exact search")
    parser.add_argument("--no-corpus", action="store_true", help="skip the ICCMA instances")
    parser.add_argument("--sizes", type=_numbers, help="random sizes, e.g. 400,600,800")
    parser.add_argument("--densities", type=_numbers, help="attacks per argument, e.g. 4,8")
    parser.add_argument("--tasks", type=_names, help="ICCMA tasks, e.g. SE-ST,DC-CO")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split(","))


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


# -- the frameworks ------------------------------------------------------------------------------


def _framework(case: dict[str, Any]) -> Any:
    from argmap.interchange.iccma import read_framework
    from argmap.semantics import Framework

    if "file" in case:
        return read_framework(Path(case["file"]))
    size, density = case["random"]
    rng = random.Random(size * 10 + density)
    attacks = size * density
    sources = [rng.randrange(size) for _ in range(attacks)]
    targets = [rng.randrange(size) for _ in range(attacks)]
    return Framework.numbered(size, sources, targets)


def _query(framework: Any) -> str:
    from argmap.semantics import _grounded_codes

    codes = _grounded_codes(framework)
    return framework.arguments[codes.index(0)] if 0 in codes else framework.arguments[0]


# -- one task in a child process ----------------------------------------------------------------


def _child_run(job: dict[str, Any]) -> dict[str, Any]:
    framework = _framework(job["case"])
    query = _query(framework)
    run = _argmap if job["method"] in ("argmap", "search") else _clingo
    best = float("inf")
    answer: Any = None
    for _ in range(3):
        start = time.perf_counter()
        answer = run(framework, job["task"], query, job["method"])
        best = min(best, time.perf_counter() - start)
        if best > 0.3:
            break
    return {"seconds": best, "answer": answer}


def _argmap(framework: Any, task: str, query: str, method: str) -> Any:
    from argmap.semantics import Method, Semantics, credulous, sceptical, some_extension

    how = Method.SAT if method == "argmap" else Method.SEARCH
    problem, _, name = task.partition("-")
    semantics = Semantics(name)
    if problem == "SE":
        return some_extension(framework, semantics, method=how) is not None
    decide = credulous if problem == "DC" else sceptical
    return decide(framework, query, semantics, method=how).accepted


def _clingo(framework: Any, task: str, query: str, _method: str) -> Any:
    import clingo

    numbers = range(len(framework.arguments))
    facts = "".join(f"arg({n}).\n" for n in numbers) + "".join(
        f"att({a},{b}).\n" for a, b in zip(framework.sources, framework.destinations, strict=True)
    )
    q = framework.index(query)
    problem, _, name = task.partition("-")
    program, options = (STABLE, []) if name == "ST" else (COMPLETE, [])
    if name == "PR" and problem != "DC":
        program += MAXIMAL
        options = ["--heuristic=Domain", "--enum-mode=domRec"]
    if problem == "DC":
        program += f":- not in({q}).\n"
    if problem == "DS" and name == "ST":
        program += f":- in({q}).\n"
    control = clingo.Control(["0" if (problem, name) == ("DS", "PR") else "1", *options])
    control.add("base", [], facts)
    control.add("base", [], program)
    control.ground([("base", [])])
    if (problem, name) == ("DS", "PR"):
        lacking: list[bool] = []

        def on_model(model: Any) -> bool:
            lacking.append(not model.contains(clingo.Function("in", [clingo.Number(q)])))
            return not lacking[-1]  # stop at the first preferred model without the query

        control.solve(on_model=on_model)
        return not any(lacking)
    satisfiable = control.solve().satisfiable
    return not satisfiable if problem == "DS" else satisfiable


def _spawn(job: dict[str, Any], timeout: float) -> dict[str, Any] | None:
    command = [sys.executable, __file__, "--child", json.dumps(job)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        return {"error": error.stderr.strip().splitlines()[-1]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# -- the report --------------------------------------------------------------------------------


def _name(case: dict[str, Any]) -> str:
    if "file" in case:
        return Path(case["file"]).stem[:30]
    size, density = case["random"]
    return f"random {size:,} x{density}"


def _table(
    cases: list[dict[str, Any]], methods: list[str], tasks: tuple[str, ...], timeout: float
) -> None:
    header = f"{'framework':<31} {'task':<6} " + " ".join(f"{m:>8}" for m in methods)
    print(f"{header}  {'ratio':>7}  answer", flush=True)
    print("-" * (len(header) + 20))
    gave_up: set[tuple[str, int, str]] = set()  # (method, density, task) timed out
    ratios: list[float] = []
    for case in cases:
        density = case["random"][1] if "random" in case else 0
        for task in tasks:
            found: dict[str, dict[str, Any] | None] = {}
            cells = []
            for method in methods:
                if density and (method, density, task) in gave_up:
                    found[method] = None
                    cells.append(f"{'skip':>8}")
                    continue
                result = _spawn({"case": case, "task": task, "method": method}, timeout)
                found[method] = result
                if result is None:
                    gave_up.add((method, density, task))
                    cells.append(f"{'>' + str(int(timeout)):>8}")
                elif "error" in result:
                    cells.append(f"{'error':>8}")
                else:
                    cells.append(f"{result['seconds']:>8.3f}")
            ours, theirs = found.get("argmap"), found.get("clingo")
            ratio = ""
            if ours and theirs and "seconds" in ours and "seconds" in theirs:
                value = theirs["seconds"] / max(ours["seconds"], 1e-6)
                ratios.append(value)
                ratio = f"{value:>7.2f}"
            elif ours and "seconds" in ours and theirs is None and "clingo" in methods:
                bound = timeout / max(ours["seconds"], 1e-6)
                ratio = f"{'>' + f'{bound:.0f}':>7}"
            answers = {
                str(result["answer"]) for result in found.values() if result and "answer" in result
            }
            agreement = " / ".join(sorted(answers)) if len(answers) < 2 else "DIFFERENT"
            print(f"{_name(case):<31} {task:<6} {' '.join(cells)}  {ratio:>7}  {agreement}")
            sys.stdout.flush()
    if ratios:
        ratios.sort()
        median = ratios[len(ratios) // 2]
        print(
            f"\nclingo / argmap where both finished: median {median:.2f}, "
            f"min {ratios[0]:.2f}, max {ratios[-1]:.2f} ({len(ratios)} tasks)"
        )
    print(
        "seconds per task (best of up to 3); '>N' ran out of the time limit; 'skip': ran out of"
        "\ntime on a smaller random framework of the same density. answer: True = YES for DC"
        "\nand DS, an extension exists for SE (all methods that finished agree unless DIFFERENT)."
    )


if __name__ == "__main__":
    sys.exit(main())
