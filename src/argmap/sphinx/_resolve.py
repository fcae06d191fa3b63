"""What is filled in when a page is written: the bibliography, and the diagram's links.

Both need the whole project: the bibliography lists what every page cites, and a diagram's
links need the page's URL, which only the builder knows.
"""

from __future__ import annotations

import posixpath
import re
from itertools import groupby

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.ext.graphviz import graphviz
from sphinx.util.nodes import make_refnode

from argmap.sphinx._citations import cite
from argmap.sphinx._entries import LINKS
from argmap.sphinx.directives import BibliographyPlaceholder, arg_domain
from argmap.sphinx.domain import ArgDomain, Citing, SourceRecord, sorted_citing, source_anchor

__all__ = ["bibliography_nodes", "on_doctree_resolved"]

_URL = re.compile(r"https?://\S+?(?=\.?(?:\s|$))")


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in the bibliography placeholders and link the diagrams' nodes to their entries."""
    domain = arg_domain(app.env)
    for placeholder in list(doctree.findall(BibliographyPlaceholder)):
        content = bibliography_nodes(app, domain, docname, every=bool(placeholder["all"]))
        placeholder.replace_self(content)
    if app.builder.format != "html":
        return
    for diagram in doctree.findall(graphviz):
        links: dict[str, str] | None = diagram.get(LINKS)
        if links:
            diagram["code"] = _with_links(diagram["code"], _page(app.builder, docname), links)
            del diagram[LINKS]


def _page(builder: Builder, docname: str) -> str:
    """Return the page's file name, as a link from the page (or its diagram) to itself."""
    return posixpath.basename(builder.get_target_uri(docname).split("#")[0])


def _with_links(dot: str, page: str, links: dict[str, str]) -> str:
    """Add a URL to each linked node of a DOT graph, before its closing brace.

    A later statement about a node adds attributes to it, so the library's DOT is left as is.
    """
    body = dot.rstrip()
    if not body.endswith("}"):
        return dot
    lines = [
        f'  "{node_id}" [URL="{page}#{anchor}", target="_top"];'
        for node_id, anchor in links.items()
    ]
    return body[:-1] + "\n".join(lines) + "\n}\n"


def bibliography_nodes(
    app: Sphinx, domain: ArgDomain, docname: str, *, every: bool
) -> list[nodes.Node]:
    """Return the bibliography: each listed source, formatted, with its back-links.

    Args:
        app: The application, for the builder (links) and the environment (page titles).
        domain: The ``arg`` domain holding the sources and citations.
        docname: The page being written.
        every: List every known entry, not only the cited ones.
    """
    entries = domain.styled(every=every)
    if not entries:
        return [nodes.paragraph("", "No source is cited.")]
    labelled = domain.style != "author-year"
    container = nodes.container(classes=["arg-bibliography", f"arg-style-{domain.style}"])
    for entry in entries:
        container += nodes.target("", "", ids=[source_anchor(entry.key)])
        body: list[nodes.Node] = []
        if labelled:
            label = cite(domain.style, entry.label)
            body.append(nodes.inline(label, label, classes=["arg-label-cite"]))
            body.append(nodes.Text(" "))
        record = domain.source(entry.key)
        if entry.body is not None:
            body.extend(entry.body)
        elif record is not None:
            body.extend(_reference(record._replace(reference=entry.reference)))
        container += nodes.paragraph("", "", *body, classes=["arg-source"])
        backlinks = _backlinks(app, domain, docname, entry.key)
        if backlinks is not None:
            container += backlinks
    return [container]


def _reference(record: SourceRecord) -> list[nodes.Node]:
    """Return the reference with its title in italics and its DOI or URL as a link."""
    text = record.reference
    result: list[nodes.Node] = []
    start = text.find(record.title) if record.title else -1
    if start >= 0:
        result.append(nodes.Text(text[:start]))
        result.append(nodes.emphasis(record.title, record.title))
        text = text[start + len(record.title) :]
    position = 0
    for found in _URL.finditer(text):
        result.append(nodes.Text(text[position : found.start()]))
        url = found.group()
        result.append(nodes.reference(url, url, refuri=url))
        position = found.end()
    result.append(nodes.Text(text[position:]))
    return result


def _backlinks(app: Sphinx, domain: ArgDomain, docname: str, key: str) -> nodes.Node | None:
    """Return ``Cited by E1 (p. 4), P2``: links to the citing nodes, grouped by page."""
    citings = sorted_citing(domain.citing.get(key, ()))
    analysed = sorted(domain.analysed.get(key, ()))
    if not citings and not analysed:
        return None
    line = nodes.paragraph(classes=["arg-backlinks"])
    if analysed:
        line += nodes.Text("Analysed on ")
        for index, page in enumerate(analysed):
            if index:
                line += nodes.Text(", ")
            line += _page_link(app, docname, page)
        line += nodes.Text(". " if citings else ".")
    if not citings:
        return line
    line += nodes.Text("Cited by ")
    pages = [(page, list(group)) for page, group in groupby(citings, key=lambda c: c.docname)]
    for index, (page, group) in enumerate(pages):
        if index:
            line += nodes.Text("; ")
        if len(pages) > 1:
            line += _page_link(app, docname, page)
            line += nodes.Text(": ")
        for position, citing in enumerate(group):
            if position:
                line += nodes.Text(", ")
            line += _citing_link(app.builder, docname, citing)
    line += nodes.Text(".")
    return line


def _citing_link(builder: Builder, docname: str, citing: Citing) -> nodes.Node:
    text = citing.node if not citing.locator else f"{citing.node} ({citing.locator})"
    caption = nodes.inline(text, text, classes=["arg-ref"])
    return make_refnode(builder, docname, citing.docname, citing.anchor, caption, citing.node)


def _page_link(app: Sphinx, docname: str, page: str) -> nodes.Node:
    title_node = app.env.titles.get(page)
    title = title_node.astext() if title_node is not None else page
    return make_refnode(app.builder, docname, page, None, nodes.inline(title, title), None)
