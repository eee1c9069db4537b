"""What a review source proved: who approved the head being judged, and who did not count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal["github", "gitlab", "signature"]


@dataclass(frozen=True)
class Approval:
    """An approval that counts: an eligible person approved exactly this head.

    ``who`` is a platform login or a signer's principal (an email); ``teams``
    the groups the source found them in (for rules that name reviewers).
    """

    who: str
    source: Source
    teams: tuple[str, ...] = ()
    # Other names of the same person (a GitHub login's public address), so that one
    # reviewer who approves and also signs is counted once.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejected:
    """A review that does not count, and why in a few words (stale sha, self-review, ...)."""

    who: str
    source: Source
    reason: str


@dataclass(frozen=True)
class Evidence:
    """Everything one source said about the change."""

    source: Source
    approvals: tuple[Approval, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    author: str = ""  # the PR/MR author, where the source has one
    notes: tuple[str, ...] = ()  # facts a reviewer should know (approvals not reset on push)
