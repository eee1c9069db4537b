"""What the first-stage checks found, as the typed facts certification rules are written on.

Built from the results of the checks certification ``needs`` (the one way
results flow between checks). A fact whose check could not run or is disabled
is unknown (``None``), and a rule that reads an unknown fact fires: a review
is required when the gate cannot tell that none is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.result import CheckResult
from gate.security.judge import rank

NEEDS = ("size", "complexity", "security", "ai")
SEVERITIES = ("INFO", "WARNING", "ERROR")


@dataclass(frozen=True)
class NewFinding:
    """A new, unwaived security finding: what certification rules match on."""

    rule: str
    path: str
    severity: str  # INFO | WARNING | ERROR, as semgrep rates it


@dataclass(frozen=True)
class Facts:
    """The change as certification sees it; ``None`` where the check that knows could not say."""

    ai_share: float | None  # None also when nothing was added: then ai_known says which
    ai_known: bool
    agents: tuple[str, ...] | None  # agents of the commits of the ``agent`` class
    new_findings: tuple[NewFinding, ...] | None
    max_grown_cc: int | None  # the highest complexity of a new or grown function
    complexity_known: bool
    paths: tuple[str, ...]  # every path the change touched (old and new names)
    # Binary files and submodules of a change with AI commits ("binary file a.pyc"), or
    # its having no added line: what the AI share cannot attribute is not "no AI".
    unattributed: tuple[str, ...] = ()


def collect(earlier: Mapping[str, CheckResult], paths: tuple[str, ...]) -> Facts:
    """The facts from the first stage's results."""
    ai = _ran(earlier.get("ai"))
    security = _ran(earlier.get("security"))
    complexity = _ran(earlier.get("complexity"))
    share = ai.metrics.get("ai_share") if ai else None
    cc = complexity.metrics.get("max_grown_cc") if complexity else None
    return Facts(
        ai_share=float(share) if isinstance(share, (int, float)) else None,
        ai_known=ai is not None,
        agents=_agents(ai) if ai else None,
        new_findings=_new_findings(security) if security else None,
        max_grown_cc=cc if isinstance(cc, int) else None,
        complexity_known=complexity is not None,
        paths=paths,
        unattributed=_unattributed(ai, share, paths) if ai else (),
    )


def _ran(result: CheckResult | None) -> CheckResult | None:
    return result if result is not None and result.status in ("pass", "fail") else None


def _unattributed(ai: CheckResult, share: object, paths: tuple[str, ...]) -> tuple[str, ...]:
    skipped = ai.metrics.get("skipped_files")
    if not ai.metrics.get("ai_commits") or not isinstance(skipped, tuple):
        return ()
    found = [
        f"{entry['reason']} file {entry['path']}"
        for entry in skipped
        if isinstance(entry, Mapping) and entry.get("reason") in ("binary", "submodule")
    ]
    if share is None and paths and not found:
        # An agent's deletions, renames or mode changes: no added line to attribute.
        found.append("change that adds no line")
    return tuple(found)


def _agents(ai: CheckResult) -> tuple[str, ...]:
    evidence = ai.metrics.get("evidence")
    found: list[str] = []
    for entry in evidence if isinstance(evidence, tuple) else ():
        if isinstance(entry, Mapping) and entry.get("class") == "agent":
            agent = entry.get("agent")
            if isinstance(agent, str) and agent not in found:
                found.append(agent)
    return tuple(found)


def _new_findings(security: CheckResult) -> tuple[NewFinding, ...]:
    # A finding the change hid behind a `nosemgrep` it added is new all the same:
    # suppressing it must not be a way around the review it calls for.
    out = []
    for f in security.findings:
        severity = f.details.get("semgrep_severity")
        status = f.details.get("status")
        if status in ("new", "suppressed") and not f.waived and isinstance(severity, str):
            rule = f.details.get("suppressed_rule", f.rule)
            name = SEVERITIES[rank(severity)]
            out.append(NewFinding(rule if isinstance(rule, str) else f.rule, f.path, name))
    return tuple(out)
