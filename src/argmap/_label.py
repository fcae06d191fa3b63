"""The label of an argument, shared by abstract frameworks and maps.

It lives apart from :mod:`argmap.semantics` so that checking a map, which labels the map's
nodes directly (:mod:`argmap.acceptability`), does not import the framework solvers.
"""

from __future__ import annotations

import enum

__all__ = ["Label"]


class Label(enum.Enum):
    """The label of an argument in a labelling (Caminada 2006)."""

    IN = "in"
    OUT = "out"
    UNDEC = "undec"


# Public as argmap.semantics.Label: named so in documentation, reprs and pickles.
Label.__module__ = "argmap.semantics"
