"""Map discovery: which files form which map, checked on trees built in tmp_path."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError, MapError
from argmap.loading import discover as discover_module
from argmap.loading.discover import Discovery, MapFiles, classify, discover, map_containing

REPO = Path(__file__).resolve().parents[2]

HEADER = "map:\n  title: A map\n"
NODES = "nodes:\n  T1:\n    claim: A thesis.\n    thesis: true\n"
WORKFLOW = """\
name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "nodes: not a map"
"""
COMPOSE = """\
services:
  web:
    image: nginx
    command: >
      map: this is a folded string
volumes:
  data: {}
"""
AIF = json.dumps({"nodes": [{"nodeID": "1", "text": "A claim.", "type": "I"}], "edges": []})
XAIF = json.dumps({"AIF": {"nodes": [], "edges": []}, "OVA": {}, "text": ""})
ARGMAP_JSON = json.dumps({"format": "argmap", "version": 1, "nodes": []})


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write ``path -> text`` files under tmp_path (a project root), and work from there."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return write


def shape(found: Discovery) -> list[tuple[str, list[str]]]:
    """Each map as its root and its files, as strings, in the order discovery gives them."""
    return [(str(spec.root), [str(file) for file in spec.files]) for spec in found.maps]


# -- which files are map files -------------------------------------------------------------------


def oracle(data: bytes) -> str | None:
    """What PyYAML says: the kind by the top-level keys, or "error"."""
    try:
        value = yaml.safe_load(data)
    except Exception:  # noqa: BLE001 - constructors raise many kinds
        return "error"
    if not isinstance(value, dict):
        return None
    if "map" in value:
        return "yaml-header"
    return "yaml" if "nodes" in value else None


YAML_CASES = [
    (HEADER + NODES, "yaml-header"),
    (NODES, "yaml"),
    (NODES + HEADER, "yaml-header"),
    ("\ufeff" + NODES, "yaml"),
    ("# a comment\n\n---\n" + NODES, "yaml"),
    ("--- # start\nmap: {}\n", "yaml-header"),
    ('"nodes": {}\n', "yaml"),
    ("'map': {}\n", "yaml-header"),
    ("nodes  : {}\n", "yaml"),
    ("{nodes: {T1: {claim: a}}}\n", "yaml"),
    ('{"map": {}, "nodes": {}}', "yaml-header"),
    ("{a: 1,\nnodes: 2}\n", "yaml"),
    (WORKFLOW, None),
    (COMPOSE, None),
    ("text: |\n  nodes: x\nother: 1\n", None),
    ("text: >\n  map: x\n\n  more\nnodes: {}\n", "yaml"),
    ("a: |\nnodes: x\n", "yaml"),
    ('text: "a\nnodes: b"\n', None),
    ("text: 'a\nmap: b'\n", None),
    ("list: [a,\nnodes: b]\n", None),
    ('nodes: {}\ntext: "x\nmap: y"\n', "yaml"),
    ("foo: 'it''s'\nmap: 1\n", "yaml-header"),
    ("key with spaces: 1\nnodes: 2\n", "yaml"),
    ("  nodes:\n    a: 1\n", "yaml"),
    ("- nodes: 1\n", None),
    ("nodes:x\n", None),
    ("nodes\n", None),
    ("? nodes\n: 1\n", "yaml"),
    ("&a nodes: 1\n", "yaml"),
    ("!!str map: 1\n", "yaml-header"),
    ("base: &b {nodes: 1}\n<<: *b\n", "yaml"),
    ("base: &b map\n*b : 1\n", "yaml-header"),
    ("%YAML 1.1\n---\nnodes: {}\n", "yaml"),
    ("--- !!map\nnodes: 1\n", "yaml"),
    ("--- !!set\n? nodes\n", None),
    ("a: 1\r\nnodes: 2\r\n", "yaml"),
    ("a: 1\rnodes: 2\r", "yaml"),
    ("a: x\u2028nodes: y\n", "yaml"),
    ("a: 1\n...\n", None),
    ("", None),
    ("# only a comment\n", None),
    ("---\n", None),
    ("nodes: # comment\n  T1: {claim: a}\n", "yaml"),
    ("title: x # nodes: y\n", None),
    # Not YAML: a map file only when a nodes/map key is recognisable at the top level.
    ("nodes: 1\n---\nfoo: 2\n", "yaml"),
    ("nodes:\n\tT1: x\n", "yaml"),
    ("map: [\n", "yaml-header"),
    ("foo: [\n", None),
    ("foo: bar: baz\n", None),
    ("{nodes: [1, 2\n", "yaml"),
    ("nodes: ok\nbad: \x01\n", "yaml"),
    ("x: \xff\n", None),
]


@pytest.mark.parametrize(("text", "expected"), YAML_CASES)
def test_yaml_map_files_are_told_as_pyyaml_reads_them(text: str, expected: str | None) -> None:
    data = text.encode("utf-8", "surrogateescape") if "\xff" not in text else b"x: \xff\n"
    assert classify("map.yaml", data) == expected
    truth = oracle(data)
    if truth != "error":
        assert expected == truth


def test_big_maps_are_told_from_their_bytes_without_pyyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(yaml, "parse", refuse)
    monkeypatch.setattr(yaml, "load", refuse)
    body = "".join(f"  N{n}:\n    claim: 'Claim {n}: \"quoted\" [x] {{y}}'\n" for n in range(5000))
    assert classify("big.yaml", ("nodes:\n" + body).encode()) == "yaml"
    assert classify("big.yaml", (HEADER + "nodes:\n" + body).encode()) == "yaml-header"
    assert classify("ci.yml", WORKFLOW.encode()) is None


FRAGMENTS = [
    "nodes:",
    "map:",
    "nodes: {}",
    "map: x",
    "  nodes: 1",
    "title: x",
    "text: |",
    "text: >-",
    "  nodes: inside a block",
    "map: inside?",
    '"nodes": 1',
    "'map': 2",
    'q: "open',
    'close"',
    "q: 'open",
    "close'",
    "f: [a,",
    "b]",
    "g: {a: 1,",
    "}",
    "---",
    "...",
    "# comment",
    "",
    "- item",
    "? nodes",
    ": v",
    "&a nodes: 1",
    "*a : 2",
    "<<: {nodes: 1}",
    "{nodes: 1}",
    "%YAML 1.1",
    "\tx: 1",
    "key: value # nodes:",
    "nodes:x",
    "map :",
    "  - nested",
    "a: b: c",
    "!!str nodes: 1",
]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    lines=st.lists(st.sampled_from(FRAGMENTS), max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_yaml_classification_agrees_with_pyyaml(lines: list[str], newline: str, bom: bool) -> None:
    data = (("\ufeff" if bom else "") + newline.join(lines)).encode()
    found = classify("map.yaml", data)
    truth = oracle(data)
    if truth == "error":
        assert found is None or b"nodes" in data or b"map" in data
    else:
        assert found == truth


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("aif.json", AIF, "aif"),
        ("ova.json", XAIF, "aif"),
        ("map.json", ARGMAP_JSON, "json"),
        ("package.json", '{"name": "x", "dependencies": {"nodes": "1.0"}}', None),
        ("data.json", '{"graph": {"nodes": [1, 2]}}', None),
        ("list.json", "[1, 2, 3]", None),
        ("broken.json", '{"nodes": [', "aif"),
        ("broken-argmap.json", '{"format": "argmap", ', "json"),
        ("broken-other.json", '{"format": "other", ', None),
        ("debate.argdown", "", "argdown"),
        ("debate.AD", "anything", "argdown"),
        ("map.txt", NODES, "yaml"),
        ("header.txt", HEADER, "yaml-header"),
        ("aif.txt", AIF, "aif"),
        ("debate.txt", "[Thesis]: It holds.\n  + <Reason>: Because.\n", "argdown"),
        ("notes.txt", "Just some notes.\n", None),
        ("README", "", None),
    ],
)
def test_other_formats_are_told_by_suffix_then_content(
    name: str, text: str, expected: str | None
) -> None:
    assert classify(name, text.encode()) == expected


def test_big_json_without_map_keys_up_front_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(discover_module.json, "loads", refuse)
    data = b'{"padding": "' + b"x" * 70_000 + b'", "nodes": []}'
    assert classify("big.json", data) is None


# -- which map files form which map --------------------------------------------------------------


def test_sibling_folders_sharing_ids_are_two_maps(tree) -> None:
    tree({"a/one.yaml": NODES, "b/one.yaml": NODES})
    assert shape(discover(["."])) == [("a", ["a/one.yaml"]), ("b", ["b/one.yaml"])]


def test_headerless_files_form_one_map_per_folder(tree) -> None:
    tree({"x/a.yaml": NODES, "x/b.yml": NODES, "x/sub/c.yaml": NODES})
    found = discover(["x"])
    assert shape(found) == [("x", ["x/a.yaml", "x/b.yml"]), ("x/sub", ["x/sub/c.yaml"])]
    assert [spec.header for spec in found.maps] == [None, None]
    assert {spec.format for spec in found.maps} == {"yaml"}


def test_a_header_roots_its_folder_and_every_subfolder(tree) -> None:
    tree({"m/head.yaml": HEADER, "m/a.yaml": NODES, "m/sub/b.yaml": NODES, "m/sub/d/c.yaml": NODES})
    found = discover(["m"])
    assert shape(found) == [
        ("m", ["m/a.yaml", "m/head.yaml", "m/sub/b.yaml", "m/sub/d/c.yaml"]),
    ]
    assert found.maps[0].header == Path("m/head.yaml")


def test_a_nested_header_roots_its_own_map(tree) -> None:
    tree(
        {
            "outer/head.yaml": HEADER,
            "outer/a.yaml": NODES,
            "outer/inner/head.yaml": HEADER,
            "outer/inner/b.yaml": NODES,
            "outer/inner/deep/c.yaml": NODES,
        }
    )
    found = discover(["outer"])
    assert shape(found) == [
        ("outer", ["outer/a.yaml", "outer/head.yaml"]),
        (
            "outer/inner",
            ["outer/inner/b.yaml", "outer/inner/deep/c.yaml", "outer/inner/head.yaml"],
        ),
    ]
    assert [str(spec.header) for spec in found.maps] == [
        "outer/head.yaml",
        "outer/inner/head.yaml",
    ]


def test_other_yaml_is_never_a_map(tree) -> None:
    tree(
        {
            ".github/workflows/ci.yml": WORKFLOW,
            "workflows/ci.yml": WORKFLOW,
            "docker-compose.yml": COMPOSE,
            "maps/a.yaml": NODES,
            "maps/settings.yaml": "title: not a map\n",
        }
    )
    found = discover(["."])
    assert shape(found) == [("maps", ["maps/a.yaml"])]
    assert found.errors == ()


def test_json_and_argdown_files_are_maps_of_their_own(tree) -> None:
    tree(
        {
            "x/aif.json": AIF,
            "x/ova.json": XAIF,
            "x/map.json": ARGMAP_JSON,
            "x/debate.argdown": "[T]: A thesis.\n",
            "x/package.json": '{"name": "x"}',
            "x/a.yaml": NODES,
        }
    )
    found = discover(["x"])
    assert [(str(s.root), s.format, len(s.files)) for s in found.maps] == [
        ("x", "yaml", 1),
        ("x/aif.json", "aif", 1),
        ("x/debate.argdown", "argdown", 1),
        ("x/map.json", "json", 1),
        ("x/ova.json", "aif", 1),
    ]
    assert found.errors == ()  # package.json is passed over when walking


def test_a_header_search_stops_at_the_project_root(tree) -> None:
    tree({"head.yaml": HEADER, "proj/pyproject.toml": "", "proj/maps/a.yaml": NODES})
    assert shape(discover(["proj/maps/a.yaml"])) == [("proj/maps", ["proj/maps/a.yaml"])]
    assert shape(discover(["head.yaml"]))[0][1] == ["head.yaml"]


# -- named files and folders ---------------------------------------------------------------------


def test_a_named_file_gives_its_whole_map(tree) -> None:
    tree(
        {
            "m/head.yaml": HEADER,
            "m/a.yaml": NODES,
            "m/sub/b.yaml": NODES,
            "x/a.yaml": NODES,
            "x/b.yaml": NODES,
        }
    )
    whole = [("m", ["m/a.yaml", "m/head.yaml", "m/sub/b.yaml"])]
    assert shape(discover(["m/a.yaml"])) == whole
    assert shape(discover(["m/sub/b.yaml"])) == whole
    assert shape(discover(["m/head.yaml"])) == whole
    assert shape(discover(["x/b.yaml"])) == [("x", ["x/a.yaml", "x/b.yaml"])]


def test_a_folder_inside_a_header_map_gives_the_outer_map(tree) -> None:
    tree({"m/head.yaml": HEADER, "m/a.yaml": NODES, "m/sub/b.yaml": NODES})
    assert shape(discover(["m/sub"])) == [("m", ["m/a.yaml", "m/head.yaml", "m/sub/b.yaml"])]


def test_a_map_named_several_ways_is_listed_once(tree) -> None:
    root = tree({"m/head.yaml": HEADER, "m/a.yaml": NODES, "m/sub/b.yaml": NODES})
    found = discover(["m/a.yaml", "m/sub/b.yaml", "m", "./m/", "m/sub", str(root / "m/a.yaml")])
    assert shape(found) == [("m", ["m/a.yaml", "m/head.yaml", "m/sub/b.yaml"])]


def test_paths_are_lexical_as_given(tree) -> None:
    root = tree({"m/head.yaml": HEADER, "m/a.yaml": NODES})
    assert shape(discover(["./m/../m/a.yaml"])) == [("m", ["m/a.yaml", "m/head.yaml"])]
    absolute = discover([root / "m"])
    assert absolute.maps[0].root == root / "m"
    assert absolute.maps[0].files == (root / "m/a.yaml", root / "m/head.yaml")
    os.chdir(root / "m")
    assert shape(discover(["a.yaml"])) == [(".", ["a.yaml", "head.yaml"])]
    assert discover("a.yaml") == discover(["a.yaml"])  # one path alone is a list of one


def test_a_missing_path_is_an_error(tree) -> None:
    tree({})
    found = discover(["nowhere/map.yaml"])
    assert found.maps == ()
    assert found.errors == (
        MapError(
            "nowhere/map.yaml", 1, 1, "no such file or folder `nowhere/map.yaml`", "check the path"
        ),
    )


def test_named_files_that_are_no_maps_are_errors(tree) -> None:
    tree(
        {
            "package.json": '{"name": "x"}',
            "docker-compose.yml": COMPOSE,
            "notes.txt": "Notes.\n",
            "map.txt": NODES,
        }
    )
    found = discover(["package.json", "docker-compose.yml", "notes.txt", "map.txt"])
    assert shape(found) == [(".", ["map.txt"])]
    assert [(e.file, e.line, e.column) for e in found.errors] == [
        ("docker-compose.yml", 1, 1),
        ("notes.txt", 1, 1),
        ("package.json", 1, 1),
    ]
    assert all(e.message.startswith("not a map: ") and e.hint for e in found.errors)


def test_a_named_yaml_file_that_is_no_map_is_read_once_and_says_why(tree) -> None:
    root = tree({"typo.yaml": "nodez:\n  C1: {claim: x}\n", "ci.yml": WORKFLOW})
    os.mkfifo(root / "pipe.yaml")
    threading.Thread(
        target=lambda: (root / "pipe.yaml").write_text("on: push\n"), daemon=True
    ).start()
    reads: Counter[str] = Counter()

    def contents(path: Path) -> bytes:
        reads[str(path)] += 1
        return path.read_bytes()

    found = _in_time(lambda: discover(["typo.yaml", "ci.yml", "pipe.yaml"], contents=contents))
    assert reads == {"typo.yaml": 1, "ci.yml": 1, "pipe.yaml": 1}
    hints = {error.file: error.hint for error in found.errors}
    assert hints["typo.yaml"] == "`nodez` is no map key; did you mean `nodes`?"
    assert hints["ci.yml"].startswith("a map file has `nodes:`")
    assert hints["pipe.yaml"].startswith("a map file has `nodes:`")


def test_map_containing_gives_one_files_map(tree) -> None:
    tree({"m/head.yaml": HEADER, "m/a.yaml": NODES, "other.yaml": "a: 1\n"})
    found = map_containing("m/a.yaml")
    assert found == MapFiles(
        Path("m"), (Path("m/a.yaml"), Path("m/head.yaml")), "yaml", Path("m/head.yaml")
    )
    assert map_containing("other.yaml") is None
    assert map_containing("missing.yaml") is None


# -- patterns ------------------------------------------------------------------------------------


def test_gitignore_is_respected_as_git_does(tree) -> None:
    root = tree(
        {
            ".gitignore": "ignored.yaml\n*.yml\n!kept.yml\nscratch/\n",
            "m/ignored.yaml": NODES,
            "m/a.yaml": NODES,
            "m/b.yml": NODES,
            "m/kept.yml": NODES,
            "m/scratch/c.yaml": NODES,
            "m/sub/.gitignore": "local.yaml\n",
            "m/sub/local.yaml": NODES,
            "m/sub/d.yaml": NODES,
            "local.yaml": NODES,
            "info.yaml": NODES,
        }
    )
    (root / ".git/info").mkdir(parents=True)
    (root / ".git/info/exclude").write_text("info.yaml\n")
    assert shape(discover(["."])) == [
        (".", ["local.yaml"]),
        ("m", ["m/a.yaml", "m/kept.yml"]),
        ("m/sub", ["m/sub/d.yaml"]),
    ]
    everything = shape(discover(["."], respect_gitignore=False))
    assert sum(len(files) for _, files in everything) == 9


def test_exclude_and_include_are_relative_to_the_base(tree) -> None:
    root = tree(
        {
            "proj/pyproject.toml": "",
            "proj/maps/a.yaml": NODES,
            "proj/maps/drafts/b.yaml": NODES,
            "proj/other/c.yaml": NODES,
        }
    )
    base = root / "proj"
    assert shape(discover(["proj"], exclude=["maps/drafts/"], base=base)) == [
        ("proj/maps", ["proj/maps/a.yaml"]),
        ("proj/other", ["proj/other/c.yaml"]),
    ]
    assert shape(discover(["proj"], include=["maps/"], base=base)) == [
        ("proj/maps", ["proj/maps/a.yaml"]),
        ("proj/maps/drafts", ["proj/maps/drafts/b.yaml"]),
    ]
    # Walking reads map suffixes only, whatever include says; naming the file reads it.
    (root / "proj/maps/notes.txt").write_text(NODES)
    assert discover(["proj"], include=["*.txt"], base=base).maps == ()
    assert len(discover(["proj/maps/notes.txt"]).maps) == 1
    # Relative to another base, the same patterns match nothing.
    assert len(discover(["proj"], exclude=["maps/drafts/"], base=root).maps) == 3


def test_a_named_path_is_considered_even_when_excluded(tree) -> None:
    root = tree(
        {
            ".gitignore": "secret.yaml\n",
            "maps/a.yaml": NODES,
            "maps/drafts/b.yaml": NODES,
            "maps/secret.yaml": NODES,
            "build/maps/c.yaml": NODES,
        }
    )
    assert shape(discover(["maps/drafts/b.yaml"], exclude=["drafts/"], base=root)) == [
        ("maps/drafts", ["maps/drafts/b.yaml"]),
    ]
    assert shape(discover(["maps/drafts"], exclude=["drafts/"], base=root)) == [
        ("maps/drafts", ["maps/drafts/b.yaml"]),
    ]
    assert shape(discover(["maps/secret.yaml"])) == [("maps", ["maps/a.yaml", "maps/secret.yaml"])]
    assert shape(discover(["build/maps"], exclude=["build/"], base=root)) == [
        ("build/maps", ["build/maps/c.yaml"]),
    ]
    assert shape(discover(["."])) == [
        ("maps", ["maps/a.yaml"]),
        ("maps/drafts", ["maps/drafts/b.yaml"]),
    ]


def test_hidden_and_default_excluded_folders_are_not_walked(tree) -> None:
    tree(
        {
            ".hidden/a.yaml": NODES,
            "node_modules/b.yaml": NODES,
            "m/.venv/c.yaml": NODES,
            "m/__pycache__/d.yaml": NODES,
            "m/.e.yaml": NODES,
            "m/f.yaml": NODES,
        }
    )
    assert shape(discover(["."])) == [("m", ["m/f.yaml"])]


# -- hostile input -------------------------------------------------------------------------------


def test_symlinked_folders_are_not_followed(tree) -> None:
    root = tree({"real/a.yaml": NODES, "m/b.yaml": NODES})
    (root / "m/link").symlink_to(root / "real", target_is_directory=True)
    found = discover(["m"])
    assert shape(found) == [("m", ["m/b.yaml"])]
    assert found.skipped == ((Path("m/link"), "symlinked folder, not followed"),)


def test_symlinked_files_are_followed_only_inside_the_walked_folder(tree, tmp_path_factory) -> None:
    root = tree({"m/b.yaml": NODES, "m/real/c.yaml": NODES})
    outside = tmp_path_factory.mktemp("outside") / "x.yaml"
    outside.write_text(NODES)
    (root / "m/out.yaml").symlink_to(outside)
    (root / "m/in.yaml").symlink_to(root / "m/real/c.yaml")
    found = discover(["m"])
    assert shape(found) == [("m", ["m/b.yaml", "m/in.yaml"]), ("m/real", ["m/real/c.yaml"])]
    assert [(str(path), reason) for path, reason in found.skipped] == [
        ("m/out.yaml", "symlink to a file outside `m`, not followed"),
    ]
    assert shape(discover(["m/out.yaml"]))[0][1] == ["m/b.yaml", "m/in.yaml", "m/out.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders of mode 000")
def test_an_unreadable_folder_is_an_error(tree) -> None:
    root = tree({"m/a.yaml": NODES, "locked/b.yaml": NODES})
    (root / "locked").chmod(0)
    try:
        found = discover(["."])
    finally:
        (root / "locked").chmod(0o755)
    assert shape(found) == [("m", ["m/a.yaml"])]
    assert [(e.file, e.message) for e in found.errors] == [
        ("locked", "cannot read folder `locked`: permission denied"),
    ]


def test_a_folder_that_cannot_be_listed_is_an_error(tree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tree({"m/a.yaml": NODES, "locked/b.yaml": NODES})
    real_scandir = os.scandir

    def scandir(path: str):
        if path == str(root / "locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    found = discover(["."])
    assert shape(found) == [("m", ["m/a.yaml"])]
    assert found.errors == (
        MapError(
            "locked",
            1,
            1,
            "cannot read folder `locked`: permission denied",
            "check its permissions, or exclude it",
        ),
    )


def test_an_unreadable_file_is_an_error(tree) -> None:
    tree({"m/a.yaml": NODES, "m/b.yaml": NODES})

    def contents(path: Path) -> bytes:
        if path.name == "b.yaml":
            raise LoadError([MapError(str(path), 1, 1, f"cannot read `{path}`: denied", "fix")])
        return path.read_bytes()

    found = discover(["m"], contents=contents)
    assert shape(found) == [("m", ["m/a.yaml"])]
    assert [e.message for e in found.errors] == ["cannot read `m/b.yaml`: denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files of mode 000")
def test_a_file_of_mode_000_is_an_error(tree) -> None:
    root = tree({"m/a.yaml": NODES})
    (root / "m/a.yaml").chmod(0)
    found = discover(["m"])
    assert found.maps == ()
    assert [(e.file, e.message) for e in found.errors] == [
        ("m/a.yaml", "cannot read `m/a.yaml`: permission denied"),
    ]


def _in_time(run, seconds: float = 10):
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(run()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "discovery blocked"
    return result[0]


def test_a_fifo_is_not_opened_while_walking(tree) -> None:
    root = tree({"m/a.yaml": NODES})
    os.mkfifo(root / "m/pipe.yaml")
    found = _in_time(lambda: discover(["m"]))
    assert shape(found) == [("m", ["m/a.yaml"])]
    assert [str(path) for path, _ in found.skipped] == ["m/pipe.yaml"]
    assert "not opened" in found.skipped[0][1]


def test_a_named_fifo_is_read_once_through_contents(tree) -> None:
    root = tree({})
    os.mkfifo(root / "pipe")
    threading.Thread(target=lambda: (root / "pipe").write_text(NODES), daemon=True).start()
    reads: Counter[str] = Counter()

    def contents(path: Path) -> bytes:
        reads[str(path)] += 1
        return path.read_bytes()

    found = _in_time(lambda: discover(["pipe"], contents=contents))
    assert found.maps == (MapFiles(Path("pipe"), (Path("pipe"),), "yaml"),)
    assert reads == {"pipe": 1}


# -- contents ------------------------------------------------------------------------------------


def test_files_are_read_only_through_contents_and_at_most_once(tree) -> None:
    tree(
        {
            ".gitignore": "ignored.yaml\n",
            "m/head.yaml": "{}\n",  # on disk no map; the callback's text says otherwise
            "m/a.yaml": NODES,
            "m/sub/b.yaml": NODES,
            "m/ignored.yaml": NODES,
            "m/aif.json": AIF,
            "m/debate.argdown": "[T]: x\n",
        }
    )
    reads: Counter[str] = Counter()

    def contents(path: Path) -> bytes:
        reads[str(path)] += 1
        return HEADER.encode() if path.name == "head.yaml" else path.read_bytes()

    found = discover(["m/a.yaml", "m", "m/sub/b.yaml", "m/head.yaml"], contents=contents)
    assert shape(found) == [
        ("m", ["m/a.yaml", "m/head.yaml", "m/sub/b.yaml"]),
        ("m/aif.json", ["m/aif.json"]),
        ("m/debate.argdown", ["m/debate.argdown"]),
    ]
    assert found.maps[0].header == Path("m/head.yaml")
    assert set(reads.values()) == {1}
    assert set(reads) == {".gitignore", "m/a.yaml", "m/head.yaml", "m/sub/b.yaml", "m/aif.json"}


# -- this repository -----------------------------------------------------------------------------


def test_the_repositorys_arguments_folder_is_one_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    headers = [
        path
        for path in sorted(Path("arguments").glob("*.yaml"))
        if any(line.startswith("map:") for line in path.read_text().splitlines())
    ]
    expected = MapFiles(
        Path("arguments"),
        tuple(sorted(Path("arguments").glob("*.yaml"))),
        "yaml",
        headers[0],
    )
    assert len(expected.files) == 9
    assert discover(["arguments"]) == Discovery((expected,))
    assert discover(["arguments/economy.yaml"]).maps == (expected,)


def test_discovering_the_repository_is_quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    started = time.perf_counter()
    found = discover(["."])
    assert time.perf_counter() - started < 2
    assert Path("arguments") in [spec.root for spec in found.maps]
    assert found.errors == ()


# -- AIFdb files are told by how they open, without parsing them whole -------------------------

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpora"
JSON_FILES = sorted(
    [*(Path(__file__).resolve().parents[1] / "data").rglob("*.json"), *SHARED.rglob("*.json")]
)


def parsed_kind(data: bytes, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """What classification says when it parses every JSON file whole (no AIFdb shortcut)."""
    with monkeypatch.context() as patch:
        patch.setattr(discover_module, "_AIFDB_START", rb"(?!)")  # matches nothing
        return classify("x.json", data)


def test_the_aifdb_shortcut_agrees_with_parsing_on_every_json_file_at_hand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shortcut = 0
    for path in JSON_FILES:
        data = path.read_bytes()
        if discover_module._classify_json(data) == "aif" and re.match(
            discover_module._AIFDB_START,
            data.removeprefix(b"\xef\xbb\xbf"),
        ):
            shortcut += 1
        assert classify("x.json", data) == parsed_kind(data, monkeypatch), path
    assert shortcut >= (100 if SHARED.is_dir() else 1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}], "edges": []}', "aif"),
        ('{"nodes": [{"nodeID": "1"}], "edges": [], "format": "argmap"}', "json"),
        ('{"nodes": [{"nodeID": "1"}], "AIF": {"nodes": 3}}', None),
        ('{"nodes": [{"nodeID": "1", "text": "a"', "aif"),  # broken: its reader says where
        ('{"nodes": [{"id": "1", "type": "atom"}], "edges": []}', None),  # SADFace
    ],
)
def test_the_aifdb_shortcut_leaves_what_it_cannot_tell_to_parsing(
    text: str, kind: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = text.encode()
    assert classify("x.json", data) == kind
    assert parsed_kind(data, monkeypatch) == kind
