"""Check many maps at once, in worker processes: the maps of a repository are independent.

:func:`check_maps` loads and checks each discovered map (:class:`~argmap.loading.discover.
MapFiles`) with the settings of its own project, and returns one :class:`MapCheck` per map, in
the order the maps were given, whatever the number of workers. A worker process gets the map's
files and settings, reads the files itself and sends back only the diagnostics, so nothing
large crosses between processes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

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


@attrs.frozen
class _Task:
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
        return list(_in_workers(tasks, workers))
    finally:
        _read = None


#: The bytes discovery read, while :func:`check_maps` runs (inherited by forked workers).
_read: Contents | None = None


def _in_workers(tasks: list[_Task], workers: int) -> Iterator[MapCheck]:
    # Imported here: one map is checked in this process, which then never needs them (a
    # tenth of the start-up of `argmap check`).
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    # fork starts a worker in milliseconds with argmap imported and the files' bytes already
    # read; elsewhere spawn, whose workers read the files again.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_check, tasks, chunksize=chunk)


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
