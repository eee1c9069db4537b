"""A CODEOWNERS file, read from the trusted revision: who owns which paths.

The syntax GitHub and GitLab share: ``pattern owner...`` per line, ``#``
comments, the last matching line wins, a line with no owners un-owns. Patterns
are gitignore-like: a leading ``/`` (or a ``/`` inside) anchors to the root, a
name alone matches at any depth, a trailing ``/`` means everything below.
GitLab's ``[Section]`` headers are read as comments.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcmatch import glob

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
_FLAGS = glob.GLOBSTAR | glob.DOTGLOB | glob.BRACE


@dataclass(frozen=True)
class Line:
    """One rule: the pattern as written, the glob it means, and its owners."""

    pattern: str
    glob: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class CodeOwners:
    """The parsed file and where it came from."""

    where: str
    lines: tuple[Line, ...]

    def owners(self, path: str) -> tuple[str, ...]:
        """The owners of ``path``: the last matching line's (none when it names none)."""
        for line in reversed(self.lines):
            if glob.globmatch(path, line.glob, flags=_FLAGS):
                return line.owners
        return ()


def parse(text: str, where: str) -> CodeOwners:
    """The rules of a CODEOWNERS file; lines that are not rules are skipped."""
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "[", "^[")):
            continue
        pattern, *owners = stripped.split()
        lines.append(Line(pattern, _glob(pattern), tuple(o.lower() for o in owners)))
    return CodeOwners(where, tuple(lines))


def _glob(pattern: str) -> str:
    body = pattern.lstrip("/")
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    if body.endswith("/"):
        body += "**"
    elif body and not body.endswith("**"):
        body = f"{body}{{,/**}}"  # a name also owns everything below it, as a folder
    return body if anchored else f"**/{body}"
