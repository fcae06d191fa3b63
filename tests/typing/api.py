"""Type-checked by mypy, never run: the public API as users call it.

tests/test_library_surface.py runs ``mypy --strict`` on this file: every name in
``argmap.__all__`` is used here, so a name that mypy sees as ``object`` (or not at all) fails
the test.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import argmap
from argmap import (
    ArgmapError,
    ArgumentMap,
    Assumption,
    Attack,
    Citation,
    Claim,
    Config,
    ConfigError,
    Diagnostic,
    Evidence,
    LoadError,
    Locator,
    LocatorLabel,
    MapError,
    Node,
    Objection,
    OptionError,
    Premise,
    Reason,
    Severity,
    Source,
    SourcePosition,
    Suppression,
    TraceError,
    Workspace,
    trace_down,
    trace_up,
    weigh_sources,
)
from argmap.trace import SourceWeight, TraceNode, UpTrace

version: str = argmap.__version__
major: str = argmap.__version__.split(".")[0]

# Loading and checking, with and without the project's settings.
argument_map: ArgumentMap = argmap.load("arguments")
found: list[Diagnostic] = argmap.check(argument_map, select=["AM001"], ignore=("AM011",))
levels: list[Severity] = [d.severity for d in found]
config: Config = argmap.Config.discover("arguments")
also: Config = Config.discover(Path("arguments") / "map.yaml")
configured: list[Diagnostic] = argmap.check(argument_map, config=config)
combined: list[Diagnostic] = argmap.check(
    argument_map, config=config, ignore=["AM004"], severity={"AM011": Severity.WARNING}
)
settings = Config(select=["AM001"], severity={"AM004": "error"}, include=["arguments/"])
selected: tuple[str, ...] | None = settings.select
overrides: Mapping[str, Severity] = settings.severity
patterns: tuple[str, ...] = settings.include + settings.exclude
where: Path | None = settings.path

# Errors: one base class for everything argmap raises on bad input.
try:
    argmap.load("nowhere")
except LoadError as exc:
    lines: list[str] = [str(error) for error in exc.errors]
    first: MapError = exc.errors[0]
    line: int = first.line
try:
    argmap.check(argument_map, select=["AM999"])
except ConfigError as exc:
    bad_setting: ValueError = exc
try:
    argmap.trace_down(argument_map, "nowhere")
except TraceError as exc:
    asked: str = exc.name
    near: tuple[str, ...] = exc.suggestions
    missing: KeyError = exc
except ArgmapError as exc:
    message: str = str(exc)

# Tracing, through the package and through the names imported from it.
tree: TraceNode = argmap.trace_down(argument_map, "T1", depth=2)
below: list[str] = [node.id for node in trace_down(argument_map, "T1").walk()]
up: UpTrace = argmap.trace_up(argument_map, "article2025", depth=None)
falls: tuple[str, ...] = trace_up(argument_map, "article2025").falls
weights: tuple[SourceWeight, ...] = argmap.weigh_sources(argument_map)
heaviest: str = weigh_sources(argument_map)[0].key

# The model, as built in code.
here = SourcePosition("map.yaml", 3, 5)
citation = Citation("waltz1979", Locator(LocatorLabel.CHAPTER, "6"), position=here)
nodes: tuple[Node, ...] = (
    Claim(id="T1", text="A thesis.", thesis=True, reasons=(Reason(("E1", "P1")),)),
    Evidence(id="E1", text="A figure: 90%.", citations=(citation,)),
    Premise(id="P1", text="A premise.", ignore=(Suppression("AM004", "cited elsewhere"),)),
    Assumption(id="A1", text="Unstated."),
    Objection(id="O1", text="But.", attacks=(Attack("T1", reason=1),)),
)
source = Source(key="waltz1979", entry_type="book", fields={"year": "1979"})
built = ArgumentMap(nodes=nodes, sources={source.key: source}, position=here)
thesis_ids: list[str] = [n.id for n in built.theses]
year: str | None = built.sources["waltz1979"].year
kinds: list[str] = [n.kind for n in built.nodes]
exported: list[str] = argmap.__all__

# A workspace of maps, as an editor or CI uses it.
workspace: Workspace = argmap.Workspace(".")
roots: list[Path] = [spec.root for spec in workspace.maps]
workspace.update("arguments/economy.yaml", "nodes: {}\n")
edited: ArgumentMap = workspace.map_of("arguments/economy.yaml")
everywhere: list[Diagnostic] = workspace.check()
one_map: list[Diagnostic] = workspace.check("arguments")
workspace.forget("arguments/economy.yaml")
unreadable: tuple[MapError, ...] = workspace.errors
cached: ArgumentMap = argmap.load("arguments", cache=True, text="article.txt")

try:
    argmap.trace_down(argument_map, "T1", depth=-1)
except OptionError as option_error:
    said: str = str(option_error)
