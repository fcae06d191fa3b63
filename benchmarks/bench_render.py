"""Issue 19.2: every map renders to SVG within a minute, and a focused view within seconds.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_render.py                   # 1k, 3k, 10k; all shapes
    .venv/bin/python benchmarks/bench_render.py 1000 --before      # also the old pipeline
    .venv/bin/python benchmarks/bench_render.py --tuning 1000      # dot with and without TUNING

Maps, written as YAML and loaded as ``argmap render`` loads them:

- ``random``: :func:`write_random_map`: claims (30%), evidence, premises and assumptions
  (60%), objections (10%); every leaf supports a random claim, every claim but the theses a
  random claim (so support runs in cycles), and ``--links`` more reasons per claim name one or
  two nodes from anywhere (shared premises, long cross-links); 5% of citations name keys
  missing from the bibliography. ``random-2`` has twice the cross-links.
- ``messy``: ``bench_sources.write_messy_map`` (issue 19's messy maps: levels of claims,
  short and long cycles, shared premises, missing keys).

For each map it prints the layout work (:func:`argmap.render.cost.measure`) of what the old
pipeline gave ``dot`` (the whole map, or its summary above ``LAYOUT_LIMIT`` nodes) and, with
``--before``, how long ``dot -Tsvg`` took on it (stopped after ``--before-timeout``); then the
new pipeline as ``argmap render`` runs it: load, check (the diagnostics it draws), ``plan``
and ``draw`` to SVG, with the drawing's work, nodes and note; then ``--focus ID --depth 2``
around the claim with the most links and around a random node (plan and draw). Targets:
total under 60 s, focus under 5 s. The article's map (``arguments/``) must give byte-identical
DOT: the first line says whether ``plan`` gives exactly ``to_dot``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import argmap
from argmap.model import ArgumentMap
from argmap.render import LAYOUT_LIMIT, draw, plan, summarise, to_dot
from argmap.render.cost import measure
from argmap.render.layout import TUNING

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("arms", "imports", "ties", "patron", "contracts", "weapons", "budget", "elites")


def write_random_map(folder: Path, n: int, seed: int = 0, links: float = 1.0) -> Path:
    """Write a random map of ``n`` nodes with ``links`` extra reasons per claim (see above)."""
    rng = random.Random(f"render-{n}-{seed}-{links}")
    claims_n, objections_n = max(3, n * 3 // 10), n // 10
    ids: list[str] = [("T" if i < 3 else "C") + str(i + 1) for i in range(claims_n)]
    kinds = dict.fromkeys(ids, "claim")
    for i in range(n - claims_n - objections_n):
        roll = rng.random()
        kind = "evidence" if roll < 0.75 else "premise" if roll < 0.9 else "assumption"
        ids.append(f"{kind[0].upper()}{i + 1}")
        kinds[ids[-1]] = kind
    for i in range(objections_n):
        ids.append(f"O{i + 1}")
        kinds[ids[-1]] = "objection"
    claims = ids[:claims_n]
    supporters = [node for node in ids if kinds[node] != "objection"]
    because: dict[str, list[list[str]]] = {claim: [] for claim in claims}
    for node in supporters:
        if node not in claims[:3]:
            because[rng.choice(claims)].append([node])
    for claim in claims:
        extra = int(links) + (rng.random() < links % 1)
        for _ in range(extra):
            because[claim].append([rng.choice(supporters) for _ in range(rng.randint(1, 2))])
    lines = ["map:", "  title: A random map", "  bibliography: references.bib", "nodes:"]
    for node in ids:
        kind = kinds[node]
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        lines += [f"  {node}:", f"    {kind}: {node} says that {words} matter."]
        if node in claims[:3]:
            lines.append("    thesis: true")
        reasons = [list(dict.fromkeys(p for p in r if p != node)) for r in because.get(node, [])]
        reasons = [reason for reason in reasons if reason]
        if reasons:
            lines.append("    because:")
            lines += [f"      - {' + '.join(reason)}" for reason in reasons]
        if kind in {"evidence", "premise"}:
            key = f"{'ghost' if rng.random() < 0.05 else 'src'}{rng.randint(1, 50)}"
            lines.append(f"    cites: [{{key: {key}, page: {rng.randint(1, 300)}}}]")
        if kind == "objection":
            lines.append(f"    attacks: {rng.choice(claims)}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bib = "".join(
        f"@book{{src{i},\n  author = {{Author, Anna}},\n  title = {{On {i}}},\n"
        f"  publisher = {{Routledge}},\n  year = {{{1990 + i % 30}}},\n}}\n"
        for i in range(1, 51)
    )
    (folder / "references.bib").write_text(bib, encoding="utf-8")
    (folder / ".git").mkdir(exist_ok=True)  # stop configuration searches here
    return folder


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def findings(amap: ArgumentMap) -> dict[str, list[str]]:
    """The diagnostics ``argmap render`` draws, per node."""
    found: dict[str, list[str]] = {}
    for diagnostic in argmap.check(amap):
        if diagnostic.node is not None:
            found.setdefault(diagnostic.node, []).append(f"{diagnostic.code} {diagnostic.name}")
    return found


def dot_seconds(source: str, timeout: float, *attributes: str) -> tuple[str, str]:
    """Run ``dot -v -Tsvg``; return its time (or ``>T s``) and the crossings it reports."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            ["dot", "-v", "-Tsvg", *attributes, "-o", "/dev/null"],
            input=source.encode(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} s", "-"
    crossings = re.findall(r"mincross \S+: (\d+) crossings", done.stderr.decode(errors="replace"))
    return f"{time.perf_counter() - start:.1f} s", crossings[-1] if crossings else "-"


def hub(amap: ArgumentMap) -> str:
    """The claim with the most links."""
    degree = {node.id: 0 for node in amap.nodes}
    for node in amap.nodes:
        for reason in node.reasons:
            for premise in reason.premises:
                if premise in degree:
                    degree[node.id] += 1
                    degree[premise] += 1
    claims = [node.id for node in amap.nodes if node.kind == "claim"]
    return max(claims, key=lambda node_id: (degree[node_id], node_id))


def article_check() -> None:
    amap = argmap.load(ROOT / "arguments")
    found = findings(amap)
    same = plan(amap, diagnostics=found).dot == to_dot(amap, diagnostics=found)
    work = measure(to_dot(amap)).work
    print(f"article ({len(amap)} nodes, work {work:,}): plan gives to_dot byte for byte: {same}")


def run_map(label: str, folder: Path, args: argparse.Namespace, out: Path) -> None:
    load_s, amap = timed(lambda: argmap.load(folder))
    check_s, found = timed(lambda: findings(amap))
    old_view = summarise(amap) if len(amap) > LAYOUT_LIMIT else amap
    old_dot = to_dot(old_view, diagnostics=found)
    before = ""
    if args.before:
        seconds, crossings = dot_seconds(old_dot, args.before_timeout)
        before = f" dot {seconds:>8} ({crossings} crossings)"
    print(
        f"{label:<10} {len(amap):>6} | before: work {measure(old_dot).work:>7,}{before}",
        flush=True,
    )
    plan_s, drawing = timed(lambda: plan(amap, diagnostics=found))
    draw_s, drawn = timed(lambda: draw(drawing, out / "map.svg"))
    total = load_s + check_s + plan_s + draw_s
    print(
        f"{'':<17} | after: load {load_s:.2f} + check {check_s:.2f} + plan {plan_s:.2f} "
        f"+ dot {draw_s:.2f} = {total:.2f} s; work {drawn.cost.work:,}, {drawn.drawn} nodes",
        flush=True,
    )
    if drawn.note:
        print(f"{'':<17} |   note: {drawn.note}")
    if args.before:
        _, crossings = dot_seconds(drawn.dot, args.before_timeout)
        print(f"{'':<17} |   crossings after: {crossings}")
    rng = random.Random(len(amap))
    for name in (hub(amap), rng.choice(amap.ids)):
        focus_s, focused = timed(
            lambda name=name: plan(amap, diagnostics=found, focus=name, depth=2)
        )
        focus_draw_s, written = timed(lambda focused=focused: draw(focused, out / "focus.svg"))
        print(
            f"{'':<17} | --focus {name} --depth 2: plan {focus_s:.2f} + dot {focus_draw_s:.2f} "
            f"= {focus_s + focus_draw_s:.2f} s; {written.drawn} nodes, work {written.cost.work:,}"
            + (f"; note: {written.note}" if written.note else ""),
            flush=True,
        )


def tuning(folder: Path, timeout: float) -> None:
    amap = argmap.load(folder)
    source = plan(amap).dot
    attributes = [f"-G{name}={value}" for name, value in TUNING]
    plain = re.sub(r", (nslimit|nslimit1|mclimit|searchsize)=[^,\]]+", "", source)
    for title, extra in (("without tuning", []), ("with tuning", attributes)):
        seconds, crossings = dot_seconds(plain, timeout, *extra)
        print(f"  {folder.name}: {title}: {seconds}, {crossings} crossings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 3000, 10_000])
    parser.add_argument("--shapes", nargs="*", default=["random", "random-2", "messy"])
    parser.add_argument("--before", action="store_true", help="also time dot on the old DOT")
    parser.add_argument("--before-timeout", type=float, default=180.0)
    parser.add_argument("--tuning", action="store_true", help="time dot with and without TUNING")
    args = parser.parse_args()
    if shutil.which("dot") is None:
        raise SystemExit("Graphviz `dot` is not installed")
    from bench_sources import write_messy_map

    article_check()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for size in args.sizes:
            for shape in args.shapes:
                folder = work / f"{shape}-{size}"
                if shape == "messy":
                    write_messy_map(folder, size)
                else:
                    write_random_map(folder, size, links=2.0 if shape == "random-2" else 1.0)
                if args.tuning:
                    tuning(folder, args.before_timeout)
                else:
                    run_map(shape, folder, args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
