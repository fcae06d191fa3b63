"""The parsed-map cache: hits equal fresh loads, any change invalidates, damage falls back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import ArgumentMap, _cache, load
from argmap._cache import CACHE_DIR, cached_load, project_root
from argmap.cli import main
from argmap.model import SourcePosition

from .conftest import WriteMap

HEADER = """\
map:
  title: A rich map
  bibliography: [refs.bib, more.bib]
  analysed: essay
  unmapped: {3: a digression}
  expect: {T1: in, O1: out}
"""
NODES = """\
nodes:
  T1: {claim: the thesis, thesis: true, because: [P1 + E1, A1], note: main point}
  P1: {premise: a premise, cites: [{key: smith, page: 4}, {key: jones}], at: [1, 2]}
  E1:
    evidence: a fact
    cites: {key: jones, footnote: 2}
    ignore: {AM004: checked by hand}
  A1: {assumption: left unsaid}
  O1: {objection: but no, attacks: T1, undercuts: T1/2}
  E2: {evidence: uncited}
"""
REFS = """\
@book{smith, title = {Smith's Book}, author = {Smith, Ann}, year = 2001}
@article{jones, title = {On Things}, journal = {J}, year = 1999}
@misc{smith, title = {Duplicate}}
"""
MORE = "@misc{essay, title = {The Essay}}\n"
TEXT = "First paragraph.\n\nSecond paragraph.\nThird.\n"


@pytest.fixture
def rich(write_map: WriteMap) -> Path:
    """A two-file map with a full header, two .bib files (one problem) and an analysed text."""
    folder = write_map({"a/header.yaml": HEADER, "b/nodes.yaml": NODES})
    (folder / "a" / "refs.bib").write_text(REFS, encoding="utf-8")
    (folder / "a" / "more.bib").write_text(MORE, encoding="utf-8")
    (folder / "essay.txt").write_text(TEXT, encoding="utf-8")
    return folder


def positions(argument_map: ArgumentMap) -> list[SourcePosition]:
    """Every position in a map (positions take no part in equality)."""
    found = [argument_map.position]
    found += [e.position for e in argument_map.expected]
    found += [s.position for s in argument_map.sources.values()]
    for node in argument_map.nodes:
        found.append(node.position)
        found += [r.position for r in node.reasons]
        found += [a.position for a in node.attacks]
        found += [c.position for c in node.citations]
        found += [s.position for s in node.ignore]
    return found


def entries(folder: Path) -> list[Path]:
    return sorted((folder / CACHE_DIR).glob("*.bin"))


def _no_load(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the map was loaded, not read from the cache")


def test_hit_equals_a_fresh_load_positions_included(
    rich: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = rich / "essay.txt"
    fresh = load(rich, text=text)
    assert fresh.problems  # the duplicate entry
    assert cached_load(rich, text=text) == fresh  # miss: fills the cache
    assert len(entries(rich)) == 1
    with monkeypatch.context() as patch:
        patch.setattr(_cache.loader, "load_with_bibliography_names", _no_load)
        hit = cached_load(rich, text=text)
    assert hit == fresh
    assert positions(hit) == positions(fresh)
    assert hit.problems == fresh.problems
    assert [dict(s.fields) for s in hit.sources.values()] == [
        dict(s.fields) for s in fresh.sources.values()
    ]
    assert (hit.title, hit.bibliography, hit.analysed) == ("A rich map", "refs.bib", "essay")
    assert dict(hit.unmapped) == {3: "a digression"}
    assert hit.files == fresh.files
    assert hit.text == fresh.text
    assert hit.text is not None
    assert hit.text.paragraphs[1].line == 3


def test_cache_folder_is_marked(rich: Path) -> None:
    cached_load(rich)
    cache = rich / CACHE_DIR
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_project_root_is_the_nearest_marked_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    deep = tmp_path / "x" / "y"
    deep.mkdir(parents=True)
    (deep / "m.yaml").write_text("nodes: {}\n", encoding="utf-8")
    assert project_root(deep / "m.yaml") == tmp_path


@pytest.mark.parametrize(
    ("file", "new"),
    [
        ("b/nodes.yaml", NODES.replace("a fact", "another fact")),
        ("a/refs.bib", REFS.replace("Smith's Book", "Another Book")),
        ("a/more.bib", MORE.replace("The Essay", "An Essay")),
        ("essay.txt", TEXT + "Fourth.\n"),
    ],
)
def test_any_change_invalidates(rich: Path, file: str, new: str) -> None:
    text = rich / "essay.txt"
    before = cached_load(rich, text=text)
    (rich / file).write_text(new, encoding="utf-8")
    again = cached_load(rich, text=text)
    assert again == load(rich, text=text)
    assert again != before


def test_a_new_references_bib_invalidates(write_map: WriteMap) -> None:
    folder = write_map("nodes:\n  E1: {evidence: e, cites: {key: k}}\n")
    assert cached_load(folder).sources == {}
    (folder / "references.bib").write_text("@misc{k, title = {K}}\n", encoding="utf-8")
    assert list(cached_load(folder).sources) == ["k"]


def test_a_new_map_file_invalidates(rich: Path) -> None:
    cached_load(rich)
    (rich / "b" / "more.yaml").write_text("nodes:\n  C9: {claim: new}\n", encoding="utf-8")
    assert "C9" in cached_load(rich)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_entry_falls_back(rich: Path, damage: str) -> None:
    cached_load(rich)
    (entry,) = entries(rich)
    data = entry.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    elif damage == "garbage":
        data = b"argmap-cache 1\n" + os.urandom(200)
    else:
        data = b""
    entry.write_bytes(data)
    assert cached_load(rich) == load(rich)
    assert cached_load(rich) == load(rich)  # rewritten, then read


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs a non-root POSIX user"
)
def test_an_unwritable_cache_folder_falls_back(rich: Path) -> None:
    cache = rich / CACHE_DIR
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert cached_load(rich) == load(rich)
        assert entries(rich) == []
    finally:
        cache.chmod(0o700)


def test_a_failing_write_falls_back(rich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_cache, "write_atomically", refuse)
    assert cached_load(rich) == load(rich)
    assert entries(rich) == []


def test_a_failing_read_falls_back(rich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached_load(rich)
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.suffix == ".bin":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert cached_load(rich) == load(rich)


def test_a_cache_path_that_is_a_file_falls_back(rich: Path) -> None:
    (rich / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    assert cached_load(rich) == load(rich)
    assert cached_load(rich, cache_dir=rich / CACHE_DIR / "sub") == load(rich)


def test_only_the_newest_entries_are_kept(write_map: WriteMap) -> None:
    folder = write_map("nodes:\n  C0: {claim: c}\n")
    for i in range(12):
        (folder / "map.yaml").write_text(f"nodes:\n  C{i}: {{claim: c}}\n", encoding="utf-8")
        cached_load(folder)
    assert len(entries(folder)) == 8


def test_load_errors_are_not_cached(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map("nodes:\n  T1: {claim: t, because: P9}\n")
    first = main(["check", str(folder)])
    out1, err1 = capsys.readouterr()
    second = main(["check", str(folder)])
    out2, err2 = capsys.readouterr()
    assert first == second == 2
    assert "unknown id `P9`" in err1
    assert (out1, err1) == (out2, err2)
    assert entries(folder) == []


def test_no_cache_option_and_variable_write_nothing(
    rich: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["check", str(rich), "--no-cache"])
    assert not (rich / CACHE_DIR).exists()
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    main(["check", str(rich)])
    assert not (rich / CACHE_DIR).exists()
    monkeypatch.setenv("ARGMAP_NO_CACHE", "0")
    main(["check", str(rich)])
    assert len(entries(rich)) == 1
    capsys.readouterr()


@pytest.mark.parametrize("output", ["text", "json"])
def test_cli_output_is_the_same_with_and_without_cache(
    rich: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    args = ["check", str(rich), "--text", str(rich / "essay.txt"), "--format", output]
    plain = main([*args, "--no-cache"]), capsys.readouterr()
    filling = main(args), capsys.readouterr()
    assert len(entries(rich)) == 1
    hit = main(args), capsys.readouterr()
    assert plain[0] == 1
    assert plain[1].out
    assert plain == filling == hit


def test_a_changed_loading_module_invalidates(rich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _cache.cache_entry(rich)
    assert all((Path(_cache.__file__).parent / name).is_file() for name in _cache._CODE)
    stamp = _cache._code_stamp()
    monkeypatch.setattr(_cache, "_code_stamp", lambda: stamp.replace("model.py:", "model.py:1"))
    assert _cache.cache_entry(rich) != first


def test_a_warm_check_imports_neither_yaml_nor_bibtexparser(rich: Path) -> None:
    # Their import is most of a small check's start-up; a cache hit does not need them.
    script = (
        "import sys; from argmap.cli import main; code = main(['check', sys.argv[1]]);"
        "print(code, sorted(m for m in ('yaml', 'bibtexparser') if m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_NO_CACHE"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(rich)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[0].endswith("['bibtexparser', 'yaml']")
    assert runs[1].endswith("[]")
    assert runs[0].split()[0] == runs[1].split()[0]


def test_load_with_cache_reads_back_what_load_reads(
    rich: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = rich / "essay.txt"
    fresh = load(rich, text=text)
    assert load(rich, text=text, cache=True) == fresh  # miss: fills the cache
    assert len(entries(rich)) == 1
    monkeypatch.setattr(_cache.loader, "load_with_bibliography_names", _no_load)
    hit = load(rich, text=text, cache=True)
    assert hit == fresh
    assert positions(hit) == positions(fresh)
