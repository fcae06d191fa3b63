"""The entry of each node: what it says, why it stands or falls, what it rests on.

An entry is an ``<article id="arg-node-ID">`` holding the node's kind, text and paragraphs, its
label and why, each reason with its premises and whether it stands, what it supports, attacks
and is attacked by (with the answers), its citations formatted from the bibliography with
their locators, its note and findings, and its trace down to the sources. Data attributes
(``data-label``, ``data-rules``, ``data-paras``) let the page's script filter and highlight
without parsing the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.diagnostics import Diagnostic
from argmap.model import Citation, LocatorLabel, Node
from argmap.report._data import Report, by_group, kind_of, label_word, stands
from argmap.report._markup import (
    badge,
    cut,
    esc,
    fragment,
    node_anchor,
    node_link,
    node_links,
    paragraph_links,
    rich,
    rule_anchor,
    source_anchor,
)
from argmap.trace import TraceCitation, TraceNode, trace_down

__all__ = ["TRACE_DEPTH", "TRACE_ROWS", "entries", "entry"]

#: How many levels an entry's trace goes down; deeper nodes show theirs in their own entries.
TRACE_DEPTH = 10
#: The most rows an entry's trace shows, so that a big map's report stays small.
TRACE_ROWS = 80
#: Characters of a node's text a row of a trace shows (its entry has all of it).
TRACE_TEXT = 70

_DOT = " \u00b7 "
_SEVERITY_WORD = {"error": "error", "warning": "warning", "info": "note"}


def entries(report: Report) -> str:
    """Return every node's entry, grouped by kind, file order within a group."""
    parts: list[str] = []
    for kind, heading, nodes in by_group(report.map.nodes):
        parts.append(f'<h3 class="group g-{kind}">{esc(heading)} ({len(nodes):,})</h3>')
        parts.extend(entry(report, node) for node in nodes)
    return "\n".join(parts)


def entry(report: Report, node: Node) -> str:
    """Return one node's entry."""
    kind = kind_of(node)
    status = report.status(node.id)
    word = label_word(status.label)
    rules = " ".join(report.rule_codes(node.id))
    paras = " ".join(str(n) for n in sorted(set(node.at)))
    head = (
        f'<article class="entry k-{kind}" id="{esc(node_anchor(node.id))}" '
        f'data-node="{esc(node.id)}" data-kind="{kind}" data-label="{word}" '
        f'data-rules="{rules}" data-paras="{paras}">'
    )
    where = [paragraph_links(report, node.at)] if node.at else []
    where.append(f'<span class="pos">{esc(node.position.file)}:{node.position.line}</span>')
    lines = [
        head,
        (
            f'<h4><span class="eid">{esc(node.id)}</span> <span class="kind">{kind}</span> '
            f"{badge(status.label)}</h4>"
        ),
        f'<p class="where">{_DOT.join(where)}</p>',
        f'<p class="text">{esc(node.text)}</p>',
        f'<p class="why">{badge(status.label)} {rich(report, status.why)}</p>',
        _fields(report, node),
        _trace(report, node),
        "</article>",
    ]
    return "\n".join(line for line in lines if line)


def _fields(report: Report, node: Node) -> str:
    rows: list[tuple[str, str]] = []
    if node.reasons:
        rows.append(("Reasons", _reasons(report, node)))
    if supports := report.supports(node.id):
        rows.append(("Supports", _supports(report, supports)))
    rebutted = [a for a in node.attacks if not a.undercut]
    if rebutted:
        answers = node.kind != "objection" and all(
            (t := report.map.get(a.target)) is not None and t.kind == "objection" for a in rebutted
        )
        rows.append(
            ("Answers" if answers else "Attacks", node_links(report, [a.target for a in rebutted]))
        )
    if undercut := [a for a in node.attacks if a.undercut]:
        text = ", ".join(
            f"reason {_word(report, a.target, a.reason or 0)} of {node_link(report, a.target)}"
            for a in undercut
        )
        rows.append(("Undercuts", text))
    if rebuttals := report.rebuttals(node.id):
        name = "Answered by" if node.kind == "objection" else "Attacked by"
        rows.append((name, _attackers(report, rebuttals)))
    if node.citations:
        rows.append(("Cites", _citations(report, node.citations)))
    if node.note:
        rows.append(("Note", esc(node.note)))
    if found := report.findings(node.id):
        rows.append(("Findings", findings_list(report, found)))
    if node.ignore:
        items = "".join(
            f'<li><a href="{fragment(rule_anchor(s.code))}">{esc(s.code)}</a>: {esc(s.reason)}</li>'
            for s in node.ignore
        )
        rows.append(("Ignores", f"<ul>{items}</ul>"))
    if not rows:
        return ""
    body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="fields">{body}</dl>'


def _reasons(report: Report, node: Node) -> str:
    items = []
    for reason in report.reasons(node):
        premises = " + ".join(node_link(report, p) for p in reason.premises)
        linked = ' <span class="linked">linked</span>' if reason.linked else ""
        state = stands(reason.label)
        cut_by = ""
        if reason.undercutters:
            cut_by = f"; undercut by {node_links(report, reason.undercutters)}"
        name = "" if reason.name is None else f'<span class="name">{esc(reason.name)}</span>: '
        items.append(
            f'<li class="reason lab-{label_word(reason.label).lower()}">'
            f"{badge(reason.label)} {name}{premises}{linked} "
            f'<span class="state">{state}{cut_by}</span></li>'
        )
    return f'<ol class="reasons">{"".join(items)}</ol>'


def _supports(report: Report, supports: Sequence[tuple[str, int]]) -> str:
    parts = []
    for conclusion, number in supports:
        several = len(report.map.node(conclusion).reasons) > 1
        word = _word(report, conclusion, number)
        parts.append(node_link(report, conclusion) + (f" (reason {word})" if several else ""))
    return ", ".join(parts)


def _word(report: Report, node_id: str, number: int) -> str:
    """A reason as the report names it: ``trade`` for a named reason, else its number."""
    node = report.map.get(node_id)
    return str(number) if node is None else esc(node.reason_name(number))


def _attackers(report: Report, attackers: Sequence[str]) -> str:
    items = []
    for attacker in attackers:
        line = f"{node_link(report, attacker)} {badge(report.labels.get(attacker))}"
        node = report.map.get(attacker)
        if node is not None and node.kind == "objection":
            answers = report.rebuttals(attacker)
            if answers:
                line += f", answered by {node_links(report, answers)}"
            else:
                line += ', <span class="open">unanswered</span>'
        items.append(f"<li>{line}</li>")
    return f'<ul class="attackers">{"".join(items)}</ul>'


def _citations(report: Report, citations: Sequence[Citation]) -> str:
    items = []
    for citation in citations:
        key = _source_link(citation.key)
        locator = citation.locator
        where = (
            f", {esc(str(locator))}"
            if locator is not None
            else ' <span class="open">no locator</span>'
        )
        if report.is_analysed(citation):
            what = "the analysed text"
            if locator is not None and locator.label is LocatorLabel.NOTE:
                what = f"footnote {esc(locator.value)} of the analysed text"
                where = ""
            items.append(f"<li>{key}: {what}{where}</li>")
            continue
        reference = esc(report.reference(citation.key))
        if citation.key not in report.map.sources:
            reference = f'<span class="open">{reference}</span>'
        items.append(f'<li>{key}{where}: <span class="refer">{reference}</span></li>')
    return f'<ul class="citations">{"".join(items)}</ul>'


def findings_list(report: Report, found: Sequence[Diagnostic]) -> str:
    """Return findings as a list: severity, the rule linked to its group, the message."""
    items = []
    for diagnostic in found:
        severity = _SEVERITY_WORD[diagnostic.severity.value]
        items.append(
            f'<li class="sev-{severity}"><span class="sev">{severity}</span> '
            f'<a href="{fragment(rule_anchor(diagnostic.code))}">{esc(diagnostic.code)} '
            f"{esc(diagnostic.name)}</a>: {rich(report, diagnostic.message)}</li>"
        )
    return f'<ul class="findings">{"".join(items)}</ul>'


# --- the trace down ----------------------------------------------------------------------------


def _trace(report: Report, node: Node) -> str:
    """The tree below the node, down to its sources, or nothing when there is nothing below."""
    if not node.reasons and not report.map.attacks_on(node.id):
        return ""
    tree = trace_down(report.map, node.id, depth=TRACE_DEPTH)
    budget = [TRACE_ROWS]
    body = _below(report, tree, budget)
    more = ""
    if budget[0] < 0:
        more = (
            f'<p class="more">The trace is cut after {TRACE_ROWS} rows: follow the links to '
            "the entries below.</p>"
        )
    return (
        '<details class="trace" open><summary>Trace down to the sources</summary>'
        f'<ul class="tree">{body}</ul>{more}</details>'
    )


def _below(report: Report, trace: TraceNode, budget: list[int]) -> str:
    """The rows below a traced node: citations, reasons with undercuts, then attackers.

    ``budget`` holds how many rows may still be written; it goes below zero once a row had
    to be left out.
    """
    rows = [
        f'<li class="c">{_cited(report, cited)}</li>' for cited in trace.citations if _take(budget)
    ]
    several = len(trace.reasons) > 1
    for reason in trace.reasons:
        word = esc(reason.name) if reason.name is not None else str(reason.number)
        name = f"reason {word}" if several or reason.name is not None else ""
        if reason.linked:
            if _take(budget):
                lead = f"because ({name + ', ' if name else ''}linked):"
                inner = "".join(_node_row(report, p, "", budget) for p in reason.premises)
                rows.append(f"<li><em>{lead}</em><ul>{inner}</ul></li>")
        elif reason.premises:
            lead = f"because ({name})" if name else "because"
            rows.append(_node_row(report, reason.premises[0], lead, budget))
        lead = f"\u2694 undercuts reason {word}:"
        rows.extend(_node_row(report, cutter, lead, budget) for cutter in reason.undercutters)
    lead = "answered by" if trace.kind == "objection" else "\u2694 attacked by"
    rows.extend(_node_row(report, attacker, lead, budget) for attacker in trace.attackers)
    return "".join(rows)


def _take(budget: list[int]) -> bool:
    """Count one more row; whether it may be written."""
    budget[0] -= 1
    return budget[0] >= 0


def _node_row(report: Report, trace: TraceNode, lead: str, budget: list[int]) -> str:
    if not _take(budget):
        return ""
    lead_html = f"<em>{esc(lead)}</em> " if lead else ""
    node = trace.node
    if node is None:
        return f'<li>{lead_html}<code class="missing">{esc(trace.id)}</code> (not in the map)</li>'
    if trace.cycle:
        return f"<li>{lead_html}\u21bb cycle back to {node_link(report, node.id)}</li>"
    kind = kind_of(node)
    word = label_word(report.labels.get(node.id))
    parts = [
        (
            f'<li>{lead_html}<a class="k-{kind}" href="{fragment(node_anchor(node.id))}">'
            f'{esc(node.id)}</a> <small>{kind}</small> <b class="lab-{word.lower()}">{word}</b> '
            f"{esc(cut(node.text, TRACE_TEXT))}"
        )
    ]
    if node.at:
        parts.append(f" <small>{paragraph_links(report, node.at)}</small>")
    if trace.repeated:
        parts.append(" <small>(shown above)</small>")
    elif trace.truncated:
        parts.append(" <small>(more below: see its entry)</small>")
    elif node.kind == "objection" and not trace.attackers:
        parts.append(' <span class="open">unanswered</span>')
    below = _below(report, trace, budget)
    if below:
        parts.append(f"<ul>{below}</ul>")
    parts.append("</li>")
    return "".join(parts)


def _source_link(key: str) -> str:
    return f'<a class="cite" href="{fragment(source_anchor(key))}">{esc(key)}</a>'


def _cited(report: Report, cited: TraceCitation) -> str:
    key = _source_link(cited.key)
    locator = cited.citation.locator
    where = f", {esc(str(locator))}" if locator is not None else ""
    if cited.footnote is not None:
        return f"cites footnote {esc(cited.footnote)} of the analysed text ({key})"
    if cited.analysed:
        return f"cites the analysed text ({key}){where}"
    if cited.source is None:
        return f'cites {key} <span class="open">(not in the bibliography)</span>{where}'
    return f"cites {key} ({esc(report.source_label(cited.key))}){where}"
