"""What the command-line benchmarks share: a synthetic repository, the gate, a timer.

A benchmark builds its repository once (``git fast-import`` of a generated
stream, cached under benchmarks/.work/), then times the installed ``gate``
against a peer command in the same environment, and counts the git processes
the gate spawns through a wrapper put first on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple


class Timing(NamedTuple):
    """One command's wall seconds, exit code and its process tree's peak RSS (MB)."""

    seconds: float
    code: int
    rss_mb: int


def prepared(repo: Path, stream: Callable[[], Iterable[bytes]]) -> Path:
    """``repo`` as built from ``stream()`` before, or built now (``--rebuild``: built again)."""
    if "--rebuild" in sys.argv or not (repo / ".git").exists():
        start = time.perf_counter()
        fast_import(repo, stream())
        print(f"built {repo} in {time.perf_counter() - start:.1f} s")
    return repo


def fast_import(repo: Path, stream: Iterable[bytes]) -> None:
    """A fresh repository at ``repo`` from a fast-import stream, ``feature`` checked out.

    The stream is written as it is generated: a large one never sits in memory whole.
    """
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    for chunk in stream:
        proc.stdin.write(chunk)
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "feature"], cwd=repo, check=True)


def gate_program() -> str:
    """The installed ``gate`` command; the benchmark stops when there is none."""
    return shutil.which("gate") or sys.exit("install merge-gate first (pip install -e .)")


def gate_check(base: str, head: str, report: Path, *extra: str) -> list[str]:
    """``gate check`` of ``base..head`` writing its JSON report, run by this interpreter
    (so ``PYTHONPATH`` can point it at another checkout of merge-gate)."""
    cmd = [sys.executable, "-m", "gate", "check", "--base", base, "--head", head]
    return [*cmd, "--json", str(report), *extra]


def environment() -> dict[str, str]:
    """This process's environment, with semgrep's version check off (it waits offline)."""
    return {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}


def counting_git(tmp: Path) -> Path:
    """A directory holding a ``git`` that logs each call's subcommand, then runs the real git.

    Options before the subcommand are skipped, ``-c NAME=VALUE`` with its value,
    so ``git -c diff.noprefix=false diff`` is logged as ``diff``.
    """
    real = shutil.which("git")
    assert real is not None
    wrapper = tmp / "git"
    wrapper.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in -c) skip=1;; -*) ;; *) '
        '[ -n "$skip" ] && skip= && continue; '
        f'echo "$a" >> "{tmp}/calls"; break;; esac; done\n'
        f'exec "{real}" "$@"\n'
    )
    wrapper.chmod(0o755)
    return tmp


def timed(cmd: list[str], cwd: Path, env: Mapping[str, str]) -> Timing:
    """Run ``cmd``; a failure (an exit code other than pass or fail) stops the benchmark."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with exit {code}")
    return Timing(seconds, code, usage.ru_maxrss // 1024)


def best(runs: int, cmd: list[str], cwd: Path, env: Mapping[str, str]) -> Timing:
    """The fastest of ``runs`` runs."""
    return min((timed(cmd, cwd, env) for _ in range(runs)), key=lambda t: t.seconds)
