r"""A store of bytes under bytes keys, authenticated per user and safe in folders others control.

The loading pipeline keeps the parsed form of each file here, under a key made from the file's
bytes and :func:`code_stamp` of the code that shapes the result. The store knows nothing of
maps: keys and payloads are bytes. It is only an optimisation, so it never raises: anything
unexpected is a miss on :meth:`Cache.get` and "not stored" on :meth:`Cache.put`.

Trust. The cache folder usually sits in a project, so whoever wrote the project (a cloned
repository, an unpacked archive) may have put anything there. Hence:

* Every entry carries an HMAC-SHA256 made with a per-user secret (:func:`user_secret`, kept in
  :func:`user_cache_dir`), and the entry's file name is itself an HMAC of the key: a planted
  file can be neither addressed nor served, and without the secret the cache is disabled.
* The folder is opened once, refusing a symlink, and every operation is made relative to that
  descriptor; entries are opened without following symlinks and only a regular file of bounded
  size is read, so a symlink, FIFO or device is a miss and never blocks.
* Pruning deletes only files whose header proves this user's secret wrote them.

Layout. A folder the store creates gets a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``. An
entry is the file ``<name>.entry``, ``<name>`` being the lowercase hex of
``HMAC(secret, b"name\0" + key)`` (64 characters). It holds, integers big-endian::

    offset  size  field
         0     8  magic: b"argmap\x00c"
         8     4  format version (_VERSION)
        12    32  owner tag: HMAC(secret, b"owner\0" + file name as ASCII)
        44     8  payload length n
        52    32  MAC: HMAC(secret, b"entry\0" + bytes 0..51 + len(key) as 8 bytes + key
                  + payload)
        84     n  payload

The first 44 bytes keep this shape in every format version, so that pruning can recognise this
user's entries of any version from 44 bytes. The MAC covers the header and the key, so an
entry written for one key is never served for another, nor under another version. The key
itself is not stored.

Limits. An entry's payload is at most :data:`MAX_ENTRY_BYTES`; bigger payloads are not stored
and bigger files are not read. The folder is pruned after the first :meth:`Cache.put` of a
:class:`Cache` and after every 64th one: when it holds more than ``max_entries`` entries
(:data:`MAX_ENTRIES`) or more than ``max_bytes`` bytes of them (:data:`MAX_TOTAL_BYTES`), this
user's least recently used entries are deleted until three quarters of each limit is left (a
hit refreshes an entry's modification time). The limits are therefore soft between prunes.

Writes go to a temporary file created next to the entry and then renamed over it, so that a
reader sees a whole entry or none. They are not fsynced: after a crash an entry may be empty or
damaged, which only makes it a miss.

POSIX only: where ``O_NOFOLLOW``, ``O_DIRECTORY`` or ``dir_fd`` are missing (Windows), the cache
is disabled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.machinery
import importlib.util
import os
import re
import stat
import struct
import sys
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Self

__all__ = [
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "MAX_TOTAL_BYTES",
    "SECRET_BYTES",
    "Cache",
    "code_stamp",
    "user_cache_dir",
    "user_secret",
]

#: The largest payload stored, and so the most one read takes (64 MiB).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: How many entries a folder keeps by default (see :meth:`Cache.prune`).
MAX_ENTRIES = 1024
#: How many bytes of entries a folder keeps by default (256 MiB).
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: The length of the per-user secret.
SECRET_BYTES = 32

_MAGIC = b"argmap\x00c"
_VERSION = 1
_START = struct.Struct(">8sI32sQ")  # magic, version, owner tag, payload length
_HEADER_BYTES = _START.size + 32  # then the MAC
_OWNER_END = 44  # magic, version and owner tag: the same in every version
_SUFFIX = ".entry"
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.entry")
_USER_KEY_FILE = "secret"
_PRUNE_EVERY = 64

_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY: int = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)
_SUPPORTED = (
    bool(_NOFOLLOW and _DIRECTORY)
    and hasattr(os, "geteuid")
    and {os.open, os.stat, os.unlink, os.rename, os.link} <= os.supports_dir_fd
    and {os.scandir, os.utime} <= os.supports_fd
)
_READ_FLAGS = os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _CLOEXEC
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC

_GITIGNORE = b"# Created by argmap automatically.\n*\n"
_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by argmap.\n"
    b"# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_NOT_FOUND = b"\x00not found"


class Cache:
    """Payloads stored under keys in one folder, each entry authenticated with a secret.

    The folder is opened on first use and kept open until :meth:`close` (or until the object
    is collected). One object is meant for one thread.
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        *,
        secret: bytes | None = None,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_TOTAL_BYTES,
    ) -> None:
        """Set up the store; nothing is read or written yet.

        Args:
            folder: the cache folder, usually ``<project root>/.argmap_cache`` or the
                ``--cache-dir`` given. It is created by the first :meth:`put` if missing; if
                it is a symlink the cache is disabled.
            secret: the HMAC key (default: :func:`user_secret`). When there is none (or it is
                empty) the cache is disabled.
            max_entries: how many entries pruning keeps at most.
            max_bytes: how many bytes of entries pruning keeps at most.
        """
        self.folder = Path(folder)
        chosen = user_secret() if secret is None else secret
        self._secret = chosen or b""
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._disabled = not chosen or not _SUPPORTED
        self._dir_fd: int | None = None
        self._closer: weakref.finalize[[int], Cache] | None = None
        self._puts = 0

    @property
    def enabled(self) -> bool:
        """False once the cache is known to be unusable (no secret, a symlinked folder)."""
        return not self._disabled

    def close(self) -> None:
        """Close the folder; a later call opens it again."""
        if self._closer is not None:
            self._closer()
        self._closer = None
        self._dir_fd = None

    def __enter__(self) -> Self:
        """Return the cache itself."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the folder."""
        self.close()

    def get(self, key: bytes) -> bytes | None:
        """Return the payload stored under ``key``, or None (a miss).

        A missing, foreign, damaged, oversized or non-regular entry is a miss; a hit marks the
        entry as recently used.
        """
        dir_fd = self._folder_fd(create=False)
        if dir_fd is None:
            return None
        name = self._name(key)
        try:
            return self._read(dir_fd, name, key)
        except OSError:
            return None

    def put(self, key: bytes, payload: bytes) -> None:
        """Store ``payload`` under ``key``, creating the folder if needed; never raises.

        When anything fails (no secret, a symlinked folder, no space, no permission, a payload
        over :data:`MAX_ENTRY_BYTES`) nothing is stored and no temporary file is left.
        """
        if len(payload) > MAX_ENTRY_BYTES:
            return
        dir_fd = self._folder_fd(create=True)
        if dir_fd is None:
            return
        name = self._name(key)
        try:
            _write_atomically(dir_fd, name, (self._header(name, key, payload), payload))
        except OSError:
            return
        self._puts += 1
        if self._puts % _PRUNE_EVERY == 1:
            self.prune()

    def prune(self) -> None:
        """Delete this user's least recently used entries when the folder is over a limit.

        Over ``max_entries`` entries or ``max_bytes`` bytes (counting every file named like an
        entry), this user's entries are deleted, oldest modification time first, until three
        quarters of each limit is left. Only regular files named like an entry whose header
        carries this secret's owner tag are ever deleted. Never raises.
        """
        dir_fd = self._folder_fd(create=False)
        if dir_fd is None:
            return
        with contextlib.suppress(OSError):
            self._prune(dir_fd)

    # -- the folder ---------------------------------------------------------------------------

    def _folder_fd(self, *, create: bool) -> int | None:
        """Return the open folder, opening (and if asked creating) it; None when unusable."""
        if self._disabled:
            return None
        if self._dir_fd is not None:
            return self._dir_fd
        created = create and _make_folder(self.folder)
        try:
            dir_fd = os.open(self.folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError:  # a symlink, not a folder, or not readable: never use it
            self._disabled = True
            return None
        self._dir_fd = dir_fd
        self._closer = weakref.finalize(self, os.close, dir_fd)
        if created:
            for name, data in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
                with contextlib.suppress(OSError):
                    _write_atomically(dir_fd, name, (data,))
        return dir_fd

    # -- entries ------------------------------------------------------------------------------

    def _digest(self, label: bytes, data: bytes) -> bytes:
        return hmac.digest(self._secret, label + data, "sha256")

    def _name(self, key: bytes) -> str:
        """Return the file name of the entry for ``key``."""
        return self._digest(b"name\0", key).hex() + _SUFFIX

    def _owner(self, name: str) -> bytes:
        """Return the tag proving that this secret wrote the file ``name``."""
        return self._digest(b"owner\0", name.encode("ascii"))

    def _mac(self, start: bytes, key: bytes, payload: bytes) -> bytes:
        mac = hmac.new(self._secret, b"entry\0", hashlib.sha256)
        mac.update(start)
        mac.update(len(key).to_bytes(8, "big"))
        mac.update(key)
        mac.update(payload)
        return mac.digest()

    def _header(self, name: str, key: bytes, payload: bytes) -> bytes:
        start = _START.pack(_MAGIC, _VERSION, self._owner(name), len(payload))
        return start + self._mac(start, key, payload)

    def _read(self, dir_fd: int, name: str, key: bytes) -> bytes | None:
        """Return the payload of entry ``name`` if it is intact and made for ``key``.

        Raises:
            OSError: when the entry cannot be opened or read.
        """
        entry_fd = _open_regular(dir_fd, name, _HEADER_BYTES + MAX_ENTRY_BYTES)
        if entry_fd is None:
            return None
        try:
            payload = self._verified_payload(entry_fd, name, key)
            if payload is not None:
                with contextlib.suppress(OSError):
                    os.utime(entry_fd)  # recently used: kept by pruning
            return payload
        finally:
            os.close(entry_fd)

    def _verified_payload(self, entry_fd: int, name: str, key: bytes) -> bytes | None:
        header = _read_up_to(entry_fd, _HEADER_BYTES)
        if len(header) != _HEADER_BYTES:
            return None
        magic, version, owner, length = _START.unpack_from(header)
        if (
            magic != _MAGIC
            or version != _VERSION
            or length > MAX_ENTRY_BYTES
            or not hmac.compare_digest(owner, self._owner(name))
        ):
            return None
        payload = _read_up_to(entry_fd, length + 1)
        if len(payload) != length:
            return None
        mac = self._mac(header[: _START.size], key, payload)
        return payload if hmac.compare_digest(mac, header[_START.size :]) else None

    # -- pruning ------------------------------------------------------------------------------

    def _prune(self, dir_fd: int) -> None:
        entries = list(_entry_files(dir_fd))
        if (
            len(entries) <= self._max_entries
            and sum(entry.size for entry in entries) <= self._max_bytes
        ):
            return
        own = sorted(
            (entry for entry in entries if self._is_own(dir_fd, entry)),
            key=lambda entry: entry.mtime_ns,
            reverse=True,
        )
        count_left = self._max_entries * 3 // 4
        bytes_left = self._max_bytes * 3 // 4
        for entry in own:
            count_left -= 1
            bytes_left -= entry.size
            if count_left < 0 or bytes_left < 0:
                _unlink_same(dir_fd, entry)

    def _is_own(self, dir_fd: int, entry: _EntryFile) -> bool:
        """Tell whether ``entry`` is the file listed and starts with this secret's owner tag."""
        try:
            entry_fd = _open_regular(dir_fd, entry.name, _HEADER_BYTES + MAX_ENTRY_BYTES)
            if entry_fd is None:
                return False
            try:
                info = os.fstat(entry_fd)
                start = _read_up_to(entry_fd, _OWNER_END)
            finally:
                os.close(entry_fd)
        except OSError:
            return False
        return (
            (info.st_dev, info.st_ino) == (entry.device, entry.inode)
            and start[: len(_MAGIC)] == _MAGIC
            and hmac.compare_digest(start[12:_OWNER_END], self._owner(entry.name))
        )


class _EntryFile(NamedTuple):
    """A regular file named like an entry, as listed."""

    name: str
    size: int
    mtime_ns: int
    device: int
    inode: int


def _entry_files(dir_fd: int) -> Iterator[_EntryFile]:
    """List the regular files of the folder named like an entry (symlinks are skipped)."""
    with os.scandir(dir_fd) as listing:
        for item in listing:
            if not _ENTRY_NAME.fullmatch(item.name):
                continue
            with contextlib.suppress(OSError):
                info = item.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode):
                    yield _EntryFile(
                        item.name, info.st_size, info.st_mtime_ns, info.st_dev, info.st_ino
                    )


def _unlink_same(dir_fd: int, entry: _EntryFile) -> None:
    """Delete ``entry`` unless its name now points at another file."""
    with contextlib.suppress(OSError):
        info = os.stat(entry.name, dir_fd=dir_fd, follow_symlinks=False)
        if (info.st_dev, info.st_ino) == (entry.device, entry.inode):
            os.unlink(entry.name, dir_fd=dir_fd)


# -- files -----------------------------------------------------------------------------------


def _make_folder(folder: Path) -> bool:
    """Create the cache folder (mode 0700); True when this call created it."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)  # never follows a symlink: an existing one is left alone
    except OSError:
        return False
    return True


def _open_regular(dir_fd: int, name: str, max_size: int) -> int | None:
    """Open ``name`` for reading if it is a regular file of at most ``max_size`` bytes.

    A symlink fails to open; a FIFO or device opens without blocking and is then refused.

    Raises:
        OSError: when the file cannot be opened or examined.
    """
    entry_fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    try:
        info = os.fstat(entry_fd)
    except OSError:
        os.close(entry_fd)
        raise
    if stat.S_ISREG(info.st_mode) and info.st_size <= max_size:
        return entry_fd
    os.close(entry_fd)
    return None


def _read_up_to(file_fd: int, limit: int) -> bytes:
    """Read until end of file or ``limit`` bytes, whichever comes first."""
    chunks = []
    while limit > 0:
        chunk = os.read(file_fd, limit)
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def _create_file(dir_fd: int, name: str, chunks: Sequence[bytes], *, sync: bool = False) -> None:
    """Create the new file ``name`` (mode 0600) holding ``chunks``; removed again on failure.

    Raises:
        OSError: when the file exists or cannot be written.
    """
    file_fd = os.open(name, _CREATE_FLAGS, 0o600, dir_fd=dir_fd)
    try:
        try:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(file_fd, view) :]
            if sync:
                os.fsync(file_fd)
        finally:
            os.close(file_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dir_fd)
        raise


def _write_atomically(dir_fd: int, name: str, chunks: Sequence[bytes]) -> None:
    """Write ``name`` whole or not at all, through a temporary file in the same folder.

    Raises:
        OSError: when the folder cannot be written; no temporary file is left.
    """
    temporary = f".{os.urandom(8).hex()}.tmp"
    _create_file(dir_fd, temporary, chunks)
    try:
        os.replace(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=dir_fd)
        raise


# -- the per-user secret ---------------------------------------------------------------------


def user_cache_dir() -> Path:
    """Return argmap's folder in the user's cache directory.

    That is ``$XDG_CACHE_HOME/argmap`` when the variable holds an absolute path, else
    ``~/Library/Caches/argmap`` on macOS and ``~/.cache/argmap`` elsewhere.

    Raises:
        RuntimeError: when the home directory cannot be determined.
    """
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():
        return xdg / "argmap"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "argmap"
    return Path.home() / ".cache" / "argmap"


def user_secret() -> bytes | None:
    """Return the per-user secret, creating it on first use; None when it cannot be had safely.

    The secret is the file ``secret`` in :func:`user_cache_dir` (created mode 0700): 32 bytes
    from :func:`os.urandom`, written to a new file (``O_EXCL | O_NOFOLLOW``, mode 0600) and
    published with a hard link, so that two processes creating it at once agree on one. It is
    trusted only if it is a regular file (not a symlink), owned by the effective user, with no
    permission for group or others, and exactly :data:`SECRET_BYTES` long; anything else (or
    a file system without hard links) gives None, which disables the cache.
    """
    if not _SUPPORTED:
        return None
    try:
        folder = user_cache_dir()
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        dir_fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except (OSError, RuntimeError):
        return None
    try:
        return _read_or_create_secret(dir_fd)
    except OSError:
        return None
    finally:
        os.close(dir_fd)


def _read_or_create_secret(dir_fd: int) -> bytes | None:
    """Return the trusted secret of the folder, creating it when there is none.

    Raises:
        OSError: when the secret cannot be read or created.
    """
    with contextlib.suppress(FileNotFoundError):
        return _read_secret(dir_fd)
    temporary = f".{_USER_KEY_FILE}.{os.urandom(8).hex()}.tmp"
    _create_file(dir_fd, temporary, (os.urandom(SECRET_BYTES),), sync=True)
    try:
        os.link(temporary, _USER_KEY_FILE, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except FileExistsError:
        pass  # another process made one first: use that
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=dir_fd)
    return _read_secret(dir_fd)


def _read_secret(dir_fd: int) -> bytes | None:
    """Return the secret file's bytes if it can be trusted, else None.

    Raises:
        FileNotFoundError: when there is no secret yet.
        OSError: when it cannot be opened (a symlink among others) or read.
    """
    secret_fd = os.open(_USER_KEY_FILE, _READ_FLAGS, dir_fd=dir_fd)
    try:
        info = os.fstat(secret_fd)
        if not (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and info.st_mode & 0o077 == 0
            and info.st_size == SECRET_BYTES
        ):
            return None
        secret = _read_up_to(secret_fd, SECRET_BYTES + 1)
    finally:
        os.close(secret_fd)
    return secret if len(secret) == SECRET_BYTES else None


# -- the version of the code -----------------------------------------------------------------


def code_stamp(modules: Iterable[str]) -> bytes:
    """Return a digest that changes whenever the code of one of ``modules`` changes.

    Each module is found with :func:`importlib.util.find_spec`, which does not import it (a
    dotted name imports its parent packages, as an import would, and an error other than
    :class:`ImportError` raised by such an import propagates). A module counts as its
    origin file (path, size, modification time in nanoseconds and inode, which an editor's
    save or a reinstall changes); a package counts as every ``.py`` and extension-module file
    under its folders (``__pycache__`` and hidden folders skipped), one ``stat`` per file, so
    name modules or small packages rather than big ones. Built-in and frozen modules count as
    the Python version. A module that cannot be found counts as a fixed marker.

    Args:
        modules: dotted module or package names, in an order the caller keeps.

    Returns:
        A 32-byte SHA-256 digest.
    """
    hasher = hashlib.sha256()
    for name in modules:
        for field in _module_stamp(name):
            hasher.update(len(field).to_bytes(8, "big"))
            hasher.update(field)
    return hasher.digest()


def _module_stamp(name: str) -> list[bytes]:
    fields = [name.encode("utf-8", "backslashreplace")]
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return [*fields, _NOT_FOUND]
    if spec.has_location and spec.origin is not None:
        fields.append(_file_stamp(Path(spec.origin)))
    else:
        fields.append(f"{spec.origin} python {sys.version}".encode())
    for folder in spec.submodule_search_locations or ():
        fields.extend(_tree_stamps(Path(folder)))
    return fields


def _file_stamp(path: Path) -> bytes:
    try:
        info = path.stat()
    except OSError:
        return os.fsencode(path) + b" unreadable"
    return os.fsencode(path) + f" {info.st_size} {info.st_mtime_ns} {info.st_ino}".encode()


def _tree_stamps(folder: Path) -> Iterator[bytes]:
    """Stamp each source and extension file under ``folder``, in name order."""
    suffixes = (".py", *importlib.machinery.EXTENSION_SUFFIXES)
    try:
        with os.scandir(folder) as listing:
            items = sorted(listing, key=lambda item: item.name)
    except OSError:
        yield os.fsencode(folder) + b" unreadable"
        return
    for item in items:
        if item.is_dir(follow_symlinks=False):
            if item.name != "__pycache__" and not item.name.startswith("."):
                yield from _tree_stamps(folder / item.name)
        elif item.name.endswith(suffixes):
            yield _file_stamp(folder / item.name)
