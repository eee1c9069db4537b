"""Benchmark: ``gate check`` on real ranges of sympy vs ``semgrep scan --baseline-commit``.

Clones the fetched sympy mirror (``--shared``, checked out at the head), then for
each range prints, in one run: the gate's seconds per check (from its JSON), its
git processes, its peak memory, the same rules run by ``semgrep scan
--baseline-commit`` (which skips test folders; the gate does not), and the ratio.
``--source DIR`` runs the gate from another checkout of merge-gate (say, main) to
compare before and after in the same run. ``--same-files`` also runs the peer with an
empty ``.semgrepignore``, so that it scans the test folders too (a ratio on equal work).

    python benchmarks/bench_real.py [--mirror DIR] [--ranges short,long] [--source DIR]
        [--same-files]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from harness import counting_git, environment, gate_check, timed

from gate.security import rules, semgrep

HEAD = "e950d313a9"
RANGES = {"short": "ba8647df", "long": "fab12a2b", "one": "e950d313a9~1"}


def checkout(mirror: Path, dest: Path) -> Path:
    if not (dest / ".git").exists():
        subprocess.run(
            ["git", "clone", "-q", "--shared", "--no-checkout", str(mirror), str(dest)], check=True
        )
        subprocess.run(["git", "checkout", "-q", "--detach", HEAD], cwd=dest, check=True)
    return dest


def gate_run(
    repo: Path, base: str, source: Path | None, tmp: Path
) -> tuple[float, int, int, dict[str, float]]:
    (tmp / "git-count").mkdir(exist_ok=True)
    wrapper = counting_git(tmp / "git-count")
    calls = wrapper / "calls"
    calls.unlink(missing_ok=True)
    env = environment() | {"PATH": f"{wrapper}{os.pathsep}{os.environ['PATH']}"}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    out = tmp / "gate.json"
    cmd = gate_check(base, HEAD, out)
    t = timed(cmd, repo, env)
    data = json.loads(out.read_text())
    checks = data["checks"]
    seconds = {name: float(c.get("seconds") or 0.0) for name, c in checks.items()}
    gits = len(calls.read_text().splitlines()) if calls.exists() else 0
    return t.seconds, gits, t.rss_mb, seconds


def semgrep_run(repo: Path, base: str, *, same_files: bool = False) -> float:
    """``semgrep scan --baseline-commit`` with the bundled rules; ``same_files``: with an
    empty ``.semgrepignore`` (an untracked file), so it scans the test folders the gate
    scans, where its default ignore list skips them."""
    ignore = repo / ".semgrepignore"
    if same_files:
        ignore.write_text("# scan every file, as the gate does\n")
    try:
        return _semgrep(repo, base)
    finally:
        ignore.unlink(missing_ok=True)


def _semgrep(repo: Path, base: str) -> float:
    with rules.bundled() as bundled:
        exe = semgrep.locate(os.environ)
        cmd = [
            exe,
            "scan",
            "--metrics=off",
            "--quiet",
            "--json",
            "--config",
            str(bundled),
            "--baseline-commit",
            base,
            "-o",
            os.devnull,
        ]
        return timed(cmd, repo, environment()).seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror/sympy+sympy/repo"))
    parser.add_argument("--ranges", default="one,short,long")
    parser.add_argument("--source", type=Path, default=None, help="merge-gate checkout to run")
    parser.add_argument("--work", type=Path, default=Path("benchmarks/.work/sympy"))
    parser.add_argument(
        "--same-files", action="store_true", help="also run the peer on the gate's files"
    )
    args = parser.parse_args()
    repo = checkout(args.mirror, args.work)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.ranges.split(","):
            base = subprocess.run(
                ["git", "rev-parse", RANGES[name]],
                cwd=repo,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            total, gits, rss, per = gate_run(repo, base, args.source, Path(tmp))
            peer = semgrep_run(repo, base)
            same = semgrep_run(repo, base, same_files=True) if args.same_files else None
            checks = ", ".join(f"{k} {v:.1f}" for k, v in per.items())
            fair = f"; on the same files {same:.1f} s, ratio {total / same:.2f}" if same else ""
            print(
                f"{name:5} {RANGES[name]}..{HEAD}: gate {total:.1f} s ({checks}), {gits} git "
                f"processes, peak {rss} MB; semgrep --baseline-commit {peer:.1f} s; "
                f"ratio {total / peer:.2f}{fair}; load {os.getloadavg()[0]:.1f}"
            )


if __name__ == "__main__":
    main()
