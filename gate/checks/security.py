"""Security gate: the semgrep findings a change introduces, not the ones the repository has.

semgrep runs on the changed files only, once per side of the change: the
merge-base's blobs (at their old paths) and head's (at their new paths), each
written to its own temporary tree, both runs at once. A head finding whose
identity (see :mod:`gate.security.identity`) has no match at the base is new;
a base finding with no match at head is fixed (an improvement, never blocking).

Every changed file is scanned, including those the size check excludes
(vendored, generated, minified): code there runs too, and a path pattern must
not be a way around the security gate. Fail closed: a file semgrep could not
analyse on the head side (timeout, parse error, too large, missing blob) is a
blocking "not-analysed" finding and makes the check an error; a run that failed
as a whole raises GateError. The base side's problems only make findings look
new, so they are reported as information.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gate.change import FileChange, LineRange
from gate.checks import Inputs
from gate.config import OnError, SecurityConfig
from gate.result import CheckResult, Finding, Metric, Severity, Status, fingerprint
from gate.security import identity, rules, semgrep, tree
from gate.security.identity import Comparison, Occurrence
from gate.text import plural

NAME = "security"
_REGULAR = ("100644", "100755")
# semgrep's severities, old and new names, ranked; an unknown one counts as the highest.
_RANK = {"INFO": 0, "LOW": 0, "WARNING": 1, "MEDIUM": 1, "ERROR": 2, "HIGH": 2, "CRITICAL": 2}
_SEVERITY: tuple[Severity, ...] = ("info", "warning", "error")


@dataclass(frozen=True)
class NotAnalysed:
    """A changed file semgrep could not analyse; ``base`` when only its base version."""

    path: str
    reason: str
    base: bool = False


@dataclass(frozen=True)
class Measurement:
    comparison: Comparison
    not_analysed: tuple[NotAnalysed, ...]
    files_scanned: int
    rules: str
    semgrep_version: str = ""


@dataclass(frozen=True)
class _Side:
    """One side's targets and what semgrep said about them."""

    targets: tuple[tree.Target, ...]
    scans: tuple[semgrep.Scan, ...]
    nosem_targets: frozenset[str]


def measure(inputs: Inputs, env: Mapping[str, str]) -> Measurement:
    """Scan both sides of the change and compare them (I/O: git and semgrep)."""
    cfg = inputs.config.security
    base_sources, head_sources = _sources(inputs)
    with (
        tempfile.TemporaryDirectory(prefix="gate-security-") as tmp,
        rules.ruleset(inputs.git, cfg.rules, inputs.config.source) as ruleset,
    ):
        base_targets = tree.write(Path(tmp, "base"), base_sources, cfg.max_target_bytes)
        head_targets = tree.write(Path(tmp, "head"), head_sources, cfg.max_target_bytes)
        if not base_targets and not head_targets:
            return Measurement(Comparison(), (), 0, ruleset.description)
        main = [t for t in (base_targets, head_targets) if t]
        jobs = cfg.jobs or max(1, (os.cpu_count() or 1) // len(main))
        options = semgrep.Options(
            executable=semgrep.locate(env),
            configs=ruleset.configs,
            timeout=cfg.timeout,
            max_target_bytes=cfg.max_target_bytes,
            jobs=jobs,
            run_timeout=cfg.run_timeout,
        )
        # A second, nosem-honouring run tells which findings a `nosemgrep` hides;
        # it is needed only where such a comment can be.
        nosem = any(t.mentions_nosem for t in head_targets)
        base_plan = _plan(Path(tmp, "base"), base_targets, nosem)
        head_plan = _plan(Path(tmp, "head"), head_targets, nosem)
        scans = semgrep.run_all(options, [*base_plan, *head_plan], env)
    split = len(base_plan)
    base_side = _Side(base_targets, tuple(scans[:split]), _nosem_paths(base_plan))
    head_side = _Side(head_targets, tuple(scans[split:]), _nosem_paths(head_plan))
    added = {f.new_path: f.added for f in inputs.change.files if f.new_path is not None}
    head_scanned = set().union(*(s.scanned for s in head_side.scans))
    return Measurement(
        comparison=identity.compare(
            identity.numbered(_occurrences(base_side, {})),
            identity.numbered(_occurrences(head_side, added)),
        ),
        not_analysed=_not_analysed(base_side, base=True) + _not_analysed(head_side, base=False),
        files_scanned=sum(t.tree_path in head_scanned for t in head_side.targets if not t.stub),
        rules=ruleset.description,
        semgrep_version=scans[0].version,
    )


def _sources(inputs: Inputs) -> tuple[list[tree.Source], list[tree.Source]]:
    """Both sides' sources; every blob read in one git process."""
    wanted: list[tuple[str, FileChange, str, str]] = []  # side, file, path, blob
    for f in inputs.change.files:
        # A copy's source is unchanged at head: its base version is not part of the change.
        if f.old_path and f.old_blob and f.old_mode in _REGULAR and f.status != "copied":
            wanted.append(("base", f, f.old_path, f.old_blob))
        if f.new_path and f.new_blob and f.new_mode in _REGULAR:
            wanted.append(("head", f, f.new_path, f.new_blob))
    blobs = inputs.git.cat_file([blob for *_, blob in wanted])
    sides: dict[str, list[tree.Source]] = {"base": [], "head": []}
    for (side, f, path, _), content in zip(wanted, blobs, strict=True):
        lineage = f.old_path if f.status == "renamed" and f.old_path else path
        sides[side].append(tree.Source(path, lineage, content))
    return sides["base"], sides["head"]


def _plan(root: Path, targets: Sequence[tree.Target], nosem: bool) -> list[semgrep.Request]:
    if not targets:
        return []
    plan = [semgrep.Request(root, tuple(t.tree_path for t in targets))]
    marked = tuple(t.tree_path for t in targets if t.mentions_nosem)
    if nosem and marked:
        plan.append(semgrep.Request(root, marked, nosem=True))
    return plan


def _nosem_paths(plan: Sequence[semgrep.Request]) -> frozenset[str]:
    return frozenset(p for r in plan if r.nosem for p in r.targets)


def _occurrences(side: _Side, added: Mapping[str, Sequence[LineRange]]) -> list[Occurrence]:
    by_tree = {t.tree_path: t for t in side.targets}
    kept = {(m.rule, m.path, m.start, m.end) for s in side.scans[1:] for m in s.matches}
    result = []
    for m in side.scans[0].matches if side.scans else ():
        target = by_tree[m.path]
        if target.stub is not None:
            continue
        source = target.source
        result.append(
            Occurrence(
                rule=m.rule,
                path=source.path,
                lineage=source.lineage,
                text=identity.normalise(target.text[m.start : m.end]),
                context=identity.context(target.text, m.start, m.end),
                line=m.line,
                offset=m.start,
                severity=m.severity,
                message=m.message,
                suppressed=m.path in side.nosem_targets
                and (m.rule, m.path, m.start, m.end) not in kept,
                added=any(m.line in r for r in added.get(source.path, ())),
            )
        )
    return result


def _not_analysed(side: _Side, *, base: bool) -> tuple[NotAnalysed, ...]:
    scanned = set().union(*(s.scanned for s in side.scans))
    problems: dict[str, list[str]] = {}
    for scan in side.scans:
        for path, reasons in scan.problems.items():
            problems.setdefault(path, []).extend(reasons)
    result = []
    for target in side.targets:
        if target.stub is not None:
            # A stub is scanned only when some rule applies to the file's name.
            if target.tree_path in scanned:
                result.append(NotAnalysed(target.source.path, target.stub, base))
        elif target.tree_path in problems:
            why = "; ".join(dict.fromkeys(problems[target.tree_path]))
            result.append(NotAnalysed(target.source.path, why, base))
    return tuple(result)


def judge(m: Measurement, cfg: SecurityConfig, on_error: OnError) -> CheckResult:
    """Findings, status and metrics from a measurement and ``[security]`` (pure)."""
    threshold = _RANK[cfg.fail_on]
    new = [_new(o, threshold) for o in m.comparison.new]
    suppressed = [_suppression(o, cfg) for o in m.comparison.suppressed]
    fixed = [_fixed(o) for o in m.comparison.fixed]
    missing = [_missing(n) for n in m.not_analysed]
    head_missing = [n for n in m.not_analysed if not n.base]
    blocking = sum(f.blocking for f in (*new, *suppressed))
    status: Status = "fail" if blocking else "pass"
    # With on_error = "warn" an error is let through, so it must not mask a failure.
    if head_missing and (on_error == "error" or not blocking):
        status = "error"
    by_severity: dict[str, Metric] = {
        name: sum(f.severity == name for f in new) for name in reversed(_SEVERITY)
    }
    metrics: dict[str, Metric] = {
        "new_findings": len(new),
        "blocking_findings": blocking,
        "fixed_findings": len(fixed),
        "moved_findings": len(m.comparison.moved),
        "suppressions_added": len(suppressed),
        "not_analysed": len(head_missing),
        "base_not_analysed": len(m.not_analysed) - len(head_missing),
        "by_severity": by_severity,
        "files_scanned": m.files_scanned,
        "fail_on": cfg.fail_on,
        "rules": m.rules,
        "semgrep_version": m.semgrep_version,
    }
    findings = [*missing, *_ordered(new), *_ordered(suppressed), *_ordered(fixed)]
    return CheckResult(
        name=NAME,
        status=status,
        summary=_summary(metrics, m, len(new), blocking, cfg),
        metrics=metrics,
        findings=tuple(findings),
        hints=_hints(blocking, bool(suppressed), bool(head_missing)),
    )


def _rank(severity: str) -> int:
    return _RANK.get(severity.upper(), 2)


def _new(o: Occurrence, threshold: int) -> Finding:
    rank = _rank(o.severity)
    return Finding(
        check=NAME,
        rule=o.rule,
        path=o.path,
        line=o.line,
        message=o.message,
        severity=_SEVERITY[rank],
        fingerprint=_fingerprint("new", o),
        blocking=rank >= threshold,
        details={"status": "new", "semgrep_severity": o.severity},
    )


def _suppression(o: Occurrence, cfg: SecurityConfig) -> Finding:
    fail = cfg.suppressions == "fail"
    return Finding(
        check=NAME,
        rule="suppression-added",
        path=o.path,
        line=o.line,
        message=f"this change adds a nosemgrep comment that hides a {o.rule} finding: {o.message}",
        severity="error" if fail else "warning",
        fingerprint=_fingerprint("suppression-added", o),
        blocking=fail,
        details={"status": "suppressed", "suppressed_rule": o.rule, "semgrep_severity": o.severity},
    )


def _fixed(o: Occurrence) -> Finding:
    return Finding(
        check=NAME,
        rule=o.rule,
        path=o.path,
        line=o.line,
        message=f"fixed: this change removes a {o.rule} finding",
        severity="info",
        fingerprint=_fingerprint("fixed", o),
        details={"status": "fixed", "semgrep_severity": o.severity},
    )


def _missing(n: NotAnalysed) -> Finding:
    if n.base:
        rule = "base-not-analysed"
        message = (
            f"the base version of this file was not analysed: {n.reason}; "
            "findings in it may be reported as new"
        )
    else:
        rule = "not-analysed"
        message = f"not analysed: {n.reason}"
    return Finding(
        check=NAME,
        rule=rule,
        path=n.path,
        line=None,
        message=message,
        severity="info" if n.base else "error",
        fingerprint=fingerprint(NAME, rule, n.path),
        blocking=not n.base,
    )


def _fingerprint(kind: str, o: Occurrence) -> str:
    # The lineage and the text, never the line: the same finding keeps its
    # fingerprint when code above it moves.
    return fingerprint(NAME, kind, o.rule, o.lineage, o.text, str(o.index))


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule))


def _summary(
    metrics: Mapping[str, Metric], m: Measurement, new: int, blocking: int, cfg: SecurityConfig
) -> str:
    parts = [f"{plural(new, 'new finding')} ({blocking} blocking at fail_on = {cfg.fail_on})"]
    for key, word in (
        ("fixed_findings", "fixed"),
        ("suppressions_added", "suppression added"),
        ("not_analysed", "not analysed"),
    ):
        count = metrics[key]
        if count:
            parts.append(f"{count} {word}")
    return f"{', '.join(parts)}; {plural(m.files_scanned, 'changed file')} scanned with {m.rules}"


def _hints(blocking: int, suppressed: bool, missing: bool) -> tuple[str, ...]:
    hints = []
    if blocking:
        hints.append(
            "each finding's message says how to fix it; for a false positive add "
            "`# nosemgrep: <rule-id>` and a reason on its line (reviewers see it as a suppression)"
        )
    if suppressed:
        hints.append("review the nosemgrep comments this change adds: each hides a finding")
    if missing:
        hints.append(
            "a file that was not analysed blocks the change: fix its syntax, split it, or raise "
            "[security] max_target_bytes / timeout in the base branch's config"
        )
    return tuple(hints)


@dataclass(frozen=True)
class SecurityCheck:
    name: str = NAME

    def run(self, inputs: Inputs) -> CheckResult:
        measurement = measure(inputs, os.environ)
        return judge(measurement, inputs.config.security, inputs.config.on_error_for(NAME))
