"""A time limit on the hard questions of the semantics, shared by the search and the SAT path.

Stable, preferred and complete questions are NP- or coNP-hard, and on a hostile (or merely
large and dense) framework neither the exact search nor a SAT solver answers in any time a user
would wait. :func:`time_limit` sets a deadline for the questions asked inside it; the search and
the SAT solver look at it as they go (:func:`limited`, :func:`check`) and stop with
:class:`TimeLimitExceeded`. Outside :func:`time_limit` there is no deadline and nothing is
looked at. The deadline lives in a context variable, so threads keep their own.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

__all__ = ["TimeLimitExceeded", "check", "expired", "limited", "time_limit"]

_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "argmap_deadline", default=None
)


class TimeLimitExceeded(Exception):  # noqa: N818 - named for what happened, as TimeoutError
    """A semantics question was not answered within the time limit set by :func:`time_limit`."""

    def __init__(self, seconds: float) -> None:
        """Record the limit that ran out."""
        super().__init__(f"not answered within the time limit of {seconds:g} s")
        #: The limit, in seconds.
        self.seconds = seconds


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the semantics questions asked inside with :class:`TimeLimitExceeded` after ``seconds``.

    ``None`` sets no limit (an enclosing one still holds). A limit inside another keeps the
    earlier of the two deadlines.

    Raises:
        ValueError: when ``seconds`` is not positive.
    """
    if seconds is None:
        yield
        return
    if not seconds > 0:
        raise ValueError(f"a time limit must be positive, got {seconds}")
    deadline = time.monotonic() + seconds
    outer = _DEADLINE.get()
    if outer is not None and outer[0] <= deadline:
        yield
        return
    token = _DEADLINE.set((deadline, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def expired() -> bool:
    """Whether a time limit is set and has run out."""
    current = _DEADLINE.get()
    return current is not None and time.monotonic() >= current[0]


def limited() -> bool:
    """Whether a time limit is set."""
    return _DEADLINE.get() is not None


def check() -> None:
    """Raise :class:`TimeLimitExceeded` when a time limit is set and has run out."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() >= current[0]:
        raise TimeLimitExceeded(current[1])
