"""Where a map's surroundings are: its project root, its bibliography files.

Pure path logic, shared by the pipeline and the workspace: which ``.bib`` files a map reads
(the header's ``bibliography:`` names, relative to the header's file, or else the nearest
``references.bib``) and which folder holds the parsed-file cache.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from argmap.errors import MapError
from argmap.model import SourcePosition

__all__ = [
    "BIBLIOGRAPHY_NAME",
    "bibliography_files",
    "find_bibliography",
    "project_of",
    "project_root",
]

#: The bibliography a map reads when its header names none.
BIBLIOGRAPHY_NAME = "references.bib"


def bibliography_files(
    names: Sequence[tuple[str, SourcePosition]], *, near: Path, default: bool = True
) -> tuple[list[Path], list[MapError]]:
    """Return the .bib files a map reads, and an error for each named file that is missing.

    Args:
        names: the header's ``bibliography:`` names with where each was written; each is
            relative to the folder of the file it was written in.
        near: where the map is (its root folder, or its one file); when no name is given, the
            nearest ``references.bib`` from there (see :func:`find_bibliography`) is read.
        default: whether to look for that nearest ``references.bib`` at all.
    """
    files: list[Path] = []
    errors: list[MapError] = []
    for name, position in names:
        bib = Path(position.file).parent / name
        try:
            exists = bib.is_file()
        except OSError:  # a name too long for the file system, say
            exists = False
        if exists:
            files.append(bib)
        else:
            errors.append(
                MapError(
                    position.file,
                    position.line,
                    position.column,
                    f"bibliography `{name}` not found (looked for `{bib}`)",
                    "fix the path; it is relative to the file holding the header",
                )
            )
    if not names and default:
        found = find_bibliography(near)
        if found is not None:
            files.append(found)
    return files, errors


def find_bibliography(start: Path) -> Path | None:
    """Return the nearest ``references.bib`` walking up from ``start``, or None.

    The search stops at the first folder holding ``.git`` or ``pyproject.toml``.
    """
    folder = start if start.is_dir() else start.parent
    with contextlib.suppress(OSError):
        for candidate in (folder, *folder.resolve().parents):
            bib = candidate / BIBLIOGRAPHY_NAME
            if bib.is_file():
                return bib if candidate is folder else _relative(bib)
            if (candidate / ".git").exists() or (candidate / "pyproject.toml").is_file():
                return None
    return None


def project_root(path: Path) -> Path:
    """Return the nearest folder at or above ``path`` holding ``pyproject.toml`` or ``.git``.

    When there is none, return the map's own folder (``path`` itself when it is a folder).
    """
    return project_of(path) or (path if path.is_dir() else path.parent)


def project_of(path: Path) -> Path | None:
    """Return the nearest folder at or above ``path`` holding ``pyproject.toml`` or ``.git``.

    None when there is none, up to the filesystem root.
    """
    folder = path if path.is_dir() else path.parent
    with contextlib.suppress(OSError):
        for candidate in (folder, *folder.resolve().parents):
            if (candidate / "pyproject.toml").is_file() or (candidate / ".git").exists():
                return folder if candidate == folder.resolve() else candidate
    return None


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
