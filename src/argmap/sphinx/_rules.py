"""The rule reference: a summary table and one section per rule, built from the registry.

The text is the registry's (:data:`argmap.rules.RULES`), the same that ``argmap rule`` prints.
Each rule's examples are checked while the page is read, and what ``argmap check`` reports on
the firing example is shown under it; an example that does not behave is a warning, so a
``sphinx-build -W`` run catches it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes

from argmap.errors import LoadError
from argmap.linter import run_example
from argmap.rules import RULES, Example, Rule, Status
from argmap.sphinx._log import warn
from argmap.sphinx._text import inline
from argmap.sphinx.domain import ArgDomain, RuleTarget, rule_anchor

__all__ = ["rule_sections"]


def rule_sections(docname: str, domain: ArgDomain, location: str) -> list[nodes.Node]:
    """Return the summary table and a section per rule, recording each rule in the domain.

    Args:
        docname: The document the reference is on.
        domain: Where the rules' sections are recorded, for ``:arg:rule:``.
        location: The directive's place, for warnings about misbehaving examples.
    """
    result: list[nodes.Node] = [_table()]
    for rule in RULES:
        title = f"{rule.code} {rule.name}"
        domain.add_rule(rule.code, RuleTarget(docname, rule_anchor(rule.code), title))
        result.append(_section(rule, location))
    return result


def _table() -> nodes.table:
    table = nodes.table(classes=["arg-rules"])
    group = nodes.tgroup(cols=4)
    table += group
    for width in (8, 22, 9, 61):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.Text(text)] for text in ("Code", "Name", "Severity", "What it does"))
    group += head
    body = nodes.tbody()
    for rule in RULES:
        link = nodes.reference("", rule.code, internal=True, refid=rule_anchor(rule.code))
        body += _row(
            [
                [link],
                [nodes.literal(rule.name, rule.name)],
                [nodes.Text(rule.severity.value)],
                inline(rule.summary),
            ]
        )
    group += body
    return table


def _row(cells: Iterable[Sequence[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", *content)
        row += entry
    return row


def _section(rule: Rule, location: str) -> nodes.section:
    title = f"{rule.code} {rule.name}"
    section = nodes.section(ids=[rule_anchor(rule.code)], names=[title.lower()])
    section += nodes.title(title, title)
    facts = f"Default severity: {rule.severity.value}. Since {rule.since}."
    if rule.status is not Status.STABLE:
        facts += f" Status: {rule.status.value}."
    section += nodes.paragraph(facts, facts, classes=["arg-rule-facts"])
    section += nodes.paragraph("", "", *inline(rule.summary))
    section += nodes.rubric("", "Why it matters")
    section += nodes.paragraph("", "", *inline(rule.rationale))
    section += nodes.rubric("", "Example")
    section.extend(_example(rule.firing))
    section.extend(_output(rule, location))
    section += nodes.rubric("", "Use instead")
    section.extend(_example(rule.clean))
    section += nodes.rubric("", "Fix")
    section += nodes.paragraph("", "", *inline(rule.fix))
    return section


def _example(example: Example) -> list[nodes.Node]:
    blocks: list[nodes.Node] = [_code(example.yaml, "yaml", "map.yaml")]
    if example.bib:
        blocks.append(_code(example.bib, "bibtex", "references.bib"))
    if example.text:
        blocks.append(_code(example.text, "text", "text.txt (the analysed text)"))
    return blocks


def _output(rule: Rule, location: str) -> list[nodes.Node]:
    """Return what ``argmap check`` reports on the firing example; warn if the examples lie."""
    try:
        firing = [d for d in run_example(rule.firing) if d.code == rule.code]
        clean = [d for d in run_example(rule.clean) if d.code == rule.code]
    except LoadError as error:
        warn(
            f"an example of {rule.code} does not load: {error.errors[0]}", "rule-example", location
        )
        return []
    if rule.status is not Status.REMOVED and not firing:
        warn(f"the firing example of {rule.code} reports nothing", "rule-example", location)
    if clean:
        warn(f"the clean example of {rule.code} reports {clean[0]}", "rule-example", location)
    if not firing:
        return []
    report = "".join(f"{d}\n" for d in firing)
    text = f"$ argmap check map.yaml\n{report}"
    return [nodes.literal_block(text, text, language="console", classes=["arg-report"])]


def _code(text: str, language: str, caption: str | None) -> nodes.Node:
    block = nodes.literal_block(text, text, language=language)
    if caption is None:
        return block
    container = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
    container += nodes.caption(caption, caption)
    container += block
    return container
