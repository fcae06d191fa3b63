"""Sphinx's own test fixtures (``app``, ``make_app``, ``warning``) on the roots beside this.

``pytest_plugins`` is allowed only in the top-level conftest, so the fixtures and the hook
registering the ``sphinx`` marker are imported here instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.fixtures import (  # noqa: F401 - fixtures and a hook, found by pytest
    _shared_result_cache,
    app,
    app_params,
    if_graphviz_found,
    make_app,
    pytest_configure,
    rollback_sysmodules,
    shared_result,
    sphinx_test_tempdir,
    status,
    test_params,
    warning,
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """The folder holding the test projects, ``roots/test-<name>/``."""
    return Path(__file__).parent / "roots"
