"""The rules: one module each, collected in :data:`RULES`, sorted by code.

A new rule takes the next free code; a retired rule stays here with ``Status.REMOVED`` so its
code is never reused.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from argmap.rules import (
    circular_support,
    defeated_claim,
    disconnected_node,
    double_counted_premise,
    invalid_bibliography_entry,
    invalid_suppression,
    missing_locator,
    no_thesis,
    paragraph_out_of_range,
    rests_on_assumption,
    self_cited_evidence,
    unanswered_objection,
    uncited_evidence,
    uncited_premise,
    uncovered_paragraph,
    unexpected_label,
    ungrounded_claim,
    unknown_source,
    unsupported_claim,
    unsupported_figure,
    unused_source,
)
from argmap.rules._base import Context, Example, Finding, Rule, Status

__all__ = ["BY_CODE", "RULES", "Context", "Example", "Finding", "Rule", "Status", "lookup"]

#: Every rule, sorted by code.
RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            module.RULE
            for module in (
                unsupported_claim,
                ungrounded_claim,
                circular_support,
                uncited_evidence,
                unknown_source,
                missing_locator,
                unsupported_figure,
                unanswered_objection,
                disconnected_node,
                no_thesis,
                unused_source,
                rests_on_assumption,
                invalid_suppression,
                invalid_bibliography_entry,
                uncovered_paragraph,
                paragraph_out_of_range,
                defeated_claim,
                unexpected_label,
                uncited_premise,
                self_cited_evidence,
                double_counted_premise,
            )
        ),
        key=lambda rule: rule.code,
    )
)

#: The rules by code and by name.
BY_CODE: Mapping[str, Rule] = MappingProxyType(
    {rule.code: rule for rule in RULES} | {rule.name: rule for rule in RULES}
)


def lookup(code_or_name: str) -> Rule | None:
    """Return the rule with this code (``AM004``, any case) or name (``uncited-evidence``)."""
    return BY_CODE.get(code_or_name.upper()) or BY_CODE.get(code_or_name.lower())
