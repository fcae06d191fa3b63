"""The readers of the interchange formats: AIF (AIFdb, OVA, xAIF), Argdown and argmap JSON.

Each file of these formats is a map of its own. The format's importer (in
:mod:`argmap.interchange`) parses the bytes the pipeline read once; its map becomes a
:class:`~argmap.loading.drafts.FileDraft` like any YAML file's, so the same assembly checks
it and the same bibliography stage completes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argmap._io import decode_utf8
from argmap.errors import LoadError
from argmap.loading.drafts import FileDraft, Header, MapFormat

if TYPE_CHECKING:
    from argmap.interchange._common import ImportResult

__all__ = ["read_interchange"]


def read_interchange(file: str, data: bytes, format_name: MapFormat, path: Path) -> FileDraft:
    """Read one AIF, Argdown or argmap-JSON file from its bytes.

    Args:
        file: the file's name as messages show it.
        data: its bytes.
        format_name: ``"aif"``, ``"argdown"`` or ``"json"``.
        path: where the file is, for Argdown's ``@include`` lines.

    Returns:
        The draft; a file that cannot be read as its format has only errors.
    """
    try:
        result = _import(file, decode_utf8(data, file), format_name, path)
    except LoadError as exc:
        return FileDraft(file=file, errors=exc.errors)
    from argmap.interchange._common import surrogate_errors  # noqa: PLC0415 - with the readers

    if broken := surrogate_errors(result.map):
        return FileDraft(file=file, errors=tuple(broken))
    imported = result.map
    has_header = any(
        (
            imported.title,
            imported.bibliography,
            imported.analysed,
            imported.unmapped,
            imported.expected,
        )
    )
    header = None
    if has_header:
        header = Header(
            title=imported.title,
            bibliography=()
            if imported.bibliography is None
            else ((imported.bibliography, imported.position),),
            analysed=imported.analysed,
            unmapped=imported.unmapped,
            expected=imported.expected,
            position=imported.position,
        )
    return FileDraft(file=file, header=header, nodes=imported.nodes)


def _import(file: str, text: str, format_name: MapFormat, path: Path) -> ImportResult:
    # Each importer is imported only when a file of its format turns up.
    if format_name == "aif":
        from argmap.interchange.aif import parse_aif  # noqa: PLC0415

        return parse_aif(text, file=file)
    if format_name == "argdown":
        from argmap.interchange.argdown import parse_argdown  # noqa: PLC0415

        return parse_argdown(text, file=file, path=path)
    from argmap.interchange.json import parse_map_json  # noqa: PLC0415

    return parse_map_json(text, file=file)
