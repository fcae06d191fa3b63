"""Run Graphviz on DOT text and write the result atomically.

This is the one place argmap meets the ``dot`` program. Every failure becomes a
:class:`RenderError` whose message is one line, fit for the command line; nothing is ever
written half: the output goes to a temporary file in the output's folder, which then replaces
the output in one step (``os.replace``), and an existing output is left untouched on failure.

``dot`` is run with :mod:`subprocess` rather than through the ``graphviz`` package, because
``graphviz.pipe`` cannot time out and a very large map can keep ``dot`` busy for minutes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
from collections.abc import Mapping
from pathlib import Path

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


class RenderError(Exception):
    """A picture could not be made; the message is one line saying why and what to do."""


def render(
    dot_source: str,
    output: Path | str,
    *,
    fmt: str | None = None,
    engine: str = "dot",
    timeout: float = 60.0,
) -> None:
    """Write ``dot_source`` to ``output`` as SVG, PNG, PDF or DOT text.

    Args:
        dot_source: DOT text, such as :func:`argmap.render.dot.to_dot` returns.
        output: The file to write; its suffix picks the format unless ``fmt`` is given.
        fmt: ``svg``, ``png``, ``pdf`` or ``dot`` (also ``gv``), overriding the suffix.
        engine: The Graphviz layout program to run.
        timeout: Seconds to let the layout program run before giving up.

    Raises:
        RenderError: when the format is unknown, the output folder is missing, the output is a
            folder or cannot be written, Graphviz is not installed, fails or times out.
    """
    output = Path(output)
    _check_destination(output)
    kind = _format(output, fmt)
    data = dot_source.encode("utf-8") if kind == "dot" else _run(dot_source, kind, engine, timeout)
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


def _run(dot_source: str, kind: str, engine: str, timeout: float) -> bytes:
    command = [engine, f"-T{kind}"]
    try:
        done = subprocess.run(
            command,
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise RenderError(f"Graphviz `{engine}` not found; {INSTALL_HINT}") from None
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz `{engine}` took more than {timeout:g} s; draw less of the map "
            "(a focus and a depth) or a summary"
        ) from None
    except OSError as error:
        raise RenderError(f"cannot run Graphviz `{engine}`: {error.strerror or error}") from None
    if done.returncode != 0:
        raise RenderError(f"Graphviz `{engine}` failed: {_first_error(done)}")
    return done.stdout


def _first_error(done: subprocess.CompletedProcess[bytes]) -> str:
    """The first ``Error`` line of the program's stderr, else its first line, else the status."""
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if line.lower().startswith("error")]
    if errors or lines:
        return (errors or lines)[0]
    if done.returncode < 0:
        return f"killed by signal {-done.returncode}"
    return f"exit status {done.returncode}"


def _write_atomically(output: Path, data: bytes) -> None:
    try:
        descriptor, temporary = _create_temporary(output)
    except OSError as error:
        raise RenderError(_cannot_write(output, error)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(output)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise RenderError(_cannot_write(output, error)) from None
        raise


def _create_temporary(output: Path) -> tuple[int, Path]:
    """Create a new hidden file next to ``output``, with the permissions a new file gets."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = output.with_name(f".{output.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {output}")


def _cannot_write(output: Path, error: OSError) -> str:
    reason = (error.strerror or str(error)).lower()
    return f"cannot write `{output}`: {reason}"
