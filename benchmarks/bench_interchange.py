"""Benchmark AIF and Argdown import; prints figures and PASS/MISS against the target of issue 9.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_interchange.py
    .venv/bin/python benchmarks/bench_interchange.py --runs 9 --corpus ../shared/corpora

It measures, in one process:

- the whole ``aif/`` folder imported in one run (every file read, parsed and mapped): files/s,
  AIF nodes read/s and map nodes made/s; the same for the ``argdown/`` folder (files that are
  malformed on purpose are counted and skipped);
- for the largest AIF file: ``json.load`` of it; ``read_aif`` + ``argmap.check`` of the map;
  and ``argmap.load`` + ``argmap.check`` of the same map written in the YAML map format. The
  target: import and check within 3x (json.load + YAML load and check).

Each figure is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap import LoadError, check, load
from argmap.interchange.aif import read_aif
from argmap.interchange.argdown import read_argdown
from argmap.interchange.yaml import write_yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora"
TARGET = 3.0


def median_time(action: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_aif_folder(folder: Path) -> tuple[int, int]:
    files = nodes_made = 0
    for path in sorted(folder.rglob("*.json")):
        result = read_aif(path)
        files += 1
        nodes_made += len(result.map.nodes)
    return files, nodes_made


def aif_node_count(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        total += len(data.get("AIF", data)["nodes"])
    return total


def import_argdown_folder(folder: Path) -> tuple[int, int, int]:
    files = malformed = nodes = 0
    for path in sorted([*folder.rglob("*.argdown"), *folder.rglob("*.ad")]):
        try:
            result = read_argdown(path)
        except LoadError:
            malformed += 1
            continue
        files += 1
        nodes += len(result.map.nodes)
    return files, malformed, nodes


def bench_folders(corpus: Path, runs: int) -> None:
    aif = corpus / "aif"
    files, made = import_aif_folder(aif)
    read = aif_node_count(aif)
    seconds = median_time(lambda: import_aif_folder(aif), runs)
    print(f"aif/ folder: {files} files, {read} AIF nodes read, {made} map nodes made")
    print(
        f"  import all: {seconds * 1000:8.1f} ms   {files / seconds:8.0f} files/s   "
        f"{read / seconds:9.0f} AIF nodes/s   {made / seconds:9.0f} map nodes/s"
    )
    argdown = corpus / "argdown"
    files, malformed, nodes = import_argdown_folder(argdown)
    seconds = median_time(lambda: import_argdown_folder(argdown), runs)
    print(f"argdown/ folder: {files} files imported, {malformed} malformed, {nodes} map nodes")
    print(
        f"  import all: {seconds * 1000:8.1f} ms   {(files + malformed) / seconds:8.0f} files/s   "
        f"{nodes / seconds:9.0f} map nodes/s"
    )


def bench_largest(corpus: Path, runs: int) -> bool:
    largest = max((corpus / "aif").rglob("*.json"), key=lambda p: p.stat().st_size)
    argument_map = read_aif(largest).map
    print(
        f"largest AIF file: {largest.relative_to(corpus)} ({largest.stat().st_size:,} bytes, "
        f"{len(argument_map.nodes)} map nodes)"
    )

    def json_load() -> None:
        with largest.open(encoding="utf-8") as stream:
            json.load(stream)

    def import_and_check() -> None:
        check(read_aif(largest).map)

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ".git").mkdir()  # no references.bib search beyond this folder
        yaml_path = Path(folder) / "map.yaml"
        write_yaml(argument_map, yaml_path)

        def yaml_load_and_check() -> None:
            check(load(yaml_path))

        t_json = median_time(json_load, runs)
        t_yaml = median_time(yaml_load_and_check, runs)
        t_import = median_time(import_and_check, runs)
        t_read = median_time(lambda: read_aif(largest), runs)
    budget = TARGET * (t_json + t_yaml)
    print(f"  json.load                     {t_json * 1000:8.2f} ms")
    print(f"  YAML map: load + check        {t_yaml * 1000:8.2f} ms")
    print(f"  read_aif                      {t_read * 1000:8.2f} ms")
    print(f"  read_aif + check              {t_import * 1000:8.2f} ms")
    print(
        f"  budget 3 x (json.load + YAML load and check) = {budget * 1000:.2f} ms; "
        f"ratio {t_import / (t_json + t_yaml):.2f}x"
    )
    passed = t_import <= budget
    print(f"  {'PASS' if passed else 'MISS'}: import and check within 3x")
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not (args.corpus / "aif").is_dir():
        print(f"no AIF corpus at {args.corpus / 'aif'}", file=sys.stderr)
        return 2
    print(f"Python {sys.version.split()[0]}, median of {args.runs} runs")
    bench_folders(args.corpus, args.runs)
    return 0 if bench_largest(args.corpus, args.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
