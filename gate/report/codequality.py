"""GitLab Code Quality JSON (``artifacts: reports: codequality``).

GitLab needs a file for every entry, so a change-level finding (size, the AI cap,
a missing review) is anchored to the policy file that set the limit, line 1, its
description starting "change-level". Fingerprints are the findings' own, stable
across runs.
"""

from __future__ import annotations

import json
from typing import Any

from gate.report.anchor import anchor, change_level
from gate.result import Finding, Result
from gate.text import visible

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result: Result) -> str:
    """GitLab Code Quality entries: findings with a file, and the change-level ones."""
    where = anchor(result)
    findings = [f for f in result.findings() if f.path] + list(change_level(result))
    entries = [_entry(f, where) for f in findings]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def _entry(f: Finding, where: str) -> dict[str, Any]:
    text = visible(f.message)
    return {
        "description": text if f.path else f"change-level (the whole change): {text}",
        "check_name": f"{f.check}/{f.rule}",
        "fingerprint": f.fingerprint,
        "severity": "critical" if f.blocking else _SEVERITY[f.severity],
        "location": {"path": visible(f.path or where), "lines": {"begin": f.line or 1}},
    }
