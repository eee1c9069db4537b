"""Judging the AI check: status, findings and metrics from a measurement and ``[ai]`` (pure).

The change fails only above ``[ai] max_share``. Every AI commit is listed as an
information finding (its evidence is in the metrics); notes and Agent Trace
records that cannot be read, and files that cannot be traced, are warnings.
"""

from __future__ import annotations

from collections.abc import Mapping

from gate.ai import notes
from gate.ai.evidence import CommitEvidence
from gate.ai.measurement import AiMeasurement
from gate.config import AiConfig
from gate.result import CheckResult, Finding, Metric, Severity
from gate.text import plural

NAME = "ai"


def judge(m: AiMeasurement, cfg: AiConfig) -> CheckResult:
    """Pass, or fail above ``[ai] max_share``; evidence and warnings as findings (pure)."""
    share = m.ai_share
    # warnings before the (many) per-commit notes: reports that cut a long list keep them
    findings = _warnings(m, cfg) + [_commit_finding(c) for c in m.commits if c.is_ai]
    over = False
    if share is not None and share > cfg.max_share:
        over = True
        findings.insert(
            0,
            _finding(
                "max-share",
                f"AI share {_pct(share)} ({m.tally.total('ai')} of "
                f"{plural(m.added_lines, 'added line')}) is above [ai] max_share "
                f"{_pct(cfg.max_share)}",
                severity="error",
                details={
                    "ai_lines": m.tally.total("ai"),
                    "added_lines": m.added_lines,
                    "max_share": cfg.max_share,
                },
            ),
        )
    return CheckResult(
        name=NAME,
        status="fail" if over else "pass",
        summary=_summary(m, cfg),
        metrics=_metrics(m, cfg),
        findings=tuple(findings),
        hints=("split the AI-written part out, or have it reviewed under the team's AI policy",)
        if over
        else (),
    )


def _summary(m: AiMeasurement, cfg: AiConfig) -> str:
    if m.ai_share is None:
        return "no added lines survive at head: AI share not applicable"
    agents = ", ".join(f"{agent} {n}" for agent, n in m.tally.by_agent().items())
    return (
        f"AI share {_pct(m.ai_share)} ({m.tally.total('ai')} of "
        f"{plural(m.added_lines, 'added line')}{': ' + agents if agents else ''})"
        f"{f'; {m.unknown_lines} unknown' if m.unknown_lines else ''}; limit {_pct(cfg.max_share)}"
        f"; git-ai notes: {m.notes_source.sentence()}"
    )


def _metrics(m: AiMeasurement, cfg: AiConfig) -> Mapping[str, Metric]:
    notes_found = [c.note for c in m.commits if c.note is not None]
    excluded = m.new_excluded_share
    return {
        "added_lines": m.added_lines,
        "ai_lines": m.tally.total("ai"),
        "ai_share": m.ai_share,
        "by_agent": m.tally.by_agent(),
        "human_lines": m.tally.total("human"),
        "unknown_lines": m.unknown_lines,
        "preexisting_lines": m.tally.preexisting,
        "new_excluded_added_lines": excluded[0],
        "new_excluded_ai_lines": excluded[1],
        "new_excluded_ai_share": excluded[2],
        "max_share": cfg.max_share,
        "count": cfg.count,
        "signatures_version": m.signatures_version,
        "commits": len(m.commits),
        "ai_commits": sum(c.is_ai for c in m.commits),
        "notes": {
            "refs": notes.REFS,
            "fetched": m.notes_source.fetched,
            "asked": m.notes_source.asked,
            "remote": m.notes_source.remote,
            "remote_has_notes": m.notes_source.remote_has,
            "read": m.notes_source.read,
            "status": m.notes_source.sentence(),
            "commits_with_notes": len(notes_found),
            "malformed": sum(n.problem is not None for n in notes_found),
        },
        "agent_trace": {"records": m.trace.records, "problems": len(m.trace.problems)},
        "skipped_files": tuple({"path": s.path, "reason": s.reason} for s in m.skipped),
        "evidence": tuple(c.metric() for c in m.commits if c.notable()),
    }


def _commit_finding(c: CommitEvidence) -> Finding:
    agents = ", ".join(f"{agent} {n}" for agent, n in sorted(c.ai.items())) or "no lines survive"
    why = "; ".join(f"{f.id} [{f.cls}] ({f.where}: {f.match})" for f in c.fired)
    return _finding(
        "ai-commit",
        f"commit {c.commit.sha[:12]} counted as AI ({agents}): {why or 'line-level records'}",
        key=c.commit.sha,
        details={  # the full record is in the metrics' evidence
            "sha": c.commit.sha,
            "by_agent": dict(c.ai),
            "signals": tuple(f.id for f in c.fired),
        },
    )


def _warnings(m: AiMeasurement, cfg: AiConfig) -> list[Finding]:
    found = []
    if cfg.require_notes and m.commits and all(c.note is None for c in m.commits):
        found.append(
            _finding(
                "no-notes",
                f"[ai] require_notes is set but no commit of the change has a git-ai note in "
                f"{' or '.join(notes.REFS)}: were the notes fetched (gate check --fetch-notes)?",
                severity="warning",
            )
        )
    if m.notes_source.unread:
        found.append(_finding("notes-not-read", m.notes_source.sentence(), severity="warning"))
    found += [
        _finding(
            "malformed-note",
            f"git-ai note of commit {c.commit.sha[:12]} ({c.note.ref}) cannot be read: "
            f"{c.note.problem}; its lines without another AI signal count as unknown",
            severity="warning",
            key=c.commit.sha,
        )
        for c in m.commits
        if c.note is not None and c.note.problem is not None
    ]
    found += [
        _finding(
            "malformed-trace", f"{problem}; the record is skipped", severity="warning", key=problem
        )
        for problem in m.trace.problems
    ]
    found += [
        _finding(
            "not-analysed",
            f"{u.path}: cannot be traced ({u.reason}); "
            f"its {plural(u.lines, 'added line')} count as unknown",
            severity="warning",
            key=u.path,
            path=u.path,
        )
        for u in m.unreadable
    ]
    return found


def _finding(
    rule: str,
    message: str,
    *,
    severity: Severity = "info",
    key: str = "",
    path: str = "",
    details: Mapping[str, Metric] | None = None,
) -> Finding:
    """A finding, the same one across runs while its rule and ``key`` (a commit, a path) are."""
    return Finding.of(
        NAME, rule, message, identity=(rule, key), path=path, severity=severity, details=details
    )


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".0%", "%")
