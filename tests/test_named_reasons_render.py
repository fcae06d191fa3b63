"""The trace (text and JSON) and the diagrams name a named reason by its name."""

from __future__ import annotations

import json
from collections.abc import Callable

from argmap import ArgumentMap
from argmap.render.dot import to_dot
from argmap.render.tree import to_json, trace_to_text
from argmap.trace import trace_down

MAP = """\
nodes:
  T1:
    claim: The thesis.
    thesis: true
    because:
      structural: E1 + E2
      trade: E3
  E1: {evidence: one}
  E2: {evidence: two}
  E3: {evidence: three}
  O1:
    objection: The trade figures mislead.
    undercuts: T1/2
"""


def test_the_trace_text_names_the_reasons(load_map: Callable[..., ArgumentMap]) -> None:
    text = trace_to_text(trace_down(load_map(MAP), "T1"), ascii=True, colour=False)
    assert "because (reason structural, linked):" in text
    assert "because (reason trade) evidence E3: three" in text
    assert "objection O1 (undercuts reason trade): The trade figures mislead." in text


def test_the_trace_json_has_each_reasons_name(load_map: Callable[..., ArgumentMap]) -> None:
    data = json.loads(to_json(trace_down(load_map(MAP), "T1")))
    (root,) = [node for node in data["nodes"] if node["id"] == "T1"]
    assert [(r["number"], r["name"]) for r in root["reasons"]] == [
        (1, "structural"),
        (2, "trade"),
    ]
    unnamed = load_map(MAP.replace("structural: E1 + E2\n      trade: E3", "- E1 + E2\n      - E3"))
    data = json.loads(to_json(trace_down(unnamed, "T1")))
    assert [r["name"] for r in data["nodes"][0]["reasons"]] == [None, None]


def test_diagram_tooltips_name_the_reasons(load_map: Callable[..., ArgumentMap]) -> None:
    dot = to_dot(load_map(MAP))
    assert 'tooltip="reason T1/structural: E1 + E2 support T1"' in dot
    assert 'tooltip="O1 undercuts T1/trade"' in dot
