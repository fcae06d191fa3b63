"""The article's map in arguments/: faithful structure, real sources, full coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap import ArgumentMap, Claim, Evidence, Objection, Premise, check, load

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = SHARED / "seed" / "000_0a37a20204519f86.txt"


@pytest.fixture(scope="module")
def article() -> ArgumentMap:
    return load(ROOT / "arguments", text=ARTICLE if ARTICLE.exists() else None)


def evidence_mentioning(argument_map: ArgumentMap, *patterns: str) -> list[Evidence]:
    return [
        node
        for node in argument_map.nodes
        if isinstance(node, Evidence)
        and all(re.search(p, node.text, re.IGNORECASE) for p in patterns)
    ]


def test_the_thesis_of_paragraph_one(article: ArgumentMap) -> None:
    t1 = article.node("T1")
    assert isinstance(t1, Claim)
    assert t1.thesis
    assert t1.at == (1,)
    assert "structural" in t1.text
    assert len(article.theses) >= 5


@pytest.mark.parametrize(
    ("key", "author", "title"),
    [
        ("morgenthau1985", "Morgenthau", "Politics Among Nations"),
        ("waltz1979", "Waltz", "Theory of International Politics"),
        ("walt1987", "Walt", "The Origins of Alliances"),
    ],
)
def test_theory_premises_cite_real_entries(
    article: ArgumentMap, key: str, author: str, title: str
) -> None:
    source = article.sources[key]
    assert author in (source.field("author") or "")
    assert title in (source.field("title") or "")
    citing = [
        (node, c)
        for node in article.nodes
        for c in node.citations
        if c.key == key and isinstance(node, Premise)
    ]
    assert citing
    assert all(c.locator is not None for _, c in citing)


def test_the_article_entry_invents_no_author_or_venue(article: ArgumentMap) -> None:
    entry = article.sources[article.analysed or ""]
    assert entry.field("author") is None
    assert entry.field("journal") is None
    assert entry.field("date") == "2025-12-11"


def test_footnote_citations_say_the_reference_is_unavailable(article: ArgumentMap) -> None:
    footnoted = [
        node
        for node in article.nodes
        for c in node.citations
        if c.key == article.analysed and c.locator and c.locator.label.value == "note"
    ]
    notes = {
        c.locator.value
        for n in footnoted
        for c in n.citations
        if c.locator and c.key == article.analysed and c.locator.label.value == "note"
    }
    assert notes == {"1", "2", "3", "4", "5"}
    assert all("not available" in (n.note or "") for n in footnoted)


@pytest.mark.parametrize(
    ("patterns", "paragraph"),
    [
        ((r"90\s?%", r"10\s?%"), 9),
        ((r"\$2\.5 billion", r"\$12\.4 billion"), 12),
        ((r"1,000 tons", "wheat", "Azerbaijan", "November 2025"), 13),
        ((r"\$250", r"400 million"), 14),
        (("debt",), 14),
        (("1997",), 9),
        (("2021", "2022"), 9),
        (("102nd",), 8),
        (("1992",), 8),
        (("CSTO",), 10),
        (("Zvartnots", "Agarak"), 10),
        (("Eagle Partner", "2023", "2024", "2025"), 19),
        (("Monitoring Mission",), 16),
        (("Resilience and Growth",), 16),
        (("United States", "route"), 20),
        (("Victory Day",), 17),
        (("India", "France", "Greece", "Cyprus"), 5),
    ],
)
def test_each_figure_and_dated_fact_is_evidence(
    article: ArgumentMap, patterns: tuple[str, ...], paragraph: int
) -> None:
    found = evidence_mentioning(article, *patterns)
    assert found, f"no evidence mentions {patterns}"
    assert any(paragraph in node.at for node in found)


def test_the_2023_takeover_of_nagorno_karabakh(article: ArgumentMap) -> None:
    assert evidence_mentioning(article, "2023", "Karabakh")


def test_three_layers_are_claims(article: ArgumentMap) -> None:
    for layer in ("C-local", "C-regional", "C-strategic"):
        assert isinstance(article.node(layer), Claim)


def test_objections_answered_and_open(article: ArgumentMap) -> None:
    objections = [n for n in article.nodes if isinstance(n, Objection)]
    answered = [o for o in objections if article.attacks_on(o.id)]
    assert {o.id for o in answered} >= {"O-bandwagon", "O-econ"}
    open_ids = {d.node for d in check(article, select=["AM008"])}
    assert {"O-domestic", "O-depots"} <= open_ids


def test_linked_convergent_and_undercut_all_occur(article: ArgumentMap) -> None:
    reasons = [r for n in article.nodes for r in n.reasons]
    assert any(r.linked for r in reasons)
    assert any(len(n.reasons) > 1 for n in article.nodes)
    assert any(a.undercut for n in article.nodes for a in n.attacks)


@pytest.mark.skipif(not ARTICLE.exists(), reason="needs ../shared/seed")
def test_all_22_paragraphs_are_covered(article: ArgumentMap) -> None:
    assert article.text is not None
    assert len(article.text.paragraphs) == 22
    covered = {p for n in article.nodes for p in n.at} | set(article.unmapped)
    assert covered == set(range(1, 23))
    assert check(article, select=["AM015", "AM016"]) == []


def test_no_finding_is_an_artefact_of_the_map(article: ArgumentMap) -> None:
    found = {d.code for d in check(article)}
    assert found <= {"AM001", "AM002", "AM004", "AM008", "AM012", "AM017", "AM021"}
    assert not {"AM003", "AM005", "AM006", "AM009", "AM010", "AM011", "AM013", "AM014"} & found
    assert not {"AM007", "AM019", "AM020"} & found
