r"""Abstract argumentation frameworks in the ICCMA formats, and answers in ICCMA 2023 form.

The International Competition on Computational Models of Argumentation (ICCMA) exchanges
frameworks in three formats, all read here:

* **ICCMA 2023** (``.af``, ``.i23``): a header ``p af N``, then one attack ``i j`` per line,
  arguments being the numbers 1 to N; lines starting with ``#`` are comments. Bound: N is at
  most :data:`MAX_ARGUMENTS` (10,000,000); every argument costs memory whether an attack
  names it or not, so a larger N is refused with one error at the header, as is an argument
  number beyond N however many digits it has.
* **ASPARTIX** (``.apx``, ``.dl``): Prolog-like facts ``arg(a).`` and ``att(a,b).``, any number
  per line, with ``%`` comments.
* **Trivial graph format** (``.tgf``): one argument name per line, a line ``#``, then one
  attack ``from to`` per line.

:func:`read_framework` picks the format from the content when it is unmistakable (a
``p af`` header, an ``arg(``/``att(`` fact) and from the file suffix otherwise. Large files
are read whole and split with C-speed string and regular-expression operations; a file that
does not pass those checks is read again line by line to name the first problem exactly, as
one :class:`~argmap.errors.MapError` in a :class:`~argmap.errors.LoadError`.

:func:`solve` answers an ICCMA task (``SE-PR``, ``DC-ST``, ...) and :func:`format_answer`
writes the answer as an ICCMA 2023 solver prints it:

>>> framework = parse_framework("p af 3\n1 2\n2 3\n")
>>> format_answer(solve(framework, Task.parse("SE-GR")))
'w 1 3'
>>> format_answer(solve(framework, Task.parse("DS-PR"), "2"))
'NO'
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import attrs

from argmap._gc import collector_paused
from argmap._io import read_utf8
from argmap.errors import LoadError, MapError, did_you_mean
from argmap.semantics import (
    Framework,
    Semantics,
    credulous,
    sceptical,
    some_extension,
)

__all__ = [
    "MAX_ARGUMENTS",
    "SUFFIXES",
    "TASKS",
    "Answer",
    "Format",
    "Problem",
    "Task",
    "detect_format",
    "format_answer",
    "parse_framework",
    "read_framework",
    "solve",
]


class Format(enum.Enum):
    """The framework file formats of ICCMA."""

    ASPARTIX = "apx"
    TGF = "tgf"
    ICCMA23 = "i23"


#: The format each file suffix names.
SUFFIXES: Mapping[str, Format] = MappingProxyType(
    {
        ".apx": Format.ASPARTIX,
        ".dl": Format.ASPARTIX,
        ".tgf": Format.TGF,
        ".af": Format.ICCMA23,
        ".i23": Format.ICCMA23,
    }
)

_SUFFIX_HINT = (
    "name the file .af (ICCMA 2023), .apx or .dl (ASPARTIX) or .tgf (trivial graph format)"
)


def read_framework(path: str | os.PathLike[str], fmt: Format | None = None) -> Framework:
    """Read a framework file.

    Args:
        path: The file.
        fmt: Its format; when None, told from the content and the suffix
            (see :func:`detect_format`).

    Returns:
        The framework. Arguments keep their file order; in the ICCMA 2023 format they are
        named ``"1"`` to ``"N"``.

    Raises:
        LoadError: with one error naming the file, line and column of the first problem
            (missing or unreadable file, text that is not UTF-8, malformed content).
    """
    name = os.fspath(path)
    text = read_utf8(Path(path), name)
    return parse_framework(text, fmt, name)


def parse_framework(text: str, fmt: Format | None = None, file: str = "<string>") -> Framework:
    """Parse the text of a framework file.

    Args:
        text: The content.
        fmt: Its format; when None, told from the content and ``file``'s suffix.
        file: The name errors report.

    Returns:
        The framework.

    Raises:
        LoadError: with one error naming the line and column of the first problem.
    """
    chosen = fmt if fmt is not None else detect_format(text, file)
    with collector_paused():
        return _PARSERS[chosen](text, file)


_FIRST_LINE = re.compile(r"^[^\S\n]*([^\s#%].*)$", re.MULTILINE)
_HEADER_START = re.compile(r"p\s+af\b")
_FACT_START = re.compile(r"(?:arg|att)\s*\(")
_TGF_SEPARATOR = re.compile(r"^[^\S\n]*#[^\S\n]*$", re.MULTILINE)


def detect_format(text: str, file: str = "<string>") -> Format:
    """Tell a framework's format from its first meaningful line, else from the file suffix.

    A first line ``p af ...`` means ICCMA 2023 and a first ``arg(`` or ``att(`` fact means
    ASPARTIX, whatever the suffix; otherwise the suffix decides (:data:`SUFFIXES`), and a
    file without a known suffix but with a ``#`` line is taken for TGF.

    Args:
        text: The content.
        file: The file name, for its suffix and for errors.

    Returns:
        The format.

    Raises:
        LoadError: when neither the content nor the suffix tells.
    """
    first = _FIRST_LINE.search(text)
    if first is not None:
        if _HEADER_START.match(first.group(1)):
            return Format.ICCMA23
        if _FACT_START.match(first.group(1)):
            return Format.ASPARTIX
    suffix = Path(file).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if first is not None and _TGF_SEPARATOR.search(text):
        return Format.TGF
    raise _fail(file, 1, 1, "cannot tell the format of this framework file", _SUFFIX_HINT)


def _fail(file: str, line: int, column: int, message: str, hint: str) -> LoadError:
    return LoadError([MapError(file, line, column, message, hint)])


def _position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


_FIELD = re.compile(r"\S+")


# -- ICCMA 2023 ----------------------------------------------------------------------------------

_COMMENT_LINE = re.compile(r"^[^\S\n]*#[^\n]*", re.MULTILINE)
_FIRST_TOKEN = re.compile(r"\S")
_BAD_ATTACK_LINE = re.compile(r"^(?![^\S\n]*(?:[0-9]+[^\S\n]+[0-9]+[^\S\n]*)?$)", re.MULTILINE)
_HEADER_HINT = "an ICCMA 2023 file starts with `p af N`, N the number of arguments"


_CHUNK = 1 << 20  # characters of attack lines converted at a time


#: The most arguments an ICCMA 2023 header ``p af N`` may declare. Every argument is kept,
#: named by an attack or not (unnamed, it is unattacked, so IN under every semantics), at about
#: 100 bytes each while a task is solved: ``argmap solve`` on ``p af 10000000`` peaks near
#: 1 GB, whatever the task. A larger N is refused with one error at the header.
MAX_ARGUMENTS = 10_000_000


def _parse_iccma23(text: str, file: str) -> Framework:
    fast = _fast_iccma23(text)
    count, sources, destinations = fast if fast is not None else _slow_iccma23(text, file)
    return Framework.numbered(count, sources, destinations)


def _fast_iccma23(text: str) -> tuple[int, list[int], list[int]] | None:
    """Parse a well-formed file at C speed; return None at anything unusual.

    Returns:
        The number of arguments and the attacks as parallel lists of 0-based positions.
        The lines are converted a chunk at a time, which keeps the peak memory of large
        files down.
    """
    body = _COMMENT_LINE.sub("", text) if "#" in text else text
    first = _FIRST_TOKEN.search(body)
    if first is None:
        return None
    header_end = body.find("\n", first.start())
    if header_end < 0:
        header_end = len(body)
    header = body[first.start() : header_end].split()
    if len(header) != 3 or header[:2] != ["p", "af"] or not _is_number(header[2]):
        return None
    count = _declared(header[2])
    if count is None or _BAD_ATTACK_LINE.search(body, header_end + 1):
        return None
    position = (-1).__add__  # argument n is at position n - 1
    sources: list[int] = []
    destinations: list[int] = []
    start = header_end
    while start < len(body):
        end = body.find("\n", start + _CHUNK)
        end = len(body) if end < 0 else end
        try:
            numbers = list(map(int, body[start:end].split()))
        except ValueError:  # a number of thousands of digits: out of range, said slowly
            return None
        if numbers and (min(numbers) < 1 or max(numbers) > count):
            return None
        sources += map(position, numbers[0::2])
        destinations += map(position, numbers[1::2])
        start = end
    return count, sources, destinations


def _is_number(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _declared(word: str) -> int | None:
    """The N of a header ``p af N`` (ASCII digits), or None when over :data:`MAX_ARGUMENTS`.

    Length is checked before conversion: Python's ``int`` refuses strings of over 4,300 digits.
    """
    digits = word.lstrip("0") or "0"
    if len(digits) > len(str(MAX_ARGUMENTS)) or int(digits) > MAX_ARGUMENTS:
        return None
    return int(digits)


def _shown(word: str) -> str:
    """A number as a message shows it: whole, or its first digits and its length."""
    return word if len(word) <= 24 else f"{word[:12]}... ({len(word):,} digits)"


def _slow_iccma23(text: str, file: str) -> tuple[int, list[int], list[int]]:
    """Parse line by line, raising at the first problem."""
    count: int | None = None
    sources: list[int] = []
    destinations: list[int] = []
    for line, fields in _numbered_fields(text):
        if fields[0].group().startswith("#"):
            continue
        if count is None:
            count = _iccma23_header(fields, line, file)
            continue
        source, destination = _iccma23_attack(fields, line, count, file)
        sources.append(source - 1)
        destinations.append(destination - 1)
    if count is None:
        raise _fail(file, 1, 1, "missing the header `p af N`", _HEADER_HINT)
    return count, sources, destinations


def _numbered_fields(text: str) -> list[tuple[int, list[re.Match[str]]]]:
    """Return each non-blank line's number and its whitespace-separated fields."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        fields = list(_FIELD.finditer(line))
        if fields:
            found.append((number, fields))
    return found


def _line_text(fields: Sequence[re.Match[str]]) -> str:
    return " ".join(field.group() for field in fields)


def _iccma23_header(fields: Sequence[re.Match[str]], line: int, file: str) -> int:
    words = [field.group() for field in fields]
    column = fields[0].start() + 1
    if words[0] != "p":
        found = _line_text(fields)
        raise _fail(
            file,
            line,
            column,
            f"expected the header `p af N`, found `{_shorten(found)}`",
            _HEADER_HINT,
        )
    if len(words) != 3 or words[1] != "af" or not _is_number(words[2]):
        raise _fail(
            file,
            line,
            column,
            f"bad header `{_shorten(_line_text(fields))}`",
            "write `p af N` with N the number of arguments, for example `p af 4`",
        )
    count = _declared(words[2])
    if count is None:
        raise _fail(
            file,
            line,
            column,
            f"the header declares {_shown(words[2])} arguments, over argmap's limit of "
            f"{MAX_ARGUMENTS:,}",
            "check N: every declared argument is kept in memory, whether an attack names it or not",
        )
    return count


def _shorten(text: str) -> str:
    """A line as a message quotes it: whole, or its start when it is long."""
    return text if len(text) <= 80 else f"{text[:60]}... ({len(text):,} characters)"


def _iccma23_attack(
    fields: Sequence[re.Match[str]], line: int, count: int, file: str
) -> tuple[int, int]:
    if fields[0].group() == "p":
        raise _fail(
            file,
            line,
            1 + fields[0].start(),
            "a second header line",
            "keep only the first `p af N`",
        )
    if len(fields) != 2:
        raise _fail(
            file,
            line,
            fields[0].start() + 1,
            "expected an attack `i j` (two argument numbers), "
            f"found `{_shorten(_line_text(fields))}`",
            "write one attack per line: the attacker's number, a space, the attacked one's number",
        )
    numbers = []
    for field in fields:
        word = field.group()
        if not _is_number(word):
            raise _fail(
                file,
                line,
                field.start() + 1,
                f"`{_shorten(word)}` is not an argument number",
                f"arguments are numbered 1 to {count}; comment lines start with `#`",
            )
        digits = word.lstrip("0") or "0"
        # Compared by length first: int() refuses strings of over 4,300 digits.
        too_long = len(digits) > len(str(count))
        number = count + 1 if too_long else int(digits)
        if not 1 <= number <= count:
            raise _fail(
                file,
                line,
                field.start() + 1,
                f"argument {_shown(word) if too_long else number} is out of range: the "
                f"header `p af {count}` declares arguments 1 to {count}",
                "fix the attack, or raise N in the header",
            )
        numbers.append(number)
    return numbers[0], numbers[1]


# -- ASPARTIX ------------------------------------------------------------------------------------

_NAME = r"[^\s,().%]+"
_ARG_FACT = re.compile(rf"arg\s*\(\s*({_NAME})\s*\)\s*\.")
_ATT_FACT = re.compile(rf"att\s*\(\s*({_NAME})\s*,\s*({_NAME})\s*\)\s*\.")
_ANY_FACT = re.compile(rf"(?:arg\s*\(\s*{_NAME}\s*\)|att\s*\(\s*{_NAME}\s*,\s*{_NAME}\s*\))\s*\.")
_PERCENT_COMMENT = re.compile(r"%[^\n]*")
_APX_ITEM = re.compile(
    rf"\s+|%[^\n]*|arg\s*\(\s*(?P<arg>{_NAME})\s*\)\s*\."
    rf"|att\s*\(\s*(?P<source>{_NAME})\s*,\s*(?P<target>{_NAME})\s*\)\s*\."
)
_APX_UNFINISHED = re.compile(rf"(?:arg\s*\(\s*{_NAME}\s*\)|att\s*\(\s*{_NAME}\s*,\s*{_NAME}\s*\))")
_APX_HINT = (
    "write facts `arg(a).` and `att(a,b).`, each ending with a period; comments start with %"
)


def _parse_aspartix(text: str, file: str) -> Framework:
    body = _PERCENT_COMMENT.sub("", text) if "%" in text else text
    leftover = _ANY_FACT.sub("", body)
    if not leftover or leftover.isspace():
        attacks = _ATT_FACT.findall(body)
        framework = _by_name(
            _ARG_FACT.findall(body), [s for s, _ in attacks], [t for _, t in attacks]
        )
        if framework is not None:
            return framework
    return _slow_aspartix(text, file)


def _by_name(
    declared: Sequence[str], attackers: Sequence[str], targets: Sequence[str]
) -> Framework | None:
    """Build a framework from argument names; None when an attack names an undeclared one.

    The fast path of the ASPARTIX and TGF readers; the slow path then names the culprit.
    """
    names = list(dict.fromkeys(declared))
    index = {name: number for number, name in enumerate(names)}
    try:
        sources = [index[name] for name in attackers]
        destinations = [index[name] for name in targets]
    except KeyError:
        return None
    return Framework.from_indices(names, sources, destinations)


def _slow_aspartix(text: str, file: str) -> Framework:
    """Parse fact by fact, raising at the first problem."""
    names: dict[str, None] = {}
    attacks: list[tuple[str, str, int]] = []
    offset = 0
    while offset < len(text):
        item = _APX_ITEM.match(text, offset)
        if item is None:
            raise _aspartix_garbage(text, offset, file)
        if item.group("arg") is not None:
            names[item.group("arg")] = None
        elif item.group("source") is not None:
            attacks.append((item.group("source"), item.group("target"), offset))
        offset = item.end()
    for source, target, at in attacks:
        for name in (source, target):
            if name not in names:
                line, column = _position(text, at)
                raise _fail(
                    file,
                    line,
                    column,
                    f"attack `att({source},{target})` names `{name}`, which no `arg({name}).` "
                    "declares",
                    _unknown_hint(name, list(names), f"add `arg({name}).`"),
                )
    return Framework.from_attacks(names, [(source, target) for source, target, _ in attacks])


def _aspartix_garbage(text: str, offset: int, file: str) -> LoadError:
    line, column = _position(text, offset)
    unfinished = _APX_UNFINISHED.match(text, offset)
    if unfinished is not None:
        return _fail(
            file,
            line,
            column,
            f"missing `.` after `{unfinished.group()}`",
            "end every fact with a period",
        )
    found = text[offset:].split(None, 1)[0]
    return _fail(
        file,
        line,
        column,
        f"expected a fact `arg(NAME).` or `att(NAME,NAME).`, found `{found}`",
        _APX_HINT,
    )


def _unknown_hint(name: str, known: Sequence[str], otherwise: str) -> str:
    guess = did_you_mean(name, known)
    return f"{guess} Otherwise {otherwise}" if guess else otherwise


# -- Trivial graph format ------------------------------------------------------------------------

_BAD_NAME_LINE = re.compile(r"^[^\S\n]*\S+[^\S\n]+\S", re.MULTILINE)
_BAD_EDGE_LINE = re.compile(r"^(?![^\S\n]*(?:\S+[^\S\n]+\S+[^\S\n]*)?$)", re.MULTILINE)


def _parse_tgf(text: str, file: str) -> Framework:
    separator = _TGF_SEPARATOR.search(text)
    head = text if separator is None else text[: separator.start()]
    tail = "" if separator is None else text[separator.end() :]
    if not _BAD_NAME_LINE.search(head) and not _BAD_EDGE_LINE.search(tail):
        words = tail.split()
        framework = _by_name(head.split(), words[0::2], words[1::2])
        if framework is not None:
            return framework
    return _slow_tgf(text, file)


def _slow_tgf(text: str, file: str) -> Framework:
    """Parse line by line, raising at the first problem."""
    names: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    in_attacks = False
    for line, fields in _numbered_fields(text):
        words = [field.group() for field in fields]
        if not in_attacks and words == ["#"]:
            in_attacks = True
        elif not in_attacks:
            _tgf_check_name(fields, line, file)
            names[words[0]] = None
        else:
            attacks.append(_tgf_attack(fields, line, names, file))
    return Framework.from_attacks(names, attacks)


def _tgf_check_name(fields: Sequence[re.Match[str]], line: int, file: str) -> None:
    if len(fields) != 1:
        raise _fail(
            file,
            line,
            fields[1].start() + 1,
            f"expected one argument name, found `{_line_text(fields)}`",
            "argument names cannot contain spaces; attacks come after a line `#`",
        )


def _tgf_attack(
    fields: Sequence[re.Match[str]], line: int, names: Mapping[str, None], file: str
) -> tuple[str, str]:
    if len(fields) != 2:
        raise _fail(
            file,
            line,
            fields[0].start() + 1,
            f"expected an attack `from to`, found `{_line_text(fields)}`",
            "write the attacker's name, a space and the attacked argument's name",
        )
    for field in fields:
        if field.group() not in names:
            name = field.group()
            raise _fail(
                file,
                line,
                field.start() + 1,
                f"unknown argument `{name}`",
                _unknown_hint(name, list(names), f"list `{name}` before the `#` line"),
            )
    return fields[0].group(), fields[1].group()


_PARSERS: Mapping[Format, Callable[[str, str], Framework]] = MappingProxyType(
    {Format.ASPARTIX: _parse_aspartix, Format.TGF: _parse_tgf, Format.ICCMA23: _parse_iccma23}
)


# -- Tasks and answers ---------------------------------------------------------------------------


class Problem(enum.Enum):
    """The ICCMA reasoning problems."""

    #: Some extension.
    SE = "SE"
    #: Credulous acceptance: is the argument in some extension?
    DC = "DC"
    #: Sceptical acceptance: is the argument in every extension?
    DS = "DS"


@attrs.frozen
class Task:
    """An ICCMA task: a problem under a semantics, written like ``DC-PR``."""

    problem: Problem
    semantics: Semantics

    @classmethod
    def parse(cls, text: str) -> Task:
        """Read a task name such as ``SE-GR`` or ``ds-st`` (case does not matter).

        Raises:
            ValueError: for anything but one of :data:`TASKS`.
        """
        problem, _, semantics = text.strip().upper().partition("-")
        try:
            return cls(Problem(problem), Semantics(semantics))
        except ValueError:
            raise ValueError(f"unknown task `{text}`; expected one of {', '.join(TASKS)}") from None

    @property
    def needs_argument(self) -> bool:
        """Whether the task asks about one argument (DC and DS do, SE does not)."""
        return self.problem is not Problem.SE

    def __str__(self) -> str:
        """Return the ICCMA name, such as ``SE-GR``."""
        return f"{self.problem.value}-{self.semantics.value}"


#: Every task :func:`solve` answers, by ICCMA name.
TASKS: tuple[str, ...] = tuple(
    f"{problem.value}-{semantics.value}" for problem in Problem for semantics in Semantics
)


@attrs.frozen
class Answer:
    """The answer to a task.

    Attributes:
        task: The task answered.
        accepted: For DC and DS, whether the argument is accepted; None for SE.
        extension: For SE, the extension found (None when there is none); for DC, an
            extension containing the argument when accepted; for DS, an extension without it
            when rejected; None otherwise.
    """

    task: Task
    accepted: bool | None = None
    extension: tuple[str, ...] | None = None


def solve(framework: Framework, task: Task, argument: str | None = None) -> Answer:
    """Answer an ICCMA task.

    Args:
        framework: The framework.
        task: The task.
        argument: The query argument's name, for DC and DS tasks only (for ICCMA 2023 files,
            its number, such as ``"4"``).

    Returns:
        The answer.

    Raises:
        ValueError: when a DC or DS task has no argument, an SE task has one, or no argument
            has that name (usage errors, not problems with the file).
    """
    if not task.needs_argument:
        if argument is not None:
            raise ValueError(f"task {task} takes no query argument")
        return Answer(task, extension=some_extension(framework, task.semantics))
    if argument is None:
        raise ValueError(f"task {task} needs a query argument")
    if argument not in framework:
        raise ValueError(f"no argument `{argument}` in the framework")
    decide = credulous if task.problem is Problem.DC else sceptical
    result = decide(framework, argument, task.semantics)
    return Answer(task, accepted=result.accepted, extension=result.witness)


def format_answer(answer: Answer, *, certificate: bool = False) -> str:
    """Write an answer as an ICCMA 2023 solver prints it, without the final newline.

    SE: ``w`` followed by the extension's arguments (``w`` alone for the empty extension), or
    ``NO`` when no extension exists (only possible under stable semantics). DC and DS:
    ``YES`` or ``NO``; with ``certificate``, followed on a second line by the witness the
    ICCMA 2023 main track asks for (``w ...``: an extension containing the argument for a DC
    ``YES``, one without it for a DS ``NO``).

    Args:
        answer: The answer.
        certificate: Whether to add the witness line to DC and DS answers.

    Returns:
        The text to print.
    """
    if answer.accepted is None:
        return "NO" if answer.extension is None else _witness(answer.extension)
    verdict = "YES" if answer.accepted else "NO"
    if certificate and answer.extension is not None:
        return f"{verdict}\n{_witness(answer.extension)}"
    return verdict


def _witness(extension: Sequence[str]) -> str:
    return " ".join(["w", *extension])
