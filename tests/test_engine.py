from __future__ import annotations

from dataclasses import dataclass

from gate.change import Change
from gate.config import Config, SizeConfig
from gate.engine import run_check
from gate.errors import GateError
from gate.git import Git
from gate.inputs import Inputs
from gate.result import CheckResult
from tests.gitrepo import GitRepo


@dataclass(frozen=True)
class Broken:
    name: str = "size"
    needs: tuple[str, ...] = ()

    def run(self, inputs: Inputs) -> CheckResult:
        raise GateError("the tool crashed")


def inputs(repo: GitRepo, config: Config) -> Inputs:
    sha = repo.commit("c", {"a": "a\n"})
    return Inputs(Git(repo.path), Change(sha, sha, sha, ()), config, {}, (), {})


def test_a_check_that_cannot_run_is_an_error_never_a_pass(repo: GitRepo) -> None:
    result = run_check(Broken(), inputs(repo, Config()))
    assert result.status == "error"
    assert result.summary == "could not run: the tool crashed"
    assert result.findings[0].blocking
    assert result.findings[0].rule == "could-not-run"


def test_disabled_check_is_skipped_without_running(repo: GitRepo) -> None:
    result = run_check(Broken(), inputs(repo, Config(size=SizeConfig(enabled=False))))
    assert result.status == "skipped"
