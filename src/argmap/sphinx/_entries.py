"""Docutils nodes for a map: its diagram, and one entry per node.

Nothing here loads, checks or lays out anything: the map, its diagnostics and its DOT text come
from the library, and this module only arranges them as document nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.ext.graphviz import graphviz

from argmap._label import Label
from argmap.acceptability import Status
from argmap.bibliography import short_label
from argmap.diagnostics import Diagnostic, Severity
from argmap.diagnostics import summary as diagnostics_summary
from argmap.model import ArgumentMap, Attack, Citation, Node
from argmap.render.dot import paragraphs
from argmap.sphinx._text import inline, short_text
from argmap.sphinx.domain import LOCATOR, QUIET, node_anchor

__all__ = ["LINKS", "MapView", "kind_of"]

#: The attribute of a ``graphviz`` node holding ``{node id: anchor}`` for the diagram's links,
#: which are added when the page is written and its URL is known.
LINKS = "argmap_links"

#: Node kinds in the order the entries are grouped, with the group's heading.
_GROUPS = (
    ("thesis", "Theses"),
    ("claim", "Claims"),
    ("evidence", "Evidence"),
    ("premise", "Premises"),
    ("assumption", "Assumptions (left unstated by the author)"),
    ("objection", "Objections"),
)

_SEVERITY_WORD = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_ADMONITION_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def kind_of(node: Node) -> str:
    """Return ``thesis`` for a thesis, else the node's kind."""
    return "thesis" if node.thesis else node.kind


class MapView:
    """Builds the document nodes for one map: diagram, findings, entries.

    Args:
        argument_map: The loaded map.
        diagnostics: Its findings, sorted.
        shown: Ids of the nodes to draw and list, in file order.
        show_findings: Whether findings appear as admonitions.
        statuses: Each shown node's label and why, when labels are shown.
    """

    def __init__(
        self,
        argument_map: ArgumentMap,
        diagnostics: Sequence[Diagnostic],
        shown: Sequence[str],
        *,
        show_findings: bool,
        statuses: Mapping[str, Status] | None = None,
    ) -> None:
        """Keep the map and index its findings by node."""
        self.map = argument_map
        self.statuses = statuses
        self.shown = shown
        self.shown_set = frozenset(shown)
        self.show_findings = show_findings
        self.findings: dict[str | None, list[Diagnostic]] = {}
        for diagnostic in diagnostics:
            self.findings.setdefault(diagnostic.node, []).append(diagnostic)

    # --- diagram -------------------------------------------------------------------------

    def diagram(self, dot: str, alt: str, docname: str, links: Mapping[str, str]) -> graphviz:
        """Return a ``graphviz`` node for ``sphinx.ext.graphviz`` to render.

        Args:
            dot: The DOT text.
            alt: The image's alternative text.
            docname: The document holding it (Graphviz runs in its folder).
            links: Anchor of each drawn node's entry, linked once the page's URL is known.
        """
        node = graphviz()
        node["code"] = dot
        node["options"] = {"docname": docname}
        node["alt"] = alt
        node["classes"] = ["arg-diagram"]
        node[LINKS] = dict(links)
        return node

    def labels(self) -> dict[str, Label] | None:
        """Return each shown node's label for the diagram, or None when labels are off."""
        if self.statuses is None:
            return None
        return {node_id: status.label for node_id, status in self.statuses.items()}

    def status(self, node_id: str) -> Status | None:
        """Return a node's label and why, or None when labels are off."""
        return None if self.statuses is None else self.statuses.get(node_id)

    def diagram_findings(self) -> dict[str, list[str]]:
        """Return ``{node id: ["AM004 uncited-evidence", ...]}`` for the diagram."""
        if not self.show_findings:
            return {}
        return {
            node_id: [f"{d.code} {d.name}" for d in found]
            for node_id, found in self.findings.items()
            if node_id is not None
        }

    # --- findings about the whole map ------------------------------------------------------

    def summary(self) -> list[nodes.Node]:
        """Return one line counting the shown part's findings by rule, each rule linked."""
        if not self.show_findings:
            return []
        found = [
            d
            for node_id, group in self.findings.items()
            if node_id is None or node_id in self.shown_set or node_id not in self.map
            for d in group
        ]
        line = nodes.paragraph(classes=["arg-summary"])
        line += nodes.Text(diagnostics_summary(found).removesuffix("."))
        counts = Counter((d.code, d.name) for d in found)
        for index, ((code, name), count) in enumerate(sorted(counts.items())):
            line += nodes.Text(": " if index == 0 else ", ")
            line += nodes.Text(f"{count} \u00d7 ")
            line += self.rule_link(code, f"{code} {name}")
        line += nodes.Text(".")
        return [line]

    def map_findings(self) -> list[nodes.Node]:
        """Return one admonition listing the findings not tied to a shown node."""
        if not self.show_findings:
            return []
        found = [
            d
            for node_id, group in self.findings.items()
            if node_id is None or (node_id not in self.shown_set and node_id not in self.map)
            for d in group
        ]
        if not found:
            return []
        box = nodes.admonition(classes=["arg-findings", "arg-map-findings", _worst(found)])
        box += nodes.title("", "Findings about the whole map")
        for diagnostic in found:
            box += self._finding(diagnostic)
        return [box]

    # --- entries -------------------------------------------------------------------------

    def entries(self, *, indexed: bool) -> list[nodes.Node]:
        """Return the node entries, grouped by kind under rubrics, in file order in a group.

        Args:
            indexed: Whether to add index entries (``False`` for ``:no-index:`` maps).
        """
        result: list[nodes.Node] = []
        shown = [self.map.node(node_id) for node_id in self.shown]
        for kind, heading in _GROUPS:
            group = [node for node in shown if kind_of(node) == kind]
            if not group:
                continue
            result.append(nodes.rubric("", heading, classes=["arg-group"]))
            for node in group:
                result.extend(self.entry(node, indexed=indexed))
        return result

    def entry(self, node: Node, *, indexed: bool) -> list[nodes.Node]:
        """Return one node's entry: its signature line, text, links and findings."""
        kind = kind_of(node)
        anchor = node_anchor(node.id)
        result: list[nodes.Node] = []
        if indexed:
            index = addnodes.index(
                entries=[("single", f"{node.id} (argument {kind})", anchor, "", None)]
            )
            result.append(index)
        desc = addnodes.desc(
            domain="arg", objtype="node", desctype="node", classes=["arg", "node", f"arg-{kind}"]
        )
        desc["noindex"] = not indexed
        signature = addnodes.desc_signature("", "", ids=[anchor], classes=["arg-signature"])
        signature += addnodes.desc_name(node.id, node.id)
        label = kind if not node.at else f"{kind} · {paragraphs(node.at)}"
        signature += addnodes.desc_annotation(f" {label}", f" {label}")
        status = self.status(node.id)
        if status is not None:
            word = status.label.name
            signature += nodes.Text(" ")
            signature += nodes.inline(word, word, classes=["arg-label", f"arg-{word.lower()}"])
        desc += signature
        content = addnodes.desc_content()
        content += nodes.paragraph(node.text, node.text, classes=["arg-text"])
        fields = self.fields(node)
        if fields.children:
            content += fields
        content.extend(self.node_findings(node))
        desc += content
        result.append(desc)
        return result

    def fields(self, node: Node) -> nodes.field_list:
        """Return the field list of a node: reasons, support, attacks, citations, note."""
        fields = nodes.field_list(classes=["arg-fields"])
        if node.reasons:
            fields += _field("Because", self.reasons(node))
        if supports := self.map.used_in(node.id):
            body: list[nodes.Node] = []
            for conclusion, number in supports:
                if body:
                    body.append(nodes.Text(", "))
                body.append(self.link(conclusion))
                concluded = self.map.node(conclusion)
                if len(concluded.reasons) > 1:  # a named reason by its name
                    body.append(nodes.Text(f" (reason {concluded.reason_name(number)})"))
            fields += _field("Supports", [nodes.paragraph("", "", *body)])
        rebutted = [attack for attack in node.attacks if attack.reason is None]
        if rebutted:
            name = "Answers" if self._answers(rebutted) and node.kind != "objection" else "Attacks"
            fields += _field(name, self.attacks(rebutted))
        if undercut := [attack for attack in node.attacks if attack.reason is not None]:
            fields += _field("Undercuts", self.attacks(undercut))
        rebuttals = [(a, atk) for a, atk in self.map.attacks_on(node.id) if atk.reason is None]
        if rebuttals:
            name = "Answered by" if node.kind == "objection" else "Attacked by"
            fields += _field(name, self.attackers(rebuttals))
        if node.citations:
            fields += _field("Cites", [self.citations(node.citations)])
        if node.note:
            fields += _field("Note", [nodes.paragraph(node.note, node.note)])
        if (status := self.status(node.id)) is not None:
            why = nodes.paragraph(classes=["arg-weighed"])
            why += nodes.Text(f"{status.label.name}: ")
            why.extend(inline(status.why, self._linked_id))
            fields += _field("Weighed", [why])
        if node.ignore:
            items = nodes.bullet_list()
            for entry in node.ignore:
                item = nodes.list_item()
                item += nodes.paragraph(
                    "", "", self.rule_link(entry.code), nodes.Text(f": {entry.reason}")
                )
                items += item
            fields += _field("Ignores", [items])
        return fields

    def reasons(self, node: Node) -> list[nodes.Node]:
        """Return the reasons as a list; a linked reason joins its premises with ``+``."""
        undercuts: dict[int, list[str]] = {}
        for attacker, attack in self.map.attacks_on(node.id):
            if attack.reason is not None:
                undercuts.setdefault(attack.reason, []).append(attacker)
        items = nodes.bullet_list(classes=["arg-reasons"])
        for number, reason in enumerate(node.reasons, start=1):
            line: list[nodes.Node] = []
            if reason.name is not None:
                line += [nodes.emphasis(reason.name, reason.name), nodes.Text(": ")]
            for index, premise in enumerate(reason.premises):
                if index:
                    line.append(nodes.Text(" + "))
                line.append(self.link(premise))
            if reason.linked:
                line.append(nodes.inline(" linked", " linked", classes=["arg-linked"]))
            if attackers := undercuts.get(number):
                line.append(nodes.Text(" \u2014 undercut by "))
                line.extend(self._attacker_list(attackers))
            item = nodes.list_item()
            item += nodes.paragraph("", "", *line)
            items += item
        return [items]

    def attacks(self, attacks: Sequence[Attack]) -> list[nodes.Node]:
        """Return what a node attacks: nodes, or reasons of nodes (undercuts)."""
        body: list[nodes.Node] = []
        for attack in attacks:
            if body:
                body.append(nodes.Text(", "))
            body.extend(self._attack(attack))
        return [nodes.paragraph("", "", *body)]

    def attackers(self, rebuttals: Sequence[tuple[str, Attack]]) -> list[nodes.Node]:
        """Return the nodes attacking a node, each with its answers (or ``unanswered``)."""
        body = self._attacker_list([attacker for attacker, _ in rebuttals])
        return [nodes.paragraph("", "", *body)]

    def citations(self, citations: Sequence[Citation]) -> nodes.paragraph:
        """Return the citations, each a link into the bibliography, in the project's style.

        The caption (``Walt 1987, p. 4``, ``[1, p. 4]``) is made when the page is written and
        the bibliography's labels are known; until then, and if the link finds nothing, it is
        the author-year form.
        """
        body: list[nodes.Node] = []
        for citation in citations:
            if body:
                body.append(nodes.Text("; "))
            source = self.map.sources.get(citation.key)
            label = short_label(source) if source is not None else citation.key
            locator = "" if citation.locator is None else str(citation.locator)
            text = f"{label}, {locator}" if locator else label
            ref = addnodes.pending_xref(
                "",
                nodes.inline(text, text, classes=["arg-cite"]),
                refdomain="arg",
                reftype="source",
                reftarget=citation.key,
                refexplicit=False,
                refwarn=False,
            )
            ref[QUIET] = True
            ref[LOCATOR] = locator
            body.append(ref)
        return nodes.paragraph("", "", *body)

    def node_findings(self, node: Node) -> list[nodes.Node]:
        """Return a node's findings as one admonition, or nothing."""
        found = self.findings.get(node.id, [])
        if not self.show_findings or not found:
            return []
        box = nodes.admonition(classes=["arg-findings", _worst(found)])
        for diagnostic in found:
            box += self._finding(diagnostic)
        return [box]

    # --- links ---------------------------------------------------------------------------

    def link(self, node_id: str) -> nodes.Node:
        """Return a link to a node: on this page when shown here, else through the domain."""
        target = self.map.get(node_id)
        title = f"{node_id}: {short_text(target.text)}" if target is not None else node_id
        text = nodes.inline(node_id, node_id, classes=["arg-ref"])
        if node_id in self.shown_set:
            ref = nodes.reference("", "", text, internal=True, refid=node_anchor(node_id))
            ref["reftitle"] = title
            return ref
        pending = addnodes.pending_xref(
            "",
            text,
            refdomain="arg",
            reftype="node",
            reftarget=node_id,
            refexplicit=True,
            refwarn=False,
        )
        pending[QUIET] = True
        return pending

    def rule_link(self, code: str, caption: str | None = None) -> nodes.Node:
        """Return a link to a rule's reference section (plain text if there is none)."""
        caption = caption or code
        pending = addnodes.pending_xref(
            "",
            nodes.inline(caption, caption, classes=["arg-rule"]),
            refdomain="arg",
            reftype="rule",
            reftarget=code,
            refexplicit=True,
            refwarn=False,
        )
        pending[QUIET] = True
        return pending

    def _finding(self, diagnostic: Diagnostic) -> nodes.paragraph:
        """Return ``warning AM004 uncited-evidence: message``, ids in the message linked."""
        severity = _SEVERITY_WORD[diagnostic.severity]
        head = f"{diagnostic.code} {diagnostic.name}"
        line = nodes.paragraph(classes=["arg-finding", f"arg-{severity}"])
        line += nodes.inline(severity, severity, classes=["arg-severity"])
        line += nodes.Text(" ")
        line += self.rule_link(diagnostic.code, head)
        line += nodes.Text(": ")
        line.extend(inline(diagnostic.message, self._linked_id))
        return line

    def _linked_id(self, word: str) -> nodes.Node | None:
        return self.link(word) if word in self.map else None

    def _attack(self, attack: Attack) -> list[nodes.Node]:
        if attack.reason is None:
            return [self.link(attack.target)]
        target = self.map.get(attack.target)
        which = str(attack.reason) if target is None else target.reason_name(attack.reason)
        return [nodes.Text(f"reason {which} of "), self.link(attack.target)]

    def _answers(self, attacks: Sequence[Attack]) -> bool:
        """Whether every attack targets an objection, so that the attacks answer objections."""
        return all(
            (target := self.map.get(attack.target)) is not None and target.kind == "objection"
            for attack in attacks
        )

    def _attacker_list(self, attackers: Sequence[str]) -> list[nodes.Node]:
        """Return attackers as links; an objection among them says what answers it, if any."""
        body: list[nodes.Node] = []
        for attacker in attackers:
            if body:
                body.append(nodes.Text("; "))
            body.append(self.link(attacker))
            if self.map.node(attacker).kind != "objection":
                continue
            answers = [a for a, atk in self.map.attacks_on(attacker) if atk.reason is None]
            if answers:
                body.append(nodes.Text(", answered by "))
                for index, answer in enumerate(answers):
                    if index:
                        body.append(nodes.Text(", "))
                    body.append(self.link(answer))
            else:
                body.append(nodes.Text(", "))
                body.append(nodes.inline("unanswered", "unanswered", classes=["arg-open"]))
        return body


def _field(name: str, body: Sequence[nodes.Node]) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name(name, name)
    field += nodes.field_body("", *body)
    return field


def _worst(found: Iterable[Diagnostic]) -> str:
    severities = {d.severity for d in found}
    for severity in Severity:
        if severity in severities:
            return _ADMONITION_CLASS[severity]
    return "note"
