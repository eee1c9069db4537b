"""Benchmark: ``gate check`` on one real huge commit vs ``semgrep scan --baseline-commit``.

Issue 11 item 8: semgrep's targets are chunked and the AI check replays the
range once; this measures both on a real commit of thousands of files. Given a
fetched mirror and a commit, it clones the mirror (``--shared``, checked out at
the commit) and prints, in one run: the change's size, the time the exclusion
rules take on its paths (with their literal prefilter and with the regexes
alone), the gate's wall seconds, exit code, peak memory and seconds and status
per check (``--mode monitor``), the same rules run by ``semgrep scan
--baseline-commit <sha>~1``, and the ratio, with the load average before and after.

Mirrors lack blobs of 4 MiB and more (like a partial clone): the checkout
leaves those files out, they are marked ``assume-unchanged`` so that semgrep's
baseline mode sees a clean tree, and semgrep's git runs without rename
detection (``diff.renames=false``), which would read the missing blobs and fail.

    python benchmarks/bench_huge.py MIRROR SHA [--work DIR] [--peer-timeout 900]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from harness import environment

from gate import exclude
from gate.security import rules, semgrep


class Run(NamedTuple):
    """One command's wall seconds, exit code (None: stopped at the timeout), peak RSS (MB)."""

    seconds: float
    code: int | None
    rss_mb: int


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float) -> Run:
    """Run ``cmd`` to its end or the timeout, whatever its exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code: int | None = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            _, _, usage = os.wait4(proc.pid, 0)
            code = None
            break
        time.sleep(0.2)
    proc.returncode = code if code is not None else -9  # already reaped above
    return Run(time.perf_counter() - start, code, usage.ru_maxrss // 1024)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def checkout(mirror: Path, sha: str, dest: Path) -> Path:
    """A work tree of ``mirror`` at ``sha``, clean as far as git status tells."""
    if not (dest / ".git").exists():
        subprocess.run(
            ["git", "clone", "-q", "--shared", "--no-checkout", str(mirror), str(dest)], check=True
        )
    # A commit of a pull request's ref may not be on any branch the clone has.
    subprocess.run(
        ["git", "fetch", "-q", "origin", sha], cwd=dest, capture_output=True, check=False
    )
    # Missing blobs make checkout complain but it writes every other file.
    subprocess.run(
        ["git", "checkout", "-q", "--detach", sha], cwd=dest, capture_output=True, check=False
    )
    dirty = [line[3:] for line in git(dest, "status", "--porcelain").splitlines()]
    if dirty:
        subprocess.run(
            ["git", "update-index", "--assume-unchanged", "--", *dirty], cwd=dest, check=True
        )
    return dest


def exclusion_seconds(repo: Path, sha: str) -> tuple[int, float, float]:
    """The change's paths, and seconds for the built-in rules with and without prefilter."""
    paths = git(repo, "diff-tree", "-r", "--no-renames", "--name-only", f"{sha}~1", sha).split(
        "\n"
    )[:-1]
    plain = exclude.Rules()
    start = time.perf_counter()
    for path in paths:
        plain.reason(path, {})
    fast = time.perf_counter() - start
    groups = [g.regex for _, g in plain._builtin]
    start = time.perf_counter()
    for path in paths:
        any(regex.match(path) for regex in groups)
    return len(paths), fast, time.perf_counter() - start


def gate_run(repo: Path, sha: str, out: Path, timeout: float) -> Run:
    cmd = [sys.executable, "-m", "gate", "check", "--base", f"{sha}~1", "--head", sha]
    cmd += ["--json", str(out), "--mode", "monitor"]
    return run(cmd, repo, environment(), timeout)


def peer_run(repo: Path, sha: str, timeout: float) -> Run:
    env = environment() | {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "diff.renames",
        "GIT_CONFIG_VALUE_0": "false",
    }
    with rules.bundled() as bundled:
        cmd = [semgrep.locate(os.environ), "scan", "--metrics=off", "--quiet", "--json"]
        cmd += ["--config", str(bundled), "--baseline-commit", f"{sha}~1", "-o", os.devnull]
        return run(cmd, repo, env, timeout)


def load() -> str:
    return os.getloadavg().__repr__()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", type=Path, help="a fetched bare repository")
    parser.add_argument("sha", help="the commit to judge against its first parent")
    parser.add_argument("--work", type=Path, default=None, help="where the work tree goes")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds for the gate")
    parser.add_argument("--peer-timeout", type=float, default=900, help="seconds for semgrep")
    args = parser.parse_args()
    work = args.work or Path("benchmarks/.work/huge") / args.mirror.parent.name
    repo = checkout(args.mirror, args.sha, work)
    count, fast, slow = exclusion_seconds(repo, args.sha)
    print(f"{args.mirror} {args.sha[:10]}: {count} changed paths (no rename detection)")
    print(f"exclusion rules: {fast:.2f} s (regexes alone {slow:.2f} s)")
    print(f"load before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "gate.json")
        gate = gate_run(repo, args.sha, out, args.timeout)
        print(f"gate: {gate.seconds:.1f} s, exit {gate.code}, peak {gate.rss_mb} MB")
        if out.exists():
            report = json.loads(out.read_text())
            size = report["checks"]["size"].get("metrics", {})
            print(
                f"  change: {size.get('files_changed')} files, +{size.get('lines_added')} "
                f"-{size.get('lines_removed')}; verdict {report['verdict']} "
                f"(monitor mode: {report['enforced_verdict']}); error: {report.get('error')}"
            )
            for name, check in report["checks"].items():
                summary = (check.get("summary") or "")[:160]
                seconds = float(check.get("seconds") or 0.0)
                print(f"  {name:13} {seconds:7.1f} s  {check.get('status'):8} {summary}")
    print(f"load between: {load()}")
    peer = peer_run(repo, args.sha, args.peer_timeout)
    state = "stopped at the timeout" if peer.code is None else f"exit {peer.code}"
    print(f"semgrep --baseline-commit: {peer.seconds:.1f} s, {state}, peak {peer.rss_mb} MB")
    if peer.code == 0:
        print(f"ratio gate / semgrep: {gate.seconds / peer.seconds:.2f}")
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
