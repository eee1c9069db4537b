"""JUnit failure bodies: every detail readable, never Python's ``None`` or ``True``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from types import MappingProxyType

from junitparser import JUnitXml

from gate.report.junit import render
from gate.result import CheckResult, Finding, Result


def test_details_are_json_and_none_is_left_out(tmp_path: Path) -> None:
    finding = Finding.of(
        "complexity",
        "max-cc",
        "too complex",
        path="a.py",
        line=3,
        details={
            "base": None,
            "function": "Klass.run",
            "head": 14,
            "moved": False,
            "agents": ("claude", "copilot"),
            "split": MappingProxyType({"ai": 3}),
        },
    )
    result = Result(
        verdict="fail", checks=(CheckResult("complexity", "fail", "x", findings=(finding,)),)
    )
    text = render(result)
    assert "None" not in text
    assert "True" not in text
    assert "False" not in text
    body = ET.fromstring(text).find(".//failure")
    assert body is not None
    assert body.text is not None
    assert body.text.splitlines()[1:6] == [
        "function: Klass.run",
        "head: 14",
        "moved: false",
        'agents: ["claude", "copilot"]',
        'split: {"ai": 3}',
    ]
    assert "change:" not in body.text  # a result without a head has no range to show
    path = tmp_path / "j.xml"
    path.write_text(text)
    suites = JUnitXml.fromfile(str(path))
    assert [s.name for s in suites] == ["complexity"]
