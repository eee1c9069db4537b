"""The certification table: which rules require a review and why, who approved, who did not count.

Logins and signers' addresses sit in code spans, so a sticky comment that is
edited on every push never @mentions (and notifies) a reviewer.
"""

from __future__ import annotations

from collections.abc import Mapping

from gate.report.markdown.spans import code, row
from gate.result import Metric

Metrics = Mapping[str, Metric]


def certification(m: Metrics) -> list[str]:
    """Required by which rule (why, how many approvals, from whom); then the reviews."""
    if not m.get("required"):
        return []
    out = ["| required by | because | approvals | from |", "|---|---|--:|---|"]
    out.extend(
        row(
            code(str(rule.get("rule", "")), cell=True),
            code(str(rule.get("why", "")), cell=True),
            str(rule.get("approvals", "")),
            _from(rule),
        )
        for rule in _records(m.get("required_by"))
    )
    certified = "**yes**" if m.get("certified") else "**no**"
    approved = [
        f"{code(str(r.get('who', '')))} ({r.get('source', '')})"
        for r in _records(m.get("reviewers"))
    ]
    out += [
        "",
        f"- Certified: {certified}",
        f"- Approvals that count: {', '.join(approved) or 'none'}",
    ]
    rejected = [
        f"  - {code(str(r.get('who', '')))} ({r.get('source', '')}): "
        f"{code(str(r.get('reason', '')))}"
        for r in _records(m.get("rejected"))
    ]
    if rejected:
        out += ["- Reviews that do not count:", *rejected]
    sources = m.get("source")
    if isinstance(sources, tuple):
        out.append(f"- Review sources read: {', '.join(str(s) for s in sources) or 'none'}")
    return out


def _from(rule: Mapping[str, Metric]) -> str:
    """Whose approval counts: the named reviewers, the owners of paths, or anyone eligible."""
    parts = []
    reviewers = rule.get("reviewers")
    if isinstance(reviewers, tuple) and reviewers:
        parts.append(" or ".join(code(str(r), cell=True) for r in reviewers))
    owned = rule.get("owned_paths")
    if isinstance(owned, tuple) and owned:
        parts.append("an owner of each of " + ", ".join(code(str(p), cell=True) for p in owned))
    return "; ".join(parts) or "anyone with write access who did not write the change"


def _records(value: Metric) -> list[Mapping[str, Metric]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, tuple) else []
