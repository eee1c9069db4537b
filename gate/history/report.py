"""The ``gate-history/1`` JSON report: rendered from figures, and read back to merge (pure).

Everything in it is either a count or derived from counts (rates, survival curves,
medians, shares), so :func:`load` recovers the figures from a report and
``gate history merge`` adds reports exactly.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from gate.errors import GateError
from gate.history.attribution import KINDS
from gate.history.figures import CommitRow, Figures, Key, Scope, horizons
from gate.history.survival import kaplan_meier

SCHEMA = "gate-history/1"
_PLAIN = ("added", "alive", "churned", "churned_self", "churned_other")
JSON = dict[str, Any]


def iso(stamp: int) -> str:
    """A Unix time as an ISO 8601 UTC timestamp."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def render(f: Figures) -> JSON:
    """The report (a JSON object)."""
    agents = [s[1] for s in f.scopes("agent")]
    months = sorted({s[1] for s in f.scopes("month")})
    return {
        "schema": SCHEMA,
        "horizon_days": f.horizon,
        "horizons": list(horizons(f.horizon)),
        "repositories": [dict(r) for r in f.repositories],
        "groups": {kind: _group(f, (kind,)) for kind in KINDS},
        "by_agent": {a: _group(f, ("agent", a)) for a in agents},
        "monthly": {
            m: {
                kind: _group(f, ("month", m, kind))
                for kind in KINDS
                if f.get(("month", m, kind), "added")
            }
            for m in months
        },
        "survival": {
            **{kind: _survival(f, (kind,)) for kind in KINDS},
            "agents": {a: _survival(f, ("agent", a)) for a in agents},
        },
        "ai_share": _shares(f),
        "cost": {a: _cost(f, a) for a in agents if _has_cost(f, a)},
        "excluded": [{"repository": r, "path": p, "reason": why} for r, p, why in f.excluded],
        "commits": [_commit(c) for c in f.commits],
        "notes": notes(f),
    }


def notes(f: Figures) -> list[str]:
    """What a reader must know to read the figures right."""
    said = []
    if not f.get(("ai",), "added") and not f.get(("unknown",), "added"):
        said.append(
            "no AI markers found (signatures, git-ai notes, Agent Trace): "
            "every line counts as human"
        )
    if not f.get(("human",), "measurable", f.horizon) and not f.get(
        ("ai",), "measurable", f.horizon
    ):
        said.append(
            f"no line is {f.horizon} days old yet: durable rates are not yet measurable (null)"
        )
    return said


def _group(f: Figures, scope: Scope) -> JSON:
    group: JSON = {m: f.get(scope, m) for m in _PLAIN}
    group["measurable"] = f.get(scope, "measurable", f.horizon)
    group["survived"] = f.get(scope, "survived", f.horizon)
    group["durable_rate"] = f.rate(scope)
    group["durable"] = {
        str(h): {
            "measurable": f.get(scope, "measurable", h),
            "survived": f.get(scope, "survived", h),
            "durable_rate": f.rate(scope, h),
        }
        for h in horizons(f.horizon)
    }
    return group


def _survival(f: Figures, scope: Scope) -> JSON:
    died, censored = f.histogram(scope, "died"), f.histogram(scope, "censored")
    curve = kaplan_meier(died, censored)
    return {
        "died": {str(d): n for d, n in sorted(died.items())},
        "censored": {str(d): n for d, n in sorted(censored.items())},
        "median_days": curve.median,
        "curve": [list(p) for p in curve.points],
    }


def _shares(f: Figures) -> JSON:
    def share(metric: str, arg: int = 0) -> float | None:
        total = sum(f.get((k,), metric, arg) for k in KINDS)
        return f.get(("ai",), metric, arg) / total if total else None

    return {
        "added": share("added"),
        "survived": share("survived", f.horizon),
        "alive": share("alive"),
    }


def _has_cost(f: Figures, agent: str) -> bool:
    return any(f.get(("agent", agent), m, 1) for m in ("tokens", "cost_micros"))


def _cost(f: Figures, agent: str) -> JSON:
    scope = ("agent", agent)
    # arg 1 counts the sources that had data: a known zero is not "no data"
    known = {m: f.get(scope, m, 1) > 0 for m in ("tokens", "cost_micros")}
    tokens = f.get(scope, "tokens") if known["tokens"] else None
    micros = f.get(scope, "cost_micros") if known["cost_micros"] else None
    survived = f.get(scope, "survived", f.horizon)

    def per(total: float | None) -> float | str | None:
        if total is None:
            return "no data"
        return total / survived if survived else None

    return {
        "tokens": tokens,
        "cost": None if micros is None else micros / 1e6,
        "cost_micros": micros,
        "survived": survived,
        "tokens_per_surviving_line": per(tokens),
        "cost_per_surviving_line": per(None if micros is None else micros / 1e6),
    }


def _commit(c: CommitRow) -> JSON:
    return {
        "sha": c.sha,
        "date": iso(c.time),
        "time": c.time,
        "author": c.author,
        "agent": c.agent,
        "kind": c.kind,
        "added": c.added,
        "alive": c.alive,
        "survived": c.survived,
        "repository": c.repository,
    }


def load(data: Any, where: str) -> Figures:
    """The figures of a report written by :func:`render` (``where`` names it in errors)."""
    try:
        if data.get("schema") != SCHEMA:
            raise GateError(f"{where}: not a {SCHEMA} report (schema {data.get('schema')!r})")
        horizon = int(data["horizon_days"])
        counts: dict[Key, int] = {}
        for kind, g in data["groups"].items():
            _read_group(counts, (kind,), g)
        for agent, g in data["by_agent"].items():
            _read_group(counts, ("agent", agent), g)
        for m, groups in data["monthly"].items():
            for kind, g in groups.items():
                _read_group(counts, ("month", m, kind), g)
        survival = data["survival"]
        for kind in KINDS:
            _read_survival(counts, (kind,), survival[kind])
        for agent, s in survival["agents"].items():
            _read_survival(counts, ("agent", agent), s)
        for agent, c in data["cost"].items():
            _read_cost(counts, ("agent", agent), c)
        commits = tuple(_read_commit(c) for c in data["commits"])
        excluded = tuple((e["repository"], e["path"], e["reason"]) for e in data["excluded"])
        repos = tuple(dict(r) for r in data["repositories"])
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise GateError(f"{where}: not a {SCHEMA} report ({type(exc).__name__}: {exc})") from None
    return Figures(horizon, {k: v for k, v in counts.items() if v}, commits, excluded, repos)


def _read_group(counts: dict[Key, int], scope: Scope, g: Mapping[str, Any]) -> None:
    for m in _PLAIN:
        counts[scope, m, 0] = int(g[m])
    for h, d in g["durable"].items():
        counts[scope, "measurable", int(h)] = int(d["measurable"])
        counts[scope, "survived", int(h)] = int(d["survived"])


def _read_survival(counts: dict[Key, int], scope: Scope, s: Mapping[str, Any]) -> None:
    for metric in ("died", "censored"):
        for day, n in s[metric].items():
            counts[scope, metric, int(day)] = int(n)


def _read_cost(counts: dict[Key, int], scope: Scope, c: Mapping[str, Any]) -> None:
    for metric, key in (("tokens", "tokens"), ("cost_micros", "cost_micros")):
        if c[key] is not None:
            counts[scope, metric, 0] = int(c[key])
            counts[scope, metric, 1] = 1


def _read_commit(c: Mapping[str, Any]) -> CommitRow:
    return CommitRow(
        sha=str(c["sha"]),
        time=int(c["time"]),
        author=str(c["author"]),
        agent=None if c["agent"] is None else str(c["agent"]),
        kind=str(c["kind"]),
        added=int(c["added"]),
        alive=int(c["alive"]),
        survived=None if c["survived"] is None else int(c["survived"]),
        repository=str(c["repository"]),
    )
