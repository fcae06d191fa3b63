"""The Markdown report: golden files, escaping, and tables that stay tables."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from argmap import ArgumentMap
from argmap.report import build_report, to_markdown
from argmap.report.markdown import escape

Golden = Callable[[str, str], None]


def test_the_sample_matches_its_golden_file(sample: ArgumentMap, golden: Golden) -> None:
    golden("sample.md", to_markdown(build_report(sample)))


def test_the_article_matches_its_golden_file(article: ArgumentMap, golden: Golden) -> None:
    """Made without the article's text: nothing of it may reach the repository."""
    assert article.text is None
    golden("article.md", to_markdown(build_report(article)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("a | b", r"a \| b"),
        ("*not bold* and _not em_", r"\*not bold\* and \_not em\_"),
        ("<script>x</script>", r"\<script\>x\</script\>"),
        ("[a link](http://x)", r"\[a link\](http://x)"),
        ("costs $40 and $50", r"costs \$40 and \$50"),
        ("`code`", r"\`code\`"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("a \\ b", r"a \\ b"),
        ("&amp; and & and &#35;", r"\&amp; and & and \&#35;"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("1. not a list", r"\1. not a list"),
        ("2) not a list", r"\2) not a list"),
        ("=== not a rule", r"\=== not a rule"),
        ("a 1. b - c # d", "a 1. b - c # d"),
        ("  spaced \n\t out  ", "spaced out"),
        ("bell\x07 and nul\x00", "bell and nul"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def _cells(row: str) -> int:
    """Count a table row's cells: its unescaped pipes, less one."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_every_table_row_has_as_many_cells_as_its_header(sample: ArgumentMap) -> None:
    lines = to_markdown(build_report(sample)).splitlines()
    inside_code = False
    header = 0
    for line in lines:
        if line.startswith("```"):
            inside_code = not inside_code
        if inside_code or not line.startswith("|"):
            header = 0
            continue
        if header == 0:
            header = _cells(line)
        assert _cells(line) == header, line


def test_user_text_cannot_break_out(sample: ArgumentMap) -> None:
    markdown = to_markdown(build_report(sample))
    outside = re.sub(r"```text\n.*?\n```", "", markdown, flags=re.DOTALL)
    assert "<script>" not in outside
    assert r"Fishing boats cannot afford" not in outside  # objections stay in the traces
    assert r"Tourism will keep growing \| whatever the fees, says the \*mayor\*." in outside
    assert "# Harbour fees & \\<the\\> town's \\| budget: a \\*made-up\\* review" in outside
    assert r"costs rose by \$40,000" not in outside  # evidence is not in the summary
    assert "needs `C1`, OUT" in outside  # ids in messages stay code, spaces kept


def test_a_trace_fence_is_longer_than_any_backticks_inside(
    load_map: Callable[..., ArgumentMap],
) -> None:
    amap = load_map(
        """
        nodes:
          T1: {claim: "Uses ``` fences.", thesis: true, because: E1}
          E1: {evidence: "A fact with ```` four.", cites: [{key: k, page: 1}]}
        """
    )
    markdown = to_markdown(build_report(amap, diagnostics=[]))
    assert "`````text\nthesis T1: Uses ``` fences." in markdown
    assert markdown.rstrip().endswith("`````")


def test_a_long_list_of_ids_is_cut(load_map: Callable[..., ArgumentMap]) -> None:
    evidence = "\n".join(
        f"  E{i}: {{evidence: Fact {i}., cites: [{{key: k, page: {i}}}]}}" for i in range(25)
    )
    amap = load_map(
        "nodes:\n  T1: {claim: The thesis., thesis: true, because: ["
        + ", ".join(f"E{i}" for i in range(25))
        + "]}\n"
        + evidence
        + "\n"
    )
    markdown = to_markdown(build_report(amap, diagnostics=[]))
    assert "| `k` | (not in the bibliography) | 25: `E0`, `E1`," in markdown
    assert "`E19` and 5 more |" in markdown
