"""Run a list of independent tasks in forked worker processes, or in this one when that is safer.

``load`` and ``render`` share this helper. The caller decides how many workers it wants (one under
`mkdocs serve`, whose live-reload threads a fork must not copy); the helper caps that by the CPUs
this process may really use and falls back to one process when forking is unavailable (spawn-only
platforms) or a pool breaks, so a build never fails for want of parallelism.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

# The plugin's logger and prefix (generator/plugin/logger.py), written out: utilities import no MkDocs.
log = logging.getLogger("mkdocs.plugins.knowledge_base")
PREFIX = "knowledge base: "

T = TypeVar("T")
R = TypeVar("R")

# Set just before forking, so workers inherit the tasks instead of receiving them pickled.
_SHARED: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def usable_cpus() -> int:
    """The CPUs this process may run on: fewer than os.cpu_count() in a container or under taskset."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _SHARED is not None
    task, items = _SHARED
    return [task(item) for item in items[bounds[0] : bounds[1]]]


def run(task: Callable[[T], R], items: Sequence[T], workers: int, *, slices_per_worker: int = 4) -> list[R]:
    """``[task(item) for item in items]``, in order, over at most ``workers`` forked processes.

    ``task`` must be a module-level function (or a closure the forked workers inherit): nothing is
    pickled but slice bounds and results.
    """
    global _SHARED
    workers = max(1, min(workers, usable_cpus()))
    if workers < 2 or len(items) < 2:
        return [task(item) for item in items]
    size = -(-len(items) // (workers * slices_per_worker))
    slices = [(i, i + size) for i in range(0, len(items), size)]
    _SHARED = (task, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [result for batch in pool.map(_run_slice, slices) for result in batch]
    except (ValueError, OSError, BrokenProcessPool) as exc:
        # No fork on this platform, no processes left, or a worker died: the work is still
        # correct in one process, only slower.
        log.debug(PREFIX + "worker processes unavailable (%s: %s); continuing in one process", type(exc).__name__, exc)
        return [task(item) for item in items]
    finally:
        _SHARED = None
