"""``[tool.argmap]`` in pyproject.toml, found by walking up from the map."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from argmap._io import decode_utf8, read_bytes
from argmap.diagnostics import Severity
from argmap.errors import LoadError, MapError, did_you_mean
from argmap.rules import lookup

__all__ = ["Config", "find_config"]

_KEYS = ("select", "ignore", "severity")
#: The lines through which a TOML file can give ``tool.argmap`` a value: a table header naming
#: argmap (``[tool.argmap]``, ``[tool.argmap.severity]``, ``[[...argmap...]]``), a bare
#: ``[tool]`` header (for ``argmap = {...}`` below it), or a top-level key ``tool.`` or
#: ``tool =``. A file with none of them (most pyproject.toml files: argmap in dependencies,
#: scripts or extension lists does not count) cannot configure argmap and is not parsed, which
#: spares a small check the TOML parser, a twentieth of its start-up.
_MAY_CONFIGURE_ARGMAP = re.compile(
    rb"""^[ \t]*(?:\[[^\n]*argmap|\[[ \t]*["']?tool["']?[ \t]*\]|["']?tool["']?[ \t]*[.=])""",
    re.MULTILINE,
)


def _frozen(value: Mapping[str, Severity]) -> Mapping[str, Severity]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Config:
    """Project settings: which rules run, and at which severity."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_frozen)
    #: The pyproject.toml the settings came from, if any.
    path: Path | None = None


def find_config(start: Path) -> Config:
    """Return the settings of the nearest pyproject.toml with ``[tool.argmap]`` above ``start``.

    The search stops at the first folder holding ``.git``. No file means default settings.

    Raises:
        LoadError: when that pyproject.toml is not valid TOML or its settings are wrong.
    """
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            config = _read(pyproject)
            if config is not None:
                return config
        if (candidate / ".git").exists():
            break
    return Config()


def _read(path: Path) -> Config | None:
    shown = _shown(path)
    data = read_bytes(path, shown)
    if not _MAY_CONFIGURE_ARGMAP.search(data):
        return None
    import tomllib  # noqa: PLC0415 - only for files that may configure argmap (see above)

    text = decode_utf8(data, shown)  # TOML is UTF-8: a file that is not is reported, not patched
    try:
        settings = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError(
            [
                MapError(
                    shown,
                    getattr(exc, "lineno", 1),
                    getattr(exc, "colno", 1),
                    str(exc),
                    "fix the TOML syntax",
                )
            ]
        ) from None
    table = settings.get("tool", {}).get("argmap")
    if table is None:
        return None
    line = _line_of(text, "[tool.argmap")
    errors: list[MapError] = []

    def fail(message: str, hint: str) -> None:
        errors.append(MapError(shown, line, 1, message, hint))

    for key in table:
        if key not in _KEYS:
            fail(
                f"unknown setting `{key}` in [tool.argmap]",
                did_you_mean(key, _KEYS) or "use select, ignore or severity",
            )
    select = _codes(table.get("select"), "select", fail)
    ignore = _codes(table.get("ignore", []), "ignore", fail) or ()
    severity = _severities(table.get("severity", {}), fail)
    if errors:
        raise LoadError(errors)
    return Config(select, ignore, severity, path)


def _codes(value: Any, key: str, fail: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(f"`{key}` in [tool.argmap] must be a list of rule codes", 'write `["AM001"]`')
        return None
    for code in value:
        if lookup(code) is None:
            fail(f"unknown rule `{code}` in `{key}`", "run `argmap rules` to list them")
    return tuple(value)


def _severities(value: Any, fail: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        fail("[tool.argmap.severity] must map codes to levels", 'write `AM011 = "warning"`')
        return {}
    out = {}
    for code, level in value.items():
        rule = lookup(code)
        if rule is None:
            fail(f"unknown rule `{code}` in [tool.argmap.severity]", "run `argmap rules`")
        elif level not in {s.value for s in Severity}:
            fail(f"bad severity `{level}` for `{code}`", "use error, warning or info")
        else:
            out[rule.code] = Severity(level)
    return out


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(needle):
            return number
    return 1


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
