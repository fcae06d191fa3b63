"""Imported kinds follow the dialectical role, and Argdown headings are kept (issue 18.4).

An attacker of an objection answers it and is a claim; an attacker of that answer is an
objection again. Headings become a note line on the nodes under them and are listed in the
import report. The corpus files are real Argdown from the Argdown project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import check, load
from argmap.interchange._common import Draft, objections
from argmap.interchange.aif import read_aif
from argmap.interchange.argdown import parse_argdown, read_argdown
from argmap.model import Attack, SourcePosition

from .conftest import SHARED

ARGDOWN = SHARED / "corpora" / "argdown" / "christianvoigt-argdown"
needs_corpus = pytest.mark.skipif(not ARGDOWN.is_dir(), reason="the shared corpora are absent")

EXCHANGE = """\
[T]: The thesis.
  <- [O]: An objection to it.
    <- [Bounds]: The objection overreaches.
      <- [Again]: The answer misreads the objection.
  <+ [E]: Some evidence.
"""


def kinds(text: str) -> dict[str, str]:
    return {node.id: node.kind for node in parse_argdown(text).map.nodes}


def test_an_answer_to_an_objection_is_a_claim_and_its_attacker_an_objection() -> None:
    assert kinds(EXCHANGE) == {
        "T": "claim",
        "O": "objection",
        "Bounds": "claim",
        "Again": "objection",
        "E": "premise",
    }
    argument_map = parse_argdown(EXCHANGE).map
    assert not argument_map.node("Bounds").thesis
    unanswered = [d.node for d in check(argument_map) if d.code == "AM008"]
    assert unanswered == ["Again"]  # O is answered by Bounds, which is no objection


def test_an_undercut_of_an_objections_reason_answers_it() -> None:
    text = """\
[T]: The thesis.
  <- [O]: An objection.
    <+ <W>: Its warrant.
      <_ [Irrelevant]: The warrant does not bear on it.
"""
    argument_map = parse_argdown(text).map
    assert argument_map.node("Irrelevant").attacks == (Attack("O", 1),)
    assert kinds(text)["Irrelevant"] == "claim"


def test_a_node_with_both_roles_is_an_objection() -> None:
    text = """\
[T]: The thesis.
  <- [O]: An objection.
    <- [Both]: Against the objection, and against the evidence too.
  <+ [E]: Evidence.
    <- [Both]
"""
    assert kinds(text)["Both"] == "objection"


def test_attackers_only_of_one_another_stay_objections() -> None:
    text = "[A]: One.\n  >< [B]: The other.\n"
    assert kinds(text) == {"A": "objection", "B": "objection"}


def test_a_circle_with_a_way_out_is_decided_from_outside() -> None:
    text = """\
[T]: The thesis.
  <- [A]: An objection.
    <- [B]: Its answer.
      <- [A]
"""
    assert kinds(text) == {"T": "claim", "A": "objection", "B": "claim"}


def test_kind_tags_decide_and_their_attackers_follow() -> None:
    text = """\
[T]: The thesis. #claim #thesis
  <- [Q]: A question, tagged an objection. #objection
    <- [R]: Its answer.
  <- [P]: Tagged a premise, though it attacks. #premise
    <- [S]: Against the premise.
"""
    assert kinds(text) == {
        "T": "claim",
        "Q": "objection",
        "R": "claim",
        "P": "premise",
        "S": "objection",
    }


def draft(node_id: str, *targets: str, kind: str | None = None) -> Draft:
    here = SourcePosition("m", 1)
    return Draft(node_id, "t", here, attacks=[Attack(t) for t in targets], kind=kind)


def test_objections_decides_a_long_exchange_in_one_pass() -> None:
    chain = [draft("N0")] + [draft(f"N{i}", f"N{i - 1}") for i in range(1, 2001)]
    found = objections(chain)
    assert found == {f"N{i}" for i in range(1, 2001, 2)}
    assert objections([draft("X", "nowhere")]) == {"X"}
    assert objections([draft("S", "S")]) == {"S"}  # a self-attack answers nothing


def test_aif_answers_are_claims_too() -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "The thesis."},
            {"nodeID": "2", "type": "I", "text": "An objection."},
            {"nodeID": "3", "type": "I", "text": "Its answer."},
            {"nodeID": "4", "type": "CA", "text": "Default Conflict"},
            {"nodeID": "5", "type": "CA", "text": "Default Conflict"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "4"},
            {"edgeID": "2", "fromID": "4", "toID": "1"},
            {"edgeID": "3", "fromID": "3", "toID": "5"},
            {"edgeID": "4", "fromID": "5", "toID": "2"},
        ],
    }
    found = {node.id: node.kind for node in read_aif(data).map.nodes}
    assert found == {"I1": "claim", "I2": "objection", "I3": "claim"}


@needs_corpus
def test_answers_in_the_legalisation_debate_are_no_unanswered_objections() -> None:
    path = ARGDOWN / "examples" / "legalisation-softdrugs.argdown"
    argument_map = load(path)
    answers = {"Addiction-no-reason-to-ban", "Coffee-houses"}
    assert {argument_map.node(a).kind for a in answers} == {"claim"}
    assert argument_map.node("Slippery-slope").kind == "objection"
    unanswered = {d.node for d in check(argument_map) if d.code == "AM008"}
    assert not unanswered & answers
    assert unanswered == {
        "Law-must-protect",
        "Soft-drugs-are-harmful",
        "Moral-leadership",
        "Major-differences",
        "Poor-reason",
        "Minimize-destructive-activity",
    }


@needs_corpus
def test_the_primer_answers_an_objection_with_another_argument() -> None:
    argument_map = load(ARGDOWN / "examples" / "argdown-primer.argdown")
    assert argument_map.node("Another-argument").kind == "objection"
    assert argument_map.node("Yet-another-argument").kind == "claim"
    unanswered = [d.node for d in check(argument_map) if d.code == "AM008"]
    assert "Yet-another-argument" not in unanswered


# -- headings ---------------------------------------------------------------------------------


SECTIONS = """\
# Rival hypotheses {isGroup: true}

[H1]: The first hypothesis.
  - [H2]: The second one.

## Evidence

[E]: A finding.
  +> [H1]

# Nothing here

# Arguments

<A>: An argument.
  -> [H2]
"""


def test_headings_are_noted_on_the_nodes_under_them_and_listed() -> None:
    result = parse_argdown(SECTIONS, file="m.argdown")
    notes = {node.id: node.note for node in result.map.nodes}
    assert notes == {
        "H1": "Argdown section: Rival hypotheses",
        "H2": "Argdown section: Rival hypotheses",
        "E": "Argdown section: Rival hypotheses > Evidence",
        "A": "Argdown section: Arguments",
    }
    report = result.report
    assert report.kept["headings (as notes on the nodes under them)"] == 3
    assert report.set_aside == {"headings with no node under them": 1}
    assert report.details == (
        "m.argdown:1:1: heading `# Rival hypotheses`: its tags and data set aside: {isGroup: true}",
        "m.argdown:1:1: heading `# Rival hypotheses` kept as the note line "
        "`Argdown section: ...` of 3 node(s): H1, H2, E",
        "m.argdown:6:1: heading `## Evidence` kept as the note line "
        "`Argdown section: ...` of 1 node(s): E",
        "m.argdown:11:1: heading `# Nothing here` has no node under it",
        "m.argdown:13:1: heading `# Arguments` kept as the note line "
        "`Argdown section: ...` of 1 node(s): A",
    )


def test_a_statement_belongs_to_the_section_it_is_defined_in() -> None:
    text = "# One\n\n[S]\n  - [O]: Against.\n\n# Two\n\n[S]: Defined here.\n"
    notes = {node.id: node.note for node in parse_argdown(text).map.nodes}
    assert notes["S"] == "Argdown section: Two"
    assert notes["O"] == "Argdown section: One"


def test_a_document_without_headings_has_no_section_notes() -> None:
    assert all(node.note is None for node in parse_argdown(EXCHANGE).map.nodes)


@needs_corpus
def test_the_semmelweis_sections_are_kept() -> None:
    result = read_argdown(ARGDOWN / "examples" / "semmelweis_betz.argdown")
    sections = {
        line
        for node in result.map.nodes
        for line in (node.note or "").split("\n")
        if line.startswith("Argdown section: ")
    }
    assert "Argdown section: Evidence" in sections
    assert "headings (sections)" not in result.report.set_aside
    listed = [d for d in result.report.details if "heading `" in d]
    assert any("{isGroup: false}" in d for d in listed)


@needs_corpus
@pytest.mark.parametrize(
    "path", sorted(ARGDOWN.rglob("*.argdown")) if ARGDOWN.is_dir() else [], ids=str
)
def test_no_heading_of_the_corpus_is_set_aside_silently(path: Path) -> None:
    try:
        result = read_argdown(path)
    except Exception:  # noqa: BLE001 - the malformed fixtures fail as test_interchange_argdown says
        return
    headings = result.report.kept.get("headings (as notes on the nodes under them)", 0)
    headings += result.report.set_aside.get("headings with no node under them", 0)
    listed = [d for d in result.report.details if "heading `" in d and "set aside:" not in d]
    assert len(listed) == headings


def test_a_heading_runs_on_to_the_next_empty_line() -> None:
    text = (
        "## Relations between\n@[H1] and the evidence {isGroup: false}\n\n"
        "[E]: A finding.\n  +> [H1]: A hypothesis.\n"
    )
    result = parse_argdown(text, file="m.argdown")
    assert result.map.node("E").note == (
        "Argdown section: Relations between @[H1] and the evidence"
    )
    assert "prose statements (untitled, in no relation)" not in result.report.set_aside
    assert result.report.details[0] == (
        "m.argdown:1:1: heading `## Relations between @[H1] and the evidence`: its tags and "
        "data set aside: {isGroup: false}"
    )
