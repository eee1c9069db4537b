"""Which base files the security check scans: only those that can change its answer (pure).

A head finding is new unless the base has the same one, and a base finding is
fixed unless head has it; so the base is scanned in two waves.

With head, at once: every file that lost lines (deleted, or a line removed or
rewritten: its findings give the "fixed" list, and the cross-file "moved"
matches need the code the change took away), plus what costs nothing to scan
(empty stand-ins for binary, missing or oversized files, files of no known
language, link targets) and whose report says what the base could not analyse.

After head: the base version of every other file whose head version has a
finding, suppressed or not, or was parsed only in part (a partly parsed file is
judged against its base's skipped lines, :mod:`gate.security.partial`). When
those other files are few bytes, they are all scanned with head instead and
only the findings of these are kept: the same answer without a second wave.

Nothing else can change the answer. A file that only gained lines still holds,
at head, every line its base had: none of its code was moved away, so none can
be the origin of a "moved" match, and a head finding elsewhere that copies it
is new, as every copy is. Its head findings are all compared with its base's
(the second wave). What it does not tell is a base finding that lines added
around it neutralised (a sanitizer added to a taint rule's path, a
``pattern-not-inside`` block wrapped around it) with no head finding left in
the file: that "fixed" is not listed. Fixed findings are informational and never
block, and such a file's head holds the same code. Likewise a base version
semgrep could not analyse is reported only for a scanned file, where it can
matter.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from gate.change import FileChange
from gate.security.tree import Target

# Statuses whose base file does not survive at head as it was, lines or no lines.
_GONE = ("deleted", "typechange")
# Base files left for the second wave, up to this many bytes in all, are scanned in the
# first (their findings kept only where the second would have scanned): a second wave
# waits for head and costs a semgrep start, in which semgrep scans about this much.
AHEAD_BYTES = 512 * 1024


def first(targets: Sequence[Target], files: Iterable[FileChange]) -> tuple[Target, ...]:
    """The base targets scanned with head: files that lost lines, and those that cost nothing."""
    lost = {
        f.old_path
        for f in files
        if f.old_path is not None and (f.removed or f.binary or f.unreadable or f.status in _GONE)
    }
    return tuple(
        t
        for t in targets
        if t.source.path in lost
        or t.stub is not None
        or t.source.name is not None
        or t.unknown is not None
        or t.guessed
    )


def ahead(targets: Sequence[Target], scanned: Collection[str]) -> tuple[Target, ...]:
    """The base targets not ``scanned`` (tree paths) to scan with head: all when they are few
    bytes (:data:`AHEAD_BYTES`), else none."""
    rest = tuple(t for t in targets if t.tree_path not in scanned)
    return rest if sum(len(t.text) for t in rest) <= AHEAD_BYTES else ()


def second(
    targets: Sequence[Target], scanned: Collection[str], wanted: Collection[str]
) -> tuple[Target, ...]:
    """The base targets not ``scanned`` (tree paths) whose lineage is ``wanted`` (head found or
    skipped something there)."""
    return tuple(t for t in targets if t.tree_path not in scanned and t.source.lineage in wanted)
