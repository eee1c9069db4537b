"""Benchmark: ``gate history`` on real repositories, its agreement with ``git blame -w``,
and its speed against git-of-theseus and a blame-per-file-per-month baseline.

1. Agreement. For each repository (fetched mirrors: sympy/sympy, pallets/click,
   psf/requests), the engine replays the last N commits once and keeps its state at
   three first-parent checkpoints; at each, a seeded sample of files is blamed with
   ``git blame -w`` restricted to the same period (``^`` the period's boundary
   commits, ``--root``). The origin commit must agree on >= 99% of the lines no move
   touched. Moved lines are compared with ``git blame -w -M -C`` (blame's own move
   and copy detection, informative) and a few are printed for a check by hand.
2. Speed. ``gate history`` on a clone of sympy over its last 5,000 commits (target:
   under 60 s, peak memory under 500 MB on 2 cores), with the git processes it
   started counted by a wrapper on PATH; then git-of-theseus-analyze (installed in a
   virtualenv of its own under benchmarks/.work/history/, not a project dependency)
   on a clone whose history is grafted to start at the same date (the same period), and the
   baseline: blaming every file at each month's end, timed on a sample of files per
   month and extrapolated to all of them (printed as an estimate).

    python benchmarks/bench_history.py [--only-agreement | --only-speed] [--no-theseus]

Mirrors are read from /work/.mirror/OWNER+NAME/repo (or $GATE_BENCH_MIRRORS).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import counting_git, timed

from gate.git import Git
from gate.lineage import engine
from gate.lineage.replay import Lifetimes
from gate.lineage.table import BEFORE

WORK = Path(__file__).parent / ".work" / "history"
MIRRORS = Path(os.environ.get("GATE_BENCH_MIRRORS", "/work/.mirror"))
REPOS = (("sympy/sympy", 5000), ("pallets/click", 1500), ("psf/requests", 1500))
SAMPLE = 40  # files blamed per checkpoint
THESEUS_TIMEOUT = 1200


def mirror(name: str) -> Path:
    path = MIRRORS / name.replace("/", "+") / "repo"
    if not path.exists():
        sys.exit(f"{path}: missing; fetch {name} first")
    return path


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, check=True, text=True, errors="replace"
    ).stdout


def since_of(repo: Path, commits: int) -> int:
    """The committer time of the ``commits``-th newest commit (the period's start)."""
    times = git(repo, "log", "--topo-order", f"-{commits}", "--format=%ct", "HEAD").split()
    return int(times[-1])


def blame(repo: Path, rev: str, path: str, boundaries: list[str], *extra: str) -> list[str | None]:
    """Each line's commit by ``git blame -w`` in the period (None: older than the period)."""
    out = subprocess.run(
        [
            "git",
            "blame",
            "--root",
            "-w",
            *extra,
            "--porcelain",
            rev,
            *[f"^{b}" for b in boundaries],
            "--",
            path,
        ],
        cwd=repo,
        capture_output=True,
        check=False,
    ).stdout
    shas: list[str | None] = []
    old: set[str] = set()
    current = ""
    for line in out.split(b"\n"):
        parts = line.split(b" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and parts[1].isdigit():
            current = parts[0].decode()
            shas.append(current)
        elif line == b"boundary":
            old.add(current)
    return [None if s in old else s for s in shas]


def agreement(name: str, commits: int) -> None:
    repo = mirror(name)
    since = since_of(repo, commits)
    chain = git(repo, "rev-list", "--first-parent", f"--since=@{since} +0000", "HEAD").split()
    checkpoints = [chain[len(chain) * 2 // 3], chain[len(chain) // 3], chain[0]]
    start = time.perf_counter()
    lives = engine.lifetimes(Git(repo), chain[0], since, keep=set(checkpoints))
    took = time.perf_counter() - start
    print(
        f"{name}: {len(lives.commits)} commits replayed in {took:.1f} s "
        f"({len(lives.commits) / took:.0f} commits/s), {len(lives.table)} line records"
    )
    inside = {c.sha for c in lives.commits}
    boundaries = sorted({p for c in lives.commits for p in c.parents} - inside)
    random.seed(12)
    for point in checkpoints:
        _checkpoint(repo, lives, point, boundaries)


def _checkpoint(repo: Path, lives: Lifetimes, point: str, boundaries: list[str]) -> None:
    t = lives.table
    shas = [c.sha for c in lives.commits]
    files = sorted(p for p, ids in lives.states[point].files.items() if ids)
    sample = files if len(files) <= SAMPLE else random.sample(files, SAMPLE)
    same = total = moved = moved_same = 0
    shown: list[str] = []
    for path in sample:
        ids = lives.states[point].files[path]
        theirs = blame(repo, point, path, boundaries)
        if len(theirs) != len(ids):
            print(f"  {point[:12]} {path}: blame has {len(theirs)} lines, the engine {len(ids)}")
            continue
        moved_ids = [i for i, x in enumerate(ids) if t.moved[x]]
        with_moves = blame(repo, point, path, boundaries, "-M", "-C") if moved_ids else []
        for k, (ident, sha) in enumerate(zip(ids, theirs, strict=True)):
            mine = None if t.commit[ident] == BEFORE else shas[t.commit[ident]]
            if t.moved[ident]:
                moved += 1
                moved_same += mine == with_moves[k]
                if len(shown) < 3 and random.random() < 0.05:  # noqa: S311 (a sample, not a secret)
                    shown.append(
                        f"    moved: {path}:{k + 1} engine {str(mine)[:12]} "
                        f"blame -w {str(sha)[:12]} blame -w -M -C {str(with_moves[k])[:12]}"
                    )
            else:
                total += 1
                same += mine == sha
    print(
        f"  checkpoint {point[:12]}: {len(sample)} files, lines no move touched "
        f"{same}/{total} = {same / max(total, 1):.2%} agree with blame -w; moved lines "
        f"{moved_same}/{moved} = {moved_same / max(moved, 1):.2%} agree with blame -w -M -C"
    )
    for line in shown:
        print(line)


def speed(with_theseus: bool) -> None:
    source = mirror("sympy/sympy")
    since = since_of(source, 5000)
    clone = WORK / "sympy"
    if not clone.exists():
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(source), str(clone)], check=True)
    beside = Path(sys.executable).parent / "gate"  # the virtualenv this script runs in
    gate = str(beside) if beside.exists() else shutil.which("gate")
    if gate is None:
        sys.exit("install merge-gate first (pip install -e .)")
    day = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(since))
    with tempfile.TemporaryDirectory() as tmp:
        wrapper = counting_git(Path(tmp))
        env = {**os.environ, "PATH": f"{wrapper}:{os.environ['PATH']}"}
        out = Path(tmp) / "history.json"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = timed([gate, "history", "--since", day, "--json", str(out)], clone, env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        calls = (Path(tmp) / "calls").read_text().split()
        commits = json.loads(out.read_text())["repositories"][0]["commits"]
    print(
        f"gate history, sympy, {commits} commits since {day}: {run.seconds:.1f} s "
        f"({commits / run.seconds:.0f} commits/s), peak {run.rss_mb} MB, "
        f"{len(calls)} git processes ({', '.join(sorted(set(calls)))})"
    )
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(
        f"  CPU time (gate and its git processes): {cpu:.1f} s; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other jobs share them)"
    )
    print(
        f"  target: under 60 s ({'met' if run.seconds < 60 else 'MISSED'}), "
        f"under 500 MB ({'met' if run.rss_mb < 500 else 'MISSED'})"
    )
    base = _baseline(clone, since)
    print(
        f"blame per file per month (estimated from a sample): {base:.0f} s; "
        f"ratio {base / run.seconds:.1f}x slower than gate history"
    )
    if with_theseus:
        peer = _theseus(source, day)
        print(f"git-of-theseus-analyze, same period: {peer}")
        if isinstance(peer, float):
            print(f"  ratio {peer / run.seconds:.1f}x slower than gate history")


def _baseline(repo: Path, since: int) -> float:
    """Seconds to blame every file at each month's end, from 10 files a month."""
    ends: list[tuple[str, str]] = []
    for line in git(
        repo, "log", "--first-parent", f"--since=@{since} +0000", "--format=%H %ct", "HEAD"
    ).splitlines():
        sha, stamp = line.split()
        month = time.strftime("%Y-%m", time.gmtime(int(stamp)))
        if not ends or ends[-1][1] != month:
            ends.append((sha, month))
    total = 0.0
    random.seed(3)
    for sha, _ in ends:
        files = git(repo, "ls-tree", "-r", "--name-only", sha).splitlines()
        sample = random.sample(files, min(10, len(files)))
        start = time.perf_counter()
        for path in sample:
            subprocess.run(
                ["git", "blame", "-w", "--incremental", sha, "--", path],
                cwd=repo,
                capture_output=True,
                check=False,
            )
        total += (time.perf_counter() - start) / len(sample) * len(files)
    return total


def _theseus(source: Path, day: str) -> float | str:
    venv = WORK / "theseus-venv"
    program = venv / "bin" / "git-of-theseus-analyze"
    if not program.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "git-of-theseus"], check=True)
    clone = WORK / "sympy-graft"
    if not clone.exists():
        # the same period: a clone whose history starts there (commits from before the
        # period grafted away; a shallow clone would not do, theseus reads past it)
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(source), str(clone)], check=True)
        inside = set(git(clone, "rev-list", f"--since={day}", "HEAD").split())
        for line in git(clone, "rev-list", "--parents", f"--since={day}", "HEAD").splitlines():
            sha, *parents = line.split()
            kept = [p for p in parents if p in inside]
            if kept != parents:
                subprocess.run(["git", "replace", "--graft", sha, *kept], cwd=clone, check=True)
    branch = git(clone, "rev-parse", "--abbrev-ref", "HEAD").strip()
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        try:
            subprocess.run(
                [
                    str(program),
                    "--quiet",
                    "--all-filetypes",
                    "--ignore-whitespace",
                    "--branch",
                    branch,
                    "--outdir",
                    out,
                    str(clone),
                ],
                check=True,
                timeout=THESEUS_TIMEOUT,
                capture_output=True,
            )
        except subprocess.TimeoutExpired:
            return f"stopped after {THESEUS_TIMEOUT} s (more than {THESEUS_TIMEOUT} s)"
        return time.perf_counter() - start


def main() -> None:
    if "--only-speed" not in sys.argv:
        for name, commits in REPOS:
            agreement(name, commits)
    if "--only-agreement" not in sys.argv:
        speed(with_theseus="--no-theseus" not in sys.argv)


if __name__ == "__main__":
    main()
