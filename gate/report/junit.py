"""JUnit XML: one testsuite per check, one testcase per finding, passing checks as passes.

GitLab shows ``classname`` (the check) and ``name``, and keeps only the first of
duplicate names, so names are ``rule::path`` made unique, or ``check::path::symbol``
for a finding about a symbol (``complexity::src/app.py::Klass.method``). Every string
is escaped by :func:`~gate.text.visible` first: junit-xml would otherwise delete
control characters silently, and write invalid XML for undecodable names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from junit_xml import TestCase, TestSuite, to_xml_report_string

from gate.result import CheckResult, Finding, Metric, Result
from gate.text import visible


def render(result: Result) -> str:
    """JUnit XML: a testsuite per check; the stop error, if any, as a suite of its own."""
    suites = [_suite(check, result) for check in result.checks]
    if result.error:
        case = TestCase("gate::could-not-evaluate", classname="gate")
        case.add_error_info(message=visible(result.error), output=visible(result.error))
        suites.insert(0, TestSuite("gate", [case]))
    return str(to_xml_report_string(suites, prettyprint=True))


def _suite(check: CheckResult, result: Result) -> TestSuite:
    names: set[str] = set()
    cases = [_finding_case(f, check, result, names) for f in check.findings]
    if not any(f.blocking for f in check.findings):
        case = TestCase(
            _unique(check.name, names), classname=check.name, stdout=visible(check.summary)
        )
        if check.status == "skipped":
            case.add_skipped_info(message=visible(check.summary))
        elif check.status == "error":  # pragma: no cover - errors always carry a blocking finding
            case.add_error_info(message=visible(check.summary))
        cases.insert(0, case)
    cases[0].elapsed_sec = round(check.seconds, 3)
    return TestSuite(check.name, cases)


def _finding_case(f: Finding, check: CheckResult, result: Result, names: set[str]) -> TestCase:
    # A finding about a symbol is named after the check, not the rule, so a function
    # keeps one testcase name (check::path::symbol) whichever of its rules fired.
    first = f.check if f.symbol else f.rule
    name = "::".join(part for part in (first, visible(f.path), visible(f.symbol)) if part)
    case = TestCase(
        _unique(name, names), classname=check.name, file=visible(f.path) or None, line=f.line
    )
    if not f.blocking:
        case.stdout = f"{f.severity}: {visible(f.message)}"
        return case
    body = _body(f, result)
    if check.status == "error":
        case.add_error_info(message=visible(f.message), output=body)
    else:
        case.add_failure_info(message=visible(f.message), output=body)
    return case


def _body(f: Finding, result: Result) -> str:
    lines = [visible(f.message)]
    # A detail that is None (no base value for a new function) is left out, never "None".
    lines.extend(f"{visible(k)}: {_detail(v)}" for k, v in f.details.items() if v is not None)
    if result.head:
        lines.append(f"change: {(result.merge_base or '')[:12]}..{result.head[:12]}")
    lines.append(f"fingerprint: {f.fingerprint}")
    return "\n".join(lines)


def _detail(value: Metric) -> str:
    """A detail as text: JSON for booleans, lists and tables (``true``, not ``True``)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, bool | Mapping | tuple):
        return visible(json.dumps(_plain(value), ensure_ascii=False))
    return str(value)


def _plain(value: Metric) -> object:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} #{n}"
    taken.add(candidate)
    return candidate
