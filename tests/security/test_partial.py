"""Files semgrep parses only partly (valid bash ``$((10#$n))``), end to end with real semgrep.

Lines the parser skips on both sides alike, holding no line the change adds, are a
warning naming them; a skipped range that covers added lines, or a new file, stays a
blocking not-analysed finding.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from gate.change import LineRange
from gate.security import partial
from gate.security.scan import Unparsed, parse
from gate.security.tree import Source, Target
from tests.gitrepo import GitRepo
from tests.run import report
from tests.security.test_check import CLIS

pytestmark = pytest.mark.semgrep

SCRIPT = '#!/bin/bash\nn=${1:-08}\nx=$((10#$n))  # base 10, even with a leading zero\necho "$x"\n'


def security(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["checks"]["security"]
    return result


def found(data: dict[str, Any]) -> list[tuple[str, str, int | None, str]]:
    return [(f["rule"], f["path"], f["line"], f["severity"]) for f in security(data)["findings"]]


@pytest.mark.parametrize("cli", CLIS)
def test_a_construct_the_parser_skips_on_both_sides(repo: GitRepo, cli: str) -> None:
    repo.commit(
        "base",
        {
            ".gate.toml": f'[security]\nsemgrep_cli = "{cli}"\n',
            "scripts/a.sh": SCRIPT,
            "scripts/b.sh": SCRIPT,
            "scripts/c.sh": SCRIPT,
        },
    )
    repo.commit(
        "untouched ranges",
        {
            "scripts/a.sh": SCRIPT + "echo done\n",
            "scripts/b.sh": SCRIPT + 'eval "$2"\n',
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 1, run.stdout  # b.sh's eval, found in the part that parses
    assert found(data) == [
        ("partly-analysed", "scripts/a.sh", 3, "warning"),
        ("partly-analysed", "scripts/b.sh", 3, "warning"),
        ("shell-eval", "scripts/b.sh", 5, "error"),
    ]
    warning = security(data)["findings"][0]
    assert "lines 3 were not analysed (`10#` was unexpected)" in warning["message"]
    assert "the change adds no line there" in warning["message"]
    assert warning["details"]["lines"] == "3"
    assert not warning["blocking"]
    metrics = security(data)["metrics"]
    assert (metrics["partly_analysed"], metrics["not_analysed"]) == (2, 0)
    assert (metrics["base_not_analysed"], metrics["blocking_findings"]) == (0, 1)
    assert "2 partly analysed" in security(data)["summary"]

    repo.commit(
        "added lines where the parser gives up",
        {
            "scripts/c.sh": SCRIPT.replace("echo", "y=$((10#$x + 1))\necho"),
            "scripts/new.sh": SCRIPT,
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 2, run.stdout
    assert found(data) == [
        ("base-not-analysed", "scripts/c.sh", None, "warning"),
        ("not-analysed", "scripts/c.sh", None, "error"),
        ("not-analysed", "scripts/new.sh", None, "error"),
    ]
    base, *head = security(data)["findings"]
    assert "semgrep could not parse lines 3 (`10#` was unexpected)" in base["message"]
    assert "semgrep could not parse lines 3, 4 (" in head[0]["message"]
    assert head[0]["message"].endswith("and the change adds lines there")
    # git calls new.sh a copy of a.sh (no line added): copied code is new all the same
    assert "semgrep could not parse lines 3 (" in head[1]["message"]
    assert head[1]["message"].endswith("in a file new to this change")


def target(path: str, text: bytes, lineage: str | None = None) -> Target:
    return Target(Source(path, lineage or path, text), path)


SKIPPED = Unparsed(((2, 2),), "`10#` was unexpected")


@pytest.mark.parametrize(
    ("head", "base", "verdict"),
    [
        pytest.param(b"a\nx=$((10#$n))\n", b"a\nx=$((10#$n))\n", "partly", id="same-construct"),
        pytest.param(b"a\nx=$((10#$n))\n", b"a\n  x=$((10#$n))\n", "partly", id="same-but-indent"),
        pytest.param(b"a\nx=$((10#$n))\n", b"a\nx=1\n", "blocking", id="base-skips-other-text"),
        pytest.param(b"a\nx=$((10#$n))\n", None, "blocking", id="base-parses-it"),
        pytest.param(b"a\nx=$((10#$n))\n", b"", "new", id="no-base-version"),
    ],
)
def test_judge(head: bytes, base: bytes | None, verdict: str) -> None:
    base_skipped = [(target("s.sh", base), SKIPPED)] if base else []
    lineages = {"s.sh"} if base != b"" else set()
    verdicts = partial.judge(
        [(target("s.sh", head), SKIPPED)], base_skipped, {"s.sh": ()}, lineages
    )
    assert bool(verdicts.partly) == (verdict == "partly")
    assert bool(verdicts.blocking) == (verdict != "partly")
    if verdict == "blocking":
        assert verdicts.blocking["s.sh"].endswith(", which its base version parses")
        assert set(verdicts.base) == ({"s.sh"} if base else set())
    elif verdict == "new":
        assert verdicts.blocking["s.sh"].endswith(", in a file new to this change")
    if verdict != "blocking":
        assert verdicts.base == {}


def test_judge_follows_renames_and_added_ranges() -> None:
    text = b"a\nx=$((10#$n))\nb\n"
    head = [(target("new.sh", text, lineage="old.sh"), SKIPPED)]
    base = [(target("old.sh", text), SKIPPED)]
    assert partial.judge(head, base, {"new.sh": (LineRange(3, 1),)}, {"old.sh"}).partly
    touched = partial.judge(head, base, {"new.sh": (LineRange(1, 2),)}, {"old.sh"})
    assert touched.blocking["new.sh"].endswith("and the change adds lines there")
    assert partial.describe([(4, 4), (7, 9)]) == "4, 7-9"


def test_a_partial_parse_that_names_no_lines_is_not_analysed() -> None:
    error = {"type": ["PartialParsing", []], "path": "s.sh", "message": "m", "spans": []}
    report_ = {"errors": [error], "results": [], "paths": {"scanned": ["s.sh"]}}
    stdout = json.dumps(report_).encode()
    scan = parse(stdout, 0, b"", ["s.sh"])
    assert (scan.unparsed, dict(scan.problems)) == ({}, {"s.sh": ("PartialParsing: m",)})
