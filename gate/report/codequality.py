"""GitLab Code Quality JSON (``artifacts: reports: codequality``).

GitLab needs a file for every entry, so change-level findings (size) are left
to the JUnit report. Fingerprints are the findings' own, stable across runs.
"""

from __future__ import annotations

import json
from typing import Any

from gate.result import Finding, Result
from gate.text import visible

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result: Result) -> str:
    """GitLab Code Quality entries for the findings that have a file."""
    entries = [_entry(f) for f in result.findings() if f.path]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def _entry(f: Finding) -> dict[str, Any]:
    return {
        "description": visible(f.message),
        "check_name": f"{f.check}/{f.rule}",
        "fingerprint": f.fingerprint,
        "severity": "critical" if f.blocking else _SEVERITY[f.severity],
        "location": {"path": visible(f.path), "lines": {"begin": f.line or 1}},
    }
