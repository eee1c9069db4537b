"""Cost per durable line from Entire checkpoints under refs/entire/."""

from __future__ import annotations

import json
from pathlib import Path

from tests.gitrepo import GitRepo
from tests.history.history_run import history
from tests.history.scenario import at, code


def checkpoint(repo: GitRepo, files: dict[str, str]) -> None:
    """Commit ``files`` on an orphan branch and keep it as refs/entire/checkpoints/v1."""
    repo.git("checkout", "-q", "--orphan", "entire-store")
    repo.git("rm", "-q", "-rf", "--cached", ".")
    for name, text in files.items():
        repo.write(name, text)
        repo.git("add", name)
    repo.git("commit", "-q", "-m", "checkpoints")
    repo.git("update-ref", "refs/entire/checkpoints/v1", "HEAD")
    repo.git("checkout", "-q", "-f", "main")
    repo.git("branch", "-q", "-D", "entire-store")
    repo.git("clean", "-q", "-fdx")


def test_checkpoint_tokens_count_for_the_commits_agent(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit("one\n\nEntire-Checkpoint: a1b2c3d4e5f6\n", {"a.py": code(4, "a")}, date=at(0))
    repo.commit("two\n\nEntire-Checkpoint: 0f0f0f0f0f0f\n", {"b.py": code(2, "b")}, date=at(1))
    repo.commit("three\n\nEntire-Checkpoint: 999999999999\n", {"c.py": code(2, "c")}, date=at(2))
    repo.commit("human", {"d.py": code(1, "d")}, date=at(3))
    usage = {"input_tokens": 300, "output_tokens": 100, "cache_read_tokens": 0, "cost_usd": 0.5}
    checkpoint(
        repo,
        {
            "a1/b2c3d4e5f6/metadata.json": json.dumps(
                {"agent": "Claude Code", "token_usage": usage}
            ),
            "0f/0f0f0f0f0f/metadata.json": json.dumps({"token_usage": {"input_tokens": 40}}),
            "99/9999999999/metadata.json": "not json",
        },
    )
    data = history(repo.path)[1]
    cost = data["cost"]["entire"]
    assert cost["tokens"] == 440
    assert cost["cost"] == 0.5
    assert cost["survived"] == 8
    assert cost["tokens_per_surviving_line"] == 55


def test_without_checkpoints_there_is_no_data(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit("one\n\nEntire-Checkpoint: a1b2c3d4e5f6\n", {"a.py": code(4, "a")}, date=at(0))
    checkpoint(repo, {"a1/b2c3d4e5f6/metadata.json": json.dumps({"token_usage": "lots"})})
    data = history(repo.path)[1]
    assert data["cost"] == {}
    assert data["by_agent"]["entire"]["added"] == 4
