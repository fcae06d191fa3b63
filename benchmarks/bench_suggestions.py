"""Benchmark the "did you mean" hints of unknown ids and unknown citation keys (issue 14, item 11).

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_suggestions.py              # every case below
    .venv/bin/python benchmarks/bench_suggestions.py --ids 6000   # one size of the id case
    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/bench_suggestions.py --timeout 60

Each case runs in its own process (``--timeout`` seconds at most, default 120) and prints wall
time, CPU time and peak memory (``ru_maxrss`` of that process):

- **unknown ids**: a map of N claims, each with ``because:`` naming an id that is not defined
  (half of them a near miss such as ``C17b`` next to ``C17``, half unlike any id, such as
  ``Q17``); ``argmap.load`` raises a :class:`~argmap.LoadError` with N errors, each with a hint.
  Sizes: 6,000 and 20,000 (``--ids``).
- **unknown keys**: a 10,000-entry .bib file and a map of 2,237 evidence nodes citing keys
  the file lacks (distinct keys: a letter dropped, two letters swapped, another year, or a key
  unlike any), timed as ``argmap.load`` and then ``argmap.check``, whose AM005 finding for
  each key carries a hint (``--keys``, ``--entries``).
- **no miss**: the same map and .bib with every key known, for the cost floor of load + check.
- **hints alone**: ``argmap.errors.did_you_mean(miss, names)`` for each miss of the two cases
  above, ``names`` one tuple of the ids or keys: the cost of the hints without the rest of
  loading and checking.

The issue's target is a near-constant cost per miss: the time per miss stays flat as the map
and the bibliography grow. The hints' quality is printed too: how many near misses got the
intended name.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

_RUN = textwrap.dedent(
    """\
    import json, resource, sys, time
    import argmap

    def suggested(hint):
        # the names a hint suggests: after `did you mean`, between backquotes
        return hint.partition("did you mean ")[2].split("`")[1::2]

    case, path, expect_file = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(expect_file, encoding="utf-8") as expect:
        intended = set(json.load(expect))
    wall, cpu = time.perf_counter(), time.process_time()
    result = {}
    if case == "hints":
        from argmap.errors import did_you_mean
        with open(path, encoding="utf-8") as listed:
            names = json.load(listed)
        candidates, misses = tuple(names["candidates"]), names["misses"]
        hints = [did_you_mean(miss, candidates) for miss in misses]
        result["load"] = 0.0
    elif case == "ids":
        try:
            argmap.load(path)
        except argmap.LoadError as error:
            hints = [e.hint for e in error.errors]
        else:
            raise SystemExit("the map loaded without errors")
        result["load"] = time.perf_counter() - wall
    else:
        loaded = argmap.load(path)
        result["load"] = time.perf_counter() - wall
        start = time.perf_counter()
        hints = [d.message for d in argmap.check(loaded) if d.code == "AM005"]
        result["check"] = time.perf_counter() - start
    result["wall"] = time.perf_counter() - wall
    result["cpu"] = time.process_time() - cpu
    result["misses"] = len(hints)
    result["good"] = sum(1 for hint in hints for name in suggested(hint) if name in intended)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    """
)


def _id_map(folder: Path, count: int) -> tuple[Path, list[str]]:
    """Write a map of ``count`` claims, each naming an undefined id; return it and the near ids."""
    lines = ["map:", "  title: unknown ids", "nodes:"]
    intended = []
    misses = []
    for number in range(1, count + 1):
        missing = f"C{number}b" if number % 2 else f"Q{number}"
        misses.append(missing)
        if number % 2:
            intended.append(f"C{number}")
        thesis = "\n    thesis: true" if number == 1 else ""
        lines.append(f"  C{number}:\n    claim: Claim {number}.{thesis}\n    because: {missing}")
    folder = folder / f"ids_{count}"  # a folder per map: the files of one folder form one map
    folder.mkdir()
    path = folder / "map.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    candidates = [f"C{number}" for number in range(1, count + 1)]
    _write_hints(folder, candidates, misses)
    return path, intended


def _write_hints(folder: Path, candidates: list[str], misses: list[str]) -> None:
    """Keep the names for the "hints alone" case: the same misses against the same names."""
    hints = {"candidates": candidates, "misses": misses}
    (folder / "hints.json").write_text(json.dumps(hints), encoding="utf-8")


_SURNAMES = (
    "smith",
    "jones",
    "walt",
    "waltz",
    "keohane",
    "nye",
    "mearsheimer",
    "wendt",
    "jervis",
    "schelling",
    "snyder",
    "posen",
    "christensen",
    "glaser",
    "kydd",
    "fearon",
    "powell",
    "lake",
    "morrow",
    "gowa",
)
_WORDS = (
    "alliance",
    "balance",
    "threat",
    "power",
    "order",
    "security",
    "dilemma",
    "trade",
    "peace",
    "war",
    "arms",
    "theory",
    "politics",
    "state",
    "system",
    "bargain",
    "signal",
    "credible",
    "deterrence",
    "restraint",
)


def _typo(key: str, rng: random.Random) -> str:
    """A near miss of a key: a letter dropped, two letters swapped, or another year."""
    kind = rng.randrange(3)
    if kind == 0:
        cut = rng.randrange(1, len(key))
        return key[:cut] + key[cut + 1 :]
    if kind == 1:
        cut = rng.randrange(1, len(key) - 1)
        return key[:cut] + key[cut + 1] + key[cut] + key[cut + 2 :]
    return key.replace("19", "91", 1) if "19" in key else key + "x"


def _bib_map(folder: Path, entries: int, misses: int, *, known: bool) -> tuple[Path, list[str]]:
    """Write a .bib of ``entries`` keys and a map citing ``misses`` keys (unknown unless known)."""
    rng = random.Random(14)
    keys: dict[str, None] = {}
    while len(keys) < entries:
        key = f"{rng.choice(_SURNAMES)}{rng.randrange(1950, 2026)}{rng.choice(_WORDS)}"
        keys.setdefault(key + ("" if key not in keys else str(len(keys))), None)
    bib = [
        f"@book{{{key},\n  author = {{Someone, A.}},\n  title = {{Title {i}}},\n"
        f"  publisher = {{Press}},\n  year = {{2000}}\n}}\n"
        for i, key in enumerate(keys)
    ]
    name = "known" if known else "unknown"
    folder = folder / f"keys_{name}"  # a folder per map: the files of one folder form one map
    folder.mkdir()
    (folder / f"refs_{name}_{entries}.bib").write_text("\n".join(bib), encoding="utf-8")
    listed = list(keys)
    cited: dict[str, None] = {}
    intended = []
    while len(cited) < misses:
        key = rng.choice(listed)
        if known:
            cited.setdefault(key, None)
            continue
        if len(cited) % 4 == 3:
            word = f"unrelated{len(cited)}zz"
        else:
            word = _typo(key, rng)
            intended.append(key)
        if word not in keys:
            cited.setdefault(word, None)
    lines = [
        "map:",
        "  title: unknown keys",
        f"  bibliography: refs_{name}_{entries}.bib",
        "nodes:",
        "  T1:",
        "    claim: The thesis.",
        "    thesis: true",
        "    because: " + " + ".join(f"E{i}" for i in range(1, min(misses, 50) + 1)),
    ]
    for number, key in enumerate(cited, start=1):
        lines.append(
            f"  E{number}:\n    evidence: Fact {number}.\n    cites: [{{key: {key}, page: 1}}]"
        )
    path = folder / "map.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_hints(folder, listed, list(cited))
    return path, intended


def _run(case: str, path: Path, intended: list[str], timeout: float) -> dict[str, object]:
    expect = path.parent.parent / f"{path.parent.name}.expect.json"
    expect.write_text(json.dumps(intended), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, case, str(path), str(expect)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _show(label: str, result: dict[str, object], near: int) -> None:
    if "timeout" in result:
        print(f"{label:<44} did not finish in {result['timeout']:.0f} s")
        return
    if "failed" in result:
        print(f"{label:<44} failed: {result['failed']}")
        return
    misses = int(str(result["misses"]))
    wall = float(str(result["wall"]))
    parts = [f"wall {wall:6.2f} s", f"cpu {float(str(result['cpu'])):6.2f} s"]
    parts.append(f"load {float(str(result['load'])):6.2f} s")
    if "check" in result:
        parts.append(f"check {float(str(result['check'])):6.2f} s")
    parts.append(f"peak {float(str(result['peak_mib'])):6.0f} MiB")
    if misses:
        parts.append(f"{wall / misses * 1e6:5.0f} µs/miss")
        parts.append(f"near misses hinted right {result['good']}/{near}")
    print(f"{label:<44} " + "  ".join(parts))


def main(argv: list[str] | None = None) -> None:
    """Write the inputs, run each case in its own process, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, nargs="*", default=[6000, 20000])
    parser.add_argument("--keys", type=int, default=2237)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    import argmap  # to say which argmap is measured

    print(f"argmap from {Path(argmap.__file__).parent}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for count in args.ids:
            path, intended = _id_map(folder, count)
            result = _run("ids", path, intended, args.timeout)
            _show(f"{count:,} unknown ids (load)", result, len(intended))
            result = _run("hints", path.with_name("hints.json"), intended, args.timeout)
            _show(f"  their hints alone ({count:,} ids)", result, len(intended))
        path, intended = _bib_map(folder, args.entries, args.keys, known=False)
        result = _run("keys", path, intended, args.timeout)
        _show(f"{args.keys:,} unknown keys, {args.entries:,} entries", result, len(intended))
        result = _run("hints", path.with_name("hints.json"), intended, args.timeout)
        _show(f"  their hints alone ({args.entries:,} keys)", result, len(intended))
        path, _ = _bib_map(folder, args.entries, args.keys, known=True)
        result = _run("keys", path, [], args.timeout)
        _show(f"{args.keys:,} known keys, {args.entries:,} entries", result, 0)


if __name__ == "__main__":
    main()
