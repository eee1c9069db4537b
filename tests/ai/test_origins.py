"""The origin of each added line, from one replay of the range (real repositories)."""

from __future__ import annotations

from gate import diff
from gate.ai.origins import PREEXISTING, Mismatch, Origin, origins
from gate.change import FileChange, LineRange
from gate.git import Git
from tests.ai_repo import metrics, start
from tests.gitrepo import GitRepo, lines

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


def traced(repo: GitRepo, base: str, head: str) -> dict[str, tuple[Origin, ...] | Mismatch]:
    git = Git(repo.path)
    files = [f for f in diff.read(git, base, head) if f.added]
    return {f.path: r for f, r in zip(files, origins(git, base, head, files), strict=True)}


def ghost(path: str, start_line: int, count: int) -> FileChange:
    return FileChange(
        "modified", path, path, "1" * 40, "2" * 40, "100644", "100644", None, False,
        (LineRange(start_line, count),), (),
    )  # fmt: skip


def test_runs_of_lines_from_one_place_of_one_commit(repo: GitRepo) -> None:
    base = start(repo, {"a.py": lines(4)})
    first = repo.commit("first", {"a.py": lines(4) + lines(3, "new")})
    second = repo.commit("second", {"a.py": lines(2, "top") + lines(4) + lines(3, "new")})
    assert traced(repo, base, second)["a.py"] == (
        Origin(second, 1, 1, 2, "a.py"),
        Origin(first, 5, 7, 3, "a.py"),
    )


def test_a_side_branch_merged_keeps_its_own_commit(repo: GitRepo) -> None:
    base = start(repo, {"a.py": lines(3)})
    repo.branch("side")
    agent = repo.commit("agent" + CLAUDE, {"b.py": lines(5, "agent")})
    repo.checkout("feature")
    mine = repo.commit("mine", {"a.py": lines(3) + lines(2, "mine")})
    repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
    found = traced(repo, base, repo.head())
    assert found["b.py"] == (Origin(agent, 1, 1, 5, "b.py"),)
    assert found["a.py"] == (Origin(mine, 4, 4, 2, "a.py"),)
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"]) == (7, 5)


def test_a_line_moved_from_another_file_by_the_same_commit_keeps_its_origin(
    repo: GitRepo,
) -> None:
    block = "".join(f"value_{i} = compute_something_long({i})\n" for i in range(4))
    base = start(repo, {"a.py": lines(2)})
    wrote = repo.commit("write", {"a.py": lines(2) + block})
    moved = repo.commit("move", {"a.py": lines(2), "b.py": "# b\n" + block})
    assert traced(repo, base, moved)["b.py"] == (
        Origin(moved, 1, 1, 1, "b.py"),
        Origin(wrote, 3, 2, 4, "a.py"),
    )


def test_a_file_the_range_only_reindented_is_preexisting(repo: GitRepo) -> None:
    base = start(repo, {"a.txt": "if x:\n" + lines(3, "  code")})
    head = repo.commit("reindent", {"a.txt": "if x:\n" + lines(3, "    code")})
    assert traced(repo, base, head)["a.txt"] == (Origin(PREEXISTING, 2, 2, 3, "a.txt"),)


def test_a_file_the_replay_does_not_cover_is_a_mismatch(repo: GitRepo) -> None:
    base = start(repo, {"a.py": lines(2)})
    head = repo.commit("c", {"a.py": lines(3)})
    git = Git(repo.path)
    [short] = origins(git, base, head, [ghost("a.py", 9, 1)])
    assert short == Mismatch("a.py", "the replay of the range finds a.py 3 lines long, "
                             "where the diff adds line 9")  # fmt: skip
    # head is the merge-base: no commit of the range wrote anything
    [none] = origins(git, head, head, [ghost("a.py", 1, 1)])
    assert none == Mismatch("a.py", "no commit of the range wrote a.py")
    assert origins(git, base, head, []) == []


def test_an_unrelated_history_merged_first_has_no_boundary_to_compare(repo: GitRepo) -> None:
    base = start(repo)
    repo.git("checkout", "-q", "--orphan", "other")
    repo.git("rm", "-q", "-rf", ".")
    repo.commit("orphan root", {"o.py": lines(2)})
    repo.git("merge", "-q", "--allow-unrelated-histories", "-m", "join", "main")
    [lost] = origins(Git(repo.path), base, repo.head(), [ghost("never.py", 1, 1)])
    assert lost == Mismatch("never.py", "the replay of the range never reaches never.py")


def test_a_file_the_range_did_not_reach_with_other_lines_stays_a_mismatch(
    repo: GitRepo,
) -> None:
    base = start(repo, {"a.py": lines(2), "b.py": lines(2, "b")})
    head = repo.commit("c", {"b.py": lines(3, "b")})
    other = repo.git("rev-parse", f"{head}:b.py").strip()
    changed = FileChange(
        "modified", "a.py", "a.py", None, other, "100644", "100644", None, False,
        (LineRange(1, 1),), (),
    )  # fmt: skip
    [lost] = origins(Git(repo.path), base, head, [changed])
    assert lost == Mismatch("a.py", "the replay of the range never reaches a.py")
