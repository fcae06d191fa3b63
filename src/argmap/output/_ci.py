"""Formats CI systems read: ``json-lines``, ``github``, ``gitlab`` and ``junit``."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import escape_controls
from argmap.output._paths import relative_path
from argmap.output._text import by_file, lines

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

__all__ = ["fingerprint", "github", "gitlab", "json_lines", "junit"]


# -- json-lines ----------------------------------------------------------------------------------


def json_lines(diagnostics: Sequence[Diagnostic]) -> str:
    """Return one JSON object per line, with the keys of ``--output-format json``.

    The line and paragraph separators (U+2028, U+2029) are written as JSON escapes, so that no
    reader splitting lines on them cuts an object in two.
    """
    return lines(
        [
            json.dumps(diagnostic.to_dict(), ensure_ascii=False)
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
            for diagnostic in diagnostics
        ]
    )


# -- github ----------------------------------------------------------------------------------------

#: The workflow command of each severity.
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diagnostics: Sequence[Diagnostic]) -> str:
    """Return one GitHub Actions workflow command per finding, which GitHub shows as annotation.

    ``::warning file=F,line=L,col=C,title=AM004 uncited-evidence::message``, with ``error``,
    ``warning`` or ``notice`` by severity, escaped as GitHub's toolkit escapes them; other
    control characters are shown as escapes, as in every format printed for people.
    """
    return lines(
        [
            f"::{_GITHUB_COMMANDS[diagnostic.severity]} "
            f"file={_property(diagnostic.file)},line={diagnostic.line},col={diagnostic.column},"
            f"title={_property(f'{diagnostic.code} {diagnostic.name}')}::"
            f"{_data(diagnostic.message)}"
            for diagnostic in diagnostics
        ]
    )


def _data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, then the other controls."""
    return escape_controls(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    """A workflow command's property value: as a message, plus ``:`` and ``,``."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# -- gitlab ----------------------------------------------------------------------------------------

#: GitLab's code quality severity of each of argmap's.
_GITLAB_SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def gitlab(diagnostics: Sequence[Diagnostic]) -> str:
    """Return the findings as GitLab code quality issues (a subset of Code Climate's format).

    Each has a :func:`fingerprint` that stays the same while the finding does, wherever its
    line moves, so that GitLab can tell new findings from fixed ones.
    """
    seen: Counter[tuple[str, str, str | None, str]] = Counter()
    issues = []
    for diagnostic in diagnostics:
        path = relative_path(diagnostic.file)
        key = (diagnostic.code, path, diagnostic.node, diagnostic.message)
        issues.append(
            {
                "description": f"{diagnostic.code} {diagnostic.name}: {diagnostic.message}",
                "check_name": diagnostic.code,
                "fingerprint": fingerprint(diagnostic, occurrence=seen[key]),
                "severity": _GITLAB_SEVERITIES[diagnostic.severity],
                "location": {
                    "path": path,
                    "positions": {"begin": {"line": diagnostic.line, "column": diagnostic.column}},
                },
            }
        )
        seen[key] += 1
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def fingerprint(diagnostic: Diagnostic, *, occurrence: int = 0) -> str:
    """Return the SHA-256 of the finding's code, file, node, message and occurrence, in hex.

    The line is left out, so that editing above a finding keeps its fingerprint.
    ``occurrence`` tells apart findings equal in all of these (0 for the first, 1 for the
    next, in the order printed), so that no two issues of a report share a fingerprint.
    """
    key = [
        diagnostic.code,
        relative_path(diagnostic.file),
        diagnostic.node,
        diagnostic.message,
        occurrence,
    ]
    data = json.dumps(key, ensure_ascii=False).encode("utf-8", errors="surrogatepass")
    import hashlib  # noqa: PLC0415 - only gitlab's fingerprints need it (OpenSSL is slow to load)

    return hashlib.sha256(data).hexdigest()


# -- junit -----------------------------------------------------------------------------------------

_SUITE = "argmap check"


def junit(diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> str:
    """Return a JUnit XML report: one test case per checked file, a failure per finding.

    A file with no error or warning passes; ``info`` notes never fail a check, so they are
    listed in the test case's ``system-out`` instead. The files are those checked and those
    with findings (a bibliography, say), sorted; ``failures`` counts the failing test cases.
    """
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only junit writes XML

    found = {relative_path(file): group for file, group in by_file(diagnostics).items()}
    names = sorted({relative_path(file) for file in files} | set(found))
    cases = [_testcase(name, found.get(name, [])) for name in names]
    failing = sum(1 for case in cases if case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failing), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "argmap", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": _SUITE, **counts})
    suite.extend(cases)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'


def _testcase(name: str, found: Sequence[Diagnostic]) -> ET.Element:
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - imported by junit already

    case = ET.Element("testcase", {"name": _xml(name), "classname": _SUITE, "file": _xml(name)})
    notes = []
    for diagnostic in found:
        line = _xml(str(diagnostic))
        if diagnostic.severity.fails:
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "message": _xml(f"{diagnostic.code} {diagnostic.name}: {diagnostic.message}"),
                    "type": diagnostic.severity.value,
                },
            )
            failure.text = line
        else:
            notes.append(line)
    if notes:
        ET.SubElement(case, "system-out").text = "\n".join(notes)
    return case


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: control characters and non-characters shown as escapes."""
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", escape_controls(text))


#: What XML 1.0 cannot hold beside the controls: lone surrogates (from undecodable file
#: names), U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
