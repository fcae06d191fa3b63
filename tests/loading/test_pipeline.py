"""The pipeline end to end: one read per file, the cache keyed on the bytes parsed, one map."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import argmap
from argmap.errors import LoadError
from argmap.loading import contents, pipeline, read_yaml
from argmap.loading.cache import Cache
from argmap.loading.contents import Contents

MAP = "map: {title: T}\nnodes:\n  T1: {claim: c, thesis: true, because: E1}\n  E1: {evidence: e}\n"
BIB = "@book{k, title = {A Book}, year = 2001}\n"


@pytest.fixture(autouse=True)
def private_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def project(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_each_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path, **{"m/a.yaml": MAP, "references.bib": BIB})
    opened: list[str] = []
    real_read = contents._read

    def counting_read(path: Path) -> bytes:
        opened.append(path.name)
        return real_read(path)

    monkeypatch.setattr(contents, "_read", counting_read)
    argmap.load(folder / "m")
    assert sorted(opened) == ["a.yaml", "references.bib"]


def test_a_fifo_is_read_once_and_its_bytes_loaded(tmp_path: Path) -> None:
    """`argmap check <(...)`: the bytes a pipe yields are the bytes parsed, not lost to a peek."""
    folder = project(tmp_path)
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    bad = "nodes:\n  T1:\n    claim: x\n    thesis: maybe\n"

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as stream:
            stream.write(bad)

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(LoadError) as exc:
        argmap.load(fifo)
    writer.join(5)
    assert "`thesis` must be true or false" in str(exc.value)


def test_a_path_with_two_maps_is_refused_with_their_names(tmp_path: Path) -> None:
    folder = project(tmp_path, **{"one/a.yaml": MAP, "two/a.yaml": MAP})
    with pytest.raises(LoadError) as exc:
        argmap.load(folder)
    (error,) = exc.value.errors
    assert "holds 2 maps" in error.message
    assert "one" in error.message
    assert "two" in error.message
    assert error.hint == "name one of them"
    assert argmap.load(folder / "one").ids == ("T1", "E1")


def test_a_file_stands_for_its_whole_map(tmp_path: Path) -> None:
    folder = project(
        tmp_path, **{"m/a.yaml": MAP, "m/b.yaml": "nodes:\n  O1: {objection: o, attacks: T1}\n"}
    )
    assert argmap.load(folder / "m" / "b.yaml").ids == ("T1", "E1", "O1")


def test_a_cache_hit_equals_a_fresh_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path, **{"m/a.yaml": MAP, "references.bib": BIB})
    fresh = argmap.load(folder / "m", cache=True)
    assert (folder / ".argmap_cache").is_dir()

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(read_yaml, "read_yaml", no_parse)
    hit = argmap.load(folder / "m", cache=True)
    assert hit == fresh
    assert [n.position for n in hit.nodes] == [n.position for n in fresh.nodes]
    assert [s.position for s in hit.sources.values()] == [
        s.position for s in fresh.sources.values()
    ]


def test_without_cache_nothing_is_written(tmp_path: Path) -> None:
    folder = project(tmp_path, **{"m/a.yaml": MAP})
    argmap.load(folder / "m")
    assert not (folder / ".argmap_cache").exists()


def test_an_entry_holds_the_parse_of_the_bytes_it_is_keyed_on(tmp_path: Path) -> None:
    """A file replaced mid-load can never leave its old parse under its new content."""
    folder = project(tmp_path, **{"m/a.yaml": MAP})
    file = folder / "m" / "a.yaml"
    cache = Cache(tmp_path / "cache")
    contents = Contents()
    old = contents(file)  # the load read these bytes...
    file.write_text(MAP.replace("claim: c", "claim: changed"), encoding="utf-8")  # ...then this
    draft = pipeline.read_file(file, "yaml", contents=contents, cache=cache)
    assert draft.nodes[0].text == "c"  # parsed from the bytes read
    entry = cache.get(pipeline.entry_key("draft", "yaml", [(str(file), old)]))
    assert entry is not None
    new = pipeline.entry_key("draft", "yaml", [(str(file), file.read_bytes())])
    assert cache.get(new) is None  # the new content has no entry yet: it will be parsed
    assert argmap.load(folder / "m", cache=tmp_path / "cache").nodes[0].text == "changed"


def test_the_key_changes_with_every_input() -> None:
    base = pipeline.entry_key("draft", "yaml", [("a.yaml", b"x")])
    assert base == pipeline.entry_key("draft", "yaml", [("a.yaml", b"x")])
    assert base != pipeline.entry_key("draft", "yaml", [("b.yaml", b"x")])
    assert base != pipeline.entry_key("draft", "yaml", [("a.yaml", b"y")])
    assert base != pipeline.entry_key("draft", "json", [("a.yaml", b"x")])
    assert base != pipeline.entry_key("bibliography", "yaml", [("a.yaml", b"x")])
