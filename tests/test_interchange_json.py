"""argmap's own JSON: the output validates against docs/map.schema.json and is deterministic."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import LoadError, load
from argmap.interchange._common import read_json
from argmap.interchange.aif import read_aif
from argmap.interchange.argdown import read_argdown
from argmap.interchange.json import FORMAT, VERSION, parse_map_json, to_data, to_json
from argmap.model import (
    NODE_KINDS,
    ArgumentMap,
    Attack,
    Citation,
    Claim,
    Evidence,
    Expectation,
    Locator,
    LocatorLabel,
    Objection,
    Premise,
    Reason,
    Source,
    Suppression,
)

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


# -- reading argmap JSON back --------------------------------------------------------------------

CORPUS = REPO.parent / "shared" / "corpora"
CORPUS_FILES = (
    sorted([*(CORPUS / "aif").rglob("*.json"), *(CORPUS / "argdown").rglob("*.argdown")])
    if CORPUS.is_dir()
    else []
)
needs_corpus = pytest.mark.skipif(not CORPUS_FILES, reason="shared corpora not present")


def same_map(back: ArgumentMap, original: ArgumentMap) -> bool:
    """Whether a map read from JSON equals the original in all it carries over."""
    return attrs.evolve(back, files=original.files, problems=original.problems, text=None) == (
        attrs.evolve(original, text=None)
    )


def where(text: str, *path: str) -> tuple[int, int]:
    """Return the line and column of the last of ``path``, each found after the one before."""
    offset = -1
    for needle in path:
        offset = text.index(needle, offset + 1)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_article_map_round_trips_through_json() -> None:
    argument_map = load(REPO / "arguments")
    text = to_json(argument_map)
    result = parse_map_json(text, file="article.json")
    back = result.map
    assert same_map(back, argument_map)
    assert back.files == ("article.json",)
    assert (back.title, back.expected, dict(back.sources)) == (
        argument_map.title,
        argument_map.expected,
        dict(argument_map.sources),
    )
    node = back.nodes[3]
    assert node.position.file == "article.json"
    position = where(text, f'"id": "{node.id}"', f'"{node.id}"')
    assert (node.position.line, node.position.column) == position
    reason = next(n for n in back.nodes if n.reasons).reasons[0]
    assert reason.position.line > 1
    assert result.report.summary().startswith("article.json: argmap JSON: kept 78 nodes, ")


def test_recorded_text_and_problems_are_set_aside_not_read() -> None:
    text = REPO.parent / "shared" / "seed" / "000_0a37a20204519f86.txt"
    argument_map = load(REPO / "arguments", text=text) if text.is_file() else None
    if argument_map is None:
        pytest.skip("the seed article's text is not present")
    data = to_data(argument_map)
    data["problems"] = [{"file": "x.bib", "line": 1, "column": 1, "message": "m", "hint": ""}]
    result = parse_map_json(json.dumps(data, indent=2), file="m.json")
    assert result.map.text is None
    assert result.map.problems == ()
    assert result.report.set_aside == {
        "bibliography problems (found again when it is read)": 1,
        "analysed texts (give the text when loading)": 1,
    }
    assert same_map(result.map, argument_map)


def test_imported_maps_round_trip_through_json() -> None:
    for original in (
        read_aif(DATA / "small.json").map,
        read_aif(DATA / "ova.json").map,
        read_argdown(DATA / "debate.argdown").map,
    ):
        back = parse_map_json(to_json(original), file="m.json").map
        assert same_map(back, original)


@needs_corpus
def test_corpus_maps_round_trip_through_json() -> None:
    for path in CORPUS_FILES:
        try:
            original = (read_aif if path.suffix == ".json" else read_argdown)(path).map
        except LoadError:
            continue  # the three malformed Argdown fixtures
        assert same_map(parse_map_json(to_json(original), file="m.json").map, original), path


def test_pipeline_reads_exported_json_and_check_points_into_it(tmp_path: Path) -> None:
    from argmap import check
    from argmap.interchange.dispatch import export_text

    (tmp_path / ".git").mkdir()
    original = load(REPO / "arguments")
    path = tmp_path / "article.json"
    text = export_text(original, "json", folder=tmp_path)
    path.write_text(text, encoding="utf-8")
    back = load(path)
    assert back.nodes == original.nodes
    assert dict(back.sources) == dict(original.sources)
    found = check(back)
    assert [d.code for d in found] == [d.code for d in check(original)]
    for diagnostic in found:
        if diagnostic.node is not None:
            line, _ = where(text, f'"id": "{diagnostic.node}"')
            assert (diagnostic.file, diagnostic.line) == (str(path), line)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
    str.strip
)
_LABELS = st.sampled_from([label.value for label in LocatorLabel])
#: A suppression's reason may be empty (``ignore: {AM004: }`` in YAML).
_REASON = st.text(st.characters(blacklist_categories=("Cs",)), max_size=5)


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    """Draw a map that uses every field argmap JSON holds, its references all resolving."""
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,6}", fullmatch=True),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    reasons = {
        node_id: draw(st.lists(st.lists(st.sampled_from(ids), min_size=1, max_size=3), max_size=2))
        for node_id in ids
    }
    nodes = []
    for node_id in ids:
        kind = draw(st.sampled_from(list(NODE_KINDS)))
        targets = draw(st.lists(st.sampled_from(ids), max_size=2))
        attacks = []
        for target in targets:
            numbers = (
                st.none() | st.integers(1, len(reasons[target])) if reasons[target] else st.none()
            )
            attacks.append(Attack(target, draw(numbers)))
        citations = tuple(
            Citation(key, None if label is None else Locator(LocatorLabel(label), value.strip()))
            for key, label, value in draw(
                st.lists(st.tuples(_TEXT, st.none() | _LABELS, _TEXT), max_size=2)
            )
        )
        codes = draw(st.lists(_TEXT, max_size=2, unique=True))
        nodes.append(
            NODE_KINDS[kind](
                id=node_id,
                text=draw(_TEXT),
                thesis=kind == "claim" and draw(st.booleans()),
                reasons=tuple(Reason(tuple(premises)) for premises in reasons[node_id]),
                attacks=tuple(attacks),
                citations=citations,
                at=tuple(draw(st.lists(st.integers(1, 10**30), max_size=3))),
                note=draw(st.none() | _TEXT),
                ignore=tuple(Suppression(code, draw(_REASON)) for code in codes),
            )
        )
    expected = draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
    sources = draw(
        st.dictionaries(
            _TEXT, st.tuples(_TEXT, st.dictionaries(_TEXT, st.text(max_size=6))), max_size=2
        )
    )
    return ArgumentMap(
        nodes=tuple(nodes),
        sources={
            key: Source(key=key, entry_type=kind, fields=fields)
            for key, (kind, fields) in sources.items()
        },
        title=draw(st.none() | _TEXT),
        bibliography=draw(st.none() | _TEXT),
        analysed=draw(st.none() | _TEXT),
        unmapped=draw(st.dictionaries(st.integers(1, 10**6), _TEXT, max_size=2)),
        expected=tuple(
            Expectation(node, draw(st.sampled_from(["in", "out", "undec"]))) for node in expected
        ),
    )


@settings(max_examples=150, deadline=None)
@given(argument_map=argument_maps())
def test_any_map_round_trips_through_json(argument_map: ArgumentMap) -> None:
    text = to_json(argument_map)
    validate(json.loads(text))
    back = parse_map_json(text, file="m.json").map
    assert back == attrs.evolve(argument_map, files=("m.json",))


def small_map() -> ArgumentMap:
    return ArgumentMap(
        nodes=(
            Claim(id="T", text="The thesis.", thesis=True, reasons=(Reason(("E", "P")),)),
            Evidence(
                id="E",
                text="A figure.",
                citations=(Citation("smith", Locator(LocatorLabel.PAGE, "4")),),
                at=(2,),
                ignore=(Suppression("AM007", "the source says so"),),
            ),
            Premise(id="P", text="A premise.", note="From theory."),
            Objection(id="O", text="An objection.", attacks=(Attack("T", 1),)),
        ),
        title="A map",
        unmapped={3: "a road map"},
        expected=(Expectation("T", "out"),),
    )


def map_errors(data: Any) -> tuple[str, list[tuple[int, int, str]]]:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    with pytest.raises(LoadError) as caught:
        parse_map_json(text, file="m.json")
    assert all(error.file == "m.json" for error in caught.value.errors)
    return text, [(e.line, e.column, e.message) for e in caught.value.errors]


def node_of(data: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(node for node in data["nodes"] if node["id"] == node_id)


_ERRORS: list[tuple[str, Any, list[str], str]] = [
    ("bad id", lambda d: node_of(d, "P").update(id="1P"), ['"1P"'], "bad id `1P`"),
    (
        "empty text",
        lambda d: node_of(d, "P").update(text=" "),
        ['" "'],
        "`text` of node `P` is empty",
    ),
    (
        "unknown key",
        lambda d: node_of(d, "P").update(txet="x"),
        ['"txet"'],
        "unknown key `txet` in a node",
    ),
    (
        "unknown kind",
        lambda d: node_of(d, "P").update(kind="premis"),
        ['"premis"'],
        "unknown kind `premis` of node `P`",
    ),
    (
        "thesis on evidence",
        lambda d: node_of(d, "E").update(thesis=True),
        ['"id": "E"', "true"],
        "node `E` is a evidence; only claims",
    ),
    (
        "at zero",
        lambda d: node_of(d, "E").update(at=[0]),
        ['"at"', "0"],
        "a paragraph in `at` of node `E` must be",
    ),
    (
        "at negative",
        lambda d: node_of(d, "E").update(at=[-5]),
        ["-5"],
        "a paragraph in `at` of node `E` must be",
    ),
    (
        "locator label",
        lambda d: node_of(d, "E")["citations"][0]["locator"].update(label="pgae"),
        ['"pgae"'],
        "bad locator label `pgae`",
    ),
    (
        "locator value",
        lambda d: node_of(d, "E")["citations"][0]["locator"].update(value=None),
        ['"value"', "null"],
        "the locator of a citation of node `E` has no value",
    ),
    (
        "citation key",
        lambda d: node_of(d, "E")["citations"][0].update(key=""),
        ['"key"', '""'],
        "`key` of a citation of node `E` is empty",
    ),
    (
        "ignore reason",
        lambda d: node_of(d, "E")["ignore"][0].update(reason=None),
        ['"reason"', "null"],
        "the reason for ignoring `AM007` in node `E` must be text",
    ),
    (
        "ignore twice",
        lambda d: node_of(d, "E")["ignore"].append(dict(node_of(d, "E")["ignore"][0])),
        ['"code"', '"code"', '"AM007"'],
        "node `E` ignores `AM007` twice",
    ),
    (
        "unknown premise",
        lambda d: node_of(d, "T")["reasons"][0].update(premises=["E", "Q"]),
        ['"Q"'],
        "unknown id `Q` in a reason of node `T`",
    ),
    (
        "no premises",
        lambda d: node_of(d, "T")["reasons"][0].update(premises=[]),
        ['"premises"', "[]"],
        "`premises` of a reason of node `T` must list ids",
    ),
    (
        "linked",
        lambda d: node_of(d, "T")["reasons"][0].update(linked=False),
        ["false"],
        "`linked` of a reason of node `T` is false",
    ),
    (
        "undercut",
        lambda d: node_of(d, "O")["attacks"][0].update(reason=2),
        ['"target"', '"T"'],
        "bad reason reference `T/2`",
    ),
    (
        "undercut flag",
        lambda d: node_of(d, "O")["attacks"][0].update(undercut=False),
        ['"undercut"', "false"],
        "`undercut` of an attack of node `O`",
    ),
    (
        "attack target",
        lambda d: node_of(d, "O")["attacks"][0].update(target="X"),
        ['"X"'],
        "unknown id `X` in an attack of node `O`",
    ),
    (
        "duplicate id",
        lambda d: node_of(d, "P").update(id="E"),
        ['"id": "E"', '"id": "E"', '"E"'],
        "duplicate id `E` (first at m.json:",
    ),
    (
        "unmapped digit",
        lambda d: d.update(unmapped={"\u00b2": "x"}),
        ['"\u00b2"'],
        "a paragraph in `unmapped` must be a whole number",
    ),
    ("title", lambda d: d.update(title=""), ['""'], "`title` is empty"),
    (
        "header key",
        lambda d: d.update(titel="T"),
        ['"titel"'],
        "unknown key `titel` in the map",
    ),
    (
        "expected node",
        lambda d: d["expected"][0].update(node="X"),
        ['"X"'],
        "unknown id `X` in `expected`",
    ),
    (
        "expected label",
        lambda d: d["expected"][0].update(label="maybe"),
        ['"maybe"'],
        "bad label `maybe` in an entry of `expected`",
    ),
    (
        "version",
        lambda d: d.update(version=2),
        ['"version": 2', "2"],
        "argmap JSON version 2 is newer",
    ),
    (
        "format",
        lambda d: d.update(format="aif"),
        ['"aif"'],
        'not argmap JSON: `format` must be "argmap"',
    ),
    (
        "surrogate",
        lambda d: node_of(d, "P").update(note="\ud800"),
        ['"\ud800"'],
        "the note of node `P` holds an unpaired surrogate",
    ),
    (
        "source field",
        lambda d: d["sources"].update(k={"key": "k", "entry_type": "book", "fields": {"title": 5}}),
        ['"title": 5', "5"],
        "`fields` of source `k` must map field names to text",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "message"), [e[1:] for e in _ERRORS], ids=[e[0] for e in _ERRORS]
)
def test_argmap_json_is_checked_as_strictly_as_yaml(
    mutate: Any, path: list[str], message: str
) -> None:
    data = to_data(small_map())
    mutate(data)
    text, found = map_errors(data)
    matching = [(line, column) for line, column, got in found if got.startswith(message)]
    assert len(matching) == 1, found
    assert matching[0] == where(text, *path), found


def test_missing_text_is_reported_at_the_node() -> None:
    data = to_data(small_map())
    node_of(data, "P").pop("text")
    text, found = map_errors(data)
    line, _ = where(text, '"id": "P"')
    assert (line - 1, 5, "node `P` has no `text`") in found


def test_duplicate_keys_in_argmap_json_are_errors() -> None:
    text = to_json(small_map()).replace('"title": "A map",', '"title": "A map", "title": "B",')
    with pytest.raises(LoadError) as caught:
        parse_map_json(text, file="m.json")
    (error,) = caught.value.errors
    assert (error.line, error.column) == where(text, '"title"', '"title"')
    first = where(text, '"title"')
    assert error.message == f"duplicate key `title` (first at line {first[0]}, column {first[1]})"


def test_huge_numbers_and_deep_nesting_are_one_located_error() -> None:
    text = to_json(small_map()).replace('"at": [\n        2', '"at": [\n        ' + "9" * 5000)
    with pytest.raises(LoadError) as caught:
        parse_map_json(text, file="m.json")
    (error,) = caught.value.errors
    assert (error.line, error.column) == where(text, "9999")
    assert error.message == "a number of 5000 digits is too long to read"
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        parse_map_json('{"nodes": ' + "[" * 50_000 + "]" * 50_000 + "}", file="m.json")
    assert time.perf_counter() - started < 5
    (error,) = caught.value.errors
    assert (error.line, error.column, error.message) == (
        1,
        110,
        "JSON nested more than 100 levels deep",
    )


def test_a_valid_map_reads_without_recorded_positions() -> None:
    data = to_data(small_map())
    for node in data["nodes"]:
        for key in (
            "position",
            "thesis",
            "reasons",
            "attacks",
            "citations",
            "at",
            "note",
            "ignore",
        ):
            if key in node and not node[key]:
                del node[key]
    for key in ("files", "position", "problems", "text", "sources", "title"):
        data.pop(key)
    back = parse_map_json(json.dumps(data), file="m.json").map
    assert back.nodes == small_map().nodes
    assert back.expected == small_map().expected


# -- the JSON reader matches json.loads ----------------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(blacklist_categories=("Cs",))),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON, indent=st.none() | st.integers(0, 3), ascii_only=st.booleans())
def test_read_json_reads_what_json_loads_reads(
    value: Any, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    data, _, duplicates = read_json(text, "v.json", hint="")
    assert data == json.loads(text)
    assert duplicates == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from(list('{}[],:" \n0123456789-.eE+truefalsnNIfy\\u')), max_size=20)
)
def test_read_json_refuses_what_json_loads_refuses(text: str) -> None:
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as exc:
        with pytest.raises(LoadError) as caught:
            read_json(text, "v.json", hint="")
        (error,) = caught.value.errors
        assert (error.line, error.column, error.message) == (
            exc.lineno,
            exc.colno,
            f"not valid JSON: {exc.msg}",
        )
        return
    except (ValueError, RecursionError):
        return
    data, _, _ = read_json(text, "v.json", hint="")
    assert json.dumps(data) == json.dumps(expected)  # NaN is not equal to itself
