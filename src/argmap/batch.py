"""Check many maps at once, in worker processes: the maps of a repository are independent.

:func:`check_maps` loads and checks each discovered map (:class:`~argmap.loading.discover.
MapFiles`) with the settings of its own project, and returns one :class:`MapCheck` per map, in
the order the maps were given, whatever the number of workers. A worker process gets the map's
files and settings, reads the files itself and sends back only the diagnostics, so nothing
large crosses between processes.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, NoReturn

import attrs

from argmap.errors import LoadError, MapError

if TYPE_CHECKING:
    from argmap.config import Config
    from argmap.diagnostics import Diagnostic
    from argmap.loading.contents import Contents
    from argmap.loading.discover import MapFiles

__all__ = ["MapCheck", "available_cores", "check_map", "check_maps"]


@attrs.frozen
class MapCheck:
    """What checking one map gave: its diagnostics, or the problems that kept it from loading.

    Attributes:
        spec: The map's root, files and format.
        diagnostics: The findings, sorted by file, line and code (empty when it did not load).
        errors: Why the map could not be loaded; empty when it was.
        notes: What loading had to say without it being a finding (see
            :attr:`argmap.ArgumentMap.notes`).
    """

    spec: MapFiles
    diagnostics: tuple[Diagnostic, ...] = ()
    errors: tuple[MapError, ...] = ()
    notes: tuple[str, ...] = ()


class _Task(NamedTuple):  # a tuple: cheaper to define and to pickle than an attrs class
    spec: MapFiles
    config: Config
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    cache: bool | str


def available_cores() -> int:
    """The number of cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return max(1, os.cpu_count() or 1)


def check_maps(
    specs: Sequence[MapFiles],
    *,
    configs: Sequence[Config],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    cache: bool | str = False,
    jobs: int | None = None,
    contents: Contents | None = None,
) -> list[MapCheck]:
    """Load and check every map, in up to ``jobs`` worker processes.

    Args:
        specs: the maps, as discovery found them.
        configs: the settings of each map (same order as ``specs``).
        select: rules to run instead of each map's configured ``select`` (None keeps it).
        ignore: rules not to run, beside each map's configured ``ignore``.
        cache: read through the parsed-file cache (see :func:`argmap.load`).
        jobs: the number of worker processes; default: every core this process may use. One
            job, or one map, checks in this process.
        contents: the files' bytes as discovery read them, so that no file is read twice (a
            pipe could not be); workers started by ``fork`` share them too.

    Returns:
        One result per map, in the order of ``specs``.

    Raises:
        ConfigError: when ``select`` or ``ignore`` names an unknown rule.
    """
    chosen = None if select is None else tuple(select)
    tasks = [
        _Task(spec, config, chosen, tuple(ignore), cache)
        for spec, config in zip(specs, configs, strict=True)
    ]
    if tasks:  # an unknown rule is a usage error, said once, before any worker starts
        from argmap.linter import select_rules  # noqa: PLC0415 - imports the rule registry

        select_rules(chosen, tasks[0].ignore)
    workers = min(len(tasks), available_cores() if jobs is None else max(1, jobs))
    global _read  # noqa: PLW0603 - what forked workers inherit, instead of pickling it
    _read = contents
    try:
        if workers <= 1:
            return [_check(task) for task in tasks]
        return _in_workers(tasks, workers)
    finally:
        _read = None


#: The bytes discovery read, while :func:`check_maps` runs (inherited by forked workers).
_read: Contents | None = None


def _in_workers(tasks: list[_Task], workers: int) -> list[MapCheck]:
    # fork where it is safe: not on macOS, whose system libraries may crash a forked child
    # (multiprocessing spawns there by default too), nor on Windows, which has no fork.
    if hasattr(os, "fork") and sys.platform != "darwin":
        return _forked(tasks, workers)
    return _spawned(tasks, workers)


def _spawned(tasks: list[_Task], workers: int) -> list[MapCheck]:
    """Check in a pool of spawned workers, which read the files again."""
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    chunk = max(1, len(tasks) // (workers * 4))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_check, tasks, chunksize=chunk))


#: The work queue holds chunk numbers of _TOKEN bytes; a chunk is one task unless there are
#: very many maps: the queue is written whole before any worker starts, and must fit in a
#: pipe's buffer.
_TOKEN = 4
_MAX_TOKENS = 8192


def _forked(tasks: list[_Task], workers: int) -> list[MapCheck]:
    """Check in this process and ``workers - 1`` forked ones, sharing one queue of tasks.

    The queue is a pipe holding task numbers, biggest map first so that no worker is left
    with a big map at the end; each process takes the next number with one small read (a pipe
    hands such reads out whole). Each forked worker sends back what it checked, pickled, on a
    pipe of its own, and exits. No pool and no thread: this process works too, instead of
    waiting, and a worker is started in about a millisecond with argmap imported and the
    files' bytes read. A task a worker did not report (it failed, or was killed) is checked
    again here, so its exception, if any, is raised here.
    """
    queue_out, queue_in = os.pipe()
    chunk = -(-len(tasks) // _MAX_TOKENS)
    order = sorted(range(len(tasks)), key=lambda i: (-_size(tasks[i].spec), i))
    chunks = [order[i : i + chunk] for i in range(0, len(order), chunk)]
    os.write(queue_in, b"".join(n.to_bytes(_TOKEN, "little") for n in range(len(chunks))))
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[int] = []
    unread: list[int] = []  # the read ends of the workers' results, until read
    results: dict[int, MapCheck] = {}
    try:
        for _ in range(workers - 1):
            results_out, results_in = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(queue_in)
                os.close(results_out)
                _worker(tasks, chunks, queue_out, results_in)
            os.close(results_in)
            children.append(pid)
            unread.append(results_out)
        os.close(queue_in)
        queue_in = -1
        results.update(_take(tasks, chunks, queue_out))
        while unread:
            results.update(_reported(unread.pop(0)))
    finally:
        _stop(children, [queue_in, queue_out, *unread])
    return [results[i] if i in results else _check(task) for i, task in enumerate(tasks)]


def _size(spec: MapFiles) -> int:
    """The bytes of a map's files, to hand out the biggest first (0 for what cannot be read)."""
    total = 0
    for file in spec.files:
        held = _read.held(file) if _read is not None else None
        if held is not None:
            total += len(held)
            continue
        with contextlib.suppress(OSError):
            total += file.stat().st_size
    return total


def _take(
    tasks: list[_Task], chunks: list[list[int]], queue: int
) -> Iterator[tuple[int, MapCheck]]:
    """Check the tasks of each chunk taken from the queue, until it is empty."""
    while token := os.read(queue, _TOKEN):
        for i in chunks[int.from_bytes(token, "little")]:
            yield i, _check(tasks[i])


def _worker(  # pragma: no cover - runs in the forked child
    tasks: list[_Task], chunks: list[list[int]], queue: int, results: int
) -> NoReturn:
    """The forked child: check what it takes from the queue, send it back, and exit.

    It leaves with ``os._exit``: the parent's buffers, exit handlers and temporary files are
    the parent's. On any exception (an interrupt too) it sends nothing, and the parent checks
    those tasks again.
    """
    import pickle  # noqa: PLC0415 - only workers need it

    status = 1
    try:
        done = dict(_take(tasks, chunks, queue))
        with os.fdopen(results, "wb") as stream:
            pickle.dump(done, stream, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _reported(results: int) -> dict[int, MapCheck]:
    """What one worker sent back; nothing when it died before sending it whole."""
    import pickle  # noqa: PLC0415 - only workers need it

    with os.fdopen(results, "rb") as stream:
        data = stream.read()
    try:
        done: dict[int, MapCheck] = pickle.loads(data)  # noqa: S301 - our own child's output
    except (pickle.UnpicklingError, EOFError, ValueError):
        return {}
    return done


def _stop(children: list[int], descriptors: list[int]) -> None:
    """Close what is still open, and end and reap every worker (killed when this one failed)."""
    import signal  # noqa: PLC0415 - only workers need it

    for fd in descriptors:
        if fd >= 0:
            os.close(fd)
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # a worker that has sent its results has exited
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _check(task: _Task) -> MapCheck:
    """Check one task's map (in a worker or in this process), with the bytes discovery read."""
    return check_map(
        task.spec,
        config=task.config,
        select=task.select,
        ignore=task.ignore,
        cache=task.cache,
        contents=_read,
    )


def check_map(
    spec: MapFiles,
    *,
    config: Config,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    cache: bool | str = False,
    contents: Contents | None = None,
    text: str | os.PathLike[str] | None = None,
) -> MapCheck:
    """Load one map and check it; a map that cannot be loaded gives its errors instead.

    Args:
        spec: the map, as discovery found it.
        config: its settings.
        select: as for :func:`check_maps`.
        ignore: as for :func:`check_maps`.
        cache: as for :func:`check_maps`.
        contents: the files' bytes already read (default: read them).
        text: the analysed text, overriding the one the bibliography names.

    Raises:
        ConfigError: when ``select`` or ``ignore`` names an unknown rule.
    """
    from argmap.linter import check  # noqa: PLC0415 - the rules are imported where they run
    from argmap.loading.contents import Contents  # noqa: PLC0415
    from argmap.loading.pipeline import load_files, open_cache  # noqa: PLC0415

    try:
        argument_map = load_files(
            spec,
            contents=contents if contents is not None else Contents(),
            cache=open_cache(cache, spec.root),
            text=text,
        )
    except LoadError as exc:
        return MapCheck(spec, errors=tuple(exc.errors))
    found = check(argument_map, select=select, ignore=ignore, config=config)
    return MapCheck(spec, diagnostics=tuple(found), notes=argument_map.notes)
