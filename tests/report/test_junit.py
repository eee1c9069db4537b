from __future__ import annotations

import xml.etree.ElementTree as ET

from junitparser import JUnitXml

from gate.report.junit import render
from gate.result import Result
from tests.report.sample import error_result, golden


def test_golden(result: Result) -> None:
    golden("junit.xml", render(result))


def test_structure(result: Result, tmp_path: object) -> None:
    root = ET.fromstring(render(result).encode())  # a strict parser
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["size", "complexity", "security"]
    cases = root.findall(".//testcase")
    names = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(names) == len(set(names)), "GitLab keeps only the first of duplicate names"
    assert ("complexity", "complexity::src/app.py::Klass.method #2") in names
    failing = [c for c in cases if c.find("failure") is not None]
    assert all(c.get("file") and c.get("line") for c in failing if c.get("classname") != "size")
    assert root.find(".//testcase[@classname='security']/skipped") is not None
    passing = root.find(".//testcase[@name='complexity::src/ok.py::Klass.method']")
    assert passing is not None
    assert passing.find("failure") is None


def test_control_characters_visible_not_deleted(result: Result) -> None:
    text = render(result)
    assert "caf\\xe9 \\x1b[31mred\\u202e\\n::error" in text
    assert "\x1b" not in text
    assert "\u202e" not in text


def test_junitparser_reads_it(result: Result, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "j.xml"
    path.write_text(render(result), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    assert sum(1 for suite in xml for _ in suite) == 6


def test_error_result() -> None:
    root = ET.fromstring(render(error_result()).encode())
    error = root.find(".//testcase[@classname='gate']/error")
    assert error is not None
    assert error.get("message") == "unknown base revision 'x\\x00y'"


def test_check_error_is_a_junit_error() -> None:
    from gate.result import CheckResult, Finding

    finding = Finding("security", "could-not-run", "", None, "semgrep missing", "error", "f", True)
    result = Result(
        verdict="error",
        checks=(CheckResult("security", "error", "could not run", findings=(finding,)),),
    )
    root = ET.fromstring(render(result).encode())
    error = root.find(".//testcase[@classname='security']/error")
    assert error is not None
    assert error.get("message") == "semgrep missing"
