"""Complexity gate: what the change did to each function's cyclomatic complexity (radon).

Measuring reads the blobs of both sides of every changed Python file (paths
ending in .py, .pyi or .pyw, on either side; excluded files are left out) from the
disk cache, else from one ``git cat-file --batch``, and analyses the rest over
the machine's cores. Judging (:mod:`gate.complexity.judge`) is pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from gate.change import REGULAR_MODES, FileChange, LineRange
from gate.complexity import pool
from gate.complexity.cache import Cache, default_root
from gate.complexity.judge import NAME, judge
from gate.complexity.matching import Lineage, Side
from gate.complexity.measurement import Measurement, Problem
from gate.complexity.model import Analysis, Metrics, Unanalysable
from gate.config import ComplexityConfig
from gate.git import Git
from gate.inputs import Inputs
from gate.result import CheckResult

PYTHON_SUFFIXES = (".py", ".pyi", ".pyw")


@dataclass(frozen=True)
class Blob:
    """One side of a changed file to analyse."""

    path: str
    sha: str


@dataclass(frozen=True)
class Plan:
    """A changed Python file: the blob of each side that is Python (None: no such side)."""

    change: FileChange
    base: Blob | None
    head: Blob | None


def is_python(path: str | None) -> bool:
    """A path with a Python source suffix (``.py``, ``.pyi``, ``.pyw``)."""
    return path is not None and path.endswith(PYTHON_SUFFIXES)


def plan(f: FileChange) -> Plan | None:
    """Which sides of ``f`` to analyse; None when neither side is a Python file.

    A copy's base side is its source, which lives on in its own file: the copy is
    planned as a new file. Symlinks and submodules are not files to parse.
    """
    base = head = None
    if f.status not in ("added", "copied") and _regular(f.old_path, f.old_blob, f.old_mode):
        base = Blob(str(f.old_path), str(f.old_blob))
    if f.status != "deleted" and _regular(f.new_path, f.new_blob, f.new_mode):
        head = Blob(str(f.new_path), str(f.new_blob))
    return Plan(f, base, head) if base or head else None


def _regular(path: str | None, blob: str | None, mode: str) -> bool:
    return is_python(path) and blob is not None and mode in REGULAR_MODES


def cache_for(cfg: ComplexityConfig, root: Path, env: Mapping[str, str]) -> Cache | None:
    """The cache ``cfg`` asks for: ``cache_dir`` (relative to the repository), else XDG's."""
    if not cfg.cache:
        return None
    if cfg.cache_dir is None:
        home = env.get("HOME")
        return Cache.at(default_root(env, Path(home) if home else Path.home()))
    return Cache.at(root / Path(cfg.cache_dir).expanduser())


def analyses(
    git: Git, shas: Sequence[str], cfg: ComplexityConfig, cache: Cache | None
) -> tuple[dict[str, Analysis], int, int]:
    """Each blob's analysis: cached ones, then the rest read in one batch and analysed.

    Returns the analyses, the number of cache hits and the number of worker processes.
    """
    with_mi = cfg.min_mi is not None or cfg.max_mi_drop is not None
    found = _cached(shas, cache, with_mi=with_mi)
    hits = len(found)
    todo = _read(git, [sha for sha in shas if sha not in found], cfg, found)
    blobs = [data for _, data in todo]
    workers = pool.workers_for(blobs, cfg.jobs)
    results = pool.analyse_all(blobs, with_mi=with_mi, workers=workers)
    for (sha, _), result in zip(todo, results, strict=True):
        found[sha] = result
        if cache is not None and (isinstance(result, Metrics) or result.cacheable):
            cache.put(sha, result)
    return found, hits, workers


def _cached(shas: Sequence[str], cache: Cache | None, *, with_mi: bool) -> dict[str, Analysis]:
    if cache is None:
        return {}
    hits = ((sha, cache.get(sha, with_mi=with_mi)) for sha in shas)
    return {sha: hit for sha, hit in hits if hit is not None}


def _read(
    git: Git, shas: Sequence[str], cfg: ComplexityConfig, found: dict[str, Analysis]
) -> list[tuple[str, bytes]]:
    """The blobs to analyse; the ones that cannot be are recorded in ``found`` right away."""
    todo = []
    for sha, data in zip(shas, git.cat_file(shas), strict=True):
        if data is None:
            found[sha] = Unanalysable(
                "the blob is missing from this clone (a partial or shallow clone?)",
                cacheable=False,
            )
        elif len(data) > cfg.max_file_bytes:
            found[sha] = Unanalysable(
                f"{len(data)} bytes, over max_file_bytes = {cfg.max_file_bytes}", cacheable=False
            )
        else:
            todo.append((sha, data))
    return todo


def lineage(p: Plan, found: Mapping[str, Analysis]) -> tuple[Lineage, list[Problem]]:
    """Both sides of one planned file, and the sides that could not be analysed.

    Touched lines are the diff's on a side that has a counterpart, else all of them.
    """
    problems: list[Problem] = []
    base = _side(p.base, p.change.removed if p.head else None, found, problems, "base")
    head = _side(p.head, p.change.added if p.base else None, found, problems, "head")
    if head is not None and p.base is not None:
        head = replace(head, removed_after=p.change.removed_after)
    if p.head is not None and head is None:  # not analysed: nothing to pair base functions with
        return Lineage(None, None), problems
    return Lineage(base, head), problems


def _side(
    blob: Blob | None,
    touched: tuple[LineRange, ...] | None,
    found: Mapping[str, Analysis],
    problems: list[Problem],
    which: Literal["base", "head"],
) -> Side | None:
    if blob is None:
        return None
    result = found[blob.sha]
    if isinstance(result, Unanalysable):
        problems.append(Problem(blob.path, which, result))
        return None
    return Side(blob.path, result.functions, touched, result.mi)


def measure(inputs: Inputs, cfg: ComplexityConfig) -> Measurement:
    """Read and analyse both sides of every changed Python file that is not excluded."""
    plans = [p for f in inputs.measured_files() if (p := plan(f)) is not None]
    shas = list(dict.fromkeys(b.sha for p in plans for b in (p.base, p.head) if b is not None))
    cache = cache_for(cfg, inputs.git.root, inputs.env)
    found, hits, workers = analyses(inputs.git, shas, cfg, cache)
    lineages = []
    problems: list[Problem] = []
    for p in plans:
        lin, trouble = lineage(p, found)
        lineages.append(lin)
        problems += trouble
    return Measurement(tuple(lineages), tuple(problems), hits, len(shas) - hits, workers)


@dataclass(frozen=True)
class ComplexityCheck:
    """The ``complexity`` check, as :func:`gate.checks.registry` lists it."""

    name: str = NAME
    needs: tuple[str, ...] = ()

    def run(self, inputs: Inputs) -> CheckResult:
        """Measure the change, then judge the measurement against the config."""
        cfg = inputs.config.complexity
        warn = inputs.config.on_error_for(NAME) == "warn"
        return judge(measure(inputs, cfg), cfg, warn_on_error=warn)
