"""The label each claim gets once the objections are weighed, shown beside its id.

The labels are those of ``argmap status`` (:mod:`argmap.acceptability`): IN, OUT or UNDEC,
each with the reason. They need a map that loads; while it does not, no label is shown.
"""

from __future__ import annotations

import os

import attrs

from argmap.lsp.session import Session

__all__ = ["ClaimLabel", "claim_labels"]


@attrs.frozen
class ClaimLabel:
    """A claim's label, placed after its ``ID:`` key.

    Attributes:
        line: The line of the claim's key, from 0.
        column: The column just after the key's colon (code points).
        label: ``IN``, ``OUT`` or ``UNDEC``.
        why: Why it has that label.
    """

    line: int
    column: int
    label: str
    why: str

    @property
    def at(self) -> tuple[int, int]:
        """The (line, column) the label is shown at."""
        return self.line, self.column


def claim_labels(
    session: Session, path: str | os.PathLike[str], first: int = 0, last: int | None = None
) -> list[ClaimLabel]:
    """Return the labels of the claims written in a file between two lines (from 0)."""
    ref = session.map_of(path)
    loaded = session.loaded(ref) if ref is not None else None
    if loaded is None:
        return []
    weighing = session.weighing(loaded)
    lines = session.lines(path)
    found: list[ClaimLabel] = []
    for entry in session.outline(path).nodes:
        line = entry.span.line
        if entry.kind != "claim" or line < first or (last is not None and line > last):
            continue
        if entry.id not in loaded or loaded.node(entry.id).kind != "claim":
            continue
        text = lines.line(line)
        colon = text.find(":", entry.span.end)
        column = colon + 1 if colon >= 0 else entry.span.end
        status = weighing.status(entry.id)
        found.append(ClaimLabel(line, column, status.label.name, status.why))
    return found
