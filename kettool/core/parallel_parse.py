"""Parse and schema-check the files of a large KB in worker processes, one file per task.

Reading YAML is most of the time a large KB takes to load, and files are independent until they
are merged; on a machine with more than one core, workers read several at once. Each worker also
writes the file's document for the cache, so that the parent only receives the data. While the
workers read on, the parent does its own work on each file as it arrives (see `arrived`) instead of
waiting idle for the last one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kettool.core.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from kettool.core.schema_check import SchemaChecker

# Below this many bytes to parse, starting workers costs more than it saves (a worker starts in ~20 ms;
# a megabyte of YAML takes ~80 ms to read and check).
MIN_BYTES = 4 * 1024 * 1024
# The schema checker of this process; workers forked from it inherit the one already built.
_checker: SchemaChecker | None = None


def worker_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_in_workers(
    paths: list[Path],
    sizes: list[int],
    checker: SchemaChecker,
    targets: list[tuple[Path, str] | None],
    arrived: Callable[[dict[str, Any]], Any] | None = None,
) -> list[tuple[Any, list[Problem], bool, Any]] | None:
    """Each file's data (None where it has problems), its problems, whether its cache document was written,
    and what `arrived` made of its data in this process as it came (None for a file with problems or no `arrived`).

    A file's target is where its cache document goes and the key it is stored under (None: no cache).
    None when workers are not worth starting (one core, or a small KB) or cannot start here; the
    caller then parses the files itself (and whatever `arrived` did is left unused).
    """
    global _checker
    workers = min(worker_count(), len(paths))
    if workers < 2 or sum(sizes) < MIN_BYTES:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _checker = checker
    # Largest files first, so that no worker is left with a big one at the end.
    order = sorted(range(len(paths)), key=lambda i: -sizes[i])
    tasks = [(str(paths[i]), targets[i]) for i in order]
    done: dict[int, tuple[Any, list[Problem], bool, Any]] = {}
    try:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts) as pool:
            for i, (data, problems, stored) in zip(order, pool.map(_parse, tasks), strict=True):
                # Done here while the workers read the other files: this process would otherwise wait.
                early = arrived(data) if arrived is not None and data is not None else None
                done[i] = (data, problems, stored, early)
    except (OSError, NotImplementedError, BrokenProcessPool):
        return None  # no semaphores or no fork here, or a worker was killed: parse in this process
    return [done[i] for i in range(len(paths))]


def _parse(task: tuple[str, tuple[Path, str] | None]) -> tuple[Any, list[Problem], bool]:
    """In a worker: read, parse and check one file; write its cache document when it has no problems."""
    from kettool.core.kb_cache import encode_document
    from kettool.core.kb_checks import SchemaChecker, kb_schema, read_and_check
    from kettool.core.plain_data import compact_json

    global _checker
    if _checker is None:  # a spawned (not forked) worker builds its own
        _checker = SchemaChecker(kb_schema())
    path, target = task
    doc, problems = read_and_check(Path(path), _checker)
    if doc is None or problems:
        return None, problems, False
    stored = False
    if target is not None:
        try:
            target[0].write_bytes(encode_document(target[1], compact_json(doc.data).encode()))
            stored = True
        except OSError:
            pass  # a full disk: this file is parsed again next time
    return doc.data, [], stored


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the work and reports it;
    # a worker printing its own traceback would only add noise.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
