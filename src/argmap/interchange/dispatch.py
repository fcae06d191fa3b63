"""Tell a map's format from its content, load a map whatever its format, and export one.

:func:`sniff` looks at a path's suffix and its first bytes and answers ``"aif"``,
``"argdown"``, ``"yaml"`` or None. :func:`read_foreign` imports AIF and Argdown files and
answers None for anything else, so that the YAML loader can call it first without calling
itself; :func:`load_any` loads every format. :func:`import_file` and :func:`export_text` are
what ``argmap import`` and ``argmap export`` do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from argmap._io import write_atomically
from argmap.errors import LoadError, MapError
from argmap.loader import load, read_text
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    # The importers' shared module is imported with the importers themselves, when a foreign
    # file is read: loading a YAML map, the common case, does not need it.
    from argmap.interchange._common import ImportResult

__all__ = [
    "EXPORT_FORMATS",
    "ExportFormat",
    "Format",
    "export_text",
    "import_file",
    "load_any",
    "load_foreign",
    "read_foreign",
    "sniff",
    "write_atomically",
]

#: What :func:`sniff` answers.
Format = Literal["aif", "argdown", "yaml"]
#: What :func:`export_text` writes.
ExportFormat = Literal["aif", "xaif", "json", "argdown"]
#: The names of the export formats, for command-line choices.
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("aif", "xaif", "json", "argdown")

_HEAD_BYTES = 65536
_AIF_KEY = re.compile(rb'"(?:nodes|edges|AIF)"\s*:')
_YAML_TOP = re.compile(rb"^(?:nodes|map)\s*:", re.MULTILINE)
_ARGDOWN_LINE = re.compile(
    rb"^(?:===\s*$|\s*\[[^\]\n]+\]:|\s*<[^>\n]+>:?|\s*\(\d+\)\s|\s*(?:<?[+\-_]|[+\-_]>|><)\s+[\[<])",
    re.MULTILINE,
)
_YAML_SUFFIXES = (".yaml", ".yml")


def sniff(path: str | os.PathLike[str]) -> Format | None:
    """Say what format the map at ``path`` is in, or None when it is none argmap reads.

    A folder is a YAML map. A file is judged by its first 64 KiB: a JSON object with a
    ``nodes``, ``edges`` or ``AIF`` key is AIF; a file with a ``nodes:`` or ``map:`` key at the
    start of a line is YAML; a file with Argdown front matter, a ``[Title]:`` or ``<Title>``
    definition, a numbered premise ``(1)`` or a relation line is Argdown. The suffix decides
    when the content does not (``.json``: AIF, ``.argdown``/``.ad``: Argdown, ``.yaml``/``.yml``:
    YAML). A path that cannot be read is left to the loaders, which report it.
    """
    target = Path(path)
    if target.is_dir():
        return "yaml"
    try:
        with target.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:
        return _by_suffix(target)
    return _by_content(head) or _by_suffix(target)


def _by_content(head: bytes) -> Format | None:
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"{"):
        return "aif" if _AIF_KEY.search(body) else None
    if _YAML_TOP.search(body):
        return "yaml"
    if _ARGDOWN_LINE.search(body):
        return "argdown"
    return None


def _by_suffix(path: Path) -> Format | None:
    from argmap.interchange.argdown import ARGDOWN_SUFFIXES  # noqa: PLC0415 - see _formats

    suffix = path.suffix.lower()
    if suffix == ".json":
        return "aif"
    if suffix in ARGDOWN_SUFFIXES:
        return "argdown"
    if suffix in _YAML_SUFFIXES:
        return "yaml"
    return None


# The format modules are imported only when a file of theirs turns up, so that loading a YAML
# map (what `argmap check` does on every run) does not pay for them.


def read_foreign(path: str | os.PathLike[str]) -> ImportResult | None:
    """Import ``path`` when it is AIF or Argdown; return None for YAML and unknown formats.

    Raises:
        LoadError: when the file is AIF or Argdown but cannot be read as such.
    """
    return read_foreign_as(path, sniff(path))


def read_foreign_as(path: str | os.PathLike[str], found: Format | None) -> ImportResult | None:
    """Import ``path`` as AIF or Argdown as ``found`` says; None for any other format."""
    if found == "aif":
        from argmap.interchange.aif import read_aif  # noqa: PLC0415 - see _by_suffix

        return read_aif(path)
    if found == "argdown":
        from argmap.interchange.argdown import read_argdown  # noqa: PLC0415

        return read_argdown(path)
    return None


def load_foreign(path: str | os.PathLike[str]) -> ArgumentMap | None:
    """Load ``path`` as a map when it is AIF or Argdown, with its bibliography; else None.

    The bibliography is the one the file names (argmap writes it into the AIF and Argdown it
    exports; the path is relative to the file) or, when the map cites anything, the nearest
    ``references.bib`` as for YAML maps. A map that cites nothing gets none, so that a plain
    AIF or Argdown file is not checked against an unrelated bibliography.

    Raises:
        LoadError: when the file cannot be read as what it is, or names a bibliography that
            does not exist or cannot be read.
    """
    result = read_foreign(path)
    if result is None:
        return None
    return _with_bibliography(result.map, Path(path))


def _with_bibliography(argument_map: ArgumentMap, path: Path) -> ArgumentMap:
    from argmap.bibliography import load_bibliography  # noqa: PLC0415 - see load_any
    from argmap.loader import find_bibliography  # noqa: PLC0415

    named = argument_map.bibliography
    bib: Path | None = None
    if named is not None:
        bib = path.parent / named
        if not bib.is_file():
            raise LoadError(
                [
                    MapError(
                        str(path),
                        1,
                        1,
                        f"bibliography `{named}` not found (looked for `{bib}`)",
                        "put it there, or export the map again from where it is",
                    )
                ]
            )
    elif any(node.citations for node in argument_map.nodes):
        bib = find_bibliography(path)
    if bib is None:
        return argument_map
    library = load_bibliography([bib])
    return attrs.evolve(
        argument_map, sources=dict(library.sources), problems=tuple(library.problems)
    )


def load_any(
    path: str | os.PathLike[str] = "arguments",
    *,
    text: str | os.PathLike[str] | None = None,
    cache: bool = False,
) -> ArgumentMap:
    """Load a map in any format argmap reads: YAML (file or folder), AIF JSON or Argdown.

    This is :func:`argmap.load`. The format is told by the content, then by the suffix
    (see :func:`sniff`); a YAML map and its bibliography are read as described in
    :doc:`/format`.

    Args:
        path: the map: a YAML file or folder, an AIF JSON file or an Argdown file.
        text: the analysed text (UTF-8; each non-empty line is a paragraph), so that rules can
            compare the map's ``at:`` paragraphs with it.
        cache: read a YAML map through the parsed-map cache, as ``argmap check`` does: an
            unchanged map is read back from ``.argmap_cache/`` in the project root (the folder
            is created), without parsing its YAML and BibTeX again.

    Raises:
        LoadError: carrying every problem found.
    """
    argument_map = load_foreign(path)
    if argument_map is None and cache:
        from argmap._cache import cached_load  # noqa: PLC0415 - only cached loads need it

        return cached_load(path, text=text)
    if argument_map is None:
        return load(path, text=text)
    if text is None:
        return argument_map
    return attrs.evolve(argument_map, text=read_text(Path(text)))


def import_file(
    path: str | os.PathLike[str], *, kind: Literal["aif", "argdown"] | None = None
) -> ImportResult:
    """Import an AIF or Argdown file, its format told by :func:`sniff` unless ``kind`` says.

    Raises:
        LoadError: when the file is neither, or cannot be read as what it is.
    """
    found = kind or sniff(path)
    if found in {"aif", "argdown"}:
        result = read_foreign_as(path, found)
        if result is not None:
            return result
    raise LoadError(
        [
            MapError(
                str(path),
                1,
                1,
                "neither AIF JSON nor Argdown",
                "give an AIF .json or an .argdown file; YAML maps need no import",
            )
        ]
    )


def export_text(
    argument_map: ArgumentMap, to: ExportFormat, *, folder: str | os.PathLike[str] | None = None
) -> str:
    """Return a map as AIF (AIFdb nodeset), xAIF (OVA wrapper), argmap JSON or Argdown text.

    Args:
        argument_map: the map.
        to: the format.
        folder: where the text will be written; the map's ``bibliography`` path (relative to the
            file holding its header) is rewritten to be relative to this folder, so that
            the exported file still finds it. None leaves the path as it is.
    """
    if folder is not None and argument_map.bibliography is not None:
        bib = Path(argument_map.position.file).parent / argument_map.bibliography
        rebased = Path(os.path.relpath(bib, Path(folder))).as_posix()
        argument_map = attrs.evolve(argument_map, bibliography=rebased)
    from argmap.interchange import aif, argdown, json  # noqa: PLC0415 - see _by_suffix

    if to == "aif":
        return aif.dump_aif(argument_map)
    if to == "xaif":
        return aif.dump_aif(argument_map, shape="xaif")
    if to == "json":
        return json.to_json(argument_map)
    return argdown.to_argdown(argument_map)
