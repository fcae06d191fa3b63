"""Each file's bytes, read once and handed to every stage; unsaved text stands in for a file.

Discovery, the readers, the bibliography stage and the cache all ask a :class:`Contents` for a
file's bytes, so a file is read once per load: a pipe (``argmap check <(...)``,
``/dev/stdin``) yields its bytes to the stage that parses it, not only to the one that peeked
at it, and what is parsed is exactly what was hashed for the cache.
"""

from __future__ import annotations

import os
import re
import select
import stat
from collections.abc import Mapping
from pathlib import Path

from argmap.errors import LoadError, MapError

__all__ = ["MAX_FILE_BYTES", "PIPE_TIMEOUT", "Contents", "file_key", "max_file_bytes"]

#: The largest file argmap reads by default (a map of 300,000 nodes is about 60 MB); the
#: environment variable ``ARGMAP_MAX_FILE_SIZE`` (e.g. ``1G``) raises or lowers it.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: How long to wait for a pipe's writer, in seconds, before each chunk.
PIPE_TIMEOUT = 30.0


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
            LoadError: when the file cannot be read, is larger than :func:`max_file_bytes`,
                is a device rather than a file or pipe, or is a pipe nobody writes to.
        """
        key = file_key(path)
        data = self._bytes.get(key)
        if data is None:
            data = self._bytes[key] = _read(path)
        return data

    def held(self, path: Path) -> bytes | None:
        """Return the file's bytes if they are held, without reading the file."""
        return self._bytes.get(file_key(path))

    def put(self, path: Path, data: bytes) -> None:
        """Let ``data`` stand in for the file from now on."""
        self._bytes[file_key(path)] = data

    def drop(self, path: Path) -> None:
        """Forget the file's bytes: the next use reads it from disk again."""
        self._bytes.pop(file_key(path), None)


def max_file_bytes() -> int:
    """Return the largest file argmap reads: :data:`MAX_FILE_BYTES`, or ``ARGMAP_MAX_FILE_SIZE``.

    The variable is a number of bytes, or a number with ``K``, ``M`` or ``G`` (powers of 1024).

    Raises:
        LoadError: when the variable is set to something else.
    """
    setting = os.environ.get("ARGMAP_MAX_FILE_SIZE", "").strip()
    if not setting:
        return MAX_FILE_BYTES
    match = re.fullmatch(_SIZE, setting)
    if match is None:
        raise LoadError(
            [
                MapError(
                    "$ARGMAP_MAX_FILE_SIZE",
                    1,
                    1,
                    f"bad size `{setting[:40]}`",
                    "write a number of bytes, or a number with K, M or G, such as 512M",
                )
            ]
        )
    number, unit = match.groups()
    power: int = " KMG".index((unit or " ").upper())
    return int(number) << (10 * power)


#: Compiled by ``re`` when first used: only a size in the environment needs it.
_SIZE = r"([0-9]{1,15})\s*([KMGkmg])?(?:i?B)?"


def _read(path: Path) -> bytes:
    limit = max_file_bytes()
    try:
        # Non-blocking: opening a FIFO nobody writes to must not hang (poll bounds the wait).
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _unreadable(path, error) from None
    try:
        kind = os.fstat(descriptor)
        if stat.S_ISREG(kind.st_mode):
            if kind.st_size > limit:
                raise _too_large(path, limit)
            os.set_blocking(descriptor, True)
            data = _read_all(descriptor, limit, kind.st_size)
        elif stat.S_ISFIFO(kind.st_mode):
            data = _read_pipe(path, descriptor, limit)
        else:
            raise LoadError(
                [
                    MapError(
                        str(path),
                        1,
                        1,
                        f"`{path}` is neither a regular file nor a pipe",
                        "give a map file; a device such as /dev/zero is not read",
                    )
                ]
            )
    except OSError as error:
        raise _unreadable(path, error) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise _too_large(path, limit)
    return data


def _read_all(descriptor: int, limit: int, expected: int = 0) -> bytes:
    """Read to the end, at most ``limit`` + 1 bytes.

    ``expected`` (the file's size) is asked for at once: a file that does not grow while it is
    read takes one read and no copy.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        want = max(1 << 20, expected + 1) if not chunks else 1 << 20
        chunk = os.read(descriptor, min(want, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_pipe(path: Path, descriptor: int, limit: int) -> bytes:
    """Read a pipe to its end, waiting at most :data:`PIPE_TIMEOUT` seconds for each chunk."""
    waiting = select.poll()
    waiting.register(descriptor, select.POLLIN | select.POLLHUP)
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        if not waiting.poll(PIPE_TIMEOUT * 1000):
            raise LoadError(
                [
                    MapError(
                        str(path),
                        1,
                        1,
                        f"nothing was written to the pipe `{path}` for {PIPE_TIMEOUT:g} s",
                        "write the map into the pipe, or give a file",
                    )
                ]
            )
        try:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _unreadable(path: Path, error: OSError) -> LoadError:
    reason = (error.strerror or "unreadable").lower()
    return LoadError(
        [MapError(str(path), 1, 1, f"cannot read `{path}`: {reason}", "check the path")]
    )


def _too_large(path: Path, limit: int) -> LoadError:
    return LoadError(
        [
            MapError(
                str(path),
                1,
                1,
                f"the file is larger than {_size(limit)}, the most argmap reads",
                "split the map into several files, or raise ARGMAP_MAX_FILE_SIZE",
            )
        ]
    )


def _size(count: int) -> str:
    for unit, power in (("GiB", 3), ("MiB", 2), ("KiB", 1)):
        if count >= 1024**power and count % 1024**power == 0:
            return f"{count // 1024**power} {unit}"
    return f"{count} bytes"
