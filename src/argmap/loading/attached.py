r"""The analysed text a map's bibliography names: the ``file`` field of its entry.

When a map is loaded without a text, the bibliography entry of the analysed text (the key the
header names as ``analysed``) may name the text's file with BibTeX's ``file`` field, as Zotero
and JabRef store attachments: a plain path (``file = {texts/article.txt}``) or a list of
``description:path:type`` triples separated by ``;`` (``\:`` and ``\;`` escape the
separators). The first attachment whose name ends in ``.txt`` or ``.md`` is the text; a path
is relative to the folder of the ``.bib`` file.

The ``file`` field may come from a repository nobody has reviewed, so what it names is read
only when it is safe to read:

- a regular file, never a folder, a FIFO, a socket or a device (nothing else is opened), no
  larger than :func:`~argmap.loading.contents.max_file_bytes`;
- inside the repository (the nearest folder above the ``.bib`` file holding ``.git`` or
  ``pyproject.toml``), through symbolic links as long as they stay inside it;
- outside the repository, only the very file the path names: no symbolic link on the way, so
  what is read outside a repository is what its ``.bib`` file says in plain words;
- a text file by its name (``.txt``, ``.md``): the kind a path names cannot be changed by the
  attachment's type, and files such as ``/etc/passwd`` or ``/proc/1/environ`` are never read.

A text that is missing or may not be read is no error in the map: loading goes on without it,
and a note says why paragraph coverage was not checked.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import attrs

from argmap._io import decode_utf8
from argmap.errors import LoadError
from argmap.loading.contents import max_file_bytes
from argmap.loading.locate import project_root
from argmap.model import AnalysedText, Source

__all__ = [
    "TEXT_SUFFIXES",
    "Attachment",
    "TextFound",
    "attached_text",
    "attachments",
    "text_attachment",
]

#: The names a ``file`` attachment may end with to be read as the analysed text.
TEXT_SUFFIXES = (".txt", ".md")
#: The tail of every note about a text that was not used.
_NOT_CHECKED = "paragraph coverage not checked"
#: One escaped character (``\\:``, ``\\;``, ``\\\\``) or one separator.
_PIECE = re.compile(r"\\(.)|([:;])|([^\\:;]+)|(\\)\Z", re.DOTALL)


@attrs.frozen
class Attachment:
    """One file of a ``file`` field: what it is called, where it is, its type (may be empty)."""

    description: str
    path: str
    type: str


@attrs.frozen
class TextFound:
    """What looking for the attached text gave: the text, or a note saying why there is none."""

    text: AnalysedText | None = None
    note: str | None = None


def attachments(value: str) -> list[Attachment]:
    r"""Split a ``file`` field into its attachments, in order.

    Each ``;``-separated item is a plain path, or ``description:path:type`` (JabRef, Zotero);
    a backslash escapes the next character. A Windows drive written unescaped (``C:\x``) stays
    part of the path. Empty items are left out.
    """
    found = []
    for parts in _items(value):
        fields = [part.strip() for part in parts]
        if len(fields) == 1:
            description, path, kind = "", fields[0], ""
        elif len(fields) == 2 and _is_drive(fields[0]):  # C:\path
            description, path, kind = "", ":".join(fields), ""
        elif len(fields) == 2:
            description, path, kind = fields[0], fields[1], ""
        else:
            description, path, kind = fields[0], ":".join(fields[1:-1]), fields[-1]
        if path:
            found.append(Attachment(description, path, kind))
    return found


def text_attachment(value: str) -> Attachment | None:
    """The first attachment of a ``file`` field named as a text file (:data:`TEXT_SUFFIXES`)."""
    return next(
        (item for item in attachments(value) if item.path.lower().endswith(TEXT_SUFFIXES)),
        None,
    )


def attached_text(source: Source) -> TextFound:
    """Read the analysed text the entry's ``file`` field names, if it may be read.

    Args:
        source: the bibliography entry of the analysed text.

    Returns:
        The text; or, when the entry names no text file, or one that is missing or may not be
        read, a note saying so; or neither, when the entry has no ``file`` field.
    """
    value = source.field("file")
    if value is None or not value.strip():
        return TextFound()
    attachment = text_attachment(value)
    if attachment is None:
        return TextFound(
            note=f"the `file` field of `{source.key}` names no .txt or .md file; {_NOT_CHECKED}"
        )
    bib = Path(source.position.file)
    path = bib.parent / attachment.path
    shown = os.path.normpath(path)
    refused = _refusal(bib.parent, attachment.path, root=project_root(bib))
    if refused == "missing":
        return TextFound(note=f"analysed text not found at {shown}; {_NOT_CHECKED}")
    if refused is not None:
        return TextFound(note=f"analysed text at {shown} not read: {refused}; {_NOT_CHECKED}")
    try:
        data = _read_regular(Path(os.path.realpath(path)))
        return TextFound(text=AnalysedText.from_string(shown, decode_utf8(data, shown)))
    except LoadError as exc:
        reason = exc.errors[0].message
        return TextFound(note=f"analysed text at {shown} not read: {reason}; {_NOT_CHECKED}")
    except _RefusedError as exc:
        return TextFound(note=f"analysed text at {shown} not read: {exc}; {_NOT_CHECKED}")
    except OSError as exc:
        reason = (exc.strerror or "unreadable").lower()
        return TextFound(note=f"analysed text at {shown} not read: {reason}; {_NOT_CHECKED}")


class _RefusedError(Exception):
    """The file may not be read; the message says why."""


def _items(value: str) -> list[list[str]]:
    """The ``;``-separated items of a field, each split at its unescaped ``:``."""
    items: list[list[str]] = []
    parts: list[str] = []
    current: list[str] = []
    for match in _PIECE.finditer(value):
        escaped, separator, text, trailing = match.groups()
        if separator == ":":
            parts.append("".join(current))
            current = []
        elif separator == ";":
            items.append([*parts, "".join(current)])
            parts, current = [], []
        else:
            current.append(escaped or text or trailing or "")
    items.append([*parts, "".join(current)])
    return items


def _is_drive(part: str) -> bool:
    return len(part) == 1 and part.isalpha()


def _refusal(folder: Path, written: str, *, root: Path) -> str | None:
    """Why the file ``written`` names from ``folder`` may not be read, or None.

    "missing" when nothing is there.
    """
    path = folder / written
    try:
        status = path.stat()
    except FileNotFoundError:
        return "missing"
    except OSError as exc:  # a name too long, a loop of links, a folder without access
        return (exc.strerror or "unreadable").lower()
    real = os.path.realpath(path)
    # The .bib file's own folder may be reached through a link (as a checkout often is);
    # the parts the `file` field wrote are taken as written.
    as_written = os.path.normpath(os.path.join(os.path.realpath(folder), written))  # noqa: PTH118
    if not _is_within(real, os.path.realpath(root)) and real != as_written:
        return (
            "it is reached through a symbolic link that leads out of the repository; "
            "name the file itself"
        )
    if not stat.S_ISREG(status.st_mode):
        return "it is not a regular file"
    return None


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _read_regular(path: Path) -> bytes:
    """Read a regular file whole, without following a link at its end or opening anything else.

    Raises:
        _RefusedError: when the file is no longer a regular file, or is too large.
        OSError: when it cannot be opened or read.
    """
    limit = max_file_bytes()
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            msg = "it is not a regular file"
            raise _RefusedError(msg)
        data = stream.read(limit + 1)
    if len(data) > limit:
        msg = f"it is larger than {limit} bytes, the most argmap reads (ARGMAP_MAX_FILE_SIZE)"
        raise _RefusedError(msg)
    return data
