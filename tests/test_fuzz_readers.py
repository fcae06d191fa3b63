"""Mutated real files, fed to every reader: only argmap's own error type may come out.

Each reader is given real input (the repository's map and bibliography, and the third-party
corpora in ``../shared/corpora`` when they are there) damaged byte by byte: bits flipped,
bytes and telling tokens inserted, spans deleted or doubled, two files spliced, the end cut
off. Whatever the bytes, a reader either succeeds or raises :class:`argmap.ArgmapError`
whose problems are located (line and column from 1, one line of text each); anything else is
a defect. :func:`argmap.loading.read_yaml.read_yaml` never raises: its problems are in the
draft it returns.

The runs are derandomized and keep no example database, so that every run tries the same
inputs. Every call runs under a time limit, and the whole test under a limit on this process's
address space, so that a hang or a blow-up fails the test instead of stalling the machine.

Inputs that would only find a defect already shown by a strict ``xfail`` test are passed over
(see :func:`known_shape_defect`; remove the filter with the mark once the defect is fixed), and
so are legal inputs that are only slow to read (:func:`too_costly`).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import resource
import signal
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from types import FrameType

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import argmap
from argmap.acceptability import label_map
from argmap.bibliography import parse_bibliography
from argmap.config import Config
from argmap.errors import LoadError, MapError
from argmap.interchange import iccma
from argmap.interchange._common import ImportResult
from argmap.interchange.aif import dump_aif, parse_aif
from argmap.interchange.argdown import parse_argdown, to_argdown
from argmap.interchange.json import parse_map_json, to_json
from argmap.interchange.yaml import to_yaml
from argmap.loading.read_yaml import read_yaml
from argmap.render.dot import to_dot
from argmap.trace import trace_down, weigh_sources

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
CORPORA = SHARED / "corpora"
DATA = ROOT / "tests" / "data" / "interchange"
#: Seed files larger than this are left out: each example then parses in milliseconds.
LARGEST_SEED = 40_000
#: Seconds one call of a reader may take.
CALL_SECONDS = 10
#: Bytes of address space the test may take beyond what the process holds when it starts.
MEMORY_HEADROOM = 2**30

#: Examples per test; ``ARGMAP_FUZZ_EXAMPLES=5000`` runs a deeper search.
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "150"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # ARGMAP_FUZZ_RANDOM=1 draws new inputs on each run, instead of the same ones every time.
    derandomize=not os.environ.get("ARGMAP_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

needs_corpora = pytest.mark.skipif(
    not CORPORA.is_dir(),
    reason=f"the third-party corpora are not at {CORPORA}: the readers are fuzzed with the "
    "repository's own files only",
)


# -- seeds -----------------------------------------------------------------------------------------


def _files(folder: Path, *suffixes: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in suffixes and path.stat().st_size <= LARGEST_SEED
    )


def _read(paths: Sequence[Path]) -> tuple[bytes, ...]:
    return tuple(path.read_bytes() for path in paths)


@cache
def yaml_seeds() -> tuple[bytes, ...]:
    return _read(sorted((ROOT / "arguments").glob("*.yaml")))


@cache
def bib_seeds() -> tuple[bytes, ...]:
    return _read([ROOT / "references.bib", *_files(CORPORA / "bibtex", ".bib")])


@cache
def aif_seeds() -> tuple[bytes, ...]:
    corpus = _files(CORPORA / "aif", ".json")
    return _read([DATA / "small.json", DATA / "ova.json", *corpus[::4]])


@cache
def argdown_seeds() -> tuple[bytes, ...]:
    return _read([DATA / "debate.argdown", *_files(CORPORA / "argdown", ".argdown", ".ad")])


@cache
def map_json_seeds() -> tuple[bytes, ...]:
    """argmap JSON, as ``argmap export --to json`` writes it, of the repository's map."""
    return (to_json(argmap.load(ROOT / "arguments")).encode("utf-8"),)


@cache
def iccma_seeds() -> tuple[bytes, ...]:
    corpus = _files(CORPORA / "iccma", ".af", ".apx", ".tgf", ".dl")
    own = (
        b"p af 4\n# a comment\n1 2\n2 3\n3 4\n4 3\n",
        b"arg(a).\narg(b).\natt(a,b).\n% comment\natt(b,b).\n",
        b"1\n2\n3\n#\n1 2\n2 3\n",
    )
    return own + _read(corpus)


PYPROJECT = b"""\
[project]
name = "a-map"
version = "1"

[tool.argmap]
select = ["AM001", "AM004"]
ignore = ["AM011"]
include = ["arguments/", "chapters/**/*.yaml"]
exclude = ["arguments/drafts/"]

[tool.argmap.severity]
AM004 = "error"
unused-source = "warning"

[tool.ruff]
line-length = 100
"""


@cache
def toml_seeds() -> tuple[bytes, ...]:
    return (PYPROJECT, (ROOT / "pyproject.toml").read_bytes())


def _tokens(*extra: bytes) -> tuple[bytes, ...]:
    generic = (
        b"\x00",
        b"\xff",
        b"\xef\xbb\xbf",
        b"\r",
        b"\r\n",
        b"\t",
        b"\n",
        b"\\",
        b"\xe2\x80\xa8",
        b"\xd9\xa1",
        b"9" * 40,
        b"-1",
        b"0",
    )
    return generic + extra


YAML_TOKENS = _tokens(
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"!x ",
    b"<<: ",
    b"{",
    b"[",
    b"}",
    b"]",
    b": ",
    b"- ",
    b"? ",
    b"---\n",
    b"%YAML 1.1\n",
    b" + ",
    b"/0",
    b"/x",
    b"~",
    b"'",
    b'"',
    b"#",
    b"  T1: {claim: c}\n",
    b"map: {title: t}\n",
    b"cites: {key: k, page: 1}",
    b"at: [0]",
    b"ignore: {AM001: ''}",
    b"expect: {T1: maybe}",
)
BIB_TOKENS = _tokens(
    b"@string{a = a # a}\n",
    b"@string{b = {x}}\n",
    b" # b",
    b"crossref = {",
    b"@comment{",
    b"@preamble{",
    b"@book{k,",
    b"{",
    b"}",
    b"(",
    b")",
    b'"',
    b"=",
    b",",
    b"@",
    b"\\'",
    b"$",
)
JSON_TOKENS = _tokens(
    b'"argmap": {',
    b'"argmap": 3, ',
    b'"nodeID": ',
    b'"kind": "claim", ',
    b'"format": "argmap", ',
    b'"at": [0], ',
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b",",
    b":",
    b"NaN",
    b"1e999",
    b"true",
    b"null",
    b'"\\ud800"',
    b'"\\u0000"',
)
ARGDOWN_TOKENS = _tokens(
    b"<!--",
    b"-->",
    b"/*",
    b"*/",
    b"//",
    b"[",
    b"]",
    b"<",
    b">",
    b"{",
    b"}",
    b"===\n",
    b"\n  + ",
    b"\n  - ",
    b"\n  _> ",
    b"\n(1) ",
    b"\n----\n",
    b"#",
    b"#(",
    b'{"at": [0]}',
    b"{x: &a 1, y: *a}",
    b'@import "nope.argdown"\n',
    b"@include(x.argdown)\n",
    b"\n\n",
    b"argmap: {expect: {A: maybe}}\n",
)
ICCMA_TOKENS = _tokens(
    b"p af ",
    b"p af 3\n",
    b" ",
    b"1 2\n",
    b"arg(",
    b"att(",
    b").",
    b",",
    b"#\n",
    b"# comment\n",
    b"%",
    b"-",
    b"99",
)
TOML_TOKENS = _tokens(
    b"[tool.argmap]\n",
    b"[[tool.argmap]]\n",
    b"select = ",
    b'["AM001"]',
    b'"AM999"',
    b"[",
    b"]",
    b"{a = ",
    b"}",
    b".a",
    b'"""',
    b"'''",
    b"=",
    b"1979-05-27",
    b"tool = 3\n",
)


# -- mutations -------------------------------------------------------------------------------------


@st.composite
def mutants(draw: st.DrawFn, seeds: Sequence[bytes], tokens: Sequence[bytes]) -> bytes:
    """A seed damaged by one to four mutations."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(
            st.sampled_from(
                ("flip", "insert", "token", "delete", "duplicate", "splice", "truncate")
            )
        )
        at = draw(st.integers(0, len(data)))
        if operation == "flip" and data:
            index = min(at, len(data) - 1)
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif operation == "token":
            data[at:at] = draw(st.sampled_from(tokens)) * draw(st.integers(1, 3))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif operation == "duplicate":
            span = bytes(data[at : at + draw(st.integers(1, 512))])
            data[at:at] = span * draw(st.integers(1, 4))
        elif operation == "splice":
            other = draw(st.sampled_from(seeds))
            data[at:] = other[draw(st.integers(0, len(other))) :]
        elif operation == "truncate":
            del data[at:]
    return bytes(data)


def text_of(data: bytes, *, surrogates: bool = True) -> str:
    """The text a str-taking reader gets.

    Bytes that are not UTF-8 become lone surrogates (a str can hold them, and JSON escapes
    make them too), or with ``surrogates=False`` the replacement character.
    """
    return data.decode("utf-8", "surrogateescape" if surrogates else "replace")


# -- bounds ----------------------------------------------------------------------------------------


class TooSlow(Exception):  # noqa: N818 - it names what went wrong
    """A reader took longer than :data:`CALL_SECONDS`."""


@contextlib.contextmanager
def time_limit(seconds: float = CALL_SECONDS) -> Iterator[None]:
    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise TooSlow(f"a reader took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(r"^VmSize:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else None


@pytest.fixture(autouse=True)
def bounded_memory() -> Iterator[None]:
    """Limit this process's address space during a test, so a blow-up is a MemoryError."""
    size = _address_space()
    if size is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + MEMORY_HEADROOM
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# -- what comes out ------------------------------------------------------------------------------


def assert_located(errors: Sequence[MapError], file: str | None = None) -> None:
    assert errors
    for error in errors:
        assert error.line >= 1, error
        assert error.column >= 1, error
        assert error.message, error
        if file is not None:
            assert error.file == file, error
        shown = str(error)
        assert "\n" not in shown, shown
        assert "\r" not in shown, shown


def only_argmap_errors(read: Callable[[], object], file: str | None = None) -> object:
    """Call a reader: it succeeds (its result is returned), or raises ArgmapError with located
    problems (None is returned)."""
    try:
        with time_limit():
            result = read()
    except argmap.LoadError as exc:
        assert_located(exc.errors, file)
        event(f"LoadError: {_kind_of(exc.errors[0].message)}")
    except argmap.ArgmapError as exc:
        event(type(exc).__name__)
    else:
        event("read")
        return result
    return None


def _kind_of(message: str) -> str:
    """The start of a message, without the names and numbers in it (for statistics)."""
    return re.sub(r"`[^`]*`|\d+", "_", message)[:40]


def used_whole(argument_map: argmap.ArgumentMap) -> None:
    """What loads can be checked, labelled, traced, drawn and written out as UTF-8."""
    with time_limit():
        argmap.check(argument_map)
        label_map(argument_map)
        weigh_sources(argument_map)
        for thesis in argument_map.theses[:3]:
            trace_down(argument_map, thesis.id)
        written = (
            to_dot(argument_map),
            to_json(argument_map),
            dump_aif(argument_map),
            dump_aif(argument_map, shape="xaif"),
            to_argdown(argument_map),
            to_yaml(argument_map),
        )
    for text in written:
        text.encode("utf-8")


# -- inputs passed over: known defects (shown by strict xfail tests), and costly legal input ----

_ICCMA_HEADER = re.compile(rb"^\s*p\s+af\s+(\d+)", re.MULTILINE)


def too_costly(reader: str, data: bytes) -> bool:
    """Whether ``data`` is legal input that takes long to read: not what fuzzing looks for.

    An ICCMA header may declare up to 10,000,000 arguments (interchange.iccma.MAX_ARGUMENTS),
    each of which is built; test_bad_inputs.py covers the bounds (iccma-100-million-arguments).
    """
    if reader == "iccma":
        header = _ICCMA_HEADER.search(data)
        return header is not None and 10**6 <= int(header.group(1)[:9]) <= 10**7
    return False


def known_shape_defect(tree: object) -> bool:
    """Whether argmap JSON data would only show a defect a strict xfail test already shows.

    test_bad_inputs.py json-source-fields-*: a source whose ``fields`` is not an object.
    """
    sources = tree.get("sources") if isinstance(tree, dict) else None
    if not isinstance(sources, dict):
        return False
    return any(
        isinstance(source, dict) and "fields" in source and not isinstance(source["fields"], dict)
        for source in sources.values()
    )


# -- the readers -----------------------------------------------------------------------------------


@FUZZ
@given(mutants(yaml_seeds(), YAML_TOKENS))
def test_read_yaml_never_raises(data: bytes) -> None:
    with time_limit():
        draft = read_yaml("m.yaml", data)
    if draft.errors:
        assert_located(draft.errors, "m.yaml")
        event(f"error: {_kind_of(draft.errors[0].message)}")
    else:
        event("read")


@FUZZ
@given(mutants(bib_seeds(), BIB_TOKENS))
def test_parse_bibliography(data: bytes) -> None:
    def read() -> None:
        bibliography = parse_bibliography([("references.bib", data)])
        for problem in bibliography.problems:
            assert problem.line >= 1
            assert problem.column >= 1

    only_argmap_errors(read, "references.bib")


@FUZZ
@given(mutants(bib_seeds(), BIB_TOKENS), mutants(bib_seeds(), BIB_TOKENS))
def test_parse_two_bibliographies(first: bytes, second: bytes) -> None:
    only_argmap_errors(lambda: parse_bibliography([("a.bib", first), ("b.bib", second)]))


@FUZZ
@given(mutants(aif_seeds(), JSON_TOKENS))
def test_parse_aif(data: bytes) -> None:
    only_argmap_errors(lambda: parse_aif(text_of(data), file="m.json"), "m.json")


@FUZZ
@given(mutants(map_json_seeds(), JSON_TOKENS))
def test_parse_map_json(data: bytes) -> None:
    only_argmap_errors(lambda: parse_map_json(text_of(data), file="m.json"), "m.json")


@FUZZ
@given(mutants(argdown_seeds(), ARGDOWN_TOKENS))
def test_parse_argdown(data: bytes) -> None:
    text = text_of(data)
    only_argmap_errors(lambda: parse_argdown(text, file="m.argdown"), "m.argdown")


@FUZZ
@given(mutants(iccma_seeds(), ICCMA_TOKENS), st.sampled_from([None, *iccma.Format]))
def test_parse_framework(data: bytes, fmt: iccma.Format | None) -> None:
    assume(not too_costly("iccma", data))
    only_argmap_errors(lambda: iccma.parse_framework(text_of(data), fmt, "x.af"), "x.af")


# -- the same readers, given well-formed data of the wrong shape -------------------------------

#: Words that mean something to the readers, so that replaced values are often near misses.
WORDS = (
    "T1",
    "E1",
    "I",
    "RA",
    "CA",
    "MA",
    "PA",
    "L",
    "YA",
    "claim",
    "evidence",
    "objection",
    "thesis",
    "because",
    "attacks",
    "undercuts",
    "T1/1",
    "T1/0",
    "nodeID",
    "fromID",
    "toID",
    "argmap",
    "kind",
    "page",
    "key",
    "in",
    "out",
    "AM001",
    "",
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(WORDS),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), inner, max_size=3),
    ),
    max_leaves=8,
)


def _places(tree: object) -> list[tuple[list[object] | dict[str, object], object]]:
    """Every (container, key or index) in a tree of lists and dicts."""
    found: list[tuple[list[object] | dict[str, object], object]] = []
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.extend((item, key) for key in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.extend((item, index) for index in range(len(item)))
            stack.extend(item)
    return found


@st.composite
def tree_mutants(draw: st.DrawFn, seeds: Sequence[object]) -> object:
    """A seed's data with one to three values replaced, removed, doubled or added."""
    tree = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 3))):
        places = _places(tree)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        operation = draw(st.sampled_from(("replace", "remove", "double", "add")))
        if operation == "replace":
            container[key] = draw(VALUES)  # type: ignore[index]
        elif operation == "remove":
            del container[key]  # type: ignore[arg-type]
        elif operation == "double" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))  # type: ignore[arg-type]
        elif operation == "double":
            container[draw(st.sampled_from(WORDS))] = copy.deepcopy(container[key])  # type: ignore[index]
        elif isinstance(container, list):
            container.append(draw(VALUES))
        else:
            container[draw(st.sampled_from(WORDS))] = draw(VALUES)
    return tree


@cache
def aif_trees() -> tuple[object, ...]:
    return tuple(json.loads(seed) for seed in aif_seeds()[:12])


@cache
def map_json_trees() -> tuple[object, ...]:
    return tuple(json.loads(seed) for seed in map_json_seeds())


@cache
def yaml_trees() -> tuple[object, ...]:
    return tuple(yaml.safe_load(seed) for seed in yaml_seeds())


@FUZZ
@given(tree_mutants(aif_trees()))
def test_parse_aif_of_wrong_shapes(tree: object) -> None:
    text = json.dumps(tree)
    result = only_argmap_errors(lambda: parse_aif(text, file="m.json"), "m.json")
    if isinstance(result, ImportResult):
        used_whole(result.map)


@FUZZ
@given(tree_mutants(map_json_trees()))
def test_parse_map_json_of_wrong_shapes(tree: object) -> None:
    assume(not known_shape_defect(tree))
    text = json.dumps(tree)
    result = only_argmap_errors(lambda: parse_map_json(text, file="m.json"), "m.json")
    if isinstance(result, ImportResult):
        used_whole(result.map)


@FUZZ
@given(tree_mutants(yaml_trees()))
def test_read_yaml_of_wrong_shapes(tree: object) -> None:
    data = yaml.safe_dump(tree, allow_unicode=True).encode("utf-8")
    with time_limit():
        draft = read_yaml("m.yaml", data)
    if draft.errors:
        assert_located(draft.errors, "m.yaml")
        event(f"error: {_kind_of(draft.errors[0].message)}")
    else:
        event("read")


# -- through the whole pipeline, from files --------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder (``.git``, ``references.bib``) whose files each example rewrites."""
    folder = tmp_path_factory.mktemp("fuzz-project")
    (folder / ".git").mkdir()
    (folder / "references.bib").write_bytes((ROOT / "references.bib").read_bytes())
    (folder / "arguments").mkdir()
    return folder


def _only(folder: Path, name: str, data: bytes) -> Path:
    """Make ``name`` the one file of ``folder``, holding ``data``."""
    for old in folder.iterdir():
        old.unlink()
    path = folder / name
    path.write_bytes(data)
    return path


FORMATS = {
    "map.yaml": (yaml_seeds, YAML_TOKENS),
    "map.json": (map_json_seeds, JSON_TOKENS),
    "aif.json": (aif_seeds, JSON_TOKENS),
    "map.argdown": (argdown_seeds, ARGDOWN_TOKENS),
}


@st.composite
def map_files(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(FORMATS)))
    seeds, tokens = FORMATS[name]
    return name, draw(mutants(seeds(), tokens))


@FUZZ
@given(file=map_files())
def test_load_a_mutated_map_file(project: Path, file: tuple[str, bytes]) -> None:
    name, data = file
    path = _only(project / "arguments", name, data)
    loaded = only_argmap_errors(lambda: argmap.load(path))
    if isinstance(loaded, argmap.ArgumentMap):
        used_whole(loaded)


@FUZZ
@given(data=mutants(yaml_seeds(), YAML_TOKENS), bib=mutants(bib_seeds(), BIB_TOKENS))
def test_load_a_map_with_a_mutated_bibliography(project: Path, data: bytes, bib: bytes) -> None:
    """The repository's map (one file of it mutated) with a mutated references.bib."""
    folder = project / "arguments"
    for old in folder.iterdir():
        old.unlink()
    for seed in sorted((ROOT / "arguments").glob("*.yaml")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "thesis.yaml").write_bytes(data)
    (project / "references.bib").write_bytes(bib)
    only_argmap_errors(lambda: argmap.load(folder))


@cache
def map_file_trees() -> dict[str, object]:
    return {
        path.name: yaml.safe_load(path.read_bytes())
        for path in sorted((ROOT / "arguments").glob("*.yaml"))
    }


def _map_file_of_wrong_shape() -> st.SearchStrategy[tuple[str, object]]:
    return st.sampled_from(sorted(map_file_trees())).flatmap(
        lambda name: tree_mutants((map_file_trees()[name],)).map(lambda tree: (name, tree))
    )


@FUZZ
@given(file=_map_file_of_wrong_shape())
def test_load_the_map_with_a_file_of_wrong_shape(project: Path, file: tuple[str, object]) -> None:
    """The repository's map, one file's data changed: it loads and is used, or fails cleanly."""
    name, tree = file
    folder = project / "arguments"
    for old in folder.iterdir():
        old.unlink()
    for seed in sorted((ROOT / "arguments").glob("*.yaml")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / name).write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    (project / "references.bib").write_bytes((ROOT / "references.bib").read_bytes())
    loaded = only_argmap_errors(lambda: argmap.load(folder))
    if isinstance(loaded, argmap.ArgumentMap):
        used_whole(loaded)


@FUZZ
@given(data=mutants(toml_seeds(), TOML_TOKENS))
def test_discover_a_mutated_pyproject(project: Path, data: bytes) -> None:
    (project / "pyproject.toml").write_bytes(data)
    try:
        only_argmap_errors(lambda: Config.discover(project / "arguments"))
    finally:
        (project / "pyproject.toml").unlink()


# -- the defects fuzzing found -------------------------------------------------------------------


@needs_corpora
def test_the_corpora_give_seeds() -> None:
    """With the corpora there, every format has third-party seeds besides the repository's."""
    assert len(bib_seeds()) > 5
    assert len(aif_seeds()) > 10
    assert len(argdown_seeds()) > 10
    assert len(iccma_seeds()) > 10


def test_costly_input_filter_is_narrow() -> None:
    """The filter passes over only frameworks of millions of arguments, not ordinary files."""
    assert not any(too_costly("iccma", seed) for seed in iccma_seeds())
    assert too_costly("iccma", b"p af 1000000\n")
    assert not too_costly("iccma", b"p af 100000000\n")  # refused at once
    assert not too_costly("iccma", b"p af 3\n1 " + b"9" * 5000 + b"\n")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("===\n\udc80: x\n===\n[A]: a\n", id="front-matter"),
        pytest.param("[A]: a {x: \udc80}\n", id="data"),
    ],
)
def test_parse_argdown_lone_surrogate_in_data(text: str) -> None:
    with pytest.raises(LoadError) as raised:
        parse_argdown(text, file="m.argdown")
    (error,) = raised.value.errors
    assert error.message.startswith("a lone surrogate (U+DC80) is no character")
    assert (error.line, error.column) == ((2, 1) if text.startswith("===") else (1, 12))
