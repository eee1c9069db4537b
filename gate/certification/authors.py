"""Who wrote the change: every author, committer and co-author of its commits.

A reviewer who is one of them did not review someone else's work. Read from
the commits themselves (one ``git log``), addresses and names lower-cased;
a GitHub noreply address (``123+login@users.noreply.github.com``) also names
the login. Trailers are untrusted text, so they can only add authors, never
take one away: that only ever rejects more reviewers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gate.ai.commits import Commit, parse_log
from gate.ai.signals import trailers
from gate.git import Git

_ADDRESS = re.compile(r"<([^<>]*)>")
_NOREPLY = re.compile(r"^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$")
_CO_AUTHOR = ("co-authored-by", "co-developed-by")


@dataclass(frozen=True)
class Authors:
    """Addresses, names and (from noreply addresses) GitHub logins of the change's writers."""

    emails: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    logins: frozenset[str] = frozenset()

    def wrote(self, *, login: str = "", emails: Iterable[str] = (), name: str = "") -> bool:
        """Whether someone known by this login, these addresses or this name wrote a commit."""
        return (
            (bool(login) and login.lower() in self.logins)
            or any(e.lower() in self.emails for e in emails)
            or (bool(name) and name.lower() in self.names)
        )


def collect(git: Git, head: str, merge_base: str, commits: tuple[str, ...]) -> Authors:
    """The writers of ``merge_base..head``."""
    if not commits:
        return Authors()
    return of(parse_log(git.log_messages(head, merge_base), commits).values())


def of(commits: Iterable[Commit]) -> Authors:
    """The writers of these commits (pure)."""
    people: list[tuple[str, str]] = []
    for c in commits:
        people += [(c.author_name, c.author_email), (c.committer_name, c.committer_email)]
        for key, value in trailers(c.message):
            if key in _CO_AUTHOR and (m := _ADDRESS.search(value)):
                people.append((value[: m.start()].strip(), m.group(1)))
    emails = frozenset(e.strip().lower() for _, e in people if e.strip())
    return Authors(
        emails=emails,
        names=frozenset(n.lower() for n, _ in people if n),
        logins=frozenset(m.group(1) for e in emails if (m := _NOREPLY.match(e))),
    )
