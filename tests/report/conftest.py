"""Shared fixtures for the report's tests: the made-up sample map, the article, golden files.

The sample (``data/sample/``) is a small made-up map with a made-up text, built to reach every
part of a report and to carry text that HTML and Markdown must escape. Golden files are
written again with ``ARGMAP_UPDATE_GOLDEN=1``; the article's goldens are made without its
text, which must never be copied into the repository.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap
from argmap.report._diagram import View

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
REPO = HERE.parents[1]
#: The article's analysed text, beside the repository; tests needing it skip without it.
ARTICLE_TEXT = REPO.parent / "shared" / "seed" / "000_0a37a20204519f86.txt"

_LINKED = re.compile(r'^  "([^"]+)" \[URL=', re.MULTILINE)


@pytest.fixture
def sample(monkeypatch: pytest.MonkeyPatch) -> ArgumentMap:
    """The sample map with its made-up text, loaded from ``data/`` so paths stay relative."""
    monkeypatch.chdir(DATA)
    return argmap.load("sample", text="sample/text.txt")


@pytest.fixture
def sample_without_text(monkeypatch: pytest.MonkeyPatch) -> ArgumentMap:
    """The sample map alone."""
    monkeypatch.chdir(DATA)
    return argmap.load("sample")


@pytest.fixture
def article(monkeypatch: pytest.MonkeyPatch) -> ArgumentMap:
    """The article's map, without its text (which references.bib names), from the root."""
    monkeypatch.chdir(REPO)
    return argmap.load("arguments", text=False)


def _fake_svgs(views: Sequence[View]) -> list[str]:
    svgs = []
    for view in views:
        nodes = "".join(
            f'<g class="node" data-node="{node_id}"><g><a xlink:href="#arg-node-{node_id}">'
            f"<text>{node_id}</text></a></g></g>"
            for node_id in _LINKED.findall(view.dot)
        )
        svgs.append(
            '<svg width="400" height="300" role="img" aria-label="Diagram" viewBox="0 0 300 225" '
            'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            f"{nodes}</svg>"
        )
    return svgs


@pytest.fixture
def fake_svgs() -> Callable[[Sequence[View]], list[str]]:
    """Return stand-ins for Graphviz: each view's linked nodes, shaped as the real SVG has them.

    Golden pages use them so that they do not change with Graphviz's version.
    """
    return _fake_svgs


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Return a function comparing text with a golden file (rewritten on request)."""

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("ARGMAP_UPDATE_GOLDEN") == "1":
            path.write_text(text, encoding="utf-8", newline="\n")
        assert path.is_file(), f"no golden file {name}; run with ARGMAP_UPDATE_GOLDEN=1"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{name} differs from its golden file; if the change is intended, run the tests "
            "with ARGMAP_UPDATE_GOLDEN=1 and review the diff"
        )

    return compare
