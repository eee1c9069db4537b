"""GitHub's reviews of a pull request: which approvals count for the head being judged.

Calls (``GITHUB_API_URL`` honoured, the token sent on each): the pull request
(author, head sha), its commits (who wrote them), every page of its reviews,
and each candidate's permission. A review counts only when it is the user's
latest decisive one (a later ``CHANGES_REQUESTED`` or ``DISMISSED`` cancels an
approval; comments do not), ``APPROVED`` at exactly this head, by a user who is
no bot, not the PR's author, no author, committer or co-author of any of its
commits, and has write, maintain or admin permission.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gate.certification.authors import Authors
from gate.certification.evidence import Approval, Evidence, Rejected
from gate.certification.http import Client
from gate.errors import GateError
from gate.text import visible

DEFAULT_API = "https://api.github.com"
GRANT = (
    "give the workflow `permissions: pull-requests: read` (and `contents: read`), "
    "or set GATE_GITHUB_TOKEN to a token that can read this repository's pull requests"
)
_DECISIVE = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
_WRITE = ("admin", "maintain", "write")


def client(env: Mapping[str, str]) -> Client:
    """The API client, with ``GATE_GITHUB_TOKEN`` or else ``GITHUB_TOKEN``."""
    token = env.get("GATE_GITHUB_TOKEN") or env.get("GITHUB_TOKEN")
    if not token:
        raise GateError(
            "certification needs GitHub's reviews and no token is set: pass the workflow's "
            "token as GITHUB_TOKEN (env: GITHUB_TOKEN: ${{ github.token }}, with "
            "permissions: pull-requests: read) or set GATE_GITHUB_TOKEN"
        )
    headers = {
        "Accept": "application/vnd.github+json",
        "Authorization": f"Bearer {token}",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "merge-gate",
    }
    return Client(env.get("GITHUB_API_URL") or DEFAULT_API, headers, GRANT)


def evidence(
    api: Client, repo: str, number: int, head: str, *, authors: Authors, teams: tuple[str, ...]
) -> Evidence:
    """The approvals of pull request ``number`` that count for ``head``, and the rejected ones.

    ``teams`` (``@org/slug``) are looked up for each counted reviewer, for rules
    that name them. Raises GateError when the API fails or the head moved.
    """
    base = f"/repos/{repo}/pulls/{number}"
    pr = api.get(base)
    author = _str(_get(_get(pr, "user"), "login"))
    api_head = _str(_get(_get(pr, "head"), "sha"))
    if api_head != head:
        raise GateError(
            f"pull request #{number}'s head on GitHub is {visible(api_head[:12])}, the gate "
            f"judged {head[:12]}: it was pushed to during the run; re-run the gate"
        )
    writers = _writers(api.pages(f"{base}/commits?per_page=100"), authors)
    approvals: list[Approval] = []
    rejected: list[Rejected] = []
    for login, review in _latest(api.pages(f"{base}/reviews?per_page=100")).items():
        why = _reason(review, login, head, author, writers)
        if why is None:
            why, email = _profile(api, login, writers)
        if why is None:
            role = _role(api.get(f"/repos/{repo}/collaborators/{login}/permission"))
            if role not in _WRITE:
                why = f"no write permission ({role or 'none'})"
        if why is not None:
            rejected.append(Rejected(login, "github", why))
        else:
            member = tuple(t for t in teams if _member(api, t, login))
            approvals.append(Approval(login, "github", member, (email,) if email else ()))
    return Evidence("github", tuple(approvals), tuple(rejected), author=author)


def _latest(reviews: Any) -> dict[str, Mapping[str, Any]]:
    """Each user's latest decisive review, in the order the API lists them (oldest first)."""
    latest: dict[str, Mapping[str, Any]] = {}
    for review in reviews:
        if not isinstance(review, Mapping) or review.get("state") not in _DECISIVE:
            continue
        login = _str(_get(review.get("user"), "login")).lower()
        if login:
            latest[login] = review
    return latest


def _reason(
    review: Mapping[str, Any], login: str, head: str, author: str, writers: Authors
) -> str | None:
    """Why this latest review does not count, in the order a reviewer would ask; else None."""
    commit = _str(review.get("commit_id"))
    state = review.get("state")
    reasons = (
        (_get(review.get("user"), "type") == "Bot" or login.endswith("[bot]"), "a bot"),
        (state == "CHANGES_REQUESTED", "requested changes"),
        (state == "DISMISSED", "approval dismissed"),
        (commit != head, f"approved an older commit ({visible(commit[:7])})"),
        (login == author.lower(), "the pull request's author"),
        (writers.wrote(login=login), "an author or committer of a commit in the change"),
    )
    return next((why for hit, why in reasons if hit), None)


def _writers(commits: Any, local: Authors) -> Authors:
    """The local authors plus the logins GitHub attributes the PR's commits to."""
    logins = set(local.logins)
    for c in commits:
        for role in ("author", "committer"):
            login = _str(_get(_get(c, role), "login")).lower()
            if login and login != "web-flow":  # web-flow commits merges made in the UI
                logins.add(login)
    return Authors(local.emails, local.names, frozenset(logins))


def _profile(api: Client, login: str, writers: Authors) -> tuple[str | None, str]:
    """Why a co-author named by a trailer (address or name) does not count; the public address."""
    user = api.get(f"/users/{login}")
    email, name = _str(_get(user, "email")), _str(_get(user, "name"))
    why = (
        "a co-author of a commit in the change"
        if writers.wrote(emails=[email], name=name)
        else None
    )
    return why, email


def _role(permission: Any) -> str:
    return _str(_get(permission, "role_name") or _get(permission, "permission")).lower()


def _member(api: Client, team: str, login: str) -> bool:
    org, _, slug = team.lstrip("@").partition("/")
    return bool(
        _get(api.find(f"/orgs/{org}/teams/{slug}/memberships/{login}"), "state") == "active"
    )


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, Mapping) else None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
