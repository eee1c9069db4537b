"""A check's top findings in Markdown: what, where (linked), which rule, and how to fix.

Blocking findings come first, at most :data:`TOP` per check; the rest are counted
(the JSON, SARIF and JUnit reports list every one).
"""

from __future__ import annotations

from gate.report.markdown.spans import code, link
from gate.result import CheckResult, Finding, Result

TOP = 20
_MARK = {"error": "❗ error (not blocking)", "warning": "⚠️ warning", "info": "💬 info"}


def section(check: CheckResult, result: Result) -> list[str]:
    """The findings list and the check's hints (only when it did not pass)."""
    ordered = sorted(check.findings, key=lambda f: not f.blocking)
    lines = [_finding(f, result) for f in ordered[:TOP]]
    if len(ordered) > TOP:
        lines.append(f"- … and {len(ordered) - TOP} more findings (in the JSON report)")
    if lines:
        lines = ["", f"**{'Finding' if len(ordered) == 1 else 'Findings'}:**", "", *lines]
    if check.status != "pass" and check.hints:
        lines += ["", "**How to fix:**", ""]
        lines += [f"- {code(h)}" for h in check.hints]
    return lines


def _finding(f: Finding, result: Result) -> str:
    """``- ❌ **blocking** `rule` [`path:line`](url): `message` (3 → 14)``."""
    if f.waived:
        mark = "💤 waived"
    elif f.blocking:
        mark = "❌ **blocking**"
    else:
        mark = _MARK[f.severity]
    where = ""
    if f.path:
        shown = code(f.path + (f":{f.line}" if f.line else ""))
        where = " " + link(shown, _url(f, result))
    waived = f" (waived: {code(f.waived)})" if f.waived else ""
    return f"- {mark} {code(f.rule)}{where}: {code(f.message)}{_delta(f)}{waived}"


def _url(f: Finding, result: Result) -> str | None:
    """The file at the side the finding is on: a fixed finding was in the merge-base."""
    if result.web is None:
        return None
    base_side = f.details.get("status") == "fixed" or f.rule.startswith("base-")
    sha = result.merge_base if base_side else result.head
    return result.web.blob(sha, f.path, f.line) if sha else None


def _delta(f: Finding) -> str:
    """A measured value's base → head, where the finding has both (complexity)."""
    base, head = f.details.get("base"), f.details.get("head")
    if not isinstance(head, int) or isinstance(head, bool):
        return ""
    if isinstance(base, int) and not isinstance(base, bool):
        return f" ({base} → {head})"
    return f" (new: {head})"
