"""What "preexisting" means: a line moved (the change removed it somewhere) or only
re-indented; never a line that merely equals an older one, and never copied code."""

from __future__ import annotations

import pytest

from gate.ai.blame import BlameEntry
from gate.ai.preexisting import _cut, _spans
from tests.ai_repo import metrics, start
from tests.gitrepo import GitRepo, lines

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


@pytest.mark.parametrize(
    ("wanted", "runs"),
    [
        pytest.param({12}, [(10, 20, 2), (13, 23, 2)], id="middle"),
        pytest.param({10, 11}, [(12, 22, 3)], id="front"),
        pytest.param({14}, [(10, 20, 4)], id="end"),
        pytest.param({10, 11, 12, 13, 14}, [], id="all"),
    ],
)
def test_cut(wanted: set[int], runs: list[tuple[int, int, int]]) -> None:
    entry = BlameEntry("a" * 40, 20, 10, 5, "p.py")
    assert [(e.final_line, e.orig_line, e.count) for e in _cut(entry, wanted)] == runs


def test_spans() -> None:
    assert _spans([5, 3, 4, 9]) == [(3, 5), (9, 9)]
