"""Each file's bytes, read once and handed to every stage; unsaved text stands in for a file.

Discovery, the readers, the bibliography stage and the cache all ask a :class:`Contents` for a
file's bytes, so a file is read once per load: a pipe (``argmap check <(...)``,
``/dev/stdin``) yields its bytes to the stage that parses it, not only to the one that peeked
at it, and what is parsed is exactly what was hashed for the cache.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from argmap.errors import LoadError, MapError

__all__ = ["MAX_FILE_BYTES", "Contents", "file_key"]

#: The largest file argmap reads (a map of 300,000 nodes is about 60 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024


def file_key(path: str | os.PathLike[str]) -> str:
    """Return the key a file is known by: its absolute path, symlinks not resolved."""
    return os.path.abspath(path)  # noqa: PTH100 - resolve() would follow symlinks


class Contents:
    """A read-once view of files, with unsaved texts standing in for some of them."""

    def __init__(self, unsaved: Mapping[str, bytes] | None = None) -> None:
        """Start with nothing read; ``unsaved`` maps :func:`file_key` keys to bytes."""
        self._bytes: dict[str, bytes] = dict(unsaved or {})

    def __call__(self, path: Path) -> bytes:
        """Return the file's bytes, reading it on first use.

        Raises:
            LoadError: when the file cannot be read or is larger than :data:`MAX_FILE_BYTES`.
        """
        key = file_key(path)
        data = self._bytes.get(key)
        if data is None:
            data = self._bytes[key] = _read(path)
        return data

    def known(self, path: Path) -> bool:
        """Whether the file's bytes are held (read already, or given as unsaved text)."""
        return file_key(path) in self._bytes

    def held(self, path: Path) -> bytes | None:
        """Return the file's bytes if they are held, without reading the file."""
        return self._bytes.get(file_key(path))

    def put(self, path: Path, data: bytes) -> None:
        """Let ``data`` stand in for the file from now on."""
        self._bytes[file_key(path)] = data

    def drop(self, path: Path) -> None:
        """Forget the file's bytes: the next use reads it from disk again."""
        self._bytes.pop(file_key(path), None)


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = (error.strerror or "unreadable").lower()
        raise LoadError(
            [MapError(str(path), 1, 1, f"cannot read `{path}`: {reason}", "check the path")]
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(
            [
                MapError(
                    str(path),
                    1,
                    1,
                    f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
                    "split the map into several files",
                )
            ]
        )
    return data
