"""A pull request of a real repository as GitHub Actions sees it: a feature branch, the event."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.gitrepo import Content, GitRepo, lines

HUMAN = "Dev <dev@example.com>"


@dataclass(frozen=True)
class Opened:
    """Pull request #7: ``feature`` off ``main``, whose remote-tracking ref is set."""

    repo: GitRepo
    base: str
    head: str
    event: Path  # the pull_request event file, for GITHUB_EVENT_PATH


def open_pr(tmp_path: Path, message: str, files: dict[str, Content], author: str = HUMAN) -> Opened:
    """A base commit on main, one commit on ``feature``, and the event naming it."""
    repo = GitRepo.init(tmp_path / "repo")
    base = repo.commit("base", {"app.py": lines(3, "base")})
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    repo.branch("feature")
    head = repo.commit(message, files, author=author)
    event = tmp_path / "event.json"
    pull = {"number": 7, "head": {"sha": head}, "base": {"ref": "main", "sha": base}}
    event.write_text(json.dumps({"pull_request": pull}))
    return Opened(repo, base, head, event)
