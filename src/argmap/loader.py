"""Read a map (one YAML file or a folder of them) into an :class:`~argmap.model.ArgumentMap`.

This module finds what a map is made of: its YAML files, its bibliography, its analysed
text. The reading itself is in :mod:`argmap._yaml_reader`, imported on the first load: it
brings in PyYAML and bibtexparser, which a check served from the parsed-map cache
(:mod:`argmap._cache`) never needs, and their import is most of a small check's start-up.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from argmap._gc import collector_paused
from argmap._io import read_utf8
from argmap.errors import LoadError, MapError
from argmap.model import NODE_KINDS, AnalysedText, ArgumentMap, SourcePosition

__all__ = [
    "bibliography_files",
    "find_bibliography",
    "load",
    "load_with_bibliography_names",
    "map_files",
    "read_text",
]

TOP_KEYS = ("map", "nodes")
HEADER_KEYS = ("title", "bibliography", "analysed", "unmapped", "expect")
LABELS = ("in", "out", "undec")
LINK_KEYS = ("thesis", "because", "attacks", "undercuts", "cites", "at", "note", "ignore")
NODE_KEYS = (*NODE_KINDS, *LINK_KEYS)
YAML_SUFFIXES = (".yaml", ".yml")
BIBLIOGRAPHY_NAME = "references.bib"


def load(
    path: str | os.PathLike[str] = "arguments", *, text: str | os.PathLike[str] | None = None
) -> ArgumentMap:
    """Load a map from one YAML file or a folder of them, with its bibliography.

    Args:
        path: a ``.yaml`` file, or a folder whose ``*.yaml`` files (searched recursively,
            read in sorted order) together make one map.
        text: the analysed text (UTF-8; each non-empty line is a paragraph), so that rules can
            compare the map's ``at:`` paragraphs with it.

    Returns:
        The map, with every element's position kept.

    Raises:
        LoadError: carrying every problem found, each with file, line and column.
    """
    return load_with_bibliography_names(path, text=text)[0]


def load_with_bibliography_names(
    path: str | os.PathLike[str] = "arguments", *, text: str | os.PathLike[str] | None = None
) -> tuple[ArgumentMap, tuple[str, ...]]:
    """Load a map as :func:`load` does; also return every bibliography name its header gives.

    The names (``bibliography:`` in the header, in order) and the map's header file are what
    :func:`bibliography_files` needs to tell which .bib files the map reads; the parsed-map
    cache (:mod:`argmap._cache`) uses them to check its entries.

    Raises:
        LoadError: carrying every problem found, each with file, line and column.
    """
    from argmap._yaml_reader import Reader  # noqa: PLC0415 - see the module text

    reader = Reader()
    with collector_paused():  # the collector, not libyaml, dominates large loads
        argument_map = reader.read(Path(path))
    names = tuple(name for name, _ in reader.header.bibliography)
    if text is None:
        return argument_map, names
    return attrs.evolve(argument_map, text=read_text(Path(text))), names


def read_text(path: Path) -> AnalysedText:
    """Read an analysed text; each non-empty line is a paragraph.

    Raises:
        LoadError: when the file cannot be read or is not UTF-8.
    """
    return AnalysedText.from_string(str(path), read_utf8(path))


def map_files(path: Path) -> list[Path]:
    """Return the YAML files making up the map at ``path``, in reading order.

    Raises:
        LoadError: when the path does not exist or a folder holds no YAML file.
    """
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.suffix in YAML_SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            raise LoadError(
                [_error(path, 1, 1, f"folder `{path}` holds no .yaml file", "give a map file")]
            )
        return files
    if path.exists():
        return [path]
    raise LoadError(
        [_error(path, 1, 1, f"no such file or folder `{path}`", "check the path to the map")]
    )


def bibliography_files(
    path: Path, header_file: Path, names: Sequence[tuple[str, SourcePosition]]
) -> tuple[list[Path], list[MapError]]:
    """Return the .bib files a map reads, and an error for each named file that is missing.

    Args:
        path: the map (file or folder) as given to :func:`load`.
        header_file: the file holding the ``map:`` header (else the map's first file); the
            names are relative to its folder.
        names: the header's ``bibliography:`` names with where each was written. When there
            is none, the nearest ``references.bib`` (see :func:`find_bibliography`) is used.
    """
    files: list[Path] = []
    errors: list[MapError] = []
    for name, position in names:
        bib = header_file.parent / name
        if bib.is_file():
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
    if not names:
        found = find_bibliography(path)
        if found is not None:
            files.append(found)
    return files, errors


def find_bibliography(start: Path) -> Path | None:
    """Return the nearest ``references.bib`` walking up from ``start``, or None.

    The search stops at the first folder holding ``.git`` or ``pyproject.toml``.
    """
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.resolve().parents):
        bib = candidate / BIBLIOGRAPHY_NAME
        if bib.is_file():
            return bib if candidate is folder else _relative(bib)
        if (candidate / ".git").exists() or (candidate / "pyproject.toml").is_file():
            return None
    return None


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _error(file: Path | str, line: int, column: int, message: str, hint: str) -> MapError:
    return MapError(str(file), line, column, message, hint)
