"""The ``sarif`` format: a SARIF 2.1.0 log, as GitHub code scanning and other readers take it.

One run; its tool is argmap, with a reporting descriptor per rule of :data:`argmap.rules.RULES`
(id, name, descriptions, help and the link to the rule's documentation, default level); a
result per finding, pointing at its rule by id and index, with a relative, percent-encoded URI
and the line and column. Columns count Unicode code points (``columnKind``), as argmap's do.
No time, machine or absolute path is written, so the log is the same on every run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from argmap.diagnostics import Diagnostic, Severity
from argmap.output._paths import DOCS_URL, rule_url, uri
from argmap.rules import RULES, Rule

__all__ = ["SCHEMA", "to_sarif"]

#: The schema of SARIF 2.1.0 (the OASIS standard with its errata).
SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

#: SARIF's level of each severity.
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def to_sarif(diagnostics: Sequence[Diagnostic]) -> str:
    """Return the findings as a SARIF 2.1.0 log (JSON, indented, with a final newline)."""
    index = {rule.code: number for number, rule in enumerate(RULES)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": _version(),
                        "informationUri": DOCS_URL,
                        "rules": [_descriptor(rule) for rule in RULES],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(diagnostic, index) for diagnostic in diagnostics],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.rationale}"},
        "help": {"text": rule.fix},
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(diagnostic: Diagnostic, index: dict[str, int]) -> dict[str, object]:
    result: dict[str, object] = {"ruleId": diagnostic.code}
    if diagnostic.code in index:
        result["ruleIndex"] = index[diagnostic.code]
    result["level"] = _LEVELS[diagnostic.severity]
    result["message"] = {"text": diagnostic.message}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": uri(diagnostic.file)},
                "region": {
                    "startLine": max(1, diagnostic.line),
                    "startColumn": max(1, diagnostic.column),
                },
            }
        }
    ]
    if diagnostic.node is not None:
        result["properties"] = {"node": diagnostic.node}
    return result


def _version() -> str:
    """Return the version of argmap installed."""
    # Imported here: importlib.metadata would cost every start-up of `argmap check` (with
    # the other formats) a few milliseconds.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("argmap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"
