"""What "preexisting" means: a line moved (the change removed it somewhere) or only
re-indented; never a line that merely equals an older one, and never copied code."""

from __future__ import annotations

from tests.ai_repo import metrics, start
from tests.gitrepo import GitRepo, lines
from tests.run import report

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
FUNC = "def helper(x):\n" + "".join(f"    v{i} = x * {i}\n" for i in range(6)) + "    return x\n"
PARSER = (
    "import argparse\n\nparser = argparse.ArgumentParser()\n"
    "parser.add_argument(\n    '--verbose',\n    action='store_true',\n    default=True,\n)\n"
)


def counts(repo: GitRepo) -> tuple[int, int, int]:
    m = metrics(repo)
    return m["added_lines"], m["ai_lines"], m["preexisting_lines"]


def test_moved_from_another_file_is_preexisting(repo: GitRepo) -> None:
    start(repo, {"a.py": FUNC + lines(30, "keep")})
    repo.commit("move" + CLAUDE, {"a.py": lines(30, "keep"), "b.py": FUNC + lines(30, "new")})
    assert counts(repo) == (30, 30, 8)


def test_moved_within_the_file_is_preexisting(repo: GitRepo) -> None:
    start(repo, {"a.py": FUNC + lines(30, "keep")})
    repo.commit("reorder" + CLAUDE, {"a.py": lines(30, "keep") + FUNC + "x = 1\n"})
    assert counts(repo) == (1, 1, 8)


def test_reindented_is_preexisting(repo: GitRepo) -> None:
    start(repo, {"a.py": FUNC})
    indented = "class C:\n" + "".join(f"    {ln}\n" for ln in FUNC.splitlines())
    repo.commit("wrap in a class" + CLAUDE, {"a.py": indented})
    assert counts(repo) == (1, 1, 8)


def test_a_new_line_equal_to_an_older_untouched_line_is_new(repo: GitRepo) -> None:
    # The aider case: a new argparse option's `default=True,` and `)` exist in an older,
    # untouched option; blame -M matches them there, yet this commit wrote them.
    start(repo, {"cli.py": PARSER})
    option = (
        "parser.add_argument(\n    '--quiet',\n    action='store_true',\n    default=True,\n)\n"
    )
    repo.commit("add --quiet" + CLAUDE, {"cli.py": PARSER + option})
    assert counts(repo) == (5, 5, 0)


def test_code_copied_from_a_file_the_commit_edits_is_new(repo: GitRepo) -> None:
    start(repo, {"a.py": FUNC + lines(30, "keep")})
    repo.commit(
        "copy helper" + CLAUDE,
        {"a.py": FUNC + lines(29, "keep") + "edited\n", "b.py": lines(30, "new") + FUNC},
    )
    assert counts(repo) == (39, 39, 0)


def test_a_file_git_calls_a_copy_counts_every_line(repo: GitRepo) -> None:
    # `cp a.py b.py` plus an edit of a.py: git's copy detection shows b.py as a copy with
    # no line added, yet the change brings in its 30 lines, as the size check counts them
    start(repo, {"a.py": FUNC + lines(22, "keep")})
    repo.commit("copy" + CLAUDE, {"a.py": FUNC + lines(21, "keep") + "edited\n",
                                  "b.py": FUNC + lines(22, "keep")})  # fmt: skip
    _, data = report(repo.path, "--base", "main")
    assert data["checks"]["size"]["metrics"]["copied_files"] == 1
    m = data["checks"]["ai"]["metrics"]
    assert (m["added_lines"], m["ai_lines"], m["preexisting_lines"]) == (31, 31, 0)
    assert m["added_lines"] == data["checks"]["size"]["metrics"]["lines_added"]
