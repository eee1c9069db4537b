from __future__ import annotations

import pytest

from gate.errors import GitError
from gate.git import SYMLINK_MODE, Git, is_null_sha
from tests.gitrepo import GitRepo


def test_cat_file(repo: GitRepo) -> None:
    sha = repo.commit("c", {"a.txt": "hello\n", "b.bin": b"\x00\n\n\x01"})
    git = Git(repo.path)
    assert git.cat_file([]) == []
    assert git.cat_file([f"{sha}:a.txt", "0" * 40, f"{sha}:b.bin", f"{sha}:nope"]) == [
        b"hello\n",
        None,
        b"\x00\n\n\x01",
        None,
    ]
    with pytest.raises(GitError, match="contains a newline"):
        git.cat_file(["HEAD:a\nb"])


def test_ls_tree_lists_blobs_with_modes(repo: GitRepo) -> None:
    repo.commit("base", {"d/a.yml": "a", "d/sub/b.yml": "b", "dx/c.yml": "c"})
    (repo.path / "d" / "run").write_text("#!/bin/sh\n")
    (repo.path / "d" / "run").chmod(0o755)
    sha = repo.commit("exec")
    entries = Git(repo.path).ls_tree(sha, "d")
    assert [(e.path, e.mode, e.kind) for e in entries] == [
        ("d/a.yml", "100644", "blob"),
        ("d/run", "100755", "blob"),
        ("d/sub/b.yml", "100644", "blob"),
    ]
    assert Git(repo.path).ls_tree(sha, "d*") == ()


def test_entries_name_folders_and_links_without_recursing(repo: GitRepo) -> None:
    repo.commit("base", {"conf/a.toml": "a", ".gate.toml": "x"})
    (repo.path / "link.toml").symlink_to(".gate.toml")
    sha = repo.commit("link")
    found = Git(repo.path).entries(sha, [".gate.toml", "conf", "link.toml", "absent", "c*"])
    assert {path: (e.kind, e.mode) for path, e in found.items()} == {
        ".gate.toml": ("blob", "100644"),
        "conf": ("tree", "040000"),
        "link.toml": ("blob", SYMLINK_MODE),
    }


@pytest.mark.parametrize(
    ("sha", "null"),
    [
        pytest.param(None, True, id="absent"),
        pytest.param("", True, id="empty"),
        pytest.param("0" * 40, True, id="sha1-zeros"),
        pytest.param("0" * 64, True, id="sha256-zeros"),
        pytest.param("0" * 39 + "1", False, id="an-object"),
    ],
)
def test_is_null_sha(sha: str | None, null: bool) -> None:
    assert is_null_sha(sha) is null
