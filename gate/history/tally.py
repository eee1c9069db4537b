"""From line records to figures: every line born in the period counted once (pure).

A line born at *b* is *measurable* at horizon *h* when the period's end is at least
*h* days after *b*; it *survived* when it was still alive *h* days after its birth.
It *churned* when it died within the horizon, by its own author (the same agent for
an AI line, the same e-mail address for a person's) or by someone else. Lines of
excluded files are not counted; their files are listed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping

from gate.ai.commits import Commit
from gate.ai.signals import Fired
from gate.history.attribution import KINDS, Authors
from gate.history.figures import DAY, CommitRow, Figures, Key, Scope, horizons
from gate.history.replay import Lifetimes
from gate.history.table import ALIVE, BEFORE


def month(stamp: int) -> str:
    """``YYYY-MM`` of a Unix time, in UTC."""
    return time.strftime("%Y-%m", time.gmtime(stamp))


def tally(
    lives: Lifetimes,
    authors: Authors,
    commits: Mapping[str, Commit],
    *,
    excluded: Mapping[str, str],
    horizon: int,
    end: int,
    repository: str,
) -> tuple[Counter[Key], tuple[CommitRow, ...], tuple[tuple[str, str, str], ...]]:
    """The counts, one row per commit, and the excluded files that had added lines."""
    t = lives.table
    nodes = lives.commits
    keys = Counter(zip(t.commit, t.path, authors.kind, authors.agent, t.death, strict=True))
    counts: Counter[Key] = Counter()
    rows: dict[int, Counter[str]] = {}
    dropped: set[tuple[str, str, str]] = set()
    measured = horizons(horizon)
    who = [_identity(commits[n.sha], authors.leads.get(n.sha)) for n in nodes]
    for (born, path, kind, agent, death), n in keys.items():
        if born == BEFORE:
            continue
        name = t.paths[path]
        if name in excluded:
            dropped.add((repository, name, excluded[name]))
            continue
        birth = nodes[born].time
        group = KINDS[kind]
        scopes: list[Scope] = [(group,), ("month", month(birth), group)]
        if kind == 1 and agent >= 0:
            scopes.append(("agent", authors.agents[agent]))
        life = (end if death == ALIVE else nodes[death].time) - birth
        life = max(life, 0)
        row = rows.setdefault(born, Counter())
        found: Counter[tuple[str, int]] = Counter({("added", 0): n})
        row["added"] += n
        if death == ALIVE:
            found["alive", 0] += n
            found["censored", life // DAY] += n
            row["alive"] += n
        else:
            found["died", life // DAY] += n
        for h in measured:
            if end - birth >= h * DAY:
                found["measurable", h] += n
                if death == ALIVE or life >= h * DAY:
                    found["survived", h] += n
                    row[f"survived{h}"] += n
        row[group] += n
        if kind == 1 and agent >= 0:
            row["agent:" + authors.agents[agent]] += n
        if death != ALIVE and life < horizon * DAY:
            mine = ("agent", authors.agents[agent]) if kind == 1 and agent >= 0 else who[born]
            same = mine == who[death]
            found["churned", 0] += n
            found["churned_self" if same else "churned_other", 0] += n
        for scope in scopes:
            for (metric, arg), count in found.items():
                counts[scope, metric, arg] += count
    return (
        counts,
        _rows(lives, authors, commits, rows, horizon, end, repository),
        tuple(sorted(dropped)),
    )


def _identity(commit: Commit, lead: Fired | None) -> tuple[str, str]:
    """Who a commit speaks for: its agent when a signal names one, else its author's address."""
    if lead is not None:
        return "agent", lead.agent
    return "person", commit.author_email.lower()


def _rows(
    lives: Lifetimes,
    authors: Authors,
    commits: Mapping[str, Commit],
    rows: Mapping[int, Counter[str]],
    horizon: int,
    end: int,
    repository: str,
) -> tuple[CommitRow, ...]:
    result = []
    for i, node in enumerate(lives.commits):
        row = rows.get(i, Counter())
        c = commits[node.sha]
        lead = authors.leads.get(node.sha)
        kinds = [k for k in KINDS if row[k]]
        agents = sorted((-n, key[6:]) for key, n in row.items() if key.startswith("agent:"))
        agent = lead.agent if lead is not None else agents[0][1] if agents else None
        result.append(
            CommitRow(
                sha=node.sha,
                time=node.time,
                author=f"{c.author_name} <{c.author_email}>",
                agent=agent,
                kind=kinds[0]
                if len(kinds) == 1
                else "mixed"
                if kinds
                else "ai"
                if agent
                else "human",
                added=row["added"],
                alive=row["alive"],
                survived=row[f"survived{horizon}"] if end - node.time >= horizon * DAY else None,
                repository=repository,
            )
        )
    return tuple(result)
