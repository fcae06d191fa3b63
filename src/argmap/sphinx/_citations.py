"""Citation styles: how the bibliography's entries and the citations pointing at them read.

``argmap_citation_style`` in ``conf.py`` picks one:

``author-year`` (the default)
    ``Walt 1987, chap. 2`` in the text; the bibliography sorted by author, each entry
    ``Walt, Stephen M. 1987. The Origins of Alliances. ...``: argmap's own formatter
    (:func:`argmap.bibliography.format_reference`), as the command line prints it.
``numeric``
    ``[1, chap. 2]`` in the text; the bibliography numbered ``[1]``, ``[2]``, ... in pybtex's
    ``plain`` style, the style BibTeX's ``plain.bst`` and sphinxcontrib-bibtex use.
``alpha``
    ``[Wal87, chap. 2]`` in the text; the bibliography labelled ``[Wal87]`` in pybtex's
    ``alpha`` style (``alpha.bst``).

pybtex formats the numeric and alpha entries: the labels depend on the whole bibliography
(numbers in sorted order, ``a``/``b`` suffixes telling apart two ``Wal87``), so they are
made when pages are written, over the entries the bibliography lists. An entry pybtex cannot
format (a type its style has no template for, a required field missing) keeps argmap's own
reference text, labelled like the others.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from argmap.model import Source
from argmap.sphinx._log import warn

__all__ = ["DEFAULT", "STYLES", "Styled", "check_style", "cite", "style_entries"]

#: The values ``argmap_citation_style`` accepts.
STYLES = ("author-year", "numeric", "alpha")
#: The style used when ``conf.py`` sets none.
DEFAULT = "author-year"

#: pybtex's formatting style for each labelled style.
_PYBTEX = {"numeric": "plain", "alpha": "alpha"}

#: BibTeX's types for biblatex's (and IEEEtran's) own, so pybtex's templates apply; any other
#: type its style has no template for is formatted as ``misc``.
_TYPES = {
    "mvbook": "book",
    "bookinbook": "inbook",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "mvreference": "book",
    "incollection": "incollection",
    "inreference": "incollection",
    "suppbook": "inbook",
    "suppcollection": "incollection",
    "report": "techreport",
    "thesis": "phdthesis",
    "proceedings": "proceedings",
    "mvproceedings": "proceedings",
}
#: biblatex's field names for the ones BibTeX's styles read.
_FIELDS = {"journaltitle": "journal", "location": "address", "institution": "institution"}
_YEAR = re.compile(r"\d{4}")


class Styled(NamedTuple):
    """One bibliography entry in the chosen style."""

    key: str
    #: What citations show: ``Walt 1987``, ``1`` or ``Wal87``.
    label: str
    #: The full reference as plain text (link titles).
    reference: str
    #: The reference as document nodes, or None to let the caller mark up :attr:`reference`.
    body: list[nodes.Node] | None


def check_style(app: Sphinx, config: Config) -> None:
    """Warn of an ``argmap_citation_style`` that is not one of :data:`STYLES`, and use the default.

    A warning, as Sphinx gives for its own config values of the wrong type, rather than a
    :class:`~sphinx.errors.ConfigError`, which Sphinx 9 shows with a traceback and a request
    to report a bug; with ``-W`` it still stops the build.
    """
    del app
    value = config.argmap_citation_style
    if value not in STYLES:
        accepted = ", ".join(f"{style!r}" for style in STYLES)
        warn(
            f"argmap_citation_style = {value!r} is not a citation style, so {DEFAULT!r} is "
            f"used; set it to one of {accepted} in conf.py",
            "bad-config",
            None,
        )
        config.argmap_citation_style = DEFAULT


def cite(style: str, label: str, locator: str = "") -> str:
    """Return an in-text citation: ``Walt 1987, p. 4`` or ``[1, p. 4]``."""
    text = f"{label}, {locator}" if locator else label
    return text if style == "author-year" else f"[{text}]"


def style_entries(
    style: str, records: Mapping[str, tuple[Source | None, str, str]]
) -> list[Styled]:
    """Return the entries in bibliography order, labelled and formatted in ``style``.

    Args:
        style: One of :data:`STYLES`.
        records: For each key: its source (None if unknown), argmap's reference text and its
            author-year label.
    """
    if style not in _PYBTEX:
        ordered = sorted(records, key=lambda k: (records[k][1].casefold(), k))
        return [Styled(k, records[k][2], records[k][1], None) for k in ordered]
    return list(_pybtex_entries(_PYBTEX[style], records))


def _pybtex_entries(
    name: str, records: Mapping[str, tuple[Source | None, str, str]]
) -> Iterable[Styled]:
    style = _style(name)
    entries = [_entry(key, source) for key, (source, _, _) in sorted(records.items())]
    ordered = style.sort(entries)
    for label, entry in zip(style.format_labels(ordered), ordered, strict=True):
        fallback = records[entry.key][1]
        try:
            text = style.format_entry(label, entry).text
        except Exception:  # noqa: BLE001 - a style without a template for the type, or a missing field
            yield Styled(entry.key, label, fallback, None)
            continue
        yield Styled(entry.key, label, text.render(_plain()), _nodes(text))


@functools.cache
def _style(name: str) -> Any:
    """Return pybtex's formatting style ``name``, found once (its plugin lookup is slow)."""
    from pybtex.plugin import find_plugin  # type: ignore[import-untyped]  # noqa: PLC0415 - only the labelled styles need it

    return find_plugin("pybtex.style.formatting", name)()


@functools.cache
def _plain() -> Any:
    """Return pybtex's plain-text backend (``render_as("text")`` would look it up each time)."""
    from pybtex.backends.plaintext import Backend  # type: ignore[import-untyped]  # noqa: PLC0415 - see _style

    return Backend()


def _entry(key: str, source: Source | None) -> Any:
    """Return a pybtex entry for a source: names as pybtex persons, other fields as written."""
    from pybtex.database import Entry, Person  # type: ignore[import-untyped]  # noqa: PLC0415 - see _pybtex_entries
    from pybtex.utils import OrderedCaseInsensitiveDict  # type: ignore[import-untyped]  # noqa: PLC0415

    fields = OrderedCaseInsensitiveDict()
    persons: dict[str, list[Any]] = {}
    entry_type = "misc"
    if source is not None:
        entry_type = source.entry_type.lower()
        for field, value in source.fields.items():
            name = _FIELDS.get(field.lower(), field.lower())
            if name in {"author", "editor"}:
                persons[name] = [Person(person) for person in _names(value)]
            elif name not in fields:
                fields[name] = value
        year = _YEAR.search(source.fields.get("date", ""))
        if "year" not in fields and year:
            fields["year"] = year.group()
    entry_type = _TYPES.get(entry_type, entry_type)
    if not hasattr(_style("plain"), f"get_{entry_type}_template"):
        entry_type = "misc"
    entry = Entry(entry_type, fields=fields, persons=persons)
    entry.key = key
    return entry


def _names(value: str) -> list[str]:
    from pybtex.bibtex.utils import split_name_list  # type: ignore[import-untyped]  # noqa: PLC0415 - see _pybtex_entries

    return [name for name in split_name_list(value) if name.strip()]


def _nodes(part: Any) -> list[nodes.Node]:
    """Return pybtex rich text as docutils nodes: emphasis, strong, links, plain text."""
    from pybtex.richtext import BaseMultipartText, HRef, String, Tag  # type: ignore[import-untyped]  # noqa: PLC0415

    if isinstance(part, str):
        return [nodes.Text(part)]
    if isinstance(part, String):
        return [nodes.Text(part.value)]
    if not isinstance(part, BaseMultipartText):
        return [nodes.Text(part.render(_plain()))]
    children = [child for inner in part.parts for child in _nodes(inner)]
    if isinstance(part, Tag) and part.name in {"em", "i"}:
        return [nodes.emphasis("", "", *children)]
    if isinstance(part, Tag) and part.name in {"strong", "b"}:
        return [nodes.strong("", "", *children)]
    if isinstance(part, HRef):
        return [nodes.reference("", "", *children, refuri=part.url)]
    return children
