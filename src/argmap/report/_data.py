"""What a report holds: everything computed once from the map, for every writer to read.

:func:`build_report` checks nothing and lays nothing out: it gathers the map's findings (given,
or from :func:`argmap.check`), the label of every node and reason
(:mod:`argmap.acceptability`), the weight of every source (:func:`argmap.trace.weigh_sources`)
and, with an analysed text, which nodes each paragraph holds. The HTML and Markdown writers
only arrange what is here, so both say the same thing.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmap._label import Label
from argmap.acceptability import Status, Weighing, weigh
from argmap.bibliography import format_reference, short_label
from argmap.diagnostics import Diagnostic, Severity, sort
from argmap.model import AnalysedText, ArgumentMap, Citation, Node
from argmap.trace import SourceWeight, weigh_sources

__all__ = ["ReasonView", "Report", "RuleCount", "build_report", "kind_of"]

#: Node kinds in the order entries are grouped, with the group's heading.
GROUPS = (
    ("thesis", "Theses"),
    ("claim", "Claims"),
    ("evidence", "Evidence"),
    ("premise", "Premises"),
    ("assumption", "Assumptions (left unstated by the author)"),
    ("objection", "Objections"),
)


def kind_of(node: Node) -> str:
    """Return ``thesis`` for a thesis, else the node's kind."""
    return "thesis" if node.thesis else node.kind


@attrs.frozen
class RuleCount:
    """How many findings one rule has in the report.

    Attributes:
        code: The rule's code, such as ``AM004``.
        name: The rule's name, such as ``uncited-evidence``.
        severity: The severity its findings were reported with (the worst, if they differ).
        count: The number of findings.
        summary: The rule's one-line summary from the registry ("" for an unknown code).
    """

    code: str
    name: str
    severity: Severity
    count: int
    summary: str = ""


@attrs.frozen
class ReasonView:
    """One reason of a node as a report shows it.

    Attributes:
        number: The reason's 1-based number, as in ``undercuts: ID/N``.
        premises: The premises' ids, as written.
        label: IN (it stands), OUT or UNDEC; None when it cannot be built because a premise is
            not grounded (it is then left out of the labelling, see
            :mod:`argmap.acceptability`).
        undercutters: The nodes undercutting it, in file order.
        name: Its name (``because: {name: ...}``), or None.
    """

    number: int
    premises: tuple[str, ...]
    label: Label | None
    undercutters: tuple[str, ...] = ()
    name: str | None = None

    @property
    def linked(self) -> bool:
        """Whether the premises work only together."""
        return len(self.premises) > 1


class Report:
    """Everything a report shows about one map, computed once.

    Build it with :func:`build_report`. Lookups (:meth:`status`, :meth:`reasons`,
    :meth:`reference`) read indexes made when it is built.

    Attributes:
        map: The map.
        text: The analysed text, or None.
        diagnostics: The findings, sorted by file, line and code.
        rules: The findings counted per rule, by code.
        sources: The sources, weightiest first (:func:`argmap.trace.weigh_sources`).
        weighing: The label of every node and buildable reason.
    """

    def __init__(
        self,
        argument_map: ArgumentMap,
        text: AnalysedText | None,
        diagnostics: Sequence[Diagnostic],
    ) -> None:
        """Compute the labels, source weights and indexes; see :func:`build_report`."""
        self.map = argument_map
        self.text = text
        self.diagnostics = tuple(sort(diagnostics))
        self.weighing: Weighing = weigh(argument_map)
        self.sources: tuple[SourceWeight, ...] = weigh_sources(argument_map)
        self.rules = _count_rules(self.diagnostics)
        self._findings: dict[str | None, list[Diagnostic]] = {}
        for diagnostic in self.diagnostics:
            key = diagnostic.node if diagnostic.node in argument_map else None
            self._findings.setdefault(key, []).append(diagnostic)
        self._statuses: dict[str, Status] = {}
        self._references: dict[str, str] = {}
        self._undercuts: dict[tuple[str, int], list[str]] = {}
        for node in argument_map.nodes:
            for attack in node.attacks:
                if attack.reason is not None:
                    self._undercuts.setdefault((attack.target, attack.reason), []).append(node.id)

    # --- nodes -------------------------------------------------------------------------------

    @functools.cached_property
    def labels(self) -> dict[str, Label]:
        """The label of every node, by id, in file order."""
        return {node_id: self.weighing[node_id] for node_id in self.map.ids}

    @functools.cached_property
    def label_counts(self) -> dict[Label, int]:
        """How many nodes have each label (IN, OUT, UNDEC), every label present."""
        counts = Counter(self.labels.values())
        return {label: counts[label] for label in (Label.IN, Label.OUT, Label.UNDEC)}

    @functools.cached_property
    def kind_counts(self) -> dict[str, int]:
        """How many nodes of each kind (theses apart from claims), in the order of the groups."""
        counts = Counter(kind_of(node) for node in self.map.nodes)
        return {kind: counts[kind] for kind, _ in GROUPS if counts[kind]}

    def status(self, node_id: str) -> Status:
        """Return a node's label with one line saying why."""
        found = self._statuses.get(node_id)
        if found is None:
            found = self._statuses[node_id] = self.weighing.status(node_id)
        return found

    def reasons(self, node: Node) -> tuple[ReasonView, ...]:
        """Return a node's reasons, each with its label and its undercutters."""
        labels = self.weighing.labels
        views = []
        for number, reason in enumerate(node.reasons, start=1):
            name = f"{node.id}/{number}"
            label = labels.get(name, None)
            cutters = tuple(self._undercuts.get((node.id, number), ()))
            views.append(ReasonView(number, reason.premises, label, cutters, reason.name))
        return tuple(views)

    def rebuttals(self, node_id: str) -> tuple[str, ...]:
        """Return the nodes rebutting a node (``attacks:``), each once, in file order."""
        return tuple(
            dict.fromkeys(a for a, attack in self.map.attacks_on(node_id) if not attack.undercut)
        )

    def supports(self, node_id: str) -> tuple[tuple[str, int], ...]:
        """Return the reasons a node is a premise of, as (conclusion, reason number)."""
        return tuple((c, n) for c, n in self.map.used_in(node_id) if c in self.map)

    def findings(self, node_id: str | None) -> tuple[Diagnostic, ...]:
        """Return a node's findings; None gives the findings tied to no node of the map."""
        return tuple(self._findings.get(node_id, ()))

    def rule_codes(self, node_id: str) -> tuple[str, ...]:
        """Return the codes of a node's findings, each once, sorted."""
        return tuple(sorted({d.code for d in self._findings.get(node_id, ())}))

    def diagram_findings(self) -> dict[str, list[str]]:
        """Return ``{node id: ["AM004 uncited-evidence", ...]}`` for the diagrams."""
        return {
            node_id: [f"{d.code} {d.name}" for d in found]
            for node_id, found in self._findings.items()
            if node_id is not None
        }

    # --- sources -----------------------------------------------------------------------------

    def reference(self, key: str) -> str:
        """Return the full reference of a bibliography key, or a note saying it has none."""
        found = self._references.get(key)
        if found is None:
            source = self.map.sources.get(key)
            found = "(not in the bibliography)" if source is None else format_reference(source)
            self._references[key] = found
        return found

    def source_label(self, key: str) -> str:
        """Return an author-year label for a key (the key itself when it has no entry)."""
        source = self.map.sources.get(key)
        return key if source is None else short_label(source)

    def is_analysed(self, citation: Citation) -> bool:
        """Whether a citation names the analysed text (``map: analysed:``)."""
        return citation.key == self.map.analysed

    # --- the analysed text -------------------------------------------------------------------

    @functools.cached_property
    def paragraph_nodes(self) -> dict[int, tuple[str, ...]]:
        """The nodes mapped to each paragraph (``at:``), in file order, by paragraph number."""
        found: dict[int, list[str]] = {}
        for node in self.map.nodes:
            for number in dict.fromkeys(node.at):
                found.setdefault(number, []).append(node.id)
        return {number: tuple(ids) for number, ids in sorted(found.items())}

    @functools.cached_property
    def uncovered(self) -> tuple[int, ...]:
        """The paragraphs of the text no node comes from (deliberately unmapped ones included)."""
        if self.text is None:
            return ()
        covered = self.paragraph_nodes
        return tuple(p.number for p in self.text.paragraphs if p.number not in covered)


def _count_rules(diagnostics: Iterable[Diagnostic]) -> tuple[RuleCount, ...]:
    from argmap.rules import lookup  # noqa: PLC0415 - the registry imports every rule

    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    worst: dict[str, Severity] = {}
    order = list(Severity)
    for diagnostic in diagnostics:
        counts[diagnostic.code] += 1
        names.setdefault(diagnostic.code, diagnostic.name)
        seen = worst.get(diagnostic.code)
        if seen is None or order.index(diagnostic.severity) < order.index(seen):
            worst[diagnostic.code] = diagnostic.severity
    rows = []
    for code in sorted(counts):
        rule = lookup(code)
        summary = rule.summary if rule is not None else ""
        rows.append(RuleCount(code, names[code], worst[code], counts[code], summary))
    return tuple(rows)


def build_report(
    argument_map: ArgumentMap,
    *,
    text: AnalysedText | None = None,
    diagnostics: Sequence[Diagnostic] | None = None,
) -> Report:
    """Gather what a report shows about a map.

    Args:
        argument_map: The map.
        text: The analysed text; default: the one the map was loaded with, if any.
        diagnostics: The findings to show; default: :func:`argmap.check` with every rule and
            no project settings.

    Returns:
        The report's contents, for :func:`argmap.report.to_html` and
        :func:`argmap.report.to_markdown`.
    """
    if diagnostics is None:
        from argmap.linter import check  # noqa: PLC0415 - only when the caller has none

        diagnostics = check(argument_map)
    return Report(argument_map, text if text is not None else argument_map.text, diagnostics)


def by_group(nodes: Iterable[Node]) -> list[tuple[str, str, list[Node]]]:
    """Return the nodes grouped by kind as :data:`GROUPS` orders them, file order within."""
    grouped: dict[str, list[Node]] = {kind: [] for kind, _ in GROUPS}
    for node in nodes:
        grouped.setdefault(kind_of(node), []).append(node)
    return [(kind, heading, grouped[kind]) for kind, heading in GROUPS if grouped[kind]]


def label_word(label: Label | None) -> str:
    """Return ``IN``, ``OUT`` or ``UNDEC``; ``unbuilt`` for a reason that cannot be built."""
    return "unbuilt" if label is None else label.name


def stands(label: Label | None) -> str:
    """Return what a reason's label means in words: ``stands``, ``fails``, ``undecided``."""
    if label is None:
        return "cannot be built: a premise is not grounded"
    return {Label.IN: "stands", Label.OUT: "fails", Label.UNDEC: "undecided"}[label]


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return ``1 node``, ``2 nodes`` (or ``many`` for an irregular plural)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def counted(counts: Mapping[str, int]) -> str:
    """Return ``5 theses, 20 claims, 1 evidence``: kinds with their irregular plurals."""
    irregular = {"thesis": "theses", "evidence": "evidence"}
    return ", ".join(plural(n, kind, irregular.get(kind)) for kind, n in counts.items())
