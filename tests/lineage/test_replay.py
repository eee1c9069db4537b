"""The line-lifetime engine on a repository whose every line's fate is known, and
against ``git blame -w`` on it."""

from __future__ import annotations

import pytest

from gate.git import Git
from gate.lineage import engine
from gate.lineage.replay import Lifetimes
from gate.lineage.table import ALIVE, BEFORE
from tests.history.scenario import START, Story, blame, build


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    return build(tmp_path_factory.mktemp("story") / "repo")


@pytest.fixture(scope="module")
def lives(story: Story) -> Lifetimes:
    git = Git(story.repo.path)
    return engine.lifetimes(git, story.shas["rename"], 0, keep={story.shas["rename"]})


def fates(lives: Lifetimes, sha: str) -> list[tuple[str, str | None, bool]]:
    """(path at birth, the sha that removed it or None, moved) of every line born in ``sha``."""
    t = lives.table
    shas = [c.sha for c in lives.commits]
    born = shas.index(sha)
    return [
        (t.paths[t.path[i]], None if t.death[i] == ALIVE else shas[t.death[i]], bool(t.moved[i]))
        for i in range(len(t))
        if t.commit[i] == born
    ]


def test_ai_lines_die_at_the_rewrite(story: Story, lives: Lifetimes) -> None:
    assert fates(lives, story.shas["ai"]) == [("ai.py", story.shas["rewrite"], False)] * 10
    assert fates(lives, story.shas["rewrite"]) == [("ai.py", None, False)] * 10


def test_moved_lines_keep_their_origin_and_the_deleted_file_dies(
    story: Story, lives: Lifetimes
) -> None:
    base = fates(lives, story.shas["base"])
    assert base[:5] == [("app.py", None, False)] * 5
    assert base[5:10] == [("app.py", None, True)] * 5  # alive in lib/moved.py
    assert base[10:] == [("util.py", story.shas["delete"], False)] * 5
    assert fates(lives, story.shas["move"]) == []  # moving adds no line


def test_a_merge_keeps_the_branch_lines_and_adds_none(story: Story, lives: Lifetimes) -> None:
    assert fates(lives, story.shas["feature"]) == [("feature.py", None, False)] * 4
    assert fates(lives, story.shas["main"]) == [("app.py", None, False)] * 2
    assert fates(lives, story.shas["merge"]) == []
    assert lives.alive == 5 + 5 + 10 + 4 + 2
    assert [c.time for c in lives.commits][:2] == [START, START + 86400]


def test_every_line_agrees_with_blame_where_no_move_touched_it(
    story: Story, lives: Lifetimes
) -> None:
    tip = story.shas["rename"]
    state = lives.states[tip]
    t = lives.table
    shas = [c.sha for c in lives.commits]
    compared = 0
    for path, ids in state.files.items():
        if not ids:
            continue
        theirs = blame(story.repo, tip, path)
        assert len(theirs) == len(ids), path
        for ident, sha in zip(ids, theirs, strict=True):
            if not t.moved[ident]:
                assert t.commit[ident] != BEFORE
                assert shas[t.commit[ident]] == sha, (path, ident)
                compared += 1
    assert compared == 5 + 10 + 4 + 2


def test_a_period_starts_from_the_files_before_it(story: Story) -> None:
    git = Git(story.repo.path)
    lives = engine.lifetimes(git, story.shas["rename"], START + 11 * 86400)
    assert lives.commits[0].sha == story.shas["rewrite"]
    t = lives.table
    before = [i for i in range(len(t)) if t.commit[i] == BEFORE]
    assert {t.paths[t.path[i]] for i in before} >= {"ai.py", "app.py", "util.py"}
    assert lives.alive == 10 + 4 + 2
