"""Which certification rules fire on a change, and what each one requires (pure).

``[certification] ai_share_at_least`` / ``min_approvals`` are the first rule
(id ``ai-share``); each ``[[certification.rule]]`` fires when every condition
it sets holds, and one that sets none always fires. A condition on a fact the
gate could not establish fires too, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcmatch import glob

from gate.certification.codeowners import CodeOwners
from gate.certification.facts import SEVERITIES, Facts
from gate.config import AI_SHARE_RULE, CertificationConfig, CertificationRule

_GLOB = glob.GLOBSTAR | glob.DOTGLOB | glob.BRACE


@dataclass(frozen=True)
class Owned:
    """A touched path and the CODEOWNERS owners one of whom must approve it."""

    path: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class Requirement:
    """One fired rule: why it fired and what it needs.

    ``reviewers`` limits who counts (empty: any eligible reviewer); ``owned``
    lists the paths each of which needs an approval by one of its owners.
    """

    rule: str
    why: str
    approvals: int
    reviewers: tuple[str, ...] = ()
    owned: tuple[Owned, ...] = ()


def required(
    cfg: CertificationConfig, facts: Facts, owners: CodeOwners | None
) -> tuple[Requirement, ...]:
    """The requirements of every rule that fires on ``facts``."""
    out = []
    if cfg.min_approvals > 0 and (why := _share(cfg.ai_share_at_least, facts)):
        out.append(Requirement(AI_SHARE_RULE, why, cfg.min_approvals))
    for rule in cfg.rule:
        reasons = _reasons(rule, facts)
        if reasons is None:
            continue
        owned = _owned(facts.paths, owners) if rule.codeowners else ()
        out.append(
            Requirement(
                rule=rule.id,
                why="; ".join(reasons) or "the rule has no condition: every change",
                approvals=rule.approvals or max(cfg.min_approvals, 1),
                reviewers=tuple(r.lower() for r in rule.reviewers),
                owned=owned,
            )
        )
    return tuple(out)


def _reasons(rule: CertificationRule, facts: Facts) -> list[str] | None:
    """Why each condition of ``rule`` holds; None as soon as one does not."""
    reasons = []
    if rule.ai_share_at_least is not None:
        reasons.append(_share(rule.ai_share_at_least, facts))
    if rule.agent_commits:
        reasons.append(_agents(facts))
    if rule.new_finding_at_least is not None:
        reasons.append(_finding(rule.new_finding_at_least, facts))
    if rule.complexity_above is not None:
        reasons.append(_complexity(rule.complexity_above, facts))
    if rule.paths:
        reasons.append(_paths(rule.paths, facts))
    return None if not all(reasons) else reasons


def _share(at_least: float, facts: Facts) -> str:
    if not facts.ai_known:
        return "the AI share is unknown (the ai check did not run)"
    share = facts.ai_share
    if share is not None and share >= at_least:
        return f"AI share {share:.0%} >= {at_least:.0%}"
    if facts.unattributed:
        more = f" and {len(facts.unattributed) - 1} more" if len(facts.unattributed) > 1 else ""
        return f"AI commits, and a {facts.unattributed[0]}{more} the AI share cannot attribute"
    return ""


def _agents(facts: Facts) -> str:
    if facts.agents is None:
        return "the agents are unknown (the ai check did not run)"
    return f"commits by an agent ({', '.join(facts.agents)})" if facts.agents else ""


def _finding(at_least: str, facts: Facts) -> str:
    if facts.new_findings is None:
        return "new security findings are unknown (the security check did not run)"
    floor = SEVERITIES.index(at_least)
    hits = [f for f in facts.new_findings if SEVERITIES.index(f.severity) >= floor]
    if not hits:
        return ""
    first = hits[0]
    more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
    return f"new {first.severity} finding {first.rule} in {first.path}{more}"


def _complexity(above: int, facts: Facts) -> str:
    if not facts.complexity_known:
        return "complexity is unknown (the complexity check did not run)"
    cc = facts.max_grown_cc
    return (
        f"a function grew to complexity {cc} (> {above})" if cc is not None and cc > above else ""
    )


def _paths(patterns: tuple[str, ...], facts: Facts) -> str:
    hits = [p for p in facts.paths if glob.globmatch(p, patterns, flags=_GLOB)]
    if not hits:
        return ""
    more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
    return f"touches {hits[0]}{more} ({', '.join(patterns)})"


def _owned(paths: tuple[str, ...], owners: CodeOwners | None) -> tuple[Owned, ...]:
    if owners is None:
        return ()
    return tuple(Owned(p, o) for p in paths if (o := owners.owners(p)))
