"""Bad input, as data: :class:`MapError` records, raised together as one :class:`LoadError`.

Every error argmap raises on bad input derives from :class:`ArgmapError`, so that one
``except argmap.ArgmapError`` catches them all:

- :class:`LoadError`: a map, bibliography, text or ``pyproject.toml`` cannot be read;
- :class:`ConfigError`: a setting passed to the library is wrong (an unknown rule code, a bad
  severity); it is also a :class:`ValueError`;
- :class:`argmap.TraceError`: an unknown node id or source key; also a :class:`KeyError`;
- :class:`argmap.render.RenderError`: a picture could not be made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "ArgmapError",
    "ConfigError",
    "LoadError",
    "MapError",
    "OptionError",
    "close_matches",
    "did_you_mean",
    "escape_controls",
    "suggestion",
]

#: What a terminal could act on rather than show: C0 controls but tab, DEL, C1 controls, the
#: line and paragraph separators, and the bidirectional embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED_CONTROLS = {"\n": "\\n", "\r": "\\r"}


def escape_controls(text: str) -> str:
    r"""Return ``text`` fit for a terminal: every control character shown as an escape.

    C0 control characters (tab excepted), DEL, C1 control characters, U+2028 and U+2029 (line
    and paragraph separators), and the bidirectional embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069) become the escapes Python writes for them: ``\n``, ``\r``,
    ``\x1b``, ``\u202e``. Everything else, tab and letters of every script included, is kept,
    so that a message can neither retitle nor clear a terminal nor reorder what it shows.
    Text printed for people goes through this; JSON and exported files keep the exact text.
    """
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_CONTROLS.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@attrs.frozen(order=True)
class MapError:
    """One problem with the input: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """Return ``file:line:col: error: message; hint``, one line."""
        text = f"{self.file}:{self.line}:{self.column}: error: {self.message}"
        text = f"{text}; {self.hint}" if self.hint else text
        return escape_controls(text)


class ArgmapError(Exception):
    """The base of every error argmap raises on bad input.

    Its subclasses pickle and copy with their attributes, whatever their constructor takes, so
    an error raised in a worker process reaches the parent whole.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from ``args`` without calling ``__init__``, then restore the attributes."""
        return (_rebuild_error, (type(self), self.args), self.__dict__ or None)


def _rebuild_error(cls: type[ArgmapError], args: tuple[Any, ...]) -> ArgmapError:
    """Make an error again from its ``args`` (see :meth:`ArgmapError.__reduce__`)."""
    return cls.__new__(cls, *args)


class ConfigError(ArgmapError, ValueError):
    """A setting passed to the library is wrong: an unknown rule, a bad severity or pattern.

    It is a :class:`ValueError` too, as these errors were before it existed. Settings read
    from ``pyproject.toml`` are reported as a :class:`LoadError` instead, with the file and
    line of the setting.
    """


class OptionError(ArgmapError, ValueError, KeyError):
    """An option passed to the library names nothing or is out of range.

    An unknown direction or focus id for a diagram, a negative depth for a diagram or a
    trace. It is a :class:`ValueError` and a :class:`KeyError` too, as these errors were
    before it existed.
    """

    def __str__(self) -> str:
        """Return the message as given (a :class:`KeyError` would quote it)."""
        return str(self.args[0]) if self.args else ""


class LoadError(ArgmapError):
    """Raised when input cannot be read; carries every problem found, sorted by place."""

    def __init__(self, errors: Iterable[MapError]) -> None:
        """Keep the errors sorted by file, line and column."""
        self.errors: tuple[MapError, ...] = tuple(sorted(errors))
        super().__init__("\n".join(str(error) for error in self.errors))


def close_matches(
    word: str, candidates: Sequence[str], *, n: int = 1, cutoff: float = 0.6
) -> tuple[str, ...]:
    """Return up to ``n`` candidates close to ``word``, ignoring case, nearest first.

    Long candidate lists are first narrowed to names of about the same length starting with
    the same letter, so that a map with many unknown ids does not cost time quadratic in its
    size.
    """
    import difflib  # noqa: PLC0415 - only a mistake needs it, and it slows every start-up

    folded: dict[str, str] = {}
    for candidate in candidates:
        folded.setdefault(candidate.casefold(), candidate)
    target = word.casefold()
    pool = list(folded)
    if len(pool) > 500:
        pool = [c for c in pool if abs(len(c) - len(target)) <= 2 and c[:1] == target[:1]]
    return tuple(folded[c] for c in difflib.get_close_matches(target, pool, n=n, cutoff=cutoff))


def suggestion(close: Sequence[str]) -> str:
    """Return ``"did you mean `a`, `b` or `c`?"`` for the names given, or ``""`` for none."""
    quoted = [f"`{name}`" for name in close]
    if not quoted:
        return ""
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"


def did_you_mean(word: str, candidates: Sequence[str], *, n: int = 1, cutoff: float = 0.6) -> str:
    """Return ``"did you mean `x`?"`` for the closest candidates (up to ``n``), or ``""``."""
    return suggestion(close_matches(word, candidates, n=n, cutoff=cutoff))
