"""Bad input, as data: :class:`MapError` records, raised together as one :class:`LoadError`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["LoadError", "MapError", "did_you_mean"]


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
        return text.replace("\r", "\\r").replace("\n", "\\n")


class LoadError(Exception):
    """Raised when input cannot be read; carries every problem found, sorted by place."""

    def __init__(self, errors: Iterable[MapError]) -> None:
        """Keep the errors sorted by file, line and column."""
        self.errors: tuple[MapError, ...] = tuple(sorted(errors))
        super().__init__("\n".join(str(error) for error in self.errors))


def did_you_mean(word: str, candidates: Sequence[str], *, n: int = 1, cutoff: float = 0.6) -> str:
    """Return ``"did you mean `x`?"`` for the closest candidates (up to ``n``), or ``""``.

    Long candidate lists are first narrowed to names of about the same length, so that a map
    with many unknown ids does not cost time quadratic in its size.
    """
    pool = candidates
    if len(candidates) > 500:
        pool = [c for c in candidates if abs(len(c) - len(word)) <= 2 and c[:1] == word[:1]]
    close = [f"`{c}`" for c in difflib.get_close_matches(word, pool, n=n, cutoff=cutoff)]
    if not close:
        return ""
    listed = close[0] if len(close) == 1 else ", ".join(close[:-1]) + " or " + close[-1]
    return f"did you mean {listed}?"
