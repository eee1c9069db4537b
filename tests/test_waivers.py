"""Waivers from the trusted config: used, expired, unused; errors are never waived."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gate.config import Waiver
from gate.result import CheckResult, Finding
from gate.waivers import apply, matches, report_unused
from tests.gitrepo import GitRepo, lines
from tests.run import report

TODAY = datetime.date(2026, 12, 1)
FAIL = Finding.of("size", "max-files", "too many files")


def waiver(**kw: Any) -> Waiver:
    values: dict[str, Any] = {
        "check": "size",
        "reason": "generated once",
        "approved_by": "lead",
        "expires": TODAY,
        "rule": "max-files",
    }
    return Waiver(**(values | kw))


@pytest.mark.parametrize(
    ("w", "hit"),
    [
        pytest.param(waiver(), True, id="rule"),
        pytest.param(waiver(rule=None, fingerprint=FAIL.fingerprint), True, id="fingerprint"),
        pytest.param(waiver(rule=None, fingerprint="0" * 32), False, id="other-fingerprint"),
        pytest.param(waiver(path="x.py"), False, id="other-path"),
        pytest.param(waiver(check="ai"), False, id="other-check"),
    ],
)
def test_matches(w: Waiver, hit: bool) -> None:
    assert matches(w, FAIL) is hit


def test_a_live_waiver_turns_a_failure_into_a_pass_and_says_so() -> None:
    result = apply(CheckResult("size", "fail", "s", findings=(FAIL,)), [waiver()], TODAY)
    assert result.status == "pass"
    (finding,) = result.findings
    assert not finding.blocking
    assert finding.waived == "generated once (approved by lead, until 2026-12-01)"


def test_an_expired_waiver_blocks() -> None:
    late = TODAY + datetime.timedelta(days=1)
    result = apply(CheckResult("size", "fail", "s", findings=(FAIL,)), [waiver()], late)
    assert result.status == "fail"
    assert [f.rule for f in result.findings] == ["waiver-expired", "max-files"]
    assert all(f.blocking for f in result.findings)
    clean = apply(CheckResult("size", "pass", "s"), [waiver()], late)
    assert clean.status == "fail"


def test_a_check_that_could_not_run_is_never_waived() -> None:
    broken = Finding.of("size", "could-not-run", "boom")
    w = waiver(rule="could-not-run")
    result = apply(CheckResult("size", "error", "s", findings=(broken,)), [w], TODAY)
    assert result.status == "error"
    assert result.findings[0].blocking
    (unused,) = report_unused([result], [w], TODAY)
    assert unused.findings[-1].rule == "waiver-unused"


def test_unused_waivers_are_listed_on_their_check() -> None:
    ok = CheckResult("size", "pass", "s")
    (result,) = report_unused([ok], [waiver(), waiver(check="ai")], TODAY)
    assert [f.rule for f in result.findings] == ["waiver-unused"]
    assert result.findings[0].severity == "info"
    assert result.status == "pass"


def test_waivers_end_to_end(repo: GitRepo) -> None:
    config = (
        '[size]\nmax_files = 1\n[[waiver]]\ncheck = "size"\nrule = "max-files"\n'
        'reason = "a generated pair"\napproved_by = "lead"\nexpires = 2999-01-01\n'
        '[[waiver]]\ncheck = "complexity"\nrule = "max-cc"\nreason = "x"\n'
        'approved_by = "lead"\nexpires = 2999-01-01\n'
    )
    repo.commit("base", {".gate.toml": config})
    repo.branch("feature")
    repo.commit("two files", {"a.py": lines(2), "b.py": lines(2)})
    run, data = report(repo.path, "--base", "main")
    assert run.code == 0, run.stdout
    size = data["checks"]["size"]
    assert size["status"] == "pass"
    assert size["findings"][0]["waived"].startswith("a generated pair")
    assert "waived" in run.stdout
    unused = data["checks"]["complexity"]["findings"]
    assert [f["rule"] for f in unused] == ["waiver-unused"]


def test_an_expired_waiver_fails_the_change_end_to_end(repo: GitRepo) -> None:
    config = (
        '[[waiver]]\ncheck = "size"\nrule = "max-files"\nreason = "r"\n'
        'approved_by = "lead"\nexpires = 2020-01-01\n'
    )
    repo.commit("base", {".gate.toml": config})
    repo.branch("feature")
    repo.commit("one", {"a.py": lines(2)})
    run, data = report(repo.path, "--base", "main")
    assert run.code == 1, run.stdout
    assert data["checks"]["size"]["findings"][0]["rule"] == "waiver-expired"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '[[waiver]]\ncheck = "sizes"\nrule = "x"\nreason = "r"\napproved_by = "a"\n'
            "expires = 2030-01-01\n",
            "waiver[0] check must be one of",
            id="unknown-check",
        ),
        pytest.param(
            '[[waiver]]\ncheck = "size"\nreason = "r"\napproved_by = "a"\nexpires = 2030-01-01\n',
            "needs exactly one of fingerprint or rule",
            id="neither",
        ),
        pytest.param(
            '[[waiver]]\ncheck = "size"\nfingerprint = "f"\npath = "p"\nreason = "r"\n'
            'approved_by = "a"\nexpires = 2030-01-01\n',
            "path narrows a rule",
            id="path-without-rule",
        ),
        pytest.param(
            '[[waiver]]\ncheck = "size"\nrule = "x"\nreason = "r"\napproved_by = "a"\n'
            "expires = 2030-01-01T10:00:00\n",
            "must be a date (YYYY-MM-DD)",
            id="datetime",
        ),
        pytest.param(
            '[[waiver]]\ncheck = "size"\nrule = "x"\nreason = "r"\napproved_by = "a"\n'
            'expires = "soon"\n',
            "must be a date (YYYY-MM-DD)",
            id="string",
        ),
        pytest.param(
            '[[waiver]]\ncheck = "size"\nrule = "x"\nreason = "r"\nexpires = 2030-01-01\n',
            "missing key [waiver[0]] approved_by",
            id="no-approver",
        ),
    ],
)
def test_bad_waivers_are_exit_2_naming_the_key(repo: GitRepo, text: str, message: str) -> None:
    repo.commit("base", {".gate.toml": text})
    repo.branch("feature")
    repo.commit("one", {"a.py": lines(2)})
    run, _ = report(repo.path, "--base", "main")
    assert run.code == 2
    assert message in run.stderr


def test_a_waiver_is_named_by_what_it_matches() -> None:
    late = TODAY + datetime.timedelta(days=1)
    path = apply(CheckResult("size", "pass", "s"), [waiver(path="x.py")], late)
    assert "the waiver of rule max-files at x.py" in path.findings[0].message
    fp = apply(CheckResult("size", "pass", "s"), [waiver(rule=None, fingerprint="ab")], late)
    assert "the waiver of fingerprint ab" in fp.findings[0].message
