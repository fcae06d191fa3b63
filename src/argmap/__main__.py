"""``python -m argmap``: the command line."""

import gc


def run() -> int:
    """Run the command line and return its exit status, the cyclic collector kept out of it.

    A command is a short-lived process whose objects hold no garbage worth collecting, and
    :func:`argmap.cli.main` turns the collector off; here it is off from the first import of
    the command line on. Once the command is done, its objects (the modules, the map, the
    findings) move to the collector's permanent generation (:func:`gc.freeze`), so that the
    interpreter's shutdown does not scan them all again, a tenth of a small check's CPU time;
    they are still freed, files closed and ``atexit`` handlers run as before. A long-lived
    process (tests, the language server) calls :func:`argmap.cli.main` instead.
    """
    gc.disable()
    from argmap.cli import main  # noqa: PLC0415 - imported without the collector

    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    raise SystemExit(run())
