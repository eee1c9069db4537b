"""Untrusted text in every place the summary shows it, one test per kind of attack.

The document is rendered to HTML as a platform would, and what is left outside code
spans must hold none of the text's markup: no mention, no link or image of its own,
no HTML, no extra table cell, no hidden marker.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from gate.report.markdown import render
from gate.result import CheckResult, Excluded, Finding, Metric, Result
from tests.report.full_sample import full_sample
from tests.report.markdown.rendered import html, outside_code

CASES = [
    pytest.param("@octocat please look", id="mention"),
    pytest.param("@org/security-team", id="team-mention"),
    pytest.param("fixes #123 and !45 ~label %milestone", id="references"),
    pytest.param("x`` @octocat ``y", id="backticks-around-a-mention"),
    pytest.param("a | b | c", id="pipes"),
    pytest.param("<img src=x onerror=alert(1)>", id="html"),
    pytest.param("<!-- merge-gate -->", id="the-comment-marker"),
    pytest.param("[click](https://evil.example) ![i](https://evil.example/i.png)", id="links"),
    pytest.param("line\n\n## heading\n- item", id="newlines"),
    pytest.param("\x1b[31mred\u202eevil\u200b", id="controls-and-bidi"),
    pytest.param("**bold** _em_ ~~gone~~", id="emphasis"),
    pytest.param("</details><details open>", id="closing-details"),
    pytest.param("https://evil.example/auto-link", id="bare-url"),
    pytest.param("a\\", id="trailing-backslash"),
]


def hostile(text: str) -> Result:
    """``text`` as a path, rule, message, hint, summary, name and reason everywhere."""
    finding = Finding.of(
        "complexity",
        text,
        text,
        path=f"src/{text}.py",
        line=3,
        symbol=text,
        details={"base": 1, "head": 20},
    )
    waived = replace(Finding.of("size", "max-files", text), waived=text, blocking=False)
    base = full_sample()
    checks = tuple(
        replace(
            c,
            summary=f"{c.summary} {text}",
            findings=(*c.findings, finding, waived),
            hints=(*c.hints, text),
        )
        for c in base.checks
    )
    ai = checks[3]
    ai = replace(ai, metrics={**ai.metrics, "by_agent": {text: 300}, "notes": {"status": text}})
    cert = checks[4]
    rejected: tuple[Metric, ...] = ({"who": text, "source": "github", "reason": text},)
    required: tuple[Metric, ...] = (
        {"rule": text, "why": text, "approvals": 1, "reviewers": (text,), "owned_paths": (text,)},
    )
    cert = replace(
        cert,
        metrics={
            **cert.metrics,
            "rejected": rejected,
            "required_by": required,
            "reviewers": ({"who": text, "source": "signature"},),
        },
    )
    complexity = checks[1]
    worst: Metric = {"path": text, "function": text, "line": 4, "cc": 25}
    complexity = replace(complexity, metrics={**complexity.metrics, "worst_new_function": worst})
    security = replace(checks[2], metrics={**checks[2].metrics, "rules": text})
    return replace(
        base,
        base_source=text,
        config_source=text,
        checks=(checks[0], complexity, security, ai, cert),
        excluded=(Excluded(text, "vendored"),),
        notes=(text,),
        warnings=(text,),
        error=text,
    )


@pytest.mark.parametrize("text", CASES)
def test_nothing_outside_code_spans_comes_from_the_text(text: str) -> None:
    doc = render(hostile(text), marker="<!-- merge-gate -->")
    # our links' addresses hold the path, percent-encoded: checked on their own below
    bare = re.sub(r'href="[^"]*"', "", outside_code(doc))
    assert "@" not in bare
    assert "evil.example" not in bare
    assert "<img" not in bare
    assert "<details open" not in bare
    assert bare.count("<!--") == 1
    assert doc.startswith("<!-- merge-gate -->\n")
    assert "<strong>bold" not in bare
    assert "<em>em" not in bare
    assert "<h2>" not in bare.split("</h2>", 1)[1]  # only the verdict is a heading of that level
    for href in re.findall(r'href="([^"]*)"', html(doc)):
        assert href.startswith("https://github.com/o/r/"), href


@pytest.mark.parametrize("text", CASES)
def test_tables_keep_their_columns(text: str) -> None:
    for table in re.findall(r"<table>.*?</table>", html(render(hostile(text))), re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        widths = {len(re.findall(r"<t[hd][ >]", r)) for r in rows}
        assert len(widths) == 1, table


def test_a_path_cannot_end_its_link_early() -> None:
    f = Finding.of("complexity", "max-cc", "m", path="a (b)/c d#e?.py", line=7)
    result = replace(full_sample(), checks=(CheckResult("complexity", "fail", "s", findings=(f,)),))
    (href,) = re.findall(
        r'href="([^"]*)"', html(render(result)).split("</h2>")[1].split("compare")[-1]
    )
    assert href.endswith("/blob/" + result.head + "/a%20%28b%29/c%20d%23e%3F.py#L7")  # type: ignore[operator]


def test_bytes_that_are_not_utf8_are_shown_escaped_and_linked_encoded() -> None:
    f = Finding.of("complexity", "max-cc", "m", path="caf\udce9.py", line=1)
    result = replace(full_sample(), checks=(CheckResult("complexity", "fail", "s", findings=(f,)),))
    doc = render(result)
    assert "[`caf\\xe9.py:1`](" in doc
    assert "/caf%E9.py#L1)" in doc
