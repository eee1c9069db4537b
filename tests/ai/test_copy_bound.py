"""Huge changes: above a bound, blame traces moves within a file only (no ``-C``), and says so."""

from __future__ import annotations

import pytest

from gate.ai import check
from tests.ai_repo import metrics, start
from tests.gitrepo import GitRepo, lines

MOVED = "def moved(x):\n" + "".join(f"    y{i} = x + {i}\n" for i in range(6)) + "    return x\n"


def test_above_the_bound_lines_moved_between_files_count_as_new(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    start(repo, {"a.py": MOVED + lines(30, "keep")})
    # too little in common for git to call b.py a copy of a.py: all its lines are added
    repo.commit("move a function", {"a.py": lines(30, "keep"), "b.py": MOVED + lines(30, "new")})
    m = metrics(repo)
    assert (m["added_lines"], m["preexisting_lines"], m["copy_detection"]) == (30, 8, True)
    monkeypatch.setattr(check, "COPY_DETECTION_MAX_FILES", 0)
    m = metrics(repo)
    assert (m["added_lines"], m["preexisting_lines"], m["copy_detection"]) == (38, 0, False)
