"""GitHub Actions: the revisions of a pull_request or push event.

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
from gate.report import markdown, workflow_commands
from gate.result import Result
from gate.text import visible


def target(env: Env) -> Target | None:
    """The revisions a GitHub Actions pull_request or push event names; None outside Actions."""
    path = env.get("GITHUB_EVENT_PATH")
    if env.get("GITHUB_ACTIONS") != "true" or not path:
        return None
    event = _load(path)
    pr = event.get("pull_request")
    if isinstance(pr, Mapping):
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
    before = event.get("before")
    if isinstance(before, str) and env.get("GITHUB_EVENT_NAME") == "push":
        head = env.get("GITHUB_SHA", "HEAD")
        if not is_null_sha(before):
            return Target(
                base=before, head=head, source="GitHub push: the previous tip", platform="github"
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


def _get(obj: object, path: str, key: str, kind: type[Any]) -> Any:
    value = obj.get(key) if isinstance(obj, Mapping) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise GateError(f"{visible(path)}: pull_request {key} is missing or not a {kind.__name__}")
    return value


def publish(result: Result, env: Env) -> str:
    """In GitHub Actions: add the Markdown summary to the step summary, return annotations.

    The caller prints the annotations; outside Actions this does nothing.
    """
    if env.get("GITHUB_ACTIONS") != "true":
        return ""
    summary = env.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown.render(result))
        except OSError as exc:
            raise GateError(
                f"GITHUB_STEP_SUMMARY {visible(summary)}: cannot write: {exc.strerror}"
            ) from exc
    return workflow_commands.render(result)
