"""Benchmark: the security check's base side, and proof that scanning less of it keeps the answer.

For real ranges (sympy, click, requests: fetched mirrors, cloned ``--shared``
under benchmarks/.work/), runs the security measurement of two merge-gate
checkouts (``--before DIR``, say main exported there, and this one) in child
processes, each twice: as the gate runs it (the check's seconds), and with each
side's semgrep work run alone on all cores (the base side's seconds); the CPU
seconds of the processes it ran (semgrep, git) measure the work whatever the
machine's load. Then it
compares the two full answers (new, fixed, moved, suppressed, not analysed,
partly analysed) and explains every difference; the only kind allowed is a
base finding in a file the change only added lines to (not scanned unless its
head has a finding: see gate/security/baseline.py), anything else is UNEXPECTED.

    python benchmarks/bench_security_sides.py --before DIR [--ranges sympy-short,...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

MIRRORS = Path("/work/.mirror")
WORK = Path("benchmarks/.work")
# name: (mirror, base, head)
RANGES = {
    "sympy-short": ("sympy+sympy", "ba8647df", "e950d313a9"),
    "sympy-long": ("sympy+sympy", "fab12a2b", "e950d313a9"),
    "click-8.3": ("pallets+click", "8.2.0", "8.3.0"),
    "click-8.5": ("pallets+click", "8.3.0", "8.5.0"),
    "requests-2.32": ("psf+requests", "v2.31.0", "v2.32.0"),
    "requests-2.34": ("psf+requests", "v2.32.0", "v2.34.2"),
}
KINDS = ("new", "fixed", "moved", "suppressed", "not_analysed", "partly")


def emit(repo: Path, base: str, head: str, sides: bool) -> dict[str, Any]:
    """The measurement of ``base..head`` by the gate on ``sys.path`` (child process)."""
    from gate import diff
    from gate.change import Change
    from gate.config import Config
    from gate.git import Git
    from gate.inputs import Inputs
    from gate.security import measurement, semgrep

    seconds = {"base": 0.0, "head": 0.0}
    waves: list[str] = []  # per semgrep call and side: files and bytes of its main run
    if sides:
        real = semgrep.run_all
        cores = len(os.sched_getaffinity(0))

        def alone(options: Any, requests: Sequence[Any], env: Mapping[str, str]) -> list[Any]:
            out: list[Any] = [None] * len(requests)
            for side in seconds:
                mine = [i for i, r in enumerate(requests) if r.cwd.name == side]
                if mine:
                    main = [t for i in mine if not requests[i].nosem for t in requests[i].targets]
                    size = sum((requests[mine[0]].cwd / t).stat().st_size for t in main)
                    waves.append(f"{side} {len(main)} files {size / 1e6:.1f} MB")
                    start = time.perf_counter()
                    scans = real(replace(options, jobs=cores), [requests[i] for i in mine], env)
                    seconds[side] += time.perf_counter() - start
                    for i, scan in zip(mine, scans, strict=True):
                        out[i] = scan
            return out

        semgrep.run_all = alone
    git = Git.discover(repo)
    files = diff.read(git, base, head)
    inputs = Inputs(git, Change(base, head, base, files), Config(), {}, (), dict(os.environ))
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    m = measurement.measure(inputs)
    total, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    c = m.comparison

    def occ(o: Any) -> list[Any]:
        return [o.rule, o.path, o.line, o.text]

    return {
        "seconds": total,
        "cpu": cpu,
        "sides": seconds,
        "waves": waves,
        "new": [occ(o) for o in c.new],
        "fixed": [occ(o) for o in c.fixed],
        "moved": [[*occ(p.head), p.base.path, p.base.line] for p in c.moved],
        "suppressed": [occ(o) for o in c.suppressed],
        "not_analysed": [[n.path, n.reason, n.base] for n in m.not_analysed],
        "partly": [[p.path, list(map(list, p.lines))] for p in m.partly],
        "files_scanned": m.files_scanned,
        # Base paths of files that only gained lines: what the new code may leave unscanned.
        "gained": sorted(
            f.old_path
            for f in files
            if f.old_path
            and f.new_path
            and not f.removed
            and not f.binary
            and not f.unreadable
            and f.status not in ("deleted", "typechange", "copied")
        ),
    }


def child(source: Path, repo: Path, base: str, head: str, sides: bool) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(source.resolve()), "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    args = [sys.executable, str(Path(__file__).resolve()), "--emit", str(repo), base, head]
    proc = subprocess.run(
        [*args, *(["--sides"] if sides else [])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"measurement by {source} failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def checkout(mirror: str, dest: Path) -> Path:
    if not (dest / ".git").exists():
        src = MIRRORS / mirror / "repo"
        clone = ["git", "clone", "-q", "--shared", "--no-checkout", str(src), str(dest)]
        subprocess.run(clone, check=True)
    return dest


def rev(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def explain(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per difference between the answers, with its kind."""
    gained = set(new["gained"])
    lines = []
    old_moved = {tuple(p[:4]): p for p in old["moved"]}
    for kind in KINDS:
        before = {json.dumps(x) for x in old[kind]}
        after = {json.dumps(x) for x in new[kind]}
        for item in sorted(before - after):
            x = json.loads(item)
            why = "UNEXPECTED"
            if kind == "fixed" and x[1] in gained:
                why = "fixed by additions only: not listed (documented)"
            elif kind == "moved" and x[4] in gained:
                why = "move origin in a file that only gained lines: a copy (documented)"
            elif kind == "not_analysed" and x[2] and x[0] in gained:
                why = "base not analysed in a file whose base was not needed"
            lines.append(f"  only before: {kind} {x}  ({why})")
        for item in sorted(after - before):
            x = json.loads(item)
            why = "UNEXPECTED"
            origin = old_moved.get(tuple(x[:4]))
            if kind in ("new", "suppressed") and origin is not None and origin[4] in gained:
                why = "was moved from a file that only gained lines: a copy (documented)"
            lines.append(f"  only after:  {kind} {x}  ({why})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="merge-gate checkout to compare with")
    parser.add_argument("--ranges", default=",".join(RANGES))
    parser.add_argument("--emit", nargs=3, metavar=("REPO", "BASE", "HEAD"), help=argparse.SUPPRESS)
    parser.add_argument("--sides", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.emit:
        repo, base, head = args.emit
        print(json.dumps(emit(Path(repo), base, head, args.sides)))
        return
    if args.before is None:
        parser.error("--before DIR is required")
    after = Path(__file__).resolve().parent.parent
    unexpected = 0
    for name in args.ranges.split(","):
        mirror, base, head = RANGES[name]
        repo = checkout(mirror, WORK / mirror.split("+")[1])
        head_sha = rev(repo, "rev-parse", head)
        merge_base = rev(repo, "merge-base", base, head_sha)
        files = len(rev(repo, "diff", "--name-only", "-M", merge_base, head_sha).splitlines())
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"{name} {base}..{head} ({files} files; load {load})")
        results = {}
        for label, source in (("before", args.before), ("after", after)):
            whole = child(source, repo, merge_base, head_sha, sides=False)
            split = child(source, repo, merge_base, head_sha, sides=True)
            results[label] = whole
            print(
                f"  {label:6}: security measurement {whole['seconds']:6.1f} s "
                f"(CPU of its processes {whole['cpu']:6.1f} s); sides alone: "
                f"base {split['sides']['base']:5.1f} s, head {split['sides']['head']:5.1f} s; "
                + ", ".join(f"{k} {len(whole[k])}" for k in KINDS)
            )
            print(f"          semgrep calls: {'; '.join(split['waves'])}")
        differences = explain(results["before"], results["after"])
        print("\n".join(differences) if differences else "  the same answer")
        unexpected += sum("UNEXPECTED" in line for line in differences)
    if unexpected:
        raise SystemExit(f"{unexpected} unexplained differences")


if __name__ == "__main__":
    main()
