"""Threat: a revert of a revert re-adds an AI commit's lines under a commit with no signal."""

from __future__ import annotations

import pytest

from tests.ai_repo import add_note, evidence, metrics, start
from tests.gitrepo import GitRepo, lines

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


def _revert(repo: GitRepo, sha: str) -> str:
    """``git revert`` by a person: the message says ``This reverts commit <sha>.``"""
    repo.git("revert", "--no-edit", sha)
    return repo.head()


def _chain(repo: GitRepo, depth: int) -> str:
    """base, a person's 5 lines, the AI replacing them with 10, then ``depth`` reverts."""
    start(repo)
    repo.commit("human part", {"app.py": lines(3, "base") + lines(5, "mine")})
    ai = repo.commit("ai part" + CLAUDE, {"app.py": lines(3, "base") + lines(10, "ai")})
    last = ai
    for _ in range(depth):
        last = _revert(repo, last)
    return ai


def test_a_revert_of_a_revert_restores_the_ai_commits_lines(repo: GitRepo) -> None:
    ai = _chain(repo, 2)
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (10, 10, 0)
    assert evidence(m, ai)["lines"] == {"ai": 10, "human": 0, "unknown": 0}
    assert m["ai_commits"] == 1


@pytest.mark.parametrize(
    ("depth", "surviving"),
    [
        pytest.param(1, 5, id="lone-revert"),
        pytest.param(2, 10, id="chain-of-two"),
        pytest.param(3, 5, id="chain-of-three"),
        pytest.param(4, 10, id="chain-of-four"),
    ],
)
def test_every_chain_ends_at_the_commit_that_started_it(
    repo: GitRepo, depth: int, surviving: int
) -> None:
    ai = _chain(repo, depth)
    m = metrics(repo)
    # a lone revert's lines are the reverted commit's; a revert of a revert its origin's
    assert (m["added_lines"], m["ai_lines"]) == (surviving, surviving)
    assert evidence(m, ai)["lines"]["ai"] == surviving
    assert all(e["lines"]["human"] == 0 for e in m["evidence"])


def test_a_revert_message_cannot_lower_the_share(repo: GitRepo) -> None:
    start(repo)
    human = repo.commit("human part", {"app.py": lines(3, "base") + lines(5, "mine")})
    # an AI commit whose message claims to revert the person's commit
    fake = repo.commit(
        f"Revert\n\nThis reverts commit {human}." + CLAUDE,
        {"app.py": lines(3, "base") + lines(5, "mine") + lines(4, "ai")},
    )
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (9, 4, 5)
    assert evidence(m, fake)["lines"]["ai"] == 4


def test_a_revert_of_older_history_keeps_its_own_attribution(repo: GitRepo) -> None:
    repo.commit("base", {"app.py": lines(3, "base") + lines(5, "mine")})
    old = repo.commit("old ai" + CLAUDE, {"app.py": lines(3, "base") + lines(4, "ai")})
    repo.branch("feature")
    revert = _revert(repo, old)  # brings a person's lines back; its origin is not the change's
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (5, 0, 5)
    assert m["commits"] == 1
    assert all(e["sha"] != old for e in m["evidence"])
    assert revert


def test_a_revert_of_a_revert_with_a_note_on_the_origin(repo: GitRepo) -> None:
    start(repo)
    ai = repo.commit("ai part", {"app.py": lines(3, "base") + lines(10, "ai")})
    note = (
        "app.py\n  s_0123456789abcd::t_0123456789abcd 4-13\n---\n"
        '{"schema_version":"authorship/3.0.0","sessions":{"s_0123456789abcd":'
        '{"agent_id":{"tool":"cursor","id":"x","model":"m"}}}}\n'
    )
    add_note(repo, ai, note)
    first = _revert(repo, ai)
    _revert(repo, first)
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"]) == (10, 10)
    assert m["by_agent"] == {"cursor": 10}
