"""Analysing many blobs: in this process when few, over the machine's cores when many.

Starting worker processes and shipping blobs to them costs a fixed amount, so
below :data:`PARALLEL_MIN_BYTES` of source the work stays in this process
(benchmarks/bench_complexity.py measures where the crossover lies). Workers are
forked from a fork server (``forkserver``), a single-threaded process started for
them: the gate runs its independent checks on threads, and forking a process with
threads can copy a lock another thread holds into the child. Workers run without
the cyclic garbage collector: syntax trees hold no cycles, reference counting
frees each file's tree, and the collector's passes over them cost 5-10%.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from gate.complexity.analysis import analyse
from gate.complexity.model import Analysis
from gate.errors import GateError

# About 0.15 s of analysis on one core. ``bench_complexity.py --crossover`` shows two
# forked workers winning from 40-90 KB on a quiet machine and from 0.7 MB on a
# loaded one; below this the fixed cost is not worth the risk.
PARALLEL_MIN_BYTES = 200_000
PARALLEL_MIN_FILES = 4


def cores() -> int:
    """Cores this process may run on (the affinity mask, as CI containers set it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity mask
        return os.cpu_count() or 1


def workers_for(blobs: Sequence[bytes], jobs: int) -> int:
    """How many worker processes to use for ``blobs``; 1 means in this process."""
    wanted = jobs or cores()
    size = sum(len(b) for b in blobs)
    if size < PARALLEL_MIN_BYTES or len(blobs) < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(wanted, len(blobs)))


def analyse_all(blobs: Sequence[bytes], *, with_mi: bool, workers: int) -> Iterator[Analysis]:
    """The analysis of each blob, in order, each as soon as it is ready.

    Lazy so that the caller can store results (the cache) while workers still parse.
    """
    work = partial(analyse, with_mi=with_mi)
    if workers <= 1:
        yield from map(work, blobs)
        return
    # Several chunks per worker: files differ in size, and a late big one idles the others.
    chunksize = max(1, len(blobs) // (workers * 8))
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=gc.disable) as pool:
            yield from pool.map(work, blobs, chunksize=chunksize)
    except BrokenProcessPool as exc:
        raise GateError(
            "a complexity worker process died (killed for memory?); "
            "set [complexity] jobs = 1 or max_file_bytes lower"
        ) from exc
    except OSError as exc:  # pragma: no cover - a fork fails only under limits root ignores
        raise GateError(
            f"could not start complexity worker processes ({exc}); set [complexity] jobs = 1"
        ) from exc
