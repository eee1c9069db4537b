"""Benchmark: `gate check` with only the size gate on a large synthetic change.

Builds (once, cached under benchmarks/.work/) a repository of 4,000 files over 300
commits on main, and a feature branch of 100 commits changing 2,000 files
(1,500 edited: 10 lines rewritten and 30 appended; 400 added; 100 renamed with a
one-line edit) for about 100,000 changed lines. Then it times `gate check` against the peer, a bare
`git diff --numstat -M` over the same range (the least any tool must do to size
a change), and prints the ratio, the git processes the gate spawned (counted by
a wrapper on PATH) and the peak memory of the gate's process tree.

Target (issue 2): under 2 s and under 300 MB on a 2-core machine.

    python benchmarks/bench_size.py [--rebuild]
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from harness import best, counting_git, environment, gate_program, prepared, timed

WORK = Path(__file__).parent / ".work" / "size"
FILES, BASE_COMMITS, LINES = 4000, 300, 50
EDITED, ADDED, RENAMED, PR_COMMITS = 1500, 400, 100, 100
CONFIG = b"""[size]
max_changed_lines = 1000000
max_files = 100000
[complexity]
enabled = false
[security]
enabled = false
[ai]
enabled = false
[certification]
enabled = false
"""


def blob(text: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(text), text)


def body(i: int, version: int, extra: int = 0) -> bytes:
    """The file's rows; ``version`` 2 rewrites every fifth row (10 of 50)."""
    rows = [
        f"value_{i}_{n} = {n * (version if n % 5 == 0 else 1)}  # row {n}"
        for n in range(LINES + extra)
    ]
    return ("\n".join(rows) + "\n").encode()


def commit(ref: str, mark: int, n: int, parent: int | None, ops: list[bytes]) -> Iterator[bytes]:
    msg = f"commit {n}".encode()
    yield f"commit {ref}\nmark :{mark}\n".encode()
    yield f"committer Bench <bench@example.com> {1700000000 + n * 60} +0000\n".encode()
    yield blob(msg)
    if parent is not None:
        yield f"from :{parent}\n".encode()
    yield from ops


def stream() -> Iterator[bytes]:
    """A fast-import stream: main's history, then the feature branch."""
    per_commit = FILES // BASE_COMMITS + 1
    mark = 0
    for n in range(BASE_COMMITS):
        mark += 1
        files = range(n * per_commit, min((n + 1) * per_commit, FILES))
        ops = [b"M 100644 inline src/m%d/f%d.py\n" % (i % 40, i) + blob(body(i, 1)) for i in files]
        if n == 0:
            ops.append(b"M 100644 inline .gate.toml\n" + blob(CONFIG))
        yield from commit("refs/heads/main", mark, n, mark - 1 if n else None, ops)
    fork = mark
    changes: list[bytes] = []
    changes += [
        b"M 100644 inline src/m%d/f%d.py\n" % (i % 40, i) + blob(body(i, 2, 30))
        for i in range(EDITED)
    ]
    changes += [
        b"M 100644 inline src/new/n%d.py\n" % i + blob(body(FILES + i, 1, 10)) for i in range(ADDED)
    ]
    for i in range(FILES - RENAMED, FILES):
        old = b"src/m%d/f%d.py" % (i % 40, i)
        edited = body(i, 1).replace(b"# row 7\n", b"# row seven\n")
        changes.append(b"D %s\nM 100644 inline src/moved/f%d.py\n" % (old, i) + blob(edited))
    step = len(changes) // PR_COMMITS + 1
    parent = fork
    for n in range(PR_COMMITS):
        mark += 1
        part = changes[n * step : (n + 1) * step]
        yield from commit("refs/heads/feature", mark, BASE_COMMITS + n, parent, part)
        parent = mark


def main() -> None:
    repo = prepared(WORK / "repo", stream)
    gate = gate_program()
    env = environment()
    peer = best(5, ["git", "diff", "--numstat", "-M", "main...feature"], repo, env)
    same_diff = best(
        5,
        ["git", "diff", "-z", "--raw", "-p", "-U0", "-M", "-C", "-l5000", "main...feature"],
        repo,
        env,
    )
    with tempfile.TemporaryDirectory() as tmp:
        calls = Path(tmp) / "calls"
        wrapped = {**env, "PATH": f"{counting_git(Path(tmp))}:{env['PATH']}"}
        timed([gate, "check", "--base", "main"], repo, wrapped)  # warm the OS cache
        calls.unlink()
        _seconds, code, rss = timed(
            [gate, "check", "--base", "main", "--json", f"{tmp}/r.json"], repo, wrapped
        )
        spawned = calls.read_text().split()
        report = Path(f"{tmp}/r.json").read_text()
    runs = best(5, [gate, "check", "--base", "main"], repo, env)
    print(
        f"change: {EDITED} edited + {ADDED} added + {RENAMED} renamed files "
        f"over {PR_COMMITS} commits (exit {code})"
    )
    metrics = json.loads(report)["checks"]["size"]["metrics"]
    print(
        f"gate size metrics: files {metrics['files_changed']}, "
        f"+{metrics['lines_added']} -{metrics['lines_removed']}"
    )
    print(f"gate check (best of 5):        {runs[0]:.3f} s   (target < 2 s)")
    print(f"git diff --numstat -M (peer):  {peer[0]:.3f} s")
    print(f"ratio gate / peer:             {runs[0] / peer[0]:.2f}x")
    print(
        f"the gate's own git diff -p -C: {same_diff[0]:.3f} s "
        f"(gate / that diff: {runs[0] / same_diff[0]:.2f}x; -C copy detection is most of it)"
    )
    print(f"git processes spawned:         {len(spawned)} ({' '.join(spawned)})")
    print(f"peak RSS of the gate's tree:   {rss} MB   (target < 300 MB)")


if __name__ == "__main__":
    main()
