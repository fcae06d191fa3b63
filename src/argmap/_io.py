"""Reading text files strictly as UTF-8, and writing files whole or not at all.

Every reader of user files (maps, bibliographies, analysed texts, AIF, Argdown, ICCMA files)
goes through :func:`read_utf8`, so that an unreadable or mis-encoded file is reported the same
way everywhere: one :class:`~argmap.errors.MapError` with the line and column of the first bad
byte. Every writer goes through :func:`write_atomically`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from argmap.errors import LoadError, MapError

__all__ = ["decode_utf8", "read_bytes", "read_utf8", "write_atomically"]

_BOM = b"\xef\xbb\xbf"


def decode_utf8(data: bytes, name: str) -> str:
    """Decode a file's bytes as UTF-8 (a leading byte-order mark is dropped).

    Raises:
        LoadError: naming ``name``, the line and column of the first byte that is not UTF-8.
    """
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise LoadError(
            [
                MapError(
                    name,
                    data.count(b"\n", 0, error.start) + 1,
                    column,
                    f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
                    "re-save it as UTF-8; argmap does not guess other encodings",
                )
            ]
        ) from None


def read_utf8(path: Path, name: str | None = None) -> str:
    """Read a text file strictly as UTF-8.

    Args:
        path: the file.
        name: how messages name the file (default: the path as given).

    Raises:
        LoadError: when the file cannot be read (missing, a folder, no permission) or is not
            UTF-8.
    """
    shown = str(path) if name is None else name
    return decode_utf8(read_bytes(path, shown), shown)


def read_bytes(path: Path, name: str | None = None) -> bytes:
    """Read a file's bytes, reporting a file that cannot be read as :func:`read_utf8` does.

    Raises:
        LoadError: when the file cannot be read (missing, a folder, no permission).
    """
    try:
        return path.read_bytes()
    except OSError as error:
        shown = str(path) if name is None else name
        reason = (error.strerror or "unreadable").lower()
        raise LoadError(
            [MapError(shown, 1, 1, f"cannot read `{path}`: {reason}", "check the path")]
        ) from None


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> None:
    r"""Write ``data`` to ``path`` whole or not at all; text is written as UTF-8.

    The data goes to a new temporary file in the same folder (created with the permissions a
    new file gets), which then replaces ``path`` in one step (``os.replace``); on any failure
    the temporary file is removed and an existing ``path`` is left as it was.

    Raises:
        OSError: when the folder cannot be written.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    descriptor, temporary = _new_temporary(target)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _new_temporary(target: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {target}")
