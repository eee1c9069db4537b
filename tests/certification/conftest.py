"""A pull request of a real repository, its GitHub Actions environment and a fake GitHub API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.fakeapi import FakeApi, serve
from tests.gitrepo import GitRepo, lines
from tests.pull_request import open_pr
from tests.run import Run, report

CLAUDE = "Co-authored-by: Claude <noreply@anthropic.com>"
ALICE = "Alice <alice@example.com>"


@dataclass
class PullRequest:
    """Pull request #7 of o/r: alice's AI-written commit on ``feature``, judged in Actions."""

    repo: GitRepo
    api: FakeApi
    head: str
    base: str
    env: dict[str, str | None]

    def review(
        self, login: str, state: str = "APPROVED", commit: str | None = None, kind: str = "User"
    ) -> dict[str, Any]:
        return {
            "user": {"login": login, "type": kind},
            "state": state,
            "commit_id": commit or self.head,
        }

    def reviews(self, *items: dict[str, Any]) -> None:
        self.api.paged("/repos/o/r/pulls/7/reviews?per_page=100", list(items))

    def permission(self, login: str, role: str = "write", name: str = "", email: str = "") -> None:
        self.api.route(
            f"/repos/o/r/collaborators/{login}/permission", {"permission": role, "role_name": role}
        )
        self.api.route(
            f"/users/{login}",
            {"login": login, "name": name or login.title(), "email": email or None},
        )

    def check(self, *args: str, code: int) -> tuple[Run, dict[str, Any]]:
        run, data = report(self.repo.path, *args, env=self.env)
        assert run.code == code, run.stdout + run.stderr
        return run, data


def write_config(repo: GitRepo, text: str) -> None:
    """Commit ``.gate.toml`` on main (the trusted tip) and move feature onto it."""
    repo.checkout("main")
    repo.commit("policy", {".gate.toml": text})
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    repo.checkout("feature")


@pytest.fixture
def pr(tmp_path: Path) -> Iterator[PullRequest]:
    opened = open_pr(
        tmp_path, f"add feature\n\n{CLAUDE}\n", {"feature.py": lines(10, "ai")}, author=ALICE
    )
    repo, base, head, event = opened.repo, opened.base, opened.head, opened.event
    with serve() as api:
        api.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": head}})
        api.paged(
            "/repos/o/r/pulls/7/commits?per_page=100",
            [
                {
                    "author": {"login": "alice"},
                    "committer": {"login": "alice"},
                    "commit": {"author": {"email": "alice@example.com"}},
                }
            ],
        )
        env: dict[str, str | None] = {
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_API_URL": api.url,
            "GITHUB_REPOSITORY": "o/r",
            "GITHUB_TOKEN": "t0ken",
        }
        yield PullRequest(repo, api, head, base, env)
