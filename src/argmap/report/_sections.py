"""The report's sections around the diagram: summary, findings, sources, analysed text."""

from __future__ import annotations

from collections.abc import Sequence

from argmap._label import Label
from argmap.diagnostics import Diagnostic
from argmap.diagnostics import summary as findings_summary
from argmap.report._data import Report, counted, label_word, plural
from argmap.report._markup import (
    badge,
    esc,
    fragment,
    node_link,
    node_links,
    rich,
    rule_anchor,
    source_anchor,
)

__all__ = ["findings", "sources", "summary", "text_pane"]

#: The most node ids a cell of the sources table lists before saying how many more.
LISTED = 40

_NONE = "\u2013"
_SEVERITY_WORD = {"error": "error", "warning": "warning", "info": "note"}


def summary(report: Report) -> str:
    """Return the summary: counts, the theses with their labels and why, findings per rule."""
    amap = report.map
    labels = ", ".join(f"{badge(label)} {count:,}" for label, count in report.label_counts.items())
    facts = [
        f"{len(amap):,} nodes: {esc(counted(report.kind_counts))}",
        f"labels: {labels}",
        plural(sum(1 for row in report.sources if row.cited), "source") + " cited",
    ]
    if report.text is not None:
        uncovered = len(report.uncovered)
        count = plural(len(report.text.paragraphs), "paragraph")
        facts.append(f'<a href="#text">analysed text</a>: {count}, {uncovered:,} without a node')
    parts = [
        '<section id="summary" class="summary">',
        "<h2>Summary</h2>",
        f'<p class="facts">{"; ".join(facts)}.</p>',
        '<div class="cols">',
        _theses(report),
        _rule_counts(report),
        "</div>",
        "</section>",
    ]
    return "\n".join(parts)


def _theses(report: Report) -> str:
    theses = report.map.theses
    if not theses:
        return '<div class="col"><h3>Theses</h3><p class="open">The map marks no thesis.</p></div>'
    rows = []
    for thesis in theses:
        status = report.status(thesis.id)
        rows.append(
            f'<tr data-node="{esc(thesis.id)}" data-label="{label_word(status.label)}">'
            f"<td>{badge(status.label)}</td><td>{node_link(report, thesis.id)}</td>"
            f'<td><span class="text">{esc(thesis.text)}</span>'
            f'<span class="why">{rich(report, status.why)}</span></td></tr>'
        )
    return (
        '<div class="col theses"><h3>Theses</h3><table class="theses">'
        "<thead><tr><th>Label</th><th>Thesis</th><th>Claim, and why it has its label</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _rule_counts(report: Report) -> str:
    head = f"<h3>Findings</h3><p>{esc(findings_summary(report.diagnostics))}</p>"
    if not report.rules:
        return f'<div class="col rules">{head}</div>'
    rows = "".join(
        f'<tr><td><a href="{fragment(rule_anchor(r.code))}">{esc(r.code)}</a></td>'
        f'<td><a href="{fragment(rule_anchor(r.code))}">{esc(r.name)}</a></td>'
        f"<td>{_severity(r.severity.value)}</td>"
        f'<td class="num">{r.count:,}</td></tr>'
        for r in report.rules
    )
    return (
        f'<div class="col rules">{head}<table class="rules"><thead><tr><th>Code</th>'
        "<th>Rule</th><th>Severity</th><th>Count</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _severity(value: str) -> str:
    word = _SEVERITY_WORD[value]
    return f'<span class="sev sev-{word}">{word}</span>'


def findings(report: Report) -> str:
    """Return every finding, grouped by rule (the groups the summary's counts link to)."""
    parts = ['<section id="findings" class="findings-section">', "<h2>Findings</h2>"]
    if not report.diagnostics:
        parts += ["<p>No findings.</p>", "</section>"]
        return "\n".join(parts)
    by_rule: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        by_rule.setdefault(diagnostic.code, []).append(diagnostic)
    for rule in report.rules:
        parts.append(
            f'<div class="rule-group" id="{esc(rule_anchor(rule.code))}" '
            f'data-rule="{esc(rule.code)}"><h3>{esc(rule.code)} {esc(rule.name)} '
            f"{_severity(rule.severity.value)} "
            f'<span class="count">{rule.count:,}</span> '
            f'<button type="button" class="js-only show-rule" data-rule="{esc(rule.code)}">'
            "show in the map</button></h3>"
        )
        if rule.summary:
            parts.append(f'<p class="rule-summary">{rich(report, rule.summary)}</p>')
        parts.append(_findings_table(report, by_rule[rule.code]))
        parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


def _findings_table(report: Report, found: Sequence[Diagnostic]) -> str:
    rows = []
    for diagnostic in found:
        node_id = diagnostic.node
        known = node_id is not None and node_id in report.map
        label = label_word(report.labels[node_id]) if known and node_id else ""
        cell = node_link(report, node_id) if node_id is not None else "<em>map</em>"
        rows.append(
            f'<tr data-node="{esc(node_id or "")}" data-label="{label}">'
            f"<td>{cell}</td>"
            f'<td class="pos">{esc(diagnostic.file)}:{diagnostic.line}</td>'
            f"<td>{rich(report, diagnostic.message)}</td></tr>"
        )
    return (
        '<table class="findings"><thead><tr><th>Node</th><th>Where</th><th>Message</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def sources(report: Report) -> str:
    """Return the sources table, weightiest first, each entry formatted."""
    parts = ['<section id="sources" class="sources-section">', "<h2>Sources</h2>"]
    if not report.sources:
        parts += ["<p>The map cites no source and has no bibliography.</p>", "</section>"]
        return "\n".join(parts)
    parts.append(
        '<p class="legend"><b>Citing</b>: nodes citing the source. <b>Resting</b>: nodes '
        "resting on it through any chain of reasons, citing ones included. <b>Falls without "
        "it</b>: nodes that would lose all grounding (AM002) were it withdrawn, and among them "
        "the theses.</p>"
    )
    theses = {node.id for node in report.map.theses}
    rows = []
    for row in report.sources:
        if row.analysed:
            entry = (
                f'<span class="refer">the analysed text: {esc(report.reference(row.key))}</span>'
            )
        elif row.source is None:
            entry = '<span class="open">not in the bibliography</span>'
        else:
            entry = f'<span class="refer">{esc(report.reference(row.key))}</span>'
        falling = [node_id for node_id in row.falls if node_id in theses]
        rows.append(
            f'<tr id="{esc(source_anchor(row.key))}" class="{"cited" if row.cited else "uncited"}">'
            f'<td><b class="key">{esc(row.key)}</b><br>{entry}</td>'
            f"<td>{_ids(report, row.citing)}</td>"
            f'<td class="num">{len(row.resting):,}</td>'
            f"<td>{_ids(report, row.falls)}</td>"
            f"<td>{node_links(report, falling) or _NONE}</td></tr>"
        )
    parts.append(
        '<table class="sources"><thead><tr><th>Source</th><th>Citing</th><th>Resting</th>'
        "<th>Falls without it</th><th>Theses that fall</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    parts.append("</section>")
    return "\n".join(parts)


def _ids(report: Report, ids: Sequence[str]) -> str:
    """A count, then the ids linked (the first :data:`LISTED` of them)."""
    if not ids:
        return '<span class="num">0</span>'
    shown = node_links(report, ids[:LISTED], " ")
    more = f" and {len(ids) - LISTED:,} more" if len(ids) > LISTED else ""
    return f'<span class="num">{len(ids):,}</span> <span class="ids">{shown}{more}</span>'


def text_pane(report: Report) -> str:
    """Return the analysed text, each paragraph with its nodes; nothing without a text."""
    text = report.text
    if text is None:
        return ""
    unmapped = report.map.unmapped
    covered = report.paragraph_nodes
    parts = [
        '<aside class="textpane" id="text" aria-label="Analysed text">',
        (
            '<div class="pane-bar"><h2>Analysed text</h2>'
            f'<span class="pane-status">{plural(len(text.paragraphs), "paragraph")}, '
            f"{len(report.uncovered):,} without a node</span></div>"
        ),
        '<div class="paras">',
    ]
    for paragraph in text.paragraphs:
        number = paragraph.number
        ids = covered.get(number, ())
        if ids:
            nodes = f'<p class="pnodes">{node_links(report, ids, " ")}</p>'
            css = "para"
        elif number in unmapped:
            nodes = f'<p class="pnodes none">No node: left unmapped, {esc(unmapped[number])}</p>'
            css = "para uncovered unmapped"
        else:
            nodes = '<p class="pnodes none">No node comes from this paragraph.</p>'
            css = "para uncovered"
        parts.append(
            f'<div class="{css}" id="para-{number}" data-nodes="{esc(" ".join(ids))}">'
            f'<a class="pnum" href="#para-{number}" title="Paragraph {number}">{number}</a>'
            f'<p class="ptext">{esc(paragraph.text)}</p>{nodes}</div>'
        )
    parts += ["</div>", "</aside>"]
    return "\n".join(parts)


def label_filter_options() -> str:
    """Return the options of the label filter."""
    return "".join(
        f'<option value="{label.name}">{label.name}</option>'
        for label in (Label.IN, Label.OUT, Label.UNDEC)
    )
