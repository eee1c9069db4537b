"""The remote's git-ai notes: fetched or not, and whether what the remote holds was read.

Clones do not fetch ``refs/notes/ai``. Without the notes, every line they attest
as AI counts as human: the share reads 0% where the truth is 100%, certification
is not required, and the change passes silently. So in CI (GitHub Actions, GitLab
CI) the gate fetches them by default when the remote has them (one ``ls-remote``;
``--no-fetch-notes`` opts out). Outside CI it fetches only with ``--fetch-notes``,
but it asks the remote all the same and says when the remote holds notes this
clone has not read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.ai.notes import AI_REF, REFS, REMOTE_REF
from gate.errors import GitError
from gate.git import Git
from gate.text import visible

# The variables the two platforms set in every job (documented, always "true").
CI_PLATFORMS = (("GITHUB_ACTIONS", "GitHub Actions"), ("GITLAB_CI", "GitLab CI"))
OPT_OUT = "--no-fetch-notes"


@dataclass(frozen=True)
class NotesSource:
    """Where this run's notes came from.

    ``asked`` says who chose (``--fetch-notes``, ``--no-fetch-notes``, the CI
    default, the local default); ``remote_has`` is None when the remote was not
    asked (no remote, opted out, or it could not be read: ``problem``).
    """

    asked: str
    remote: str | None = None
    remote_has: bool | None = None
    fetched: bool = False
    unread: bool = False
    problem: str | None = None

    @property
    def read(self) -> bool:
        """Whether every note the remote holds was read (True when it holds none)."""
        return self.remote_has is False or (self.remote_has is True and not self.unread)

    def sentence(self) -> str:
        """One line for the reports: whether the remote's notes were read, and why."""
        remote = visible(self.remote or "")
        if self.remote_has is None:
            return f"local notes only ({self._unasked()})"
        if not self.remote_has:
            return f"{remote} has no {AI_REF}; local notes read"
        if self.fetched:
            return f"{remote}'s {AI_REF} fetched and read ({self.asked})"
        if self.unread:
            return (
                f"{remote} has {AI_REF} that this run did NOT read ({self.asked}): the lines "
                "they attest count as human; pass --fetch-notes"
            )
        return f"{remote}'s {AI_REF} is already in this clone and was read"

    def _unasked(self) -> str:
        if self.asked == OPT_OUT:
            return f"{OPT_OUT}: the remote was not asked"
        if self.remote is None:
            return f"no remote; {self.asked}"
        return f"could not ask {visible(self.remote)} for {AI_REF}: {self.problem}"


def platform(env: Mapping[str, str]) -> str | None:
    """The CI platform running the gate (GitHub Actions, GitLab CI), None outside CI."""
    return next((name for var, name in CI_PLATFORMS if env.get(var) == "true"), None)


def settle(git: Git, flag: bool | None, env: Mapping[str, str]) -> NotesSource:
    """Fetch the remote's notes when asked (``flag``) or in CI by default; say what was read.

    ``flag`` is ``--fetch-notes`` (True), ``--no-fetch-notes`` (False) or neither
    (None). A remote that cannot be read is an error when the notes were to be
    fetched (the AI share would be computed without them), a remark otherwise.
    """
    if flag is False:
        return NotesSource(OPT_OUT)
    ci = platform(env)
    fetch = flag is True or ci is not None
    asked = "--fetch-notes" if flag else f"default in {ci}" if ci else "default outside CI"
    remote = git.remote()
    if remote is None:
        if flag:
            raise GitError(f"--fetch-notes: this repository has no remote to fetch {AI_REF} from")
        return NotesSource(asked)
    try:
        sha = git.remote_ref(remote, AI_REF)
    except GitError as exc:
        if fetch:
            raise GitError(
                f"{exc}: cannot tell whether the remote has git-ai notes ({asked}); "
                "pass --no-fetch-notes to measure without them"
            ) from exc
        return NotesSource(asked, remote, problem=str(exc))
    if sha is None:
        return NotesSource(asked, remote, remote_has=False)
    if fetch:
        git.fetch_ref(remote, AI_REF, REMOTE_REF)
        return NotesSource(asked, remote, remote_has=True, fetched=True)
    unread = not any(git.contains(ref, sha) for ref in REFS)
    return NotesSource(asked, remote, remote_has=True, unread=unread)
