"""Shared helpers: write small maps to a temporary folder and load or check them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap import ArgumentMap, Diagnostic, check, load

#: The project's shared folder (seed article and corpora), beside the repository.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

WriteMap = Callable[..., Path]


@pytest.fixture
def write_map(tmp_path: Path) -> WriteMap:
    """Return a function writing ``name -> text`` files under tmp_path; returns the folder.

    Texts are dedented, so tests can indent them freely.
    """

    def write(files: dict[str, str] | str, bib: str | None = None) -> Path:
        if isinstance(files, str):
            files = {"map.yaml": files}
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        if bib is not None:
            (tmp_path / "references.bib").write_text(textwrap.dedent(bib), encoding="utf-8")
        (tmp_path / ".git").mkdir(exist_ok=True)  # stop config and .bib searches here
        return tmp_path

    return write


@pytest.fixture
def load_map(write_map: WriteMap) -> Callable[..., ArgumentMap]:
    """Return a function loading a map written from text."""

    def load_text(files: dict[str, str] | str, bib: str | None = None) -> ArgumentMap:
        return load(write_map(files, bib))

    return load_text


@pytest.fixture
def codes_of(load_map: Callable[..., ArgumentMap]) -> Callable[..., list[str]]:
    """Return a function giving the codes reported on a map written from text."""

    def codes(files: dict[str, str] | str, bib: str | None = None, **options: object) -> list[str]:
        found: list[Diagnostic] = check(load_map(files, bib), **options)  # type: ignore[arg-type]
        return [d.code for d in found]

    return codes
