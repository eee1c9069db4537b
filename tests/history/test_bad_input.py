"""What ``gate history`` refuses, each in one line with exit 2, and the all-human case."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate.history_commands import _Progress
from tests.gitrepo import GitRepo, lines
from tests.history.history_run import history, stopped
from tests.history.scenario import at


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit("one", {"a.py": lines(3)}, date=at(0))
    repo.commit("two", {"a.py": lines(5)}, date=at(5))
    return repo


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("--since", "2025-01-01", "--until", "2025-06-01"), "empty period", id="empty"
        ),
        pytest.param(
            ("--since", "2026-01-01", "--branch", "nope"), "--branch 'nope': no such", id="branch"
        ),
        pytest.param(("--since", "2999-01-01"), "in the future", id="future-since"),
        pytest.param(
            ("--since", "2026-01-01", "--until", "2999-01-01"), "in the future", id="future-until"
        ),
        pytest.param(("--since", "yesterday"), "expected a date", id="bad-date"),
        pytest.param(("--since", "2026-01-01", "--horizon", "0d"), "--horizon '0d'", id="horizon"),
        pytest.param(
            ("--since", "2026-02-01", "--until", "2026-01-01"), "is not before", id="order"
        ),
    ],
)
def test_refused(repo: GitRepo, args: tuple[str, ...], message: str) -> None:
    assert message in stopped(repo.path, *args)


def test_a_shallow_clone_needs_full_depth(repo: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth=1", f"file://{repo.path}", str(clone))
    assert "history needs full depth" in stopped(clone, "--since", "2026-01-01")


def test_a_repository_without_ai_markers_is_all_human(repo: GitRepo) -> None:
    run, data = history(repo.path)
    assert data["groups"]["ai"]["added"] == 0
    assert data["groups"]["human"]["added"] == 5
    assert data["ai_share"]["added"] == 0.0
    assert "no AI markers found" in run.stdout
    assert data["by_agent"] == {}


def test_the_progress_bar_shows_on_a_terminal_only(capsys: pytest.CaptureFixture[str]) -> None:
    with _Progress(shown=False) as tick:
        tick(1, 2)
    assert capsys.readouterr().err == ""
    with _Progress(shown=True) as tick:
        tick(1, 2)
        tick(2, 2)
    assert "replaying history" in capsys.readouterr().err
