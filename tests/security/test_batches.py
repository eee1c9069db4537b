"""Cutting semgrep's work into processes: files dealt by bytes into the slots, per request."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gate.security import batches, semgrep
from gate.security.batches import Batch


@pytest.fixture(autouse=True)
def any_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of a few bytes, so small examples show the dealing."""
    monkeypatch.setattr(batches, "PART_MIN_BYTES", 1)


RULE = "rules:\n  - {id: r, languages: [python], severity: INFO, message: m, pattern: f()}\n"


@pytest.mark.parametrize(
    ("sizes", "count", "runs"),
    [
        pytest.param([100, 60, 50, 10], 2, [[0], [1, 2, 3]], id="a-large-first-file"),
        pytest.param([10, 20, 30, 40], 2, [[0, 1, 2], [3]], id="by-middle-byte"),
        pytest.param([1, 2, 3], 1, [[0, 1, 2]], id="one-run"),
        pytest.param([0, 0, 0], 3, [[0, 1, 2]], id="nothing-to-share"),
        pytest.param([5, 5, 5, 5], 2, [[0, 1], [2, 3]], id="even"),
    ],
)
def test_cut(sizes: list[int], count: int, runs: list[list[int]]) -> None:
    assert batches.cut(sizes, count) == runs


def test_plan_keeps_two_even_sides_one_process_each() -> None:
    base = [("a.py", 100), ("b.py", 100)]
    head = [("a.py", 100), ("b.py", 90), ("c.py", 10)]
    assert batches.plan([base, head], 2) == [
        Batch(0, ("a.py", "b.py"), 200),
        Batch(1, ("a.py", "b.py", "c.py"), 200),
    ]


def test_plan_cuts_a_large_side_across_the_slots() -> None:
    head = [("h1.py", 60), ("h2.py", 50), ("h3.py", 40)]
    base = [("b1.py", 30)]
    # Shares of 90 bytes: h2's middle byte (85) is in the first, h3's in the second, which
    # b1 joins: head is split, and one slot runs h3 then b1 while the other runs h1 and h2.
    assert batches.plan([head, base], 2) == [
        Batch(0, ("h1.py", "h2.py"), 110),
        Batch(0, ("h3.py",), 40),
        Batch(1, ("b1.py",), 30),
    ]


def test_plan_gives_every_request_a_process_and_never_more_than_its_files() -> None:
    plan = batches.plan([[("a.py", 0)], [("b.py", 0), ("c.py", 0)], []], 8)
    assert plan == [Batch(0, ("a.py",), 0), Batch(1, ("b.py", "c.py"), 0)]
    assert batches.plan([], 2) == []


def test_plan_keeps_small_work_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "PART_MIN_BYTES", 100)
    head = [("h1.py", 60), ("h2.py", 50), ("h3.py", 40)]
    base = [("b1.py", 30)]
    # 180 bytes: two runs of at least 100 bytes do not fit; one process per side.
    assert batches.plan([head, base], 2) == [
        Batch(0, ("h1.py", "h2.py", "h3.py"), 150),
        Batch(1, ("b1.py",), 30),
    ]


def test_plan_cuts_parts_into_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "CHUNK_TARGETS", 2)
    plan = batches.plan([[(f"m{i}.py", 10) for i in range(5)]], 1)
    assert [b.targets for b in plan] == [("m0.py", "m1.py"), ("m2.py", "m3.py"), ("m4.py",)]


def options(configs: tuple[str, ...], jobs: int) -> semgrep.Options:
    return semgrep.Options(semgrep.locate(os.environ), configs, 10, 1_000_000, jobs, 120)


@pytest.mark.semgrep
@pytest.mark.parametrize("jobs", [pytest.param(1, id="one"), pytest.param(2, id="two")])
def test_run_all_runs_at_most_jobs_processes_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    (tmp_path / "rules.yml").write_text(RULE)
    for i in range(4):
        (tmp_path / f"m{i}.py").write_text("f()\n" * (i + 1))
    started: list[subprocess.Popen[bytes]] = []
    most = []
    real = semgrep._start

    def counting(*args: Any) -> Any:
        result = real(*args)
        started.append(result[0])
        most.append(sum(p.poll() is None for p in started))
        return result

    monkeypatch.setattr(semgrep, "_start", counting)
    requests = [
        semgrep.Request(tmp_path, ("m0.py", "m1.py", "m2.py")),
        semgrep.Request(tmp_path, ("m3.py",)),
        semgrep.Request(tmp_path, ()),
    ]
    scans = semgrep.run_all(options((str(tmp_path / "rules.yml"),), jobs), requests, os.environ)
    assert [sorted(m.path for m in s.matches) for s in scans] == [
        ["m0.py", "m1.py", "m1.py", "m2.py", "m2.py", "m2.py"],
        ["m3.py"] * 4,
        [],
    ]
    assert scans[2].scanned == frozenset(), "a request with no targets starts no process"
    assert max(most) == jobs
    assert len(started) == 2
