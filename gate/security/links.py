"""Symbolic links: code that runs under another file's name.

``app/plugin.py`` may be a symbolic link to ``plugin_impl.txt``: ``import plugin``
runs the text file as Python, though no rule reads a ``.txt`` file. So the
target of a link whose name has a language is scanned in that language, under
the link's name: for every changed link, and for every link of the tree that
points at a changed file. A target of the link's own language needs nothing
(it is scanned as itself when it changes), nor does a link whose name has no
language, nor one to a path the repository does not have (nothing of it runs).
A link the gate cannot follow (out of the repository, through a linked folder,
more than eight links deep) is "not analysed".
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gate.change import REGULAR_MODES, FileChange
from gate.git import SYMLINK_MODE, Git, TreeEntry
from gate.security import language
from gate.security.tree import Source

_MAX_HOPS = 8
_NO_LANGUAGE = ("", "other")


@dataclass(frozen=True)
class _Link:
    """A link being followed: where it is, what it says, and whether the change touched it."""

    path: str
    lineage: str
    changed: bool
    at: str = ""  # the link of the chain being read
    text: str = ""


@dataclass(frozen=True)
class _Found:
    link: _Link
    entry: TreeEntry


def sources(git: Git, rev: str, files: Sequence[FileChange], *, base: bool) -> list[Source]:
    """The sources one side's links add: their targets, read in the links' languages."""
    changed: set[str] = set()
    links: dict[str, tuple[_Link, str]] = {}
    for f in files:
        path, mode, blob = (
            (f.old_path, f.old_mode, f.old_blob) if base else (f.new_path, f.new_mode, f.new_blob)
        )
        if path and mode in REGULAR_MODES:
            changed.add(path)
        elif path and blob and mode == SYMLINK_MODE and not (base and f.status == "copied"):
            lineage = f.old_path if f.status == "renamed" and f.old_path else path
            links[path] = (_Link(path, lineage, changed=True), blob)
    if any(_language(p) in _NO_LANGUAGE for p in changed):
        # A changed file of no language may be some link's target: every link counts.
        for entry in git.ls_tree(rev, "."):
            if entry.mode == SYMLINK_MODE and entry.path not in links:
                links[entry.path] = (_Link(entry.path, entry.path, changed=False), entry.sha)
    named = [
        (link, blob) for link, blob in links.values() if _language(link.path) not in _NO_LANGUAGE
    ]
    texts = git.cat_file([blob for _, blob in named])
    pending = [
        replace(link, at=link.path, text=_text(t))
        for (link, _), t in zip(named, texts, strict=True)
    ]
    found, problems = _follow(git, rev, pending)
    kept = [
        f
        for f in found
        if (f.link.changed or f.entry.path in changed)
        and _language(f.entry.path) != _language(f.link.path)
    ]
    contents = git.cat_file([f.entry.sha for f in kept])
    return problems + [
        Source(
            f.entry.path,
            f"{f.link.lineage} -> {f.entry.path}",
            content,
            executable=f.entry.mode == "100755",
            name=f.link.path,
        )
        for f, content in zip(kept, contents, strict=True)
    ]


def _follow(git: Git, rev: str, pending: list[_Link]) -> tuple[list[_Found], list[Source]]:
    """Follow each link to a file, one batch of tree lookups per hop."""
    found: list[_Found] = []
    problems: list[tuple[_Link, Source]] = []
    for _ in range(_MAX_HOPS):
        steps = {link.path: _step(link) for link in pending}
        entries = git.entries(rev, sorted({t for t in steps.values() if t}))
        hops = []
        for link in pending:
            target = steps[link.path]
            entry = entries.get(target) if target else None
            if target is None:
                problems.append(_problem(link, "outside the repository"))
            elif entry is None:
                if _through_a_link(git, rev, target):
                    problems.append(_problem(link, "through a linked folder"))
            elif entry.mode == SYMLINK_MODE:
                hops.append((link, entry))
            elif entry.kind == "blob":
                found.append(_Found(link, entry))
        texts = git.cat_file([entry.sha for _, entry in hops])
        pending = [
            replace(link, at=entry.path, text=_text(text))
            for (link, entry), text in zip(hops, texts, strict=True)
        ]
    problems += [_problem(link, f"more than {_MAX_HOPS} links deep") for link in pending]
    # A link the change did not touch is not the change's to explain.
    return found, [problem for link, problem in problems if link.changed]


def _language(path: str) -> str:
    return language.detect(path, b"").name


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", "surrogateescape")


def _step(link: _Link) -> str | None:
    """The repository path ``link.text`` names, read from ``link.at``; None outside it."""
    if link.text.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(link.at), link.text))
    return None if target == ".." or target.startswith("../") else target


def _through_a_link(git: Git, rev: str, target: str) -> bool:
    parts = target.split("/")
    folders = ["/".join(parts[:i]) for i in range(1, len(parts))]
    return (
        any(e.mode == SYMLINK_MODE for e in git.entries(rev, folders).values())
        if folders
        else False
    )


def _problem(link: _Link, where: str) -> tuple[_Link, Source]:
    """A stub that makes an unfollowable link with a language "not analysed"."""
    reason = f"it is a symbolic link to {link.text!r}, {where}; the gate cannot read what it runs"
    return link, Source(link.path, link.lineage, b"", problem=reason)
