"""The sticky PR/MR comment: one comment per pull request, updated on every run.

The comment is found again by a hidden marker at the start of its body, and
only among the comments written by the token's own user (a comment anyone else
posts with the marker is never edited). The platform calls are behind
:class:`Thread` (``gate.ci.comments`` has GitHub's and GitLab's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from gate.report import markdown
from gate.result import Result

MARKER = "<!-- merge-gate -->"


@dataclass(frozen=True)
class Comment:
    """A comment already on the pull request: its id, whether our user wrote it, its body."""

    id: int
    mine: bool
    body: str


class Thread(Protocol):
    """A pull/merge request's comments on one platform."""

    @property
    def limit(self) -> int:
        """The longest body the platform takes, in bytes."""
        ...

    def comments(self) -> Sequence[Comment]:
        """Every comment, oldest first."""
        ...

    def create(self, body: str) -> int:
        """Post a new comment; its id."""
        ...

    def update(self, comment: int, body: str) -> None:
        """Replace a comment's body."""
        ...


@dataclass(frozen=True)
class Posted:
    """What :func:`post` did: ``created`` or ``updated``, and the comment's id."""

    action: str
    id: int


def body(result: Result, limit: int) -> str:
    """The comment: the marker, then the Markdown summary cut to ``limit`` bytes."""
    return markdown.render(result, limit=limit, marker=MARKER)


def post(result: Result, thread: Thread) -> Posted:
    """Update our earlier comment (the oldest with the marker), else create one."""
    text = body(result, thread.limit)
    ours = [c for c in thread.comments() if c.mine and c.body.startswith(MARKER)]
    if ours:
        thread.update(ours[0].id, text)
        return Posted("updated", ours[0].id)
    return Posted("created", thread.create(text))
