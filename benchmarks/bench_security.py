"""Benchmark: the security check vs ``semgrep scan --baseline-commit`` on one large change.

Builds a synthetic repository whose one change touches hundreds of Python
files: findings that stay put while code around them moves, files renamed
with their findings, findings moved to another file without a rename, new
findings (some duplicating an existing one in the same file), fixed findings,
and a new finding under ``tests/``. Then it times, in this process tree,

- ``gate check`` (the security check's own seconds are read from its JSON), and
- ``semgrep scan --baseline-commit <base>`` with the same bundled rules,

prints the ratio (target: at most 1.0) and compares the two sets of new
findings, explaining every difference.

    python benchmarks/bench_security.py [--files 400] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gate.security import rules, semgrep

ENV = {
    **os.environ,
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
FINDINGS = (
    "    return eval(arg)\n",
    "    os.system(arg)\n",
    "    return pickle.loads(arg)\n",
    "    return hashlib.md5(arg).hexdigest()\n",
    "    return yaml.load(arg)\n",
)
Finding = tuple[str, str, int]  # rule, path, line


def module(i: int, finding: str | None, header: str = "") -> str:
    """About a hundred lines of plain Python; ``finding`` goes in function ``target``."""
    body = [header, "import hashlib\nimport os\nimport pickle\n\nimport yaml\n\n"]
    body += [
        f"\n\ndef helper_{i}_{j}(values):\n"
        f"    total = 0\n    for v in values:\n        if v > {j}:\n"
        f"            total += v * {i % 7 + 1}\n    return total\n"
        for j in range(12)
    ]
    if finding is not None:
        body.append(target(i, finding))
    return "".join(body)


def target(i: int, finding: str) -> str:
    """The function holding file ``i``'s finding (each file has its own)."""
    return f"\n\ndef target_{i}(arg):\n{finding}"


@dataclass(frozen=True)
class Plan:
    base: dict[str, str]
    head: dict[str, str | None]
    renames: dict[str, str]


def plan(files: int) -> Plan:
    """The change: each file gets one role, in turn."""
    # Only the security check runs (with the spine): the whole command is its cost.
    base: dict[str, str] = {
        ".gate.toml": "[size]\nmax_changed_lines = 10000000\nmax_files = 100000\n"
        "[complexity]\nenabled = false\n[ai]\nenabled = false\n"
    }
    head: dict[str, str | None] = {}
    renames: dict[str, str] = {}
    for i in range(files):
        path = f"pkg/m{i // 50}/mod_{i}.py"
        finding = FINDINGS[i % len(FINDINGS)]
        role = i % 8
        if role == 0:  # a finding that stays while a docstring moves it down
            base[path] = module(i, finding)
            head[path] = module(i, finding, header='"""Documented."""\n')
        elif role == 1:  # renamed with a small edit: its finding moves with it
            base[path] = module(i, finding)
            renames[path] = path.replace("mod_", "renamed_")
            head[renames[path]] = module(i, finding) + "\nEXTRA = 1\n"
        elif role == 2:  # a finding moved to another file, no rename
            base[path] = module(i, finding)
            head[path] = module(i, None) + "\nMOVED = True\n"
            head[f"pkg/moved/dest_{i}.py"] = "import os\n" + target(i, finding)
        elif role == 3:  # a new finding
            base[path] = module(i, None)
            head[path] = module(i, finding)
        elif role == 4:  # the same finding twice: one is new
            base[path] = module(i, finding)
            head[path] = module(i, finding) + f"\n\ndef again_{i}(arg):\n" + finding
        elif role == 5:  # fixed
            base[path] = module(i, finding)
            head[path] = module(i, None)
        else:  # plain edits, no finding
            base[path] = module(i, None)
            head[path] = module(i, None, header="# edited\n")
    head["tests/test_new.py"] = "def test_eval(arg):\n    assert eval(arg)\n"
    return Plan(base, head, renames)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def build(repo: Path, change: Plan) -> str:
    """Commit the base, then the change; return the base sha."""
    git(repo, "init", "-q", "-b", "main")
    write(repo, change.base)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD").strip()
    for old, new in change.renames.items():
        (repo / new).parent.mkdir(parents=True, exist_ok=True)
        git(repo, "mv", old, new)
    write(repo, change.head)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    return base


def write(repo: Path, files: Mapping[str, str | None]) -> None:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def run_gate(repo: Path, base: str, out: Path) -> tuple[float, float, set[Finding]]:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "gate", "check", "--base", base, "--json", str(out)],
        cwd=repo,
        env=ENV,
        check=False,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    security = json.loads(out.read_text())["checks"]["security"]
    if security["status"] == "error":
        raise SystemExit(f"the security check failed: {security['summary']}")
    new = {
        (f["rule"], f["path"], f["line"])
        for f in security["findings"]
        if f["details"].get("status") == "new"
    }
    return wall, float(security["seconds"]), new


def run_semgrep(repo: Path, base: str, configs: tuple[str, ...]) -> tuple[float, set[Finding]]:
    args = [semgrep.locate(ENV), "scan", "--json", "--metrics=off", "--no-rewrite-rule-ids"]
    args += [f"--baseline-commit={base}"]
    for config in configs:
        args += ["--config", config]
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=repo, env=ENV, check=False, capture_output=True)
    wall = time.perf_counter() - start
    report = json.loads(proc.stdout)
    if report.get("errors"):
        raise SystemExit(f"semgrep --baseline-commit reported errors: {report['errors'][:2]}")
    new = {(r["check_id"], r["path"], r["start"]["line"]) for r in report["results"]}
    return wall, new


def explain(gate_new: set[Finding], semgrep_new: set[Finding], change: Plan) -> list[str]:
    """One line per difference between the two sets of new findings, with its cause.

    Findings moved to another file are the expected difference: semgrep's
    baseline matches findings within a path, the gate also across changed files.
    """
    renamed = set(change.renames.values())
    lines = []
    for rule, path, line in sorted(semgrep_new - gate_new):
        if path.startswith("pkg/moved/"):
            why = "moved from another file without a rename: the gate matches it, not new"
        elif path in renamed:
            why = "its file was renamed: the gate follows the rename, not new"
        else:
            why = "UNEXPECTED"
        lines.append(f"  only semgrep: {rule} {path}:{line}  ({why})")
    for rule, path, line in sorted(gate_new - semgrep_new):
        if path.startswith("tests/"):
            why = "semgrep's default .semgrepignore skips tests/; the gate scans every change"
        else:
            why = "UNEXPECTED"
        lines.append(f"  only the gate: {rule} {path}:{line}  ({why})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=400, help="Python files in the change")
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-security-") as tmp:
        root = args.keep or Path(tmp)
        repo = root / "repo"
        repo.mkdir(parents=True)
        change = plan(args.files)
        base = build(repo, change)
        changed = len(git(repo, "diff", "--name-only", "-M", base, "HEAD").split())
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"synthetic change: {changed} changed files; {os.cpu_count()} cores, load {load}")
        gate_wall, gate_check, gate_new = run_gate(repo, base, root / "gate.json")
        with rules.bundled() as bundled:
            semgrep_wall, semgrep_new = run_semgrep(repo, base, (str(bundled),))
    print(f"gate check (whole command):       {gate_wall:7.2f} s")
    print(f"  of which the security check:    {gate_check:7.2f} s")
    print(f"semgrep scan --baseline-commit:   {semgrep_wall:7.2f} s")
    print(f"ratio gate check / semgrep:       {gate_wall / semgrep_wall:7.2f}  (target <= 1.0)")
    print(f"ratio security check / semgrep:   {gate_check / semgrep_wall:7.2f}")
    print(
        f"new findings: gate {len(gate_new)}, semgrep {len(semgrep_new)}, "
        f"both {len(gate_new & semgrep_new)}"
    )
    differences = explain(gate_new, semgrep_new, change)
    print("\n".join(differences) if differences else "  the same new findings")
    if any("UNEXPECTED" in line for line in differences):
        raise SystemExit("unexplained differences")


if __name__ == "__main__":
    main()
