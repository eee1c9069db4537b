"""The streaming commands of ``gate history``: a live ``cat-file --batch``, ``popen``."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit("one", {"a.txt": "a\n", "d/b.txt": "b\n"})
    return repo


def test_the_blob_reader_answers_many_names_at_once(repo: GitRepo) -> None:
    with Git(repo.path).blob_reader() as read:
        names = ["HEAD:a.txt", "HEAD:none", "HEAD:d", "HEAD:a\nb", "HEAD:d/b.txt"]
        a, none, tree, newline, b = read(names)
        assert a is not None
        assert a[1] == b"a\n"
        assert none is None
        assert tree is None  # a tree, not a blob
        assert newline is None  # a name the protocol cannot carry
        assert b == (repo.head("HEAD:d/b.txt"), b"b\n")
        many = read(["HEAD:a.txt"] * 600)  # more than one batch
        assert len(many) == 600
        assert many[-1] == a


def test_no_commits_have_no_messages(repo: GitRepo) -> None:
    assert Git(repo.path).history_messages([]) == b""


def test_popen_reports_git_failures_and_stops_git_on_errors(repo: GitRepo) -> None:
    git = Git(repo.path)
    with pytest.raises(GitError, match="git log failed"), git.popen("log", "no-such-rev"):
        pass
    with pytest.raises(KeyError), git.popen("cat-file", "--batch"):
        raise KeyError("stop")
    with git.popen("log", "--format=%H"):
        pass  # unread output is drained, git is not left blocked


def test_popen_without_git(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(GitError, match="not installed"), Git(repo.path).popen("log"):
        pass
