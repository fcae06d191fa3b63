"""Named reasons go out and come back: the YAML writer and argmap JSON keep every name."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, LoadError, load
from argmap.interchange.aif import parse_aif, to_aif
from argmap.interchange.argdown import parse_argdown, to_argdown
from argmap.interchange.json import parse_map_json, to_json
from argmap.interchange.yaml import to_yaml
from argmap.model import Attack, Claim, Evidence, Objection, Reason

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "docs" / "map.schema.json").read_text(encoding="utf-8"))

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
    undercuts: [T1/trade, T1/1]
"""


def same(back: ArgumentMap, original: ArgumentMap) -> bool:
    """Equal in all a map file carries (files and the analysed text aside)."""
    keep = {"files": original.files, "problems": original.problems, "text": None}
    return attrs.evolve(back, **keep) == attrs.evolve(original, text=None)


def reload_yaml(argument_map: ArgumentMap, folder: Path) -> ArgumentMap:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "map.yaml").write_text(to_yaml(argument_map), encoding="utf-8")
    return load(folder)


def test_the_yaml_writer_writes_named_reasons_as_a_mapping(
    load_map: Callable[..., ArgumentMap], tmp_path: Path
) -> None:
    argument_map = load_map(MAP)
    text = to_yaml(argument_map)
    assert "    because:\n      structural: E1 + E2\n      trade: E3\n" in text
    assert "    undercuts: [T1/trade, T1/1]\n" in text
    assert same(reload_yaml(argument_map, tmp_path / "again"), argument_map)


def test_the_yaml_writer_keeps_a_list_for_unnamed_reasons(
    load_map: Callable[..., ArgumentMap],
) -> None:
    text = MAP.replace("structural: E1 + E2\n      trade: E3", "- E1 + E2\n      - E3")
    written = to_yaml(load_map(text.replace("T1/trade", "T1/2")))
    assert "    because:\n      - E1 + E2\n      - E3\n" in written


def test_argmap_json_carries_the_names(load_map: Callable[..., ArgumentMap]) -> None:
    argument_map = load_map(MAP)
    data = json.loads(to_json(argument_map))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    reasons = data["nodes"][0]["reasons"]
    assert [r["name"] for r in reasons] == ["structural", "trade"]
    attacks = data["nodes"][-1]["attacks"]
    assert [(a["reason"], a["name"]) for a in attacks] == [(2, "trade"), (1, None)]
    back = parse_map_json(to_json(argument_map), file="m.json").map
    assert same(back, argument_map)


def _broken(change: Callable[[dict[str, Any]], None], load_map: Callable[..., ArgumentMap]) -> str:
    data = json.loads(to_json(load_map(MAP)))
    change(data)
    with pytest.raises(LoadError) as info:
        parse_map_json(json.dumps(data, indent=2), file="m.json")
    (error,) = info.value.errors
    return f"{error.message}; {error.hint}"


def test_argmap_json_refuses_bad_names(load_map: Callable[..., ArgumentMap]) -> None:
    def bad(data: dict[str, Any]) -> None:
        data["nodes"][0]["reasons"][0]["name"] = "1st"

    assert _broken(bad, load_map).startswith("bad reason name `1st` in a reason of node `T1`")

    def twice(data: dict[str, Any]) -> None:
        data["nodes"][0]["reasons"][1]["name"] = "structural"
        data["nodes"][-1]["attacks"][0]["name"] = None

    assert _broken(twice, load_map).startswith("reason name `structural` is given twice")

    def other(data: dict[str, Any]) -> None:
        data["nodes"][-1]["attacks"][0]["name"] = "structural"

    assert "is not the name of reason 2 of `T1` (`trade`)" in _broken(other, load_map)

    def alone(data: dict[str, Any]) -> None:
        data["nodes"][-1]["attacks"][0]["reason"] = None
        data["nodes"][-1]["attacks"][0]["undercut"] = False

    assert "gives no `reason` number" in _broken(alone, load_map)


def test_argmap_json_without_names_still_reads(load_map: Callable[..., ArgumentMap]) -> None:
    data = json.loads(to_json(load_map(MAP)))
    for node in data["nodes"]:
        for item in (*node["reasons"], *node["attacks"]):
            del item["name"]
    back = parse_map_json(json.dumps(data), file="m.json").map
    assert [r.name for r in back.nodes[0].reasons] == [None, None]
    assert back.nodes[-1].attacks == (Attack("T1", 2), Attack("T1", 1))


_NAMES = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)


@st.composite
def named_maps(draw: st.DrawFn) -> ArgumentMap:
    """A thesis with named reasons over evidence, and objections undercutting them by name
    or number."""
    names = draw(st.lists(_NAMES, min_size=1, max_size=4, unique=True))
    evidence = [Evidence(id=f"E{i}", text="e") for i in range(len(names))]
    reasons = tuple(Reason((f"E{i}",), name) for i, name in enumerate(names))
    nodes: list[Any] = [Claim(id="T1", text="t", thesis=True, reasons=reasons), *evidence]
    for i in range(draw(st.integers(0, 3))):
        number = draw(st.integers(1, len(names)))
        name = draw(st.sampled_from([names[number - 1], None]))
        nodes.append(Objection(id=f"O{i}", text="o", attacks=(Attack("T1", number, name),)))
    return ArgumentMap(nodes=tuple(nodes))


@given(argument_map=named_maps())
@settings(max_examples=30, deadline=None)
def test_named_maps_round_trip_through_yaml_and_json(
    argument_map: ArgumentMap, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("named")
    assert same(reload_yaml(argument_map, folder), argument_map)
    assert same(parse_map_json(to_json(argument_map), file="m.json").map, argument_map)


def test_aif_carries_the_names_in_its_argmap_objects(load_map: Callable[..., ArgumentMap]) -> None:
    argument_map = load_map(MAP)
    data = to_aif(argument_map)
    metas = [n["argmap"] for n in data["nodes"] if "argmap" in n]
    assert {"kind": "claim", "thesis": True, "reasons": ["structural", "trade"]}.items() <= (
        metas[0].items()
    )
    assert metas[-1]["undercuts"] == [["T1", 2, "trade"]]
    back = parse_aif(json.dumps(to_aif(argument_map)), file="m.json").map
    assert back.nodes == argument_map.nodes


def test_aif_refuses_bad_names(load_map: Callable[..., ArgumentMap]) -> None:
    data = to_aif(load_map(MAP))
    data["nodes"][0]["argmap"]["reasons"] = ["1st", None]
    with pytest.raises(LoadError, match="`reasons` in the `argmap` object of node"):
        parse_aif(json.dumps(data), file="m.json")


def test_argdown_titles_named_reasons_by_name(load_map: Callable[..., ArgumentMap]) -> None:
    argument_map = load_map(MAP)
    text = to_argdown(argument_map)
    assert "<T1/structural>\n" in text
    assert "  _> <T1/trade>\n  _> <T1/structural>\n" in text  # T1/1 is that reason too
    back = parse_argdown(text, file="m.argdown", path=Path("m.argdown")).map
    assert [r.name for r in back.node("T1").reasons] == ["structural", "trade"]
    assert back.node("O1").attacks == (Attack("T1", 2, "trade"), Attack("T1", 1))  # as written
    assert "Argdown argument" not in (back.node("T1").note or "")
