"""AIF import and export: the mapping, malformed input, round trips and the whole corpus."""

from __future__ import annotations

import collections
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Claim, Evidence, LoadError, Objection, Premise, check, load
from argmap.interchange.aif import dump_aif, looks_like_aif, parse_aif, read_aif, to_aif
from argmap.interchange.dispatch import import_file, sniff
from argmap.interchange.yaml import to_yaml, write_yaml
from argmap.model import ArgumentMap, Attack, Reason

DATA = Path(__file__).resolve().parent / "data" / "interchange"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "aif"
CORPUS_FILES = sorted(CORPUS.rglob("*.json")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not CORPUS_FILES, reason="shared AIF corpus not present")


def nodeset(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]]) -> dict[str, Any]:
    """Build an AIFdb nodeset from (id, type, text) triples and (from, to) pairs."""
    return {
        "nodes": [{"nodeID": i, "type": t, "text": text} for i, t, text in nodes],
        "edges": [
            {"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(edges, start=1)
        ],
        "locutions": [],
    }


# -- the mapping ---------------------------------------------------------------------------------


def test_ra_with_two_premises_is_one_linked_reason() -> None:
    data = nodeset(
        [("1", "I", "C"), ("2", "I", "P"), ("3", "I", "Q"), ("4", "RA", "Default Inference")],
        [("2", "4"), ("3", "4"), ("4", "1")],
    )
    argument_map = read_aif(data).map
    conclusion = argument_map.node("I1")
    assert conclusion.reasons == (Reason(("I2", "I3")),)
    assert conclusion.reasons[0].linked
    assert isinstance(conclusion, Claim)
    assert conclusion.thesis
    assert isinstance(argument_map.node("I2"), Premise)


def test_two_ras_on_one_conclusion_are_convergent_reasons() -> None:
    data = nodeset(
        [("1", "I", "C"), ("2", "I", "P"), ("3", "I", "Q"), ("4", "RA", "x"), ("5", "RA", "y")],
        [("2", "4"), ("4", "1"), ("3", "5"), ("5", "1")],
    )
    assert read_aif(data).map.node("I1").reasons == (Reason(("I2",)), Reason(("I3",)))


def test_small_file_maps_every_relation() -> None:
    result = read_aif(DATA / "small.json")
    argument_map = result.map
    bridge = argument_map.node("I1")
    assert bridge.reasons == (Reason(("I2", "I3")),)
    assert isinstance(bridge, Claim)
    assert bridge.thesis
    rebuttal = argument_map.node("I5")
    assert isinstance(rebuttal, Objection)
    assert rebuttal.attacks == (Attack("I1"),)
    undercut = argument_map.node("I7")
    assert isinstance(undercut, Objection)
    assert undercut.attacks == (Attack("I1", 1),)
    assert isinstance(argument_map.node("I9"), Premise)


def test_small_file_notes_record_provenance_rephrase_and_preference() -> None:
    argument_map = read_aif(DATA / "small.json").map
    assert argument_map.node("I1").note == (
        "AIF I-node 1.\nReason 1: AIF RA 4 (Default Inference)."
    )
    assert argument_map.node("I5").note == (
        "AIF I-node 5.\n"
        "Attack on I1: AIF CA 6 (Default Conflict).\n"
        "Preference: AIF PA 12 (Default Preference) links I11 to this."
    )
    assert "Rephrase: AIF MA 10 (Default Rephrase) links this to I2." in (
        argument_map.node("I9").note or ""
    )
    assert "links I9 to this" in (argument_map.node("I2").note or "")


def test_small_file_report_counts_everything() -> None:
    report = read_aif(DATA / "small.json").report
    assert report.format == "AIFdb nodeset"
    assert dict(report.kept) == {
        "I nodes": 7,
        "RA nodes": 1,
        "reasons": 1,
        "rebuttals": 1,
        "CA nodes": 2,
        "undercuts": 1,
        "MA nodes (as notes)": 1,
        "PA nodes (as notes)": 1,
        "edges": 11,
    }
    assert dict(report.set_aside) == {
        "locutions": 2,
        "L nodes": 2,
        "YA nodes": 1,
        "TA nodes": 1,
        "dialogue edges": 4,
    }
    assert report.details == ()
    assert report.summary().startswith(f"{DATA / 'small.json'}: AIFdb nodeset: kept 7 I nodes")


def test_positions_point_at_each_node_object() -> None:
    argument_map = read_aif(DATA / "small.json").map
    first = argument_map.node("I1").position
    assert (first.file, first.line, first.column) == (str(DATA / "small.json"), 3, 5)
    assert argument_map.node("I2").position.line == 4
    assert argument_map.node("I1").reasons[0].position.line == 6  # the RA-node
    assert argument_map.node("I5").attacks[0].position.line == 8  # the CA-node


def test_minified_json_positions_use_columns() -> None:
    text = json.dumps(nodeset([("1", "I", "a"), ("2", "I", "b")], []), separators=(",", ":"))
    path = DATA.parent.parent / "_minified_tmp.json"
    try:
        path.write_text(text, encoding="utf-8")
        argument_map = read_aif(path).map
    finally:
        path.unlink()
    assert argument_map.node("I1").position.line == 1
    assert argument_map.node("I2").position.column == text.index('{"nodeID":"2"') + 1


def test_ova_wrapper_is_read_and_counted() -> None:
    result = read_aif(DATA / "ova.json")
    assert result.report.format == "xAIF (OVA)"
    argument_map = result.map
    assert argument_map.ids == ("a_1", "a_2", "a_4")  # already valid ids are kept
    assert argument_map.node("a_4").attacks == (Attack("a_1", 1),)
    assert dict(result.report.set_aside) == {
        "participants": 1,
        "schemefulfillments": 1,
        "OVA layout entries": 1,
        "source texts": 1,
    }


def test_integer_ids_are_read() -> None:
    data = {
        "nodes": [
            {"nodeID": 1, "type": "I", "text": "a"},
            {"nodeID": 2, "type": "I", "text": "b"},
            {"nodeID": 3, "type": "RA", "text": "RA"},
        ],
        "edges": [{"edgeID": 1, "fromID": 2, "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": 1}],
    }
    assert read_aif(data).map.node("I1").reasons == (Reason(("I2",)),)


def test_ids_that_clash_after_renaming_stay_unique() -> None:
    data = nodeset([("5", "I", "a"), ("I5", "I", "b"), ("x y", "I", "c")], [])
    assert read_aif(data).map.ids == ("I5", "I5-2", "x-y")


def test_attacked_node_without_reasons_is_a_disputed_thesis() -> None:
    data = nodeset(
        [("1", "I", "The plan works."), ("2", "I", "It failed in Oslo."), ("3", "CA", "c")],
        [("2", "3"), ("3", "1")],
    )
    argument_map = read_aif(data).map
    assert isinstance(argument_map.node("I1"), Claim)
    assert argument_map.node("I1").thesis
    assert isinstance(argument_map.node("I2"), Objection)


def test_linked_attack_splits_into_one_attack_per_attacker() -> None:
    data = nodeset(
        [("1", "I", "t"), ("2", "I", "a"), ("3", "I", "b"), ("4", "CA", "c")],
        [("2", "4"), ("3", "4"), ("4", "1")],
    )
    result = read_aif(data)
    assert result.map.node("I2").attacks == (Attack("I1"),)
    assert result.map.node("I3").attacks == (Attack("I1"),)
    assert any("2 attackers" in detail for detail in result.report.details)


def test_attack_on_an_attack_is_set_aside_with_a_note() -> None:
    data = nodeset(
        [("1", "I", "t"), ("2", "I", "a"), ("3", "CA", "c"), ("4", "I", "b"), ("5", "CA", "c")],
        [("2", "3"), ("3", "1"), ("4", "5"), ("5", "3")],
    )
    result = read_aif(data)
    assert result.map.node("I4").attacks == ()
    assert "attacks AIF CA 3" in (result.map.node("I4").note or "")
    assert result.report.set_aside["attacks on attacks (CA on CA)"] == 1
    assert any("attack on an attack" in detail for detail in result.report.details)


def test_scheme_nodes_without_ends_are_set_aside_and_listed() -> None:
    data = nodeset(
        [("1", "I", "t"), ("2", "RA", "r"), ("3", "CA", "c"), ("4", "MA", "m"), ("5", "EN", "e")],
        [("1", "2"), ("3", "1"), ("1", "4")],
    )
    result = read_aif(data)
    assert result.map.node("I1").reasons == ()
    assert result.report.set_aside == {
        "RA nodes": 1,
        "CA nodes": 1,
        "MA nodes": 1,
        "EN nodes": 1,
        "edges": 3,
    }
    assert len(result.report.details) == 4
    assert "RA 2 (r) set aside; it has no conclusion I-node" in result.report.details[0]


def test_edge_between_two_i_nodes_is_set_aside_and_listed() -> None:
    result = read_aif(nodeset([("1", "I", "a"), ("2", "I", "b")], [("1", "2")]))
    assert result.report.set_aside == {"edges": 1}
    assert "edge 1 from I 1 to I 2 set aside" in result.report.details[0]


def test_unpaired_surrogates_are_replaced_and_listed() -> None:
    result = read_aif(nodeset([("1", "I", "broken \ud800 text")], []))
    assert result.map.node("I1").text == "broken \ufffd text"
    assert "unpaired surrogate" in result.report.details[0]


def test_empty_text_gets_a_placeholder() -> None:
    result = read_aif(nodeset([("1", "I", "  ")], []))
    assert result.map.node("I1").text == "(AIF I-node 1 has no text)"
    assert result.report.kept["placeholder texts (I-nodes without text)"] == 1


def test_identical_duplicate_nodes_are_merged() -> None:
    data = nodeset([("1", "I", "a"), ("1", "I", "a")], [])
    result = read_aif(data)
    assert result.map.ids == ("I1",)
    assert result.report.set_aside == {"duplicate node entries": 1}


def test_empty_nodeset_imports_as_an_empty_map() -> None:
    result = read_aif({"nodes": [], "edges": [], "locutions": []})
    assert result.map.nodes == ()
    assert result.report.summary() == "<memory>: AIFdb nodeset: kept nothing"


# -- malformed input -----------------------------------------------------------------------------


def test_json_syntax_error_carries_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "nodes": [\n    {"nodeID": "1",, }\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_aif(path)
    (error,) = caught.value.errors
    assert (error.file, error.line, error.column) == (str(path), 3, 20)
    assert error.message.startswith("not valid JSON")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not an AIF map: not a JSON object"),
        ({"nodes": []}, "not an AIF map: no `edges` list"),
        ({"nodes": {}, "edges": []}, "not an AIF map: `nodes` is a object, not a list"),
        ({"AIF": [], "OVA": {}}, "`AIF` is not an object"),
        ({"nodes": [{"id": "1"}], "edges": []}, "not an AIF map: no node has a `nodeID`"),
    ],
)
def test_wrong_shape_is_one_clear_error(data: object, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        read_aif(data, file="x.json")  # type: ignore[arg-type]
    assert len(caught.value.errors) == 1
    assert caught.value.errors[0].message.startswith(message)
    assert str(caught.value).startswith("x.json:1:1: error: ")


def test_every_bad_node_and_edge_is_reported(tmp_path: Path) -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "a"},
            {"nodeID": "2", "text": "no type"},
            {"nodeID": "1", "type": "I", "text": "different"},
        ],
        "edges": [
            {"edgeID": "7", "fromID": "1", "toID": "99"},
            {"edgeID": "8", "toID": "1"},
        ],
    }
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_aif(path)
    messages = [error.message for error in caught.value.errors]
    assert messages == [
        "node 2 has no `type` (I, RA, CA, MA, PA, L, YA, TA)",
        "two different nodes have nodeID 1",
        "edge 7 goes to node 99, which does not exist",
        "edge 8 has no `fromID`",
    ]
    assert all(error.file == str(path) and error.line > 1 for error in caught.value.errors)


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        read_aif(tmp_path / "missing.json")
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"nodes": [], "edges": [], "x": "\xe9"}')
    bad_byte = r"latin1\.json:1:34: error: the file is not valid UTF-8 \(byte 0xe9\)"
    with pytest.raises(LoadError, match=bad_byte):
        read_aif(path)


def test_looks_like_aif() -> None:
    assert looks_like_aif({"nodes": []})
    assert looks_like_aif({"AIF": {"nodes": []}})
    assert not looks_like_aif({"AIF": {}})
    assert not looks_like_aif([])


# -- reading text: parse_aif, duplicate keys, argmap's own fields ---------------------------------


def where(text: str, *path: str) -> tuple[int, int]:
    """Return the line and column of the last of ``path``, each found after the one before."""
    offset = -1
    for needle in path:
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def errors_of(text: str, file: str = "x.json") -> list[tuple[int, int, str]]:
    with pytest.raises(LoadError) as caught:
        parse_aif(text, file=file)
    assert all(error.file == file for error in caught.value.errors)
    return [(error.line, error.column, error.message) for error in caught.value.errors]


def error_at(found: list[tuple[int, int, str]], message: str) -> tuple[int, int]:
    """Return where the one error starting with ``message`` is."""
    (place,) = [(line, column) for line, column, text in found if text.startswith(message)]
    return place


def one_i_node(meta: object) -> str:
    return json.dumps(
        {"nodes": [{"nodeID": "1", "type": "I", "text": "a", "argmap": meta}], "edges": []},
        indent=2,
    )


def test_parse_aif_reads_text_as_read_aif_reads_the_file() -> None:
    text = (DATA / "small.json").read_text(encoding="utf-8")
    from_text = parse_aif(text, file="small.json")
    from_file = read_aif(DATA / "small.json", file="small.json")
    assert from_text.map == from_file.map
    assert from_text.report == from_file.report
    node = from_text.map.node("I5")
    assert (node.position.line, node.position.column) == where(text, '{"nodeID": "5"')


def test_duplicate_keys_are_located_errors() -> None:
    text = '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}],\n "edges": [], "nodes": []}'
    first = where(text, '"nodes"')
    assert errors_of(text) == [
        (
            *where(text, "\n", '"nodes"'),
            f"duplicate key `nodes` (first at line 1, column {first[1]})",
        )
    ]
    node = '{"nodeID": "1", "type": "I", "text": "a", "text": "b", "type": "RA"}'
    text = f'{{"nodes": [{node}], "edges": []}}'
    found = errors_of(text)
    assert error_at(found, "duplicate key `text`") == where(text, '"text"', '"text"')
    assert error_at(found, "duplicate key `type`") == where(text, '"type"', '"type"')
    assert len(found) == 2
    assert parse_aif('{"nodes": [], "edges": []}', file="x.json").map.nodes == ()


def test_argmap_json_is_not_taken_for_aif() -> None:
    from argmap.interchange.json import to_json

    text = to_json(read_aif(DATA / "small.json").map)
    ((line, column, message),) = errors_of(text)
    assert message.startswith("not an AIF map: this is argmap's own JSON")
    assert (line, column) == where(text, '"argmap"')


@pytest.mark.parametrize(
    ("meta", "path", "message"),
    [
        ({"at": [-5]}, ["-5"], "a paragraph in `at` of the `argmap` object of node 1 must be a"),
        ({"at": [0, 2]}, ["0"], "a paragraph in `at` of the `argmap` object of node 1 must be"),
        ({"at": ["3"]}, ['"3"'], "a paragraph in `at` of the `argmap` object of node 1 must be"),
        ({"at": [True]}, ["true"], "a paragraph in `at` of the `argmap` object of node 1 must"),
        ({"cites": [{"key": "k", "page": None}]}, ["null"], "locator `page` of a citation"),
        ({"cites": [{"key": "k", "page": " "}]}, ['" "'], "locator `page` of a citation"),
        ({"cites": [{"key": "k", "pgae": "4"}]}, ['"pgae"'], "unknown key `pgae` in a citation"),
        ({"cites": [{"page": "4"}]}, ['"cites"', "{"], "a citation of the `argmap` object of"),
        ({"cites": [{"key": "k", "page": 1, "line": 2}]}, ['"cites"', "{"], "a citation of the"),
        ({"cites": "k"}, ['"k"'], "`cites` of the `argmap` object of node 1 must be a list"),
        ({"ignore": {"AM004": None}}, ["null"], "the reason for ignoring `AM004` in the `argmap`"),
        ({"ignore": {"AM004": 44}}, ["44"], "the reason for ignoring `AM004` in the `argmap`"),
        ({"ignore": ["AM004"]}, ["["], "`ignore` of the `argmap` object of node 1 must map codes"),
        ({"knid": "claim"}, ['"knid"'], "unknown key `knid` in the `argmap` object of node 1"),
        ({"kind": "clam"}, ['"clam"'], "unknown kind `clam` in the `argmap` object of node 1"),
        ({"kind": "evidence", "thesis": True}, ["true"], "node 1 is a evidence; only claims"),
        ({"thesis": "yes"}, ['"yes"'], "`thesis` in the `argmap` object of node 1 must be true"),
        ({"id": "1x"}, ['"1x"'], "bad id `1x` in the `argmap` object of node 1"),
        ({"note": ""}, ['""'], "the note in the `argmap` object of node 1 is empty"),
        ({"note": 5}, ["5"], "the note in the `argmap` object of node 1 must be text"),
        ({"note": "\ud800"}, ['"\\ud800"'], "the note in the `argmap` object of node 1 holds an"),
        ("claim", ['"claim"'], "the `argmap` object of node 1 must be an object"),
    ],
)
def test_argmap_object_of_an_i_node_is_checked(meta: object, path: list[str], message: str) -> None:
    text = one_i_node(meta)
    assert error_at(errors_of(text), message) == where(text, '"argmap"', *path)


def test_argmap_object_as_to_aif_writes_it_imports() -> None:
    meta = {
        "kind": "evidence",
        "id": "E1",
        "note": "A note.",
        "cites": [{"key": "smith2020", "page": 4}, {"key": "jones", "footnote": "2"}],
        "at": [3, 5],
        "ignore": {"AM004": "", "AM007": "a figure from the source"},
    }
    node = parse_aif(one_i_node(meta), file="x.json").map.node("E1")
    assert isinstance(node, Evidence)
    assert node.note == "A note."
    assert [str(c) for c in node.citations] == ["smith2020, p. 4", "jones, n. 2"]
    assert node.at == (3, 5)
    reasons = [(s.code, s.reason) for s in node.ignore]
    assert reasons == [("AM004", ""), ("AM007", "a figure from the source")]
    assert node.citations[1].position.line > node.citations[0].position.line > 1


@pytest.mark.parametrize(
    ("header", "path", "message"),
    [
        ({"unmapped": {"\u00b2": "x"}}, ['"\\u00b2"'], "a paragraph in `unmapped` must be a"),
        ({"unmapped": {"0": "x"}}, ['"0"'], "a paragraph in `unmapped` must be a whole number"),
        ({"unmapped": {"4": None}}, ["null"], "the reason paragraph 4 is unmapped must be text"),
        ({"unmapped": {"4": "x", "04": "y"}}, ['"04"'], "paragraph 4 is in `unmapped` twice"),
        ({"titel": "T"}, ['"titel"'], "unknown key `titel` in the map's `argmap` header"),
        ({"title": 5}, ["5"], "`title` in the map's `argmap` header must be text"),
        ({"expect": {"I1": "maybe"}}, ['"maybe"'], "bad label `maybe` for `I1` in `expect`"),
        ({"expect": {"I9": "in"}}, ['"I9"'], "unknown id `I9` in `expect`"),
        ([], ["["], "the map's `argmap` header must be an object"),
    ],
)
def test_map_header_is_checked(header: object, path: list[str], message: str) -> None:
    text = json.dumps(
        {"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], "edges": [], "argmap": header},
        indent=2,
    )
    assert error_at(errors_of(text), message) == where(text, '"argmap"', *path)


def test_valid_map_header_imports() -> None:
    header = {"title": "T", "unmapped": {"4": "why"}, "expect": {"I1": "IN"}}
    text = json.dumps(
        {"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], "edges": [], "argmap": header}
    )
    argument_map = parse_aif(text, file="x.json").map
    assert argument_map.title == "T"
    assert argument_map.unmapped == {4: "why"}
    assert [(e.node, e.label) for e in argument_map.expected] == [("I1", "in")]


def test_huge_and_deep_json_give_one_located_error() -> None:
    digits = "9" * 5000
    text = '{"nodes": [{"nodeID": ' + digits + ', "type": "I", "text": "x"}], "edges": []}'
    assert errors_of(text) == [(1, 23, "a number of 5000 digits is too long to read")]
    started = time.perf_counter()
    assert errors_of("[" * 50_000 + "]" * 50_000) == [
        (1, 101, "JSON nested more than 100 levels deep")
    ]
    assert time.perf_counter() - started < 5


# -- export and round trips ----------------------------------------------------------------------


def structure(data: dict[str, Any]) -> tuple[dict[str, str], collections.Counter[Any], ...]:
    """The argument structure of AIF data, independent of argmap's importer.

    I-nodes (id -> text); inferences as (premise set, conclusion); attacks as (attacker,
    target), a target RA written as its inferences; rephrases and preferences as (type, from,
    to). S-nodes without both ends, and attacks on attacks, have no place in the structure.
    """
    graph = data.get("AIF", data)
    nodes = {str(n["nodeID"]): n for n in graph["nodes"]}
    edges = list(dict.fromkeys((str(e["fromID"]), str(e["toID"])) for e in graph["edges"]))
    preds: dict[str, list[str]] = collections.defaultdict(list)
    succs: dict[str, list[str]] = collections.defaultdict(list)
    for source, target in edges:
        preds[target].append(source)
        succs[source].append(target)

    def of_type(ids: list[str], kind: str) -> list[str]:
        return [i for i in ids if nodes[i]["type"] == kind]

    texts = {key: node["text"] for key, node in nodes.items() if node["type"] == "I"}
    inferences: collections.Counter[Any] = collections.Counter()
    of_ra: dict[str, list[tuple[frozenset[str], str]]] = {}
    for key, node in nodes.items():
        premises = frozenset(of_type(preds[key], "I"))
        if node["type"] == "RA" and premises and of_type(succs[key], "I"):
            of_ra[key] = [(premises, c) for c in of_type(succs[key], "I")]
            inferences.update(of_ra[key])
    attacks: collections.Counter[Any] = collections.Counter()
    relations: collections.Counter[Any] = collections.Counter()
    for key, node in nodes.items():
        sources = of_type(preds[key], "I")
        if node["type"] == "CA":
            for source in sources:
                attacks.update((source, t) for t in of_type(succs[key], "I"))
                for ra in of_type(succs[key], "RA"):
                    attacks.update((source, inference) for inference in of_ra.get(ra, []))
        elif node["type"] in {"MA", "PA"}:
            relations.update(
                (node["type"], s, t) for s in sources for t in of_type(succs[key], "I")
            )
    return texts, inferences, attacks, relations


def test_export_shape_and_ids() -> None:
    argument_map = read_aif(DATA / "small.json").map
    data = to_aif(argument_map)
    assert set(data) == {"nodes", "edges", "locutions"}
    ids = [node["nodeID"] for node in data["nodes"]]
    assert ids[:7] == ["1", "2", "3", "5", "7", "9", "11"]  # original I-node ids come back
    assert {"4", "6", "8", "10", "12"} <= set(ids)  # and the S-nodes' ids
    assert len(ids) == len(set(ids))
    assert all({"edgeID", "fromID", "toID", "formEdgeID"} == set(e) for e in data["edges"])
    first = data["nodes"][0]
    assert first["type"] == "I"
    assert first["argmap"] == {"kind": "claim", "thesis": True, "note": argument_map.nodes[0].note}
    assert structure(data) == structure(json.loads((DATA / "small.json").read_text()))


def test_xaif_export_shape() -> None:
    argument_map = ArgumentMap(nodes=read_aif(DATA / "ova.json").map.nodes, title="T")
    data = to_aif(argument_map, shape="xaif")
    assert set(data) == {"AIF", "OVA", "text", "argmap"}
    assert data["argmap"] == {"title": "T"}
    assert read_aif(data).map.nodes == argument_map.nodes
    assert read_aif(data).map.title == "T"


def test_dump_is_deterministic_json() -> None:
    argument_map = load(REPO / "arguments")
    text = dump_aif(argument_map)
    assert text == dump_aif(argument_map)
    assert text.endswith("}\n")
    assert json.loads(text) == to_aif(argument_map)


def test_article_map_round_trips_through_aif() -> None:
    argument_map = load(REPO / "arguments")
    back = read_aif(to_aif(argument_map)).map
    assert back.nodes == argument_map.nodes
    assert back.title == argument_map.title
    undercuts = [a for n in back.nodes for a in n.attacks if a.undercut]
    assert undercuts  # the article has undercuts, so the test covers them


def test_native_ids_and_undercut_order_survive(load_map: Any) -> None:
    argument_map = load_map("""\
        nodes:
          T1:
            claim: The thesis.
            thesis: true
            because: [E1 + P1, E2]
          E1: {evidence: One., cites: [{key: k, page: 4}], at: [2]}
          E2: {evidence: Two.}
          P1: {premise: Three.}
          O1:
            objection: Not so.
            undercuts: [T1/2, T1/1]
            attacks: E2
            ignore: {AM008: "answered in the text"}
        """)
    back = read_aif(to_aif(argument_map)).map
    assert back.nodes == argument_map.nodes


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_file_round_trips_and_accounts_for_everything(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8-sig"))
    result = read_aif(path)
    report = result.report
    graph = original.get("AIF", original)
    counts = [*report.kept.items(), *report.set_aside.items()]
    node_total = sum(n for what, n in counts if what.split(" (")[0].endswith(" nodes"))
    assert node_total + report.set_aside.get("duplicate node entries", 0) == len(graph["nodes"])
    edge_total = report.kept.get("edges", 0) + sum(
        report.set_aside.get(what, 0) for what in ("edges", "dialogue edges", "duplicate edges")
    )
    assert edge_total == len(graph["edges"])
    exported = to_aif(result.map)
    assert structure(exported) == structure(original)
    again = read_aif(exported).map
    assert again.nodes == result.map.nodes


@needs_corpus
def test_corpus_walk_imports_every_file_and_checks_it() -> None:
    imported = 0
    codes: collections.Counter[str] = collections.Counter()
    for path in CORPUS_FILES:
        argument_map = read_aif(path).map
        imported += 1
        if argument_map.nodes:  # whether an empty map has a thesis is the rule's business
            codes.update(d.code for d in check(argument_map))
    assert imported == len(CORPUS_FILES) == 142
    assert "AM003" not in codes  # AIF inferences in the corpus form no support cycles
    # no thesis: the 5 relation-free DialAM test inputs and 3 maps linked only by rephrases
    assert codes["AM010"] == 8


@needs_corpus
def test_corpus_undercuts_and_attack_on_attack() -> None:
    undercut = read_aif(CORPUS / "papa" / "rebut_undercut.json").map
    assert [str(a) for n in undercut.nodes for a in n.attacks] == [
        "I4_173158685654602051/1",
        "I9_173158685654602051",
    ]
    report = read_aif(CORPUS / "qt30" / "nodeset23565.json").report
    assert report.set_aside["attacks on attacks (CA on CA)"] == 1


# -- writing the imported map as YAML; dispatch -------------------------------------------------


def test_imported_map_written_as_yaml_loads_back_equal(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for source in (DATA / "small.json", DATA / "ova.json"):
        argument_map = read_aif(source).map
        (tmp_path / source.stem).mkdir()
        target = tmp_path / source.stem / f"{source.stem}.yaml"
        write_yaml(argument_map, target, comment=f"Imported from {source.name}")
        assert load(target).nodes == argument_map.nodes


@needs_corpus
def test_corpus_maps_written_as_yaml_load_back_equal(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for path in CORPUS_FILES:
        argument_map = read_aif(path).map
        target = tmp_path / "map.yaml"
        write_yaml(argument_map, target)
        assert load(target).nodes == argument_map.nodes, path


def test_dispatch_reads_aif_by_content(tmp_path: Path) -> None:
    odd = tmp_path / "graph.txt"
    shutil.copy(DATA / "small.json", odd)
    assert sniff(odd) == "aif"
    assert sniff(DATA / "small.json") == "aif"
    assert import_file(odd).map.nodes == read_aif(DATA / "small.json").map.nodes
    assert load(odd).nodes == read_aif(DATA / "small.json").map.nodes
    assert sniff(REPO / "arguments") == "yaml"


# -- the YAML writer keeps any text exact --------------------------------------------------------

_AWKWARD = st.sampled_from(
    [
        *("\x85", "\u2028", "\u2029", "\ufeff", "\t", "\r", "\n", ": ", " #", "'", '"', "\\"),
        *"-?{}[]&*!|>%@`,~",
        *("yes", "No", "null", "true", "1e3", "0x1F", ".inf"),
    ]
)
_TEXTS = (
    st.lists(
        st.one_of(st.characters(blacklist_categories=("Cs",)), _AWKWARD), min_size=1, max_size=12
    )
    .map("".join)
    .filter(lambda t: bool(t.strip()))
)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, note=_TEXTS, title=_TEXTS)
def test_yaml_writer_round_trips_any_text(
    tmp_path_factory: Any, text: str, note: str, title: str
) -> None:
    folder = tmp_path_factory.mktemp("yaml")
    (folder / ".git").mkdir()
    argument_map = ArgumentMap(
        nodes=(
            Claim(id="yes", text=text, thesis=True, reasons=(Reason(("null",)),), note=note),
            Evidence(id="null", text=note),
        ),
        title=title,
    )
    path = folder / "map.yaml"
    path.write_text(to_yaml(argument_map), encoding="utf-8")
    back = load(path)
    assert back.nodes == argument_map.nodes
    assert back.title == title


def test_import_file_and_export_text(tmp_path: Path) -> None:
    from argmap.interchange.dispatch import EXPORT_FORMATS, export_text

    assert import_file(DATA / "small.json").map.nodes == read_aif(DATA / "small.json").map.nodes
    assert import_file(DATA / "debate.argdown").report.format == "Argdown"
    with pytest.raises(LoadError, match="neither AIF JSON nor Argdown"):
        import_file(REPO / "arguments" / "thesis.yaml")
    argument_map = load(REPO / "arguments")
    assert "../references.bib" in export_text(argument_map, "aif")  # unchanged by default
    for kind in EXPORT_FORMATS:
        text = export_text(argument_map, kind, folder=tmp_path)
        path = tmp_path / f"map.{kind}"
        path.write_text(text, encoding="utf-8")
        if kind != "json":
            assert load(path).nodes == argument_map.nodes, kind


# -- the command line ----------------------------------------------------------------------------


def test_header_survives_aif_and_argdown() -> None:
    from argmap.interchange.argdown import parse_argdown, to_argdown

    argument_map = load(REPO / "arguments")
    for back in (read_aif(to_aif(argument_map)).map, parse_argdown(to_argdown(argument_map)).map):
        assert back.title == argument_map.title
        assert back.bibliography == argument_map.bibliography
        assert back.analysed == argument_map.analysed
        assert back.unmapped == argument_map.unmapped
        assert back.expected == argument_map.expected


def test_cli_import_writes_a_map_that_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    (tmp_path / ".git").mkdir()
    assert main(["import", str(DATA / "small.json"), "-o", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{DATA / 'small.json'}: AIFdb nodeset: kept 7 I nodes")
    assert err == f"wrote {tmp_path / 'out' / 'small.yaml'}\n"
    written = tmp_path / "out" / "small.yaml"
    assert written.read_text().startswith(f"# Imported by argmap from {DATA / 'small.json'}\n")
    assert load(tmp_path / "out").nodes == read_aif(DATA / "small.json").map.nodes
    assert main(["import", str(REPO / "arguments" / "thesis.yaml"), "-o", str(tmp_path)]) == 2
    assert "neither AIF JSON nor Argdown" in capsys.readouterr().err


def test_cli_checks_traces_and_renders_aif_and_argdown_directly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    assert main(["check", str(DATA / "small.json")]) == 1
    out = capsys.readouterr().out
    assert f"{DATA / 'small.json'}:7:5: AM008 unanswered-objection" in out
    assert main(["trace", str(DATA / "small.json"), "I1", "--ascii"]) == 0
    assert "thesis I1: We should build the bridge." in capsys.readouterr().out
    assert main(["render", str(DATA / "debate.argdown"), "-o", str(tmp_path / "m.dot")]) == 0
    assert (tmp_path / "m.dot").read_text().startswith("digraph")
    assert main(["check", str(DATA / "debate.argdown"), "--select", "AM008"]) == 1
    assert "AM008" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["aif", "xaif", "json", "argdown"])
def test_cli_export(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    target = tmp_path / f"article.{kind}"
    assert main(["export", str(REPO / "arguments"), "--to", kind, "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    assert main(["export", str(REPO / "arguments"), "--to", kind]) == 0
    printed = capsys.readouterr().out
    text = target.read_text(encoding="utf-8")
    if kind == "json":
        written, shown = json.loads(text), json.loads(printed)
        assert Path(written.pop("bibliography")).name == shown.pop("bibliography")
        assert written == shown
        return
    original = load(REPO / "arguments")
    back = load(target)  # finds the bibliography through the rewritten path
    assert back.nodes == original.nodes
    assert dict(back.sources) == dict(original.sources)
    assert [d.code for d in check(back)] == [d.code for d in check(original)]
