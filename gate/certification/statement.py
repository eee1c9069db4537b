"""What a reviewer signs with ``gate certify``: this repository, this head, this base, this policy.

The statement is a few lines of ASCII text in a fixed order, so the bytes a
reviewer signed and the bytes ``gate check`` expects can be compared exactly,
and a signature names what it was given for when it does not match.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

NAMESPACE = "merge-gate-certify"  # ssh-keygen -n: a signature made for anything else is not one
NOTES_REF = "refs/notes/gate-certify"
REMOTE_REF = "refs/notes/gate-certify-remote"  # the remote's notes, fetched beside the local ones
_TITLE = "merge-gate certification/1"  # gate.certification.note finds statements by it
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_DIGEST = re.compile(r"[0-9a-f]{64}")
_REPOSITORY = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")  # printable ASCII
_SCP = re.compile(r"[^/:]+:(?!//)")  # git@host:owner/name, not C:/ or scheme://


@dataclass(frozen=True)
class Statement:
    """A reviewer's "I reviewed exactly this": repository, head, merge-base, config sha256."""

    repository: str
    head: str
    merge_base: str
    config: str

    def text(self) -> bytes:
        """The exact bytes that are signed."""
        return (
            f"{_TITLE}\n"
            f"repository {self.repository}\n"
            f"head {self.head}\n"
            f"merge-base {self.merge_base}\n"
            f"config-sha256 {self.config}\n"
        ).encode("ascii")

    @classmethod
    def parse(cls, text: bytes) -> Statement | None:
        """The statement ``text`` is, or None when it is not exactly one (any byte off)."""
        try:
            lines = text.decode("ascii").split("\n")
        except UnicodeDecodeError:
            return None
        if len(lines) != 6 or lines[0] != _TITLE or lines[5]:
            return None
        keys = ("repository", "head", "merge-base", "config-sha256")
        values = []
        for key, line in zip(keys, lines[1:5], strict=True):
            name, _, value = line.partition(" ")
            if name != key:
                return None
            values.append(value)
        repository, head, merge_base, config = values
        if not (
            _REPOSITORY.fullmatch(repository)
            and _SHA.fullmatch(head)
            and _SHA.fullmatch(merge_base)
            and _DIGEST.fullmatch(config)
        ):
            return None
        return cls(repository, head, merge_base, config)


def repository_name(env: Mapping[str, str], url: str | None, root: Path) -> str | None:
    """``owner/name`` of the repository: GitHub's or GitLab's CI variable, else the remote URL.

    Lowercased (both platforms ignore case in these paths), without ``.git``, so a
    reviewer's clone over SSH and a CI job's over HTTPS name the same repository;
    the whole path on a host (GitLab groups nest), the last two folders of a
    local path (``../x.git`` and ``/srv/git/owner/x.git`` may be one repository).
    """
    for variable in ("GITHUB_REPOSITORY", "CI_PROJECT_PATH"):
        if env.get(variable):
            return _normal(env[variable])
    if not url:
        return None
    scheme, sep, rest = url.partition("://")
    if sep and scheme != "file":
        return _normal(rest.partition("/")[2])
    if not sep and _SCP.match(url):
        return _normal(url.partition(":")[2])
    local = os.path.normpath(root / (rest if sep else url))
    return _normal("/".join(PurePath(local).parts[-2:]))


def _normal(path: str) -> str | None:
    path = path.strip().strip("/").lower()
    path = path[: -len(".git")] if path.endswith(".git") else path
    return path if path and _REPOSITORY.fullmatch(path) else None
