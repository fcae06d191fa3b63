"""Project settings: ``[tool.argmap]`` in pyproject.toml, found by walking up from the map.

A project writes its settings once, where users of ruff and mypy look for them:

.. code-block:: toml

   [tool.argmap]
   select = ["AM001", "AM002", "AM004"]     # the rules to run (default: all)
   ignore = ["AM011"]                       # rules not to run
   include = ["arguments/"]                 # which files form the map (gitignore-style)
   exclude = ["arguments/drafts/"]

   [tool.argmap.severity]
   AM004 = "error"                          # error, warning or info

:meth:`Config.discover` finds and reads them; :func:`argmap.check` applies them when given
``config=``. A wrong setting in the file is a :class:`~argmap.errors.LoadError` naming the file
and the line of the setting; a wrong setting passed to :class:`Config` in code is a
:class:`~argmap.errors.ConfigError`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple, TypeGuard

import attrs

from argmap._io import decode_utf8, read_bytes
from argmap.diagnostics import Severity
from argmap.errors import ConfigError, LoadError, MapError, did_you_mean
from argmap.model import FrozenDict
from argmap.rules import lookup
from argmap.selection import matching, unknown_hint

__all__ = ["Config", "find_config"]

_KEYS = ("select", "ignore", "severity", "include", "exclude")
_LEVELS = frozenset(level.value for level in Severity)
#: The lines through which a TOML file can give ``tool.argmap`` a value: a table header naming
#: argmap (``[tool.argmap]``, ``[tool.argmap.severity]``, ``[[...argmap...]]``), a bare
#: ``[tool]`` header (for ``argmap = {...}`` below it), or a top-level key ``tool.`` or
#: ``tool =``. A file with none of them (most pyproject.toml files: argmap in dependencies,
#: scripts or extension lists does not count) cannot configure argmap and is not parsed, which
#: spares a small check the TOML parser, a twentieth of its start-up.
#: Compiled by ``re`` when first used: a map with no pyproject.toml above it never needs it.
_MAY_CONFIGURE_ARGMAP = (
    rb"""(?m)^(?:\xef\xbb\xbf)?[ \t]*"""  # a byte-order mark may open the file
    rb"""(?:\[[^\n]*argmap|\[[ \t]*["']?tool["']?[ \t]*\]|["']?tool["']?[ \t]*[.=])"""
)


class _Problem(NamedTuple):
    """A wrong setting: its key below ``tool.argmap``, what is wrong, and how to fix it."""

    key: tuple[str, ...]
    message: str
    hint: str


def _check_codes(value: object, key: str, problems: list[_Problem]) -> tuple[str, ...]:
    """Return ``value`` as a tuple of rule codes or names, noting what is wrong with it."""
    items = tuple(value) if _is_list(value) else None
    codes = _strings(items)
    if codes is None:
        shown = _kind(value) if items is None else "an array holding other things than strings"
        problems.append(
            _Problem((key,), f"`{key}` must be a list of rule codes, not {shown}", _LIST)
        )
        return ()
    problems.extend(
        _Problem((key,), f"unknown rule `{code}` in `{key}`", unknown_hint(code))
        for code in codes
        if not matching(code)
    )
    return codes


def _strings(items: tuple[object, ...] | None) -> tuple[str, ...] | None:
    """Return ``items`` when they are all strings, else None."""
    if items is None:
        return None
    strings = tuple(item for item in items if isinstance(item, str))
    return strings if len(strings) == len(items) else None


_LIST = 'write a list of codes, such as `["AM001", "AM004"]`'


def _check_severity(value: object, problems: list[_Problem]) -> dict[str, Severity]:
    """Return ``value`` as severity levels by rule code, noting what is wrong with it."""
    if not isinstance(value, Mapping):
        problems.append(
            _Problem(
                ("severity",),
                f"`severity` must map rule codes to levels, not be {_kind(value)}",
                'write `AM011 = "warning"` lines under [tool.argmap.severity]',
            )
        )
        return {}
    levels: dict[str, Severity] = {}
    for code, level in value.items():
        rule = lookup(code.strip()) if isinstance(code, str) else None
        if rule is None:
            problems.append(
                _Problem(
                    ("severity", str(code)),
                    f"unknown rule `{code}` in `severity`",
                    "run `argmap rules` to list them",
                )
            )
        elif not isinstance(level, str) or level not in _LEVELS:
            shown = level if isinstance(level, str) else f"{level!r}"
            problems.append(
                _Problem(
                    ("severity", code),
                    f"bad severity `{shown}` for `{code}`",
                    "use error, warning or info",
                )
            )
        else:
            levels[rule.code] = Severity(level)
    return levels


def _check_patterns(value: object, key: str, problems: list[_Problem]) -> tuple[str, ...]:
    """Return ``value`` as a tuple of gitignore-style patterns, noting what is wrong with it."""
    patterns = _strings(tuple(value) if _is_list(value) else None)
    if patterns is None:
        problems.append(
            _Problem(
                (key,),
                f"`{key}` must be a list of gitignore-style patterns (strings)",
                'write a list such as `["arguments/", "!arguments/drafts/"]`',
            )
        )
        return ()
    return patterns


def _is_list(value: object) -> TypeGuard[Iterable[object]]:
    """Whether ``value`` is a list-like setting: iterable, but not a string or a mapping."""
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def _kind(value: object) -> str:
    """Name the TOML kind of a value for a message: ``a string``, ``an array of tables``."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    import datetime as dt  # noqa: PLC0415 - tomllib, which made the value, imported it

    if isinstance(value, dt.date | dt.time):
        return "a date or time"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return "an array of tables"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a {type(value).__name__}"


def _raise_problems(problems: list[_Problem]) -> None:
    if problems:
        raise ConfigError("\n".join(f"{p.message}; {p.hint}" for p in problems))


def _select(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    problems: list[_Problem] = []
    codes = _check_codes(value, "select", problems)
    _raise_problems(problems)
    return codes


def _ignore(value: Iterable[str]) -> tuple[str, ...]:
    problems: list[_Problem] = []
    codes = _check_codes(value, "ignore", problems)
    _raise_problems(problems)
    return codes


def _severity(value: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    problems: list[_Problem] = []
    levels = _check_severity(value, problems)
    _raise_problems(problems)
    return FrozenDict(levels)


def _include(value: Iterable[str]) -> tuple[str, ...]:
    problems: list[_Problem] = []
    patterns = _check_patterns(value, "include", problems)
    _raise_problems(problems)
    return patterns


def _exclude(value: Iterable[str]) -> tuple[str, ...]:
    problems: list[_Problem] = []
    patterns = _check_patterns(value, "exclude", problems)
    _raise_problems(problems)
    return patterns


@attrs.frozen
class Config:
    """Project settings: which rules run, at which severity, and which files form the map.

    Settings are checked when the object is made: a list must be a list (not a string), rule
    codes and names must exist, levels must be ``error``, ``warning`` or ``info``.

    Attributes:
        select: The codes or names of the rules to run; None (the default) runs every rule.
        ignore: The codes or names of rules not to run.
        severity: Severity overrides by rule code (names given are turned into codes).
        path: The pyproject.toml the settings came from, if any.
        include: Gitignore-style patterns of the files that form the map (empty: every map
            file under the path given). Patterns are relative to the folder of :attr:`path`,
            as in a ``.gitignore`` file there; argmap's file discovery applies them, not
            :func:`argmap.check`.
        exclude: Gitignore-style patterns of files to leave out, relative to the same folder.

    Raises:
        ConfigError: when a setting has the wrong shape or names an unknown rule or level.
    """

    select: tuple[str, ...] | None = attrs.field(default=None, converter=_select)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_ignore)
    severity: Mapping[str, Severity] = attrs.field(factory=FrozenDict, converter=_severity)
    path: Path | None = None
    include: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_include)
    exclude: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_exclude)

    @classmethod
    def discover(cls, path: str | os.PathLike[str]) -> Config:
        """Return the settings of the nearest pyproject.toml with ``[tool.argmap]`` above a path.

        The search starts at ``path`` (a map file or folder) and walks up; see
        :func:`find_config`. No such file means the default settings, ``Config()``.

        Args:
            path: A map file or folder; it need not exist.

        Raises:
            LoadError: when that pyproject.toml cannot be read, is not valid TOML, or its
                ``[tool.argmap]`` settings are wrong; each problem names its line.
        """
        return find_config(Path(path))


def find_config(start: Path) -> Config:
    """Return the settings of the nearest pyproject.toml with ``[tool.argmap]`` above ``start``.

    The search stops at the first folder holding ``.git``, and at the first folder that cannot
    be looked into (permission denied): settings further up are then not used. No file means
    default settings.

    Raises:
        LoadError: when that pyproject.toml is not valid TOML or its settings are wrong.
    """
    try:
        folder = start if start.is_dir() else start.parent
    except OSError:  # a path that cannot be looked at: the loader reports it, if it matters
        folder = start.parent
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):  # Path.resolve raises RuntimeError on a symlink loop
        folder = folder.absolute()
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        found = _probe(pyproject.is_file)
        if found and (config := _read(pyproject)) is not None:
            return config
        if found is None or _probe((candidate / ".git").exists) is not False:
            break  # a folder that cannot be looked into ends the search, as .git does
    return Config()


def _probe(test: Callable[[], bool]) -> bool | None:
    """Return what ``test`` (``Path.is_file``, ``Path.exists``) says, or None on an OSError.

    Path.is_file and Path.exists answer False for a missing file but raise on other errors,
    such as PermissionError for a file inside a folder that may not be searched.
    """
    try:
        return test()
    except OSError:
        return None


#: The most dotted parts a key or table header may have. tomllib builds every prefix of a
#: dotted key, so its time and memory grow with the square of the parts: 20,000 take gigabytes.
MAX_KEY_PARTS = 100


def _long_key(text: str) -> tuple[int, int] | None:
    """Return (line, parts) of the first key or table header of more than MAX_KEY_PARTS parts.

    A light scan, linear in the text: the dots before a line's first ``=`` (a key) or inside
    its leading brackets (a table header). Dots in quoted key parts count too; a key with a
    hundred of them is no setting either.
    """
    if text.count(".") < MAX_KEY_PARTS:  # parts are dots + 1
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count(".") < MAX_KEY_PARTS:
            continue
        stripped = line.lstrip()
        key = stripped.partition("]")[0] if stripped.startswith("[") else line.partition("=")[0]
        parts = key.count(".") + 1
        if parts > MAX_KEY_PARTS:
            return number, parts
    return None


def _read(path: Path) -> Config | None:
    shown = _shown(path)
    data = read_bytes(path, shown)
    if not re.search(_MAY_CONFIGURE_ARGMAP, data):
        return None
    import tomllib  # noqa: PLC0415 - only for files that may configure argmap (see above)

    text = decode_utf8(data, shown)  # TOML is UTF-8: a file that is not is reported, not patched
    long_key = _long_key(text)
    if long_key is not None:
        line, parts = long_key
        message = f"a key of {parts:,} dotted parts is too long to read"
        hint = f"a settings key has a few parts; write one of at most {MAX_KEY_PARTS}"
        raise LoadError([MapError(shown, line, 1, message, hint)])
    try:
        settings = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, message = _toml_place(exc)
        raise LoadError([MapError(shown, line, column, message, "fix the TOML syntax")]) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        line, column = _long_number(text)
        raise LoadError(
            [MapError(shown, line, column, "a number too long to read", "write a shorter number")]
        ) from None
    except RecursionError:  # tomllib recurses once per level of [ and {
        line = _deep_line(text)
        raise LoadError(
            [MapError(shown, line, 1, "a value is nested too deeply", "flatten the value")]
        ) from None
    tool = settings.get("tool")
    if tool is None:
        return None
    lines = _KeyLines(text)
    if not isinstance(tool, dict):
        message = f"`tool` must be a table (for [tool.argmap]), not {_kind(tool)}"
        hint = "write tool settings under `[tool.NAME]` headers"
        raise LoadError([MapError(shown, lines.line_of(("tool",)), 1, message, hint)])
    table = tool.get("argmap")
    if table is None:
        return None
    if not isinstance(table, dict):
        message = f"[tool.argmap] must be a table of settings, not {_kind(table)}"
        hint = 'write `[tool.argmap]` once, then settings such as `select = ["AM001"]` below it'
        raise LoadError([MapError(shown, lines.line_of(("tool", "argmap")), 1, message, hint)])
    problems: list[_Problem] = []
    problems.extend(
        _Problem(
            (key,),
            f"unknown setting `{key}` in [tool.argmap]",
            did_you_mean(key, _KEYS) or f"use {', '.join(_KEYS[:-1])} or {_KEYS[-1]}",
        )
        for key in table
        if key not in _KEYS
    )
    select = _check_codes(table["select"], "select", problems) if "select" in table else None
    ignore = _check_codes(table.get("ignore", []), "ignore", problems)
    severity = _check_severity(table.get("severity", {}), problems)
    include = _check_patterns(table.get("include", []), "include", problems)
    exclude = _check_patterns(table.get("exclude", []), "exclude", problems)
    if problems:
        raise LoadError(
            MapError(shown, lines.line_of(("tool", "argmap", *p.key)), 1, p.message, p.hint)
            for p in problems
        )
    return Config(select, ignore, severity, path, include=include, exclude=exclude)


#: One part of a dotted TOML key: bare, "basic" or 'literal'.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED_KEY = rf"[ \t]*{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*[ \t]*"
#: These patterns (and _TOML_PLACE, _TOML_END) are compiled by ``re`` when first used, from its
#: cache: most runs read no setting, and would pay for compiling them at every start-up.
_HEADER = rf"[ \t]*\[\[?({_DOTTED_KEY})\]\]?[ \t]*(?:#.*)?\Z"
_ASSIGNMENT = rf"({_DOTTED_KEY})="


class _KeyLines:
    """Where each key of a TOML text is first written, for messages that name a line.

    A light scan, not a parser: it reads table headers and ``key =`` lines (skipping
    multi-line strings) and gives each dotted key, and each of its prefixes, the first line
    that writes it. Keys written inside an inline table get the line of the table.
    """

    def __init__(self, text: str) -> None:
        self.first: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        quote: str | None = None  # the delimiter of the multi-line string being skipped
        for number, line in enumerate(text.splitlines(), start=1):
            if quote is not None:
                if line.count(quote) % 2:
                    quote = None
                continue
            if header := re.match(_HEADER, line):
                table = _parts(header.group(1))
                self._note(table, number)
            elif assignment := re.match(_ASSIGNMENT, line):
                self._note(table + _parts(assignment.group(1)), number)
            for delimiter in ('"""', "'''"):
                if line.count(delimiter) % 2:
                    quote = delimiter
                    break

    def _note(self, key: tuple[str, ...], number: int) -> None:
        for end in range(1, len(key) + 1):
            self.first.setdefault(key[:end], number)

    def line_of(self, key: tuple[str, ...]) -> int:
        """Return the first line writing ``key``, else its nearest written parent, else 1."""
        for end in range(len(key), 0, -1):
            line = self.first.get(key[:end])
            if line is not None:
                return line
        return 1


def _parts(dotted: str) -> tuple[str, ...]:
    """Split a dotted TOML key into its parts, without their quotes."""
    parts = []
    for match in re.finditer(_KEY_PART, dotted):
        part = match.group(0)
        parts.append(part[1:-1] if part[:1] in "\"'" else part)
    return tuple(parts)


def _deep_line(text: str, limit: int = 100) -> int:
    """Return the line where brackets and braces first nest more than ``limit`` deep."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > limit:
                    return number
            elif char in "]}":
                depth -= 1
    return 1


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


_TOML_PLACE = r"(.*) \(at line (\d+), column (\d+)\)\Z"
_TOML_END = r"(.*) \(at end of document\)\Z"


def _toml_place(exc: Exception) -> tuple[int, int, str]:
    """Return the line, column and message of a TOML error.

    Python 3.11's tomllib puts the place only in the message ("… (at line 3, column 5)");
    newer ones also set ``lineno`` and ``colno``.
    """
    text = str(exc)
    lineno, colno = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    match = re.match(_TOML_PLACE, text, re.DOTALL)
    if match is not None:
        text = match.group(1)
        lineno = lineno or int(match.group(2))
        colno = colno or int(match.group(3))
    elif (end := re.match(_TOML_END, text, re.DOTALL)) is not None:
        text = end.group(1) + " at the end of the file"
    return int(lineno or 1), int(colno or 1), text


def _long_number(text: str) -> tuple[int, int]:
    """Return the line and column of the first run of digits longer than Python converts."""
    for number, line in enumerate(text.splitlines(), start=1):
        found = re.search(r"[0-9_]{4300,}", line)
        if found is not None:
            return number, found.start() + 1
    return 1, 1
