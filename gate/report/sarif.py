"""SARIF 2.1.0 for GitHub code scanning.

Code scanning rejects a result without a location ("expected at least one
location"), so a change-level finding (size, the AI cap, a missing review) is
anchored to the policy file that set the limit, line 1, and marked
``"change-level": true`` (in the rule's tags and the result's properties) with its
message saying so. Rules carry help written for the rule (:mod:`gate.report.rules`).
There is no ``informationUri``: the project has no address of its own to give.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from gate import __version__
from gate.report import rules
from gate.report.anchor import anchor, change_level
from gate.result import Finding, Result
from gate.text import encode_path, visible

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(result: Result) -> str:
    """A SARIF 2.1.0 log with one run: findings with a file, and the change-level ones."""
    findings = [f for f in result.findings() if f.path] + list(change_level(result))
    rules: dict[str, dict[str, Any]] = {}
    for f in findings:
        rules.setdefault(_rule_id(f), _rule(f))
    where = anchor(result)
    run = {
        "tool": {
            "driver": {
                "name": "merge-gate",
                "version": __version__,
                "rules": list(rules.values()),
            }
        },
        "results": [_result(f, where) for f in findings],
    }
    if result.head:
        run["versionControlProvenance"] = [{"repositoryUri": ".", "revisionId": result.head}]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _rule_id(f: Finding) -> str:
    return f"{f.check}/{f.rule}"


def _rule(f: Finding) -> dict[str, Any]:
    about = rules.describe(f)
    rule: dict[str, Any] = {
        "id": _rule_id(f),
        "name": _rule_id(f),
        "shortDescription": {"text": about.short},
        "fullDescription": {"text": about.full},
        "help": {"text": about.help},
        "properties": {"tags": [f.check, *(["change-level"] if not f.path else [])]},
    }
    return rule


def _result(f: Finding, where: str) -> dict[str, Any]:
    path = f.path or where
    location: dict[str, Any] = {"artifactLocation": {"uri": quote(encode_path(path), safe="/")}}
    if f.line or not f.path:
        location["region"] = {"startLine": f.line or 1}
    message = (
        visible(f.message) if f.path else f"change-level (the whole change): {visible(f.message)}"
    )
    entry: dict[str, Any] = {
        "ruleId": _rule_id(f),
        "level": "error" if f.blocking else _LEVEL[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"primaryLocationLineHash": f.fingerprint},
    }
    if not f.path:
        entry["properties"] = {"change-level": True}
    if f.waived:  # SARIF's own word for it: code scanning shows it as dismissed
        entry["suppressions"] = [{"kind": "external", "justification": visible(f.waived)}]
    return entry
