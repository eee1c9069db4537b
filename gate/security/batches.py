"""How semgrep's work is cut into processes: balanced by bytes, each worth its start (pure).

semgrep's own ``--jobs`` schedules poorly (on real code one process with
``--jobs=2`` took 6.3 s where two processes of half the bytes each, at once,
took 4.8 s), and parsing, most of its time, grows with a file's size. So the
files of all requests, one request after the other, are cut into one run per
process slot of about equal bytes; a request's files within a run are one
process with ``--jobs=1``, run largest first. Cutting across requests keeps
the slots even when one side is much larger than the other (head, and only the
base files that lost lines), with at most one process more than slots per
request boundary; two sides of equal size stay one process each. Every
process is then cut into chunks that fit one command line
(:data:`CHUNK_TARGETS`, :data:`CHUNK_BYTES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# One semgrep command line stays far below Linux's limits (2 MiB for arguments and
# environment together; semgrep hands the list on to its engine): past about 12,000
# changed files one run per side overflowed them.
CHUNK_TARGETS = 2000
CHUNK_BYTES = 256 * 1024
# A run has at least this many bytes: each process costs a semgrep start (about 0.2 s
# of CPU), and small changes are fastest as one process per side, as they always were.
PART_MIN_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Batch:
    """One process's work: some targets of request number ``index``, and their bytes."""

    index: int
    targets: tuple[str, ...]
    size: int


def plan(sizes: Sequence[Sequence[tuple[str, int]]], slots: int) -> list[Batch]:
    """The processes to run, largest first, for requests given as (target, bytes) lists.

    ``slots`` is how many processes run at once; a run has at least :data:`PART_MIN_BYTES`.
    """
    items = [(index, target, n) for index, request in enumerate(sizes) for target, n in request]
    total = sum(n for *_, n in items)
    count = max(1, min(slots, len(items), total // PART_MIN_BYTES))
    batches: list[Batch] = []
    for part in cut([n for *_, n in items], count):
        for index in sorted({items[i][0] for i in part}):
            mine = [items[i] for i in part if items[i][0] == index]
            size = sum(n for *_, n in mine)
            targets = tuple(target for _, target, _ in mine)
            batches += [Batch(index, chunk, size) for chunk in chunks(targets)]
    return sorted(batches, key=lambda b: -b.size)


def cut(sizes: Sequence[int], count: int) -> list[list[int]]:
    """The indexes of ``sizes``, in order, cut into at most ``count`` runs of about equal sums.

    An item starts the next run when its middle byte is past the current run's
    share, so a run misses its share by about half an item at most.
    """
    total = sum(sizes)
    runs: list[list[int]] = [[]]
    done = 0
    for i, n in enumerate(sizes):
        if runs[-1] and len(runs) < count and (done + n / 2) * count > total * len(runs):
            runs.append([])
        runs[-1].append(i)
        done += n
    return runs


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
