"""Benchmark the review report: time, size, and how fast a browser opens it.

Run on demand, never in the test suite::

    .venv/bin/python benchmarks/bench_report.py                 # the article and 3,000 nodes
    .venv/bin/python benchmarks/bench_report.py --nodes 10000 --runs 1 --no-browser

Issue 16's targets:

- the article's report in well under a second beyond ``argmap.check``;
- a 3,000-node map's report (``generate.py``'s tree-shaped map) built within a minute,
  under 15 MB, and opening in headless Chromium within a few seconds.

For each map the table gives, medians of ``--runs``: ``argmap.load``; ``argmap.check``;
``build_report`` (labels, source weights, coverage); the views' DOT; Graphviz on every view
(in parallel); the page around the diagrams; the Markdown report; and the whole of
``write_report`` for HTML given the check's findings (what the report costs beyond the check).
With Chromium (``/usr/bin/chromium`` and ``/usr/bin/chromedriver``) and Selenium, the page is
then opened from ``file://`` in headless Chromium: time to ``DOMContentLoaded`` and to
``load``, as the page's own Navigation Timing reports them, and the wall clock of
``driver.get``.

The article is reported without its analysed text, or with it when ``--text`` names it
(the text is read, never copied anywhere).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import argmap
from argmap.report import build_report, to_html, to_markdown, write_report
from argmap.report._diagram import render_views, views

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_map

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1600,1000",
)
MB = 1_000_000


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


def measure(name: str, folder: Path, text: Path | None, out: Path, runs: int) -> dict[str, Any]:
    """Time every step of a report of one map; return the figures."""
    load_time, amap = median_of(runs, lambda: argmap.load(folder, text=text))
    check_time, found = median_of(runs, lambda: argmap.check(amap))
    build_time, report = median_of(runs, lambda: build_report(amap, diagnostics=found))
    views_time, shown = median_of(runs, lambda: views(report))
    dot_time, svgs = median_of(runs, lambda: render_views(shown))
    page_time, page = median_of(runs, lambda: to_html(report, diagrams=svgs))
    markdown_time, markdown = median_of(runs, lambda: to_markdown(report))
    html_path, md_path = out / f"{name}.html", out / f"{name}.md"
    total_time, _ = median_of(runs, lambda: write_report(amap, html_path, diagnostics=found))
    write_report(amap, md_path, diagnostics=found)
    return {
        "name": name,
        "nodes": len(amap),
        "sources": len(amap.sources),
        "views": len(shown),
        "drawn": [view.drawn for view in shown],
        "load": load_time,
        "check": check_time,
        "build": build_time,
        "views_time": views_time,
        "dot": dot_time,
        "page": page_time,
        "markdown": markdown_time,
        "total": total_time,
        "html_bytes": html_path.stat().st_size,
        "svg_bytes": sum(len(svg.encode()) for svg in svgs),
        "md_bytes": md_path.stat().st_size,
        "page_chars": len(page),
        "markdown_chars": len(markdown),
        "html": html_path,
    }


def open_in_chromium(pages: Sequence[Path]) -> dict[Path, tuple[float, float, float]] | str:
    """Open each page in headless Chromium; return (wall, DOMContentLoaded, load) in seconds."""
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        return f"skipped: no {CHROMIUM} or {CHROMEDRIVER}"
    try:
        from selenium import webdriver
    except ImportError:
        return "skipped: selenium is not installed"
    os.environ["SE_MANAGER"] = "off"
    profile = tempfile.mkdtemp(prefix="argmap-bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options
    )
    driver.set_page_load_timeout(120)
    results = {}
    try:
        for page in pages:
            driver.get("about:blank")
            start = time.perf_counter()
            driver.get(page.as_uri())
            wall = time.perf_counter() - start
            ready, loaded = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0];"
                "return [n.domContentLoadedEventEnd, n.loadEventEnd];"
            )
            results[page] = (wall, ready / 1000, loaded / 1000)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=3_000, help="the generated map's size")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--text", type=Path, help="the article's analysed text, if at hand")
    parser.add_argument("--no-browser", action="store_true", help="do not open the pages")
    parser.add_argument("--keep", type=Path, help="keep the reports in this folder")
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        sys.exit("Graphviz `dot` is not installed")
    print(
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs), "
        f"argmap {argmap.__version__}; {time.strftime('%Y-%m-%d %H:%M')}; "
        f"medians of {args.runs} runs"
    )
    with tempfile.TemporaryDirectory(prefix="argmap-bench-report-") as temporary:
        out = args.keep or Path(temporary)
        out.mkdir(parents=True, exist_ok=True)
        generated = write_map(Path(temporary) / f"map-{args.nodes}", args.nodes, seed=args.seed)
        rows = [
            measure("article", REPO / "arguments", args.text, out, args.runs),
            measure(f"generated-{args.nodes}", generated.folder, None, out, args.runs),
        ]
        table(rows)
        opened = {} if args.no_browser else open_in_chromium([row["html"] for row in rows])
        if isinstance(opened, str):
            print(f"\nheadless Chromium: {opened}")
            opened = {}
        elif opened:
            print("\n| page | driver.get | DOMContentLoaded | load |")
            print("|---|---:|---:|---:|")
            for row in rows:
                wall, ready, loaded = opened[row["html"]]
                print(f"| {row['name']} | {wall:.2f} s | {ready:.2f} s | {loaded:.2f} s |")
        verdicts(rows, opened)
    return 0


def table(rows: Sequence[dict[str, Any]]) -> None:
    print()
    print("| step | " + " | ".join(row["name"] for row in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    lines = [
        ("nodes / sources", lambda r: f"{r['nodes']:,} / {r['sources']:,}"),
        ("views (nodes drawn)", lambda r: f"{r['views']} ({', '.join(map(str, r['drawn']))})"),
        ("`argmap.load`", lambda r: f"{r['load']:.3f} s"),
        ("`argmap.check`", lambda r: f"{r['check']:.3f} s"),
        ("`build_report`", lambda r: f"{r['build']:.3f} s"),
        ("views' DOT", lambda r: f"{r['views_time']:.3f} s"),
        ("Graphviz, every view", lambda r: f"{r['dot']:.3f} s"),
        ("page around the diagrams", lambda r: f"{r['page']:.3f} s"),
        ("`to_markdown`", lambda r: f"{r['markdown']:.3f} s"),
        ("`write_report` .html, beyond the check", lambda r: f"{r['total']:.3f} s"),
        ("HTML size (of which SVG)", lambda r: f"{_mb(r['html_bytes'])} ({_mb(r['svg_bytes'])})"),
        ("Markdown size", lambda r: _mb(r["md_bytes"])),
    ]
    for name, cell in lines:
        print(f"| {name} | " + " | ".join(cell(row) for row in rows) + " |")


def _mb(size: int) -> str:
    return f"{size / MB:.2f} MB"


def verdicts(
    rows: Sequence[dict[str, Any]], opened: dict[Path, tuple[float, float, float]]
) -> None:
    article, generated = rows
    checks = [
        (
            "article report beyond the check < 1 s",
            article["total"] < 1.0,
            f"{article['total']:.2f} s",
        ),
        (
            f"{generated['nodes']:,}-node report built < 60 s",
            generated["total"] < 60.0,
            f"{generated['total']:.1f} s",
        ),
        (
            f"{generated['nodes']:,}-node report < 15 MB",
            generated["html_bytes"] < 15 * MB,
            _mb(generated["html_bytes"]),
        ),
    ]
    if generated["html"] in opened:
        wall = opened[generated["html"]][0]
        checks.append(
            (f"{generated['nodes']:,}-node report opens < 5 s", wall < 5.0, f"{wall:.2f} s")
        )
    print("\ntargets (issue 16):")
    for what, ok, figure in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {what}: {figure}")


if __name__ == "__main__":
    raise SystemExit(main())
