"""Choose what to draw so that ``dot`` finishes in time, and fall back when it does not.

:func:`plan` turns a map (or the part around a focus) into DOT text whose layout cost,
measured by :func:`argmap.render.cost.measure` before ``dot`` runs, fits :data:`WORK_BUDGET`.
It tries, from finest to coarsest, and keeps the first that fits:

1. the drawing asked for, as :func:`~argmap.render.dot.to_dot` writes it (a whole map of more
   than :data:`~argmap.render.dot.LAYOUT_LIMIT` nodes is summarised first, as before, since
   past that the picture no longer reads);
2. the same nodes with the levels set by a tree only (``to_dot(..., tree_ranks=True)``):
   shared premises, cycles and other cross-links are drawn but no longer stretch across
   levels, which is what makes tangled maps slow;
3. smaller views, each as it is and then tree-ranked: for a whole map, summaries
   (:func:`~argmap.render.summary.summarise`) of half as many nodes each time; for a focus or
   a depth, one step less deep each time.

The drawing chosen says why in :attr:`Drawing.note` whenever it is not the one asked for.
:func:`draw` then runs ``dot`` with a time limit (:data:`DEFAULT_TIMEOUT` in all); if the
layout runs out of time anyway, ``dot`` is stopped and the next coarser candidate that costs at
most half as much is drawn in the time left, with a note saying so.

Above :data:`TUNE_FROM`, the DOT text also bounds ``dot``'s own searches (``nslimit``,
``nslimit1``, ``mclimit``, ``searchsize``; see :data:`TUNING`). Below it the text is exactly
what :func:`~argmap.render.dot.to_dot` writes, so small maps draw as they always have.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from argmap._label import Label
from argmap.model import ArgumentMap
from argmap.render._walk import reach, roots
from argmap.render.cost import Cost, measure
from argmap.render.dot import LAYOUT_LIMIT, neighbourhood, to_dot
from argmap.render.graphviz import LayoutTimeout, RenderError, render
from argmap.render.summary import summarise

__all__ = ["DEFAULT_TIMEOUT", "TUNE_FROM", "TUNING", "WORK_BUDGET", "Drawing", "draw", "plan"]

#: The most layout work (:attr:`argmap.render.cost.Cost.work`) a drawing may cost. Measured
#: with ``benchmarks/bench_render.py`` on 2 shared cores (Graphviz 2.43): ``dot -Tsvg`` took
#: 3 s at a work of 11,000 and 75 s at 39,000, growing about as its square; 16,000 is about
#: 10 s, leaving room for a busy machine inside :data:`DEFAULT_TIMEOUT`.
WORK_BUDGET = 16_000

#: From this much work on, the DOT text carries :data:`TUNING`.
TUNE_FROM = 8_000

#: Graph attributes that bound ``dot``'s searches on costly drawings: network simplex stops
#: after ``nslimit`` (placing) and ``nslimit1`` (ranking) times the node count iterations, and
#: crossing minimisation runs ``mclimit`` times its usual passes. Measured on a 1,000-node
#: random map (work 10,700): placing took 2,138 iterations instead of 5,373 and the picture got
#: narrower with the same 3,732 crossings; ``searchsize=10`` made it slower, so it keeps its
#: default. ``benchmarks/bench_render.py --tuning`` prints time and crossings with and without.
TUNING: tuple[tuple[str, str], ...] = (
    ("nslimit", "2"),
    ("nslimit1", "2"),
    ("mclimit", "0.5"),
)

#: Seconds ``dot`` may take for one output, all attempts together.
DEFAULT_TIMEOUT = 40.0

#: Share of the time left that an attempt may take while a coarser one remains.
_FIRST_SHARE = 0.6


@attrs.frozen
class Drawing:
    """DOT text chosen to fit the layout budget, and why it is not the drawing asked for.

    Attributes:
        dot: The DOT text.
        cost: What it costs to lay out (:func:`argmap.render.cost.measure`).
        drawn: How many nodes it draws (count nodes of a summary included).
        note: One line saying what was drawn instead of what was asked, and why; None when it
            is what was asked.
    """

    dot: str
    cost: Cost
    drawn: int
    note: str | None = None
    _coarser: Callable[[], Drawing | None] = attrs.field(
        default=lambda: None, eq=False, repr=False, alias="coarser"
    )

    def coarser(self) -> Drawing | None:
        """The next coarser drawing costing at most half as much, or None when there is none."""
        return self._coarser()


@attrs.frozen
class _Candidate:
    """One way to draw: which map, around what, how deep, ranked how, described how."""

    view: ArgumentMap
    focus: str | None
    depth: int | None
    tree: bool
    what: str


@attrs.frozen
class _Sketch:
    candidate: _Candidate
    dot: str
    cost: Cost


class _Ladder:
    """The candidates from finest to coarsest, written and measured only when first needed."""

    def __init__(
        self, candidates: Iterator[_Candidate], write: Callable[[_Candidate], _Sketch]
    ) -> None:
        self._pending = candidates
        self._write = write
        self._sketches: list[_Sketch] = []

    def at(self, index: int) -> _Sketch | None:
        while len(self._sketches) <= index:
            candidate = next(self._pending, None)
            if candidate is None:
                return None
            self._sketches.append(self._write(candidate))
        return self._sketches[index]

    def first_within(self, start: int, work: int) -> int | None:
        """The place of the first sketch from ``start`` on costing at most ``work``."""
        index = start
        while (sketch := self.at(index)) is not None:
            if sketch.cost.work <= work:
                return index
            index += 1
        return None

    def last(self) -> int:
        index = 0
        while self.at(index + 1) is not None:
            index += 1
        return index


def plan(
    map: ArgumentMap,  # noqa: A002
    *,
    direction: str = "BT",
    diagnostics: Mapping[str, Sequence[str]] | None = None,
    focus: str | None = None,
    depth: int | None = None,
    legend: bool = False,
    labels: Mapping[str, Label] | None = None,
    budget: int = WORK_BUDGET,
    limit: int = LAYOUT_LIMIT,
) -> Drawing:
    """Return the finest drawing of the map (or of the part asked for) that fits the budget.

    Args:
        map: The map to draw.
        direction: As for :func:`~argmap.render.dot.to_dot`.
        diagnostics: As for :func:`~argmap.render.dot.to_dot`.
        focus: As for :func:`~argmap.render.dot.to_dot`.
        depth: As for :func:`~argmap.render.dot.to_dot`.
        legend: As for :func:`~argmap.render.dot.to_dot`.
        labels: As for :func:`~argmap.render.dot.to_dot`.
        budget: The most layout work to give ``dot`` (:attr:`~argmap.render.cost.Cost.work`).
        limit: A whole map of more nodes is summarised to at most this many.

    Returns:
        The drawing, its note saying what it leaves out and why; when even the coarsest
        candidate is over the budget, that one.

    Raises:
        OptionError: when ``focus`` is unknown, ``depth`` negative or ``direction`` unknown.
    """

    def write(candidate: _Candidate) -> _Sketch:
        def dot(tuning: Sequence[tuple[str, str]] = ()) -> str:
            return to_dot(
                candidate.view,
                direction=direction,
                diagnostics=diagnostics,
                focus=candidate.focus,
                depth=candidate.depth,
                legend=legend,
                labels=labels,
                tree_ranks=candidate.tree,
                graph_attributes=tuning,
            )

        text = dot()
        cost = measure(text)
        if cost.work >= TUNE_FROM:
            text = dot(TUNING)
        return _Sketch(candidate, text, cost)

    ladder = _Ladder(_candidates(map, focus, depth, limit), write)
    asked = ladder.at(0)
    if asked is None:  # pragma: no cover - there is always a first candidate
        raise RenderError("nothing to draw")
    chosen = ladder.first_within(0, budget)
    if chosen is None:
        chosen = ladder.last()
    whole = focus is None and depth is None
    return _drawing(
        ladder, chosen, _note(ladder, chosen, budget, len(map) if whole else None, limit)
    )


def _note(ladder: _Ladder, chosen: int, budget: int, size: int | None, limit: int) -> str | None:
    """Why the drawing is not the whole of what was asked; ``size`` is given for a whole map."""
    asked, drawn = ladder.at(0), ladder.at(chosen)
    assert asked is not None  # noqa: S101 - place 0 always exists
    assert drawn is not None  # noqa: S101 - only real places are chosen
    parts = []
    if size is not None and size > limit:
        parts.append(f"the map has {size} nodes, more than `dot` lays out quickly ({limit})")
    if chosen:
        parts.append(
            f"laying out {asked.candidate.what} would take `dot` too long "
            f"(layout work {asked.cost.work:,}, budget {budget:,})"
        )
    if not parts:
        return None
    shown = _drawn_as(drawn.candidate, asked.candidate) if chosen else drawn.candidate.what
    parts.append(f"drawing {shown}")
    if size is not None:
        parts.append("use --focus ID to draw part of it in full")
    return "; ".join(parts)


def _drawing(ladder: _Ladder, index: int, note: str | None) -> Drawing:
    sketch = ladder.at(index)
    assert sketch is not None  # noqa: S101 - only called with real places

    def coarser() -> Drawing | None:
        found = ladder.first_within(index + 1, sketch.cost.work // 2)
        if found is None:
            return None
        other = ladder.at(found)
        assert other is not None  # noqa: S101
        return _drawing(ladder, found, f"drawing {_drawn_as(other.candidate, sketch.candidate)}")

    drawn = len(_shown(sketch.candidate))
    return Drawing(dot=sketch.dot, cost=sketch.cost, drawn=drawn, note=note, coarser=coarser)


def _join(*parts: str | None) -> str | None:
    kept = [part for part in parts if part]
    return "; ".join(kept) if kept else None


def _drawn_as(candidate: _Candidate, before: _Candidate) -> str:
    """What a candidate draws, said after what was tried ``before`` it."""
    same = (candidate.view, candidate.focus, candidate.depth) == (
        before.view,
        before.focus,
        before.depth,
    )
    what = "them" if same else candidate.what
    return f"{what} with levels set by the support tree only" if candidate.tree else what


def _shown(candidate: _Candidate) -> list[str]:
    if candidate.focus is not None:
        return neighbourhood(candidate.view, candidate.focus, candidate.depth)
    if candidate.depth is not None:
        return reach(candidate.view, roots(candidate.view), candidate.depth)
    return list(candidate.view.ids)


# --- the candidates --------------------------------------------------------------------------


def _candidates(
    amap: ArgumentMap, focus: str | None, depth: int | None, limit: int
) -> Iterator[_Candidate]:
    """Every way to draw what was asked, finest first, each as it is and then tree-ranked."""
    if focus is None and depth is None:
        views = _summaries(amap, limit)
    else:
        views = _shallower(amap, focus, depth)
    for view in views:
        yield view
        yield attrs.evolve(view, tree=True)


def _summaries(amap: ArgumentMap, limit: int) -> Iterator[_Candidate]:
    """The whole map (or its summary), then summaries of at most half as many nodes each time."""
    cap = min(limit, len(amap))
    size = len(amap) + 1
    while cap >= 1:
        view = summarise(amap, cap)
        if len(view) < size:
            size = len(view)
            what = f"the map's {size} nodes" if view is amap else f"a summary of {size} nodes"
            yield _Candidate(view, None, None, tree=False, what=what)
        cap //= 2


def _shallower(amap: ArgumentMap, focus: str | None, depth: int | None) -> Iterator[_Candidate]:
    """The part asked for, then one step less deep each time, down to depth 0."""
    starts = (focus,) if focus is not None else roots(amap)
    if depth is None:
        depth = _eccentricity(amap, starts)
    around = f"of `{focus}`" if focus is not None else "of the theses"
    for steps in range(depth, -1, -1):
        shown = len(reach(amap, starts, steps))
        what = f"the {shown} nodes within {steps} steps {around}"
        yield _Candidate(amap, focus, steps, tree=False, what=what)


def _eccentricity(amap: ArgumentMap, starts: Sequence[str]) -> int:
    """How many steps reach everything ``starts`` reach."""
    if starts and starts[0] not in amap:
        neighbourhood(amap, starts[0])  # raises the usual error for an unknown focus
    steps = 0
    size = len(reach(amap, starts, 0))
    while True:
        wider = len(reach(amap, starts, steps + 1))
        if wider == size:
            return steps
        steps, size = steps + 1, wider


# --- drawing with a time limit ---------------------------------------------------------------


def draw(
    drawing: Drawing,
    output: Path | str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    fmt: str | None = None,
) -> Drawing:
    """Write the drawing to ``output`` (as :func:`~argmap.render.graphviz.render`) in time.

    ``dot`` gets a share of ``timeout`` while a coarser drawing remains, all that is left
    otherwise. When it runs out, it is stopped, and the next coarser drawing costing at most
    half as much is drawn instead; the drawing returned then says so in its note.

    Args:
        drawing: What :func:`plan` chose.
        output: The file to write; its suffix picks the format unless ``fmt`` is given.
        timeout: Seconds for all attempts together.
        fmt: As for :func:`~argmap.render.graphviz.render`.

    Returns:
        The drawing written: ``drawing`` itself, or a coarser one whose note says only what
        happened here (``dot`` stopped after so long, and what is drawn instead), to be shown
        after ``drawing``'s own. Write further outputs of the same map from it.

    Raises:
        LayoutTimeout: when even the coarsest drawing does not finish in time.
        RenderError: as :func:`~argmap.render.graphviz.render` does.
    """
    deadline = time.monotonic() + timeout
    current, notes = drawing, list[str | None]()
    while True:
        coarser = current.coarser()
        left = deadline - time.monotonic()
        allowed = left * _FIRST_SHARE if coarser is not None else left
        try:
            render(current.dot, output, fmt=fmt, timeout=max(allowed, 0.001))
        except LayoutTimeout as stopped:
            if coarser is None:
                raise LayoutTimeout("dot", round(timeout, 1)) from stopped
            notes.append(f"Graphviz `dot` did not finish within {allowed:.1f} s and was stopped")
            notes.append(coarser.note)
            current = coarser
            continue
        if current is drawing:
            return drawing
        return attrs.evolve(current, note=_join(*notes))
