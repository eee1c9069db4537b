"""The only package that runs git.

Every call passes bytes through unchanged (callers parse ``-z`` output, so any
path survives) and asks for what a whole range needs in a handful of processes.
One module per concern, each adding the commands it needs to :class:`Git`:
:mod:`~gate.git.process` (how git runs), :mod:`~gate.git.revisions` (the commit
graph), :mod:`~gate.git.remotes` (fetching), :mod:`~gate.git.objects` (blobs,
trees, attributes), :mod:`~gate.git.lines` (diff), :mod:`~gate.git.log`
(messages, notes), :mod:`~gate.git.notes` (one commit's note under a ref of the
gate's own), :mod:`~gate.git.settings` (git's configuration),
:mod:`~gate.git.stream` (a whole history streamed forward, for ``gate history``),
:mod:`~gate.git.refs` (branch names, hooks).
"""

from __future__ import annotations

from dataclasses import dataclass

from gate.git.lines import Lines
from gate.git.log import LOG_FIELDS, LOG_FORMAT, Log
from gate.git.notes import Notes
from gate.git.objects import SYMLINK_MODE, Objects, TreeEntry, is_null_sha
from gate.git.refs import Refs
from gate.git.remotes import Remotes
from gate.git.revisions import Revisions
from gate.git.settings import Settings
from gate.git.stream import Stream

__all__ = ["LOG_FIELDS", "LOG_FORMAT", "SYMLINK_MODE", "Git", "TreeEntry", "is_null_sha"]


@dataclass(frozen=True)
class Git(Revisions, Remotes, Objects, Lines, Log, Notes, Settings, Stream, Refs):
    """A repository's work tree root, and every git command the gate runs in it."""
