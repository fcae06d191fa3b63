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
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn, TextIO

import attrs

from argmap import diagnostics as diag
from argmap._io import same_file, write_atomically
from argmap.config import Config, find_config
from argmap.errors import LoadError, did_you_mean, escape_controls
from argmap.interchange.dispatch import EXPORT_FORMATS, export_text, import_file
from argmap.linter import check
from argmap.loading.locate import bibliography_files
from argmap.loading.pipeline import load
from argmap.rules import RULES, Rule, lookup

if TYPE_CHECKING:
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
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if args.command is _lsp:  # the server parses its own options
        args.server_args = [*args.server_args, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        code = command(args)
        if not sys.stdout.closed:  # the language server closes it when the client exits
            sys.stdout.flush()  # a full disk or a closed pipe is reported here, not at exit
    except LoadError as exc:
        _print_errors(exc)
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
    """argparse, with control characters of the command line escaped in its error line."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``argmap: error: message`` and exit with status 2."""
        super().error(escape_controls(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="argmap",
        description="Lint, trace and render argument maps whose evidence cites BibTeX sources.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    check_parser = commands.add_parser(
        "check", help="report gaps in a map's support (the default job)"
    )
    check_parser.add_argument(
        "path", nargs="?", default="arguments", help="map file or folder (default: arguments/)"
    )
    check_parser.add_argument("--format", choices=("text", "json"), default="text")
    check_parser.add_argument(
        "--select", metavar="CODES", help="comma-separated rules to run, e.g. AM001,AM004"
    )
    check_parser.add_argument("--ignore", metavar="CODES", help="comma-separated rules to skip")
    check_parser.add_argument(
        "--text", metavar="FILE", help="the analysed text, to check paragraph coverage"
    )
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
    check_parser.set_defaults(command=_check)

    render_parser = commands.add_parser(
        "render", help="draw a map as DOT, SVG, PNG or PDF (by the output's suffix)"
    )
    render_parser.add_argument(
        "path", nargs="?", default="arguments", help="map file or folder (default: arguments/)"
    )
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
    render_parser.set_defaults(command=_render)

    trace_parser = commands.add_parser(
        "trace",
        help="show the support below a node, or what rests on a source (--source)",
        usage="argmap trace [PATH] ID [options]\n       argmap trace [PATH] --source KEY [options]",
    )
    trace_parser.add_argument(
        "words",
        nargs="*",
        metavar="[PATH] ID",
        help="map file or folder (default: arguments/), then the node to trace down from",
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
    trace_parser.set_defaults(command=_trace)

    sources_parser = commands.add_parser(
        "sources", help="weigh every source: what rests on it, what falls without it"
    )
    sources_parser.add_argument(
        "path", nargs="?", default="arguments", help="map file or folder (default: arguments/)"
    )
    sources_parser.add_argument("--format", choices=("text", "json"), default="text")
    sources_parser.add_argument("--ascii", action="store_true", help="use ASCII only")
    sources_parser.set_defaults(command=_sources)

    status_parser = commands.add_parser(
        "status", help="label every node IN, OUT or UNDEC once the objections are weighed"
    )
    status_parser.add_argument(
        "path", nargs="?", default="arguments", help="map file or folder (default: arguments/)"
    )
    status_parser.add_argument("--format", choices=("text", "json"), default="text")
    status_parser.set_defaults(command=_status)

    report_parser = commands.add_parser(
        "report", help="write a reviewer's report: one HTML page or Markdown, by the suffix"
    )
    report_parser.add_argument(
        "path", nargs="?", default="arguments", help="map file or folder (default: arguments/)"
    )
    report_parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the report: .html or .md"
    )
    report_parser.add_argument(
        "--text", metavar="FILE", help="the analysed text, shown beside the map"
    )
    report_parser.set_defaults(command=_report)

    lsp_parser = commands.add_parser(
        "lsp",
        help="run the language server for editors on stdin/stdout (needs argmap[lsp])",
        add_help=False,
    )
    lsp_parser.add_argument("server_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    lsp_parser.set_defaults(command=_lsp)

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
    solve_parser.set_defaults(command=_solve)

    import_parser = commands.add_parser(
        "import", help="convert an AIF JSON or Argdown file into a map in the YAML format"
    )
    import_parser.add_argument("file", help="an AIF .json (AIFdb, OVA, xAIF) or .argdown file")
    import_parser.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder to write FILE's map into"
    )
    import_parser.add_argument(
        "--from", dest="source_format", choices=("aif", "argdown"), help="default: by content"
    )
    import_parser.set_defaults(command=_import)

    export_parser = commands.add_parser(
        "export", help="write a map as AIF JSON, xAIF, argmap's JSON or Argdown"
    )
    export_parser.add_argument(
        "path", nargs="?", default="arguments", help="map file or folder (default: arguments/)"
    )
    export_parser.add_argument("--to", required=True, choices=EXPORT_FORMATS)
    export_parser.add_argument(
        "-o", "--output", metavar="FILE", help="file to write (default, or -: standard output)"
    )
    export_parser.set_defaults(command=_export)

    rules_parser = commands.add_parser("rules", help="list the rules")
    rules_parser.set_defaults(command=_rules)

    rule_parser = commands.add_parser("rule", help="explain one rule")
    rule_parser.add_argument(
        "code", help="a code such as AM004, or a name such as uncited-evidence"
    )
    rule_parser.set_defaults(command=_rule)
    return parser


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
    path = Path(args.path)
    config = find_config(path)
    cache: bool | str = not args.no_cache and os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")
    if cache and args.cache_dir is not None:
        cache = args.cache_dir
    select = config.select if args.select is None else _codes("--select", args.select)
    ignore = (*config.ignore, *(() if args.ignore is None else _codes("--ignore", args.ignore)))
    if args.watch:
        return _watch(path, attrs.evolve(config, select=select, ignore=ignore), args)
    found: list[diag.Diagnostic] = []
    failed: list[LoadError] = []
    for argument_map in _maps(path, text=args.text, cache=cache, failed=failed):
        try:
            found += check(argument_map, select=select, ignore=ignore, severity=config.severity)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    found = diag.sort(found)
    if failed and not found:
        pass  # only the load errors: nothing else is printed
    elif args.format == "json":
        sys.stdout.write(diag.to_json(found))
    else:
        colour = _colour_enabled(sys.stdout)
        for diagnostic in found:
            print(_styled(diagnostic, colour=colour))
        print(diag.summary(found))
    if failed:
        raise LoadError(error for exc in failed for error in exc.errors)
    failing = any(d.severity.fails for d in found)
    return ExitCode.FINDINGS if failing else ExitCode.OK


def _watch(path: Path, config: Config, args: argparse.Namespace) -> int:
    """Check the maps under ``path`` now and after every change, until Ctrl-C (exit 130)."""
    from argmap.watch import watch  # noqa: PLC0415 - only --watch needs watchfiles

    if args.text is not None:
        raise UsageError("--watch does not take --text")
    colour = _colour_enabled(sys.stdout)

    def show(result: Checked) -> None:
        if result.changed:
            names = ", ".join(escape_controls(str(file)) for file in result.changed)
            print(f"-- changed: {names}")
        for error in result.errors:
            print(error, file=sys.stderr)
        for diagnostic in result.diagnostics:
            if args.format == "json":
                print(json.dumps(diagnostic.to_dict(), ensure_ascii=False))
            else:
                print(_styled(diagnostic, colour=colour))
        if args.format != "json":
            print(diag.summary(result.diagnostics))
        sys.stdout.flush()

    watch([path], on_result=show, config=config)
    return ExitCode.OK


def _maps(
    path: Path, *, text: str | None, cache: bool | str, failed: list[LoadError]
) -> Iterator[ArgumentMap]:
    """Yield each map under ``path``; a map that cannot be loaded is added to ``failed``.

    Raises:
        LoadError: when ``path`` itself cannot be read or holds no map.
        UsageError: when ``--text`` is given for a path holding several maps.
    """
    from argmap.workspace import Workspace  # noqa: PLC0415 - only for several maps

    workspace = Workspace(path, cache=cache)
    maps = workspace.maps
    if not maps:
        workspace.map_files(path)  # raises: the path cannot be read, or holds no map
    if text is not None and len(maps) > 1:
        raise UsageError(f"`{path}` holds {len(maps)} maps; --text needs one: name it")
    if text is not None:
        yield load(path, text=text, cache=cache)
        return
    if workspace.errors:
        failed.append(LoadError(workspace.errors))
    for spec in maps:
        try:
            yield workspace.map_of(spec.root)
        except LoadError as exc:
            failed.append(exc)


def _codes(option: str, text: str) -> tuple[str, ...]:
    """The codes of ``--select``/``--ignore``; naming none is a usage error, not "no rule"."""
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    if not codes:
        raise UsageError(f"{option} names no rule; give comma-separated codes such as AM001,AM004")
    return codes


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
        found = check(argument_map, select=config.select, ignore=config.ignore)
        for diagnostic in found:
            if diagnostic.node is not None:
                findings.setdefault(diagnostic.node, []).append(
                    f"{diagnostic.code} {diagnostic.name}"
                )
    view = argument_map
    if args.focus is None and len(argument_map) > drawing.LAYOUT_LIMIT:
        view = drawing.summarise(argument_map)
        print(
            f"note: the map has {len(argument_map)} nodes, more than `dot` lays out quickly "
            f"({drawing.LAYOUT_LIMIT}); drawing a summary of {len(view)} nodes; use --focus ID "
            "to draw part of it in full",
            file=sys.stderr,
        )
    if args.focus is not None and args.focus not in argument_map:
        raise UsageError(f"unknown id `{args.focus}`; {_nearest(args.focus, argument_map.ids)}")
    labels = None
    if args.labels:
        from argmap.acceptability import weigh  # noqa: PLC0415 - only --labels needs it

        labels = weigh(argument_map).labels
    source = drawing.to_dot(
        view,
        direction=args.direction,
        diagnostics=findings,
        focus=args.focus,
        depth=args.depth,
        legend=args.legend,
        labels=labels,
    )
    for output in args.output:
        if output == _STDOUT:
            sys.stdout.write(source)
            continue
        try:
            drawing.render(source, Path(output))
        except drawing.RenderError as exc:
            raise UsageError(str(exc)) from None
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
    colour, width = _colour_enabled(sys.stdout), _trace_width()
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
        return (words[0] if words else "arguments"), None
    if not words:
        raise UsageError("name a node: `argmap trace [PATH] ID`, or a source: `--source KEY`")
    if len(words) > 2:
        raise UsageError("too many arguments: `argmap trace [PATH] ID`")
    return ("arguments", words[0]) if len(words) == 1 else (words[0], words[1])


def _sources(args: argparse.Namespace) -> int:
    from argmap.render import tree  # noqa: PLC0415 - only these commands need them
    from argmap.trace import weigh_sources  # noqa: PLC0415

    argument_map = load(Path(args.path))
    rows = weigh_sources(argument_map)
    if args.format == "json":
        sys.stdout.write(tree.to_json(rows))
    else:
        theses = [node.id for node in argument_map.theses]
        colour = _colour_enabled(sys.stdout)
        sys.stdout.write(tree.sources_to_text(rows, ascii=args.ascii, colour=colour, theses=theses))
    return ExitCode.OK


def _width() -> int:
    """The terminal's width for trees on a terminal; 100 columns otherwise."""
    return max(60, shutil.get_terminal_size().columns) if sys.stdout.isatty() else 100


# -- import and export ------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    from argmap.interchange.yaml import to_yaml  # noqa: PLC0415 - only this command needs it

    source = Path(args.file)
    result = import_file(source, kind=args.source_format)
    folder = Path(args.output)
    target = folder / f"{source.stem}.yaml"
    _check_output(str(target), {source: "the file being imported"}, example="map.yaml")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(target, to_yaml(result.map, comment=f"Imported by argmap from {source}"))
    except OSError as exc:
        raise UsageError(f"cannot write into `{folder}`: {_reason(exc)}") from None
    print(_escape_lines(str(result.report)))
    _wrote(str(target))
    return ExitCode.OK


def _export(args: argparse.Namespace) -> int:
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


def _status(args: argparse.Namespace) -> int:
    from argmap.acceptability import label_map  # noqa: PLC0415 - only this command needs it

    argument_map = load(Path(args.path))
    statuses = label_map(argument_map)
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
    colour = _colour_enabled(sys.stdout)
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
    print(", ".join(f"{count} {label}" for label, count in counts.items()) + ".")
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
        answer = iccma.solve(framework, task, args.argument)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(_escape_lines(iccma.format_answer(answer)))
    return ExitCode.OK


# -- rules -----------------------------------------------------------------------------------


def _rules(_args: argparse.Namespace) -> int:
    width = max(len(rule.name) for rule in RULES)
    for rule in RULES:
        print(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}")
    return ExitCode.OK


def _rule(args: argparse.Namespace) -> int:
    rule = lookup(args.code)
    if rule is None:
        names = [r.code for r in RULES] + [r.name for r in RULES]
        hint = did_you_mean(args.code, names) or "run `argmap rules` to list them"
        raise UsageError(f"unknown rule `{args.code}`; {hint}")
    sys.stdout.write(explain(rule))
    return ExitCode.OK


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


def _print_errors(exc: LoadError) -> None:
    colour = _colour_enabled(sys.stderr)
    for error in exc.errors:
        line = str(error)
        if colour:
            where, _, rest = line.partition(": error: ")
            line = f"\033[1m{where}\033[0m: \033[31merror\033[0m: {rest}"
        print(line, file=sys.stderr)


def _colour_enabled(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


_SEVERITY_COLOURS = {
    diag.Severity.ERROR: "31",
    diag.Severity.WARNING: "33",
    diag.Severity.INFO: "36",
}


def _styled(diagnostic: diag.Diagnostic, *, colour: bool) -> str:
    if not colour:
        return str(diagnostic)
    where = escape_controls(f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}")
    code = f"\033[{_SEVERITY_COLOURS[diagnostic.severity]}m{diagnostic.code}\033[0m"
    message = escape_controls(diagnostic.message)
    return f"\033[1m{where}\033[0m: {code} {diagnostic.name}: {message}"
