"""What ``argmap import`` and ``argmap export`` do: convert a file, write a map in a format.

:func:`sniff` looks at a path's suffix and its first bytes and answers ``"aif"``,
``"argdown"``, ``"yaml"`` or None; :func:`import_file` imports an AIF or Argdown file as what
it is; :func:`export_text` writes a map in another format. Loading a map, whatever its format,
is :func:`argmap.load` (:mod:`argmap.loading`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from argmap._io import write_atomically
from argmap.errors import LoadError, MapError
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
#: argmap's own JSON (what ``argmap export --to json`` writes) says so.
_ARGMAP_JSON = re.compile(rb'"format"\s*:\s*"argmap"')
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
    try:
        if target.is_dir():
            return "yaml"
        with target.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:  # missing, unreadable, a name too long: the loaders report it
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


def import_file(
    path: str | os.PathLike[str], *, kind: Literal["aif", "argdown"] | None = None
) -> ImportResult:
    """Import an AIF or Argdown file, its format told by its content unless ``kind`` says.

    The file is read once, so a pipe (``argmap import <(...)``) is imported whole; its format
    is told from the bytes read (as :func:`sniff` tells it), then by the suffix. A JSON file
    that says ``"format": "argmap"`` is argmap's own JSON, read back as it was exported (see
    :func:`argmap.interchange.json.parse_map_json`), unless ``kind`` says ``"aif"``.

    Raises:
        LoadError: when the file cannot be read, is neither, or cannot be read as what it is.
    """
    from argmap._io import decode_utf8  # noqa: PLC0415
    from argmap.loading.contents import Contents  # noqa: PLC0415 - reading, bounded

    target = Path(path)
    data = Contents()(target)
    found: str | None = kind or _by_content(data[:_HEAD_BYTES]) or _by_suffix(target)
    if found == "aif" and kind is None and _ARGMAP_JSON.search(data[:_HEAD_BYTES]):
        found = "json"
    if found in {"aif", "argdown", "json"}:
        from argmap.interchange._common import surrogate_errors  # noqa: PLC0415

        result = _parse(found, decode_utf8(data, str(target)), target)
        if broken := surrogate_errors(result.map):
            raise LoadError(broken)
        return result
    raise LoadError(
        [
            MapError(
                str(target),
                1,
                1,
                "neither AIF JSON nor Argdown",
                "give an AIF .json or an .argdown file; YAML maps need no import",
            )
        ]
    )


def _parse(found: str, text: str, target: Path) -> ImportResult:
    if found == "aif":
        from argmap.interchange.aif import parse_aif  # noqa: PLC0415 - see _by_suffix

        return parse_aif(text, file=str(target))
    if found == "json":
        from argmap.interchange.json import parse_map_json  # noqa: PLC0415

        return parse_map_json(text, file=str(target))
    from argmap.interchange.argdown import parse_argdown  # noqa: PLC0415

    return parse_argdown(text, file=str(target), path=target)


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
