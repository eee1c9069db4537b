"""GitHub Actions: the revisions of a pull request, merge queue or push event.

The PR head is ``pull_request.head.sha`` (``GITHUB_SHA`` is a synthetic merge
commit); ``base.sha`` is frozen when the PR opened, so the base is the base
*branch*, and the change starts at its merge-base with the head.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gate.ci import Env, Target, branch_refspec
from gate.errors import GateError
from gate.git import is_null_sha
from gate.text import visible


def target(env: Env) -> Target | None:
    """The revisions a GitHub Actions event names; None outside Actions.

    Pull request events (``pull_request``, ``pull_request_review``, …) and merge
    queue entries (``merge_group``) are judged like pull requests; a push against its
    previous tip. Any other event (``workflow_dispatch``, ``schedule``) names no
    base: the Target says so and the gate stops unless ``--base`` is given.
    """
    path = env.get("GITHUB_EVENT_PATH")
    if env.get("GITHUB_ACTIONS") != "true" or not path:
        return None
    event = _load(path)
    name = env.get("GITHUB_EVENT_NAME") or "unknown"
    pr = event.get("pull_request")
    if isinstance(pr, Mapping):
        return _pull_request(pr, path)
    group = event.get("merge_group")
    if isinstance(group, Mapping):
        return _merge_group(group, path)
    if name == "push" and isinstance(event.get("before"), str):
        found = _push(event, env)
        if found is not None:
            return found
    return Target(
        base=None,
        head=env.get("GITHUB_SHA", "HEAD"),
        source=f"the GitHub {visible(name)} event names no base revision",
        platform="github",
    )


def _pull_request(pr: Mapping[str, Any], path: str) -> Target:
    number = _get(pr, path, "number", int)
    base_ref = _get(pr["base"], path, "ref", str) if "base" in pr else ""
    head_sha = _get(pr["head"], path, "sha", str) if "head" in pr else ""
    if not base_ref or not head_sha:
        raise GateError(f"{visible(path)}: pull_request event without base.ref / head.sha")
    return Target(
        base=f"refs/remotes/origin/{base_ref}",
        head=head_sha,
        source=f"GitHub pull request #{number}: merge-base with {base_ref}",
        platform="github",
        refspecs=(
            branch_refspec(base_ref),
            f"+refs/pull/{number}/head:refs/remotes/pull/{number}/head",
        ),
        expect_change=True,
        number=number,
    )


def _merge_group(group: Mapping[str, Any], path: str) -> Target:
    """A merge queue entry: its head commit against the commit it was queued on."""
    head_sha, base_sha = (_get(group, path, key, str, "merge_group") for key in _GROUP_SHAS)
    head_ref, base_ref = (_get(group, path, key, str, "merge_group") for key in _GROUP_REFS)
    branch = base_ref.removeprefix("refs/heads/")
    return Target(
        base=base_sha,
        head=head_sha,
        source=f"GitHub merge queue entry for {visible(branch)}: its base {base_sha[:12]}",
        platform="github",
        refspecs=(
            f"+{head_ref}:refs/remotes/origin/{head_ref.removeprefix('refs/heads/')}",
            branch_refspec(branch),
        ),
        expect_change=True,
    )


_GROUP_SHAS = ("head_sha", "base_sha")
_GROUP_REFS = ("head_ref", "base_ref")


def _push(event: Mapping[str, Any], env: Env) -> Target | None:
    head = env.get("GITHUB_SHA", "HEAD")
    # A push that GitHub says brought commits cannot be an empty change.
    commits = event.get("commits")
    expect = isinstance(commits, list) and bool(commits)
    before = event["before"]
    if not is_null_sha(before):
        return Target(
            base=before,
            head=head,
            source="GitHub push: the previous tip",
            platform="github",
            expect_change=expect,
        )
    repo = event.get("repository")
    default = repo.get("default_branch") if isinstance(repo, Mapping) else None
    if isinstance(default, str) and default:
        return Target(
            base=f"refs/remotes/origin/{default}",
            head=head,
            source=f"GitHub push of a new branch: merge-base with {default}",
            platform="github",
            refspecs=(branch_refspec(default),),
        )
    return None


def _load(path: str) -> Mapping[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            event = json.load(handle)
    except (OSError, ValueError) as exc:
        raise GateError(f"GITHUB_EVENT_PATH {visible(path)}: cannot read event: {exc}") from exc
    if not isinstance(event, Mapping):
        raise GateError(f"GITHUB_EVENT_PATH {visible(path)}: the event is not a JSON object")
    return event


def _get(obj: object, path: str, key: str, kind: type[Any], what: str = "pull_request") -> Any:
    value = obj.get(key) if isinstance(obj, Mapping) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise GateError(f"{visible(path)}: {what} {key} is missing or not a {kind.__name__}")
    return value
