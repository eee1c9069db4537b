"""Many blobs at once: the same answers in worker processes as in this one."""

from __future__ import annotations

import os

import pytest

from gate.complexity import pool
from gate.complexity.analysis import analyse
from gate.complexity.model import Analysis, Metrics, Unanalysable
from gate.errors import GateError

BLOBS = [
    b"def f(a):\n    return a or 1\n",
    b"x = " + b"-" * 1000 + b"1\n",  # too deep for the default stack: retried on a deep one
    b"def g(:\n",
    b"class C:\n    def m(self):\n        if self:\n            pass\n",
] * 3


def test_workers_give_the_same_results_in_order() -> None:
    serial = list(pool.analyse_all(BLOBS, with_mi=True, workers=1))
    parallel = list(pool.analyse_all(BLOBS, with_mi=True, workers=2))
    assert parallel == serial
    assert [type(r) for r in serial[:4]] == [Metrics, Metrics, Unanalysable, Metrics]
    assert serial == [analyse(b, with_mi=True) for b in BLOBS]


@pytest.mark.parametrize(
    ("sizes", "jobs", "expected"),
    [
        pytest.param([10] * 100, 0, 1, id="little-source-stays-here"),
        pytest.param([pool.PARALLEL_MIN_BYTES], 4, 1, id="one-big-file-stays-here"),
        pytest.param([pool.PARALLEL_MIN_BYTES // 4] * 4, 0, "cores", id="enough-uses-cores"),
        pytest.param([pool.PARALLEL_MIN_BYTES // 4] * 4, 1, 1, id="jobs-1"),
        pytest.param([pool.PARALLEL_MIN_BYTES // 4] * 4, 16, 4, id="no-more-than-files"),
    ],
)
def test_workers_for(sizes: list[int], jobs: int, expected: int | str) -> None:
    blobs = [b"x" * n for n in sizes]
    wanted = min(pool.cores(), len(blobs)) if expected == "cores" else expected
    assert pool.workers_for(blobs, jobs) == wanted


def _die(data: bytes, *, with_mi: bool) -> Analysis:
    """A worker killed from outside (the kernel's OOM killer) ends like this."""
    os._exit(9)


def test_a_dead_worker_is_an_error_not_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "analyse", _die)
    with pytest.raises(GateError, match="a complexity worker process died"):
        list(pool.analyse_all(BLOBS, with_mi=False, workers=2))
