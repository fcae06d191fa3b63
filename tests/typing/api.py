"""Type-checked by mypy, never run: the public API as users call it."""

from __future__ import annotations

import argmap
from argmap import ArgumentMap, Diagnostic, LoadError, Severity

argument_map: ArgumentMap = argmap.load("arguments")
found: list[Diagnostic] = argmap.check(argument_map, select=["AM001"], ignore=("AM011",))
levels: list[Severity] = [d.severity for d in found]
try:
    argmap.load("nowhere")
except LoadError as exc:
    lines: list[str] = [str(error) for error in exc.errors]
thesis_ids: list[str] = [n.id for n in argument_map.theses]
