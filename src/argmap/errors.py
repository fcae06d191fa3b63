"""Bad input, as data: :class:`MapError` records, raised together as one :class:`LoadError`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = ["LoadError", "MapError", "close_matches", "did_you_mean", "suggestion"]


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
