"""Run Graphviz on DOT text and write the result atomically.

This is the one place argmap meets the ``dot`` program. Every failure becomes a
:class:`RenderError` whose message is one line, fit for the command line; nothing is ever
written half: the output goes to a temporary file in the output's folder, which then replaces
the output in one step (``os.replace``), and an existing output is left untouched on failure.
A device or a FIFO is written into instead, and a symbolic link is followed (see
:func:`argmap._io.write_atomically`).

``dot`` runs as a child process in a process group of its own, so that a ``timeout`` can stop
it and anything it started (the ``graphviz`` package, which argmap used before, cannot time a
layout out): past the timeout the group is killed and :class:`LayoutTimeout` raised. What
keeps the layout inside its time in the first place is :mod:`argmap.render.layout`, which
measures what a drawing costs before ``dot`` sees it.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path

from argmap._io import write_atomically
from argmap.errors import ArgmapError

__all__ = ["FORMATS", "INSTALL_HINT", "LayoutTimeout", "RenderError", "render"]

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


class LayoutTimeout(RenderError):  # noqa: N818 - a RenderError, named for what happened
    """Graphviz did not finish within the time it was given, and was stopped.

    Attributes:
        seconds: The time it was given.
    """

    def __init__(self, engine: str, seconds: float) -> None:
        """Say which program was stopped after how long."""
        super().__init__(
            f"Graphviz `{engine}` did not finish within {seconds:g} s and was stopped; "
            "draw part of the map with --focus ID --depth N"
        )
        self.seconds = seconds


def render(
    dot_source: str,
    output: Path | str,
    *,
    fmt: str | None = None,
    engine: str = "dot",
    timeout: float | None = None,
) -> None:
    """Write ``dot_source`` to ``output`` as SVG, PNG, PDF or DOT text.

    Args:
        dot_source: DOT text, such as :func:`argmap.render.dot.to_dot` returns.
        output: The file to write; its suffix picks the format unless ``fmt`` is given.
        fmt: ``svg``, ``png``, ``pdf`` or ``dot`` (also ``gv``), overriding the suffix.
        engine: The Graphviz layout program to run.
        timeout: Stop Graphviz after this many seconds (None: wait as long as it takes).

    Raises:
        LayoutTimeout: when Graphviz runs out of ``timeout``; the output is left untouched.
        RenderError: when the format is unknown, the output folder is missing, the output is a
            folder or cannot be written, Graphviz is not installed, or it fails.
    """
    output = Path(output)
    _check_destination(output)
    kind = _format(output, fmt)
    if kind == "dot":
        data = dot_source.encode("utf-8")
    else:
        data = _run(dot_source, kind, engine, timeout=timeout)
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


def _run(dot_source: str, kind: str, engine: str, *, timeout: float | None = None) -> bytes:
    """Run ``engine -Tkind`` on the DOT text and return what it prints."""
    try:
        child = subprocess.Popen(
            [engine, f"-T{kind}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=os.name == "posix",
        )
    except FileNotFoundError:
        raise RenderError(f"Graphviz `{engine}` not found; {INSTALL_HINT}") from None
    except OSError as error:
        raise RenderError(f"cannot run Graphviz `{engine}`: {error.strerror or error}") from None
    try:
        data, stderr = child.communicate(dot_source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(child)
        raise LayoutTimeout(engine, timeout or 0.0) from None
    except BaseException:
        _stop(child)
        raise
    if child.returncode != 0:
        failure = subprocess.CalledProcessError(child.returncode, engine, data, stderr)
        raise RenderError(f"Graphviz `{engine}` failed: {_first_error(failure)}")
    return data


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Kill the child and the process group it leads, then reap it."""
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            killpg(child.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups to kill
            child.kill()
    except ProcessLookupError:  # pragma: no cover - it ended on its own just now
        pass
    child.communicate()


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
