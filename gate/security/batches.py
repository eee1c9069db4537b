"""How semgrep's work is cut into processes: balanced by bytes, each small enough to start (pure).

semgrep's own ``--jobs`` schedules poorly (on real code one process with
``--jobs=2`` took 6.3 s where two processes of half the bytes each, at once,
took 4.8 s), and parsing, most of its time, grows with a file's size. So the
targets of all requests together are dealt into one part per process slot, of
about equal bytes (largest file first into the lightest part); within a part
each request's files are one process with ``--jobs=1``, and the slot runs them
one after the other. Dealing files rather than whole requests keeps the slots
even when one side is much larger than the other (head and only the base files
that lost lines). Every process is then cut into chunks that fit one command
line (:data:`CHUNK_TARGETS`, :data:`CHUNK_BYTES`).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

# One semgrep command line stays far below Linux's limits (2 MiB for arguments and
# environment together; semgrep hands the list on to its engine): past about 12,000
# changed files one run per side overflowed them.
CHUNK_TARGETS = 2000
CHUNK_BYTES = 256 * 1024
# Below this many bytes a part is not worth its own processes: semgrep takes about
# 0.15 s to start, in which it scans some 150 KB.
PART_MIN_BYTES = 256 * 1024


@dataclass(frozen=True)
class Batch:
    """One process's work: some targets of request number ``index``, and their bytes."""

    index: int
    targets: tuple[str, ...]
    size: int


def plan(sizes: Sequence[Sequence[tuple[str, int]]], slots: int) -> list[Batch]:
    """The processes to run, largest first, for requests given as (target, bytes) lists.

    ``slots`` is how many processes run at once; a part has at least :data:`PART_MIN_BYTES`.
    """
    items = [(index, target, n) for index, request in enumerate(sizes) for target, n in request]
    total = sum(n for *_, n in items)
    count = max(1, min(slots, len(items), total // PART_MIN_BYTES))
    batches: list[Batch] = []
    for part in balanced([n for *_, n in items], count):
        for index in sorted({items[i][0] for i in part}):
            mine = [items[i] for i in part if items[i][0] == index]
            size = sum(n for *_, n in mine)
            targets = tuple(target for _, target, _ in mine)
            batches += [Batch(index, chunk, size) for chunk in chunks(targets)]
    return sorted(batches, key=lambda b: -b.size)


def balanced(sizes: Sequence[int], count: int) -> list[list[int]]:
    """Indexes of ``sizes`` dealt into ``count`` parts of about equal sums, each in order.

    Largest first, each into the part with the smallest sum so far (LPT); empty parts dropped.
    """
    heap = [(0, n) for n in range(count)]
    parts: list[list[int]] = [[] for _ in range(count)]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        load, n = heapq.heappop(heap)
        parts[n].append(i)
        heapq.heappush(heap, (load + sizes[i], n))
    return [sorted(p) for p in parts if p]


def chunks(targets: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``targets`` cut so that no command line exceeds the kernel's argument limits."""
    result: list[tuple[str, ...]] = []
    current: list[str] = []
    size = 0
    for target in targets:
        if current and (len(current) >= CHUNK_TARGETS or size + len(target) >= CHUNK_BYTES):
            result.append(tuple(current))
            current, size = [], 0
        current.append(target)
        size += len(target.encode("utf-8", "surrogateescape")) + 1
    result.append(tuple(current))
    return result
