"""argmap's Sphinx extension: argument maps, their sources and the rules, in documentation.

Add ``"argmap.sphinx"`` to ``extensions`` in ``conf.py``. The extension registers the ``arg``
domain with its directives (``arg:map``, ``arg:bibliography``, ``arg:rules``) and roles
(``arg:node``, ``arg:source``, ``arg:rule``), and these settings:

``argmap_diagnostics`` (default ``True``)
    Show the map's findings as admonitions under the nodes, and mark the nodes in the diagram.
    Findings are Sphinx warnings either way (``type="argmap"``, the rule's name as subtype).
``argmap_labels`` (default ``True``)
    Show each node's label (IN, OUT, UNDEC) and why in the diagrams and the entries; a map
    may turn it off or on with ``:labels: off``.
``argmap_texts`` (default ``{}``)
    The analysed texts, as ``{bibliography key: file}`` with files relative to the source
    folder: a map whose header says ``analysed: key`` is checked against that text.
``argmap_citation_style`` (default ``"author-year"``)
    How citations and the bibliography read: ``"author-year"`` (``Walt 1987, p. 4``),
    ``"numeric"`` (``[1, p. 4]``, pybtex's ``plain`` style) or ``"alpha"`` (``[Wal87, p. 4]``,
    pybtex's ``alpha`` style). Any other value stops the build with a configuration error.

Everything shown comes from the library; this package only loads it into Sphinx.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from argmap.sphinx._citations import DEFAULT, check_style
from argmap.sphinx._resolve import on_doctree_resolved
from argmap.sphinx._style import add_stylesheet
from argmap.sphinx.directives import (
    BibliographyDirective,
    BibliographyPlaceholder,
    MapDirective,
    RulesDirective,
    arg_domain,
)
from argmap.sphinx.domain import QUIET, ArgDomain

__all__ = ["ENV_VERSION", "setup"]

#: Version of what the extension keeps in the environment; a change forces a full re-read.
ENV_VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``arg`` domain, its directives, settings and event handlers.

    Args:
        app: The Sphinx application.

    Returns:
        The extension's metadata: version, environment version, and parallel safety.
    """
    app.setup_extension("sphinx.ext.graphviz")
    app.add_config_value("argmap_diagnostics", default=True, rebuild="env", types=bool)
    app.add_config_value("argmap_texts", default={}, rebuild="env", types=dict)
    app.add_config_value("argmap_labels", default=True, rebuild="env", types=bool)
    app.add_config_value("argmap_citation_style", default=DEFAULT, rebuild="env", types=str)
    app.connect("config-inited", check_style)
    app.add_domain(ArgDomain)
    app.add_directive_to_domain(ArgDomain.name, "map", MapDirective)
    app.add_directive_to_domain(ArgDomain.name, "bibliography", BibliographyDirective)
    app.add_directive_to_domain(ArgDomain.name, "rules", RulesDirective)
    app.add_node(BibliographyPlaceholder)
    app.connect("builder-inited", add_stylesheet)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("env-get-updated", _bibliography_page)
    app.connect("warn-missing-reference", _warn_missing)
    return {
        "version": _version(),
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _version() -> str:
    try:
        return version("argmap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _bibliography_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write the bibliography's page again whenever any page was read or removed."""
    del app
    domain = arg_domain(env)
    place = domain.bibliography()
    if place is None or not domain.changed:
        return []
    return [place.docname]


def _warn_missing(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Warn about an ``arg`` reference that neither this project nor an inventory resolved.

    Sphinx calls this once the reference is still unresolved and ``nitpick_ignore`` (when
    ``nitpicky``) did not silence it. ``nitpick_ignore`` and ``nitpick_ignore_regex`` also
    silence ``arg`` references when ``nitpicky`` is off, since these warn by default.

    Returns:
        True for an ``arg`` reference (warned about in argmap's words, or ignored), so that
        Sphinx does not warn again; None for the references of other domains.
    """
    if not isinstance(domain, ArgDomain):
        return None
    typ, target = node.get("reftype", ""), node.get("reftarget", "")
    if not node.get(QUIET) and not _ignored(app, f"arg:{typ}", target):
        domain.warn_missing(typ, target, node)
    return True


def _ignored(app: Sphinx, dtype: str, target: str) -> bool:
    """Whether ``nitpick_ignore`` or ``nitpick_ignore_regex`` names the reference."""
    if (dtype, target) in set(map(tuple, app.config.nitpick_ignore)):
        return True
    return any(
        re.fullmatch(type_pattern, dtype) and re.fullmatch(target_pattern, target)
        for type_pattern, target_pattern in app.config.nitpick_ignore_regex
    )
