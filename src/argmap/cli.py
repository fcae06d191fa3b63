"""The command line: parse arguments, call the library, print, and return an exit code.

Nothing here knows how to load, check or render: it only connects the library to a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import gc
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import attrs

from argmap import diagnostics as diag
from argmap._io import same_file, write_atomically
from argmap.config import Config, find_config
from argmap.errors import LoadError, MapError, did_you_mean, escape_controls
from argmap.linter import check
from argmap.loading.contents import file_key
from argmap.loading.locate import bibliography_files
from argmap.loading.pipeline import load
from argmap.rules import RULES, Rule, lookup

if TYPE_CHECKING:
    from argmap.batch import MapCheck
    from argmap.loading.contents import Contents
    from argmap.loading.discover import MapFiles
    from argmap.loading.drafts import MapFormat
    from argmap.model import ArgumentMap
    from argmap.watch import Checked

__all__ = ["ExitCode", "main"]


class ExitCode(enum.IntEnum):
    """What ``argmap`` returns to the shell."""

    #: Nothing at warning level or above.
    OK = 0
    #: Findings at warning level or above.
    FINDINGS = 1
    #: Unreadable input, an output that cannot be written, or a usage error.
    ERROR = 2
    #: Stopped by an interrupt (Ctrl-C, SIGINT): 128 + 2, as shells report it.
    INTERRUPTED = 130
    #: Stopped by SIGTERM: 128 + 15.
    TERMINATED = 143


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    SIGINT and SIGTERM stop a command with one line on standard error and exit status 130 or
    143; a file being written when they arrive is left as it was (see
    :func:`argmap._io.write_atomically`).
    """
    # A short-lived process: the cyclic collector would only re-scan the map's millions of
    # objects (they hold no cycles) and cost seconds on large maps.
    gc.disable()
    try:
        with _sigterm_raises():
            return _run(argv)
    except KeyboardInterrupt:
        return _stopped("interrupted", ExitCode.INTERRUPTED)
    except Terminated:
        return _stopped("terminated", ExitCode.TERMINATED)


def _run(argv: Sequence[str] | None) -> int:
    """Parse the command line, run its command, and turn bad input into exit status 2."""
    words = sys.argv[1:] if argv is None else argv
    parser = _parser(words[0] if words and words[0] in _COMMANDS else None)
    args, extra = parser.parse_known_args(argv)
    if args.command is _lsp:  # the server parses its own options
        args.server_args = [*args.server_args, *extra]
    elif extra:
        args.parser.unknown(extra)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        code = command(args)
        if not sys.stdout.closed:  # the language server closes it when the client exits
            sys.stdout.flush()  # a full disk or a closed pipe is reported here, not at exit
    except LoadError as exc:
        _print_errors(exc, colour=_colour(args, sys.stderr))
        return ExitCode.ERROR
    except UsageError as exc:
        _error(str(exc))
        return ExitCode.ERROR
    except BrokenPipeError:
        # The reader went away (`argmap check | head`): stop quietly, like other Unix tools.
        _silence_stdout()
        return ExitCode.FINDINGS
    except OSError as exc:
        _error(_unwritable(exc))
        return ExitCode.ERROR
    return code


class UsageError(Exception):
    """A command line that names something that does not exist; exit status 2."""


class Terminated(BaseException):
    """SIGTERM arrived; raised where the program is, as Ctrl-C raises KeyboardInterrupt.

    It derives from BaseException for the same reason: no ``except Exception`` swallows it,
    and every ``finally`` and cleanup on the way out runs (a half-written file is removed).
    """


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Make SIGTERM raise :class:`Terminated` while the command runs (main thread only)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _on_sigterm(_signum: int, _frame: FrameType | None) -> NoReturn:
    # A second SIGTERM must not interrupt the cleanup the first one started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


def _stopped(how: str, code: ExitCode) -> int:
    with contextlib.suppress(OSError, ValueError):
        print(f"argmap: {how}", file=sys.stderr)
    return code


def _error(message: str) -> None:
    """Print ``argmap: error: message`` on standard error, control characters escaped."""
    print(f"argmap: error: {escape_controls(message)}", file=sys.stderr)


def _unwritable(exc: OSError) -> str:
    """One line for an OSError that reached the top: a file's, else standard output's.

    Every file a command writes or reads reports its own errors; what is left without a file
    name is a write to standard output failing (a full disk, a closed terminal).
    """
    if exc.filename:
        return f"`{exc.filename}`: {_reason(exc)}"
    _silence_stdout()  # what is still buffered would fail again at exit
    return f"cannot write to standard output: {_reason(exc)}"


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class _Parser(argparse.ArgumentParser):
    """argparse without abbreviated options, with "did you mean" for a mistyped one.

    ``--sel`` is not taken for ``--select`` (an abbreviation accepted today can become
    ambiguous when an option is added), and control characters of the command line are
    escaped in the error line.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Make the parser, never accepting abbreviated options."""
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``argmap: error: message`` and exit with status 2."""
        super().error(escape_controls(message + _suggestion(message)))

    def unknown(self, words: Sequence[str]) -> NoReturn:
        """Refuse the words this command does not take, suggesting the nearest options."""
        hints = [
            f"unrecognized option `{word}`; {hint}"
            for word in words
            if word.startswith("-") and (hint := did_you_mean(word.split("=")[0], self.options()))
        ]
        self.error("; ".join(hints) or f"unrecognized arguments: {' '.join(words)}")

    def options(self) -> list[str]:
        """Every option string this parser takes, ``--help`` included."""
        return [name for action in self._actions for name in action.option_strings]


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width without importing shutil.

    argparse asks :func:`shutil.get_terminal_size` for it, each time it makes a formatter (for
    every option added); importing shutil (which imports bz2, lzma and zlib) is 2.5 ms of
    every command's start-up. :func:`_columns` finds the same width.
    """

    def __init__(self, prog: str, **options: Any) -> None:
        """Make the formatter; its width is the terminal's columns less 2, as in argparse."""
        if options.get("width") is None:
            options["width"] = _columns() - 2
        super().__init__(prog, **options)


def _columns() -> int:
    """The terminal's columns as :func:`shutil.get_terminal_size` gives them.

    ``$COLUMNS`` when it is a positive number, else the width of the terminal on
    :data:`sys.__stdout__`, else 80.
    """
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no standard output, or not a terminal
        return 80


if TYPE_CHECKING:
    #: What ``add_subparsers`` returns: the commands' parsers are added to it.
    _Commands = argparse._SubParsersAction[_Parser]  # noqa: SLF001


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")


def _suggestion(message: str) -> str:
    """Return ``; did you mean `check`?`` for a mistyped command or choice; else nothing."""
    match = _INVALID_CHOICE.search(message)
    if match is None:
        return ""
    choices = re.findall(r"'([^']*)'", match.group(2))
    hint = did_you_mean(match.group(1), choices)
    return f"; {hint}" if hint else ""


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: with every command, or with ``command``'s alone.

    A command line that starts with its command (nearly every one) is parsed the same by a
    parser that has only that command: the others show only in the top-level help and in
    the error for an unknown command, which get the parser with every command. Building the
    parsers of the twelve others would be a tenth of a small check's own time.
    """
    parser = _Parser(
        prog="argmap",
        description="Lint, trace and render argument maps whose evidence cites BibTeX sources.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name, add in _COMMANDS.items():
        if command in (None, name):
            add(commands)
    return parser


def _add_check(commands: _Commands) -> None:
    check_parser = commands.add_parser(
        "check",
        help="report gaps in the maps' support (the default job)",
        description="Check every map under the PATHs (default: the current folder), as ruff "
        "checks code: a file stands for the whole map it belongs to.",
    )
    check_parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="map files and folders (default: the current folder); - reads a map file from "
        "standard input",
    )
    check_parser.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=_OUTPUT_FORMATS,
        default="concise",
        metavar="FORMAT",
        help=f"how findings are printed: {', '.join(_OUTPUT_FORMATS[:-1])} (default: concise; "
        "`text` is concise)",
    )
    check_parser.add_argument(
        "--select",
        metavar="CODES",
        help="comma-separated rules to run: codes, names, prefixes (AM01) or ALL",
    )
    check_parser.add_argument(
        "--ignore", metavar="CODES", help="comma-separated rules to skip (codes, prefixes)"
    )
    check_parser.add_argument(
        "--exclude",
        metavar="PATTERNS",
        help="comma-separated gitignore-style patterns to pass over, instead of the settings'",
    )
    check_parser.add_argument(
        "--extend-exclude",
        metavar="PATTERNS",
        help="comma-separated patterns to pass over, beside the settings' `exclude`",
    )
    check_parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="pass over a file named on the command line when walking its folder would "
        "(excluded, ignored by git, or no map file): for pre-commit",
    )
    check_parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name of the file read from standard input (for locations, the "
        "bibliography and the settings)",
    )
    check_parser.add_argument(
        "--text", metavar="FILE", help="the analysed text, to check paragraph coverage"
    )
    check_parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="check maps in up to N processes (default: one per core)",
    )
    check_parser.add_argument(
        "--statistics", action="store_true", help="count the findings per rule instead"
    )
    check_parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    check_parser.add_argument(
        "-q", "--quiet", action="store_true", help="print the findings only, no summary"
    )
    check_parser.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings in force and where they came from, then stop",
    )
    _colour_option(check_parser)
    check_parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the parsed-file cache (also ARGMAP_NO_CACHE=1)",
    )
    check_parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="keep the parsed-file cache in DIR (default: .argmap_cache/ in the project root)",
    )
    check_parser.add_argument(
        "--watch",
        action="store_true",
        help="check again whenever a map, its bibliography or its settings change (Ctrl-C stops)",
    )
    check_parser.set_defaults(command=_check, parser=check_parser)


def _add_render(commands: _Commands) -> None:
    render_parser = commands.add_parser(
        "render", help="draw a map as DOT, SVG, PNG or PDF (by the output's suffix)"
    )
    render_parser.add_argument("path", nargs="?", default=".", help=_ONE_MAP_HELP)
    render_parser.add_argument(
        "-o",
        "--output",
        action="append",
        required=True,
        metavar="FILE",
        help="file to write (.dot, .gv, .svg, .png, .pdf; - for DOT on standard output); "
        "repeat to write several",
    )
    render_parser.add_argument("--focus", metavar="ID", help="draw only around this node")
    render_parser.add_argument(
        "--depth", type=_depth, metavar="N", help="how many steps from the focus (or theses)"
    )
    render_parser.add_argument(
        "--direction", choices=("BT", "TB", "LR", "RL"), default="BT", help="default: BT"
    )
    render_parser.add_argument(
        "--no-diagnostics", action="store_true", help="do not mark nodes that have findings"
    )
    render_parser.add_argument(
        "--labels",
        action="store_true",
        help="mark each node IN, OUT or UNDEC once the objections are weighed",
    )
    render_parser.add_argument("--legend", action="store_true", help="add a legend")
    render_parser.set_defaults(command=_render, parser=render_parser)


def _add_trace(commands: _Commands) -> None:
    trace_parser = commands.add_parser(
        "trace",
        help="show the support below a node, or what rests on a source (--source)",
        usage="argmap trace [PATH] ID [options]\n       argmap trace [PATH] --source KEY [options]",
    )
    trace_parser.add_argument(
        "words",
        nargs="*",
        metavar="[PATH] ID",
        help="map file or folder (default: the current folder), then the node to trace from",
    )
    trace_parser.add_argument(
        "--source", metavar="KEY", help="trace up from this bibliography key instead of a node"
    )
    trace_parser.add_argument("--depth", type=_depth, metavar="N", help="levels to show")
    trace_parser.add_argument("--format", choices=("text", "json"), default="text")
    trace_parser.add_argument("--ascii", action="store_true", help="draw with ASCII only")
    trace_parser.add_argument(
        "--full", action="store_true", help="wrap node texts whole instead of cutting them"
    )
    _colour_option(trace_parser)
    trace_parser.set_defaults(command=_trace, parser=trace_parser)


def _add_sources(commands: _Commands) -> None:
    sources_parser = commands.add_parser(
        "sources", help="weigh every source: what rests on it, what falls without it"
    )
    sources_parser.add_argument("path", nargs="?", default=".", help=_ONE_MAP_HELP)
    sources_parser.add_argument("--format", choices=("text", "json"), default="text")
    sources_parser.add_argument("--ascii", action="store_true", help="use ASCII only")
    _colour_option(sources_parser)
    sources_parser.set_defaults(command=_sources, parser=sources_parser)


def _add_status(commands: _Commands) -> None:
    status_parser = commands.add_parser(
        "status", help="label every node IN, OUT or UNDEC once the objections are weighed"
    )
    status_parser.add_argument("path", nargs="?", default=".", help=_ONE_MAP_HELP)
    status_parser.add_argument("--format", choices=("text", "json"), default="text")
    status_parser.add_argument(
        "--semantics",
        choices=_SEMANTICS,
        default="grounded",
        help="grounded (default): one labelling; complete, preferred or stable: IN in every "
        "extension, UNDEC in some, OUT in none",
    )
    _time_limit_option(status_parser, default=STATUS_TIME_LIMIT)
    _colour_option(status_parser)
    status_parser.set_defaults(command=_status, parser=status_parser)


_Answer = TypeVar("_Answer")

#: Seconds ``argmap status`` gives complete, preferred and stable semantics by default.
STATUS_TIME_LIMIT = 60.0


def _time_limit_option(parser: argparse.ArgumentParser, default: float | None) -> None:
    shown = "none" if default is None else f"{default:g}"
    parser.add_argument(
        "--time-limit",
        type=_seconds,
        default=default,
        metavar="SECONDS",
        help=f"stop hard semantics questions after this long, exit status 2 (default: {shown})",
    )


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return seconds


def _add_report(commands: _Commands) -> None:
    report_parser = commands.add_parser(
        "report", help="write a reviewer's report: one HTML page or Markdown, by the suffix"
    )
    report_parser.add_argument("path", nargs="?", default=".", help=_ONE_MAP_HELP)
    report_parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the report: .html or .md"
    )
    report_parser.add_argument(
        "--text", metavar="FILE", help="the analysed text, shown beside the map"
    )
    report_parser.set_defaults(command=_report, parser=report_parser)


def _add_lsp(commands: _Commands) -> None:
    lsp_parser = commands.add_parser(
        "lsp",
        help="run the language server for editors on stdin/stdout (needs argmap[lsp])",
        add_help=False,
    )
    lsp_parser.add_argument("server_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    lsp_parser.set_defaults(command=_lsp, parser=lsp_parser)


def _add_solve(commands: _Commands) -> None:
    solve_parser = commands.add_parser(
        "solve",
        help="answer an ICCMA task on an abstract framework (.af, .apx, .tgf)",
        description="Read an abstract argumentation framework in an ICCMA format (ICCMA 2023 "
        "`p af N`, ASPARTIX .apx/.dl, .tgf) and print the answer as an ICCMA 2023 solver does.",
    )
    solve_parser.add_argument("file", help="the framework file")
    solve_parser.add_argument(
        "-p",
        "--task",
        default="SE-GR",
        metavar="TASK",
        help="SE, DC or DS with GR, CO, PR or ST, e.g. DC-PR (default: SE-GR)",
    )
    solve_parser.add_argument("-a", "--argument", metavar="ARG", help="query argument (DC, DS)")
    _time_limit_option(solve_parser, default=None)
    solve_parser.set_defaults(command=_solve, parser=solve_parser)


def _add_import(commands: _Commands) -> None:
    import_parser = commands.add_parser(
        "import", help="convert an AIF, argmap JSON or Argdown file into a map in the YAML format"
    )
    import_parser.add_argument(
        "file", help="an AIF .json (AIFdb, OVA, xAIF), argmap JSON or .argdown file"
    )
    import_parser.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder to write FILE's map into"
    )
    import_parser.add_argument(
        "--from", dest="source_format", choices=("aif", "argdown"), help="default: by content"
    )
    import_parser.set_defaults(command=_import, parser=import_parser)


def _add_export(commands: _Commands) -> None:
    export_parser = commands.add_parser(
        "export", help="write a map as AIF JSON, xAIF, argmap's JSON or Argdown"
    )
    export_parser.add_argument("path", nargs="?", default=".", help=_ONE_MAP_HELP)
    from argmap.interchange.dispatch import EXPORT_FORMATS  # noqa: PLC0415 - with its command

    export_parser.add_argument("--to", required=True, choices=EXPORT_FORMATS)
    export_parser.add_argument(
        "-o", "--output", metavar="FILE", help="file to write (default, or -: standard output)"
    )
    export_parser.set_defaults(command=_export, parser=export_parser)


def _add_rules(commands: _Commands) -> None:
    rules_parser = commands.add_parser("rules", help="list the rules")
    _rule_format(rules_parser)
    rules_parser.set_defaults(command=_rules, parser=rules_parser)


def _add_rule(commands: _Commands) -> None:
    rule_parser = commands.add_parser("rule", help="explain one rule, or every rule (--all)")
    rule_parser.add_argument(
        "code", nargs="?", help="a code such as AM004, or a name such as uncited-evidence"
    )
    rule_parser.add_argument("--all", action="store_true", help="explain every rule")
    _rule_format(rule_parser)
    rule_parser.set_defaults(command=_rule, parser=rule_parser)


#: Each command's name and the function adding its parser, in the order the help lists them.
_COMMANDS: dict[str, Callable[[_Commands], None]] = {
    "check": _add_check,
    "render": _add_render,
    "trace": _add_trace,
    "sources": _add_sources,
    "status": _add_status,
    "report": _add_report,
    "lsp": _add_lsp,
    "solve": _add_solve,
    "import": _add_import,
    "export": _add_export,
    "rules": _add_rules,
    "rule": _add_rule,
}


class _VersionAction(argparse.Action):
    """``--version``: read the installed metadata only when asked (importlib.metadata is slow)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        """Print the version (on stdout, as argparse's own action does) and exit."""
        print(f"argmap {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("argmap")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


# -- check -----------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    stdin = args.paths == ["-"] or (not args.paths and args.stdin_filename is not None)
    if "-" in args.paths and not stdin:
        raise UsageError("`-` (standard input) cannot be named beside other paths")
    paths = [Path(path) for path in (args.paths or ["."])]
    rules = _Rules(
        None if args.select is None else _codes("--select", args.select),
        () if args.ignore is None else _codes("--ignore", args.ignore),
    )
    if args.show_settings:
        return _show_settings(paths, args, rules)
    if args.watch:
        if stdin:
            raise UsageError("--watch does not read standard input; name the map's files")
        return _watch(paths, args, rules)
    errors: list[MapError] = []
    if stdin:
        results, files = _check_stdin(args, rules)
    else:
        results, files = _check_paths(paths, args, rules, errors)
    if not results and not errors and not stdin:
        print("note: no map to check among the paths named", file=sys.stderr)
        return ExitCode.OK
    found = diag.sort(d for result in results for d in result.diagnostics)
    errors += [error for result in results for error in result.errors]
    if not args.quiet:
        for note in (note for result in results for note in result.notes):
            print(f"note: {escape_controls(note)}", file=sys.stderr)
    _print_findings(found, files, args, quiet=bool(errors) and not found)
    if errors:
        raise LoadError(errors)
    failing = any(d.severity.fails for d in found)
    return ExitCode.FINDINGS if failing and not args.exit_zero else ExitCode.OK


@attrs.frozen
class _Rules:
    """The command line's ``--select`` (None: the settings') and ``--ignore``."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]


def _cache(args: argparse.Namespace) -> bool | str:
    """The cache setting: off by ``--no-cache`` or ``ARGMAP_NO_CACHE``, else the folder."""
    if args.no_cache or os.environ.get("ARGMAP_NO_CACHE", "") not in ("", "0"):
        return False
    return True if args.cache_dir is None else str(args.cache_dir)


def _print_findings(
    found: list[diag.Diagnostic], files: Sequence[str], args: argparse.Namespace, *, quiet: bool
) -> None:
    """Print the findings in the chosen format; only load errors (``quiet``): nothing."""
    from argmap import output  # noqa: PLC0415 - the formats are only needed here

    if args.statistics:
        if found:
            sys.stdout.write(output.statistics(found))
        return
    if quiet and args.output_format in _HUMAN_FORMATS:
        return
    sys.stdout.write(
        output.render_findings(
            found,
            output_format=_FORMAT_ALIASES.get(args.output_format, args.output_format),
            files=files,
            colour=_colour(args, sys.stdout),
            summary=not args.quiet,
        )
    )


def _check_paths(
    paths: Sequence[Path],
    args: argparse.Namespace,
    rules: _Rules,
    errors: list[MapError],
) -> tuple[list[MapCheck], list[str]]:
    """Check every map the paths name, each once, in worker processes.

    What discovery could not read is added to ``errors``.
    """
    from argmap.batch import check_maps  # noqa: PLC0415
    from argmap.loading.contents import Contents  # noqa: PLC0415

    contents = Contents()  # each file read once, by discovery: a pipe cannot be read twice
    skipped: dict[tuple[Path, str], None] = {}
    specs, unread = _discover(paths, args, contents, skipped)
    errors += unread
    if not args.quiet:
        for path, why in skipped:
            print(f"note: passed over `{escape_controls(str(path))}`: {why}", file=sys.stderr)
    if args.text is not None and len(specs) != 1:
        shown = " ".join(str(path) for path in paths)
        raise UsageError(f"`{shown}` holds {len(specs)} maps; --text needs one: name it")
    configs = _configs(specs)
    if args.text is not None:
        results = [_check_with_text(specs[0], configs[0], args, rules, contents)]
    else:
        try:
            results = check_maps(
                specs,
                configs=configs,
                select=rules.select,
                ignore=rules.ignore,
                cache=_cache(args),
                jobs=args.jobs,
                contents=contents,
            )
        except ValueError as exc:  # an unknown rule in --select or --ignore
            raise UsageError(str(exc)) from None
    files = sorted({str(file) for spec in specs for file in spec.files})
    return results, files


def _discover(
    paths: Sequence[Path],
    args: argparse.Namespace,
    contents: Contents | None = None,
    skipped: dict[tuple[Path, str], None] | None = None,
) -> tuple[list[MapFiles], list[MapError]]:
    """The maps the paths name, each once (a map named by several of its files is one map).

    Each path is discovered with the settings found from it: their ``include``, and their
    ``exclude`` replaced by ``--exclude`` or extended by ``--extend-exclude``. A ``.bib`` file
    stands for the maps of its project, a ``pyproject.toml`` for the maps under its folder.
    With ``--force-exclude``, a file named is passed over when walking would pass it over.
    The files read are kept in ``contents``, so that loading does not read them again, and
    what discovery passed over (with why) in ``skipped``.
    """
    from argmap.loading.discover import discover  # noqa: PLC0415 - imports pathspec

    specs: dict[tuple[str, ...], MapFiles] = {}
    errors: list[MapError] = []
    walked: dict[Path, set[str]] = {}
    for named in paths:
        path = _standing_for(named)
        config = find_config(path)
        base = config.path.parent if config.path is not None else None
        exclude = _excluded(config, args)
        if args.force_exclude and path == named and not _is_folder(path):
            root = base or Path()
            if root not in walked:
                found = discover(
                    [root], include=config.include, exclude=exclude, base=base, contents=contents
                )
                walked[root] = {file_key(file) for spec in found.maps for file in spec.files}
            if file_key(path) not in walked[root]:
                continue  # pre-commit names every file it matched: leave what a walk leaves
        found = discover(
            [path], include=config.include, exclude=exclude, base=base, contents=contents
        )
        errors.extend(found.errors)
        if skipped is not None:
            skipped.update(dict.fromkeys(found.skipped))  # ordered, each once
        if not found.maps and not found.errors and path == named:
            errors.append(MapError(str(path), 1, 1, f"`{path}` holds no map", _NO_MAP_HINT))
        for spec in found.maps:
            specs.setdefault(tuple(file_key(file) for file in spec.files), spec)
    return list(specs.values()), errors


def _standing_for(path: Path) -> Path:
    """The path a named file stands for: a bibliography's project, a pyproject.toml's folder."""
    if path.name == "pyproject.toml":
        return path.parent
    if path.suffix.lower() == ".bib":
        from argmap.loading.locate import project_of  # noqa: PLC0415

        return project_of(path) or path.parent
    return path


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _patterns(text: str) -> tuple[str, ...]:
    return tuple(pattern.strip() for pattern in text.split(",") if pattern.strip())


def _configs(specs: Sequence[MapFiles]) -> list[Config]:
    """The settings of each map, found once per folder (many one-file maps share one)."""
    by_folder: dict[Path, Config] = {}
    configs = []
    for spec in specs:
        folder = spec.root if _is_folder(spec.root) else spec.root.parent
        if folder not in by_folder:
            by_folder[folder] = find_config(folder)
        configs.append(by_folder[folder])
    return configs


def _check_with_text(
    spec: MapFiles, config: Config, args: argparse.Namespace, rules: _Rules, contents: Contents
) -> MapCheck:
    """Check one map against its analysed text, in this process."""
    return _check_one(spec, config, rules, contents=contents, cache=_cache(args), text=args.text)


def _check_stdin(args: argparse.Namespace, rules: _Rules) -> tuple[list[MapCheck], list[str]]:
    """Check the map file read from standard input, named by ``--stdin-filename``."""
    name = args.stdin_filename or _STDIN
    spec, contents = _stdin_spec(name)
    result = _check_one(spec, find_config(Path(name)), rules, contents=contents, text=args.text)
    return [result], [str(file) for file in spec.files]


def _check_one(
    spec: MapFiles,
    config: Config,
    rules: _Rules,
    *,
    contents: Contents,
    cache: bool | str = False,
    text: str | None = None,
) -> MapCheck:
    """Check one map in this process; an unknown rule is a usage error."""
    from argmap.batch import check_map  # noqa: PLC0415

    try:
        return check_map(
            spec,
            config=config,
            select=rules.select,
            ignore=rules.ignore,
            cache=cache,
            contents=contents,
            text=text,
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _stdin_spec(name: str) -> tuple[MapFiles, Contents]:
    """Read standard input as the file ``name``: its whole map when the file exists.

    Raises:
        LoadError: when standard input is too large or holds no map.
    """
    from argmap.loading.contents import Contents, max_file_bytes  # noqa: PLC0415
    from argmap.loading.discover import MapFiles, classify  # noqa: PLC0415

    limit = max_file_bytes()
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        hint = "pass the file's name instead, or raise ARGMAP_MAX_FILE_SIZE"
        raise LoadError([MapError(name, 1, 1, f"standard input is over {limit} bytes", hint)])
    path = Path(name)
    contents = Contents()
    contents.put(path, data)
    if name != _STDIN and path.is_file():
        from argmap.loading.pipeline import the_map  # noqa: PLC0415

        return the_map(path, contents=contents), contents
    kind = classify(name, data)
    if kind is None:
        hint = "give a YAML map (with `nodes:` or `map:`), AIF or argmap JSON, or Argdown"
        raise LoadError([MapError(name, 1, 1, "standard input holds no map", hint)])
    header = path if kind == "yaml-header" else None
    map_format: MapFormat = "yaml" if kind in {"yaml", "yaml-header"} else _NOT_YAML[kind]
    return MapFiles(path, (path,), map_format, header), contents


def _show_settings(paths: Sequence[Path], args: argparse.Namespace, rules: _Rules) -> int:
    """Print the settings in force for each path and where they came from, as ruff does."""
    from argmap.linter import select_rules  # noqa: PLC0415

    lines: list[str] = []
    for path in paths:
        config = find_config(path)
        chosen = config.select if rules.select is None else rules.select
        ignored = (*config.ignore, *rules.ignore)
        try:
            in_force = select_rules(chosen, ignored)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        levels = [f"{code}={level}" for code, level in sorted(config.severity.items())]
        lines += [
            f"Settings for {path}:",
            f"  settings file: {config.path or '(none: the defaults)'}",
            f"  include: {_listed(config.include) or '(every map file)'}",
            f"  exclude: {_listed(_excluded(config, args)) or '(none)'}"
            + (" (--exclude)" if args.exclude is not None else ""),
            f"  select: {_listed(chosen or ('ALL',))}"
            + (" (--select)" if rules.select is not None else ""),
            f"  ignore: {_listed(ignored) or '(none)'}",
            f"  severity: {_listed(levels) or '(each rule its own)'}",
            f"  rules in force: {_listed(rule.code for rule in in_force)}",
        ]
    skipped: dict[tuple[Path, str], None] = {}
    specs, errors = _discover(paths, args, skipped=skipped)
    lines.append("Maps:")
    lines += [f"  {spec.root} ({spec.format}): {_listed(map(str, spec.files))}" for spec in specs]
    lines += [f"  error: {error}" for error in errors]
    if skipped:
        lines.append("Passed over:")
        lines += [f"  {path}: {why}" for path, why in skipped]
    print(_escape_lines("\n".join(lines)))
    return ExitCode.OK


def _excluded(config: Config, args: argparse.Namespace) -> tuple[str, ...]:
    """The exclude patterns in force: ``--exclude`` or the settings', and ``--extend-exclude``."""
    exclude = config.exclude if args.exclude is None else _patterns(args.exclude)
    return (*exclude, *_patterns(args.extend_exclude or ""))


def _listed(items: Iterable[str] | None) -> str:
    return ", ".join(items or ())


def _watch(paths: Sequence[Path], args: argparse.Namespace, rules: _Rules) -> int:
    """Check the maps under ``paths`` now and after every change, until Ctrl-C (exit 130)."""
    from argmap.watch import watch  # noqa: PLC0415 - only --watch needs watchfiles

    if args.text is not None:
        raise UsageError("--watch does not take --text")
    config = find_config(paths[0])
    config = attrs.evolve(
        config,
        select=config.select if rules.select is None else rules.select,
        ignore=(*config.ignore, *rules.ignore),
    )
    from argmap import output  # noqa: PLC0415

    colour = _colour(args, sys.stdout)
    # A stream of rounds: JSON as one finding per line, so that each round can be read at once.
    chosen = _FORMAT_ALIASES.get(args.output_format, args.output_format)
    chosen = "json-lines" if chosen == "json" else chosen

    def show(result: Checked) -> None:
        if result.changed:
            names = ", ".join(escape_controls(str(file)) for file in result.changed)
            print(f"-- changed: {names}")
        for error in result.errors:
            print(error, file=sys.stderr)
        text = output.render_findings(
            result.diagnostics, output_format=chosen, colour=colour, summary=not args.quiet
        )
        sys.stdout.write(text)
        sys.stdout.flush()

    watch(paths, on_result=show, config=config)
    return ExitCode.OK


# -- colour ------------------------------------------------------------------------------------


def _colour_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        "--colour",
        dest="color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output: auto (default: on a terminal, as FORCE_COLOR, NO_COLOR and "
        "TERM=dumb say), always or never",
    )


def _colour(args: argparse.Namespace, stream: TextIO) -> bool:
    """Whether to colour ``stream``: ``--color``, else the environment, else a terminal."""
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return bool(choice == "always")
    return _colour_enabled(stream)


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number from 1")
    return jobs


def _codes(option: str, text: str) -> tuple[str, ...]:
    """The codes of ``--select``/``--ignore``; naming none is a usage error, not "no rule"."""
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    if not codes:
        raise UsageError(f"{option} names no rule; give comma-separated codes such as AM001,AM004")
    return codes


#: The names of ``--output-format``, as ruff names its own (``text`` is kept for ``--format``).
_OUTPUT_FORMATS = (
    "concise",
    "full",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "sarif",
    "junit",
    "grouped",
    "pylint",
    "text",
)
_FORMAT_ALIASES = {"text": "concise"}
#: Formats for people: when only load errors were found, they print nothing more.
_HUMAN_FORMATS = frozenset({"concise", "text", "full", "grouped", "pylint"})
#: The name of standard input among the paths, and of its file when none is given.
_STDIN = "-"
_NO_MAP_HINT = "give a map file or a folder holding one"
_NOT_YAML: dict[str, MapFormat] = {"aif": "aif", "json": "json", "argdown": "argdown"}
_ONE_MAP_HELP = "a map file, or a folder holding one map (default: the current folder)"


# -- render ------------------------------------------------------------------------------------


def _depth(text: str) -> int:
    try:
        depth = int(text)
    except ValueError:
        depth = -1
    if depth < 0:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number from 0")
    return depth


def _render(args: argparse.Namespace) -> int:
    from argmap import render as drawing  # noqa: PLC0415 - only the render command needs it

    path = Path(args.path)
    config = find_config(path)
    argument_map = load(path)
    inputs = _inputs(argument_map, config.path)
    for output in args.output:
        if output != _STDOUT:
            _check_output(output, inputs, example="map.svg")
    findings: dict[str, list[str]] = {}
    if not args.no_diagnostics:
        found = check(argument_map, config=config)
        for diagnostic in found:
            if diagnostic.node is not None:
                findings.setdefault(diagnostic.node, []).append(
                    f"{diagnostic.code} {diagnostic.name}"
                )
    if args.focus is not None and args.focus not in argument_map:
        raise UsageError(f"unknown id `{args.focus}`; {_nearest(args.focus, argument_map.ids)}")
    labels = None
    if args.labels:
        from argmap.acceptability import weigh  # noqa: PLC0415 - only --labels needs it

        labels = weigh(argument_map).labels
    # The finest drawing `dot` can lay out within its budget: the map, or a summary of it, or
    # a shallower view around the focus; each step down is said in a note.
    planned = drawing.plan(
        argument_map,
        direction=args.direction,
        diagnostics=findings,
        focus=args.focus,
        depth=args.depth,
        legend=args.legend,
        labels=labels,
    )
    if planned.note:
        print(f"note: {escape_controls(planned.note)}", file=sys.stderr)
    for output in args.output:
        if output == _STDOUT:
            sys.stdout.write(planned.dot)
            continue
        try:
            written = drawing.draw(planned, Path(output))
        except drawing.RenderError as exc:  # dot failed, or ran out of time every time
            raise UsageError(str(exc)) from None
        if written is not planned:  # dot ran out of time: a coarser drawing was written
            print(f"note: {escape_controls(written.note or '')}", file=sys.stderr)
            planned = written
        _wrote(output)
    return ExitCode.OK


def _nearest(word: str, candidates: Sequence[str]) -> str:
    return did_you_mean(word, candidates, n=3, cutoff=0.5) or "no id is close to it"


# -- trace and sources -------------------------------------------------------------------------


def _trace(args: argparse.Namespace) -> int:
    from argmap import trace as tracing  # noqa: PLC0415 - only these commands need them
    from argmap.render import tree  # noqa: PLC0415

    path, node_id = _trace_words(args.words, source=args.source is not None)
    argument_map = load(Path(path))
    try:
        if node_id is None:
            result: tracing.TraceNode | tracing.UpTrace = tracing.trace_up(
                argument_map, args.source, depth=args.depth
            )
        else:
            result = tracing.trace_down(argument_map, node_id, depth=args.depth)
    except tracing.TraceError as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        sys.stdout.write(tree.to_json(result))
        return ExitCode.OK
    colour, width = _colour(args, sys.stdout), _trace_width()
    if isinstance(result, tracing.UpTrace):
        text = tree.up_to_text(result, ascii=args.ascii, colour=colour, width=width, full=args.full)
    else:
        text = tree.trace_to_text(
            result, ascii=args.ascii, colour=colour, width=width, full=args.full
        )
    sys.stdout.write(text)
    return ExitCode.OK


def _trace_width() -> int:
    """The width trees fit in: ``COLUMNS`` when set, else the terminal's, else 100 columns."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdecimal() and int(columns) > 0:
        return max(40, int(columns))
    return _width()


def _trace_words(words: Sequence[str], *, source: bool) -> tuple[str, str | None]:
    """Split `[PATH] ID` (with --source: `[PATH]`) into the map's path and the node id."""
    if source:
        if len(words) > 1:
            raise UsageError("with --source KEY, give at most a PATH")
        return (words[0] if words else "."), None
    if not words:
        raise UsageError("name a node: `argmap trace [PATH] ID`, or a source: `--source KEY`")
    if len(words) > 2:
        raise UsageError("too many arguments: `argmap trace [PATH] ID`")
    return (".", words[0]) if len(words) == 1 else (words[0], words[1])


def _sources(args: argparse.Namespace) -> int:
    from argmap.render import tree  # noqa: PLC0415 - only these commands need them
    from argmap.trace import weigh_sources  # noqa: PLC0415

    argument_map = load(Path(args.path))
    rows = weigh_sources(argument_map)
    if args.format == "json":
        sys.stdout.write(tree.to_json(rows))
    else:
        theses = [node.id for node in argument_map.theses]
        colour = _colour(args, sys.stdout)
        sys.stdout.write(tree.sources_to_text(rows, ascii=args.ascii, colour=colour, theses=theses))
    return ExitCode.OK


def _width() -> int:
    """The terminal's width for trees on a terminal; 100 columns otherwise."""
    import shutil  # noqa: PLC0415 - with bz2 and lzma, 1.5 ms of every start-up

    return max(60, shutil.get_terminal_size().columns) if sys.stdout.isatty() else 100


# -- import and export ------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    from argmap.interchange.dispatch import import_file  # noqa: PLC0415 - only this command
    from argmap.interchange.yaml import to_yaml  # noqa: PLC0415 - only this command needs it

    source = Path(args.file)
    result = import_file(source, kind=args.source_format)
    folder = Path(args.output)
    target = folder / f"{source.stem}.yaml"
    _check_output(str(target), {source: "the file being imported"}, example="map.yaml")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        comment = f"Imported by argmap from {source}"
        # the bibliography path is rewritten relative to the output folder, so the map loads
        write_atomically(target, to_yaml(result.map, comment=comment, folder=folder))
    except OSError as exc:
        raise UsageError(f"cannot write into `{folder}`: {_reason(exc)}") from None
    print(_escape_lines(str(result.report)))
    _wrote(str(target))
    return ExitCode.OK


def _export(args: argparse.Namespace) -> int:
    from argmap.interchange.dispatch import export_text  # noqa: PLC0415 - only this command

    path = Path(args.path)
    argument_map = load(path)
    to_file = args.output is not None and args.output != _STDOUT
    if to_file:
        inputs = _inputs(argument_map, _settings_file(path))
        _check_output(args.output, inputs, example="map.json")
    folder = Path(args.output).parent if to_file else Path()
    text = export_text(argument_map, args.to, folder=folder)
    if not to_file:
        sys.stdout.write(text)
        return ExitCode.OK
    try:
        write_atomically(args.output, text)
    except OSError as exc:
        raise UsageError(f"cannot write `{args.output}`: {_reason(exc)}") from None
    _wrote(args.output)
    return ExitCode.OK


def _lsp(args: argparse.Namespace) -> int:
    from argmap.lsp import main as serve  # noqa: PLC0415 - only this command needs it

    gc.enable()  # a long-lived server: unlike a check, it must collect what it lets go
    return serve(args.server_args)


def _report(args: argparse.Namespace) -> int:
    from argmap.report import ReportError, write_report  # noqa: PLC0415 - only this command

    path = Path(args.path)
    argument_map = load(path, text=args.text)
    inputs = _inputs(argument_map, _settings_file(path))
    _check_output(args.output, inputs, example="review.html")
    config = find_config(path)
    found = check(argument_map, config=config)
    try:
        write_report(argument_map, args.output, diagnostics=found)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    _wrote(args.output)
    return ExitCode.OK


# -- writing outputs -----------------------------------------------------------------------------

#: The output name that means standard output.
_STDOUT = "-"


def _settings_file(path: Path) -> Path | None:
    """The pyproject.toml holding the settings of the map at ``path``, if one can be read."""
    try:
        return find_config(path).path
    except LoadError:  # export uses no setting: a broken file is no reason to stop
        return None


def _inputs(argument_map: ArgumentMap, settings: Path | None) -> dict[Path, str]:
    """The files a command read for a map, each with what it is, so that none is written over.

    They are the map's files, its bibliography (the files its sources were read from, and the
    file its header names or the nearest ``references.bib``, even when empty), the analysed
    text and the ``pyproject.toml`` holding the settings.
    """
    inputs = {Path(file): "a file of the map" for file in argument_map.files}
    read = {source.position.file for source in argument_map.sources.values()}
    bibliography = [Path(file) for file in sorted(read)]
    named = [] if argument_map.bibliography is None else [argument_map.bibliography]
    near = Path(argument_map.files[0]) if argument_map.files else Path()
    bibliography += bibliography_files(
        [(name, argument_map.position) for name in named], near=near
    )[0]
    for file in bibliography:
        inputs.setdefault(file, "the map's bibliography")
    if argument_map.text is not None:
        inputs.setdefault(Path(argument_map.text.file), "the analysed text")
    if settings is not None:
        inputs.setdefault(settings, "the settings of the map")
    return inputs


def _check_output(output: str, inputs: Mapping[Path, str], *, example: str) -> None:
    """Refuse an output that is a folder, or that is one of the inputs (hard links included).

    Raises:
        UsageError: saying which input the output is, or how to name a file instead.
    """
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        raise UsageError(f"`{output}` is a folder; give a file name such as `{path / example}`")
    if not os.path.lexists(path):
        return
    for read, role in inputs.items():
        if same_file(path, read):
            shown = "" if str(read) == output else f" (`{read}`)"
            raise UsageError(
                f"refusing to write `{output}`: it is {role}{shown}; choose another output"
            )


def _escape_lines(text: str) -> str:
    """Text of several lines for a terminal: control characters escaped, line breaks kept."""
    return "\n".join(escape_controls(line) for line in text.split("\n"))


def _wrote(output: str) -> None:
    print(f"wrote {escape_controls(output)}", file=sys.stderr)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# -- status ------------------------------------------------------------------------------------


_LABEL_COLOURS = {"IN": "32", "OUT": "31", "UNDEC": "33"}
_SEMANTICS = ("grounded", "complete", "preferred", "stable")


def _status(args: argparse.Namespace) -> int:
    from argmap.acceptability import label_map  # noqa: PLC0415 - only this command needs it

    argument_map = load(Path(args.path))
    semantics = None
    if args.semantics != "grounded":
        from argmap.semantics import Semantics  # noqa: PLC0415 - only these semantics need it

        semantics = Semantics[args.semantics.upper()]
    statuses = _within_time_limit(
        lambda: label_map(argument_map, semantics=semantics),
        args.time_limit,
        f"{args.path}: {args.semantics} semantics",
        "or use --semantics grounded",
    )
    if args.format == "json":
        rows = [
            {
                "node": status.node,
                "kind": argument_map.node(status.node).kind,
                "thesis": argument_map.node(status.node).thesis,
                "label": status.label.name,
                "why": status.why,
                "defeaters": list(status.defeaters),
            }
            for status in statuses
        ]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    colour = _colour(args, sys.stdout)
    width = max((len(escape_controls(s.node)) for s in statuses), default=0)
    counts = dict.fromkeys(("IN", "OUT", "UNDEC"), 0)
    for status in statuses:
        node = argument_map.node(status.node)
        label = status.label.name
        counts[label] += 1
        shown = f"\033[{_LABEL_COLOURS[label]}m{label:<5}\033[0m" if colour else f"{label:<5}"
        kind = "thesis" if node.thesis else node.kind
        node_id, why = escape_controls(status.node), escape_controls(status.why)
        print(f"{shown}  {node_id:<{width}}  {kind:<10}  {why}")
    summary = ", ".join(f"{count} {label}" for label, count in counts.items())
    by = "" if semantics is None else f" by {args.semantics} semantics"
    print(f"{summary}{by}.")
    return ExitCode.OK


# -- solve -------------------------------------------------------------------------------------


def _solve(args: argparse.Namespace) -> int:
    from argmap.interchange import iccma  # noqa: PLC0415 - only this command needs it

    try:
        task = iccma.Task.parse(args.task)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    framework = iccma.read_framework(Path(args.file))
    try:
        answer = _within_time_limit(
            lambda: iccma.solve(framework, task, args.argument),
            args.time_limit,
            f"{args.file}: {args.task}",
            "or leave it out to wait for the answer",
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(_escape_lines(iccma.format_answer(answer)))
    return ExitCode.OK


def _within_time_limit(
    work: Callable[[], _Answer], seconds: float | None, what: str, hint: str
) -> _Answer:
    """Return ``work()``, or stop with exit status 2 when its semantics run out of time."""
    from argmap.semantics import TimeLimitExceeded, time_limit  # noqa: PLC0415 - with the command

    try:
        with time_limit(seconds):
            return work()
    except TimeLimitExceeded as exc:
        raise UsageError(
            f"{what} not answered within {exc.seconds:g} s (NP-hard on large, dense attack "
            f"graphs); raise --time-limit, {hint}"
        ) from None


# -- rules -----------------------------------------------------------------------------------


def _rule_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=("text", "json"),
        default="text",
        help="text (default) or json",
    )


def _rules(args: argparse.Namespace) -> int:
    if args.output_format == "json":
        sys.stdout.write(_rules_json(RULES))
        return ExitCode.OK
    width = max(len(rule.name) for rule in RULES)
    for rule in RULES:
        print(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}")
    return ExitCode.OK


def _rule(args: argparse.Namespace) -> int:
    if args.all == (args.code is not None):
        raise UsageError("name one rule (`argmap rule AM004`), or give --all")
    if args.all:
        rules: Sequence[Rule] = RULES
    else:
        rule = lookup(args.code)
        if rule is None:
            names = [r.code for r in RULES] + [r.name for r in RULES]
            hint = did_you_mean(args.code, names) or "run `argmap rules` to list them"
            raise UsageError(f"unknown rule `{args.code}`; {hint}")
        rules = [rule]
    if args.output_format == "json":
        sys.stdout.write(_rules_json(rules, whole=True) if args.all else _rule_json(rules[0]))
    else:
        sys.stdout.write("\n".join(explain(rule) for rule in rules))
    return ExitCode.OK


def _rule_json(rule: Rule) -> str:
    return json.dumps(_rule_dict(rule, whole=True), indent=2, ensure_ascii=False) + "\n"


def _rules_json(rules: Sequence[Rule], *, whole: bool = False) -> str:
    """The rules as a JSON array, as ``ruff rule --all --output-format json`` prints them."""
    rows = [_rule_dict(rule, whole=whole) for rule in rules]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _rule_dict(rule: Rule, *, whole: bool) -> dict[str, object]:
    """A rule's code, name, default severity and status; ``whole``: its explanation too."""
    row: dict[str, object] = {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "status": rule.status.value,
        "summary": rule.summary,
    }
    if whole:
        row |= {
            "rationale": rule.rationale,
            "fix": rule.fix,
            "example": rule.firing.yaml,
            "use_instead": rule.clean.yaml,
            "explanation": explain(rule),
        }
    return row


def explain(rule: Rule) -> str:
    """Return a rule's documentation as Markdown: what, why, an example, the fix."""
    return (
        f"# {rule.name} ({rule.code})\n\n"
        f"Default severity: {rule.severity.value}\n\n"
        f"## What it does\n{rule.summary}\n\n"
        f"## Why is this bad?\n{rule.rationale}\n\n"
        f"## Example\n```yaml\n{rule.firing.yaml}```\n\n"
        f"## Use instead\n```yaml\n{rule.clean.yaml}```\n\n"
        f"## Fix\n{rule.fix}\n"
    )


# -- output ----------------------------------------------------------------------------------


def _print_errors(exc: LoadError, *, colour: bool) -> None:
    for error in exc.errors:
        line = str(error)
        if colour:
            where, _, rest = line.partition(": error: ")
            line = f"\033[1m{where}\033[0m: \033[31merror\033[0m: {rest}"
        print(line, file=sys.stderr)


def _colour_enabled(stream: TextIO) -> bool:
    """Whether ``--color auto`` colours ``stream``, in the order Python 3.13 itself decides.

    ``NO_COLOR`` set and not empty: never (https://no-color.org). Else ``FORCE_COLOR`` set and
    not empty: always, even into a pipe (https://force-color.org). Else ``TERM=dumb``: never.
    Else only on a terminal.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (ValueError, OSError):  # a closed stream
        return False


def _styled(diagnostic: diag.Diagnostic, *, colour: bool) -> str:
    """One finding as ``concise`` prints it."""
    from argmap import output  # noqa: PLC0415

    line = output.render_findings(
        [diagnostic], output_format="concise", colour=colour, summary=False
    )
    return line.removesuffix("\n")
