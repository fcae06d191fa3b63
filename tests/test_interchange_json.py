"""argmap's own JSON: the output validates against docs/map.schema.json and is deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap import load
from argmap.interchange.aif import read_aif
from argmap.interchange.argdown import read_argdown
from argmap.interchange.json import FORMAT, VERSION, to_data, to_json
from argmap.model import NODE_KINDS, LocatorLabel

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "interchange"
SCHEMA = json.loads((REPO / "docs" / "map.schema.json").read_text(encoding="utf-8"))
TEXT = REPO.parent / "shared" / "seed" / "000_0a37a20204519f86.txt"


def validate(data: Any) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_enums_follow_the_model() -> None:
    definitions = SCHEMA["$defs"]
    assert definitions["node"]["properties"]["kind"]["enum"] == list(NODE_KINDS)
    locator = definitions["citation"]["properties"]["locator"]["oneOf"][1]
    assert locator["properties"]["label"]["enum"] == [label.value for label in LocatorLabel]
    assert set(SCHEMA["required"]) == set(to_data(load(REPO / "arguments")))


def test_article_map_validates_with_every_field() -> None:
    text = TEXT if TEXT.is_file() else None
    argument_map = load(REPO / "arguments", text=text)
    data = json.loads(to_json(argument_map))
    validate(data)
    assert data["format"] == FORMAT
    assert data["version"] == VERSION
    assert len(data["nodes"]) == len(argument_map.nodes)
    assert data["sources"]
    assert any(node["citations"] for node in data["nodes"])
    assert any(attack["undercut"] for node in data["nodes"] for attack in node["attacks"])
    first = data["nodes"][0]
    assert first["position"]["file"].endswith(".yaml")
    assert first["position"]["line"] >= 1
    if text is not None:
        assert data["text"]["paragraphs"][0]["number"] == 1


def test_imported_maps_validate() -> None:
    for argument_map in (
        read_aif(DATA / "small.json").map,
        read_aif(DATA / "ova.json").map,
        read_argdown(DATA / "debate.argdown").map,
    ):
        validate(to_data(argument_map))


def test_output_is_deterministic_and_ordered() -> None:
    argument_map = load(REPO / "arguments")
    text = to_json(argument_map)
    assert text == to_json(load(REPO / "arguments"))
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data["sources"]) == sorted(data["sources"])
    assert [node["id"] for node in data["nodes"]] == list(argument_map.ids)
    assert list(data) == [
        "format",
        "version",
        "title",
        "bibliography",
        "analysed",
        "unmapped",
        "expected",
        "files",
        "position",
        "nodes",
        "sources",
        "problems",
        "text",
    ]


def test_schema_rejects_what_a_map_cannot_hold() -> None:
    data = to_data(read_aif(DATA / "small.json").map)
    data["nodes"][0]["kind"] = "fact"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = to_data(read_aif(DATA / "small.json").map)
    data["nodes"][0]["reasons"][0]["premises"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_argmap_load_reads_aif_by_content(tmp_path: Path) -> None:
    import argmap

    aif = {
        "nodes": [
            {"nodeID": "1", "text": "Conclusion", "type": "I"},
            {"nodeID": "2", "text": "Premise", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "1"},
        ],
    }
    path = tmp_path / "map.txt"
    path.write_text(json.dumps(aif), encoding="utf-8")
    argument_map = argmap.load(path)
    [conclusion] = [n for n in argument_map.nodes if n.reasons]
    assert conclusion.text == "Conclusion"
    assert conclusion.thesis
