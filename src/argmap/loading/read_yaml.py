"""The YAML reader: one map file's bytes into a :class:`~argmap.loading.drafts.FileDraft`.

A file in the plain style argmap's own maps use is read straight from its lines
(:mod:`argmap.loading.read_simple`); any other is composed by PyYAML (libyaml's loader when
present) into a node tree that keeps every line and column, and the tree is walked by hand:
PyYAML's constructors would lose the positions and silently keep the last of two equal keys.
Every problem is collected as a :class:`~argmap.errors.MapError` in the draft; nothing is
raised. References to other nodes are left for :mod:`argmap.loading.assemble`, which sees every
file of the map. PyYAML is imported only when a file needs it.
"""

from __future__ import annotations

from argmap._io import decode_utf8
from argmap.errors import LoadError
from argmap.loading.drafts import (
    HEADER_KEYS,
    LABELS,
    LINK_KEYS,
    NODE_KEYS,
    TOP_KEYS,
    FileDraft,
)
from argmap.loading.read_simple import read_simple

__all__ = [
    "HEADER_KEYS",
    "LABELS",
    "LINK_KEYS",
    "NODE_KEYS",
    "TOP_KEYS",
    "read_composed",
    "read_yaml",
]


def read_yaml(file: str, data: bytes) -> FileDraft:
    """Read one YAML map file from its bytes.

    Args:
        file: the file's name as messages show it.
        data: the file's bytes (UTF-8; a byte-order mark is dropped).

    Returns:
        The draft: header, nodes, the ids of nodes written with a mistake, and every error.
    """
    try:
        text = decode_utf8(data, file)
    except LoadError as exc:
        return FileDraft(file=file, errors=exc.errors)
    simple = read_simple(file, text)
    if simple is not None:  # the plain style, read without PyYAML's node tree
        return simple
    return read_composed(file, text)


def read_composed(file: str, text: str) -> FileDraft:
    """Read one YAML map file's text through PyYAML's composed node tree.

    This reads any YAML; :func:`read_yaml` first tries the faster reader of the plain style
    (:func:`argmap.loading.read_simple.read_simple`), whose drafts equal this one's.
    """
    from argmap.loading._composed import read_composed as read  # noqa: PLC0415 - imports PyYAML

    return read(file, text)
