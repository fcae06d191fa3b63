"""Run the rules over a map: selection, severity overrides and ``ignore:`` suppressions."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import attrs

from argmap._gc import collector_paused
from argmap.config import Config
from argmap.diagnostics import Diagnostic, Severity, sort
from argmap.errors import ConfigError
from argmap.model import ArgumentMap, Node
from argmap.rules import RULES, Context, Example, Finding, Rule, Status, lookup
from argmap.selection import matching, unknown_hint

__all__ = ["check", "run_example", "select_rules"]


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> tuple[Rule, ...]:
    """Return the rules to run: ``select`` (default: every rule in use) minus ``ignore``.

    Codes, names, code prefixes (``AM00``) and ``ALL`` are accepted, as ruff accepts them
    (see :mod:`argmap.selection`).

    Raises:
        ConfigError: naming the first unknown code, or when ``select`` or ``ignore`` is a
            string rather than a list of codes. It is a ValueError too.
    """
    if select is None:
        chosen = [r for r in RULES if r.status is not Status.REMOVED]
    else:
        chosen = [rule for code in _listed(select, "select") for rule in _rules(code)]
    dropped = {rule.code for code in _listed(ignore, "ignore") for rule in _rules(code)}
    return tuple(sorted({r for r in chosen if r.code not in dropped}, key=lambda r: r.code))


def _listed(codes: Iterable[str], what: str) -> Iterable[str]:
    if isinstance(codes, str):  # "AM001" would otherwise be read as the codes A, M, 0, 0, 1
        raise ConfigError(f'`{what}` must be a list of rule codes, such as ["{codes}"]')
    if not isinstance(codes, Iterable):
        raise ConfigError(f'`{what}` must be a list of rule codes, such as ["AM001"]')
    return codes


def _levels(severity: Mapping[str, Severity | str] | None) -> Mapping[str, Severity | str]:
    if severity is None:
        return {}
    if not isinstance(severity, Mapping):
        raise ConfigError('`severity` must map rule codes to levels, such as {"AM011": "info"}')
    return severity


def _rules(selector: object) -> tuple[Rule, ...]:
    rules = matching(selector) if isinstance(selector, str) else ()
    if not rules:
        shown = selector.strip() if isinstance(selector, str) else repr(selector)
        hint = unknown_hint(shown) if isinstance(selector, str) else "run `argmap rules`"
        raise ConfigError(f"unknown rule `{shown}`; {hint}")
    return rules


def _rule(code: object) -> Rule:
    rule = lookup(code.strip()) if isinstance(code, str) else None
    if rule is None:
        shown = code.strip() if isinstance(code, str) else repr(code)
        raise ConfigError(f"unknown rule `{shown}`; run `argmap rules` to list them")
    return rule


def _level(code: object, level: object) -> Severity:
    if isinstance(level, str) and level in _LEVELS:
        return Severity(level)
    raise ConfigError(f"bad severity `{level}` for `{code}`; use error, warning or info")


_LEVELS = frozenset(level.value for level in Severity)


def check(
    argument_map: ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Check a map and return its diagnostics, sorted by file, line and code.

    ``check`` reads no files: to apply a project's ``[tool.argmap]`` settings, pass them as
    ``config`` (see :meth:`argmap.Config.discover`). Arguments given beside a ``config``
    combine with it as ruff's command line combines with its settings:

    - ``select`` replaces the configured ``select`` (None keeps it);
    - ``ignore`` adds to the configured ``ignore``; rules ignored by either do not run, even
      when ``select`` names them;
    - ``severity`` overrides the configured level rule by rule, other configured levels stay.

    Args:
        argument_map: the map to check.
        select: codes or names of the rules to run; all rules when None (and no config).
        ignore: codes or names of rules not to run.
        severity: severity overrides by code or name, e.g. ``{"AM011": "warning"}``.
        config: project settings, such as :meth:`argmap.Config.discover` returns.

    Raises:
        ConfigError: when a code is unknown, ``select`` or ``ignore`` is a string rather than
            a list, or a severity is not error, warning or info. It is a ValueError too.

    Example:
        >>> config = argmap.Config.discover("arguments")  # doctest: +SKIP
        >>> argmap.check(argmap.load("arguments"), config=config)  # doctest: +SKIP
    """
    if config is not None:
        select = config.select if select is None else select
        ignore = (*config.ignore, *_listed(ignore, "ignore"))
        severity = {**config.severity, **_levels(severity)}
    with collector_paused():  # as in load(): it would re-scan the whole map, to find nothing
        return _check(argument_map, select, ignore, severity)


def _check(
    argument_map: ArgumentMap,
    select: Iterable[str] | None,
    ignore: Iterable[str],
    severity: Mapping[str, Severity | str] | None,
) -> list[Diagnostic]:
    rules = select_rules(select, ignore)
    overrides = {_rule(code).code: _level(code, level) for code, level in _levels(severity).items()}
    context = Context(argument_map)
    context.codes = {key: rule.code for rule in RULES for key in (rule.code, rule.name)}
    context.selected = frozenset(rule.code for rule in rules)
    silenced = _suppressions(context.census.suppressing, context.codes)
    diagnostics: list[Diagnostic] = []
    for rule in sorted(rules, key=lambda r: r.late):
        level = overrides.get(rule.code, rule.severity)
        for finding in rule.check(context):
            key = (finding.node or "", rule.code)
            if key in silenced:
                context.used_suppressions.add(key)
            else:
                diagnostics.append(_diagnostic(rule, level, finding))
    return sort(diagnostics)


def _suppressions(
    suppressing: Iterable[Node], codes: Mapping[str, str]
) -> Collection[tuple[str, str]]:
    return {
        (node.id, codes[entry.code])
        for node in suppressing
        for entry in node.ignore
        if entry.code in codes
    }


def _diagnostic(rule: Rule, level: Severity, finding: Finding) -> Diagnostic:
    position = finding.position
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=level,
        node=finding.node,
        file=position.file,
        line=position.line,
        column=position.column,
        message=finding.message,
    )


def run_example(example: Example) -> list[Diagnostic]:
    """Check an example in a scratch folder; file names in the result are relative to it.

    Raises:
        LoadError: when the example is not a valid map.
    """
    import tempfile  # noqa: PLC0415 - only the rule examples need it; it slows every start-up

    from argmap.loading.pipeline import load  # noqa: PLC0415 - checking needs no loading

    with tempfile.TemporaryDirectory(prefix="argmap-example-") as scratch:
        folder = Path(scratch)
        (folder / ".git").mkdir()  # keeps the search for references.bib and pyproject inside
        (folder / "map.yaml").write_text(example.yaml, encoding="utf-8")
        if example.bib:
            (folder / "references.bib").write_text(example.bib, encoding="utf-8")
        text = None
        if example.text:
            text = folder / "text.txt"
            text.write_text(example.text, encoding="utf-8")
        found = check(load(folder / "map.yaml", text=text))
        prefix = f"{folder}/"
        return [_relative(d, prefix) for d in found]


def _relative(diagnostic: Diagnostic, prefix: str) -> Diagnostic:
    """Return the diagnostic with the scratch folder taken out of its file and message."""
    return attrs.evolve(
        diagnostic,
        file=diagnostic.file.removeprefix(prefix),
        message=diagnostic.message.replace(prefix, ""),
    )
