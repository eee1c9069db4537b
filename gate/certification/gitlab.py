"""GitLab's approvals of a merge request: which count for the head being judged.

Calls (``CI_API_V4_URL``; the token in ``GATE_GITLAB_TOKEN``: the CI job token
cannot read approvals): the merge request (author, ``sha``), its approvals,
the project's approval settings, and each approver's profile and access level.
GitLab approvals name no commit: one is tied to this head only when the MR's
``sha`` is the head and the project resets approvals on push
(``reset_approvals_on_push``); otherwise they count only if the trusted config
says ``accept_approvals_without_reset = true``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from gate.certification.authors import Authors
from gate.certification.evidence import Approval, Evidence, Rejected
from gate.certification.http import Client
from gate.errors import GateError
from gate.text import visible

GRANT = "set GATE_GITLAB_TOKEN to a project access token with the read_api scope"
DEVELOPER = 30  # GitLab's access level of a Developer; Maintainer is 40, Owner 50
NOT_RESET = (
    "approvals are not reset on push in this project, so an approval may be of an "
    "older commit; enable 'Remove all approvals when commits are added' or set "
    "[certification] accept_approvals_without_reset = true"
)


def client(env: Mapping[str, str]) -> Client:
    """The API client with ``GATE_GITLAB_TOKEN``; a clear error when only the job token exists."""
    token = env.get("GATE_GITLAB_TOKEN")
    if not token:
        only = (
            " (the CI job token cannot read merge request approvals)"
            if env.get("CI_JOB_TOKEN")
            else ""
        )
        raise GateError(
            f"certification needs GitLab's approvals and no token is set{only}: {GRANT}"
        )
    api = env.get("CI_API_V4_URL")
    if not api:
        raise GateError("certification needs GitLab's API and CI_API_V4_URL is not set")
    return Client(api, {"PRIVATE-TOKEN": token, "User-Agent": "merge-gate"}, GRANT)


def evidence(
    api: Client,
    project: str,
    iid: int,
    head: str,
    *,
    authors: Authors,
    groups: tuple[str, ...],
    accept_without_reset: bool,
) -> Evidence:
    """The approvals of merge request ``iid`` that count for ``head``, and the rejected ones."""
    base = f"/projects/{quote(project, safe='')}"
    mr = api.get(f"{base}/merge_requests/{iid}")
    author = _str(_get(_get(mr, "author"), "username"))
    mr_sha = _str(_get(mr, "sha"))
    if mr_sha != head:
        raise GateError(
            f"merge request !{iid}'s head on GitLab is {visible(mr_sha[:12])}, the gate judged "
            f"{head[:12]}: it was pushed to during the run; re-run the job"
        )
    reset = _get(api.get(f"{base}/approvals"), "reset_approvals_on_push") is True
    notes = () if reset else (NOT_RESET,)
    approvals: list[Approval] = []
    rejected: list[Rejected] = []
    for entry in _list(_get(api.get(f"{base}/merge_requests/{iid}/approvals"), "approved_by")):
        user = _get(entry, "user")
        login = _str(_get(user, "username")).lower()
        uid = _get(user, "id")
        if not login or not isinstance(uid, int):
            continue
        why = _reason(api, base, login, uid, author=author, authors=authors)
        if why is None and not reset and not accept_without_reset:
            why = "approvals are not reset on push: it may be of an older commit"
        if why is not None:
            rejected.append(Rejected(login, "gitlab", why))
        else:
            member = tuple(g for g in groups if _member(api, g, uid))
            approvals.append(Approval(login, "gitlab", member))
    return Evidence("gitlab", tuple(approvals), tuple(rejected), author=author, notes=notes)


def _reason(
    api: Client, base: str, login: str, uid: int, *, author: str, authors: Authors
) -> str | None:
    profile = api.get(f"/users/{uid}")
    if _get(profile, "bot") is True:
        return "a bot"
    if login == author.lower():
        return "the merge request's author"
    email, name = _str(_get(profile, "public_email")), _str(_get(profile, "name"))
    if authors.wrote(emails=[email], name=name):
        return "an author, committer or co-author of a commit in the change"
    level = _get(api.find(f"{base}/members/all/{uid}"), "access_level")
    if not isinstance(level, int) or level < DEVELOPER:
        return f"access below Developer ({level if isinstance(level, int) else 'not a member'})"
    return None


def _member(api: Client, group: str, uid: int) -> bool:
    found = api.find(f"/groups/{quote(group.lstrip('@'), safe='')}/members/all/{uid}")
    return isinstance(_get(found, "access_level"), int)


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, Mapping) else None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
