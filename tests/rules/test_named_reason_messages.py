"""Findings and labels name a named reason by its name, an unnamed one by its number."""

from __future__ import annotations

from collections.abc import Callable

from argmap import ArgumentMap, check
from argmap.acceptability import label_map

UNDERCUT = """\
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
    objection: The figures mislead.
    undercuts: T1/structural
  O2:
    objection: Trade says nothing.
    undercuts: T1/2
"""


def messages(argument_map: ArgumentMap, code: str) -> list[str]:
    return [d.message for d in check(argument_map) if d.code == code]


def why(argument_map: ArgumentMap) -> dict[str, str]:
    return {status.node: status.why for status in label_map(argument_map)}


def test_defeated_claim_names_each_undercut_reason(load_map: Callable[..., ArgumentMap]) -> None:
    argument_map = load_map(UNDERCUT)
    assert why(argument_map)["T1"] == (
        "no reason stands: reason `structural` undercut by `O1`; reason `trade` undercut by `O2`"
    )
    (message,) = messages(argument_map, "AM017")
    assert "reason `structural` undercut by `O1`" in message


def test_unnamed_reasons_keep_their_numbers(load_map: Callable[..., ArgumentMap]) -> None:
    text = UNDERCUT.replace("structural: E1 + E2\n      trade: E3", "- E1 + E2\n      - E3")
    argument_map = load_map(text.replace("T1/structural", "T1/1"))
    assert why(argument_map)["T1"] == (
        "no reason stands: reason 1 undercut by `O1`; reason 2 undercut by `O2`"
    )


def test_standing_and_falling_reasons_by_name(load_map: Callable[..., ArgumentMap]) -> None:
    answered = UNDERCUT + "  C1:\n    claim: They do not.\n    attacks: O1\n    because: E1\n"
    found = why(load_map(answered))
    assert found["T1"] == (
        "reason `structural` stands (its undercut `O1` is answered by `C1`); "
        "reason `trade` undercut by `O2`"
    )
    both = answered + "  C2:\n    claim: It does.\n    attacks: O2\n    because: E2\n"
    assert why(load_map(both))["T1"] == (
        "reasons `structural` and `trade` stand; in reason `structural`, its undercut `O1` is "
        "answered by `C1`; in reason `trade`, its undercut `O2` is answered by `C2`"
    )


def test_a_reason_that_needs_a_node_is_named(load_map: Callable[..., ArgumentMap]) -> None:
    text = UNDERCUT.replace("trade: E3", "trade: E3 + C9").replace(
        "  O2:", "  C9: {claim: x}\n  O2:"
    )
    assert "reason `trade` needs `C9`, which nothing grounds" in why(load_map(text))["T1"]


def test_double_counted_premise_names_the_reasons(load_map: Callable[..., ArgumentMap]) -> None:
    text = UNDERCUT.replace("trade: E3", "trade: E1 + E3")
    (message,) = messages(load_map(text), "AM021")
    assert message.startswith("claim `T1` counts `E1` in reasons `structural` and `trade`: ")
    covered = UNDERCUT.replace("trade: E3", "trade: E1 + E2 + E3")
    message = messages(load_map(covered), "AM021")[0]  # one per shared premise
    assert "reason `trade` holds every premise of reason `structural`" in message
    assert "drop reason `trade`" in message


def test_double_counted_premise_numbers_unnamed_reasons(
    load_map: Callable[..., ArgumentMap],
) -> None:
    text = UNDERCUT.replace("structural: E1 + E2\n      trade: E3", "- E1 + E2\n      - E1 + E3")
    (message,) = messages(load_map(text.replace("T1/structural", "T1/1")), "AM021")
    assert message.startswith("claim `T1` counts `E1` in reasons 1 and 2: ")


def test_an_unanswered_undercut_by_a_claim_names_the_reason(
    load_map: Callable[..., ArgumentMap],
) -> None:
    text = UNDERCUT.replace("objection: Trade says nothing.", "claim: Trade says nothing.")
    text = text.replace("undercuts: T1/2", "undercuts: T1/2\n    because: E3")
    found = messages(load_map(text), "AM008")
    assert "undercut of `T1/trade` by `O2` is not answered; add a node that `attacks: O2`, " in (
        " ".join(found)
    )
    unnamed = text.replace("structural: E1 + E2\n      trade: E3", "- E1 + E2\n      - E3")
    found = messages(load_map(unnamed.replace("T1/structural", "T1/1")), "AM008")
    assert any(m.startswith("undercut of `T1/2` by `O2` is not answered") for m in found)
