"""The ``arg`` domain: where every node, source and rule is documented, and links to them.

The directives record what they render in the domain's data while documents are read; the
roles and the bibliography read it back when documents are written. All state lives in
:attr:`ArgDomain.data`, behind typed properties, and every record names the document it came
from, so :meth:`ArgDomain.clear_doc` can forget a re-read document and
:meth:`ArgDomain.merge_domaindata` can combine what parallel readers found.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.nodes import Element, reference
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from argmap.errors import did_you_mean
from argmap.model import Source
from argmap.rules import lookup
from argmap.sphinx._citations import DEFAULT, Styled, cite, style_entries
from argmap.sphinx._log import warn

__all__ = [
    "LOCATOR",
    "QUIET",
    "ArgDomain",
    "Citing",
    "NodeTarget",
    "Place",
    "RuleTarget",
    "SourceRecord",
    "node_anchor",
    "rule_anchor",
    "source_anchor",
]

#: A pending ``:arg:source:`` reference carrying this attribute is a citation with a locator:
#: its caption is the citation in the project's style (``Walt 1987, p. 4``, ``[1, p. 4]``).
LOCATOR = "argmap_locator"

#: A pending reference carrying this attribute resolves here or stays plain text, silently:
#: the links inside generated entries never warn, nor go to another project.
QUIET = "argmap_quiet"


class NodeTarget(NamedTuple):
    """Where a map node is documented."""

    docname: str
    anchor: str
    #: The node's short text, used as the caption of ``:arg:node:`` links.
    title: str
    #: ``thesis``, ``claim``, ``evidence``, ``premise``, ``assumption`` or ``objection``.
    kind: str
    #: Line of the ``arg:map`` directive, for warnings.
    lineno: int


class SourceRecord(NamedTuple):
    """A bibliography entry as a map's bibliography gave it, ready to print."""

    #: The full reference (:func:`argmap.bibliography.format_reference`).
    reference: str
    #: The author-year label (:func:`argmap.bibliography.short_label`).
    label: str
    #: The title as plain text, to set it in italics inside the reference.
    title: str
    #: The entry itself, for the labelled citation styles (:mod:`argmap.sphinx._citations`).
    entry: Source | None = None


class Citing(NamedTuple):
    """A node citing a source: the bibliography's back-link."""

    docname: str
    node: str
    anchor: str
    #: The locator as written (``p. 4``), or empty.
    locator: str


class RuleTarget(NamedTuple):
    """Where a rule is documented."""

    docname: str
    anchor: str
    #: ``AM004 uncited-evidence``.
    title: str


class Place(NamedTuple):
    """A directive's place in the documentation."""

    docname: str
    lineno: int
    #: For a bibliography: whether it lists every known entry (``:all:``), cited or not.
    every: bool = False


def node_anchor(node_id: str) -> str:
    """Return the HTML anchor of a node's entry: ``arg-node-`` and the id, case kept."""
    return f"arg-node-{node_id}"


def rule_anchor(code: str) -> str:
    """Return the anchor of a rule's section: ``arg-rule-AM004``."""
    return f"arg-rule-{code}"


_SAFE_KEY = re.compile(r"[A-Za-z0-9_.-]+\Z")


def source_anchor(key: str) -> str:
    """Return the anchor of a bibliography entry: ``arg-source-`` and the key.

    Keys holding characters unsafe in an anchor (``doi:10/x``) get those replaced and a short
    hash of the key appended, so that two keys never share an anchor.
    """
    if _SAFE_KEY.match(key):
        return f"arg-source-{key}"
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"arg-source-{re.sub(r'[^A-Za-z0-9_.-]+', '-', key)}-{digest}"


class NodeRole(XRefRole):
    """``:arg:node:`ID```: a link to a node's entry, captioned with the node's short text.

    ``:arg:node:`~ID``` is captioned with the id itself, for running text that already says
    what the node says; ``:arg:node:`caption <ID>``` sets the caption.
    """

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        """Turn ``~ID`` into a link to ``ID`` captioned ``ID``."""
        if not has_explicit_title and target.startswith("~"):
            target = target[1:]
            title = target
            refnode["refexplicit"] = True
        return super().process_link(env, refnode, has_explicit_title, title, target)


class SourceRole(XRefRole):
    """``:arg:source:`key```: a link into the bibliography, captioned ``Author Year``.

    The key is noted as mentioned, so the bibliography lists it even when no map cites it.
    """

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: Element,
        is_ref: bool,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Note the mention, then return the pending reference unchanged."""
        domain = env.get_domain(ArgDomain.name)
        if isinstance(domain, ArgDomain):
            domain.note_mention(node["reftarget"], env.docname)
        return super().result_nodes(document, env, node, is_ref)


class RuleRole(XRefRole):
    """``:arg:rule:`AM004``` (or the rule's name): a link to the rule's reference section."""


class ArgDomain(Domain):
    """The ``arg`` domain: argument nodes, their sources and the rules that check them."""

    name = "arg"
    label = "Argument map"
    object_types: ClassVar[dict[str, ObjType]] = {
        "node": ObjType("argument node", "node"),
        "source": ObjType("source", "source"),
        "rule": ObjType("rule", "rule"),
    }
    roles: ClassVar[dict[str, Any]] = {
        "node": NodeRole(innernodeclass=nodes.inline, warn_dangling=True),
        "source": SourceRole(innernodeclass=nodes.inline, warn_dangling=True),
        "rule": RuleRole(innernodeclass=nodes.inline, warn_dangling=True),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "nodes": {},
        "sources": {},
        "citing": {},
        "analysed": {},
        "mentions": {},
        "bibliographies": {},
        "rules": {},
    }
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        """Start with no document read in this build."""
        super().__init__(env)
        #: Whether any document was read (or removed) in this build, so that the page
        #: holding the bibliography must be written again.
        self.changed = False
        self._styled: tuple[tuple[str, frozenset[str]], list[Styled]] | None = None

    # --- typed views over self.data -----------------------------------------------------

    @property
    def nodes(self) -> dict[str, NodeTarget]:
        """Documented nodes by id."""
        value: dict[str, NodeTarget] = self.data.setdefault("nodes", {})
        return value

    @property
    def sources(self) -> dict[str, dict[str, SourceRecord]]:
        """Every entry of the maps' bibliographies, by key, then by the document that read it."""
        value: dict[str, dict[str, SourceRecord]] = self.data.setdefault("sources", {})
        return value

    @property
    def citing(self) -> dict[str, list[Citing]]:
        """The nodes citing each key."""
        value: dict[str, list[Citing]] = self.data.setdefault("citing", {})
        return value

    @property
    def analysed(self) -> dict[str, set[str]]:
        """The documents whose map analyses each key (the header's ``analysed:``)."""
        value: dict[str, set[str]] = self.data.setdefault("analysed", {})
        return value

    @property
    def mentions(self) -> dict[str, set[str]]:
        """The documents naming each key with ``:arg:source:``."""
        value: dict[str, set[str]] = self.data.setdefault("mentions", {})
        return value

    @property
    def bibliographies(self) -> dict[str, Place]:
        """Where ``arg:bibliography`` directives are, by document."""
        value: dict[str, Place] = self.data.setdefault("bibliographies", {})
        return value

    @property
    def rules(self) -> dict[str, RuleTarget]:
        """Documented rules by code."""
        value: dict[str, RuleTarget] = self.data.setdefault("rules", {})
        return value

    # --- recording, while reading ---------------------------------------------------------

    def add_node(self, node_id: str, target: NodeTarget) -> None:
        """Record a node's entry; a second entry for the same id is a warning and is ignored."""
        existing = self.nodes.get(node_id)
        if existing is not None and existing != target:
            _warn_duplicate(node_id, existing, target)
            return
        self.nodes[node_id] = target

    def add_source(self, key: str, docname: str, record: SourceRecord) -> None:
        """Record a bibliography entry a map on ``docname`` can cite."""
        self.sources.setdefault(key, {})[docname] = record

    def add_citing(self, key: str, citing: Citing) -> None:
        """Record that a node cites ``key``."""
        self.citing.setdefault(key, []).append(citing)

    def add_analysed(self, key: str, docname: str) -> None:
        """Record that a map on ``docname`` analyses the text ``key``."""
        self.analysed.setdefault(key, set()).add(docname)

    def note_mention(self, key: str, docname: str) -> None:
        """Record an ``:arg:source:`` role naming ``key``."""
        self.mentions.setdefault(key, set()).add(docname)

    def add_bibliography(self, place: Place) -> None:
        """Record an ``arg:bibliography`` directive."""
        self.bibliographies.setdefault(place.docname, place)

    def add_rule(self, code: str, target: RuleTarget) -> None:
        """Record a rule's section (the first one documented wins)."""
        self.rules.setdefault(code, target)

    # --- reading back, while writing --------------------------------------------------------

    def bibliography(self) -> Place | None:
        """Return the bibliography the ``:arg:source:`` links go to (the first, by document)."""
        if not self.bibliographies:
            return None
        return self.bibliographies[min(self.bibliographies)]

    def source(self, key: str) -> SourceRecord | None:
        """Return a bibliography entry (as read by the first document, by name), or None."""
        records = self.sources.get(key)
        if not records:
            return None
        return records[min(records)]

    @property
    def style(self) -> str:
        """The project's ``argmap_citation_style``."""
        return str(getattr(self.env.config, "argmap_citation_style", DEFAULT))

    def styled(self, *, every: bool | None = None) -> list[Styled]:
        """Return the listed entries in bibliography order, labelled in the project's style.

        Args:
            every: List every known entry; by default, as the first bibliography does.
        """
        if every is None:
            place = self.bibliography()
            every = place is not None and place.every
        keys = frozenset(self.listed_keys(every=every))
        state = (self.style, keys)
        if self._styled is None or self._styled[0] != state:
            records = {}
            for key in keys:
                record = self.source(key)
                if record is not None:
                    records[key] = (record.entry, record.reference, record.label)
            self._styled = (state, style_entries(self.style, records))
        return self._styled[1]

    def listed_keys(self, *, every: bool = False) -> list[str]:
        """Return the keys the bibliography lists: cited, analysed or mentioned, and known.

        Args:
            every: List every known entry, cited or not.

        Returns:
            The keys, unsorted.
        """
        if every:
            return list(self.sources)
        used = {key for key, citing in self.citing.items() if citing}
        used.update(key for key, docs in self.analysed.items() if docs)
        used.update(key for key, docs in self.mentions.items() if docs)
        return [key for key in used if key in self.sources]

    # --- incremental and parallel builds -------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        """Forget everything recorded while reading ``docname``."""
        self.changed = True
        self._styled = None
        for node_id in [k for k, target in self.nodes.items() if target.docname == docname]:
            del self.nodes[node_id]
        for key in list(self.sources):
            self.sources[key].pop(docname, None)
            if not self.sources[key]:
                del self.sources[key]
        for key in list(self.citing):
            self.citing[key] = [c for c in self.citing[key] if c.docname != docname]
            if not self.citing[key]:
                del self.citing[key]
        for table in (self.analysed, self.mentions):
            for key in list(table):
                table[key].discard(docname)
                if not table[key]:
                    del table[key]
        self.bibliographies.pop(docname, None)
        for code in [k for k, target in self.rules.items() if target.docname == docname]:
            del self.rules[code]

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        """Take what a parallel reader recorded for ``docnames``."""
        self.changed = True
        self._styled = None
        other_nodes: dict[str, NodeTarget] = otherdata["nodes"]
        for node_id, target in other_nodes.items():
            if target.docname in docnames:
                self.add_node(node_id, target)
        other_sources: dict[str, dict[str, SourceRecord]] = otherdata["sources"]
        for key, records in other_sources.items():
            for docname, record in records.items():
                if docname in docnames:
                    self.add_source(key, docname, record)
        other_citing: dict[str, list[Citing]] = otherdata["citing"]
        for key, citings in other_citing.items():
            for citing in citings:
                if citing.docname in docnames:
                    self.add_citing(key, citing)
        for name, table in (("analysed", self.analysed), ("mentions", self.mentions)):
            other_table: dict[str, set[str]] = otherdata[name]
            for key, docs in other_table.items():
                if docs & docnames:
                    table.setdefault(key, set()).update(docs & docnames)
        other_bibliographies: dict[str, Place] = otherdata["bibliographies"]
        for docname, place in other_bibliographies.items():
            if docname in docnames:
                self.add_bibliography(place)
        other_rules: dict[str, RuleTarget] = otherdata["rules"]
        for code, rule in other_rules.items():
            if rule.docname in docnames:
                self.add_rule(code, rule)

    def check_consistency(self) -> None:
        """Warn about every ``arg:bibliography`` beyond the first."""
        first = self.bibliography()
        for place in sorted(self.bibliographies.values()):
            if first is not None and place != first:
                warn(
                    f"a second `arg:bibliography` (the first is in `{first.docname}`); "
                    "keep one per project, the `:arg:source:` links go to the first",
                    "duplicate-bibliography",
                    (place.docname, place.lineno),
                )

    # --- references ------------------------------------------------------------------------

    # Sphinx types the result as a reference, but puts whatever node it gets in the pending
    # reference's place; the plain text of an unresolved generated link is such a node.
    def resolve_xref(  # type: ignore[override]  # noqa: PLR0917 - the signature is Sphinx's
        self,
        env: BuildEnvironment,  # noqa: ARG002 - part of Sphinx's signature
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        """Resolve ``:arg:node:``, ``:arg:source:`` or ``:arg:rule:``, or return None.

        An unresolved reference is left to Sphinx, as the built-in domains leave theirs: the
        ``missing-reference`` event (intersphinx may find it in another project), then
        ``nitpick_ignore``, then :meth:`warn_missing`. A link generated inside an entry
        (:data:`QUIET`) that finds nothing here stays plain text, silently.
        """
        ref = self._resolve(typ, _Request(builder, fromdocname, target, node, contnode))
        if ref is None and node.get(QUIET):
            return contnode
        return ref

    def resolve_any_xref(  # noqa: PLR0917 - the signature is Sphinx's
        self,
        env: BuildEnvironment,  # noqa: ARG002 - part of Sphinx's signature
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, reference]]:
        """Resolve an ``:any:`` reference against nodes, sources and rules, silently."""
        found: list[tuple[str, reference]] = []
        request = _Request(builder, fromdocname, target, node, contnode)
        for typ in ("node", "source", "rule"):
            ref = self._resolve(typ, request)
            if ref is not None:
                found.append((f"arg:{typ}", ref))
        return found

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Yield every node, listed source and rule, for the search index and inventories."""
        for node_id, target in sorted(self.nodes.items()):
            yield node_id, node_id, "node", target.docname, target.anchor, 1
        place = self.bibliography()
        if place is not None:
            for key in sorted(self.listed_keys()):
                yield key, key, "source", place.docname, source_anchor(key), 1
        for code, rule in sorted(self.rules.items()):
            yield code, rule.title, "rule", rule.docname, rule.anchor, 1

    def warn_missing(self, typ: str, target: str, node: pending_xref) -> None:
        """Warn about a reference nothing resolved: what is unknown, and how to fix it."""
        if typ == "node":
            hint = did_you_mean(target, list(self.nodes)) or "check the id against the map"
            warn(f"unknown argument node `{target}`; {hint}", "unresolved-node", node)
        elif typ == "source" and self.bibliography() is None:
            warn(
                f"no `arg:bibliography` to link source `{target}` to; "
                "add `.. arg:bibliography::` to one page of the project",
                "no-bibliography",
                node,
            )
        elif typ == "source":
            hint = did_you_mean(target, list(self.sources)) or (
                "check the key against the maps' .bib files"
            )
            warn(f"unknown source `{target}`; {hint}", "unresolved-source", node)
        elif typ == "rule":
            what = "unknown rule" if lookup(target) is None else "undocumented rule"
            warn(
                f"{what} `{target}`; use a code such as AM004 and put `.. arg:rules::` on one page",
                "unresolved-rule",
                node,
            )

    def _resolve(self, typ: str, request: _Request) -> reference | None:
        if typ == "node":
            return self._node_ref(request)
        if typ == "source":
            return self._source_ref(request)
        if typ == "rule":
            return self._rule_ref(request)
        return None

    def _node_ref(self, request: _Request) -> reference | None:
        entry = self.nodes.get(request.target)
        if entry is None:
            return None
        title = f"{request.target} ({entry.kind})"
        return request.link(entry.docname, entry.anchor, entry.title, title)

    def _source_ref(self, request: _Request) -> reference | None:
        place = self.bibliography()
        if place is None or self.source(request.target) is None:
            return None
        styled = {entry.key: entry for entry in self.styled()}.get(request.target)
        if styled is None:  # known, but not listed (the :all: of a later bibliography)
            return None
        caption = cite(self.style, styled.label, str(request.node.get(LOCATOR, "")))
        anchor = source_anchor(request.target)
        return request.link(place.docname, anchor, caption, styled.reference)

    def _rule_ref(self, request: _Request) -> reference | None:
        rule = lookup(request.target)
        entry = self.rules.get(rule.code) if rule is not None else None
        if entry is None:
            return None
        return request.link(entry.docname, entry.anchor, entry.title, None)


class _Request(NamedTuple):
    """A reference being resolved, and how to make its link."""

    builder: Builder
    fromdocname: str
    target: str
    node: pending_xref
    contnode: Element

    def link(self, docname: str, anchor: str, caption: str, title: str | None) -> reference:
        """Return the link; its text is ``caption`` unless the role gave an explicit title."""
        if self.node.get("refexplicit"):
            child: Element = self.contnode
        else:
            classes: list[str] = list(self.contnode.get("classes", []))
            child = nodes.inline(caption, caption, classes=classes)
        return make_refnode(self.builder, self.fromdocname, docname, anchor, child, title)


def _warn_duplicate(node_id: str, first: NodeTarget, second: NodeTarget) -> None:
    where = f"`{first.docname}`, line {first.lineno}"
    warn(
        f"node `{node_id}` is documented twice (first in {where}); links go to the first. "
        "Give `:no-index:` to the map shown for illustration",
        "duplicate-node",
        (second.docname, second.lineno),
    )


def sorted_citing(citings: Iterable[Citing]) -> list[Citing]:
    """Return back-links in a stable order: by document, then node id, then locator."""
    return sorted(set(citings))
