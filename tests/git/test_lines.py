from __future__ import annotations

from gate.git import Git
from tests.gitrepo import GitRepo


def test_diff_ignores_the_work_tree_attributes(repo: GitRepo) -> None:
    """The work tree holds the change under judgement: its ``* -diff`` must not hide lines."""
    base = repo.commit("base", {"a.py": "x = 1\n"})
    head = repo.commit("head", {"a.py": "x = 2\ny = 3\n", ".gitattributes": "* -diff\n"})
    out = Git(repo.path).diff(base, head)
    assert b"Binary files" not in out
    assert b"\n+y = 3\n" in out
