"""One ``gate history`` run on a repository (I/O): the replay, the attribution, the figures.

A handful of git processes for the whole period: the commit list, the patches (streamed),
one ``cat-file --batch`` for the files from before the period, one ``git log`` for the
messages, the notes and the tip's Agent Trace file, and one ``check-attr`` for exclusions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gate import config, exclude
from gate.ai import trace
from gate.ai.commits import parse_log
from gate.ai.signatures import load
from gate.errors import GateError, GitError
from gate.git import Git
from gate.history import entire, tally
from gate.history.attribution import attribute_lines
from gate.history.figures import Figures
from gate.history.report import iso
from gate.lineage import engine
from gate.lineage.replay import Lifetimes
from gate.lineage.table import BEFORE

FULL_DEPTH = (
    "history needs full depth: this clone is shallow (GitHub: fetch-depth: 0; GitLab: "
    "GIT_DEPTH: 0; here: git fetch --unshallow)"
)
Tick = Callable[[int, int], None]  # (commits replayed, commits in the period)


@dataclass(frozen=True)
class Request:
    """What to measure: the branch, the period (Unix times) and the horizon (days)."""

    cwd: Path
    branch: str
    since: int
    until: int
    horizon: int


def measure(req: Request, tick: Tick = lambda done, total: None) -> Figures:
    """The figures of one repository's branch over the period."""
    git = Git.discover(req.cwd)
    if git.shallow_boundary():
        raise GitError(FULL_DEPTH)
    head = git.resolve_commit(req.branch)
    if head is None:
        raise GitError(f"--branch {req.branch!r}: no such branch or commit in this repository")
    tip = git.history_tip(head, req.until)
    nodes = engine.graph(git, tip, req.since) if tip else ()
    if tip is None or not nodes:
        raise GateError(
            f"no commit on {req.branch} between {iso(req.since)} and {iso(req.until)}: "
            "an empty period has no history to measure (widen --since)"
        )
    cfg = config.from_revision(git, "head", head)
    sigs = load(cfg.ai, cfg.source)
    done = [0]

    def step() -> None:
        done[0] += 1
        tick(done[0], len(nodes))

    lives = engine.lifetimes(git, tip, req.since, nodes=nodes, tick=step)
    shas = [n.sha for n in lives.commits]
    commits = parse_log(git.history_messages(shas), shas)
    authors = attribute_lines(git, lives, commits, sigs, cfg.ai)
    excluded = _excluded(git, head, lives, exclude.Rules(cfg.size.exclude))
    name = req.cwd.resolve().name
    counts, rows, dropped = tally.tally(
        lives, authors, commits, excluded=excluded, horizon=req.horizon, end=req.until,
        repository=name,
    )  # fmt: skip
    counts.update(entire.usage(git, commits, authors.leads))
    repository: dict[str, str | int | None] = {
        "name": name,
        "branch": req.branch,
        "head": tip,
        "since": iso(req.since),
        "until": iso(req.until),
        "commits": len(shas),
        "config_source": cfg.source,
        "signatures_version": sigs.version,
        "notes": authors.notes,
        "agent_trace_records": authors.trace_records,
    }
    return Figures(req.horizon, dict(counts), rows, dropped, (repository,))


def _excluded(git: Git, head: str, lives: Lifetimes, rules: exclude.Rules) -> dict[str, str]:
    """Paths with lines born in the period that are not measured, and why (the tip's rules)."""
    t = lives.table
    born = sorted({t.paths[t.path[i]] for i in range(len(t)) if t.commit[i] != BEFORE})
    attributes = git.attributes(head, born, exclude.ATTRIBUTES)
    found = {e.path: e.reason for e in exclude.excluded(born, rules, attributes)}
    if trace.PATH in born:  # as the AI check skips it
        found.setdefault(trace.PATH, "Agent Trace records (evidence, not code)")
    return found
