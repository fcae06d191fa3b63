"""Named reasons: ``because:`` as a mapping from names to reasons, ``undercuts: ID/name``."""

from __future__ import annotations

import copy
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, LoadError, load
from argmap.acceptability import label_map
from argmap.loading.assemble import assemble
from argmap.loading.pack import pack_draft, unpack_draft
from argmap.loading.read_simple import read_simple
from argmap.loading.read_yaml import read_composed, read_yaml
from argmap.model import Attack, Claim, Reason

FLOW = """\
nodes:
  T1:
    claim: The thesis.
    thesis: true
    because: {structural: C1 + C2, trade: C3}
  C1: {evidence: one}
  C2: {evidence: two}
  C3: {evidence: three}
  O1:
    objection: The trade figures mislead.
    undercuts: T1/trade
"""

BLOCK = """\
nodes:
  T1:
    claim: The thesis.
    thesis: true
    because:
      structural: C1 + C2
      trade: C3
  C1: {evidence: one}
  C2: {evidence: two}
  C3: {evidence: three}
  O1:
    objection: The trade figures mislead.
    undercuts: T1/trade
"""


def errors_of(write_map: Callable[..., Path], text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(write_map(text))
    return [f"{e.line}:{e.column}: {e.message}; {e.hint}" for e in info.value.errors]


@pytest.mark.parametrize("text", [FLOW, BLOCK], ids=["flow", "block"])
def test_a_mapping_names_the_reasons_in_written_order(
    load_map: Callable[..., ArgumentMap], text: str
) -> None:
    argument_map = load_map(text)
    thesis = argument_map.node("T1")
    assert thesis.reasons == (Reason(("C1", "C2"), "structural"), Reason(("C3",), "trade"))
    assert [r.position.line for r in thesis.reasons] == ([5, 5] if text is FLOW else [6, 7])
    (attack,) = argument_map.node("O1").attacks
    assert attack == Attack("T1", 2, "trade")
    assert attack.undercut  # the loader found the number
    assert not Attack("T1", None, "trade").undercut  # a name alone is not read as one
    assert str(attack) == "T1/trade"


def test_a_list_still_gives_unnamed_reasons(load_map: Callable[..., ArgumentMap]) -> None:
    text = FLOW.replace("{structural: C1 + C2, trade: C3}", "[C1 + C2, C3]")
    argument_map = load_map(text.replace("T1/trade", "T1/2"))
    assert [r.name for r in argument_map.node("T1").reasons] == [None, None]
    assert argument_map.node("T1").reason_ref(2) == "T1/2"


def test_a_number_still_addresses_a_named_reason(load_map: Callable[..., ArgumentMap]) -> None:
    argument_map = load_map(FLOW.replace("undercuts: T1/trade", "undercuts: T1/2"))
    (attack,) = argument_map.node("O1").attacks
    assert attack == Attack("T1", 2)
    assert str(attack) == "T1/2"  # as written
    assert argument_map.reason_ref("T1", attack.reason or 0) == "T1/trade"  # as outputs name it


def test_swapping_named_reasons_keeps_the_undercut_on_its_reason(
    load_map: Callable[..., ArgumentMap],
) -> None:
    swapped = FLOW.replace("{structural: C1 + C2, trade: C3}", "{trade: C3, structural: C1 + C2}")
    before, after = load_map(FLOW), load_map(swapped)
    for argument_map in (before, after):
        (attack,) = argument_map.node("O1").attacks
        assert attack.reason is not None
        undercut = argument_map.node("T1").reasons[attack.reason - 1]
        assert undercut == Reason(("C3",), "trade")
    assert {s.node: s.label for s in label_map(before)} == {
        s.node: s.label for s in label_map(after)
    }


def test_an_undercut_in_another_file_finds_the_name(load_map: Callable[..., ArgumentMap]) -> None:
    head, tail = FLOW.split("  O1:\n")
    argument_map = load_map({"a.yaml": head, "b.yaml": "nodes:\n  O1:\n" + tail})
    assert argument_map.node("O1").attacks == (Attack("T1", 2, "trade"),)


def test_a_duplicate_name_is_one_error_at_its_line(write_map: Callable[..., Path]) -> None:
    text = BLOCK.replace("      trade: C3\n", "      trade: C3\n      structural: C2\n")
    assert errors_of(write_map, text) == [
        "8:7: duplicate reason name `structural` in `because` of node `T1`; "
        "give each reason of a node its own name"
    ]


@pytest.mark.parametrize("name", ["1st", "two words", "a/b", "_x", "é-x"])
def test_a_name_must_follow_the_id_rule(write_map: Callable[..., Path], name: str) -> None:
    text = BLOCK.replace("      trade: C3\n", f"      {name}: C3\n").replace("T1/trade", "T1/1")
    (error,) = errors_of(write_map, text)
    assert error.startswith(f"7:7: bad reason name `{name}` in `because` of node `T1`; ")
    assert "names start with a letter" in error


def test_a_reason_in_a_mapping_must_be_text(write_map: Callable[..., Path]) -> None:
    text = BLOCK.replace("      trade: C3\n", "      trade: [C3]\n")
    (error,) = errors_of(write_map, text)
    assert error.startswith("7:14: a reason must be text, got a list;")


def test_a_wrong_name_suggests_one_of_the_nodes_reason_names(
    write_map: Callable[..., Path],
) -> None:
    assert errors_of(write_map, FLOW.replace("T1/trade", "T1/trades")) == [
        "11:16: unknown reason `trades` of `T1` in `undercuts` of `O1`; did you mean `trade`?"
    ]


def test_a_name_far_from_any_lists_the_names(write_map: Callable[..., Path]) -> None:
    assert errors_of(write_map, FLOW.replace("T1/trade", "T1/zzz")) == [
        "11:16: unknown reason `zzz` of `T1` in `undercuts` of `O1`; "
        "`T1`'s reasons are named `structural` and `trade`"
    ]


def test_a_name_on_unnamed_reasons_says_to_count(write_map: Callable[..., Path]) -> None:
    text = FLOW.replace("{structural: C1 + C2, trade: C3}", "[C1 + C2, C3]")
    assert errors_of(write_map, text) == [
        "11:16: bad reason reference `T1/trade`: `T1` has 2 reasons, none named; "
        "write `T1/N`, N from 1 to 2"
    ]


def test_a_bad_reference_names_both_forms(write_map: Callable[..., Path]) -> None:
    (error,) = errors_of(write_map, FLOW.replace("T1/trade", "T1/1st"))
    assert "bad reason reference `T1/1st` in `undercuts`" in error
    assert "`ID/N` or `ID/name`" in error


def _plain(text: str) -> str:
    """The text with its one-line evidence nodes written in block style, as the fast reader
    reads them."""
    return re.sub(r"  (\w+): \{evidence: (\w+)\}", r"  \1:\n    evidence: \2", text)


@pytest.mark.parametrize(
    "text",
    [FLOW, BLOCK, FLOW.replace("T1/trade", "T1/2"), BLOCK.replace("trade: C3", "trade: C3 + C1")],
)
def test_the_fast_reader_reads_named_reasons_alike(text: str) -> None:
    fast = read_simple("m.yaml", _plain(text))
    assert fast is not None
    assert fast == read_composed("m.yaml", _plain(text))


@pytest.mark.parametrize(
    "text",
    [
        BLOCK.replace("trade: C3", "trade: C3\n      trade: C1"),  # duplicate
        BLOCK.replace("trade: C3", "1x: C3"),  # bad name
        BLOCK.replace("trade: C3", "trade: [C3]"),  # not text
        BLOCK.replace("trade: C3", "trade:"),  # empty
        FLOW.replace("trade: C3", "trade: C3, trade: C1"),
        FLOW.replace("trade: C3", "t_1: C3"),  # a name the fast reader leaves to PyYAML
        BLOCK.replace("trade: C3", "null: C3"),
    ],
)
def test_the_fast_reader_declines_what_it_does_not_read_alike(text: str) -> None:
    fast = read_simple("m.yaml", _plain(text))
    assert fast is None or fast == read_composed("m.yaml", _plain(text))
    if "trade: C3\n      trade" in text or "1x" in text or "[C3]" in text:
        assert fast is None


def test_names_survive_the_cache() -> None:
    draft = read_yaml("m.yaml", BLOCK.encode())
    again = unpack_draft(pack_draft(draft))
    assert again == draft
    assert again.nodes[0].reasons[1].name == "trade"
    assert again.nodes[-1].attacks[0].name == "trade"


def test_named_reasons_pickle_and_copy_equal() -> None:
    node = Claim(id="T1", text="t", reasons=(Reason(("C1",), "trade"),))
    attack = Attack("T1", 1, "trade")
    for value in (node, attack):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
    assert Reason(("C1",), "trade") != Reason(("C1",))
    assert Attack("T1", 1, "trade") != Attack("T1", 1)


_NAMES = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)


@given(
    names=st.lists(_NAMES, min_size=2, max_size=5, unique=True),
    data=st.data(),
)
@settings(max_examples=40, deadline=None)
def test_any_order_of_named_reasons_keeps_each_undercut_on_its_reason(
    names: list[str], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(names))
    target = data.draw(st.sampled_from(names))
    premises = {name: f"E{i}" for i, name in enumerate(names)}
    because = "".join(f"      {name}: {premises[name]}\n" for name in order)
    evidence = "".join(f"  {premises[name]}: {{evidence: e}}\n" for name in names)
    text = (
        f"nodes:\n  T1:\n    claim: c\n    because:\n{because}{evidence}"
        f"  O1:\n    objection: o\n    undercuts: T1/{target}\n"
    )
    draft = read_yaml("m.yaml", text.encode())
    assert draft.errors == ()
    argument_map = assemble([draft])
    (attack,) = argument_map.node("O1").attacks
    assert attack.reason is not None
    reason = argument_map.node("T1").reasons[attack.reason - 1]
    assert reason == Reason((premises[target],), target)
    assert attack.reason == order.index(target) + 1
