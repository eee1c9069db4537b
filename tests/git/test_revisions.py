from __future__ import annotations

import pytest

from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo


def test_merge_base_of_a_non_commit_is_an_error(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    with pytest.raises(GitError, match="git merge-base failed"):
        Git(repo.path).merge_base("HEAD", "0" * 40)
