"""argmap: lint, trace, weigh and render structured arguments with BibTeX citations.

>>> import argmap
>>> argument_map = argmap.load("arguments")          # doctest: +SKIP
>>> for diagnostic in argmap.check(argument_map):    # doctest: +SKIP
...     print(diagnostic)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap._gc import collector_paused

# Importing the package makes ten thousand long-lived objects and no garbage: the collector,
# run again and again by those allocations, would only scan them (2 ms of every start-up).
with collector_paused():
    from argmap.config import Config
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.errors import ArgmapError, ConfigError, LoadError, MapError, OptionError
    from argmap.linter import check
    from argmap.loading.pipeline import load
    from argmap.model import (
        ArgumentMap,
        Assumption,
        Attack,
        Citation,
        Claim,
        Evidence,
        Locator,
        LocatorLabel,
        Node,
        Objection,
        Premise,
        Reason,
        Source,
        SourcePosition,
        Suppression,
    )
del collector_paused

if TYPE_CHECKING:  # imported on first use at run time (see __getattr__), typed for mypy here
    from argmap.trace import TraceError, trace_down, trace_up, weigh_sources
    from argmap.workspace import Workspace

    #: The installed version, such as ``"0.1.0"``.
    __version__: str

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Assumption",
    "Attack",
    "Citation",
    "Claim",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Evidence",
    "LoadError",
    "Locator",
    "LocatorLabel",
    "MapError",
    "Node",
    "Objection",
    "OptionError",
    "Premise",
    "Reason",
    "Severity",
    "Source",
    "SourcePosition",
    "Suppression",
    "TraceError",
    "Workspace",
    "check",
    "load",
    "trace_down",
    "trace_up",
    "weigh_sources",
]


#: Imported on first use: `argmap check` never needs the tracing code. Keep in step with the
#: TYPE_CHECKING imports above, which give mypy their types.
_FROM_TRACE = frozenset({"TraceError", "trace_down", "trace_up", "weigh_sources"})


def __getattr__(name: str) -> object:
    """Return ``__version__`` from the installed metadata, and the lazy names, when asked."""
    if name == "Workspace":  # discovery's pattern matching is not needed to load one map
        from argmap.workspace import Workspace  # noqa: PLC0415 - lazy on purpose

        return Workspace
    if name in _FROM_TRACE:
        from argmap import trace  # noqa: PLC0415 - lazy on purpose

        return getattr(trace, name)
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - lazy on purpose

        return version("argmap")
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
