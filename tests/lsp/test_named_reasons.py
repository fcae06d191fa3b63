"""The editor knows named reasons: hover, completion after ``ID/``, going to a reason."""

from __future__ import annotations

from pathlib import Path

from argmap.lsp.completion import complete
from argmap.lsp.hover import hover
from argmap.lsp.navigation import definition, references
from argmap.lsp.outline import read_outline
from argmap.lsp.session import Session

MAP = """\
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
    undercuts: T1/trade
  O2:
    objection: So does the structure.
    undercuts: T1/1
"""


def session_with(tmp_path: Path, text: str = MAP) -> tuple[Session, Path]:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    session = Session([tmp_path])
    session.opened(path, text)
    return session, path


def place(text: str, word: str, offset: int = 0) -> tuple[int, int]:
    at = text.index(word) + offset
    return text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1)


def test_the_outline_defines_a_named_reason_at_its_name() -> None:
    outline = read_outline(MAP)
    defined = [(o.name, o.span.line) for o in outline.occurrences if o.symbol == "reason"]
    assert defined == [("T1/structural", 5), ("T1/trade", 6), ("T1/trade", 12), ("T1/1", 15)]
    assert outline.aliases == (("T1/1", "T1/structural"), ("T1/2", "T1/trade"))


def test_hover_names_the_reasons(tmp_path: Path) -> None:
    session, path = session_with(tmp_path)
    shown, _ = hover(session, path, *place(MAP, "T1:")) or ("", None)
    assert "- reason `structural`: `E1` + `E2`" in shown
    assert "- reason `trade`: `E3`" in shown
    shown, _ = hover(session, path, *place(MAP, "T1/trade", 4)) or ("", None)
    assert shown == "reason `trade` (2) of `T1`: `E3` · **OUT**"
    shown, _ = hover(session, path, *place(MAP, "T1/1", 3)) or ("", None)
    assert shown.startswith("reason `structural` (1) of `T1`: `E1` + `E2`")


def test_completion_after_the_slash_offers_the_names(tmp_path: Path) -> None:
    text = MAP + "  O3:\n    objection: x\n    undercuts: T1/\n"
    session, path = session_with(tmp_path, text)
    found = complete(session, path, text.count("\n") - 1, len("    undercuts: T1/"))
    assert [(s.label, s.detail) for s in found] == [
        ("structural", "reason structural: E1 + E2"),
        ("trade", "reason trade: E3"),
    ]
    flow = text.replace(
        "because:\n      structural: E1 + E2\n      trade: E3",
        "because: {structural: E1 + E2, trade: E3}",
    )
    session.changed(path, flow)
    found = complete(session, path, flow.count("\n") - 1, len("    undercuts: T1/"))
    assert [s.detail for s in found] == ["reason structural: E1 + E2", "reason trade: E3"]


def test_completion_offers_numbers_for_unnamed_reasons(tmp_path: Path) -> None:
    text = "nodes:\n  T1:\n    claim: c\n    because: [E1, E2]\n  O1:\n    undercuts: T1/\n"
    session, path = session_with(tmp_path, text)
    found = complete(session, path, 5, len("    undercuts: T1/"))
    assert [s.label for s in found] == ["1", "2"]


def test_a_reason_by_name_or_number_goes_to_its_name(tmp_path: Path) -> None:
    session, path = session_with(tmp_path)
    for word in ("T1/trade", "T1/1"):
        (found,) = definition(session, path, *place(MAP, word, 4))
        expected = "trade:" if word == "T1/trade" else "structural:"
        assert (found.span.line, found.span.start) == place(MAP, expected)
    used = references(session, path, *place(MAP, "structural:"), declaration=False)
    assert [(loc.span.line, loc.span.start) for loc in used] == [place(MAP, "1\n", 0)]
