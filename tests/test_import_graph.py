"""No module of argmap imports one that (directly or not) imports it back, lazy imports included.

Imports under ``if TYPE_CHECKING:`` never run and are left out; every other import counts,
inside functions too. Importing ``argmap.x.y`` runs the package ``argmap.x`` first, but that
edge is Python's, not the module's, and is not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            submodules = names & modules
            found.update(submodules)  # `from argmap import graph` imports argmap.graph
            if names - submodules:
                found.add(node.module)
    return {name for name in found if name in modules}


def graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in SRC.joinpath("argmap").rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules) - {name} for name, path in files.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected sets of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_back() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_loading_pipeline_flows_one_way() -> None:
    edges = graph()
    stages = [
        "argmap.loading.contents",
        "argmap.loading.discover",
        "argmap.loading.read_yaml",
        "argmap.loading.read_interchange",
        "argmap.loading.assemble",
        "argmap.loading.pipeline",
    ]
    for place, stage in enumerate(stages):
        later = set(stages[place + 1 :])
        assert not edges[stage] & later, f"{stage} imports a later stage"
    above = (
        "argmap.cli",
        "argmap.linter",
        "argmap.rules",
        "argmap.render",
        "argmap.sphinx",
        "argmap.workspace",
        "argmap.trace",
        "argmap.acceptability",
    )
    for name, imported in edges.items():
        if name.startswith("argmap.loading"):
            upward = {m for m in imported if m.startswith(above)}
            assert not upward, f"{name} imports {upward}"
