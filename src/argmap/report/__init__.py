"""Review reports of a map: one self-contained HTML page, or GitHub-flavoured Markdown.

>>> from argmap.report import write_report
>>> write_report(argmap.load("arguments"), Path("review.html"))  # doctest: +SKIP

:func:`write_report` picks the format by the output's suffix. :func:`build_report` gathers
what a report shows (findings, labels, source weights, paragraph coverage) once;
:func:`to_html` and :func:`to_markdown` write it. ``import argmap`` does not import this
package, and nothing here needs Sphinx; the HTML report needs Graphviz's ``dot``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from argmap._io import same_file, write_atomically
from argmap.diagnostics import Diagnostic
from argmap.model import AnalysedText, ArgumentMap
from argmap.report._data import Report, build_report
from argmap.report._errors import ReportError
from argmap.report.html import to_html
from argmap.report.markdown import to_markdown

__all__ = [
    "FORMATS",
    "Report",
    "ReportError",
    "build_report",
    "to_html",
    "to_markdown",
    "write_report",
]

#: The report formats, by the output's suffix.
FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def write_report(
    argument_map: ArgumentMap,
    output: str | os.PathLike[str],
    *,
    text: AnalysedText | None = None,
    diagnostics: Sequence[Diagnostic] | None = None,
) -> None:
    """Write a review report of a map: HTML or Markdown, by the output's suffix.

    The file is written whole or not at all (a temporary file, then renamed), and never over
    one of the map's inputs.

    Args:
        argument_map: The map.
        output: The file to write: ``.html`` (or ``.htm``) for the page, ``.md`` (or
            ``.markdown``) for Markdown.
        text: The analysed text, shown beside the map; default: the one the map was loaded
            with, if any.
        diagnostics: The findings to show; default: :func:`argmap.check` with every rule.

    Raises:
        ReportError: when the suffix names no report format, the output is a folder, its
            folder is missing, it is one of the map's inputs, it cannot be written, or
            Graphviz (needed for HTML) is missing or fails.
    """
    path = Path(output)
    kind = _format(path)
    _check_destination(path, argument_map, text)
    report = build_report(argument_map, text=text, diagnostics=diagnostics)
    content = to_html(report) if kind == "html" else to_markdown(report)
    try:
        write_atomically(path, content)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ReportError(f"cannot write `{path}`: {reason}") from None


def _format(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        shown = f"suffix `{path.suffix}`" if path.suffix else "no suffix"
        raise ReportError(
            f"cannot tell the report format of `{path}` ({shown}); end it in `.html` for a "
            "page or `.md` for Markdown"
        )
    return kind


def _check_destination(path: Path, argument_map: ArgumentMap, text: AnalysedText | None) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise ReportError(f"output folder `{folder}/` does not exist; create it first")
    if path.is_dir():
        raise ReportError(f"`{path}` is a folder; give a file name such as `{path}/review.html`")
    inputs = {*argument_map.files, *(s.position.file for s in argument_map.sources.values())}
    inputs.update(t.file for t in (text, argument_map.text) if t is not None)
    for source in sorted(inputs):
        if same_file(path, source):
            raise ReportError(f"`{path}` is one of the map's inputs; write the report elsewhere")
