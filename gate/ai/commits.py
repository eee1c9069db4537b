"""The commits of the range, as ``git log -z`` gives them (one process for all of them)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from gate.errors import GitError
from gate.git import LOG_FIELDS
from gate.text import decode_path

_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_WIDTH = len(LOG_FIELDS) + 1  # the fields, then the message


@dataclass(frozen=True)
class Commit:
    """One commit: identities and the raw message (untrusted text, undecodable bytes kept)."""

    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    committer_name: str
    committer_email: str
    message: str

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0].strip()


def parse_log(out: bytes, expected: Collection[str]) -> dict[str, Commit]:
    """Commits by sha from :meth:`gate.git.log.Log.log_messages` output; exactly ``expected``."""
    fields = out.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    if len(fields) % _WIDTH:
        raise GitError("unexpected git log output: the fields do not divide into commits")
    commits: dict[str, Commit] = {}
    for i in range(0, len(fields), _WIDTH):
        text = [decode_path(f) for f in fields[i : i + _WIDTH]]
        if not _SHA.fullmatch(text[0]):
            raise GitError(f"unexpected git log output: {text[0][:50]!r} is not a commit id")
        commits[text[0]] = Commit(
            sha=text[0],
            parents=tuple(text[1].split()),
            author_name=text[2],
            author_email=text[3],
            committer_name=text[4],
            committer_email=text[5],
            message=text[6],
        )
    if set(commits) != set(expected):
        raise GitError(f"git log listed {len(commits)} commits where the range has {len(expected)}")
    return commits
