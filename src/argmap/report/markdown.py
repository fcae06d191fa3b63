"""The Markdown report: the same summary as the HTML page, for a pull request or an issue.

GitHub-flavoured Markdown: a summary (counts, the theses with their labels and why, findings
per rule), every finding in a table per rule, each thesis with its reasons and attackers, the
sources table, and each thesis's trace down to the sources as the text ``argmap trace``
prints. Every user-written string is escaped (:func:`escape`): Markdown's punctuation, ``|``
in tables, ``$`` (GitHub reads math between dollars), and anything that could start a block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from argmap.diagnostics import Diagnostic
from argmap.diagnostics import summary as findings_summary
from argmap.model import Locator, LocatorLabel, Node
from argmap.render.dot import paragraphs
from argmap.render.tree import trace_to_text
from argmap.report._data import Report, counted, label_word, plural, stands
from argmap.trace import trace_down

__all__ = ["escape", "to_markdown"]

#: How many levels each thesis's trace goes down (a deeper map is cut, and says so).
TRACE_DEPTH = 12
#: The most node ids a cell of the sources table lists.
LISTED = 20

_INVALID = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|~$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))")
_CODE = re.compile(r"`([^`]+)`")
_SPACES = re.compile(r"\s+")
_SEVERITY_WORD = {"error": "error", "warning": "warning", "info": "note"}


def escape(text: str) -> str:
    """Return user text fit for one line of Markdown: it shows as written, nothing more.

    Whitespace runs become one space; Markdown's punctuation, ``|``, ``$`` and entity
    references are escaped, and so is whatever would start a heading, a list or a rule.
    """
    return _escaped(text.strip())


def _escaped(text: str) -> str:
    """:func:`escape` without the strip: for pieces of a line, whose spaces count."""
    flat = _SPACES.sub(" ", _INVALID.sub("", text))
    flat = _PUNCTUATION.sub(r"\\\1", flat)
    flat = _ENTITY.sub(r"\\&", flat)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", flat, count=1)


def _code(text: str) -> str:
    """An inline code span for an id or key, ``|`` escaped for tables."""
    flat = " ".join(_INVALID.sub("", text).split()).replace("|", "\\|")
    fence = "``" if "`" in flat else "`"
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _rich(text: str) -> str:
    """A message with its backticked parts kept as code and the rest escaped."""
    parts: list[str] = []
    position = 0
    for found in _CODE.finditer(text):
        parts.append(_escaped(text[position : found.start()]))
        parts.append(_code(found.group(1)))
        position = found.end()
    parts.append(_escaped(text[position:]))
    return "".join(parts).strip()


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    return [_row(head), _row("---" for _ in head), *(_row(row) for row in rows)]


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def to_markdown(report: Report) -> str:
    """Return the report as GitHub-flavoured Markdown, ending with a newline.

    Args:
        report: What to show, from :func:`argmap.report.build_report`.

    Returns:
        The Markdown text; the same report always gives the same text.
    """
    title = report.map.title or "Argument map"
    lines = [
        f"# {escape(title)}",
        "",
        "A review of the argument map: what it claims, what stands, what it rests on.",
        "",
        *_summary(report),
        *_findings(report),
        *_theses(report),
        *_sources(report),
        *_traces(report),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(report: Report) -> list[str]:
    amap = report.map
    labels = ", ".join(f"{count:,} {label.name}" for label, count in report.label_counts.items())
    facts = [
        f"{len(amap):,} nodes: {counted(report.kind_counts)}",
        f"labels: {labels}",
        plural(sum(1 for row in report.sources if row.cited), "source") + " cited",
    ]
    if report.text is not None:
        facts.append(
            f"analysed text: {plural(len(report.text.paragraphs), 'paragraph')}, "
            f"{len(report.uncovered):,} without a node"
        )
    lines = ["## Summary", "", "; ".join(facts) + ".", "", "### Theses", ""]
    if amap.theses:
        rows = []
        for thesis in amap.theses:
            status = report.status(thesis.id)
            rows.append(
                [
                    f"**{label_word(status.label)}**",
                    f"[{_code(thesis.id)}](#{_anchor(_thesis_heading(report, thesis))})",
                    escape(thesis.text),
                    _rich(status.why),
                ]
            )
        lines += _table(["Label", "Thesis", "Claim", "Why"], rows)
    else:
        lines.append("The map marks no thesis.")
    lines += ["", "### Findings per rule", "", findings_summary(report.diagnostics), ""]
    if report.rules:
        rows = [
            [
                f"[{rule.code}](#{_anchor(_rule_heading(rule.code, rule.name))})",
                rule.name,
                _SEVERITY_WORD[rule.severity.value],
                f"{rule.count:,}",
            ]
            for rule in report.rules
        ]
        lines += [*_table(["Code", "Rule", "Severity", "Count"], rows), ""]
    return lines


def _rule_heading(code: str, name: str) -> str:
    return f"{code} {name}"


def _thesis_heading(report: Report, thesis: Node) -> str:
    return f"{escape(thesis.id)} ({label_word(report.status(thesis.id).label)})"


def _findings(report: Report) -> list[str]:
    lines = ["## Findings", ""]
    if not report.diagnostics:
        return [*lines, "No findings.", ""]
    by_rule: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        by_rule.setdefault(diagnostic.code, []).append(diagnostic)
    for rule in report.rules:
        lines += [f"### {_rule_heading(rule.code, rule.name)}", ""]
        if rule.summary:
            lines += [f"*{_rich(rule.summary)}* ({_SEVERITY_WORD[rule.severity.value]})", ""]
        rows = [
            [
                _code(d.node) if d.node is not None else "*map*",
                escape(f"{d.file}:{d.line}"),
                _rich(d.message),
            ]
            for d in by_rule[rule.code]
        ]
        lines += [*_table(["Node", "Where", "Message"], rows), ""]
    return lines


def _theses(report: Report) -> list[str]:
    theses = report.map.theses
    if not theses:
        return []
    lines = ["## Theses", ""]
    for thesis in theses:
        status = report.status(thesis.id)
        lines += [f"### {_thesis_heading(report, thesis)}", "", f"> {escape(thesis.text)}", ""]
        where = f" ({escape(paragraphs(thesis.at))})" if thesis.at else ""
        lines += [f"**{label_word(status.label)}**: {_rich(status.why)}.{where}", ""]
        if reasons := report.reasons(thesis):
            lines += ["Reasons:", ""]
            for reason in reasons:
                premises = " + ".join(_code(p) for p in reason.premises)
                linked = " (linked)" if reason.linked else ""
                cut_by = ""
                if reason.undercutters:
                    cut_by = "; undercut by " + ", ".join(_code(u) for u in reason.undercutters)
                name = "" if reason.name is None else f"*{escape(reason.name)}*: "
                lines.append(
                    f"{reason.number}. {name}{premises}{linked}: **{label_word(reason.label)}**, "
                    f"{stands(reason.label)}{cut_by}"
                )
            lines.append("")
        if rebuttals := report.rebuttals(thesis.id):
            lines += [f"Attacked by: {_attackers(report, rebuttals)}.", ""]
        if thesis.citations:
            cited = "; ".join(_citation(report, c.key, c.locator) for c in thesis.citations)
            lines += [f"Cites: {cited}.", ""]
        if found := report.findings(thesis.id):
            lines += ["Findings:", ""]
            lines += [
                f"- {_SEVERITY_WORD[d.severity.value]} {d.code} {d.name}: {_rich(d.message)}"
                for d in found
            ]
            lines.append("")
    return lines


def _attackers(report: Report, attackers: Sequence[str]) -> str:
    parts = []
    for attacker in attackers:
        text = f"{_code(attacker)} ({label_word(report.labels.get(attacker))})"
        node = report.map.get(attacker)
        if node is not None and node.kind == "objection":
            answers = report.rebuttals(attacker)
            if answers:
                text += ", answered by " + ", ".join(_code(a) for a in answers)
            else:
                text += ", unanswered"
        parts.append(text)
    return "; ".join(parts)


def _citation(report: Report, key: str, locator: Locator | None) -> str:
    where = f", {escape(str(locator))}" if locator is not None else ""
    if key == report.map.analysed:
        if locator is not None and locator.label is LocatorLabel.NOTE:
            return f"footnote {escape(locator.value)} of the analysed text"
        return f"the analysed text{where}"
    return f"{_code(key)} ({escape(report.source_label(key))}){where}"


def _sources(report: Report) -> list[str]:
    lines = ["## Sources", ""]
    if not report.sources:
        return [*lines, "The map cites no source and has no bibliography.", ""]
    theses = {node.id for node in report.map.theses}
    rows = []
    for row in report.sources:
        entry = escape(report.reference(row.key))
        if row.analysed:
            entry = f"the analysed text: {entry}"
        falling = [node_id for node_id in row.falls if node_id in theses]
        rows.append(
            [
                _code(row.key),
                entry,
                _counted_ids(row.citing),
                f"{len(row.resting):,}",
                _counted_ids(row.falls),
                ", ".join(_code(t) for t in falling) or "\u2013",
            ]
        )
    lines += _table(
        ["Source", "Entry", "Citing", "Resting", "Falls without it", "Theses that fall"], rows
    )
    lines += [
        "",
        (
            "Citing: nodes citing the source. Resting: nodes resting on it through any chain of "
            "reasons, citing ones included. Falls without it: nodes that would lose all grounding "
            "(AM002) were it withdrawn."
        ),
        "",
    ]
    return lines


def _counted_ids(ids: Sequence[str]) -> str:
    if not ids:
        return "0"
    shown = ", ".join(_code(i) for i in ids[:LISTED])
    more = f" and {len(ids) - LISTED:,} more" if len(ids) > LISTED else ""
    return f"{len(ids):,}: {shown}{more}"


def _traces(report: Report) -> list[str]:
    theses = report.map.theses
    if not theses:
        return []
    lines = [
        "## Traces",
        "",
        (
            f"Each thesis down to its sources, as `argmap trace` prints it ({TRACE_DEPTH} levels "
            "at most)."
        ),
        "",
    ]
    for thesis in theses:
        tree = trace_to_text(trace_down(report.map, thesis.id, depth=TRACE_DEPTH))
        longest = max((len(run) for run in re.findall(r"`+", tree)), default=0)
        fence = "`" * max(3, longest + 1)
        heading = f"### Trace of {escape(thesis.id)}"
        lines += [heading, "", f"{fence}text", tree.rstrip("\n"), fence, ""]
    return lines
