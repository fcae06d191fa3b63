"""Reading text files strictly as UTF-8, and writing files whole or not at all.

Every reader of user files (maps, bibliographies, analysed texts, AIF, Argdown, ICCMA files)
goes through :func:`read_utf8`, so that an unreadable or mis-encoded file is reported the same
way everywhere: one :class:`~argmap.errors.MapError` with the line and column of the first bad
byte. Every writer goes through :func:`write_atomically`, and every command that writes asks
:func:`same_file` first whether its output is one of its inputs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path

from argmap.errors import LoadError, MapError

__all__ = ["decode_utf8", "read_bytes", "read_utf8", "same_file", "write_atomically"]

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


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file, through symbolic links and hard links.

    Returns:
        False when either path does not exist or cannot be reached.
    """
    try:
        return Path(first).samefile(second)
    except (OSError, ValueError):
        return False


#: Paths naming a descriptor the process has open; written into, at their end, never replaced.
#: Compiled by ``re`` when first used: only writing a file needs it.
_DESCRIPTOR_PATH = r"/dev/(?:stdout|stderr|fd/\d+)|/proc/(?:self|\d+)/fd/\d+"
#: How much of the output's name (in UTF-8 bytes) its temporary files repeat, to stay short.
_NAME_BYTES = 200
#: The permission bits a replaced file passes on to the file replacing it.
_KEPT_MODE = 0o777


def write_atomically(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; text is written as UTF-8.

    How depends on what ``path`` is:

    - a regular file, or nothing yet: the data goes to a new temporary file in the same
      folder, ``.NAME.argmap-PID-RANDOM.tmp``, which then replaces ``path`` in one step
      (``os.replace``); a replaced file's permission bits are kept. On any failure, an
      interrupt included, the temporary file is removed and an existing ``path`` is left as it
      was. Temporary files of ``path`` left by an argmap process that no longer runs (one
      killed with SIGKILL) and owned by this user are removed first; nothing else is.
    - a symbolic link: it is followed; the file it points to is written as above (or created,
      if missing) and the link stays a link.
    - a device, a FIFO or a socket: it is opened for writing, neither created nor truncated,
      and the data is written into it (``/dev/null`` stays a device).
    - a path naming an open descriptor (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``):
      the data is appended to whatever the descriptor is.

    Raises:
        IsADirectoryError: when ``path`` is a folder.
        OSError: when the folder or the file cannot be written.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _names_descriptor(target):
        _write_into(target, payload, append=True)
        return
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    if status is None or stat.S_ISREG(status.st_mode):
        mode = None if status is None else status.st_mode & _KEPT_MODE
        _replace(_followed(target), payload, mode)
    elif stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    else:
        _write_into(target, payload, append=False)


def _names_descriptor(target: Path) -> bool:
    # Lexically absolute: resolving would follow /dev/stdout to what it names.
    absolute = os.path.abspath(target)  # noqa: PTH100
    return os.name == "posix" and re.fullmatch(_DESCRIPTOR_PATH, absolute) is not None


def _followed(target: Path) -> Path:
    """The file a symbolic link points to (the last link of a chain followed), else ``target``."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _write_into(target: Path, payload: bytes, *, append: bool) -> None:
    """Write into an existing special file, without creating, truncating or replacing it."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(target, flags | (os.O_APPEND if append else 0))
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(payload)


def _replace(target: Path, payload: bytes, mode: int | None) -> None:
    """Write a temporary file beside ``target``, then rename it onto ``target``."""
    _remove_leftovers(target)
    temporary = _temporary_name(target)
    try:
        # Created inside the `try`, so that a signal arriving the moment it exists still
        # removes it; a name holding this process's id is this process's to remove.
        descriptor = os.open(temporary, _NEW_FILE, 0o666)
        with os.fdopen(descriptor, "wb") as stream:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


#: How a temporary file is opened: a new file, never one that exists.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary_stem(name: str) -> str:
    """``.NAME.argmap-``: how every temporary file of an output called ``name`` begins."""
    short = name.encode("utf-8", "surrogateescape")[:_NAME_BYTES]
    return f".{short.decode('utf-8', 'surrogateescape')}.argmap-"


def _temporary_name(target: Path) -> Path:
    """``.NAME.argmap-PID-RANDOM.tmp`` beside ``target``: 32 random bits after this process's id.

    Only this process makes names with its id, so a name taken already is a leftover of an
    earlier process that had the same id (odds of 1 in 2**32 per such leftover): creating the
    file then fails with FileExistsError, and the leftover is removed with the failed write.
    """
    random = os.urandom(4).hex()
    return target.with_name(f"{_temporary_stem(target.name)}{os.getpid()}-{random}.tmp")


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files of ``target`` whose argmap process is gone (POSIX only).

    Only regular files this user owns, named as :func:`_temporary_name` names them for this
    very output, with the id of a process that no longer runs, are removed.
    """
    if os.name != "posix":
        return
    pattern = re.compile(re.escape(_temporary_stem(target.name)) + r"(\d{1,10})-[0-9a-f]{8}\.tmp")
    try:
        with os.scandir(target.parent) as entries:
            found = [
                (entry, int(match[1]))
                for entry in entries
                if (match := pattern.fullmatch(entry.name)) is not None
            ]
    except OSError:
        return
    for entry, pid in found:
        if _abandoned(entry, pid):
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()


def _abandoned(entry: os.DirEntry[str], pid: int) -> bool:
    """Whether a temporary file is this user's and its writer no longer runs."""
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    mine = stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
    return mine and not _running(pid)


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user counts); unsure means yes."""
    if pid <= 0 or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True
