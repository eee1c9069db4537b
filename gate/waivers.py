"""Waivers: findings the trusted config lets through, each with a reason, an approver and an end.

A ``[[waiver]]`` matches findings of one check by fingerprint, or by rule (and
path). A waived finding stops blocking and stays in every report, marked
waived. An expired waiver is itself a blocking finding; one that matched
nothing is reported so it can be removed. A check that could not run cannot
be waived: an error is never a pass. Pure functions: the clock is an argument.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import replace

from gate.config import Waiver
from gate.result import CheckResult, Finding

# Findings that say a check could not look: waiving them would turn an error into a pass.
UNWAIVABLE = frozenset({"could-not-run", "not-analysed"})


def matches(waiver: Waiver, finding: Finding) -> bool:
    """Whether ``waiver`` names ``finding`` (its check, and its fingerprint or rule and path)."""
    if waiver.check != finding.check or finding.rule in UNWAIVABLE:
        return False
    if waiver.fingerprint is not None:
        return waiver.fingerprint == finding.fingerprint
    return waiver.rule == finding.rule and waiver.path in (None, finding.path)


def apply(result: CheckResult, waivers: Sequence[Waiver], today: datetime.date) -> CheckResult:
    """``result`` with the live waivers of its check applied and its expired ones as findings."""
    own = [w for w in waivers if w.check == result.name]
    if not own:
        return result
    live = [w for w in own if w.expires >= today]
    findings = []
    for f in result.findings:
        waiver = next((w for w in live if f.blocking and matches(w, f)), None)
        findings.append(f if waiver is None else _waived(f, waiver))
    expired = [_expired(w, result.name) for w in own if w.expires < today]
    status = result.status
    if status == "fail" and not any(f.blocking for f in findings):
        status = "pass"
    if expired and status == "pass":
        status = "fail"
    return replace(result, status=status, findings=tuple(expired + findings))


def report_unused(
    results: Sequence[CheckResult], waivers: Sequence[Waiver], today: datetime.date
) -> tuple[CheckResult, ...]:
    """Each result with an information finding per live waiver of its check that matched nothing."""
    out = []
    for result in results:
        unused = [
            w
            for w in waivers
            if w.check == result.name
            and w.expires >= today
            and not any(f.waived and matches(w, f) for f in result.findings)
        ]
        extra = tuple(_unused(w, result.name) for w in unused)
        out.append(replace(result, findings=result.findings + extra) if extra else result)
    return tuple(out)


def _waived(f: Finding, w: Waiver) -> Finding:
    return replace(
        f,
        blocking=False,
        waived=f"{w.reason} (approved by {w.approved_by}, until {w.expires.isoformat()})",
    )


def _name(w: Waiver) -> str:
    if w.fingerprint is not None:
        return f"fingerprint {w.fingerprint}"
    return f"rule {w.rule}" + (f" at {w.path}" if w.path is not None else "")


def _expired(w: Waiver, check: str) -> Finding:
    return Finding.of(
        check,
        "waiver-expired",
        f"the waiver of {_name(w)} ({w.reason}; approved by {w.approved_by}) expired on "
        f"{w.expires.isoformat()}: fix the finding, or renew the waiver in the target "
        "branch's config",
        identity=("waiver-expired", _name(w)),
    )


def _unused(w: Waiver, check: str) -> Finding:
    return Finding.of(
        check,
        "waiver-unused",
        f"the waiver of {_name(w)} (until {w.expires.isoformat()}) matched no blocking finding: "
        "remove it from the config",
        identity=("waiver-unused", _name(w)),
        severity="info",
    )
