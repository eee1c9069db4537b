"""Moved lines: the added lines a commit took from the lines it removed (pure).

A line keeps its origin when the same commit removed it, from this file or another,
and the run of consecutive lines it moved with carries enough text: at least
:data:`MIN_ALNUM` alphanumeric characters, blame's own threshold for ``-M``/``-C``
(so a lone ``}`` or a blank line is never "moved"). Lines compare by their
whitespace-free text, as ``-w`` compares them.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_ALNUM = 20  # git blame's BLAME_DEFAULT_MOVE_SCORE
_CANDIDATES = 64  # removed places tried per added line: common lines ("}") have thousands

_ALNUM = bytes(range(ord("0"), ord("9") + 1)) + bytes(range(ord("A"), ord("Z") + 1))
_ALNUM += bytes(range(ord("a"), ord("z") + 1))
_NOT_ALNUM = bytes(b for b in range(256) if b not in _ALNUM)


WHITESPACE = b" \t\n\r\x0b\x0c"  # what -w ignores (git's isspace)


def normal(line: bytes) -> bytes:
    """The line without any whitespace: what ``-w`` compares."""
    return line.translate(None, WHITESPACE)


def digest(line: bytes) -> int:
    """The line's whitespace-free text, hashed (lines compare by it)."""
    return hash(line.translate(None, WHITESPACE))


def weight(line: bytes) -> int:
    """Alphanumeric characters of the line (ASCII, as git counts them)."""
    return len(line.translate(None, _NOT_ALNUM))


def match(
    removed: Sequence[int], runs: Sequence[Sequence[int]], weights: Sequence[Sequence[int]]
) -> list[list[int]]:
    """For each added line of each run (digests), the index of the removed line it moved
    from, or -1 when it is new. ``weights`` parallel ``runs``; each removed line is used once.
    """
    where: dict[int, list[int]] = {}
    for j, digest in enumerate(removed):
        where.setdefault(digest, []).append(j)
    used = bytearray(len(removed))
    result = []
    for run, weight_of in zip(runs, weights, strict=True):
        found = [-1] * len(run)
        i = 0
        while i < len(run):
            size, start = _longest(run, i, removed, where.get(run[i], ()), used)
            if size and sum(weight_of[i : i + size]) >= MIN_ALNUM:
                for k in range(size):
                    found[i + k] = start + k
                    used[start + k] = 1
                i += size
            else:
                i += 1
        result.append(found)
    return result


def _longest(
    run: Sequence[int], i: int, removed: Sequence[int], places: Sequence[int], used: bytearray
) -> tuple[int, int]:
    best = (0, -1)
    tried = 0
    for j in places:
        if used[j]:
            continue
        tried += 1
        if tried > _CANDIDATES:
            break
        k = 0
        while (
            i + k < len(run)
            and j + k < len(removed)
            and not used[j + k]
            and removed[j + k] == run[i + k]
        ):
            k += 1
        if k > best[0]:
            best = (k, j)
    return best
