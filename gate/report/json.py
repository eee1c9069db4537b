"""The JSON report (schema ``gate-report/1``): keys as the contract fixes them, plus extras."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gate.result import CheckResult, Finding, Metric, Result
from gate.text import visible

SCHEMA = "gate-report/1"


def render(result: Result) -> str:
    """The ``gate-report/1`` document."""
    data = {
        "schema": SCHEMA,
        "verdict": result.verdict,
        # The verdict the exit code carries: "verdict" is what enforcing every check gives.
        "enforced_verdict": result.exit_verdict,
        "mode": result.mode,
        "monitored": list(result.monitored),
        "base": result.base,
        "head": result.head,
        "merge_base": result.merge_base,
        "config_source": visible(result.config_source) if result.config_source else None,
        "base_source": visible(result.base_source),
        "commits": result.commits,
        "web": {"url": result.web.url, "platform": result.web.platform} if result.web else None,
        "error": visible(result.error) if result.error else None,
        "checks": {check.name: _check(check) for check in result.checks},
        "excluded": [{"path": visible(e.path), "reason": e.reason} for e in result.excluded],
        "notes": [visible(n) for n in result.notes],
        "warnings": [visible(w) for w in result.warnings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _check(check: CheckResult) -> dict[str, Any]:
    return {
        "status": check.status,
        "summary": visible(check.summary),
        "metrics": _metrics(check.metrics),
        "findings": [_finding(f) for f in check.findings],
        "hints": [visible(h) for h in check.hints],
        "seconds": round(check.seconds, 3),
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "check": f.check,
        "rule": f.rule,
        "path": visible(f.path),
        "line": f.line,
        "message": visible(f.message),
        "severity": f.severity,
        "fingerprint": f.fingerprint,
        "blocking": f.blocking,
        "symbol": visible(f.symbol),
        "details": _metrics(f.details),
        "waived": visible(f.waived) if f.waived else None,
    }


def _metrics(metrics: Mapping[str, Metric]) -> dict[str, Any]:
    return {visible(k): _value(v) for k, v in metrics.items()}


def _value(value: Metric) -> Any:
    if isinstance(value, Mapping):
        return _metrics(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, str):
        return visible(value)
    return value
