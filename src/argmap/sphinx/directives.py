"""The directives: ``arg:map``, ``arg:bibliography`` and ``arg:rules``.

Each directive asks the library for what it shows (:func:`argmap.load`, :func:`argmap.check`,
:func:`argmap.render.to_dot`, the rule registry, the bibliography helpers), records in the
``arg`` domain what it documents, and returns document nodes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar, cast

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from argmap.acceptability import weigh
from argmap.bibliography import format_reference, load_bibliography, plain, short_label
from argmap.config import Config, find_config
from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import ArgmapError, LoadError, MapError, did_you_mean, escape_controls
from argmap.linter import check
from argmap.loading.contents import Contents
from argmap.loading.pipeline import load, read_text
from argmap.model import ArgumentMap
from argmap.render import LAYOUT_LIMIT, neighbourhood, summarise, to_dot
from argmap.render._walk import reach, roots
from argmap.render.dot import below
from argmap.sphinx._entries import MapView, kind_of
from argmap.sphinx._log import RULE_SUBTYPES, Subtype, logger, verbose, warn
from argmap.sphinx._rules import rule_sections
from argmap.sphinx._text import short_text
from argmap.sphinx.domain import (
    ArgDomain,
    Citing,
    NodeTarget,
    Place,
    SourceRecord,
    node_anchor,
)

__all__ = [
    "BibliographyDirective",
    "BibliographyPlaceholder",
    "MapDirective",
    "RulesDirective",
    "arg_domain",
]

_DIAGRAM_CHOICES = ("BT", "TB", "LR", "RL", "none")

#: With ``:split: auto``, a map with several theses and more shown nodes than this gets one
#: diagram per thesis: one diagram of the article's 78 nodes is 6,900 pixels wide.
SPLIT_ABOVE = 40


def arg_domain(env: BuildEnvironment) -> ArgDomain:
    """Return the ``arg`` domain of a build environment."""
    domain = env.get_domain(ArgDomain.name)
    if not isinstance(domain, ArgDomain):  # pragma: no cover - only if another extension took it
        raise TypeError("the `arg` domain is not argmap's")
    return domain


def _diagram(argument: str | None) -> str:
    """Parse ``:diagram:``: a direction (``BT``, ``TB``, ``LR``, ``RL``) or ``none``."""
    value = (argument or "").strip()
    for choice in _DIAGRAM_CHOICES:
        if value.lower() == choice.lower():
            return choice
    raise ValueError(f"expected one of {', '.join(_DIAGRAM_CHOICES)}, not {value!r}")


def _on_off(argument: str | None) -> bool:
    """Parse ``:labels:``: ``on`` or ``off`` (also yes/no, true/false)."""
    value = (argument or "").strip().lower()
    if value in {"on", "yes", "true"}:
        return True
    if value in {"off", "no", "false"}:
        return False
    raise ValueError(f"expected on or off, not {value!r}")


class MapDirective(SphinxDirective):
    """``.. arg:map:: PATH``: a map's diagram and an entry for each of its nodes.

    ``PATH`` is a map file or folder, relative to the document. Options:

    ``:bibliography: FILE``
        The .bib file to use instead of the map's own (relative to the document).
    ``:text: FILE``
        The analysed text, for the paragraph coverage rules (relative to the document). Without
        it, ``argmap_texts`` may give one for the key the map's header names as ``analysed``.
    ``:focus: ID`` and ``:depth: N``
        Show only the nodes within ``N`` steps of ``ID`` (or of the theses, without
        ``:focus:``).
    ``:diagram: DIRECTION``
        Where conclusions go in the diagram: ``BT`` (on top, the default), ``TB``, ``LR``,
        ``RL``; ``none`` leaves the diagram out.
    ``:legend:``
        Add a legend of the node and edge kinds to the diagram.
    ``:labels: on|off``
        Whether the diagram and the entries show each node's label (IN, OUT, UNDEC) once the
        objections are weighed; the default is the ``argmap_labels`` setting (``True``).
    ``:split: auto|theses|none``
        ``theses`` draws one diagram per thesis (what it rests on and what attacks it) instead
        of one diagram of the whole map; ``none`` draws one; ``auto`` (the default) splits a
        map of more than :data:`SPLIT_ABOVE` shown nodes with several theses, when neither
        ``:focus:`` nor ``:depth:`` is given. Split diagrams put conclusions on the left
        (``RL``) unless ``:diagram:`` says otherwise.
    ``:no-index:``
        Render the map without registering its nodes as link targets or as citing their
        sources, for a map shown as an illustration beside another one using the same ids.
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        "bibliography": directives.unchanged_required,
        "text": directives.unchanged_required,
        "focus": directives.unchanged_required,
        "depth": directives.nonnegative_int,
        "diagram": _diagram,
        "legend": directives.flag,
        "labels": _on_off,
        "split": lambda argument: directives.choice(argument, ("auto", "theses", "none")),
        "no-index": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Load and check the map, record its nodes and sources, and return its nodes."""
        path = Path(self.env.relfn2path(self.arguments[0])[1])
        try:
            config = find_config(path)
            argument_map = self._with_bibliography(self._with_text(load(path)))
        except LoadError as error:
            return self._failed(path, error.errors)
        except ArgmapError as error:  # any other bad input: a warning, never a crash
            return self._failed(path, (MapError(str(path), 1, 1, str(error)),))
        self._note_dependencies(argument_map, config)
        try:
            found = check(
                argument_map, select=config.select, ignore=config.ignore, severity=config.severity
            )
        except ValueError as error:  # a bad [tool.argmap] setting
            warn(f"{error}; fix [tool.argmap]", "bad-option", self.get_location())
            found = check(argument_map)
        _report(found)
        shown = self._shown(argument_map)
        statuses = None
        if self.options.get("labels", bool(self.config.argmap_labels)):
            weighing = weigh(argument_map)
            statuses = {node_id: weighing.status(node_id) for node_id in shown}
        view = MapView(
            argument_map,
            found,
            shown,
            show_findings=self.config.argmap_diagnostics,
            statuses=statuses,
        )
        self._record(argument_map, shown)
        container = nodes.container(classes=["arg-map"])
        self.set_source_info(container)
        diagram = self.options.get("diagram", "BT")
        if diagram != "none" and shown:
            if self._split(argument_map, shown):
                # conclusions on the left: a thesis's part of the map is wide, not deep
                across = self.options.get("diagram", "RL")
                container.extend(self._thesis_diagrams(argument_map, view, across))
            else:
                container += self._diagram(argument_map, view, diagram)
        container.extend(view.summary())
        container.extend(view.map_findings())
        container.extend(view.entries(indexed="no-index" not in self.options))
        return [container]

    # --- loading ----------------------------------------------------------------------------

    def _with_text(self, argument_map: ArgumentMap) -> ArgumentMap:
        """Attach the analysed text named by ``:text:`` or by ``argmap_texts``, if any."""
        if "text" in self.options:
            text = Path(self.env.relfn2path(self.options["text"])[1])
        else:
            configured = self._configured_text(argument_map.analysed)
            if configured is None:
                return argument_map
            text = self.env.srcdir / configured
            if not text.is_file():
                warn(
                    f"the analysed text `{configured}` (argmap_texts) does not exist; "
                    "coverage is not checked",
                    "missing-text",
                    self.get_location(),
                )
                return argument_map
        self.env.note_dependency(text)
        return attrs.evolve(argument_map, text=read_text(text, contents=Contents()))

    def _configured_text(self, key: str | None) -> str | os.PathLike[str] | None:
        """The file ``argmap_texts`` names for the key of a map's analysed text, if any.

        A setting of the wrong shape is a warning at the directive, and no text is read.
        """
        texts: object = self.config.argmap_texts or {}
        if not isinstance(texts, Mapping):
            shown = type(texts).__name__
            warn(
                f"`argmap_texts` must map bibliography keys to text files, not be a {shown}; "
                'write `argmap_texts = {"key2025": "texts/article.txt"}` in conf.py',
                "bad-option",
                self.get_location(),
            )
            return None
        configured: object = texts.get(key or "")
        if configured is None or isinstance(configured, str | os.PathLike):
            return cast("str | os.PathLike[str] | None", configured)
        warn(
            f"`argmap_texts` names no file for `{key}` ({configured!r}); "
            "give the text's path relative to the documentation's source folder",
            "bad-option",
            self.get_location(),
        )
        return None

    def _with_bibliography(self, argument_map: ArgumentMap) -> ArgumentMap:
        """Replace the map's bibliography with the ``:bibliography:`` file, if given."""
        if "bibliography" not in self.options:
            return argument_map
        bib = Path(self.env.relfn2path(self.options["bibliography"])[1])
        self.env.note_dependency(bib)
        bibliography = load_bibliography([bib])
        return attrs.evolve(
            argument_map,
            sources=bibliography.sources,
            bibliography=str(bib),
            problems=bibliography.problems,
        )

    def _failed(self, path: Path, errors: tuple[MapError, ...]) -> list[nodes.Node]:
        """Warn about each load error and return an error box listing them."""
        box = nodes.error()
        box += nodes.paragraph("", f"The map `{self.arguments[0]}` could not be loaded:")
        items = nodes.bullet_list()
        for error in errors:
            warn(
                f"{error.message}; {error.hint}" if error.hint else error.message,
                "load-error",
                f"{error.file}:{error.line}",
            )
            item = nodes.list_item()
            item += nodes.paragraph("", str(error))
            items += item
        box += items
        files = [path] if path.is_file() else sorted(path.rglob("*.y*ml")) if path.is_dir() else []
        for file in {*files, *(Path(error.file) for error in errors)}:
            if file.is_file():
                self.env.note_dependency(file.resolve())
        return [box]

    def _note_dependencies(self, argument_map: ArgumentMap, config: Config) -> None:
        """Rebuild the page when a map file, its bibliography or its settings change."""
        files = {Path(file) for file in argument_map.files}
        files.update(Path(source.position.file) for source in argument_map.sources.values())
        if argument_map.bibliography and "bibliography" not in self.options:
            header = Path(argument_map.position.file).parent
            files.add(header / argument_map.bibliography)
        if config.path is not None:
            files.add(config.path)
        for file in sorted(files):
            if file.is_file():
                self.env.note_dependency(file.resolve())

    # --- what to show -----------------------------------------------------------------------

    def _shown(self, argument_map: ArgumentMap) -> list[str]:
        """Return the ids to draw and list: the focus's neighbourhood, or the whole map."""
        focus: str | None = self.options.get("focus")
        depth: int | None = self.options.get("depth")
        if focus is not None and focus not in argument_map:
            hint = did_you_mean(focus, list(argument_map.ids)) or "check the id"
            warn(
                f"`:focus:` names no node of the map: `{focus}`; {hint}",
                "bad-option",
                self.get_location(),
            )
            self.options.pop("focus")
            focus = None
        if focus is not None:
            return neighbourhood(argument_map, focus, depth)
        if depth is not None:
            return reach(argument_map, roots(argument_map), depth)
        return list(argument_map.ids)

    def _diagram(self, argument_map: ArgumentMap, view: MapView, direction: str) -> nodes.Node:
        """Return the diagram: the shown part of the map, summarised when it is too big."""
        focus: str | None = self.options.get("focus")
        depth: int | None = self.options.get("depth")
        drawn = argument_map
        if focus is None and depth is None and len(argument_map) > LAYOUT_LIMIT:
            drawn = summarise(argument_map)
        dot = to_dot(
            drawn,
            direction=direction,
            diagnostics=view.diagram_findings(),
            focus=focus,
            depth=depth,
            legend="legend" in self.options,
            labels=view.labels(),
        )
        links = {node_id: node_anchor(node_id) for node_id in view.shown if node_id in drawn}
        title = argument_map.title or self.arguments[0]
        return view.diagram(dot, f"Diagram of the argument map: {title}", self.env.docname, links)

    def _split(self, argument_map: ArgumentMap, shown: list[str]) -> bool:
        """Whether to draw one diagram per thesis (see ``:split:``)."""
        split = self.options.get("split", "auto")
        if split != "auto":
            return bool(split == "theses" and argument_map.theses)
        if "focus" in self.options or "depth" in self.options:
            return False
        return len(argument_map.theses) > 1 and len(shown) > SPLIT_ABOVE

    def _thesis_diagrams(
        self, argument_map: ArgumentMap, view: MapView, direction: str
    ) -> list[nodes.Node]:
        """Return one titled diagram per shown thesis: what it rests on and what attacks it.

        Nodes with neighbours in another thesis's diagram say so ("1 more not drawn").
        """
        result: list[nodes.Node] = []
        legend = "legend" in self.options
        for thesis in argument_map.theses:
            if thesis.id not in view.shown_set:
                continue
            part = [
                node_id for node_id in below(argument_map, thesis.id) if node_id in view.shown_set
            ]
            heading = nodes.paragraph(classes=["arg-diagram-title"])
            heading += nodes.strong("", f"Thesis {thesis.id}")
            status = view.status(thesis.id)
            if status is not None:
                heading += nodes.Text(f" ({status.label.name})")
            heading += nodes.Text(f": {short_text(thesis.text)}")
            result.append(heading)
            dot = to_dot(
                argument_map,
                direction=direction,
                diagnostics=view.diagram_findings(),
                legend=legend,
                labels=view.labels(),
                only=part,
            )
            legend = False  # the first diagram carries the legend
            links = {node_id: node_anchor(node_id) for node_id in part}
            alt = f"Diagram of thesis {thesis.id} of the argument map and what bears on it"
            result.append(view.diagram(dot, alt, self.env.docname, links))
        return result

    # --- recording ----------------------------------------------------------------------------

    def _record(self, argument_map: ArgumentMap, shown: list[str]) -> None:
        """Record the shown nodes, the map's sources and its citations in the domain.

        A ``:no-index:`` map records only its sources, so that its citations can link to the
        bibliography without adding back-links to an illustration.
        """
        domain = arg_domain(self.env)
        docname = self.env.docname
        for key, source in argument_map.sources.items():
            record = SourceRecord(
                format_reference(source),
                short_label(source),
                plain(source.field("title") or ""),
                source,
            )
            domain.add_source(key, docname, record)
        if "no-index" in self.options:
            return
        if argument_map.analysed:
            domain.add_analysed(argument_map.analysed, docname)
        for node_id in shown:
            node = argument_map.node(node_id)
            anchor = node_anchor(node_id)
            target = NodeTarget(docname, anchor, short_text(node.text), kind_of(node), self.lineno)
            domain.add_node(node_id, target)
            for citation in node.citations:
                locator = "" if citation.locator is None else str(citation.locator)
                domain.add_citing(citation.key, Citing(docname, node_id, anchor, locator))


def _report(found: list[Diagnostic]) -> None:
    """Send findings to Sphinx: errors and warnings as warnings, notes at verbose level."""
    for diagnostic in found:
        location = f"{diagnostic.file}:{diagnostic.line}"
        message = f"{diagnostic.code} {diagnostic.name}: {diagnostic.message}"
        if diagnostic.severity is Severity.INFO:
            verbose(message, diagnostic.name, location)
        elif diagnostic.name in RULE_SUBTYPES:
            warn(message, cast("Subtype", diagnostic.name), location)
        else:  # pragma: no cover - a rule newer than the Subtype list (a test guards this)
            logger.warning(
                escape_controls(message),
                location=escape_controls(location),
                type="argmap",
                subtype=diagnostic.name,
            )


class BibliographyPlaceholder(nodes.General, nodes.Element):
    """Where the bibliography goes; filled in when the page is written, once every map is read."""


class BibliographyDirective(SphinxDirective):
    """``.. arg:bibliography::``: the sources the maps cite, with back-links to the citing nodes.

    The ``:arg:source:`` links of the whole project point here, so a project has one. The
    ``:all:`` flag lists every entry of the maps' bibliographies, cited or not.
    """

    option_spec: ClassVar[OptionSpec] = {"all": directives.flag}

    def run(self) -> list[nodes.Node]:
        """Record the bibliography's place and return a placeholder for it."""
        place = Place(self.env.docname, self.lineno, every="all" in self.options)
        arg_domain(self.env).add_bibliography(place)
        node = BibliographyPlaceholder()
        node["all"] = "all" in self.options
        node["docname"] = self.env.docname
        self.set_source_info(node)
        return [node]


class RulesDirective(SphinxDirective):
    """``.. arg:rules::``: the rule reference, one section per rule, from the registry.

    Each rule's examples are run through the linter while the page is read: a firing example
    that reports nothing, or a clean one that reports the rule, is a warning.
    """

    def run(self) -> list[nodes.Node]:
        """Return the summary table and the rules' sections."""
        return rule_sections(self.env.docname, arg_domain(self.env), self.get_location())
