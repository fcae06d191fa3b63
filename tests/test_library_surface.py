"""The library as others build on it: values pickle and copy, names are typed, errors share a base.

- Every public value (a map and its nodes, sources, settings, diagnostics, errors, trace
  results) pickles and deep-copies to an equal value, positions included (positions take no
  part in equality, so they are compared on their own), and an unpickled map answers its
  queries from indexes built again.
- ``mypy --strict`` accepts a script using every name in ``argmap.__all__`` (tests/typing/api.py)
  and rejects one with a type error; ``import argmap`` stays light.
- Every error argmap raises on bad input is an :class:`argmap.ArgmapError`.
"""

from __future__ import annotations

import concurrent.futures
import copy
import importlib.util
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import (
    ArgmapError,
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Config,
    ConfigError,
    Evidence,
    LoadError,
    Locator,
    LocatorLabel,
    MapError,
    Node,
    Objection,
    Premise,
    Reason,
    Source,
    SourcePosition,
    Suppression,
)
from argmap.model import AnalysedText, Expectation, FrozenDict
from argmap.render.dot import to_dot

REPO = Path(__file__).resolve().parents[1]
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


@pytest.fixture
def article(monkeypatch: pytest.MonkeyPatch) -> ArgumentMap:
    """The article's map, loaded as the docs show it: ``argmap.load("arguments")``."""
    monkeypatch.chdir(REPO)
    return argmap.load("arguments")


def positions(argument_map: ArgumentMap) -> list[SourcePosition]:
    """Every position a map keeps: its own, and those of its nodes and of their parts."""
    found = [argument_map.position]
    for node in argument_map.nodes:
        found.append(node.position)
        found.extend(reason.position for reason in node.reasons)
        found.extend(attack.position for attack in node.attacks)
        found.extend(citation.position for citation in node.citations)
        found.extend(entry.position for entry in node.ignore)
    found.extend(source.position for source in argument_map.sources.values())
    found.extend(expectation.position for expectation in argument_map.expected)
    return found


def assert_same_map(copied: ArgumentMap, original: ArgumentMap) -> None:
    """The copy equals the original, keeps every position, and answers every query alike."""
    assert copied == original
    assert type(copied) is type(original)
    assert positions(copied) == positions(original)
    assert copied.sources == original.sources
    assert isinstance(copied.sources, FrozenDict)
    assert list(copied.sources) == list(original.sources)  # order kept, not only equality
    assert copied.theses == original.theses
    assert copied.ids == original.ids
    premises = {p for node in original.nodes for r in node.reasons for p in r.premises}
    targets = {attack.target for node in original.nodes for attack in node.attacks}
    for node_id in {*original.ids, *premises, *targets, "no-such-node"}:
        assert (node_id in copied) == (node_id in original)
        assert copied.get(node_id) == original.get(node_id)
        assert copied.attacks_on(node_id) == original.attacks_on(node_id)
        assert copied.used_in(node_id) == original.used_in(node_id)
    for node in original.nodes:
        assert copied.node(node.id) == node
        assert copied.node(node.id).position == node.position


# --- the article's map --------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_article_map_pickles_to_an_equal_map(article: ArgumentMap, protocol: int) -> None:
    copied = pickle.loads(pickle.dumps(article, protocol=protocol))
    assert_same_map(copied, article)
    assert argmap.check(copied) == argmap.check(article)


def test_the_article_map_deep_copies_to_an_equal_map(article: ArgumentMap) -> None:
    copied = copy.deepcopy(article)
    assert_same_map(copied, article)
    assert copied.nodes[0] is not article.nodes[0]
    assert copy.copy(article) == article
    assert argmap.check(copied) == argmap.check(article)


def test_a_pickled_map_holds_its_fields_not_its_indexes(article: ArgumentMap) -> None:
    data = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"Adjacency" not in data
    assert b"_by_id" not in data
    assert b"_attacks_on" not in data
    copied = pickle.loads(data)
    assert copied._graph is not article._graph  # built again, not shared or restored
    assert copied._graph.ids == article._graph.ids
    assert copied._graph.used_in == article._graph.used_in


def test_a_map_is_checked_alike_in_a_worker_process(article: ArgumentMap) -> None:
    config = Config(ignore=["AM011"], severity={"AM004": "error"})
    here = argmap.check(article, config=config)
    # spawn: the worker starts afresh and builds the map from the pickle alone.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        there = pool.submit(argmap.check, article, config=config).result(timeout=120)
    assert there == here
    assert [(d.file, d.line, d.column) for d in there] == [(d.file, d.line, d.column) for d in here]


def test_a_load_error_crosses_to_the_parent_whole(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(argmap.load, tmp_path / "nowhere.yaml")
        with pytest.raises(LoadError) as raised:
            future.result(timeout=120)
    assert len(raised.value.errors) == 1
    assert raised.value.errors[0].file.endswith("nowhere.yaml")


# --- maps built in code ------------------------------------------------------------------------

NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,4}", fullmatch=True)
TEXTS = st.text(min_size=1, max_size=20)
KEYS = st.sampled_from(["waltz1979", "walt1987", "missing2020", "article2025"])
POSITIONS = st.builds(
    SourcePosition,
    st.sampled_from(["map.yaml", "arguments/a.yaml", "<memory>"]),
    st.integers(1, 10_000),
    st.integers(1, 200),
)
LOCATORS = st.none() | st.builds(Locator, st.sampled_from(list(LocatorLabel)), TEXTS)
KINDS: list[type[Node]] = [Claim, Evidence, Premise, Assumption, Objection]


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    """A map built in code, with every field a map may carry and a position on every part."""
    ids = draw(st.lists(NAMES, unique=True, max_size=10))
    refer = st.sampled_from([*ids, "Unknown1"])  # premises and targets may name no node
    nodes = []
    for node_id in ids:
        kind = draw(st.sampled_from(KINDS))
        reason = st.builds(
            Reason,
            st.lists(refer, min_size=1, max_size=3).map(tuple),
            st.none() | NAMES,
            position=POSITIONS,
        )
        attack = st.builds(
            Attack, refer, st.none() | st.integers(1, 3), st.none() | NAMES, position=POSITIONS
        )
        citation = st.builds(Citation, KEYS, LOCATORS, position=POSITIONS)
        suppression = st.builds(
            Suppression, st.sampled_from(["AM001", "AM004", "AM999"]), TEXTS, position=POSITIONS
        )
        nodes.append(
            kind(
                id=node_id,
                text=draw(TEXTS),
                reasons=tuple(draw(st.lists(reason, max_size=3))),
                attacks=tuple(draw(st.lists(attack, max_size=2))),
                citations=tuple(draw(st.lists(citation, max_size=2))),
                at=tuple(draw(st.lists(st.integers(1, 40), max_size=3))),
                note=draw(st.none() | TEXTS),
                ignore=tuple(draw(st.lists(suppression, max_size=2))),
                thesis=kind is Claim and draw(st.booleans()),
                position=draw(POSITIONS),
            )
        )
    sources = {
        key: Source(
            key=key,
            entry_type=draw(st.sampled_from(["book", "article"])),
            fields=draw(st.dictionaries(st.sampled_from(["title", "year", "date"]), TEXTS)),
            position=draw(POSITIONS),
        )
        for key in draw(st.lists(KEYS, unique=True, max_size=3))
    }
    text = None
    if draw(st.booleans()):
        text = AnalysedText.from_string("article.txt", draw(st.text(max_size=60)))
    return ArgumentMap(
        nodes=tuple(nodes),
        sources=sources,
        title=draw(st.none() | TEXTS),
        bibliography=draw(st.none() | st.just("references.bib")),
        analysed=draw(st.none() | KEYS),
        unmapped=draw(st.dictionaries(st.integers(1, 40), TEXTS, max_size=3)),
        expected=tuple(
            draw(
                st.lists(
                    st.builds(
                        Expectation, refer, st.sampled_from(["in", "out"]), position=POSITIONS
                    ),
                    max_size=2,
                )
            )
        ),
        files=tuple(draw(st.lists(st.sampled_from(["a.yaml", "b.yaml"]), max_size=2))),
        problems=tuple(
            draw(
                st.lists(
                    st.builds(MapError, st.just("r.bib"), st.integers(1, 9), st.just(1), TEXTS)
                )
            )
        ),
        text=text,
        position=draw(POSITIONS),
    )


@given(argument_map=argument_maps(), protocol=st.sampled_from(PROTOCOLS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_maps_built_in_code_pickle_to_equal_maps(argument_map: ArgumentMap, protocol: int) -> None:
    copied = pickle.loads(pickle.dumps(argument_map, protocol=protocol))
    assert_same_map(copied, argument_map)
    assert argmap.check(copied) == argmap.check(argument_map)


@given(argument_map=argument_maps())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_maps_built_in_code_deep_copy_to_equal_maps(argument_map: ArgumentMap) -> None:
    assert_same_map(copy.deepcopy(argument_map), argument_map)


def test_positions_are_compared_by_the_helper_not_by_equality() -> None:
    # The helper above is what catches a lost position: equality alone would not.
    here, there = SourcePosition("a.yaml", 1, 1), SourcePosition("b.yaml", 9, 9)
    one = ArgumentMap(nodes=(Claim(id="T1", text="t", position=here),))
    other = ArgumentMap(nodes=(Claim(id="T1", text="t", position=there),))
    assert one == other
    assert positions(one) != positions(other)


# --- the other public values -------------------------------------------------------------------


def _values(article: ArgumentMap) -> Iterator[object]:
    """One of each public value, from real calls where there is one."""
    from argmap.bibliography import load_bibliography
    from argmap.interchange._common import Report
    from argmap.trace import trace_up, weigh_sources

    yield from article.nodes[:5]
    yield next(iter(article.sources.values()))
    yield article.sources
    yield Config(select=["AM001"], ignore=["AM011"], severity={"AM004": "info"}, path=REPO)
    yield Config(include=["arguments/"], exclude=["arguments/drafts/"])
    yield from argmap.check(article)[:3]
    yield MapError("map.yaml", 3, 5, "unknown id `X`", "did you mean `Y`?")
    yield load_bibliography([REPO / "references.bib"])
    yield Report(file="a.json", format="AIFdb nodeset", kept={"nodes": 3}, details=("x",))
    yield trace_up(article, "waltz1979")
    yield from weigh_sources(article)[:3]
    yield AnalysedText.from_string("article.txt", "one\n\ntwo\n")
    yield Expectation("T1", "in", position=SourcePosition("m.yaml", 2, 3))
    yield FrozenDict({1: "a", 2: "b"})


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_public_value_pickles_to_an_equal_value(article: ArgumentMap, protocol: int) -> None:
    for value in _values(article):
        copied = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert copied == value, value
        assert type(copied) is type(value)
        assert getattr(copied, "position", None) == getattr(value, "position", None)


def test_every_public_value_deep_copies_to_an_equal_value(article: ArgumentMap) -> None:
    for value in _values(article):
        copied = copy.deepcopy(value)
        assert copied == value, value
        assert getattr(copied, "position", None) == getattr(value, "position", None)


def test_an_unpickled_up_trace_still_finds_paths(article: ArgumentMap) -> None:
    up = argmap.trace_up(article, "waltz1979")
    copied = pickle.loads(pickle.dumps(up))
    for entry in up.resting:
        assert copied.path(entry.id) == up.path(entry.id)


def test_a_trace_tree_pickles_to_the_same_tree(article: ArgumentMap) -> None:
    from argmap.render.tree import to_json

    tree = argmap.trace_down(article, "T1")
    copied = pickle.loads(pickle.dumps(tree))
    assert to_json(copied) == to_json(tree)  # trees compare by identity; their JSON does not
    assert [n.node.position for n in copied.walk() if n.node] == [
        n.node.position for n in tree.walk() if n.node
    ]


def _errors(tmp_path: Path, article: ArgumentMap) -> list[ArgmapError]:
    """One error of each kind, from a real failing call."""
    from argmap.render import render

    calls: list[Callable[[], object]] = [
        lambda: argmap.load(tmp_path / "nowhere.yaml"),
        lambda: argmap.check(article, select=["AM999"]),
        lambda: argmap.trace_down(article, "T-nowhere"),
        lambda: render("digraph {}", tmp_path / "map.bogus"),
    ]
    errors = []
    for call in calls:
        with pytest.raises(ArgmapError) as raised:
            call()
        errors.append(raised.value)
    return errors


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_errors_pickle_with_their_attributes(
    tmp_path: Path, article: ArgumentMap, protocol: int
) -> None:
    for error in _errors(tmp_path, article):
        error.add_note("raised in a test")
        for copied in (pickle.loads(pickle.dumps(error, protocol=protocol)), copy.deepcopy(error)):
            assert type(copied) is type(error)
            assert copied.args == error.args
            assert str(copied) == str(error)
            assert vars(copied) == vars(error)  # errors, name, suggestions, message, notes
    load_error = _errors(tmp_path, article)[0]
    assert isinstance(load_error, LoadError)
    copied = pickle.loads(pickle.dumps(load_error))
    assert copied.errors == load_error.errors  # not rebuilt from the message's characters
    assert copied.errors[0].line == load_error.errors[0].line


# --- FrozenDict -------------------------------------------------------------------------------


def test_a_frozen_dict_reads_like_a_dict_and_cannot_change() -> None:
    items = {"b": 2, "a": 1}
    frozen = FrozenDict(items)
    items["c"] = 3  # the frozen dict took a copy
    assert list(frozen) == ["b", "a"]
    assert list(frozen.items()) == [("b", 2), ("a", 1)]
    assert frozen == {"a": 1, "b": 2}
    assert frozen == FrozenDict({"a": 1, "b": 2})
    assert frozen != {"a": 1}
    assert frozen != [("b", 2), ("a", 1)]
    assert frozen["a"] == 1
    assert frozen.get("z") is None
    assert frozen.get("z", 0) == 0
    assert "a" in frozen
    assert len(frozen) == 2
    assert repr(frozen) == "FrozenDict({'b': 2, 'a': 1})"
    with pytest.raises(TypeError):
        frozen["a"] = 5  # type: ignore[index]
    with pytest.raises(TypeError):
        del frozen["a"]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        frozen.update({"a": 5})  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        frozen._items = {}  # type: ignore[misc]
    assert frozen == {"a": 1, "b": 2}


def test_a_frozen_dict_hashes_like_its_items_when_they_hash() -> None:
    assert hash(FrozenDict({"a": 1, "b": 2})) == hash(FrozenDict({"b": 2, "a": 1}))
    assert len({FrozenDict({"a": 1}), FrozenDict({"a": 1})}) == 1
    with pytest.raises(TypeError):
        hash(FrozenDict({"a": [1]}))


def test_a_source_does_not_share_the_fields_it_was_given() -> None:
    fields = {"year": "1979"}
    source = Source(key="waltz1979", entry_type="book", fields=fields)
    fields["year"] = "2000"
    assert source.year == "1979"
    assert hash(source) == hash(copy.deepcopy(source))
    with pytest.raises(TypeError):
        source.fields["year"] = "2000"  # type: ignore[index]


# --- typing and import time ---------------------------------------------------------------------

needs_mypy = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy is not installed"
)


def _mypy(script: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """Run ``mypy --strict`` on a user script, with the library from this source tree."""
    env = {**os.environ, "MYPYPATH": str(REPO / "src")}
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--config-file",
        str(REPO / "pyproject.toml"),  # the project's settings for its own modules
        "--cache-dir",
        str(cache),
        "--no-color-output",
        str(script),
    ]
    return subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


@needs_mypy
def test_mypy_strict_accepts_a_script_using_every_public_name(mypy_cache: Path) -> None:
    script = REPO / "tests" / "typing" / "api.py"
    source = script.read_text(encoding="utf-8")
    for name in argmap.__all__:
        assert name in source, f"tests/typing/api.py does not use argmap.{name}"
    assert "__version__" in source
    result = _mypy(script, mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@needs_mypy
def test_mypy_strict_rejects_a_script_with_a_type_error(tmp_path: Path, mypy_cache: Path) -> None:
    script = tmp_path / "wrong.py"
    script.write_text(
        textwrap.dedent(
            """\
            import argmap

            version: int = argmap.__version__
            tree = argmap.trace_down(argmap.load("arguments"), 1)
            argmap.check(argmap.load("arguments"), config="pyproject.toml")
            """
        ),
        encoding="utf-8",
    )
    result = _mypy(script, mypy_cache)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in lines] == ["3", "4", "5"], result.stdout
    assert 'expression has type "str", variable has type "int"' in lines[0]


def test_every_public_name_resolves_at_run_time() -> None:
    for name in argmap.__all__:
        assert getattr(argmap, name) is not None, name
    assert isinstance(argmap.__version__, str)
    assert argmap.__version__[:1].isdigit()
    assert argmap.TraceError is __import__("argmap.trace").trace.TraceError
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = argmap.nothing  # type: ignore[attr-defined]


def test_import_argmap_stays_light() -> None:
    code = (
        "import sys, argmap; "
        "print(sorted(m for m in ('argmap.trace', 'sphinx', 'graphviz', 'tomllib') "
        "if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
    # The check can fail: asking for a lazy name imports its module.
    code = "import sys, argmap; argmap.trace_down; print('argmap.trace' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "True"


# --- one base exception -----------------------------------------------------------------------


def test_every_bad_input_error_is_an_argmap_error(tmp_path: Path, article: ArgumentMap) -> None:
    errors = _errors(tmp_path, article)
    assert [type(error).__name__ for error in errors] == [
        "LoadError",
        "ConfigError",
        "TraceError",
        "RenderError",
    ]
    assert all(isinstance(error, ArgmapError) for error in errors)
    assert isinstance(errors[1], ValueError)  # as before ConfigError existed
    assert isinstance(errors[2], KeyError)  # as before: trace errors are KeyErrors


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: argmap.check(m, select=["AM999"]), "unknown rule `AM999`"),
        (lambda m: argmap.check(m, ignore=["nonsense"]), "unknown rule `nonsense`"),
        (lambda m: argmap.check(m, severity={"AM004": "fatal"}), "bad severity `fatal`"),
        (lambda m: argmap.check(m, severity={"AM999": "error"}), "unknown rule `AM999`"),
        (lambda m: argmap.check(m, select="AM001"), "must be a list of rule codes"),
        (lambda m: argmap.check(m, ignore="AM001"), "must be a list of rule codes"),
        (lambda m: argmap.check(m, select=[4]), "unknown rule `4`"),
        (lambda m: argmap.check(m, select=5), "must be a list of rule codes"),
        (lambda m: argmap.check(m, severity=["AM004"]), "`severity` must map rule codes"),
        (
            lambda m: argmap.check(m, config=Config(), severity="info"),
            "`severity` must map rule codes",
        ),
        (lambda m: argmap.check(m, config=Config(), ignore="AM011"), "must be a list"),
        (lambda _: Config(select="AM001"), "must be a list of rule codes, not a string"),
        (lambda _: Config(ignore=["AM999"]), "unknown rule `AM999` in `ignore`"),
        (lambda _: Config(severity={"AM004": ["error"]}), "bad severity `['error']`"),
        (lambda _: Config(severity=["AM004"]), "`severity` must map rule codes to levels"),
        (lambda _: Config(include="arguments/"), "`include` must be a list"),
        (lambda _: Config(exclude=[None]), "`exclude` must be a list"),
        (lambda m: argmap.trace_up(m, "nokey1999"), "unknown source `nokey1999`"),
    ],
)
def test_bad_settings_are_argmap_errors(
    article: ArgumentMap, call: Callable[[ArgumentMap], object], message: str
) -> None:
    with pytest.raises(ArgmapError) as raised:
        call(article)
    assert message in str(raised.value)
    if isinstance(raised.value, ConfigError):
        assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: argmap.check(m, select=["AM001", "unused-source"]),
        lambda m: argmap.check(m, ignore=("AM011",), severity={"uncited-evidence": "error"}),
        lambda m: argmap.check(m, severity={"AM004": argmap.Severity.INFO}),
        lambda _: Config(select=["AM001"], severity={"AM004": "error"}, include=["*.yaml"]),
        lambda m: argmap.trace_up(m, "waltz1979"),
        lambda m: argmap.trace_down(m, "T1"),
    ],
)
def test_good_settings_raise_nothing(
    article: ArgumentMap, call: Callable[[ArgumentMap], Any]
) -> None:
    assert call(article) is not None


def test_json_of_a_copied_map_is_the_same(article: ArgumentMap) -> None:
    from argmap.interchange.json import to_json

    copied = pickle.loads(pickle.dumps(article))
    assert json.loads(to_json(copied)) == json.loads(to_json(article))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: to_dot(m, direction="UP"), "unknown direction `UP`"),
        (lambda m: to_dot(m, focus="NOWHERE"), "unknown focus id `NOWHERE`"),
        (lambda m: to_dot(m, focus="T1", depth=-1), "depth must be 0 or more"),
    ],
)
def test_bad_render_options_are_argmap_errors(
    article: ArgumentMap, call: Callable[[ArgumentMap], object], message: str
) -> None:
    with pytest.raises(argmap.OptionError) as raised:
        call(article)
    assert isinstance(raised.value, ArgmapError)
    assert isinstance(raised.value, ValueError)  # as before OptionError existed
    assert str(raised.value).startswith(message)


def test_good_render_options_raise_nothing(article: ArgumentMap) -> None:
    assert to_dot(article, direction="LR", focus="T1", depth=1).startswith("digraph")
