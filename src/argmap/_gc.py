"""Pausing Python's cyclic garbage collector around bulk work."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Loading, checking, tracing a large map or indexing a million attacks allocates millions of
    objects that hold no reference cycles; the collector, triggered by those allocations,
    would scan them again and again, which costs about as much as the work itself
    (PERF-NOTES.md). The previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
