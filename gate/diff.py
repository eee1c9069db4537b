"""Reading the change from git, file by file when some blobs cannot be read.

A partial clone (``--filter=blob:none``) fetches blobs lazily; when one cannot be
fetched (the remote is gone, a credential expired) ``git diff -p -M -C`` fails
as a whole (``fatal: unable to read …``) and nothing could be judged. The README
promises per-file results, so the diff is read again without the paths whose
blobs are missing here (found without fetching), and those files join the change
as ``unreadable``: each check reports them as not analysed, the rest is judged.
"""

from __future__ import annotations

from gate.change import _STATUS, FileChange, _split_raw, parse_diff
from gate.errors import GitError
from gate.git import Git, is_null_sha


def read(git: Git, old: str, new: str) -> tuple[FileChange, ...]:
    """The change ``old..new``; files whose blobs this clone cannot read are ``unreadable``."""
    try:
        return parse_diff(git.diff(old, new))
    except GitError as exc:
        try:
            missing = git.absent([old, new])
            entries, _ = _split_raw(git.diff_raw(old, new))
            lost = [e for e in entries if {e.old_blob, e.new_blob} & missing]
            skip = sorted({p for e in lost for p in (e.old_path, e.new_path)})
            # nothing missing: the same diff again, which fails the same way
            files = parse_diff(git.diff(old, new, exclude=skip))
        except GitError:
            raise exc from None
        unreadable = tuple(
            FileChange(
                status=_STATUS[e.code],
                old_path=None if e.code == "A" else e.old_path,
                new_path=None if e.code == "D" else e.new_path,
                old_blob=None if is_null_sha(e.old_blob) else e.old_blob,
                new_blob=None if is_null_sha(e.new_blob) else e.new_blob,
                old_mode=e.old_mode,
                new_mode=e.new_mode,
                similarity=None,
                binary=False,
                added=(),
                removed=(),
                unreadable=True,
            )
            for e in lost
        )
        return files + unreadable
