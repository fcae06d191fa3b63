"""The HTML report in a real browser: Debian's Chromium, driven by Selenium through chromedriver.

The pages are the article's report (without its text) and the made-up sample's (with its
made-up text), opened from ``file://``. Selenium is given both paths, so selenium-manager never
runs (and never downloads anything). Every test skips, saying why, where Chromium, its driver
or Graphviz is missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"

#: Chromium's flags on a machine without network or display.
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

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(
        f"no Chromium here ({CHROMIUM} and {CHROMEDRIVER} are needed: "
        "apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
if shutil.which("dot") is None:
    pytest.skip("Graphviz `dot` is not installed", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402 - only once selenium is known
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module, with a fresh profile and the console log kept."""
    yield from _chromium()


def _chromium(*extra: str) -> Iterator[Any]:
    os.environ["SE_MANAGER"] = "off"  # belt and braces: explicit paths already bypass it
    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, *extra, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def article_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article's report, made without its text."""
    path = tmp_path_factory.mktemp("report") / "article.html"
    old = Path.cwd()
    os.chdir(REPO)
    try:
        write_report(argmap.load("arguments", text=False), path)
    finally:
        os.chdir(old)
    return path


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up sample's report, with its made-up text."""
    path = tmp_path_factory.mktemp("report") / "sample.html"
    old = Path.cwd()
    os.chdir(DATA)
    try:
        write_report(argmap.load("sample", text="sample/text.txt"), path)
    finally:
        os.chdir(old)
    return path


def open_page(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    browser.get_log("browser")  # start each test with an empty console


def visible(browser: Any, selector: str) -> list[str]:
    """The ``data-node`` of the elements matching ``selector`` that are displayed."""
    return [
        element.get_attribute("data-node")
        for element in browser.find_elements(By.CSS_SELECTOR, selector)
        if element.is_displayed()
    ]


def test_the_page_loads_offline_without_errors_or_requests(
    browser: Any, article_page: Path
) -> None:
    browser.get(article_page.as_uri())
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    assert [r for r in resources if not r.startswith(("data:", "blob:"))] == []
    log = browser.get_log("browser")
    assert [entry for entry in log if entry["level"] in {"SEVERE", "WARNING"}] == []
    assert browser.execute_script("return document.documentElement.className") == "js"
    assert browser.title.endswith("argmap report")


def test_every_node_has_its_entry(browser: Any, article_page: Path) -> None:
    open_page(browser, article_page)
    amap = argmap.load(REPO / "arguments")
    found = browser.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('article.entry'),"
        " function (e) { return e.id; })"
    )
    assert sorted(found) == sorted(f"arg-node-{node_id}" for node_id in amap.ids)
    drawn = browser.execute_script(
        "return Array.prototype.map.call("
        "document.querySelectorAll('#view-map g.node a'), function (a) {"
        " return a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'); })"
    )
    linked = sorted(href for href in drawn if href is not None)  # junctions have no link
    assert linked == sorted(f"#arg-node-{node_id}" for node_id in amap.ids)


def test_clicking_a_diagram_node_shows_its_entry(browser: Any, article_page: Path) -> None:
    open_page(browser, article_page)
    assert len(visible(browser, "article.entry")) > 10  # the list, at first
    node = browser.find_element(By.CSS_SELECTOR, '#view-map g.node[data-node="O-domestic"] a')
    node.click()
    assert visible(browser, "article.entry") == ["O-domestic"]
    entry = browser.find_element(By.ID, "arg-node-O-domestic")
    assert "Domestic politics may explain the shift" in entry.text
    assert "AM008 unanswered-objection" in entry.text
    assert "Trace down to the sources" in entry.text
    assert browser.execute_script("return location.hash") == "#arg-node-O-domestic"
    selected = browser.find_elements(By.CSS_SELECTOR, "#view-map g.node.sel")
    assert [g.get_attribute("data-node") for g in selected] == ["O-domestic"]
    # an id in the entry leads on to that node's entry
    browser.find_element(
        By.CSS_SELECTOR, '#arg-node-O-domestic .fields a[href="#arg-node-T1"]'
    ).click()
    assert visible(browser, "article.entry") == ["T1"]
    browser.find_element(By.ID, "ins-list").click()
    assert len(visible(browser, "article.entry")) == len(argmap.load(REPO / "arguments"))
    assert browser.get_log("browser") == []


def test_views_and_zoom(browser: Any, article_page: Path) -> None:
    open_page(browser, article_page)
    shown = browser.find_elements(By.CSS_SELECTOR, ".view")
    assert [v.get_attribute("id") for v in shown if v.is_displayed()] == ["view-map"]
    browser.find_element(By.CSS_SELECTOR, '.tabs a[href="#view-of-T5"]').click()
    assert [v.get_attribute("id") for v in shown if v.is_displayed()] == ["view-of-T5"]
    width = "return document.querySelector('#view-of-T5 svg').getBoundingClientRect().width"
    natural = browser.execute_script(width)
    browser.find_element(By.CSS_SELECTOR, 'button[data-act="in"]').click()
    assert browser.execute_script(width) == pytest.approx(natural * 1.25, rel=0.01)
    browser.find_element(By.CSS_SELECTOR, 'button[data-act="fit"]').click()
    port = browser.execute_script(
        "return document.querySelector('#view-of-T5 .viewport').clientWidth"
    )
    assert browser.execute_script(width) <= port
    browser.find_element(By.CSS_SELECTOR, 'button[data-act="actual"]').click()
    assert browser.execute_script(width) == pytest.approx(natural, rel=0.01)
    # a node the current view does not draw switches to a view that does
    browser.find_element(By.CSS_SELECTOR, '#view-of-T5 g.node[data-node="T5"] a').click()
    assert visible(browser, "article.entry") == ["T5"]
    browser.find_element(By.CSS_SELECTOR, '#arg-node-T5 a[href="#arg-node-C-irritant"]').click()
    assert visible(browser, "article.entry") == ["C-irritant"]
    browser.back()  # the history holds the nodes shown
    assert visible(browser, "article.entry") == ["T5"]
    browser.get(article_page.as_uri() + "#arg-node-T1")  # a link from elsewhere
    assert visible(browser, "article.entry") == ["T1"]


def test_search_and_filters(browser: Any, sample_page: Path) -> None:
    open_page(browser, sample_page)
    search = browser.find_element(By.ID, "search")
    search.send_keys("fishing")
    browser.implicitly_wait(0)
    status = browser.find_element(By.ID, "ins-status")
    _wait_for(browser, lambda: "match" in status.text)
    assert status.text == "5 of 15 nodes match"
    assert visible(browser, "article.entry") == ["C3", "E4", "E5", "O1", "O3"]
    matched = browser.find_elements(By.CSS_SELECTOR, ".view.current g.node.match")
    assert sorted(g.get_attribute("data-node") for g in matched) == sorted(
        visible(browser, "article.entry")
    )
    search.clear()
    search.send_keys("T2")
    search.send_keys("\n")  # Enter opens the first match
    assert visible(browser, "article.entry") == ["T2"]
    search.clear()
    browser.execute_script("document.getElementById('search').dispatchEvent(new Event('input'))")
    _wait_for(browser, lambda: status.text == "")

    Select(browser.find_element(By.ID, "filter-rule")).select_by_value("AM004")
    assert visible(browser, "article.entry") == ["E3"]
    groups = browser.find_elements(By.CSS_SELECTOR, ".rule-group")
    assert [g.get_attribute("data-rule") for g in groups if g.is_displayed()] == ["AM004"]
    Select(browser.find_element(By.ID, "filter-rule")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-label")).select_by_value("UNDEC")
    assert sorted(visible(browser, "article.entry")) == ["C3", "E5", "O1", "O3"]
    Select(browser.find_element(By.ID, "filter-label")).select_by_value("")
    assert status.text == ""
    assert browser.get_log("browser") == []


def test_the_text_pane_follows_the_selection(browser: Any, sample_page: Path) -> None:
    open_page(browser, sample_page)
    pane = browser.find_element(By.ID, "text")
    assert pane.is_displayed()
    paragraphs = browser.find_elements(By.CSS_SELECTOR, "#text .para")
    assert len(paragraphs) == 6
    uncovered = browser.find_elements(By.CSS_SELECTOR, "#text .para.uncovered")
    assert [p.get_attribute("id") for p in uncovered] == ["para-4", "para-6"]
    browser.find_element(By.CSS_SELECTOR, '#view-map g.node[data-node="C2"] a').click()
    highlighted = browser.find_elements(By.CSS_SELECTOR, "#text .para.hl")
    assert [p.get_attribute("id") for p in highlighted] == ["para-2", "para-3"]
    # a paragraph's number marks its nodes in the diagram
    browser.find_element(By.CSS_SELECTOR, "#para-5 a.pnum").click()
    matched = browser.find_elements(By.CSS_SELECTOR, ".view.current g.node.match")
    assert sorted(g.get_attribute("data-node") for g in matched) == ["E3", "T2"]
    assert browser.get_log("browser") == []


def test_the_article_page_has_no_text_pane(browser: Any, article_page: Path) -> None:
    open_page(browser, article_page)
    assert browser.find_elements(By.ID, "text") == []


def test_the_page_reads_with_javascript_off(article_page: Path) -> None:
    for browser in _chromium("--blink-settings=scriptEnabled=false"):
        browser.get(article_page.as_uri())
        views = browser.find_elements(By.CSS_SELECTOR, ".view")
        assert len(views) == 6
        assert all(view.is_displayed() for view in views)  # every view, one after another
        entries = browser.find_elements(By.CSS_SELECTOR, "article.entry")
        assert len(entries) == 78
        assert all(entry.is_displayed() for entry in entries)
        assert not any(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, ".js-only"))
        browser.get(article_page.as_uri() + "#arg-node-O-domestic")  # links still land
        assert browser.find_element(By.ID, "arg-node-O-domestic").is_displayed()


def _wait_for(browser: Any, condition: Any, timeout: float = 5.0) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, timeout).until(lambda _: condition())
