"""The interchange readers as a stage: one file's bytes into a draft, errors kept, not raised."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.interchange.json import to_json
from argmap.loading.read_interchange import read_interchange

AIF = """{"nodes": [
  {"nodeID": "1", "text": "The thesis.", "type": "I"},
  {"nodeID": "2", "text": "A reason.", "type": "I"},
  {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
 "edges": [{"edgeID": "a", "fromID": "2", "toID": "3"},
           {"edgeID": "b", "fromID": "3", "toID": "1"}]}
"""
ARGDOWN = "[T]: The thesis.\n  <+ [R]: A reason.\n"


def test_aif_bytes_become_a_draft() -> None:
    draft = read_interchange("m.json", AIF.encode(), "aif", Path("m.json"))
    assert draft.errors == ()
    assert len(draft.nodes) == 2
    assert all(node.position.file == "m.json" for node in draft.nodes)
    assert draft.header is None


def test_argdown_bytes_become_a_draft() -> None:
    draft = read_interchange("m.argdown", ARGDOWN.encode(), "argdown", Path("m.argdown"))
    assert draft.errors == ()
    assert sorted(node.text for node in draft.nodes) == ["A reason.", "The thesis."]


def test_argmap_json_keeps_the_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    article = argmap.load("arguments")
    draft = read_interchange("a.json", to_json(article).encode(), "json", tmp_path / "a.json")
    assert draft.errors == ()
    assert draft.header is not None
    assert draft.header.title == article.title
    assert draft.header.expected == article.expected
    assert [node.id for node in draft.nodes] == list(article.ids)


@pytest.mark.parametrize(
    ("data", "format_name", "message"),
    [
        (b'{"nodes": [], "nodes": []}', "aif", "duplicate key"),
        (b"\xff{}", "aif", "not valid UTF-8"),
        (b'{"format": "argmap", "version": 1, "nodes": 3}', "json", "nodes"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_draft_of_errors(
    data: bytes, format_name: str, message: str
) -> None:
    draft = read_interchange("m.json", data, format_name, Path("m.json"))  # type: ignore[arg-type]
    assert draft.nodes == ()
    assert draft.errors
    assert any(message in str(error) for error in draft.errors)
    assert all(error.file == "m.json" for error in draft.errors)
