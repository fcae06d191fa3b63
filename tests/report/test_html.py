"""The HTML report: its golden page, links, escaping, self-containment and diagrams."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap, Claim, Evidence, Reason
from argmap.render import LAYOUT_LIMIT
from argmap.report import build_report, to_html
from argmap.report._diagram import VIEW_LIMIT, View, clean_svg, render_views, tree_below, views

ARTICLE_TEXT = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_0a37a20204519f86.txt"

FakeSvgs = Callable[[Sequence[View]], list[str]]


class _Page(HTMLParser):
    """Collects ids, internal links, external references and entries of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.entries: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        for name in ("href", "xlink:href", "src", "action", "data"):
            value = found.get(name)
            if value is None:
                continue
            if value.startswith("#"):
                self.links.append(value[1:])
            else:
                self.external.append(f"{name}={value}")
        if tag == "article" and "entry" in (found.get("class") or ""):
            self.entries.append(str(found.get("data-node")))


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def sample_page(amap: ArgumentMap, fake_svgs: FakeSvgs) -> str:
    report = build_report(amap)
    return to_html(report, diagrams=fake_svgs(views(report)))


def test_the_sample_page_matches_its_golden_file(
    sample: ArgumentMap, fake_svgs: FakeSvgs, golden: Callable[[str, str], None]
) -> None:
    golden("sample.html", sample_page(sample, fake_svgs))


def test_every_node_has_one_entry_and_every_link_lands(
    sample: ArgumentMap, fake_svgs: FakeSvgs
) -> None:
    page = parse(sample_page(sample, fake_svgs))
    assert page.entries == sorted(sample.ids, key=_group_order(sample))
    assert len(page.ids) == len(set(page.ids)), "an id is used twice"
    for node_id in sample.ids:
        assert f"arg-node-{node_id}" in page.ids
    missing = {link for link in page.links if link not in page.ids}
    assert not missing, f"links to nowhere: {sorted(missing)}"


def _group_order(amap: ArgumentMap) -> Callable[[str], tuple[int, int]]:
    kinds = ["thesis", "claim", "evidence", "premise", "assumption", "objection"]
    order = {node_id: place for place, node_id in enumerate(amap.ids)}

    def key(node_id: str) -> tuple[int, int]:
        node = amap.node(node_id)
        return (kinds.index("thesis" if node.thesis else node.kind), order[node_id])

    return key


def test_the_page_asks_for_nothing_outside_itself(sample: ArgumentMap, fake_svgs: FakeSvgs) -> None:
    text = sample_page(sample, fake_svgs)
    page = parse(text)
    assert page.external == []
    assert "default-src 'none'" in text
    for tag in ("img", "link", "iframe", "object", "embed", "form", "base"):
        assert tag not in page.tags
    assert "@import" not in text
    assert "url(" not in text


def test_user_text_is_escaped(sample: ArgumentMap, fake_svgs: FakeSvgs) -> None:
    text = sample_page(sample, fake_svgs)
    assert "<script>alert(1)</script>" not in text
    assert "Fishing boats cannot afford higher fees &lt;script&gt;alert(1)&lt;/script&gt;." in text
    assert "<the>" not in text
    assert "Harbour fees &amp; &lt;the&gt; town&#x27;s | budget" in text
    assert "<b>says</b>" not in text
    assert "&lt;as the report shows&gt;" in text  # the analysed text, too
    assert text.count("<script>") == 2  # the page's own two


def test_the_entry_shows_everything_about_a_node(sample: ArgumentMap, fake_svgs: FakeSvgs) -> None:
    text = sample_page(sample, fake_svgs)
    entry = re.search(r'<article [^>]*id="arg-node-T1".*?</article>', text, re.DOTALL)
    assert entry is not None
    t1 = entry.group()
    assert 'data-label="OUT"' in t1
    assert 'data-rules="AM017"' in t1
    assert 'data-paras="1"' in t1
    assert '<a class="para-ref" href="#para-1">1</a>' in t1  # paragraphs link to the text
    assert "sample/map.yaml:11" in t1
    assert "no reason stands: reason 1 needs" in t1
    assert 'class="reason lab-out"' in t1  # reason 1 fails
    assert 'class="reason lab-unbuilt"' in t1  # reason 2 cannot be built
    assert "cannot be built: a premise is not grounded" in t1
    assert "Attacked by" in t1
    assert "answered by" in t1
    assert "Trace down to the sources" in t1
    e1 = re.search(r'<article [^>]*id="arg-node-E1".*?</article>', text, re.DOTALL)
    assert e1 is not None
    assert "Smith, Carol. 2020. Small Harbours &amp; Their Budgets." in e1.group()
    assert ", p. 12" in e1.group()
    assert "footnote 2 of the analysed text" in e1.group()


def test_without_a_text_there_is_no_text_pane(
    sample_without_text: ArgumentMap, fake_svgs: FakeSvgs
) -> None:
    text = sample_page(sample_without_text, fake_svgs)
    assert 'id="text"' not in text
    assert "para-ref" not in text
    assert 'class="workspace"' in text
    assert 'data-paras="1"' in text  # the entry still says where it comes from


def test_the_text_pane_marks_uncovered_paragraphs(sample: ArgumentMap, fake_svgs: FakeSvgs) -> None:
    text = sample_page(sample, fake_svgs)
    assert '<div class="para uncovered unmapped" id="para-4" data-nodes="">' in text
    assert "No node: left unmapped, A list of the council&#x27;s members" in text
    assert '<div class="para uncovered" id="para-6" data-nodes="">' in text
    assert '<div class="para" id="para-2" data-nodes="C1 C2 E1">' in text


def test_a_view_per_thesis_beside_the_whole_map(sample: ArgumentMap) -> None:
    report = build_report(sample)
    shown = views(report)
    assert [(view.key, view.title) for view in shown] == [
        (None, "Whole map"),
        ("T1", "T1"),
        ("T2", "T2"),
    ]
    assert shown[2].drawn == 2  # T2 and E3
    assert tree_below(sample, "T1") == [
        "T1", "C1", "C2", "E1", "E2", "O1", "O2", "C3", "E4", "O3", "E5"
    ]  # fmt: skip
    for view in shown:
        assert '"T2" [URL="#arg-node-T2"];' in shown[0].dot
        assert view.dot.endswith("}\n")


def test_a_view_equal_to_the_whole_map_is_left_out(load_map: Callable[..., ArgumentMap]) -> None:
    amap = load_map(
        """
        nodes:
          T1: {claim: The thesis., thesis: true, because: E1}
          E1: {evidence: A fact., cites: [{key: k, page: 1}]}
        """
    )
    assert [view.key for view in views(build_report(amap, diagnostics=[]))] == [None]


def big_map(count: int) -> ArgumentMap:
    """One thesis over claims, each resting on two pieces of evidence: over ``count`` nodes."""
    claims = [f"C{i}" for i in range(count // 3 + 1)]
    nodes: list[argmap.Node] = [
        Claim(id="T1", text="The thesis.", thesis=True, reasons=tuple(Reason((c,)) for c in claims))
    ]
    for claim in claims:
        evidence = (f"{claim}a", f"{claim}b")
        nodes.append(Claim(id=claim, text=f"Claim {claim}.", reasons=(Reason(evidence),)))
        nodes.extend(Evidence(id=e, text=f"Fact {e}.") for e in evidence)
    return ArgumentMap(nodes=tuple(nodes))


def test_a_big_map_is_shown_whole_as_its_summary() -> None:
    amap = big_map(LAYOUT_LIMIT + 2)
    shown = views(build_report(amap, diagnostics=[]))
    assert [view.title for view in shown] == ["Map summary", "T1"]
    assert f"A summary of the {len(amap):,} nodes" in shown[0].caption
    assert "+evidence" in shown[0].dot  # leaves are counted
    assert '"T1+evidence" [URL' not in shown[0].dot  # count nodes have no entry
    assert shown[1].drawn == len(amap)  # the thesis's view in full
    assert "+evidence" not in shown[1].dot


def test_a_thesis_tree_beyond_the_view_limit_is_summarised() -> None:
    amap = big_map(VIEW_LIMIT + 2)
    shown = views(build_report(amap, diagnostics=[]))
    assert "so summarised" in shown[1].caption
    assert "+more" in shown[1].dot
    assert shown[1].drawn == len(amap)


def test_graphviz_svg_is_made_fit_to_inline(sample: ArgumentMap) -> None:
    report = build_report(sample)
    shown = views(report)
    svgs = render_views(shown)
    assert len(svgs) == len(shown)
    for svg in svgs:
        assert svg.startswith("<svg ")
        assert svg.endswith("</svg>")
        assert "<?xml" not in svg
        assert "DOCTYPE" not in svg
        assert "<!--" not in svg
        assert "<title>" not in svg
        assert " id=" not in svg
        assert "font-family" not in svg
        assert 'role="img"' in svg
    whole = svgs[0]
    for node_id in sample.ids:
        assert f'<g class="node" data-node="{node_id}">' in whole
        assert f'xlink:href="#arg-node-{node_id}"' in whole
    assert 'data-node="T1/1"' in whole  # a junction: drawn, not linked
    assert 'xlink:href="#arg-node-T1/1"' not in whole
    assert "<script>alert" not in whole
    width = re.search(r'<svg width="(\d+)" height="(\d+)"', whole)
    assert width is not None  # pixels, for the page's zoom


def test_clean_svg_escapes_the_title() -> None:
    svg = clean_svg(
        '<?xml version="1.0"?>\n<!-- x -->\n<svg width="72pt" height="36pt"\n viewBox="0 0 72 36">'
        '<g id="graph0" class="graph"><title>g</title><g id="A&#45;1" class="node"></g></g></svg>',
        'a "b" & <c>',
    )
    assert svg == (
        '<svg width="96" height="48" role="img" aria-label="Diagram: a &quot;b&quot; &amp; '
        '&lt;c>" viewBox="0 0 72 36"><g class="graph"><g class="node" data-node="A-1"></g></g>'
        "</svg>"
    )


def test_the_article_page_without_its_text(article: ArgumentMap, fake_svgs: FakeSvgs) -> None:
    report = build_report(article)
    page_text = to_html(report, diagrams=fake_svgs(views(report)))
    page = parse(page_text)
    assert sorted(page.entries) == sorted(article.ids)
    assert {link for link in page.links if link not in page.ids} == set()
    theses = re.search(r'<table class="theses">.*?</table>', page_text, re.DOTALL)
    assert theses is not None
    assert theses.group().count("<tr data-node=") == 5
    assert 'id="text"' not in page_text


@pytest.mark.skipif(
    not ARTICLE_TEXT.is_file(), reason="the article's text is not beside the repository"
)
def test_the_article_page_with_its_text(
    monkeypatch: pytest.MonkeyPatch, fake_svgs: FakeSvgs
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    amap = argmap.load("arguments", text=ARTICLE_TEXT)
    report = build_report(amap)
    page_text = to_html(report, diagrams=fake_svgs(views(report)))
    count = len(amap.text.paragraphs) if amap.text else 0
    assert page_text.count(' id="para-') == count
    assert all(f'id="para-{n}"' in page_text for n in range(1, count + 1))
    page = parse(page_text)
    assert {link for link in page.links if link not in page.ids} == set()


def test_odd_ids_of_a_map_built_in_code_still_link() -> None:
    """Maps read from files have plain ids; one built in code may have any, and still works."""
    odd = ['Q"1', "sp ace", "back\\slash", "ü&<b>"]
    amap = ArgumentMap(
        nodes=(
            Claim(id=odd[0], text="A thesis.", thesis=True, reasons=(Reason((odd[1],)),)),
            Claim(id=odd[1], text="A claim.", reasons=(Reason((odd[2], odd[3])),)),
            Evidence(id=odd[2], text="A fact."),
            Evidence(id=odd[3], text="Another fact."),
        )
    )
    report = build_report(amap, diagnostics=[])
    svgs = render_views(views(report))
    page = parse(to_html(report, diagrams=svgs))
    assert sorted(page.entries) == sorted(odd)
    assert {link for link in page.links if link not in page.ids} == {
        "arg-node-Q%221", "arg-node-sp%20ace", "arg-node-back%5Cslash", "arg-node-%C3%BC%26%3Cb%3E"
    }  # fmt: skip
    from urllib.parse import unquote

    assert {unquote(link) for link in page.links} <= set(page.ids)  # as browsers match them
    drawn = re.findall(r'<g class="node" data-node="([^"]*)">', svgs[0])
    assert len(drawn) == 4 + 1  # the four nodes and the junction
