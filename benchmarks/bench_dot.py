"""How long `dot -Tsvg` takes on to_dot() output, for the whole map and for its summary.

Maps have a realistic shape: three theses, claims in four levels below them (linked and
convergent reasons), evidence leaves with citations, premises and assumptions in linked
reasons, and objections (rebuttals and undercuts, some answered). Run:

    .venv/bin/python benchmarks/bench_dot.py [SIZES ...] [--limit N] [--timeout S]

and read the table: above the size where the full layout gets slow, the summary view
(`argmap.render.summary.summarise`) should stay fast; that size is `LAYOUT_LIMIT`.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import subprocess
import time

from argmap.model import (
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Evidence,
    Locator,
    LocatorLabel,
    Node,
    Objection,
    Premise,
    Reason,
)
from argmap.render.dot import LAYOUT_LIMIT, to_dot
from argmap.render.summary import summarise

WORDS = [
    *("arms", "imports", "fell", "sharply", "after", "the", "war", "while", "suppliers"),
    *("in", "India", "and", "France", "signed", "contracts", "that", "small", "states"),
    *("weigh", "political", "ties", "above", "economic", "factors", "and", "the"),
    *("reliability", "of", "a", "patron", "who", "failed", "to", "deliver", "weapons"),
]


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def generate(size: int, seed: int = 42, cross: float = 0.1) -> ArgumentMap:
    """A map of ``size`` nodes: ~30% claims, ~45% evidence, ~17% premises and assumptions.

    ``cross`` is the share of claims that also support a second conclusion one level up.
    """
    rng = random.Random(seed)
    claims = max(6, size * 3 // 10)
    levels: list[list[str]] = [["T1", "T2", "T3"]]
    per_level = [claims // 10, claims // 5, claims // 3]
    per_level.append(claims - 3 - sum(per_level))
    counter = 0
    for count in per_level:
        levels.append([f"C{counter + i}" for i in range(max(1, count))])
        counter += max(1, count)
    reasons: dict[str, list[tuple[str, ...]]] = {}
    for upper, lower in itertools.pairwise(levels):
        for claim in lower:
            parent = rng.choice(upper)
            reasons.setdefault(parent, []).append((claim,))
            if rng.random() < cross:  # the claim also supports a second conclusion
                reasons.setdefault(rng.choice(upper), []).append((claim,))
    extra: list[Node] = []
    leaf_claims = [claim for level in levels[1:] for claim in level]
    budget = size - claims - size // 14
    index = 0
    while budget > 0:
        claim = rng.choice(leaf_claims)
        index += 1
        if rng.random() < 0.8:
            node_id = f"E{index}"
            cite = Citation(f"src{rng.randint(1, 80)}", Locator(LocatorLabel.PAGE, str(index)))
            extra.append(Evidence(id=node_id, text=sentence(rng), citations=(cite,)))
            reasons.setdefault(claim, []).append((node_id,))
            budget -= 1
        else:
            premise, assumption = f"P{index}", f"A{index}"
            extra.append(Premise(id=premise, text=sentence(rng)))
            extra.append(Assumption(id=assumption, text=sentence(rng)))
            reasons.setdefault(claim, []).append((premise, assumption))
            budget -= 2
    nodes: list[Node] = []
    for number, level in enumerate(levels):
        for claim in level:
            because = tuple(Reason(premises) for premises in reasons.get(claim, []))
            nodes.append(
                Claim(id=claim, text=sentence(rng), thesis=number == 0, reasons=because, at=(1,))
            )
    nodes.extend(extra)
    for index in range(size // 14):
        target = rng.choice(leaf_claims)
        count = len(reasons.get(target, []))
        reason = rng.randint(1, count) if count and rng.random() < 0.3 else None
        nodes.append(
            Objection(id=f"O{index}", text=sentence(rng), attacks=(Attack(target, reason),))
        )
    return ArgumentMap(nodes=tuple(nodes))


def time_dot(source: str, timeout: float) -> str:
    start = time.perf_counter()
    try:
        subprocess.run(
            ["dot", "-Tsvg"],
            input=source.encode(),
            capture_output=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    except subprocess.CalledProcessError as error:
        return f"failed ({error.stderr.decode()[:40]!r})"
    return f"{time.perf_counter() - start:.2f} s"


def edge_count(source: str) -> int:
    return source.count(" -> ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 500, 1000, 2000, 5000])
    parser.add_argument("--limit", type=int, default=LAYOUT_LIMIT)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--cross", type=float, default=0.1, help="share of cross-linked claims")
    options = parser.parse_args()
    if shutil.which("dot") is None:
        raise SystemExit("Graphviz `dot` is not installed")
    header = (
        f"{'nodes':>6} {'edges':>6} {'to_dot':>8} {'dot -Tsvg':>10} | "
        f"{'summary':>7} {'edges':>6} {'summarise+to_dot':>16} {'dot -Tsvg':>10}"
    )
    print(f"summary limit: {options.limit} nodes; cross-linked claims: {options.cross:.0%}")
    print(header)
    print("-" * len(header))
    for size in options.sizes:
        amap = generate(size, cross=options.cross)
        start = time.perf_counter()
        full = to_dot(amap)
        build = time.perf_counter() - start
        full_time = time_dot(full, options.timeout)
        start = time.perf_counter()
        small = summarise(amap, options.limit)
        summary = to_dot(small)
        summary_build = time.perf_counter() - start
        summary_time = time_dot(summary, options.timeout)
        print(
            f"{len(amap):>6} {edge_count(full):>6} {build * 1000:>6.0f}ms {full_time:>10} | "
            f"{len(small):>7} {edge_count(summary):>6} {summary_build * 1000:>14.0f}ms "
            f"{summary_time:>10}",
            flush=True,
        )


if __name__ == "__main__":
    main()
