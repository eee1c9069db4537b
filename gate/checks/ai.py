"""AI-authorship share: the added lines of the change that survive at head, line by line.

Measure (I/O, a bounded number of git processes): one ``git log`` for every
commit's identities and message, one ``git notes list`` per notes ref, one
``cat-file --batch`` for the notes and the Agent Trace file, and one ``git
blame`` per changed file (on as many threads as there are cores). Judge (pure):
the share against ``[ai] max_share``, with the evidence per commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.ai import attribute, blame, evidence, notes, signals, trace
from gate.ai.commits import Commit, parse_log
from gate.ai.evidence import CommitEvidence
from gate.ai.signatures import Signatures, load
from gate.baseline import FULL_HISTORY
from gate.change import FileChange
from gate.checks import Inputs
from gate.config import AiConfig
from gate.errors import GitError
from gate.git import Git
from gate.result import CheckResult, Finding, Metric, Severity, fingerprint
from gate.text import plural

NAME = "ai"


@dataclass(frozen=True)
class AiMeasurement:
    signatures_version: str
    commits: tuple[CommitEvidence, ...]
    tally: attribute.Tally
    unreadable: tuple[tuple[str, str, int], ...]  # (path, why, diff-added lines): unknown
    skipped: tuple[tuple[str, str], ...]  # (path, reason): not counted at all
    trace: trace.Traces
    notes_fetched: bool | None  # None: --fetch-notes not given

    @property
    def added_lines(self) -> int:
        return self.tally.total() + self.unreadable_lines

    @property
    def unreadable_lines(self) -> int:
        return sum(n for _, _, n in self.unreadable)

    @property
    def ai_share(self) -> float | None:
        return self.tally.total("ai") / self.added_lines if self.added_lines else None


def measure(inputs: Inputs) -> AiMeasurement:
    """Attribute every added line that survives at head (I/O)."""
    git, change, cfg = inputs.git, inputs.change, inputs.config.ai
    sigs = load(cfg, inputs.config.source)
    cut = sorted(set(inputs.commits) & git.shallow_boundary())
    if cut:
        raise GitError(
            f"the history of the change is incomplete (shallow clone: commit {cut[0][:12]} "
            f"lacks its parents), so no AI share can be computed from a partial commit "
            f"list; {FULL_HISTORY}"
        )
    fetched = notes.fetch(git) if inputs.fetch_notes else None
    commits: dict[str, Commit] = {}
    if inputs.commits:
        out = git.log_messages(change.head, change.merge_base)
        commits = parse_log(out, inputs.commits)
    fired = {sha: signals.fire(c, sigs) for sha, c in commits.items()}
    leads = {sha: signals.strongest(f, cfg.count) for sha, f in fired.items()}
    parsed, traces = _records(git, change.head, commits, sigs)
    files, skipped = _blamed(inputs.measured_files())
    outputs = git.blame(change.merge_base, change.head, [(f.path, _spans(f)) for f in files])
    entries: list[tuple[blame.BlameEntry, ...]] = []
    unreadable: list[tuple[str, str, int]] = []
    for f, result in zip(files, outputs, strict=True):
        if isinstance(result, GitError):
            unreadable.append((f.path, str(result), f.lines_added))
        else:
            entries.append(blame.parse(result, f.path))
    tally = attribute.tally(entries, leads, parsed, traces, require_notes=cfg.require_notes)
    return AiMeasurement(
        signatures_version=sigs.version,
        commits=evidence.collect(
            inputs.commits, commits=commits, fired=fired, leads=leads, notes=parsed, tally=tally
        ),
        tally=tally,
        unreadable=tuple(unreadable),
        skipped=tuple(skipped),
        trace=traces,
        notes_fetched=fetched,
    )


def _records(
    git: Git, head: str, commits: Mapping[str, Commit], sigs: Signatures
) -> tuple[dict[str, notes.Note], trace.Traces]:
    """The range's git-ai notes and head's Agent Trace records, read in one ``cat-file``."""
    found = notes.locate(git, commits)
    blobs = git.cat_file([blob for _, blob in found.values()] + [f"{head}:{trace.PATH}"])
    parsed = {
        sha: notes.parse(ref, blob or b"", sigs)
        for (sha, (ref, _)), blob in zip(found.items(), blobs[:-1], strict=True)
    }
    return parsed, trace.parse(blobs[-1], sigs)


def _blamed(files: tuple[FileChange, ...]) -> tuple[list[FileChange], list[tuple[str, str]]]:
    keep, skipped = [], []
    for f in files:
        if f.new_path is None:
            continue
        reason = (
            "binary"
            if f.binary
            else "submodule"
            if f.submodule
            else "Agent Trace records (evidence, not code)"
            if f.path.startswith(trace.DIRECTORY)
            else None
        )
        if reason:
            skipped.append((f.path, reason))
        elif f.added:
            keep.append(f)
    return keep, skipped


def _spans(f: FileChange) -> list[tuple[int, int]]:
    return [(r.start, r.start + r.count - 1) for r in f.added]


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
                blocking=True,
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
    unknown = m.tally.total("unknown") + m.unreadable_lines
    return (
        f"AI share {_pct(m.ai_share)} ({m.tally.total('ai')} of "
        f"{plural(m.added_lines, 'added line')}{': ' + agents if agents else ''})"
        f"{f'; {unknown} unknown' if unknown else ''}; limit {_pct(cfg.max_share)}"
    )


def _metrics(m: AiMeasurement, cfg: AiConfig) -> Mapping[str, Metric]:
    notes_found = [c.note for c in m.commits if c.note is not None]
    return {
        "added_lines": m.added_lines,
        "ai_lines": m.tally.total("ai"),
        "ai_share": m.ai_share,
        "by_agent": m.tally.by_agent(),
        "human_lines": m.tally.total("human"),
        "unknown_lines": m.tally.total("unknown") + m.unreadable_lines,
        "preexisting_lines": m.tally.preexisting,
        "max_share": cfg.max_share,
        "count": cfg.count,
        "signatures_version": m.signatures_version,
        "commits": len(m.commits),
        "ai_commits": sum(c.is_ai for c in m.commits),
        "notes": {
            "refs": notes.REFS,
            "fetched": m.notes_fetched,
            "commits_with_notes": len(notes_found),
            "malformed": sum(n.problem is not None for n in notes_found),
        },
        "agent_trace": {"records": m.trace.records, "problems": len(m.trace.problems)},
        "skipped_files": tuple({"path": p, "reason": r} for p, r in m.skipped),
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
            "not-analysable",
            f"{path}: cannot be blamed ({why}); its {plural(n, 'added line')} count as unknown",
            severity="warning",
            key=path,
            path=path,
        )
        for path, why, n in m.unreadable
    ]
    return found


def _finding(
    rule: str,
    message: str,
    *,
    blocking: bool = False,
    severity: Severity = "info",
    key: str = "",
    path: str = "",
    details: Mapping[str, Metric] | None = None,
) -> Finding:
    return Finding(
        check=NAME,
        rule=rule,
        path=path,
        line=None,
        message=message,
        severity="error" if blocking else severity,
        fingerprint=fingerprint(NAME, rule, key),
        blocking=blocking,
        details=details or {},
    )


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".0%", "%")


@dataclass(frozen=True)
class AiCheck:
    name: str = NAME

    def run(self, inputs: Inputs) -> CheckResult:
        return judge(measure(inputs), inputs.config.ai)
