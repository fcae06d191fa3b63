"""Names of files and rules as CI systems want them: relative paths, URIs, documentation links."""

from __future__ import annotations

from pathlib import Path, PurePath
from urllib.parse import quote

__all__ = ["DOCS_URL", "relative_path", "rule_url", "uri"]

#: Where argmap's documentation is published (the same address the language server links to).
DOCS_URL = "https://argmap.readthedocs.io/en/latest/"


def rule_url(code: str) -> str:
    """Return the address of a rule's section of the documentation (``docs/rules.rst``).

    The scheme is ``{DOCS_URL}rules.html#arg-rule-{code}``: the rules page, at the anchor the
    ``arg:rules`` directive gives each rule's section (``arg-rule-AM004``).
    """
    return f"{DOCS_URL}rules.html#arg-rule-{code}"


def relative_path(file: str) -> str:
    """Return a finding's file as CI systems name it: forward slashes, no leading ``./``.

    An absolute path inside the current folder is made relative to it (CI systems resolve
    paths from the repository's root, where argmap runs); any other path keeps its form.
    """
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return PurePath(path).as_posix()


def uri(file: str) -> str:
    """Return a finding's file as a URI reference: relative and percent-encoded when it can be.

    ``sub dir/map.yaml`` becomes ``sub%20dir/map.yaml``; a file outside the current folder
    becomes a ``file:`` URI.
    """
    path = relative_path(file)
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(path, safe="/")
