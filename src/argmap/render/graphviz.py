"""Run Graphviz on DOT text and write the result atomically.

This is the one place argmap meets the ``dot`` program. Every failure becomes a
:class:`RenderError` whose message is one line, fit for the command line; nothing is ever
written half: the output goes to a temporary file in the output's folder, which then replaces
the output in one step (``os.replace``), and an existing output is left untouched on failure.
A device or a FIFO is written into instead, and a symbolic link is followed (see
:func:`argmap._io.write_atomically`).

``dot`` is run through the ``graphviz`` package, imported only when a picture is drawn, so
``import argmap`` stays light. The package cannot time ``dot`` out; what bounds the layout
time is the size of what reaches it: the command line draws a summary of maps larger than
:data:`argmap.render.dot.LAYOUT_LIMIT` nodes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from argmap._io import write_atomically
from argmap.errors import ArgmapError

__all__ = ["FORMATS", "INSTALL_HINT", "RenderError", "render"]

#: Output formats by file suffix. ``dot`` is the DOT text itself, written without Graphviz.
FORMATS: Mapping[str, str] = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
}

#: How to get Graphviz, for the error raised when ``dot`` is missing.
INSTALL_HINT = (
    "install it with `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` "
    "(macOS) or from https://graphviz.org/download/"
)


class RenderError(ArgmapError):
    """A picture could not be made; the message is one line saying why and what to do."""


def render(
    dot_source: str,
    output: Path | str,
    *,
    fmt: str | None = None,
    engine: str = "dot",
) -> None:
    """Write ``dot_source`` to ``output`` as SVG, PNG, PDF or DOT text.

    Args:
        dot_source: DOT text, such as :func:`argmap.render.dot.to_dot` returns.
        output: The file to write; its suffix picks the format unless ``fmt`` is given.
        fmt: ``svg``, ``png``, ``pdf`` or ``dot`` (also ``gv``), overriding the suffix.
        engine: The Graphviz layout program to run.

    Raises:
        RenderError: when the format is unknown, the output folder is missing, the output is a
            folder or cannot be written, Graphviz is not installed, or it fails.
    """
    output = Path(output)
    _check_destination(output)
    kind = _format(output, fmt)
    data = dot_source.encode("utf-8") if kind == "dot" else _run(dot_source, kind, engine)
    _write_atomically(output, data)


def _format(output: Path, fmt: str | None) -> str:
    if fmt is not None:
        kind = FORMATS.get("." + fmt.lower().lstrip("."))
        if kind is None:
            raise RenderError(f"unknown output format `{fmt}`; use {_choices()}")
        return kind
    kind = FORMATS.get(output.suffix.lower())
    if kind is None:
        shown = f"suffix `{output.suffix}`" if output.suffix else "no suffix"
        raise RenderError(f"cannot tell the format of `{output}` ({shown}); end it in {_choices()}")
    return kind


def _choices() -> str:
    return ", ".join(f"`{suffix}`" for suffix in FORMATS)


def _check_destination(output: Path) -> None:
    folder = output.parent
    if not folder.exists():
        raise RenderError(f"output folder `{folder}/` does not exist; create it first")
    if not folder.is_dir():
        raise RenderError(f"`{folder}` is not a folder; choose an output inside a folder")
    if output.is_dir():
        raise RenderError(f"`{output}` is a folder; give a file name such as `{output}/map.svg`")


def _run(dot_source: str, kind: str, engine: str) -> bytes:
    import graphviz  # noqa: PLC0415 - imported only when a picture is drawn

    try:
        data: bytes = graphviz.pipe(engine, kind, dot_source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise RenderError(f"Graphviz `{engine}` not found; {INSTALL_HINT}") from None
    except graphviz.CalledProcessError as error:
        raise RenderError(f"Graphviz `{engine}` failed: {_first_error(error)}") from None
    except OSError as error:
        raise RenderError(f"cannot run Graphviz `{engine}`: {error.strerror or error}") from None
    return data


def _first_error(error: subprocess.CalledProcessError) -> str:
    """The first ``Error`` line of the program's stderr, else its first line, else the status."""
    stderr = error.stderr or b""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    if errors or lines:
        return (errors or lines)[0]
    if error.returncode < 0:
        return f"killed by signal {-error.returncode}"
    return f"exit status {error.returncode}"


def _write_atomically(output: Path, data: bytes) -> None:
    try:
        write_atomically(output, data)
    except OSError as error:
        raise RenderError(_cannot_write(output, error)) from None


def _cannot_write(output: Path, error: OSError) -> str:
    reason = (error.strerror or str(error)).lower()
    return f"cannot write `{output}`: {reason}"
