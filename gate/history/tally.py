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
from gate.history.figures import DAY, CommitRow, Key, Scope, horizons
from gate.lineage.replay import Lifetimes
from gate.lineage.table import ALIVE, BEFORE


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
        ai_agent = authors.agents[agent] if group == "ai" and agent >= 0 else None
        found = _fate(n, birth, None if death == ALIVE else nodes[death].time, end, horizon)
        if found["churned", 0]:
            same = (("agent", ai_agent) if ai_agent else who[born]) == who[death]
            found["churned_self" if same else "churned_other", 0] += n
        scopes: list[Scope] = [(group,), ("month", month(birth), group)]
        if ai_agent is not None:
            scopes.append(("agent", ai_agent))
        for scope in scopes:
            for (metric, arg), count in found.items():
                counts[scope, metric, arg] += count
        row = rows.setdefault(born, Counter())
        row.update({f"{metric}{arg}": count for (metric, arg), count in found.items()})
        row[group] += n
        if ai_agent is not None:
            row["agent:" + ai_agent] += n
    return (
        counts,
        _rows(
            lives,
            authors=authors,
            commits=commits,
            rows=rows,
            horizon=horizon,
            end=end,
            repository=repository,
        ),
        tuple(sorted(dropped)),
    )


def _fate(
    n: int, birth: int, death: int | None, end: int, horizon: int
) -> Counter[tuple[str, int]]:
    """The counts of ``n`` lines born at ``birth`` that died at ``death`` (None: alive)."""
    life = max((end if death is None else death) - birth, 0)
    found: Counter[tuple[str, int]] = Counter({("added", 0): n})
    if death is None:
        found["alive", 0] += n
        found["censored", life // DAY] += n
    else:
        found["died", life // DAY] += n
        if life < horizon * DAY:
            found["churned", 0] += n
    for h in horizons(horizon):
        if end - birth >= h * DAY:
            found["measurable", h] += n
            if death is None or life >= h * DAY:
                found["survived", h] += n
    return found


def _identity(commit: Commit, lead: Fired | None) -> tuple[str, str]:
    """Who a commit speaks for: its agent when a signal names one, else its author's address."""
    if lead is not None:
        return "agent", lead.agent
    return "person", commit.author_email.lower()


def _rows(
    lives: Lifetimes,
    *,
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
                added=row["added0"],
                alive=row["alive0"],
                survived=row[f"survived{horizon}"] if end - node.time >= horizon * DAY else None,
                repository=repository,
            )
        )
    return tuple(result)
