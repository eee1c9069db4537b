"""What "preexisting" means for the AI share: moved or re-indented, never merely equal.

The question is who wrote the lines this change brings in. ``git blame -w -M -C``
traces a line to older code whenever an identical line exists there: brand-new
boilerplate (``default=True,`` in a new argparse option) matches an older,
untouched ``default=True,`` and would drop out of the count, and so would code
copied from a file the same commit edits. So a line blame traces to before the
range stays preexisting only when the change **removed** that text (whitespace
aside) somewhere, in this file or another: it was moved, or only re-indented.
Every other such line is new: it is blamed again without move and copy
detection, which names the commit in the range that wrote it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from gate.ai.blame import BlameEntry, parse
from gate.change import FileChange
from gate.git import Git


def key(line: bytes) -> bytes:
    """A line as ``-w`` compares it: without any whitespace."""
    return b"".join(line.split())


def refine(
    git: Git,
    entries: Sequence[tuple[BlameEntry, ...]],
    *,
    change_files: Sequence[FileChange],
    blamed: Sequence[FileChange],
    range_commits: Collection[str],
    bounds: tuple[str, str],
) -> list[tuple[BlameEntry, ...]]:
    """``entries`` (one tuple per file of ``blamed``) with the lines traced before the range
    that the change did not remove re-blamed to the commit in the range that wrote them."""
    suspects = [
        i for i, found in enumerate(entries) if any(e.sha not in range_commits for e in found)
    ]
    if not suspects:
        return list(entries)
    removed = _removed(git, change_files)
    heads = git.cat_file([str(blamed[i].new_blob) for i in suspects])
    result = list(entries)
    again: list[tuple[int, list[int]]] = []
    for i, head in zip(suspects, heads, strict=True):
        text = (head or b"").split(b"\n")
        new_lines: list[int] = []
        for e in entries[i]:
            if e.sha in range_commits:
                continue
            for line in range(e.final_line, e.final_line + e.count):
                k = key(text[line - 1]) if line <= len(text) else b""
                if removed[k] > 0:
                    removed[k] -= 1  # moved here (or re-indented): preexisting
                else:
                    new_lines.append(line)
        if new_lines:
            again.append((i, new_lines))
    outs = git.blame_unmoved(*bounds, [(blamed[i].path, _spans(new)) for i, new in again])
    for (i, new_lines), out in zip(again, outs, strict=True):
        result[i] = _replaced(entries[i], new_lines, parse(out, blamed[i].path))
    return result


def _removed(git: Git, files: Sequence[FileChange]) -> Counter[bytes]:
    """The text of every line the change removes, in any file, whitespace aside."""
    sides = [f for f in files if f.removed and f.old_blob and not f.binary]
    blobs = git.cat_file([str(f.old_blob) for f in sides])
    found: Counter[bytes] = Counter()
    for f, blob in zip(sides, blobs, strict=True):
        lines = (blob or b"").split(b"\n")
        for r in f.removed:
            found.update(key(ln) for ln in lines[r.start - 1 : r.start - 1 + r.count])
    return found


def _replaced(
    entries: tuple[BlameEntry, ...], lines: list[int], again: tuple[BlameEntry, ...]
) -> tuple[BlameEntry, ...]:
    """The file's entries with ``lines`` replaced by ``again`` (blamed without moves)."""
    wanted = set(lines)
    kept = [_cut(e, wanted) for e in entries]
    return tuple(p for part in kept for p in part) + again


def _cut(e: BlameEntry, wanted: set[int]) -> list[BlameEntry]:
    """``e`` without the lines in ``wanted`` (split into runs)."""
    runs: list[BlameEntry] = []
    start = None
    for offset in range(e.count + 1):
        line = e.final_line + offset
        keep = offset < e.count and line not in wanted
        if keep and start is None:
            start = offset
        elif not keep and start is not None:
            runs.append(
                BlameEntry(
                    e.sha, e.orig_line + start, e.final_line + start, offset - start, e.orig_path
                )
            )
            start = None
    return runs


def _spans(lines: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line in sorted(lines):
        if spans and spans[-1][1] == line - 1:
            spans[-1] = (spans[-1][0], line)
        else:
            spans.append((line, line))
    return spans
