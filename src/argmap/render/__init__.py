"""Drawing argument maps: deterministic DOT text, and Graphviz to turn it into pictures.

:mod:`argmap.render.dot` builds the DOT text (pure, no Graphviz needed),
:mod:`argmap.render.summary` shrinks a map too big to lay out,
:mod:`argmap.render.layout` chooses what to draw so that ``dot`` finishes in time
(:func:`plan`, :func:`draw`), measuring it with :mod:`argmap.render.cost`, and
:mod:`argmap.render.graphviz` runs ``dot`` and writes the file atomically. :func:`to_svg`
returns the picture as text, for a notebook or a web page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.render.dot import LAYOUT_LIMIT, Collapsed, neighbourhood, to_dot
from argmap.render.graphviz import LayoutTimeout, RenderError, render
from argmap.render.layout import Drawing, draw, plan
from argmap.render.summary import summarise

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "LAYOUT_LIMIT",
    "Collapsed",
    "Drawing",
    "LayoutTimeout",
    "RenderError",
    "draw",
    "neighbourhood",
    "plan",
    "render",
    "summarise",
    "to_dot",
    "to_svg",
]


def to_svg(map: ArgumentMap, **to_dot_options: Any) -> str:  # noqa: A002
    """Return the map drawn as SVG text, as a notebook shows it.

    ``IPython.display.SVG(to_svg(amap, labels=...))`` shows it in Jupyter.

    Args:
        map: The map to draw.
        **to_dot_options: Passed on to :func:`to_dot` (``focus``, ``depth``, ``labels``,
            ``legend``, ``direction``, ``diagnostics``).

    Returns:
        The SVG document as text.

    Raises:
        RenderError: when Graphviz is not installed or fails.
    """
    from argmap.render.graphviz import _run  # noqa: PLC0415 - the same package

    return _run(to_dot(map, **to_dot_options), "svg", "dot").decode("utf-8")
