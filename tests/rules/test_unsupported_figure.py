"""AM007 unsupported-figure: which figures it sees, that it names them all, and where it is silent.

The figures of the article's map and of the article are known and listed here; the corpora in
``../shared/corpora`` (AIF and Argdown maps written by others) are scanned for false positives
of the multiplier and ratio patterns, and every hit is listed and judged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from argmap import ArgumentMap, LoadError, check, load
from argmap.interchange.argdown import ARGDOWN_SUFFIXES, read_argdown
from argmap.rules.unsupported_figure import RATIO, figures

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "seed" / "000_0a37a20204519f86.txt"
CORPORA = SHARED / "corpora"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$5 million and 1,000 tons", ["$5 million", "1,000 tons"]),
        ("90% then 10%, and again 90%", ["90%", "10%"]),
        ("imports grew at least 20 times", ["20 times"]),
        ("prices rose 3-4 times in a year", ["3-4 times"]),
        ("Nick called the police ten times", ["ten times"]),
        ("twice as many troops as before", ["twice as many"]),
        ("twice the size of the army", ["twice the size"]),
        ("three times more drones", ["three times more"]),
        ("a tenfold rise; a 10-fold rise; grew ninefold", ["tenfold", "10-fold", "ninefold"]),
        ("trade doubled, then tripled; debt halved", ["doubled", "tripled", "halved"]),
        ("a third of the budget", ["a third of"]),
        ("two-thirds of the members, three quarters of them", ["two-thirds", "three quarters"]),
        ("more than half of the erosion", ["half of"]),
        ("one in five Armenians, 1 in 10 soldiers", ["one in five", "1 in 10"]),
        ("(1 in 10); two out of three voters", ["1 in 10", "two out of three"]),
        ("fell by 5 percentage points", ["5 percentage points"]),
        ("two and a half billion pounds of funding", ["two and a half billion pounds"]),
    ],
)
def test_multipliers_ratios_and_every_figure(text: str, expected: list[str]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in 1997 and again in 2021 and 2022",
        "on 11 December 2025, in November 2025",
        "the 102nd Russian military base",
        "a third round of talks; the third quarter; the second half of 2024",
        "in the first half of the year",
        "half a century, a quarter of a century, half an hour",
        "half the time the talks stalled",
        "the problem is twofold",
        "the government doubled down on its course",
        "Pashinyan met Putin twice",
        "he has been there many times, at times alone",
        "one in which we transition; one in 2021; 1,000 in 5 days; 2.5 in 10",
        "the double standard of the great powers",
        "a million people",
    ],
)
def test_years_dates_ordinals_and_idioms_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_the_finding_names_every_figure(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1:
            claim: Russia sent $5 million and 1,000 tons, twice as many as in 2020.
            thesis: true
            because: P1
          P1: {premise: Patrons pay., cites: [{key: k, page: 1}]}
          T2: {claim: Imports fell below 10%., thesis: true, because: P1}
        """)
    assert [d.message for d in check(m, select=["AM007"])] == [
        "claim `T1` states 3 figures (`$5 million`, `1,000 tons`, `twice as many`) that no "
        "evidence supports; add evidence for them under `because:`, citing its source",
        "claim `T2` states a figure (`10%`) that no evidence supports; add evidence for it "
        "under `because:`, citing its source",
    ]


def test_a_multiplier_alone_fires_and_evidence_below_silences_it(
    load_map: Callable[..., ArgumentMap],
) -> None:
    m = load_map("""\
        nodes:
          T1: {claim: Trade with Russia doubled., thesis: true, because: P1}
          P1: {premise: Sanctions divert trade., cites: [{key: k, page: 1}]}
          T2: {claim: Trade with Russia doubled., thesis: true, because: E1}
          E1: {evidence: Customs data for 2021-2024., cites: [{key: k, page: 2}]}
        """)
    assert [d.node for d in check(m, select=["AM007"])] == ["T1"]


def test_suppression_silences_it(load_map: Callable[..., ArgumentMap]) -> None:
    m = load_map("""\
        nodes:
          T1:
            claim: Trade grew tenfold.
            thesis: true
            ignore: {AM007: the article gives no figure for the base year}
        """)
    assert {d.code for d in check(m)} & {"AM007", "AM013"} == set()


#: Every figure stated in the article's map, by node; evidence included, as the pattern sees
#: every text (the rule then skips evidence and whatever evidence supports).
ARTICLE_FIGURES = {
    "E-trade": ["$2.5 billion", "$12.4 billion"],
    "E-wheat": ["1,000 tons"],
    "E-arms-share": ["90%", "10%"],
    "E-contracts-value": ["$250 million", "$400 million"],
    "O-econ": ["$2.5 billion", "$12.4 billion"],
    "O-depots": ["$250 million", "$400 million"],
    "O-wheat-scale": ["1,000 tons"],
}


def test_the_figures_of_the_articles_map() -> None:
    article = load(ROOT / "arguments")
    found = {node.id: figures(node.text) for node in article.nodes if figures(node.text)}
    assert found == ARTICLE_FIGURES
    assert check(article, select=["AM007"]) == []  # each figure outside evidence is backed


@pytest.mark.skipif(not ARTICLE.exists(), reason="needs ../shared/seed")
def test_the_figures_of_the_article() -> None:
    paragraphs = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line]
    found = {n: figures(text) for n, text in enumerate(paragraphs, start=1) if figures(text)}
    assert found == {
        9: ["90%", "10%"],
        11: ["90%", "10%"],
        12: ["$12.4 billion", "$2.5 billion"],
        13: ["1,000 tons"],
        14: ["$250 million", "$400 million"],
    }


def _corpus_texts() -> Iterator[tuple[str, str]]:
    """Yield (file, text) of every AIF I-node and every node of an Argdown map that loads."""
    for path in sorted((CORPORA / "aif").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        graph = data.get("AIF", data) if isinstance(data, dict) else {}
        for node in graph.get("nodes") or []:
            if node.get("type") == "I" and isinstance(node.get("text"), str):
                yield path.relative_to(CORPORA).as_posix(), node["text"]
    for path in sorted((CORPORA / "argdown").rglob("*")):
        if path.suffix not in ARGDOWN_SUFFIXES:
            continue
        try:
            imported = read_argdown(path)
        except LoadError:  # the corpus's deliberately broken files
            continue
        for node in imported.map.nodes:
            yield path.relative_to(CORPORA).as_posix(), node.text


#: Every multiplier or ratio found in the corpora's 3,307 node texts (2,998 AIF I-nodes, 309
#: Argdown nodes), each judged a figure a reviewer would want evidence for: no false positive.
#: The first version of the patterns also matched "the problem is twofold" (of two parts, not a
#: multiplier), now left alone after "is", "are", "was" and "were".
CORPUS_RATIOS = [
    ("aif/aifdbmapconverter/nodeset21148.json", "half of"),  # more than half of the erosion
    ("aif/hrip1/nodeset29973.json", "ten times"),  # called the police ten times
    ("aif/hrip1/nodeset29973.json", "ten times"),
    ("aif/hrip1/nodeset29974.json", "ten times"),  # called the emergency services ten times
    ("aif/qt30/nodeset25468.json", "a quarter of"),  # a quarter of the members of the jirga
]


@pytest.mark.skipif(not CORPORA.exists(), reason="needs ../shared/corpora")
def test_multipliers_and_ratios_in_the_corpora() -> None:
    texts = list(_corpus_texts())
    hits = [(file, found) for file, text in texts for found in figures(text) if RATIO.match(found)]
    assert len(texts) == 3307
    assert hits == CORPUS_RATIOS
