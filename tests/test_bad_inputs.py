"""Bad input, one table row each: argmap answers with located errors, never a traceback.

Every row writes some files into a fresh project folder (one holding ``.git``, so that the
searches for ``pyproject.toml`` and ``references.bib`` stop there) and runs the command line
on them. The row says what must come out:

- the exit status: 2 for input that cannot be read and for usage errors, 1 (or 0) for maps that
  can be read but are wrong (their findings go to standard output);
- no traceback, and for status 2 nothing on standard output and one line per problem on
  standard error, each ``file:line:col: error: message; hint`` (``argmap: error: ...`` for a
  usage error), none printed twice;
- where the first problem is, when the row can name it, and what its message says.

Most rows run ``argmap.cli.main`` in this process. Rows whose input could make argmap slow or
make it eat memory (nesting, huge numbers, macro and alias bombs, many unknown ids) run
``python -m argmap`` in a subprocess under a time limit and a limit on its address space, and
their peak memory is measured. A row with ``defect`` set shows a known defect: it is marked
``xfail(strict=True)`` with that reason, so it fails loudly once the defect is fixed and the
mark can go.

The rows that run ``argmap check`` on one map are also loaded with :func:`argmap.load`, which
must raise :class:`argmap.LoadError` with the same first problem.
"""

from __future__ import annotations

import gc
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.interchange import iccma
from argmap.interchange.argdown import parse_argdown
from argmap.interchange.dispatch import import_file

SRC = Path(argmap.__file__).resolve().parents[1]
#: ``file:line:col: error: message``, the one shape of a located problem.
LOCATED = re.compile(r"[^:\n]+:\d+:\d+: error: \S")
#: The last line argparse and argmap print for a usage error.
USAGE = re.compile(r"argmap(?: [a-z]+)?: error: \S")
#: The address space a subprocess may take: a blow-up then fails with MemoryError.
ADDRESS_SPACE = 3 * 2**29  # 1.5 GiB
#: The peak resident memory a bounded row may reach.
PEAK_MEMORY = 2**30  # 1 GiB


@dataclass(frozen=True)
class Row:
    """One bad input and what argmap must answer."""

    name: str
    files: Mapping[str, str | bytes]
    argv: tuple[str, ...]
    status: int = 2
    #: ``file:line:col`` of the first problem, when the row can name it.
    where: str | None = None
    #: Text the first error line holds (status 2), or that standard output holds (status 0, 1).
    says: str = ""
    #: How many error lines, when that matters.
    lines: int | None = None
    #: Text that must appear nowhere in the output.
    absent: str = ""
    #: A usage error (``argmap: error: ...``) rather than a located one.
    usage: bool = False
    #: Run ``python -m argmap`` in a subprocess, bounded in time and memory.
    bounded: bool = False
    seconds: float = 20.0
    #: A known defect this row shows; the row is then expected to fail.
    defect: str | None = None


def check(
    name: str, files: Mapping[str, str | bytes], *options: str, path: str = "", **expect: object
) -> Row:
    """A row running ``argmap check`` on the first file (or on ``path``)."""
    target = path or next(iter(files))
    return Row(name, files, ("check", *options, target), **expect)  # type: ignore[arg-type]


def yaml_map(name: str, text: str | bytes, **expect: object) -> Row:
    return check(name, {"m.yaml": text}, **expect)


GOOD = "nodes:\n  T1: {claim: c, thesis: true, because: E1}\n  E1: {evidence: e}\n"
CITING = (
    "nodes:\n  T1: {claim: c, thesis: true, because: E1}\n"
    "  E1: {evidence: e, cites: {key: k, page: 1}}\n"
)
ONE = "nodes:\n  T1: {claim: c, thesis: true}\n"


def _laughs() -> str:
    """Nine levels of nine aliases each: 9**9 items once expanded."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


YAML_ROWS = [
    yaml_map("yaml-syntax", "nodes:\n  T1: {claim: c\n", where="m.yaml:3:1", says="YAML syntax"),
    yaml_map(
        "yaml-tab-indent",
        "nodes:\n\tT1: {claim: c, thesis: true}\n",
        where="m.yaml:2:1",
        says="YAML syntax error: found character that cannot start any token",
    ),
    yaml_map("yaml-bom-keeps-columns", "\ufeffnodes: 3\n", where="m.yaml:1:8", says="`nodes:`"),
    yaml_map(
        "yaml-bom-is-read",
        "\ufeff" + GOOD,
        status=1,
        says="m.yaml:3:3: AM004 uncited-evidence",
    ),
    yaml_map(
        "yaml-utf16",
        GOOD.encode("utf-16"),
        where="m.yaml:1:1",
        says="not valid UTF-8 (byte 0xff)",
    ),
    yaml_map(
        "yaml-latin1",
        "nodes:\n  T1: {claim: caf\xe9, thesis: true}\n".encode("latin-1"),
        where="m.yaml:2:18",
        says="not valid UTF-8 (byte 0xe9)",
    ),
    yaml_map(
        "yaml-crlf",
        "nodes:\r\n  T1: {claim: c, thesis: maybe}\r\n",
        where="m.yaml:2:26",
        says="`thesis` must be true or false",
    ),
    yaml_map(
        "yaml-cr-only",
        "nodes:\r  T1: {claim: c, thesis: maybe}\r",
        where="m.yaml:2:26",
        says="`thesis` must be true or false",
    ),
    yaml_map(
        "yaml-line-separator",
        "nodes:\u2028  T1: {claim: c, thesis: maybe}\n",
        where="m.yaml:2:26",
    ),
    yaml_map(
        "yaml-nul",
        "nodes:\n  T1: {claim: c\x00, thesis: true}\n",
        where="m.yaml:2:16",
        says="U+0000 (NUL) is not allowed",
    ),
    yaml_map(
        "yaml-escape-character",
        "nodes:\n  T1: {claim: \x1b[31mred, thesis: true}\n",
        where="m.yaml:2:15",
        says="U+001B",
        absent="\x1b",
    ),
    yaml_map(
        "yaml-lone-surrogate-escape",
        'nodes:\n  T1: {claim: "\\ud800", thesis: true}\n',
        where="m.yaml:2:18",
        says="YAML syntax error",
    ),
    yaml_map(
        "yaml-alias",
        "nodes:\n  T1: &a {claim: c, thesis: true}\n  T2: *a\n",
        where="m.yaml:2:7",
        says="YAML aliases are not allowed",
    ),
    yaml_map(
        "yaml-undefined-alias",
        ONE + "x: *a\n",
        where="m.yaml:3:4",
        says="found undefined alias",
    ),
    yaml_map(
        "yaml-python-tag",
        "nodes:\n  T1: {claim: !!python/object:os.system c, thesis: true}\n",
        where="m.yaml:2:15",
        says="unsupported YAML tag",
    ),
    yaml_map(
        "yaml-local-tag-on-mapping",
        "nodes:\n  T1: !foo {claim: c, thesis: true}\n",
        where="m.yaml:2:7",
        says="unsupported YAML tag `!foo`",
    ),
    yaml_map(
        "yaml-merge-key",
        "nodes:\n  T1: {<<: {claim: c}, thesis: true}\n",
        where="m.yaml:2:3",
        lines=2,
        says="has no text",
    ),
    yaml_map(
        "yaml-huge-number",
        "nodes:\n  T1: {claim: c, thesis: true, at: [" + "9" * 5000 + "]}\n",
        where="m.yaml:2:37",
        says="a paragraph in `at` must be a whole number",
    ),
    yaml_map(
        "yaml-non-ascii-digits",
        "nodes:\n  T1: {claim: c, thesis: true, at: [\u0661\u0662]}\n",
        where="m.yaml:2:37",
        says="a paragraph in `at` must be a whole number",
    ),
    yaml_map(
        "yaml-float-paragraph",
        "nodes:\n  T1: {claim: c, thesis: true, at: [1e400]}\n",
        where="m.yaml:2:37",
        says="got `1e400`",
    ),
    yaml_map(
        "yaml-duplicate-id",
        "nodes:\n  T1: {claim: c, thesis: true}\n  T1: {claim: d}\n",
        where="m.yaml:3:3",
        says="duplicate key `T1` in `nodes`",
    ),
    yaml_map(
        "yaml-duplicate-key-in-node",
        "nodes:\n  T1: {claim: a, claim: b, thesis: true}\n",
        where="m.yaml:2:18",
        says="duplicate key `claim` in node `T1`",
    ),
    yaml_map("yaml-top-list", "- nodes\n- map\n", where="m.yaml:1:1", says="not a map"),
    yaml_map("yaml-top-scalar", "hello\n", where="m.yaml:1:1", says="not a map"),
    yaml_map("yaml-empty-file", "", where="m.yaml:1:1", says="not a map"),
    yaml_map(
        "yaml-two-documents",
        ONE + "---\nnodes:\n  T2: {claim: c}\n",
        where="m.yaml:3:1",
        says="but found another document",
    ),
    yaml_map(
        "yaml-billion-laughs",
        _laughs() + "nodes: *i\n",
        where="m.yaml:1:4",
        says="YAML aliases are not allowed",
        bounded=True,
    ),
    yaml_map(
        "yaml-deep-flow-nesting",
        "nodes:\n  T1: {claim: c, thesis: true, note: " + "[" * 100_000 + "]" * 100_000 + "}\n",
        says="exceeded maximum nesting depth",
        bounded=True,
    ),
    yaml_map(
        "yaml-deep-block-nesting",
        "nodes:\n  T1:\n    claim: c\n    thesis: true\n    note:\n"
        + "".join("  " * (i + 3) + "- \n" for i in range(3000)),
        says="exceeded maximum nesting depth",
        bounded=True,
    ),
    yaml_map(
        "yaml-million-digit-number",
        "nodes:\n  T1:\n    claim: c\n    thesis: true\n    at:\n      - " + "9" * 10**6 + "\n",
        where="m.yaml:6:9",
        says="a paragraph in `at` must be a whole number",
        bounded=True,
    ),
    yaml_map(
        "yaml-nul-after-300000-lines",
        ONE + "# a comment\n" * 300_000 + "  T2: {claim: \x00}\n",
        where="m.yaml:300003:15",
        says="U+0000",
        bounded=True,
    ),
    yaml_map(
        "yaml-100000-character-key",
        "nodes:\n  T" + "x" * 100_000 + ": {claim: c, thesis: true}\n",
        where="m.yaml:2:100004",
        says="YAML syntax error",
        bounded=True,
    ),
]

H = GOOD  # a thesis T1 with one reason, E1
MAP_ROWS = [
    yaml_map(
        "map-two-kinds",
        "nodes:\n  T1: {claim: c, evidence: e, thesis: true}\n",
        where="m.yaml:2:28",
        says="node `T1` has two kinds, `claim` and `evidence`",
    ),
    yaml_map(
        "map-no-text",
        "nodes:\n  T1: {thesis: true}\n",
        where="m.yaml:2:3",
        says="node `T1` has no text",
    ),
    yaml_map(
        "map-empty-text",
        "nodes:\n  T1: {claim: '', thesis: true}\n",
        where="m.yaml:2:15",
        says="the text of node `T1` is empty",
    ),
    yaml_map(
        "map-text-is-a-list",
        "nodes:\n  T1: {claim: [a, b], thesis: true}\n",
        where="m.yaml:2:15",
        says="must be text, not a list",
    ),
    yaml_map(
        "map-id-starts-with-digit",
        "nodes:\n  1T: {claim: c, thesis: true}\n",
        where="m.yaml:2:3",
        says="bad id `1T`",
    ),
    yaml_map(
        "map-id-with-space",
        "nodes:\n  'T 1': {claim: c, thesis: true}\n",
        where="m.yaml:2:3",
        says="bad id `T 1`",
    ),
    yaml_map(
        "map-id-is-a-number",
        "nodes:\n  1: {claim: c, thesis: true}\n",
        where="m.yaml:2:3",
        says="bad id `1`",
    ),
    yaml_map(
        "map-id-is-null",
        "nodes:\n  ~: {claim: c, thesis: true}\n",
        where="m.yaml:2:3",
        says="bad id",
    ),
    yaml_map(
        "map-id-with-newline",
        'nodes:\n  "T1\\n": {claim: c, thesis: true}\n',
        where="m.yaml:2:3",
        says="bad id `T1\\n`",
    ),
    yaml_map(
        "map-id-is-a-list",
        "nodes:\n  ? [a, b]\n  : {claim: c}\n",
        where="m.yaml:2:5",
        says="not a plain word",
    ),
    yaml_map(
        "map-unknown-key",
        "nodes:\n  T1: {claim: c, thesis: true, becuase: E1}\n",
        where="m.yaml:2:32",
        says="unknown key `becuase` in node `T1`; did you mean `because`?",
    ),
    yaml_map(
        "map-unknown-header-key",
        "map: {titel: x}\n" + ONE,
        where="m.yaml:1:7",
        says="did you mean `title`?",
    ),
    yaml_map("map-header-not-mapping", "map: 3\n" + ONE, where="m.yaml:1:6", says="`map:`"),
    yaml_map("map-nodes-is-a-list", "nodes: [a, b]\n", where="m.yaml:1:8", says="`nodes:`"),
    yaml_map(
        "map-node-is-text",
        "nodes:\n  T1: hello\n",
        where="m.yaml:2:7",
        says="node `T1` must be a mapping",
    ),
    yaml_map(
        "map-thesis-maybe",
        "nodes:\n  T1: {claim: c, thesis: maybe}\n",
        where="m.yaml:2:26",
        says="`thesis` must be true or false, got `maybe`",
    ),
    yaml_map(
        "map-reason-zero",
        H + "  O1: {objection: o, undercuts: T1/0}\n",
        where="m.yaml:4:33",
        says="bad reason reference `T1/0`",
    ),
    yaml_map(
        "map-reason-not-a-number",
        H + "  O1: {objection: o, undercuts: T1/x}\n",
        where="m.yaml:4:33",
        says="bad reason reference `T1/x`",
    ),
    yaml_map(
        "map-reason-5000-digits",
        H + "  O1: {objection: o, undercuts: T1/" + "9" * 5000 + "}\n",
        where="m.yaml:4:33",
        says="bad reason reference `T1/999",
    ),
    yaml_map(
        "map-reason-missing-number",
        H + "  O1: {objection: o, undercuts: T1/}\n",
        where="m.yaml:4:33",
        says="bad reason reference `T1/`",
    ),
    yaml_map(
        "map-reason-arabic-digit",
        H + "  O1: {objection: o, undercuts: T1/\u0661}\n",
        where="m.yaml:4:33",
        says="bad reason reference",
    ),
    yaml_map(
        "map-reason-superscript-digit",
        H + "  O1: {objection: o, undercuts: T1/\u00b2}\n",
        where="m.yaml:4:33",
        says="bad reason reference",
    ),
    yaml_map(
        "map-reason-that-does-not-exist",
        H + "  O1: {objection: o, undercuts: T1/2}\n",
        where="m.yaml:4:33",
        says="bad reason reference `T1/2`: `T1` has 1 reason",
    ),
    yaml_map(
        "map-undercut-without-number",
        H + "  O1: {objection: o, undercuts: T1}\n",
        where="m.yaml:4:33",
        says="bad reason reference `T1`",
    ),
    yaml_map(
        "map-attacks-a-reason",
        H + "  O1: {objection: o, attacks: T1/1}\n",
        where="m.yaml:4:31",
        says="unknown id `T1/1`",
    ),
    yaml_map(
        "map-unknown-id",
        H + "  O1: {objection: o, attacks: T2}\n",
        where="m.yaml:4:31",
        says="unknown id `T2` in `attacks` of `O1`",
    ),
    yaml_map(
        "map-unknown-ids-in-a-reason",
        "nodes:\n  T1: {claim: c, thesis: true, because: E2 + E3}\n",
        where="m.yaml:2:41",
        lines=2,
        says="unknown id `E2`",
    ),
    yaml_map(
        "map-stray-plus",
        "nodes:\n  T1:\n    claim: c\n    thesis: true\n    because:\n      - +\n",
        where="m.yaml:6:9",
        lines=2,
        says="empty id in a reason of `T1`",
    ),
    yaml_map(
        "map-quoted-stray-plus",
        "nodes:\n  T1:\n    claim: c\n    thesis: true\n    because:\n      - ' + '\n",
        where="m.yaml:6:9",
        says="empty id in a reason of `T1`",
    ),
    yaml_map(
        "map-reason-is-null",
        "nodes:\n  T1:\n    claim: c\n    thesis: true\n    because:\n",
        where="m.yaml:5:13",
        says="a reason must be text, got nothing",
    ),
    yaml_map(
        "map-nested-reason-list",
        "nodes:\n  T1: {claim: c, thesis: true, because: [[E1, E1]]}\n  E1: {evidence: e}\n",
        says="a reason must be text, got a list",
    ),
    check(
        "map-duplicate-id-across-files",
        {"a/x.yaml": ONE, "a/y.yaml": "nodes:\n  T1: {claim: d}\n"},
        path="a",
        where="a/y.yaml:2:3",
        says="duplicate id `T1` (first at a/x.yaml:2:3)",
    ),
    check(
        "map-second-header",
        {"a/x.yaml": "map: {title: a}\n" + ONE, "a/y.yaml": "map: {title: b}\nnodes: {}\n"},
        path="a",
        where="a/y.yaml:1:1",
        says="a second `map:` header (first at a/x.yaml:1:1)",
    ),
    yaml_map(
        "map-at-zero",
        "nodes:\n  T1: {claim: c, thesis: true, at: [0]}\n",
        where="m.yaml:2:37",
        says="got `0`",
    ),
    yaml_map(
        "map-at-negative",
        "nodes:\n  T1: {claim: c, thesis: true, at: -3}\n",
        where="m.yaml:2:36",
        says="got `-3`",
    ),
    yaml_map(
        "map-at-word",
        "nodes:\n  T1: {claim: c, thesis: true, at: [x]}\n",
        where="m.yaml:2:37",
        says="got `x`",
    ),
    yaml_map(
        "map-at-boolean",
        "nodes:\n  T1: {claim: c, thesis: true, at: [true]}\n",
        where="m.yaml:2:37",
        says="got `true`",
    ),
    yaml_map(
        "map-at-quoted-number",
        "nodes:\n  T1: {claim: c, thesis: true, at: ['3']}\n",
        where="m.yaml:2:37",
        says="a paragraph in `at` must be a whole number",
    ),
    yaml_map(
        "map-at-mapping",
        "nodes:\n  T1: {claim: c, thesis: true, at: {a: 1}}\n",
        where="m.yaml:2:36",
        says="got a mapping",
    ),
    yaml_map(
        "map-citation-without-key",
        "nodes:\n  T1: {claim: c, thesis: true, cites: {page: 3}}\n",
        where="m.yaml:2:39",
        says="has no `key`",
    ),
    yaml_map(
        "map-citation-two-locators",
        "nodes:\n  T1: {claim: c, thesis: true, cites: {key: k, page: 3, chapter: 2}}\n",
        where="m.yaml:2:39",
        says="several locators (`page`, `chapter`)",
    ),
    yaml_map(
        "map-citation-unknown-locator",
        "nodes:\n  T1: {claim: c, thesis: true, cites: {key: k, pgae: 3}}\n",
        where="m.yaml:2:48",
        says="did you mean `page`?",
    ),
    yaml_map(
        "map-citation-is-text",
        "nodes:\n  T1: {claim: c, thesis: true, cites: k}\n",
        where="m.yaml:2:39",
        says="must be a mapping, got `k`",
    ),
    yaml_map(
        "map-citation-key-is-a-list",
        "nodes:\n  T1: {claim: c, thesis: true, cites: {key: [a], page: 1}}\n",
        where="m.yaml:2:45",
        says="the citation key must be text",
    ),
    yaml_map(
        "map-citation-key-empty",
        "nodes:\n  T1: {claim: c, thesis: true, cites: {key: ''}}\n",
        where="m.yaml:2:45",
        says="the citation key is empty",
    ),
    yaml_map(
        "map-locator-is-a-list",
        "nodes:\n  T1: {claim: x, thesis: true, cites: {key: k, page: [1, 2]}}\n",
        where="m.yaml:2:54",
        says="locator `page` has no value",
    ),
    yaml_map(
        "map-ignore-is-a-list",
        "nodes:\n  T1: {claim: c, thesis: true, ignore: [AM001]}\n",
        where="m.yaml:2:40",
        says="must map codes to reasons",
    ),
    yaml_map(
        "map-ignore-reason-is-a-mapping",
        "nodes:\n  T1: {claim: c, thesis: true, ignore: {AM001: {a: b}}}\n",
        where="m.yaml:2:48",
        says="the reason for ignoring `AM001` must be text",
    ),
    yaml_map(
        "map-ignore-without-reason",
        "nodes:\n  T1: {claim: c, thesis: true, ignore: {AM001: ''}}\n",
        status=1,
        says="m.yaml:2:41: AM013 invalid-suppression",
    ),
    yaml_map(
        "map-ignore-unknown-rule",
        "nodes:\n  T1: {claim: c, thesis: true, ignore: {AM999: why}}\n",
        status=1,
        says="names unknown rule `AM999`",
    ),
    yaml_map(
        "map-expect-unknown-id",
        "map: {expect: {T9: in}}\n" + ONE,
        where="m.yaml:1:16",
        says="unknown id `T9` in `expect`",
    ),
    yaml_map(
        "map-expect-bad-label",
        "map: {expect: {T1: maybe}}\n" + ONE,
        where="m.yaml:1:20",
        says="bad label `maybe` for `T1`",
    ),
    yaml_map(
        "map-expect-null-label",
        "map: {expect: {T1: ~}}\n" + ONE,
        where="m.yaml:1:20",
        says="bad label",
    ),
    yaml_map(
        "map-expect-is-a-list",
        "map: {expect: [T1]}\n" + ONE,
        where="m.yaml:1:15",
        says="`expect` must map node ids to labels",
    ),
    yaml_map(
        "map-unmapped-word",
        "map: {unmapped: {x: y}}\n" + ONE,
        where="m.yaml:1:18",
        says="a paragraph in `unmapped` must be a whole number",
    ),
    yaml_map(
        "map-unmapped-is-a-list",
        "map: {unmapped: [1]}\n" + ONE,
        where="m.yaml:1:17",
        says="`unmapped` must map paragraph numbers to reasons",
    ),
    yaml_map(
        "map-analysed-is-a-list",
        "map: {analysed: [a]}\n" + ONE,
        where="m.yaml:1:17",
        says="`analysed` must be text",
    ),
    yaml_map(
        "map-title-is-a-list",
        "map: {title: [a]}\n" + ONE,
        where="m.yaml:1:14",
        says="the title must be text",
    ),
    yaml_map(
        "map-missing-bibliography",
        "map: {bibliography: nope.bib}\n" + ONE,
        where="m.yaml:1:21",
        says="bibliography `nope.bib` not found",
    ),
    yaml_map(
        "map-bibliography-name-too-long",
        "map: {bibliography: " + "a" * 300 + ".bib}\n" + ONE,
        where="m.yaml:1:21",
        says="bibliography",
    ),
    yaml_map(
        "map-no-thesis",
        "nodes:\n  T1: {claim: c}\n",
        status=1,
        says="m.yaml:1:1: AM010 no-thesis",
    ),
    yaml_map(
        "map-12000-unknown-ids",
        "nodes:\n" + "".join(f"  N{i}: {{claim: c, attacks: M{i}}}\n" for i in range(12_000)),
        where="m.yaml:2:27",
        says="unknown id `M0`",
        lines=12_000,
        bounded=True,
        seconds=15,
    ),
    yaml_map(
        "map-3000-near-miss-ids",
        "nodes:\n" + "".join(f"  N{i}: {{claim: c, attacks: N{i}x}}\n" for i in range(3000)),
        where="m.yaml:2:27",
        says="unknown id `N0x` in `attacks` of `N0`; did you mean `N0`?",
        lines=3000,
        bounded=True,
        seconds=15,
    ),
]

BIB_ROWS = [
    check(
        "bib-unclosed-entry",
        {"m.yaml": CITING, "references.bib": "@book{k, title = {A}\n"},
        status=1,
        says="references.bib:1:1: AM014 invalid-bibliography-entry: cannot parse `@book` entry",
    ),
    check(
        "bib-unreadable-entry-is-not-a-missing-bibliography",
        {"m.yaml": CITING, "references.bib": "@book{k, title = {A}\n"},
        status=1,
        says="no entry of `references.bib` could be read: fix the entries AM014 reports",
        absent="no bibliography was found",
    ),
    check(
        "bib-bad-utf8",
        {"m.yaml": CITING, "references.bib": b"@book{k, title = {A\xff}}\n"},
        where="references.bib:1:20",
        says="not valid UTF-8 (byte 0xff)",
    ),
    check(
        "bib-utf16",
        {"m.yaml": CITING, "references.bib": "@book{k, title = {A}}\n".encode("utf-16")},
        where="references.bib:1:1",
        says="not valid UTF-8",
    ),
    check(
        "bib-crossref-cycle",
        {
            "m.yaml": CITING,
            "references.bib": "@book{k, title = {A}, crossref = {j}}\n"
            "@book{j, title = {B}, crossref = {k}}\n",
        },
        status=1,
        says="AM014 invalid-bibliography-entry: crossref cycle `k` -> `j` -> `k`",
    ),
    check(
        "bib-crossref-to-itself",
        {"m.yaml": CITING, "references.bib": "@book{k, title = {A}, crossref = {k}}\n"},
        status=1,
        says="crossref cycle `k` -> `k`",
    ),
    check(
        "bib-duplicate-key",
        {"m.yaml": CITING, "references.bib": "@book{k, title = {A}}\n@book{k, title = {B}}\n"},
        status=1,
        says="references.bib:2:1: AM014 invalid-bibliography-entry: duplicate key `k`",
    ),
    check(
        "bib-string-macro-using-itself",
        {"m.yaml": CITING, "references.bib": "@string{a = a # a}\n@book{k, title = a}\n"},
        status=1,
        says="@string `a` uses the undefined @string `a`",
    ),
    check(
        "bib-doubling-string-macros",
        {
            "m.yaml": CITING,
            "references.bib": '@string{s0 = "ab"}\n'
            + "".join(f"@string{{s{i + 1} = s{i} # s{i}}}\n" for i in range(39))
            + "@book{k, title = s39}\n",
        },
        status=1,
        says="references.bib:21:1: AM014 invalid-bibliography-entry: @string `s20` is longer",
        bounded=True,
    ),
    check(
        "bib-100000-nested-braces",
        {
            "m.yaml": CITING,
            "references.bib": "@book{k, title = {" + "{" * 10**5 + "}" * 10**5 + "}}\n",
        },
        status=0,
        says="No problems found.",
        bounded=True,
    ),
    check(
        "bib-200000-at-signs",
        {"m.yaml": CITING, "references.bib": "@" * 200_000},
        status=1,
        says="AM005 unknown-source",
        bounded=True,
    ),
    check(
        "bib-3000-near-miss-keys",
        {
            "m.yaml": "nodes:\n  T1: {claim: c, thesis: true, because: E0}\n"
            + "".join(
                f"  E{i}: {{evidence: e, cites: {{key: k{i}x, page: 1}}}}\n" for i in range(3000)
            ),
            "references.bib": "".join(f"@misc{{k{i}, title = {{t}}}}\n" for i in range(3000)),
        },
        "--select",
        "AM005",
        status=1,
        says="cites unknown source `k0x`; did you mean `k0`?",
        bounded=True,
        seconds=15,
    ),
]


def aif(*nodes: str, edges: Sequence[str] = (), extra: str = "") -> str:
    return f'{{"nodes": [{", ".join(nodes)}], "edges": [{", ".join(edges)}]{extra}}}'


def aif_row(name: str, text: str | bytes, **expect: object) -> Row:
    return check(name, {"m.json": text}, **expect)


NODE = '{"nodeID": "1", "text": "t", "type": "I"}'


def i_node(argmap_block: str) -> str:
    return '{"nodeID": "1", "text": "t", "type": "I", "argmap": ' + argmap_block + "}"


AIF_ROWS = [
    aif_row("aif-syntax", '{"nodes": [', where="m.json:1:12", says="not valid JSON"),
    aif_row(
        "aif-duplicate-key",
        '{"nodes": [{"nodeID": "1", "nodeID": "2", "text": "t", "type": "I"}], "edges": []}',
        where="m.json:1:28",
        says="duplicate key `nodeID` (first at line 1, column 13)",
    ),
    aif_row(
        "aif-5000-digit-node-id",
        aif('{"nodeID": ' + "9" * 5000 + ', "text": "t", "type": "I"}'),
        where="m.json:1:23",
        says="a number of 5000 digits is too long to read",
    ),
    aif_row(
        "aif-nesting-50000-deep",
        aif(NODE, extra=', "x": ' + "[" * 50_000 + "]" * 50_000),
        where="m.json:1:173",
        says="JSON nested more than 100 levels deep",
        bounded=True,
    ),
    aif_row(
        "aif-objects-nested-50000-deep",
        aif(NODE, extra=', "x": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000),
        says="JSON nested more than 100 levels deep",
        bounded=True,
    ),
    aif_row(
        "aif-argmap-unknown-kind",
        aif(i_node('{"kind": "claym"}')),
        where="m.json:1:73",
        says="unknown kind `claym` in the `argmap` object of node 1; did you mean `claim`?",
    ),
    aif_row(
        "aif-argmap-not-an-object",
        aif(i_node("3")),
        where="m.json:1:64",
        says="the `argmap` object of node 1 must be an object",
    ),
    aif_row(
        "aif-argmap-thesis-text",
        aif(i_node('{"kind": "claim", "thesis": "yes"}')),
        where="m.json:1:92",
        says="`thesis` in the `argmap` object of node 1 must be true or false",
    ),
    aif_row(
        "aif-argmap-bad-paragraphs",
        aif(i_node('{"kind": "claim", "at": [0, "x", 1e999]}')),
        where="m.json:1:89",
        lines=3,
        says="a paragraph in `at` of the `argmap` object of node 1",
    ),
    aif_row(
        "aif-argmap-citation-without-key",
        aif(i_node('{"kind": "claim", "cites": [{"page": 1}]}')),
        where="m.json:1:92",
        says="has no `key`",
    ),
    aif_row(
        "aif-argmap-unknown-key",
        aif(i_node('{"kind": "claim", "bogus": 1}')),
        where="m.json:1:82",
        says="unknown key `bogus` in the `argmap` object of node 1",
    ),
    aif_row(
        "aif-argmap-header-wrong",
        aif(NODE, extra=', "argmap": {"title": 3, "expect": {"Z": "maybe"}}'),
        where="m.json:1:89",
        lines=2,
        says="`title` in the map's `argmap` header must be text",
    ),
    aif_row(
        "aif-argmap-header-is-a-list",
        aif(NODE, extra=', "argmap": []'),
        where="m.json:1:79",
        says="the map's `argmap` header must be an object",
    ),
    aif_row(
        "aif-edge-to-unknown-node",
        aif(NODE, edges=['{"edgeID": "1", "fromID": "1", "toID": "99"}']),
        where="m.json:1:66",
        says="edge 1 goes to node 99, which does not exist",
    ),
    aif_row(
        "aif-text-is-a-number",
        aif('{"nodeID": "1", "text": 3, "type": "I"}'),
        where="m.json:1:12",
        says="node 1 has a `text` that is a number",
    ),
    aif_row(
        "aif-nul-in-a-string",
        aif('{"nodeID": "1", "text": "t\x00", "type": "I"}'),
        where="m.json:1:38",
        says="Invalid control character",
    ),
    aif_row(
        "aif-trailing-garbage",
        aif(NODE) + " garbage",
        where="m.json:1:69",
        says="Extra data",
    ),
    aif_row("aif-empty-file", "", where="m.json:1:1", says="not a map"),
    aif_row(
        "aif-utf16",
        aif(NODE).encode("utf-16"),
        where="m.json:1:1",
        says="not valid UTF-8",
    ),
]


def argdown_row(name: str, text: str | bytes, **expect: object) -> Row:
    return check(name, {"m.argdown": text}, **expect)


NO_NODE = "AM010 no-thesis: the map has no node"
ARGDOWN_ROWS = [
    argdown_row(
        "argdown-3000-levels-of-indentation",
        "[A]: a\n" + "".join("  " * (i + 1) + f"+ [B{i}]: b\n" for i in range(3000)),
        status=1,  # the one finding: the deepest premise cites no work
        says="AM019 uncited-premise: premise `B2999`",
        bounded=True,
    ),
    argdown_row(
        "argdown-20000-comment-openings", "<!--" * 20_000, status=1, says=NO_NODE, bounded=True
    ),
    argdown_row(
        "argdown-20000-block-comment-openings",
        "[A]: a\n" + "/*" * 20_000,
        status=1,
        says="AM010 no-thesis",
        bounded=True,
    ),
    argdown_row("argdown-200000-brackets", "[" * 200_000, status=1, says=NO_NODE, bounded=True),
    argdown_row("argdown-200000-angles", "<" * 200_000, status=1, says=NO_NODE, bounded=True),
    argdown_row(
        "argdown-200000-open-braces",
        "[A]: a {" + "{" * 200_000,
        status=1,
        says="AM010 no-thesis",
        bounded=True,
    ),
    argdown_row(
        "argdown-data-nested-2000-deep",
        "[A]: a " + "{" * 2000 + "}" * 2000,
        where="m.argdown:1:108",
        says="data nested more than 100 levels deep",
    ),
    argdown_row(
        "argdown-at-5000-digits",
        '[A]: a #claim {"at": [' + "9" * 5000 + "]}\n",
        where="m.argdown:1:23",
        says="(5000 characters) is too long to read",
    ),
    argdown_row(
        "argdown-at-100000-digits",
        "[A]: a {at: [" + "9" * 100_000 + "]}\n",
        where="m.argdown:1:14",
        says="(100000 characters) is too long to read",
        bounded=True,
    ),
    argdown_row(
        "argdown-front-matter-expect",
        "===\nargmap: {expect: {Z: maybe}}\n===\n[A]: a\n",
        where="m.argdown:2:22",
        says="bad label `maybe` for `Z`",
    ),
    argdown_row(
        "argdown-front-matter-not-yaml",
        "===\nargmap: {expect: {A: in}\n===\n\n[A]: a #thesis\n",
        where="m.argdown:",
        says="the front matter between the `===` lines is not YAML",
    ),
    argdown_row(
        "argdown-front-matter-alias",
        "===\na: &a [1]\nb: *a\n===\n[A]: a\n",
        says="YAML aliases are not allowed",
    ),
    argdown_row(
        "argdown-front-matter-aliases-in-a-list",
        "===\na: &a [1]\nb: [*a, *a, *a]\n===\n[A]: a\n",
        says="YAML aliases are not allowed",
    ),
    argdown_row(
        "argdown-front-matter-billion-laughs",
        "===\n" + _laughs() + "===\n[A]: a\n",
        says="YAML aliases are not allowed",
        bounded=True,
    ),
    argdown_row(
        "argdown-inference-line-missing",
        "<A>\n\n(1) x\n(2) y\n",
        where="m.argdown:3:1",
        says="has no inference line",
    ),
    argdown_row(
        "argdown-include-not-found",
        '[A]: a\n\n@import "nope.argdown"\n',
        where="m.argdown:3:1",
        says="included file `nope.argdown` not found",
    ),
    argdown_row(
        "argdown-include-outside-folder",
        '[A]: a\n\n@import "../outside.argdown"\n',
        where="m.argdown:3:1",
        says="is outside the document's folder",
    ),
    argdown_row(
        "argdown-include-name-too-long",
        '[A]: a\n\n@import "' + "a" * 300 + '.argdown"\n',
        where="m.argdown:3:1",
        says="included file",
    ),
    argdown_row("argdown-bad-utf8", b"[A]: \xff\n", where="m.argdown:1:6", says="not valid UTF-8"),
    argdown_row(
        "argdown-utf16",
        "[A]: a\n".encode("utf-16"),
        where="m.argdown:1:1",
        says="not valid UTF-8",
    ),
    argdown_row(
        "argdown-15000-supports-of-one-statement",
        "[A]: a #thesis\n" + "".join(f"  + [B{i}]: b\n" for i in range(15_000)),
        status=1,  # each premise cites no work (AM019)
        says="Found 15000 problems (15000 warnings).",
        bounded=True,
        seconds=5,
    ),
]


def map_json(**top: object) -> str:
    data: dict[str, object] = {
        "format": "argmap",
        "version": 1,
        "nodes": [{"id": "T1", "kind": "claim", "text": "c", "thesis": True}],
    }
    data.update(top)
    return json.dumps(data)


def node(**fields: object) -> dict[str, object]:
    return {"id": "T1", "kind": "claim", "text": "c", "thesis": True, **fields}


OBJECTION = {"id": "O1", "kind": "objection", "text": "o"}
JSON_ROWS = [
    aif_row(
        "json-newer-version",
        map_json(version=99),
        where="m.json:1:33",
        says="argmap JSON version 99 is newer than this argmap reads",
    ),
    aif_row("json-version-text", map_json(version="1"), where="m.json:1:33", says="`version`"),
    aif_row(
        "json-version-5000-digits",
        map_json().replace('"version": 1', '"version": ' + "9" * 5000),
        where="m.json:1:33",
        says="a number of 5000 digits is too long to read",
    ),
    aif_row(
        "json-nodes-is-an-object",
        map_json(nodes={}),
        where="m.json:1:45",
        says="`nodes` of the map must be a list",
    ),
    aif_row(
        "json-duplicate-id",
        map_json(nodes=[node(), node()]),
        where="m.json:1:113",
        says="duplicate id `T1` (first at m.json:1:53)",
    ),
    aif_row(
        "json-unknown-kind",
        map_json(nodes=[node(kind="claym")]),
        where="m.json:1:67",
        says="did you mean `claim`?",
    ),
    aif_row(
        "json-unknown-premise",
        map_json(nodes=[node(reasons=[{"premises": ["X"]}])]),
        where="m.json:1:131",
        says="unknown id `X` in a reason of node `T1`",
    ),
    aif_row(
        "json-reason-zero",
        map_json(nodes=[node(), {**OBJECTION, "attacks": [{"target": "T1", "reason": 0}]}]),
        where="m.json:1:192",
        says="`reason` must be a whole number from 1, got 0",
    ),
    aif_row(
        "json-reason-that-does-not-exist",
        map_json(nodes=[node(), {**OBJECTION, "attacks": [{"target": "T1", "reason": 5}]}]),
        where="m.json:1:176",
        says="bad reason reference `T1/5`",
    ),
    aif_row(
        "json-bad-paragraphs",
        map_json(nodes=[node(at=[0, -1, "x", 1.5, True])]),
        where="m.json:1:112",
        lines=5,
        says="a paragraph in `at` of node `T1` must be a whole number from 1, got 0",
    ),
    aif_row(
        "json-bad-locator",
        map_json(
            nodes=[node(citations=[{"key": "k", "locator": {"label": "pgae", "value": "1"}}])]
        ),
        where="m.json:1:153",
        says="did you mean `page`?",
    ),
    aif_row(
        "json-unmapped-5000-digits",
        map_json(unmapped={"9" * 5000: "z"}),
        where="m.json:1:120",
        says="has 5000 digits, too many to read",
    ),
    aif_row(
        "json-unknown-top-key",
        map_json(bogus=1),
        where="m.json:1:107",
        says="unknown key `bogus` in the map",
    ),
    aif_row(
        "json-duplicate-key",
        '{"format": "argmap", "format": "argmap", "version": 1, "nodes": []}',
        where="m.json:1:22",
        says="duplicate key `format`",
    ),
    *(
        aif_row(
            f"json-source-fields-{name}",
            map_json(sources={"k": {"key": "k", "entry_type": "book", "fields": fields}}),
            where="m.json:1:",
            says="`fields` of source `k` must map field names to text",
        )
        for name, fields in (("null", None), ("list", ["a"]), ("number", 3))
    ),
    aif_row(
        "json-nesting-50000-deep",
        '{"format": "argmap", "version": 1, "title": '
        + "[" * 50_000
        + "]" * 50_000
        + ', "nodes": []}',
        where="m.json:1:144",
        says="JSON nested more than 100 levels deep",
        bounded=True,
    ),
    aif_row(
        "json-8000-unknown-ids",
        map_json(
            nodes=[node()]
            + [
                {"id": f"N{i}", "kind": "claim", "text": "c", "attacks": [{"target": f"M{i}"}]}
                for i in range(8000)
            ]
        ),
        says="unknown id `M0` in an attack of node `N0`",
        lines=8000,
        bounded=True,
        seconds=15,
    ),
]


def solve(name: str, file: str, text: str | bytes, *options: str, **expect: object) -> Row:
    return Row(name, {file: text}, ("solve", file, *options), **expect)  # type: ignore[arg-type]


ICCMA_ROWS = [
    solve(
        "iccma-header-5000-digits",
        "x.af",
        "p af " + "9" * 5000 + "\n",
        where="x.af:1:1",
        says="(5,000 digits) arguments, over argmap's limit",
    ),
    solve(
        "iccma-attack-5000-digits",
        "x.af",
        "p af 3\n1 " + "9" * 5000 + "\n",
        where="x.af:2:3",
        says="(5,000 digits) is out of range",
    ),
    solve(
        "iccma-100-million-arguments",
        "x.af",
        "p af 100000000\n1 2\n",
        where="x.af:1:1",
        says="the header declares 100000000 arguments, over argmap's limit",
        bounded=True,
    ),
    solve(
        "iccma-argument-out-of-range",
        "x.af",
        "p af 3\n1 4\n",
        where="x.af:2:3",
        says="argument 4 is out of range",
    ),
    solve("iccma-argument-zero", "x.af", "p af 3\n0 1\n", where="x.af:2:1", says="argument 0"),
    solve("iccma-argument-negative", "x.af", "p af 3\n-1 1\n", where="x.af:2:1", says="`-1`"),
    solve("iccma-no-header", "x.af", "1 2\n", where="x.af:1:1", says="expected the header"),
    solve("iccma-two-headers", "x.af", "p af 3\np af 3\n", where="x.af:2:1", says="second header"),
    solve("iccma-header-word", "x.af", "p af x\n", where="x.af:1:1", says="bad header `p af x`"),
    solve("iccma-header-negative", "x.af", "p af -3\n", where="x.af:1:1", says="bad header"),
    solve(
        "iccma-header-arabic-digit",
        "x.af",
        "p af \u0663\n",
        where="x.af:1:1",
        says="bad header",
    ),
    solve("iccma-three-numbers", "x.af", "p af 3\n1 2 3\n", where="x.af:2:1", says="`1 2 3`"),
    solve("iccma-bad-utf8", "x.af", b"p af 3\n1 \xff\n", where="x.af:2:3", says="not valid UTF-8"),
    solve("iccma-nul", "x.af", "p af 3\n1\x002\n", where="x.af:2:1", says="1\\x002"),
    solve("iccma-empty", "x.af", "", where="x.af:1:1", says="missing the header `p af N`"),
    solve(
        "iccma-200000-repeated-attacks",
        "x.af",
        "p af 2\n" + "1 2\n" * 200_000,
        status=0,
        says="w 1",
        bounded=True,
    ),
    solve(
        "apx-undeclared-argument",
        "x.apx",
        "arg(a).\natt(a,b).\n",
        where="x.apx:2:1",
        says="names `b`, which no `arg(b).` declares",
    ),
    solve("apx-garbage", "x.apx", "arg(a).\nhello\n", where="x.apx:2:1", says="found `hello`"),
    solve("tgf-unknown-argument", "x.tgf", "1\n#\n1 2\n", where="x.tgf:3:3", says="`2`"),
    solve("dl-missing-period", "x.dl", "arg(a)\n", where="x.dl:1:1", says="missing `.`"),
    Row("solve-missing-file", {}, ("solve", "nope.af"), where="nope.af:1:1", says="cannot read"),
    Row("solve-folder", {"d/x": ""}, ("solve", "d"), where="d:1:1", says="is a directory"),
    solve("solve-unknown-task", "x.af", "p af 2\n1 2\n", "-p", "XX-YY", usage=True, says="task"),
    solve(
        "solve-query-missing",
        "x.af",
        "p af 2\n1 2\n",
        "-p",
        "DC-GR",
        usage=True,
        says="task DC-GR needs a query argument",
    ),
    solve(
        "solve-query-unknown",
        "x.af",
        "p af 2\n1 2\n",
        "-p",
        "DC-GR",
        "-a",
        "7",
        usage=True,
        says="no argument `7`",
    ),
]


def settings_row(name: str, toml: str | bytes, **expect: object) -> Row:
    return check(name, {"m.yaml": GOOD, "pyproject.toml": toml}, path="m.yaml", **expect)


SETTINGS_ROWS = [
    settings_row(
        "toml-syntax",
        "[tool.argmap\nselect = 1\n",
        where="pyproject.toml:1:13",
        says="Expected ']'",
    ),
    settings_row(
        "toml-select-text",
        '[tool.argmap]\nselect = "AM001"\n',
        where="pyproject.toml:2:1",
        says="`select` must be a list of rule codes, not a string",
    ),
    settings_row(
        "toml-select-numbers",
        "[tool.argmap]\nselect = [1, 2]\n",
        where="pyproject.toml:2:1",
        says="`select` must be a list of rule codes",
    ),
    settings_row(
        "toml-select-unknown-rule",
        '[tool.argmap]\nselect = ["AM999"]\n',
        where="pyproject.toml:2:1",
        says="unknown rule `AM999` in `select`",
    ),
    settings_row(
        "toml-select-a-date",
        "[tool.argmap]\nselect = 1979-05-27T07:32:00Z\n",
        where="pyproject.toml:2:1",
        says="not a date or time",
    ),
    settings_row(
        "toml-bad-severity",
        '[tool.argmap.severity]\nAM004 = "fatal"\n',
        where="pyproject.toml:2:1",
        says="bad severity `fatal` for `AM004`",
    ),
    settings_row(
        "toml-severity-is-a-list",
        "[tool.argmap]\nseverity = [1]\n",
        where="pyproject.toml:2:1",
        says="`severity` must map rule codes to levels",
    ),
    settings_row(
        "toml-unknown-setting",
        "[tool.argmap]\nselekt = []\n",
        where="pyproject.toml:2:1",
        says="did you mean `select`?",
    ),
    settings_row(
        "toml-argmap-is-a-number",
        "[tool]\nargmap = 3\n",
        where="pyproject.toml:2:1",
        says="[tool.argmap] must be a table of settings, not a number",
    ),
    settings_row(
        "toml-tool-is-a-number",
        "tool = 3\n",
        where="pyproject.toml:1:1",
        says="`tool` must be a table",
    ),
    settings_row(
        "toml-argmap-array-of-tables",
        "[[tool.argmap]]\nselect = []\n",
        where="pyproject.toml:1:1",
        says="not an array of tables",
    ),
    settings_row(
        "toml-table-twice",
        "[tool.argmap]\nselect=[]\n[tool.argmap]\nignore=[]\n",
        where="pyproject.toml:3:13",
        says="Cannot declare ('tool', 'argmap') twice",
    ),
    settings_row(
        "toml-exclude-text",
        '[tool.argmap]\nexclude = "drafts/"\n',
        where="pyproject.toml:2:1",
        says="`exclude` must be a list of gitignore-style patterns",
    ),
    settings_row(
        "toml-include-numbers",
        "[tool.argmap]\ninclude = [1]\n",
        where="pyproject.toml:2:1",
        says="`include` must be a list",
    ),
    settings_row(
        "toml-bad-utf8",
        b'[tool.argmap]\nselect = ["\xff"]\n',
        where="pyproject.toml:2:12",
        says="not valid UTF-8",
    ),
    settings_row(
        "toml-nul",
        '[tool.argmap]\nselect = ["\x00"]\n',
        where="pyproject.toml:2:12",
        says="Illegal character",
    ),
    settings_row(
        "toml-5000-digit-number",
        "[tool.argmap]\nselect = [" + "9" * 5000 + "]\n",
        where="pyproject.toml:2:",
    ),
    settings_row(
        "toml-bom-before-the-table",
        '\ufeff[tool.argmap]\nselect = ["AM001"]\n',
        status=0,
        says="No problems found.",
    ),
    settings_row(
        "toml-arrays-nested-5000-deep",
        "[tool.argmap]\nselect = " + "[" * 5000 + "]" * 5000 + "\n",
        where="pyproject.toml:2:1",
        says="a value is nested too deeply",
        bounded=True,
    ),
    settings_row(
        "toml-tables-nested-5000-deep",
        "[tool.argmap]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
        where="pyproject.toml:2:1",
        says="a value is nested too deeply",
        bounded=True,
    ),
    settings_row(
        "toml-dotted-key-of-20000-parts",
        "[tool.argmap]\n" + ".".join(["a"] * 20_000) + " = 1\n",
        where="pyproject.toml:2:1",
        says="a key of 20,000 dotted parts is too long to read",
        bounded=True,
    ),
    settings_row(
        "toml-table-header-of-20000-parts",
        "[tool.argmap." + ".".join(["a"] * 20_000) + "]\n",
        where="pyproject.toml:1:1",
        says="a key of 20,002 dotted parts is too long to read",
        bounded=True,
    ),
]

FOLDER = {"m.yaml": GOOD, "out/.keep": "", "bad.txt": b"\xff\xfe"}


def cli(name: str, *argv: str, **expect: object) -> Row:
    return Row(name, FOLDER, argv, **expect)  # type: ignore[arg-type]


CLI_ROWS = [
    cli("cli-no-command", usage=True, says="the following arguments are required"),
    cli("cli-unknown-command", "frobnicate", usage=True, says="invalid choice: 'frobnicate'"),
    cli("cli-unknown-option", "check", "--frob", "m.yaml", usage=True, says="--frob"),
    cli("cli-select-comma", "check", "--select", ",", "m.yaml", usage=True, says="names no rule"),
    cli("cli-ignore-blank", "check", "--ignore", " , ", "m.yaml", usage=True, says="no rule"),
    cli("cli-select-unknown", "check", "--select", "AM999", "m.yaml", usage=True, says="AM999"),
    cli("cli-bad-format", "check", "--format", "xml", "m.yaml", usage=True, says="'xml'"),
    cli("cli-missing-file", "check", "nope.yaml", where="nope.yaml:1:1", says="no such file"),
    cli("cli-missing-folder", "check", "nope/", where="nope:1:1", says="no such file or folder"),
    cli("cli-stdin-beside-a-path", "check", "-", "m.yaml", usage=True, says="beside other"),
    cli("cli-jobs-zero", "check", "--jobs", "0", "m.yaml", usage=True, says="number from 1"),
    cli("cli-abbreviated-option", "check", "--sel", "AM001", usage=True, says="`--select`"),
    cli("cli-render-into-folder", "render", "m.yaml", "-o", "out", usage=True, says="is a folder"),
    cli("cli-render-into-slash", "render", "m.yaml", "-o", "out/", usage=True, says="a folder"),
    cli("cli-render-bmp", "render", "m.yaml", "-o", "x.bmp", usage=True, says="suffix `.bmp`"),
    cli("cli-render-over-input", "render", "m.yaml", "-o", "m.yaml", usage=True, says="refusing"),
    cli(
        "cli-render-into-missing-folder",
        "render",
        "m.yaml",
        "-o",
        "no/such/x.dot",
        usage=True,
        says="does not exist",
    ),
    cli("cli-render-depth", "render", "m.yaml", "-o", "x.dot", "--depth", "-1", usage=True),
    cli("cli-render-focus", "render", "m.yaml", "-o", "x.dot", "--focus", "T9", usage=True),
    cli("cli-export-into-folder", "export", "m.yaml", "--to", "json", "-o", "out", usage=True),
    cli("cli-export-over-input", "export", "m.yaml", "--to", "json", "-o", "m.yaml", usage=True),
    cli("cli-export-to-xml", "export", "m.yaml", "--to", "xml", usage=True, says="'xml'"),
    cli("cli-import-missing", "import", "nope.json", "-o", "out", where="nope.json:1:1"),
    cli("cli-import-yaml", "import", "m.yaml", "-o", "out", where="m.yaml:1:1", says="neither"),
    cli(
        "cli-import-name-too-long",
        "import",
        "a" * 300 + ".json",
        "-o",
        "out",
        where="a" * 300 + ".json:1:1",
    ),
    cli("cli-trace-unknown-node", "trace", "m.yaml", "T9", usage=True, says="unknown node `T9`"),
    cli("cli-trace-too-many", "trace", "a", "b", "c", usage=True, says="too many arguments"),
    cli("cli-trace-unknown-source", "trace", "m.yaml", "--source", "zz", usage=True, says="`zz`"),
    cli("cli-text-missing", "check", "m.yaml", "--text", "nope.txt", where="nope.txt:1:1"),
    cli("cli-text-is-a-folder", "check", "m.yaml", "--text", "out", where="out:1:1"),
    cli("cli-text-bad-utf8", "check", "m.yaml", "--text", "bad.txt", where="bad.txt:1:1"),
    cli("cli-rule-unknown", "rule", "AM999", usage=True, says="did you mean `AM019`?"),
    cli(
        "cli-escape-in-path",
        "check",
        "no\x1b[31mpe.yaml",
        where="no\\x1b[31mpe.yaml:1:1",
        absent="\x1b",
    ),
    cli("cli-status-missing", "status", "nope", where="nope:1:1"),
    cli("cli-sources-missing", "sources", "nope", where="nope:1:1"),
]

ROWS = [
    *YAML_ROWS,
    *MAP_ROWS,
    *BIB_ROWS,
    *AIF_ROWS,
    *ARGDOWN_ROWS,
    *JSON_ROWS,
    *ICCMA_ROWS,
    *SETTINGS_ROWS,
    *CLI_ROWS,
]


def params(rows: Sequence[Row]) -> list[object]:
    marks = {
        row.name: [pytest.mark.xfail(strict=True, reason=row.defect)] if row.defect else []
        for row in rows
    }
    return [pytest.param(row, id=row.name, marks=marks[row.name]) for row in rows]


def test_row_names_are_unique() -> None:
    names = [row.name for row in ROWS]
    assert len(names) == len(set(names))


# -- running a row -------------------------------------------------------------------------------


@dataclass
class Outcome:
    status: int | None
    out: str
    err: str
    seconds: float = 0.0
    peak_kib: int = 0


def write(folder: Path, files: Mapping[str, str | bytes]) -> None:
    (folder / ".git").mkdir()
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def run_in_process(
    row: Row, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Outcome:
    monkeypatch.chdir(folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / ".user-cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    for name in [name for name in os.environ if name.startswith("ARGMAP_")]:
        monkeypatch.delenv(name)
    collecting = gc.isenabled()
    crash = ""
    try:
        status: int | None = main(list(row.argv))
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code if isinstance(exc.code, int) else None
    except Exception:  # noqa: BLE001 - a crash is what the row looks for
        status, crash = None, traceback.format_exc()
    finally:
        if collecting:
            gc.enable()  # main() pauses the collector for its own short-lived process
    out, err = capsys.readouterr()
    return Outcome(status, out, err + crash)


def run_bounded(row: Row, folder: Path) -> Outcome:
    """Run ``python -m argmap`` with the row's arguments; measure its time and peak memory.

    The peak is the child's ``ru_maxrss``, which on Linux starts from this process's resident
    size at the fork: a bound on the command's own memory, not an exact figure.
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith("ARGMAP_")}
    env |= {
        "PYTHONPATH": str(SRC),
        "XDG_CACHE_HOME": str(folder / ".user-cache"),
        "NO_COLOR": "1",
    }

    def limit_memory() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, hard))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", *row.argv],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=limit_memory,  # noqa: PLW1509 - it only sets the child's own limit
        )
        timer = threading.Timer(row.seconds, process.kill)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped by wait4
        out.seek(0)
        err.seek(0)
        output = out.read().decode("utf-8", "replace")
        errors = err.read().decode("utf-8", "replace")
    if seconds >= row.seconds:
        pytest.fail(f"argmap {' '.join(row.argv)[:80]} took more than {row.seconds} s; killed")
    return Outcome(process.returncode, output, errors, seconds, usage.ru_maxrss)


def assert_outcome(row: Row, outcome: Outcome) -> None:
    shown = f"status {outcome.status}, stderr:\n{outcome.err[:3000]}\nstdout:\n{outcome.out[:1000]}"
    assert "Traceback" not in outcome.err, shown
    assert outcome.status == row.status, shown
    if row.absent:
        assert row.absent not in outcome.err + outcome.out, shown
    if row.status != 2:
        assert outcome.err == "", shown
        assert row.says in outcome.out, shown
        findings = outcome.out.splitlines()
        assert len(findings) == len(set(findings)), f"a finding printed twice: {shown}"
        return
    assert outcome.out == "", shown
    lines = outcome.err.splitlines()
    assert lines, shown
    if row.usage:
        error = lines[-1]
        assert lines[0].startswith("usage: ") or len(lines) == 1, shown
        assert USAGE.match(error), shown
        assert row.says in error, shown
        return
    assert len(lines) == len(set(lines)), f"a problem printed twice: {shown}"
    for line in lines:
        assert LOCATED.match(line), f"not a located error line: {line[:300]!r}\n{shown}"
    if row.where is not None:
        assert lines[0].startswith(row.where), shown
        if row.where.count(":") == 2 and not row.where.endswith(":"):
            assert lines[0].startswith(f"{row.where}: error: "), shown
    assert row.says in lines[0], shown
    if row.lines is not None:
        assert len(lines) == row.lines, shown


@pytest.mark.parametrize("row", params([row for row in ROWS if not row.bounded]))
def test_bad_input(
    row: Row,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(tmp_path, row.files)
    assert_outcome(row, run_in_process(row, tmp_path, monkeypatch, capsys))


@pytest.mark.parametrize("row", params([row for row in ROWS if row.bounded]))
def test_bad_input_bounded(row: Row, tmp_path: Path) -> None:
    write(tmp_path, row.files)
    outcome = run_bounded(row, tmp_path)
    assert outcome.peak_kib * 1024 < PEAK_MEMORY, f"peak memory {outcome.peak_kib // 1024} MiB"
    assert_outcome(row, outcome)


# -- the library gives the same errors ---------------------------------------------------------


def _library_rows() -> list[Row]:
    """Rows of ``argmap check PATH`` that fail to load, small enough to load in this process."""
    return [
        row
        for row in ROWS
        if not row.bounded
        and not row.usage
        and len(row.argv) == 2
        and row.argv[0] == "check"
        and row.files
        and row.status == 2
    ]


@pytest.mark.parametrize("row", params(_library_rows()))
def test_load_raises_the_same_load_error(
    row: Row, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, row.files)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".user-cache"))
    with pytest.raises(argmap.LoadError) as caught:
        argmap.load(row.argv[1])
    errors = caught.value.errors
    assert errors
    assert len(set(errors)) == len(errors), "a problem reported twice"
    assert isinstance(caught.value, argmap.ArgmapError)
    for error in errors:
        assert error.line >= 1
        assert error.column >= 1
        assert "\n" not in str(error)
    first = str(errors[0])
    if row.where is not None:
        assert first.startswith(row.where)
    assert row.says in first


# -- library entry points that must not let OSError through -----------------------------------


def test_parse_argdown_include_of_a_too_long_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = '[A]: a\n\n@import "' + "a" * 300 + '.argdown"\n'
    (tmp_path / "m.argdown").write_text(text, encoding="utf-8")
    with pytest.raises(argmap.LoadError) as caught:
        parse_argdown(text, file="m.argdown", path=tmp_path / "m.argdown")
    assert str(caught.value).startswith("m.argdown:3:1: error: ")


def test_import_file_of_a_too_long_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(argmap.LoadError):
        import_file(Path("a" * 300 + ".json"))


@pytest.mark.parametrize(
    ("file", "text", "where"),
    [
        pytest.param("x.af", "p af " + "9" * 5000 + "\n", "x.af:1:1", id="header"),
        pytest.param("x.af", "p af 3\n3 " + "9" * 5000 + "\n", "x.af:2:3", id="attack"),
        pytest.param("x.af", "p af 3\n3 " + "9" * 4000 + "\n", "x.af:2:3", id="4000-digits"),
        pytest.param("x.apx", "arg(a).\natt(a," + "9" * 5000 + ").\n", "x.apx:2:", id="apx"),
        pytest.param("x.tgf", "1\n#\n1 " + "9" * 5000 + "\n", "x.tgf:3:", id="tgf"),
    ],
)
def test_parse_framework_of_huge_numbers(file: str, text: str, where: str) -> None:
    with pytest.raises(argmap.LoadError) as caught:
        iccma.parse_framework(text, file=file)
    assert str(caught.value).startswith(where)
    assert LOCATED.match(str(caught.value))


# -- unpaired surrogate escapes that reach the map ------------------------------------------------

#: JSON whose ``\\udXXX`` escapes give strings no UTF-8 file can hold. Readers refuse most of
#: them with a located error (a title, a note, a field, a citation key) or replace them (an
#: AIF text); these get through, and writing the map out then fails.
SURROGATES = {
    "aif-i-node-id": '{"nodes": [{"nodeID": "1\\udc00", "text": "t", "type": "I"}], "edges": []}',
    "aif-ca-node-id": aif(
        '{"nodeID": "1", "text": "t", "type": "I"}',
        '{"nodeID": "2", "text": "u", "type": "I"}',
        '{"nodeID": "3\\ud800", "text": "r", "type": "CA"}',
        edges=[
            '{"edgeID": "1", "fromID": "2", "toID": "3\\ud800"}',
            '{"edgeID": "2", "fromID": "3\\ud800", "toID": "1"}',
        ],
    ),
    "json-locator-value": map_json(
        nodes=[node(citations=[{"key": "k", "locator": {"label": "page", "value": "\ud800"}}])]
    ),
    "json-ignore-reason": map_json(nodes=[node(ignore=[{"code": "AM001", "reason": "\ud800"}])]),
}


@pytest.mark.parametrize(
    ("source", "argv"),
    [
        pytest.param(source, argv, id=f"{source}-{'-'.join(argv[2:])}")
        for source in SURROGATES
        for argv in (("export", "m.json", "--to", "json"), ("export", "m.json", "--to", "argdown"))
    ],
)
def test_lone_surrogates_are_refused_or_replaced(
    source: str,
    argv: tuple[str, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(tmp_path, {"m.json": SURROGATES[source]})
    outcome = run_in_process(Row(source, {}, argv), tmp_path, monkeypatch, capsys)
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.status in {0, 2}, outcome.err
    if outcome.status == 2:
        assert LOCATED.match(outcome.err), outcome.err
    else:
        outcome.out.encode("utf-8")


def test_aif_id_with_a_lone_surrogate_imports_to_a_readable_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"m.json": SURROGATES["aif-i-node-id"]})
    imported = run_in_process(
        Row("import", {}, ("import", "m.json", "-o", "out")), tmp_path, monkeypatch, capsys
    )
    assert "Traceback" not in imported.err, imported.err
    if imported.status == 2:
        assert LOCATED.match(imported.err), imported.err
        return
    assert imported.status == 0, imported.err
    argmap.load(tmp_path / "out" / "m.yaml")


# -- a flag lost on the way out and back ---------------------------------------------------------

#: T1 is the thesis; C2 is a claim that supports nothing (AM009) and is no thesis.
TWO_TOP_CLAIMS = (
    "nodes:\n  T1: {claim: t, thesis: true, because: E1}\n"
    "  C2: {claim: c, because: E1}\n  E1: {evidence: e}\n"
)


@pytest.mark.parametrize("through", ["aif", "argdown"])
def test_a_claim_that_is_no_thesis_stays_one_through(
    through: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.interchange.aif import dump_aif, parse_aif
    from argmap.interchange.argdown import to_argdown

    write(tmp_path, {"m.yaml": TWO_TOP_CLAIMS})
    monkeypatch.chdir(tmp_path)
    original = argmap.load("m.yaml")
    if through == "aif":
        back = parse_aif(dump_aif(original), file="m.json").map
    else:
        back = parse_argdown(to_argdown(original), file="m.argdown").map
    assert [(n.id, n.thesis) for n in back.nodes] == [(n.id, n.thesis) for n in original.nodes]
