"""The fast reader of plain-style map files: it reads exactly what PyYAML's path reads, or
declines, so that the full reader takes over."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.loading.read_simple import read_simple
from argmap.loading.read_yaml import read_composed, read_yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write_map  # noqa: E402

PLAIN = """\
map:
  title: A title, with [brackets] and {braces}
  bibliography: [refs.bib, more.bib]
nodes:
  T1:
    claim: Armenia turned away from Russia.
    thesis: true

    because:
      - E1
      - E2 +  C3
    attacks: [O9]
  # a comment line between nodes
  E1:
    evidence: Imports fell below 10%.
    cites:
      - {key: smith2020, page: 4}
      - {key: jones2021}
    at: [3, 12]
  E2:
    evidence: Exports rose.
    cites: {key: smith2020, chapter: 2}
    note: a note
  C3:
    claim: Deals moved west.
    because: [E1 + E2, E1]
    undercuts: T1/2
"""


def same(text: str, name: str = "m.yaml") -> bool:
    """Whether the fast reader declines, or reads what the full reader reads."""
    fast = read_simple(name, text)
    return fast is None or fast == read_composed(name, text)


def test_the_plain_style_is_read_fast_and_alike() -> None:
    fast = read_simple("m.yaml", PLAIN)
    assert fast is not None
    assert fast == read_composed("m.yaml", PLAIN)
    assert fast.columns  # `E2 +  C3` keeps each premise's column
    assert read_yaml("m.yaml", PLAIN.encode()) == fast


@pytest.mark.parametrize(
    "text",
    [
        "nodes:\n  T1:\n    claim: one\n      two\n",  # a multi-line plain value
        "nodes:\n  T1:\n    claim: 'quoted'\n",
        "nodes:\n  T1:\n    claim: text # comment\n",
        "nodes:\n  T1:\n    claim: a: b\n",
        "nodes:\n  T1:\n    claim: null\n",
        "nodes:\n  T1:\n    claim: x\n    claim: y\n",
        "nodes:\n  T1:\n    claim: x\n    evidence: y\n",
        "nodes:\n  T1:\n    claim: x\n    color: red\n",
        "nodes:\n  T1:\n    claim: x\n    ignore: {AM004: why}\n",
        "nodes:\n  T1:\n    claim: x\n    because:\n    - E1\n",  # an indentless list
        "nodes:\n  T1:\n    claim: x\n    at: [0]\n",
        "nodes:\n  T1:\n    claim: x\n    at: [" + "9" * 5000 + "]\n",  # int() refuses it
        "nodes:\n  T1:\n    claim: x\n    thesis: maybe\n",
        "nodes:\n  T1:\n    evidence: x\n    thesis: true\n",
        "nodes:\n  T1:\n    claim: x\n    cites: [{key: a, page: 1, chapter: 2}]\n",
        "nodes:\n  T1:\n    claim: x\n    cites: [{page: 1}]\n",
        "nodes:\n  T1:\n    claim: x\n    undercuts: T2/0\n",
        "nodes:\n  T1:\n    claim: x\n  T1:\n    claim: y\n",
        "nodes:\n  T1:\n\tclaim: x\n",
        "nodes:\r\n  T1:\r\n    claim: x\r\n",
        "nodes:\n  T1:\n    claim: &a x\n",
        "nodes:\n  T1:\n    claim: x\u2028y\n",
        "---\nnodes:\n  T1:\n    claim: x\n",
        "nodes:\n",
        "nodes: {T1: {claim: x}}\n",
        "# only a comment\n",
        "map:\n  title: t\n  expect: {T1: in}\nnodes:\n  T1:\n    claim: x\n",
    ],
)
def test_what_it_does_not_know_goes_to_the_full_reader(text: str) -> None:
    assert read_simple("m.yaml", text) is None


def test_generated_maps_are_read_alike(tmp_path: Path) -> None:
    folder = write_map(tmp_path / "map", 600, files=3, seed=7).folder
    for file in sorted(folder.glob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        fast = read_simple(str(file), text)
        assert fast is not None
        assert fast == read_composed(str(file), text)


def test_the_repository_maps_are_read_alike() -> None:
    for file in sorted((ROOT / "arguments").glob("*.yaml")):
        assert same(file.read_text(encoding="utf-8"), str(file))


_PIECES = st.sampled_from(
    [" ", "  ", ":", ": ", "-", "- ", "#", " #", "'", '"', "[", "]", "{", "}", ",", "+", "\n",
     "\n  ", "\n    ", "\n      - ", "~", "null", "true", "0", "7", "01", "T1", "E1/2", "&",
     "*", "!", "|", ">", "?", "%", "@", "key: ", "page: ", "claim: ", "because: ", "é", "\t"]
)  # fmt: skip


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_any_edit_of_a_plain_map_is_read_alike_or_declined(data: st.DataObject) -> None:
    text = PLAIN
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(_PIECES) + text[at + cut :]
    assert same(text)
