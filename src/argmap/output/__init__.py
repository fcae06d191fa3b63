"""The output formats of ``argmap check``, named as ruff names its ``--output-format``.

>>> print(render_findings(argmap.check(argmap.load("arguments")), output_format="github"))
... # doctest: +SKIP

:func:`render_findings` turns a sorted list of :class:`~argmap.diagnostics.Diagnostic` into
one of :data:`FORMATS`; :func:`statistics` counts them per rule, as ``ruff --statistics``
does. Every format is deterministic: the same findings (and, for ``full``, the same files on
disk) give the same bytes; none holds a time or a machine-dependent value.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from argmap import diagnostics as diag
from argmap.diagnostics import Diagnostic
from argmap.output import _ci, _full, _text
from argmap.output._paths import DOCS_URL, rule_url
from argmap.output._sarif import to_sarif

__all__ = ["DOCS_URL", "FORMATS", "render_findings", "rule_url", "statistics"]

#: The format names, as ``ruff check --output-format`` names its own.
FORMATS: tuple[str, ...] = (
    "concise",
    "full",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "sarif",
    "junit",
    "grouped",
    "pylint",
)


class _ForPeople(Protocol):
    def __call__(self, diagnostics: Sequence[Diagnostic], *, colour: bool, summary: bool) -> str:
        """Return the findings as text, coloured or not, with the summary line or not."""


#: Formats for people: only these end with the summary line, and only these are coloured.
_FOR_PEOPLE: dict[str, _ForPeople] = {
    "concise": _text.concise,
    "full": _full.full,
    "grouped": _text.grouped,
}
_FOR_TOOLS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "json": diag.to_json,
    "json-lines": _ci.json_lines,
    "github": _ci.github,
    "gitlab": _ci.gitlab,
    "sarif": to_sarif,
    "pylint": _text.pylint,
}


def render_findings(
    diagnostics: Sequence[Diagnostic],
    *,
    output_format: str,
    files: Sequence[str] = (),
    colour: bool = False,
    summary: bool = True,
) -> str:
    """Return the findings in one of :data:`FORMATS`, as text ready to print.

    The findings are printed in the order given (:func:`argmap.diagnostics.sort` sorts them).

    Args:
        diagnostics: The findings.
        output_format: One of :data:`FORMATS`.
        files: The files that were checked (``junit`` only: each is a test case, passing when
            it has no finding).
        colour: Colour ``concise``, ``full`` and ``grouped`` with ANSI escapes.
        summary: End ``concise``, ``full`` and ``grouped`` with the line counting the findings
            (:func:`argmap.diagnostics.summary`); ``-q`` leaves it out.

    Returns:
        The text; ``""`` when a line-per-finding format has nothing to say.

    Raises:
        ValueError: ``output_format`` is not one of :data:`FORMATS`.
    """
    for_people = _FOR_PEOPLE.get(output_format)
    if for_people is not None:
        return for_people(diagnostics, colour=colour, summary=summary)
    if output_format == "junit":
        return _ci.junit(diagnostics, files)
    for_tools = _FOR_TOOLS.get(output_format)
    if for_tools is None:
        choices = ", ".join(FORMATS)
        raise ValueError(f"unknown output format `{output_format}`; choose one of {choices}")
    return for_tools(diagnostics)


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Return how many findings each rule made, as ``ruff check --statistics`` prints them.

    One line per rule, ``count<TAB>code<TAB>name``, the count right-aligned and the code
    padded to the widest; the most frequent rule first, ties by code. ``""`` for no finding.
    """
    counts = Counter((diagnostic.code, diagnostic.name) for diagnostic in diagnostics)
    rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    count_width = max((len(str(count)) for _, count in rows), default=0)
    code_width = max((len(code) for (code, _), _ in rows), default=0)
    return "".join(
        f"{count:>{count_width}}\t{code:<{code_width}}\t{name}\n" for (code, name), count in rows
    )
