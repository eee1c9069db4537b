"""SARIF 2.1.0 for GitHub code scanning.

Only findings that have a file go here: code scanning rejects a result without
a location ("expected at least one location"). Change-level findings (size)
are in the JUnit, JSON and Markdown reports.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from gate import __version__
from gate.result import Finding, Result
from gate.text import encode_path, visible

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(result: Result) -> str:
    """A SARIF 2.1.0 log with one run: the findings that have a file."""
    findings = [f for f in result.findings() if f.path]
    rules: dict[str, dict[str, Any]] = {}
    for f in findings:
        rules.setdefault(_rule_id(f), _rule(f))
    run = {
        "tool": {
            "driver": {
                "name": "merge-gate",
                "version": __version__,
                "informationUri": "https://pypi.org/project/merge-gate/",
                "rules": list(rules.values()),
            }
        },
        "results": [_result(f) for f in findings],
    }
    if result.head:
        run["versionControlProvenance"] = [{"repositoryUri": ".", "revisionId": result.head}]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _rule_id(f: Finding) -> str:
    return f"{f.check}/{f.rule}"


def _rule(f: Finding) -> dict[str, Any]:
    words = f.rule.replace("-", " ").replace("_", " ")
    return {
        "id": _rule_id(f),
        "shortDescription": {"text": f"{f.check}: {words}"},
        "fullDescription": {"text": f"{f.check} check, rule {f.rule}"},
        "help": {"text": visible(f.message)},
    }


def _result(f: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": quote(encode_path(f.path), safe="/")}}
    if f.line:
        location["region"] = {"startLine": f.line}
    entry: dict[str, Any] = {
        "ruleId": _rule_id(f),
        "level": "error" if f.blocking else _LEVEL[f.severity],
        "message": {"text": visible(f.message)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"primaryLocationLineHash": f.fingerprint},
    }
    if f.waived:  # SARIF's own word for it: code scanning shows it as dismissed
        entry["suppressions"] = [{"kind": "external", "justification": visible(f.waived)}]
    return entry
