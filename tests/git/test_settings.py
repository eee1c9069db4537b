from __future__ import annotations

import pytest

from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo


def test_a_setting_is_read_or_absent(repo: GitRepo) -> None:
    git = Git(repo.path)
    assert git.setting("user.signingkey") is None
    repo.git("config", "user.signingkey", "~/.ssh/key one")
    assert git.setting("user.signingkey") == "~/.ssh/key one"


def test_a_broken_config_file_is_an_error(repo: GitRepo) -> None:
    with (repo.path / ".git" / "config").open("a") as config:
        config.write("[broken\n")
    with pytest.raises(GitError, match=r"git config --get user.name failed: fatal: bad config"):
        Git(repo.path).setting("user.name")
