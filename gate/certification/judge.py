"""Requirements against evidence: certified, missing, or unverified (pure).

Approvals from every source are pooled by person (a GitHub login and a
signer's principal are different people unless they are the same string). A
requirement is met when enough of them are by the reviewers it names (if
any), and every owned path it lists has an approval by one of its owners.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gate.certification.evidence import Approval, Evidence
from gate.certification.requirements import Requirement
from gate.result import CheckResult, Finding, Metric, Status
from gate.text import plural

NAME = "certification"


@dataclass(frozen=True)
class Context:
    """What the attestation names besides the evidence, and how to treat no evidence at all.

    ``unverified`` says why no review source could be read (a local run);
    then a missing review warns, unless ``strict``.
    """

    repository: str
    base: str
    head: str
    merge_base: str
    config_sha256: str
    version: str
    time: str
    unverified: str = ""
    strict: bool = False


def judge(reqs: Sequence[Requirement], evidence: Sequence[Evidence], ctx: Context) -> CheckResult:
    """The certification result for fired requirements ``reqs`` (none: call :func:`skipped`)."""
    pooled = _pool(evidence)
    missing = [r for r in reqs if not _met(r, pooled)]
    certified = not missing
    unverified = bool(ctx.unverified) and not certified
    findings = [_missing(r, pooled, evidence, ctx) for r in missing]
    if unverified:
        findings = [
            Finding.of(
                NAME,
                "unverified",
                f"a review is required and {ctx.unverified}: CI will enforce it"
                + ("" if ctx.strict else " (pass --strict to fail here)"),
                severity="error" if ctx.strict else "warning",
            )
        ]
    verdict = "certified" if certified else "unverified" if unverified else "not certified"
    status: Status = "pass" if certified or (unverified and not ctx.strict) else "fail"
    return CheckResult(
        name=NAME,
        status=status,
        summary=_summary(reqs, pooled, verdict),
        metrics=_metrics(reqs, pooled, evidence, ctx, certified=certified, verdict=verdict),
        findings=tuple(findings),
        hints=()
        if certified
        else ("ask a reviewer with write access who did not write the change to approve it",),
    )


def skipped(why: str) -> CheckResult:
    """No rule requires a review: nothing was asked of any API."""
    return CheckResult(
        name=NAME,
        status="skipped",
        summary=f"no review required: {why}",
        metrics={"required": False, "certified": False, "required_by": ()},
    )


def _pool(evidence: Sequence[Evidence]) -> dict[str, Approval]:
    """One approval per person, whichever sources proved it (names are case-blind).

    A source's ``aliases`` (a login's public address) only join approvals that are
    one person's; the pooled approval's ``aliases`` are the names a source proved,
    so a claimed address never makes someone count as a reviewer a rule names.
    """
    pooled: dict[str, Approval] = {}
    known: dict[str, str] = {}  # every name and claimed alias -> the key it was pooled under
    for e in evidence:
        for a in e.approvals:
            names = [n.lower() for n in (a.who, *a.aliases) if n]
            key = next((known[n] for n in names if n in known), names[0])
            seen = pooled.get(key)
            teams = tuple(dict.fromkeys((seen.teams if seen else ()) + a.teams))
            proven = tuple(dict.fromkeys((seen.aliases if seen else ()) + (a.who.lower(),)))
            pooled[key] = Approval(
                seen.who if seen else a.who, seen.source if seen else a.source, teams, proven
            )
            known.update(dict.fromkeys(names, key))
    return pooled


def _counts(a: Approval, names: Sequence[str]) -> bool:
    mine = {a.who.lower(), *a.aliases}
    return any(n in mine or n.removeprefix("@") in mine or n in a.teams for n in names)


def _met(r: Requirement, pooled: Mapping[str, Approval]) -> bool:
    counted = [a for a in pooled.values() if not r.reviewers or _counts(a, r.reviewers)]
    owned = all(any(_counts(a, o.owners) for a in pooled.values()) for o in r.owned)
    return len(counted) >= r.approvals and owned


def _missing(
    r: Requirement, pooled: Mapping[str, Approval], evidence: Sequence[Evidence], ctx: Context
) -> Finding:
    who = f" from {' or '.join(r.reviewers)}" if r.reviewers else ""
    owners = [o for o in r.owned if not any(_counts(a, o.owners) for a in pooled.values())]
    own = (
        f"; and an approval by an owner of {owners[0].path} ({' '.join(owners[0].owners)})"
        + (f" and {plural(len(owners) - 1, 'more path')}" if len(owners) > 1 else "")
        if owners
        else ""
    )
    rejected = [
        f"{x.who} {_phrase(x.reason)}"
        for e in evidence
        for x in e.rejected
        if x.who.lower() != e.author.lower()
    ]
    authors = [f"{e.author} is the author" for e in evidence if e.author]
    facts = list(dict.fromkeys(rejected + authors + [n for e in evidence for n in e.notes]))
    have = f"; has {len(pooled)}" if pooled else "; has none"
    message = (
        f"{r.rule} ({r.why}) needs {plural(r.approvals, 'approving review')} of "
        f"{ctx.head[:7]}{who} by someone with write access who did not write it{own}{have}"
        + (f"; {'; '.join(facts)}" if facts else "")
    )
    return Finding.of(
        NAME,
        "review-required",
        message,
        # The head is part of it: a waiver by fingerprint excuses this change's
        # review, not every later change that the same rule fires on.
        identity=("review-required", r.rule, ctx.head),
        details={"rule": r.rule, "why": r.why},
    )


def _phrase(reason: str) -> str:
    return reason if reason.startswith(("approved", "requested")) else f"does not count: {reason}"


def _summary(reqs: Sequence[Requirement], pooled: Mapping[str, Approval], verdict: str) -> str:
    rules = ", ".join(r.rule for r in reqs)
    names = ", ".join(a.who for a in pooled.values()) or "none"
    return f"{verdict}: required by {rules}; approvals that count: {names}"


def _metrics(
    reqs: Sequence[Requirement],
    pooled: Mapping[str, Approval],
    evidence: Sequence[Evidence],
    ctx: Context,
    *,
    certified: bool,
    verdict: str,
) -> Mapping[str, Metric]:
    reviewers: tuple[Metric, ...] = tuple(
        {"who": a.who, "source": a.source} for a in pooled.values()
    )
    return {
        "required": True,
        "certified": certified,
        "required_by": tuple(
            {
                "rule": r.rule,
                "why": r.why,
                "approvals": r.approvals,
                "reviewers": r.reviewers,
                "owned_paths": tuple(o.path for o in r.owned),
            }
            for r in reqs
        ),
        "approvals_required": max(r.approvals for r in reqs),
        "reviewers": reviewers,
        "rejected": tuple(
            {"who": x.who, "source": x.source, "reason": x.reason}
            for e in evidence
            for x in e.rejected
        ),
        "source": tuple(e.source for e in evidence),
        "attestation": {
            "repository": ctx.repository,
            "base": ctx.base,
            "head": ctx.head,
            "merge_base": ctx.merge_base,
            "config_sha256": ctx.config_sha256,
            "verdict": verdict,
            "evidence": reviewers,
            "gate_version": ctx.version,
            "time": ctx.time,
        },
    }
