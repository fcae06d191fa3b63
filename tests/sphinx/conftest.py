"""Sphinx's own test fixtures (``app``, ``make_app``, ``warning``) on the roots beside this."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """The folder holding the test projects, ``roots/test-<name>/``."""
    return Path(__file__).parent / "roots"
