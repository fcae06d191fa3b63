"""``argmap lsp``: a Language Server for argument maps, over standard input and output.

Editors start it as ``argmap lsp`` (or ``python -m argmap.lsp``) for YAML map files, ``.bib``
files and the AIF, Argdown and argmap-JSON maps argmap reads. It publishes ``argmap check``'s
diagnostics as the maps are edited, and offers go-to-definition, references, hover,
completion, rename, outlines, quick fixes and each claim's label. See ``docs/editors.rst``
for the editor set-ups.

The server needs the ``lsp`` extra (``pip install argmap[lsp]``): pygls and lsprotocol. Only
this package imports them; ``import argmap`` never does.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the language server on standard input and output until the client says exit.

    Args:
        argv: the command-line arguments after ``lsp`` (default: ``sys.argv[1:]``):
            ``--stdio`` (accepted and ignored: the only transport), ``--log-file FILE``
            and ``--log-level LEVEL`` for the server's own log.

    Returns:
        The exit status: 0 after ``shutdown`` then ``exit`` (or after ``--help``), 1 when the
        client exits (or closes the connection) without ``shutdown``, 2 for a usage error or
        when pygls is missing.
    """
    parser = argparse.ArgumentParser(
        prog="argmap lsp", description="Run argmap's language server on standard input/output."
    )
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    parser.add_argument("--log-file", metavar="FILE", help="write the server's log to FILE")
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log (default: WARNING)",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error (already printed)
        return stop.code if isinstance(stop.code, int) else 2
    import logging  # noqa: PLC0415 - only the server logs
    import sys  # noqa: PLC0415

    try:
        from argmap.lsp.server import build_server  # noqa: PLC0415 - imports pygls
    except ImportError as exc:
        print(
            f"argmap: error: the language server needs pygls ({exc}); "
            "install it with `pip install 'argmap[lsp]'`",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(
        filename=args.log_file,
        level=args.log_level,
        format="%(asctime)s %(name)s %(levelname)s: %(message)s",
    )
    server = build_server()
    server.start_io()
    return 0 if server.shut_down else 1
