from __future__ import annotations

from gate.ai.blame import parse
from gate.errors import GitError
from gate.git import Git
from tests.ai_repo import start
from tests.gitrepo import GitRepo, lines


def test_blame_runs_one_process_per_file_and_keeps_errors_in_place(repo: GitRepo) -> None:
    base = start(repo)
    head = repo.commit("c", {"a.py": lines(3), "b.py": lines(2)})
    out = Git(repo.path).blame(
        base, head, [("a.py", [(2, 3)]), ("nope.py", [(1, 1)]), ("b.py", [(1, 2)])]
    )
    assert isinstance(out[0], bytes)
    assert isinstance(out[2], bytes)
    assert [e.final_line for e in parse(out[0], "a.py")] == [2]
    assert sum(e.count for e in parse(out[0], "a.py")) == 2
    assert isinstance(out[1], GitError)
    assert "nope.py" in str(out[1])


def test_diff_ignores_the_work_tree_attributes(repo: GitRepo) -> None:
    """The work tree holds the change under judgement: its ``* -diff`` must not hide lines."""
    base = repo.commit("base", {"a.py": "x = 1\n"})
    head = repo.commit("head", {"a.py": "x = 2\ny = 3\n", ".gitattributes": "* -diff\n"})
    out = Git(repo.path).diff(base, head)
    assert b"Binary files" not in out
    assert b"\n+y = 3\n" in out
