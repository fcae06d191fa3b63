"""Bad input, as data: :class:`MapError` records, raised together as one :class:`LoadError`."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["LoadError", "MapError"]


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
        return f"{text}; {self.hint}" if self.hint else text


class LoadError(Exception):
    """Raised when input cannot be read; carries every problem found, sorted by place."""

    def __init__(self, errors: Iterable[MapError]) -> None:
        """Keep the errors sorted by file, line and column."""
        self.errors: tuple[MapError, ...] = tuple(sorted(errors))
        super().__init__("\n".join(str(error) for error in self.errors))
