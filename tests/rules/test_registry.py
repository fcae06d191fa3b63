"""Every rule's own examples: the firing one reports it, the clean one does not."""

from __future__ import annotations

import re

import pytest

from argmap.linter import run_example
from argmap.rules import BY_CODE, RULES, Rule, lookup


def _run(rule: Rule, which: str) -> list[str]:
    return [d.code for d in run_example(getattr(rule, which))]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_firing_example_fires(rule: Rule) -> None:
    assert rule.code in _run(rule, "firing")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_clean_example_is_clean(rule: Rule) -> None:
    assert rule.code not in _run(rule, "clean")


def test_codes_are_unique_sorted_and_consecutive() -> None:
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    assert codes == [f"AM{n:03d}" for n in range(1, len(codes) + 1)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert not rule.name.startswith(("no-", "disallow-")) or rule.code == "AM010"
    for text in (rule.summary, rule.rationale, rule.fix):
        assert text.strip()
        assert text.endswith(".")


def test_contract_names() -> None:
    contract = {
        "AM001": "unsupported-claim",
        "AM002": "ungrounded-claim",
        "AM003": "circular-support",
        "AM004": "uncited-evidence",
        "AM005": "unknown-source",
        "AM006": "missing-locator",
        "AM007": "unsupported-figure",
        "AM008": "unanswered-objection",
        "AM009": "disconnected-node",
        "AM010": "no-thesis",
        "AM011": "unused-source",
        "AM012": "rests-on-assumption",
    }
    assert {code: BY_CODE[code].name for code in contract} == contract
    defaults = {"AM003": "error", "AM005": "error", "AM010": "error", "AM011": "info"}
    for code, severity in defaults.items():
        assert BY_CODE[code].severity.value == severity


def test_lookup_by_code_or_name() -> None:
    assert lookup("am004") is lookup("uncited-evidence") is BY_CODE["AM004"]
    assert lookup("AM999") is None
