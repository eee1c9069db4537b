"""Benchmark: the AI check's line origins from the replay against ``git blame``, on real ranges.

Until 0.1.0 the AI check found each added line's origin with one ``git blame -w -M
-C`` per file, then re-blamed (without ``-M -C``) the lines traced before the range
that the change did not remove anywhere. Now one replay of the range
(:mod:`gate.ai.origins`) gives every origin. This script runs both on the same
real ranges, line by line, and prints per range: the seconds of each (the peer is
blame, run by a checkout of merge-gate 0.1.0 given as ``--old``), their ratio, how
many added lines agree on their origin commit, and a sample of the lines that do not,
each classified:

- ``moved-by-another-commit``: blame called it preexisting because some commit of
  the change removed equal text, but not the commit that added it (the old
  approximation; the definition says the same commit must remove it);
- ``blank-or-short``: a line without 20 alphanumeric characters around it, which
  blame carried along with a moved block and the replay does not (``moves.MIN_ALNUM``);
- ``other``: printed in full for a person to read.

    python benchmarks/bench_ai_agreement.py --old DIR [--ranges NAME,...]

``DIR``: a checkout of merge-gate 0.1.0 (``git worktree add DIR v0.1.0``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from harness import gate_check

MIRRORS = Path("/work/.mirror")
WORK = Path(__file__).parent / ".work" / "agreement"
# name: (mirror, base, head)
RANGES = {
    "sympy-one": ("sympy+sympy", "e950d313a9~1", "e950d313a9"),
    "sympy-short": ("sympy+sympy", "ba8647df", "e950d313a9"),
    "sympy-long": ("sympy+sympy", "fab12a2b", "e950d313a9"),
    "aider-0.84": ("Aider-AI+aider", "v0.83.0", "v0.84.0"),
    "aider-0.85": ("Aider-AI+aider", "v0.84.0", "v0.85.0"),
    "aider-0.86": ("Aider-AI+aider", "v0.85.0", "v0.86.0"),
    "click-8.2": ("pallets+click", "8.1.8", "8.2.0"),
    "click-8.3": ("pallets+click", "8.2.2", "8.3.0"),
    "requests-2.32": ("psf+requests", "v2.31.0", "v2.32.0"),
    "requests-2.33": ("psf+requests", "v2.32.5", "v2.33.0"),
    "openhands": ("All-Hands-AI+OpenHands", "HEAD~200", "HEAD"),
    "gemini-cli": ("google-gemini+gemini-cli", "HEAD~150", "HEAD"),
}

DUMP = r"""
import json, sys
from gate.git import Git
from gate import diff
from pathlib import Path
git = Git.discover(Path(sys.argv[1]))
base, head = sys.argv[2], sys.argv[3]
mb = git.run("merge-base", base, head).decode().strip()
files = [f for f in diff.read(git, mb, head)
         if f.new_path and f.added and not f.binary and not f.submodule and not f.unreadable
         and f.new_mode != "120000" and f.path != ".agent-trace.json"]
commits = set(git.run("rev-list", f"{mb}..{head}").decode().split())
out = {}
try:
    from gate.ai import origins
except ImportError:  # merge-gate 0.1.0: blame, then the preexisting refinement
    from gate.ai import blame, preexisting
    jobs = [(f.path, [(r.start, r.start + r.count - 1) for r in f.added]) for f in files]
    raw = git.blame(mb, head, jobs)
    ok = [(f, blame.parse(o, f.path)) for f, o in zip(files, raw) if isinstance(o, bytes)]
    found = preexisting.refine(git, [e for _, e in ok], change_files=diff.read(git, mb, head),
        blamed=[f for f, _ in ok], range_commits=commits, bounds=(mb, head))
    pairs = list(zip([f for f, _ in ok], found))
else:
    found = origins.origins(git, mb, head, files)
    pairs = [(f, r) for f, r in zip(files, found) if isinstance(r, tuple)]
for f, entries in pairs:
    lines = {}
    for e in entries:
        for k in range(e.count):
            lines[e.final_line + k] = e.sha if e.sha in commits else ""
    out[f.path] = lines
json.dump(out, sys.stdout)
"""


def checkout(mirror: str, name: str) -> Path:
    dest = WORK / mirror
    if not (dest / ".git").exists():
        source = MIRRORS / mirror / "repo"
        subprocess.run(
            ["git", "clone", "-q", "--shared", "--no-checkout", str(source), str(dest)], check=True
        )
    return dest


def dump(source: Path, repo: Path, base: str, head: str) -> tuple[float, dict[str, dict[str, str]]]:
    env = os.environ | {"PYTHONPATH": str(source)}
    start = time.perf_counter()
    cmd = [sys.executable, "-c", DUMP, str(repo), base, head]
    proc = subprocess.run(cmd, env=env, cwd=repo, capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{source}: {proc.stderr.decode()[-2000:]}")
    return time.perf_counter() - start, json.loads(proc.stdout)


AI_ONLY = "[size]\nenabled = false\n[complexity]\nenabled = false\n[security]\nenabled = false\n"


def ai_share(
    source: Path, repo: Path, base: str, head: str, tmp: Path
) -> tuple[float, int, int, int]:
    """The AI check's share, AI lines, added lines and preexisting lines, run by ``source``."""
    config, out = tmp / "gate.toml", tmp / "gate.json"
    config.write_text(AI_ONLY)
    env = os.environ | {"PYTHONPATH": str(source)}
    cmd = gate_check(base, head, out, "--config", str(config), "--mode", "monitor")
    subprocess.run(cmd, cwd=repo, env=env, capture_output=True, check=False)
    m = json.loads(out.read_text())["checks"]["ai"]["metrics"]
    return m["ai_share"] or 0.0, m["ai_lines"], m["added_lines"], m["preexisting_lines"]


def classify(repo: Path, where: tuple[str, int], old: str, new: str, head: str) -> str:
    path, line = where
    if old == "" and new != "":
        show = ["git", "show", f"{head}:{path}"]
        blob = subprocess.run(show, cwd=repo, capture_output=True, check=True).stdout
        text = blob.split(b"\n")[line - 1]
        if sum(c.isalnum() for c in text.decode("utf-8", "replace")) < 20:
            return "blank-or-short"
        return "moved-by-another-commit"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="a merge-gate 0.1.0 checkout")
    parser.add_argument("--ranges", default=",".join(RANGES))
    args = parser.parse_args()
    if not (args.old / "gate" / "ai" / "blame.py").is_file():
        sys.exit(f"{args.old}: not a merge-gate 0.1.0 checkout (no gate/ai/blame.py)")
    new_source = Path(__file__).resolve().parent.parent
    for name in args.ranges.split(","):
        mirror, base, head = RANGES[name]
        if not (MIRRORS / mirror).exists():
            print(f"{name}: {mirror} is not fetched; skipped")
            continue
        repo = checkout(mirror, name)
        old_s, old = dump(args.old, repo, base, head)
        new_s, new = dump(new_source, repo, base, head)
        total = same = 0
        kinds: Counter[str] = Counter()
        samples: list[str] = []
        for path, lines in new.items():
            for number, sha in lines.items():
                theirs = old.get(path, {}).get(number)
                if theirs is None:
                    continue  # blame could not read the file
                total += 1
                if theirs == sha:
                    same += 1
                    continue
                kind = classify(repo, (path, int(number)), theirs, sha, head)
                kinds[kind] += 1
                if kind == "other" and len(samples) < 5:
                    samples.append(
                        f"    {path}:{number} blame {theirs[:10] or 'pre'} "
                        f"replay {sha[:10] or 'pre'}"
                    )
        share = same / total if total else 1.0
        print(
            f"{name}: {total} lines, {same} agree ({share:.2%}); "
            f"blame {old_s:.1f} s, replay {new_s:.1f} s, ratio {new_s / old_s:.2f}; "
            f"differences {dict(kinds)}"
        )
        for line in samples:
            print(line)
        with tempfile.TemporaryDirectory() as tmp:
            before = ai_share(args.old, repo, base, head, Path(tmp))
            after = ai_share(new_source, repo, base, head, Path(tmp))
        print(
            f"    AI share blame {before[0]:.2%} ({before[1]}/{before[2]} lines, "
            f"{before[3]} preexisting), replay {after[0]:.2%} ({after[1]}/{after[2]}, "
            f"{after[3]} preexisting): {abs(after[0] - before[0]) * 100:.2f} points"
        )


if __name__ == "__main__":
    main()
