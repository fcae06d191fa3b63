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
from collections.abc import Sequence

from argmap import diagnostics as diag
from argmap.diagnostics import Diagnostic
from argmap.output import _text
from argmap.output._paths import DOCS_URL, rule_url

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
    # A format's module is imported only when it is chosen: those of the others (XML for
    # junit, the installed metadata for sarif) would slow the start-up of every check.
    if output_format == "json":
        return diag.to_json(diagnostics)
    if output_format == "concise":
        return _text.concise(diagnostics, colour=colour, summary=summary)
    if output_format == "grouped":
        return _text.grouped(diagnostics, colour=colour, summary=summary)
    if output_format == "pylint":
        return _text.pylint(diagnostics)
    if output_format == "full":
        from argmap.output._full import full  # noqa: PLC0415

        return full(diagnostics, colour=colour, summary=summary)
    if output_format == "sarif":
        from argmap.output._sarif import to_sarif  # noqa: PLC0415

        return to_sarif(diagnostics)
    if output_format in {"json-lines", "github", "gitlab", "junit"}:
        from argmap.output import _ci  # noqa: PLC0415

        if output_format == "junit":
            return _ci.junit(diagnostics, files)
        for_tools = {"json-lines": _ci.json_lines, "github": _ci.github, "gitlab": _ci.gitlab}
        return for_tools[output_format](diagnostics)
    choices = ", ".join(FORMATS)
    raise ValueError(f"unknown output format `{output_format}`; choose one of {choices}")


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
