"""The report's one error type."""

from __future__ import annotations

from argmap.errors import ArgmapError

__all__ = ["ReportError"]


class ReportError(ArgmapError):
    """A report could not be made; the message is one line saying why and what to do."""
