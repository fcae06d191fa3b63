"""Drawing argument maps: deterministic DOT text, and Graphviz to turn it into pictures.

:mod:`argmap.render.dot` builds the DOT text (pure, no Graphviz needed),
:mod:`argmap.render.summary` shrinks a map too big to lay out, and
:mod:`argmap.render.graphviz` runs ``dot`` and writes the file atomically.
"""

from __future__ import annotations

from argmap.render.dot import LAYOUT_LIMIT, Collapsed, neighbourhood, to_dot
from argmap.render.graphviz import RenderError, render
from argmap.render.summary import summarise

__all__ = [
    "LAYOUT_LIMIT",
    "Collapsed",
    "RenderError",
    "neighbourhood",
    "render",
    "summarise",
    "to_dot",
]
