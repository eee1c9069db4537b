from __future__ import annotations

import pytest

from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo

REF = "refs/notes/gate-test"


def test_a_note_is_written_and_read_byte_for_byte(repo: GitRepo) -> None:
    sha = repo.commit("c", {"a": "a\n"})
    git = Git(repo.path)
    assert git.note(REF, sha) is None  # no such ref yet
    text = b"  trailing spaces  \n\n\n\nand blank lines\n"
    git.set_note(REF, sha, text)
    assert git.note(REF, sha) == text  # no stripspace clean-up
    assert git.note("refs/notes/commits", sha) is None  # only the named ref is written


def test_an_unknown_commit_is_an_error(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    with pytest.raises(GitError, match="git notes --ref=refs/notes/gate-test list failed: fatal:"):
        Git(repo.path).note(REF, "0123abc")


def test_merging_keeps_both_sides_notes(repo: GitRepo) -> None:
    sha = repo.commit("c", {"a": "a\n"})
    git = Git(repo.path)
    git.set_note(REF, sha, b"one\n")
    git.set_note("refs/notes/other", sha, b"two\n")
    git.merge_notes(REF, "refs/notes/other")
    assert git.note(REF, sha) == b"one\n\ntwo\n"
