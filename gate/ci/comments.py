"""The pull/merge request comment APIs: GitHub issue comments, GitLab merge request notes.

GitHub: ``GET/POST /repos/{repo}/issues/{n}/comments``, ``PATCH
/repos/{repo}/issues/comments/{id}`` (``GITHUB_API_URL``; ``GATE_GITHUB_TOKEN`` or
``GITHUB_TOKEN``, with ``pull-requests: write``). Our user is ``GET /user``; the
workflow's own token may not ask (an app installation token), and then it is
``github-actions[bot]`` for ``GITHUB_TOKEN`` and any bot for another app's token.
GitLab: ``GET/POST /projects/{id}/merge_requests/{iid}/notes``, ``PUT
.../notes/{id}`` (``CI_API_V4_URL``; ``GATE_GITLAB_TOKEN`` with the ``api`` scope: the
job token cannot write notes); our user is ``GET /user``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from gate import ci
from gate.certification import github, gitlab
from gate.certification.http import Client
from gate.ci.web import web
from gate.errors import GateError
from gate.report.comment import Comment, Thread, post
from gate.result import Result

GITHUB_GRANT = (
    "give the workflow `permissions: pull-requests: write`, or set GATE_GITHUB_TOKEN to a "
    "token that can comment on this repository's pull requests (a pull request from a "
    "fork gets a read-only GITHUB_TOKEN)"
)
GITLAB_GRANT = (
    "set GATE_GITLAB_TOKEN to a project access token with the api scope and at least "
    "the Reporter role (the CI job token cannot write merge request notes)"
)
# GitHub refuses a comment body over 65,536 characters; bytes are never fewer.
GITHUB_LIMIT = 65_000
GITLAB_LIMIT = 1_000_000
_ACTIONS_BOT = "github-actions[bot]"


@dataclass(frozen=True)
class GitHubThread:
    """A GitHub pull request's conversation (issue comments)."""

    api: Client
    repo: str
    number: int
    me: str | None  # our login; None: any bot (the API would not say)
    limit: int = GITHUB_LIMIT

    def comments(self) -> Sequence[Comment]:
        """Every comment, oldest first."""
        path = f"/repos/{self.repo}/issues/{self.number}/comments?per_page=100"
        return [
            Comment(_int(c, "id"), self._mine(c.get("user")), _str(c.get("body")))
            for c in self.api.pages(path)
            if isinstance(c, Mapping)
        ]

    def create(self, body: str) -> int:
        """Post a new comment; its id."""
        made = self.api.post(f"/repos/{self.repo}/issues/{self.number}/comments", {"body": body})
        return _int(made, "id")

    def update(self, comment: int, body: str) -> None:
        """Replace a comment's body."""
        self.api.patch(f"/repos/{self.repo}/issues/comments/{comment}", {"body": body})

    def _mine(self, user: Any) -> bool:
        if not isinstance(user, Mapping):
            return False
        if self.me is None:
            return user.get("type") == "Bot"
        return _str(user.get("login")).lower() == self.me.lower()


@dataclass(frozen=True)
class GitLabThread:
    """A GitLab merge request's notes."""

    api: Client
    project: str
    iid: int
    me: int  # our user's id
    limit: int = GITLAB_LIMIT

    def comments(self) -> Sequence[Comment]:
        """Every note people wrote (not system notes), oldest first."""
        path = f"{self._notes}?per_page=100&sort=asc&order_by=created_at"
        return [
            Comment(_int(n, "id"), _author(n) == self.me, _str(n.get("body")))
            for n in self.api.pages(path)
            if isinstance(n, Mapping) and not n.get("system")
        ]

    def create(self, body: str) -> int:
        """Post a new note; its id."""
        return _int(self.api.post(self._notes, {"body": body}), "id")

    def update(self, comment: int, body: str) -> None:
        """Replace a note's body."""
        self.api.put(f"{self._notes}/{comment}", {"body": body})

    @property
    def _notes(self) -> str:
        return f"/projects/{quote(self.project, safe='')}/merge_requests/{self.iid}/notes"


def thread(env: Mapping[str, str], platform: str, repository: str, number: int) -> Thread:
    """The comment thread of pull/merge request ``number`` on ``platform``."""
    if platform == "gitlab":
        if not env.get("GATE_GITLAB_TOKEN"):
            raise GateError(f"gate comment: no GitLab token: {GITLAB_GRANT}")
        if not env.get("CI_API_V4_URL"):
            raise GateError("gate comment: CI_API_V4_URL is not set (run it in GitLab CI)")
        api = replace(gitlab.client(env), grant=GITLAB_GRANT)
        return GitLabThread(api, repository, number, _int(api.get("/user"), "id"))
    token = env.get("GATE_GITHUB_TOKEN") or env.get("GITHUB_TOKEN")
    if not token:
        raise GateError(
            "gate comment: no GitHub token: pass the workflow's token as GITHUB_TOKEN "
            f"(env: GITHUB_TOKEN: ${{{{ github.token }}}}); {GITHUB_GRANT}"
        )
    api = replace(github.client(env), grant=GITHUB_GRANT)
    user = api.find("/user", absent=(403,))
    me = _str(user.get("login")) if isinstance(user, Mapping) else ""
    if not me and not env.get("GATE_GITHUB_TOKEN"):
        me = _ACTIONS_BOT  # the workflow's own token comments as this bot
    return GitHubThread(api, repository, number, me or None)


def _author(note: Mapping[str, Any]) -> int | None:
    author = note.get("author")
    value = author.get("id") if isinstance(author, Mapping) else None
    return value if isinstance(value, int) else None


def _int(obj: Any, key: str) -> int:
    value = obj.get(key) if isinstance(obj, Mapping) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise GateError(f"the comments API answered without a numeric {key}")
    return value


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def publish(result: Result, env: Mapping[str, str], pr: int | None, repository: str | None) -> str:
    """Post or update the sticky comment of this run's pull/merge request; say what was done.

    ``pr`` and ``repository`` override the CI environment's. With no pull request
    (a push pipeline) nothing is posted, and the line says so.
    """
    found = ci.detect(env)
    platform = "gitlab" if found is not None and found.platform == "gitlab" else "github"
    number = pr if pr is not None else found.number if found is not None else None
    if number is None:
        return "gate comment: no pull or merge request in this run: nothing to comment on"
    where = "CI_PROJECT_ID" if platform == "gitlab" else "GITHUB_REPOSITORY"
    repo = repository or env.get(where, "")
    if not repo:
        raise GateError(f"gate comment: no repository ({where}, or --repo)")
    if result.web is None:
        result = replace(result, web=web(env))
    posted = post(result, thread(env, platform, repo, number))
    kind = "merge request !" if platform == "gitlab" else "pull request #"
    return f"gate comment: {posted.action} comment {posted.id} on {kind}{number}"
