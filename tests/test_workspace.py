"""The Workspace: maps kept loaded, unsaved texts, one file re-read after an edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import LoadError
from argmap.loading import pipeline
from argmap.workspace import Workspace

A = "map: {title: A}\nnodes:\n  T1: {claim: c, thesis: true, because: E1}\n"
B = "nodes:\n  E1: {evidence: e}\n"
OTHER = "nodes:\n  T1: {claim: another map, thesis: true}\n"


def tree(root: Path) -> Path:
    for name, text in {"one/a.yaml": A, "one/b.yaml": B, "two/x.yaml": OTHER}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)
    return root


def test_maps_are_discovered_and_kept_apart(tmp_path: Path) -> None:
    workspace = Workspace(tree(tmp_path))
    assert [spec.root.name for spec in workspace.maps] == ["one", "two"]
    assert workspace.map_of(tmp_path / "one" / "b.yaml").ids == ("T1", "E1")
    assert workspace.map_of(tmp_path / "two").ids == ("T1",)
    assert workspace.errors == ()


def test_unsaved_text_stands_in_and_only_that_file_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace(tree(tmp_path))
    assert workspace.check() != []
    parsed: list[str] = []
    real = pipeline.read_file

    def counting(path: Path, *args: object, **kwargs: object):
        parsed.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("argmap.workspace.read_file", counting)
    workspace.update(tmp_path / "one" / "b.yaml", "nodes:\n  E1: {evidence: edited}\n")
    assert workspace.map_of(tmp_path / "one").node("E1").text == "edited"
    assert (tmp_path / "one" / "b.yaml").read_text(encoding="utf-8") == B  # disk untouched
    workspace.check()
    assert parsed == ["b.yaml"]


def test_an_edit_breaking_a_reference_fails_only_its_map(tmp_path: Path) -> None:
    workspace = Workspace(tree(tmp_path))
    workspace.update(tmp_path / "one" / "b.yaml", "nodes:\n  E2: {evidence: e}\n")
    with pytest.raises(LoadError, match="unknown id `E1`"):
        workspace.check(tmp_path / "one" / "a.yaml")
    assert workspace.map_of(tmp_path / "two").ids == ("T1",)
    workspace.forget(tmp_path / "one" / "b.yaml")
    assert workspace.map_of(tmp_path / "one").ids == ("T1", "E1")


def test_check_applies_the_discovered_settings(tmp_path: Path) -> None:
    tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignore = ["AM004"]\n', "utf-8")
    codes = {d.code for d in Workspace(tmp_path).check()}
    assert "AM004" not in codes
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n", "utf-8")
    assert "AM004" in {d.code for d in Workspace(tmp_path).check()}


def test_a_map_with_errors_is_reported_with_the_others_checked(tmp_path: Path) -> None:
    tree(tmp_path)
    (tmp_path / "two" / "x.yaml").write_text("nodes:\n  T1: {claim: a, evidence: b}\n", "utf-8")
    workspace = Workspace(tmp_path)
    with pytest.raises(LoadError) as exc:
        workspace.check()
    assert [e.file for e in exc.value.errors] == [str(tmp_path / "two" / "x.yaml")]
    assert workspace.check(tmp_path / "one") != []


# -- any sequence of edits gives what a fresh load of the same texts gives ---------------------

TEXTS = [
    A,
    B,
    "nodes:\n  E1: {evidence: other}\n  O1: {objection: o, attacks: T1}\n",
    "nodes:\n  E1: {claim: x, evidence: y}\n",
    "nodes:\n  E2: {evidence: z}\n",
    "map: {title: second header}\nnodes: {}\n",
    "nodes: [broken\n",
    "nodes:\n  C1: {claim: k, because: [E1 + T1]}\n",
]
FILES = ["one/a.yaml", "one/b.yaml"]
edits = st.lists(
    st.tuples(st.sampled_from(FILES), st.one_of(st.none(), st.sampled_from(TEXTS))),
    max_size=8,
)


def outcome(load: object) -> tuple[object, ...]:
    try:
        result = load()  # type: ignore[operator]
    except LoadError as exc:
        return ("error", exc.errors)
    positions = [n.position for n in result.nodes]
    return ("map", result, positions, argmap.check(result))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits)
def test_any_sequence_of_updates_equals_a_fresh_load(tmp_path: Path, sequence: list) -> None:
    root = tmp_path / "ws"
    shutil.rmtree(root, ignore_errors=True)
    tree(root)
    workspace = Workspace(root)
    workspace.check(root / "one")
    final = {name: (root / name).read_text(encoding="utf-8") for name in FILES}
    for name, text in sequence:
        if text is None:
            workspace.forget(root / name)
            final[name] = (root / name).read_text(encoding="utf-8")
        else:
            workspace.update(root / name, text)
            final[name] = text
        workspace.map_files(root / "one")  # keep the workspace warm between edits
    fresh_root = tmp_path / "fresh"
    shutil.rmtree(fresh_root, ignore_errors=True)
    shutil.copytree(root, fresh_root)
    for name, text in final.items():
        (fresh_root / name).write_text(text, encoding="utf-8")
    kept = outcome(lambda: workspace.map_of(root / "one"))
    fresh = outcome(lambda: argmap.load(fresh_root / "one"))
    assert _relative(kept, root) == _relative(fresh, fresh_root)


def _relative(result: tuple[object, ...], root: Path) -> str:
    return repr(result).replace(str(root), "<root>")


def test_with_a_cache_a_second_workspace_parses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    tree(tmp_path)
    (tmp_path / "references.bib").write_text("@book{k, title = {A}}\n", encoding="utf-8")
    first = Workspace(tmp_path, cache=True).check()

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("argmap.loading.read_yaml.read_yaml", no_parse)
    monkeypatch.setattr("argmap.bibliography.parse_bibliography", no_parse)
    assert Workspace(tmp_path, cache=True).check() == first


def test_edits_do_not_pile_up_what_the_workspace_keeps(tmp_path: Path) -> None:
    """A long-lived workspace keeps one version of each map and each bibliography."""
    tree(tmp_path)
    bib = tmp_path / "references.bib"
    bib.write_text("@book{k, title = {A}}\n", encoding="utf-8")
    workspace = Workspace(tmp_path)
    for n in range(5):
        workspace.update(tmp_path / "one" / "b.yaml", f"nodes:\n  E1: {{evidence: e{n}}}\n")
        workspace.update(bib, f"@book{{k, title = {{A{n}}}}}\n")
        workspace.check()
        (tmp_path / "two" / f"extra{n}.yaml").write_text("nodes: {}\n", encoding="utf-8")
        workspace.forget(tmp_path / "two" / "x.yaml")  # discover again: `two` has a new file
        workspace.check()
    assert len(workspace._bibliographies) == 1
    assert len(workspace._loaded) == len(workspace.maps) == 2
