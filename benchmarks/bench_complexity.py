"""How fast is the complexity check on a large change, against plain ``ast.parse``?

Builds a synthetic repository with ``git fast-import`` (FILES Python files of a few
hundred lines each; the change edits every one of them, adds functions, renames
some files and moves functions between files), then prints, each the best of
REPEAT runs:

- the cold run (empty cache) of the complexity check, as a ratio to plain
  ``ast.parse`` of the same blobs in this process (target: at most 2x);
- the warm run (cache filled) as a ratio to the cold run (target: at most 0.2x);
- peak memory: max RSS of this process and of the worker processes, and the
  tracemalloc peak of one cold run in this process;
- with ``--crossover``: one process against two for growing amounts of source,
  which is where ``PARALLEL_MIN_BYTES`` comes from.

Run: ``python benchmarks/bench_complexity.py [--files 1200] [--repeat 3] [--crossover]``
"""

from __future__ import annotations

import argparse
import ast
import random
import resource
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from gate.change import Change, parse_diff
from gate.complexity import pool
from gate.complexity.check import ComplexityCheck, plan
from gate.config import ComplexityConfig, Config
from gate.git import Git
from gate.inputs import Inputs
from gate.result import CheckResult

_OPS = ("==", "!=", "<", ">", "in", "is not")


def function(seed: str, name: str, indent: str, extra: int = 0) -> str:
    """A function with a random mix of branches, loops, comprehensions and handlers."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not a secret
    body = [f"{indent}def {name}(self, a, b=None, *args, **kw):", f'{indent}    """Doc."""']
    pad = indent + "    "
    for i in range(rng.randint(3, 12) + extra):
        kind = rng.randrange(6)
        op = rng.choice(_OPS)
        if kind == 0:
            body += [f"{pad}if a {op} {i}:", f"{pad}    b = [x for x in args if x]"]
            body += [f"{pad}elif b and kw:", f"{pad}    return {i}"]
        elif kind == 1:
            body += [f"{pad}for item in args:", f"{pad}    if item {op} b:", f"{pad}        break"]
        elif kind == 2:
            body += [f"{pad}try:", f"{pad}    a = kw[{i}]", f"{pad}except KeyError:"]
            body += [f"{pad}    a = None"]
        elif kind == 3:
            body += [f"{pad}value = a if b else {{k: v for k, v in kw.items() if v}}"]
        elif kind == 4:
            body += [f"{pad}while a and a > {i}:", f"{pad}    a -= 1  # count down"]
        else:
            body += [f"{pad}result = call(a, b, {i}, *args)", f"{pad}total = result + {i}"]
    body.append(f"{indent}    return a")
    return "\n".join(body) + "\n\n"


def module(index: int, edited: bool) -> str:
    """One synthetic module; its head version (``edited``) has three edited functions and
    a new one."""
    parts = [f'"""Module {index}."""\n\nimport os\nimport sys\n\n']
    for c in range(2):
        parts.append(f"class Service{c}:\n    timeout = {c}\n\n")
        parts += [
            function(f"{index}.{c}.{m}", f"method_{m}", "    ", 2 * (edited and m == 1))
            for m in range(5)
        ]
    parts += [
        function(f"{index}.{f}", f"helper_{f}", "", 3 * (edited and f == 0)) for f in range(8)
    ]
    if edited:
        parts.append(function(f"{index}.new", "added_in_change", "", 4))
    return "".join(parts)


def build(root: Path, files: int) -> tuple[Git, str, str]:
    """A repository whose second commit changes ``files`` Python files; its two commit shas."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = bytearray()

    def commit(ref_mark: int, parent: int | None, blobs: dict[str, bytes]) -> None:
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(f"mark :{ref_mark}\n".encode())
        stream.extend(b"committer Bench <bench@example.com> 1700000000 +0000\n")
        stream.extend(b"data 5\nbench\n")
        if parent is not None:
            stream.extend(f"from :{parent}\n".encode())
        stream.extend(b"deleteall\n")
        for path, data in blobs.items():
            stream.extend(f"M 100644 inline {path}\ndata {len(data)}\n".encode())
            stream.extend(data + b"\n")

    base, head = {}, {}
    for i in range(files):
        path = f"pkg{i % 20}/mod_{i}.py"
        base[path] = module(i, edited=False).encode()
        renamed = path.replace("mod_", "renamed_") if i % 20 == 0 else path
        head[renamed] = module(i, edited=True).encode()
    commit(1, None, base)
    commit(2, 1, head)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True)
    git = Git(root)
    return (
        git,
        git.run("rev-parse", "main~1").decode().strip(),
        git.run("rev-parse", "main").decode().strip(),
    )


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _analyse_all(blobs: list[bytes], workers: int) -> None:
    for _ in pool.analyse_all(blobs, with_mi=False, workers=workers):
        pass


def crossover() -> None:
    sources = [module(i, edited=False).encode() for i in range(200)]
    print("\nsource bytes   files   1 process   2 processes   ratio")
    for count in (4, 8, 16, 32, 64, 128):
        blobs = sources[:count]
        one = best(5, partial(_analyse_all, blobs, 1))
        two = best(5, partial(_analyse_all, blobs, 2))
        size = sum(len(b) for b in blobs)
        print(f"{size:>12,} {count:>7} {one:>10.3f}s {two:>12.3f}s {two / one:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--crossover", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace allocations")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-complexity-") as tmp:
        run(Path(tmp), args)
    if args.crossover:
        crossover()


@dataclass(frozen=True)
class Subject:
    """The synthetic change, and the blobs the check parses."""

    git: Git
    change: Change
    blobs: list[bytes]

    def check(self, **cfg: Any) -> CheckResult:
        section = ComplexityConfig(**cfg)
        config = Config(complexity=section)
        # Every run names its cache_dir (or none), so the environment is not read.
        inputs = Inputs(self.git, self.change, config, {}, (self.change.head,), {})
        return ComplexityCheck().run(inputs)

    def parse_all(self) -> None:
        for blob in self.blobs:
            ast.parse(blob)


def prepare(tmp: Path, files: int) -> Subject:
    start = time.perf_counter()
    git, base, head = build(tmp / "repo", files)
    changed = parse_diff(git.diff(base, head))
    built = time.perf_counter() - start
    plans = [planned for f in changed if (planned := plan(f)) is not None]
    shas = list(dict.fromkeys(b.sha for pl in plans for b in (pl.base, pl.head) if b))
    start = time.perf_counter()
    blobs = [b for b in git.cat_file(shas) if b is not None]
    read = time.perf_counter() - start
    print(
        f"repository: {len(changed)} changed files, {len(blobs)} blobs, "
        f"{sum(len(b) for b in blobs) / 1e6:.1f} MB of Python (built in {built:.1f}s); "
        f"cores: {pool.cores()}"
    )
    print(f"reading the blobs (one git cat-file --batch): {read:.3f}s")
    return Subject(git, Change(base, head, base, changed), blobs)


def run(tmp: Path, args: argparse.Namespace) -> None:
    subject = prepare(tmp, args.files)
    # Interleaved, best of each: the machine's load drifts, and both sides see the same drift.
    parse, cold, warm = [], [], []
    for i in range(args.repeat):
        parse.append(best(1, subject.parse_all))
        cold.append(best(1, partial(subject.check, cache_dir=str(tmp / f"cache{i}"))))
        warm.append(best(1, partial(subject.check, cache_dir=str(tmp / f"cache{i}"))))
    serial = best(1, partial(subject.check, cache=False, jobs=1))
    result = subject.check(cache_dir=str(tmp / "cache0"))
    keys = ("functions_added", "functions_changed", "functions_moved", "cc_delta", "cache_hits")
    print("metrics:", ", ".join(f"{k} {result.metrics[k]}" for k in keys))
    p, c, w = min(parse), min(cold), min(warm)
    print(f"plain ast.parse of the same blobs:            {p:.3f}s")
    print(
        f"complexity check, cold (empty cache):         {c:.3f}s  "
        f"ratio to ast.parse {c / p:.2f}x (target <= 2x)"
    )
    print(
        f"complexity check, cold, in one process:       {serial:.3f}s  "
        f"ratio to ast.parse {serial / p:.2f}x (for comparison)"
    )
    print(
        f"complexity check, warm (cache filled):        {w:.3f}s  "
        f"ratio to cold {w / c:.3f}x (target <= 0.2x)"
    )
    memory(subject, traced=args.tracemalloc)


def memory(subject: Subject, *, traced: bool) -> None:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {own:.0f} MiB max RSS, largest child {children:.0f} MiB")
    if traced:
        tracemalloc.start()
        subject.check(cache=False, jobs=1)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"tracemalloc peak of one cold run in one process: {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
