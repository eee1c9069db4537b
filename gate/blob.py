"""What a blob's bytes are before a check reads them as source: a stand-in, or binary.

The complexity and the security checks both refuse to judge a Git LFS pointer
(what the repository holds in place of the file), and the security check does
not scan binary content; both decide it here, the same way.
"""

from __future__ import annotations

# Every git-lfs pointer starts so ("spec/v1" today; the prefix outlives versions).
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
# git looks for a NUL in this many leading bytes to call a file binary.
BINARY_PROBE = 8000


def is_lfs_pointer(data: bytes) -> bool:
    """A Git LFS pointer, not the file's content."""
    return data.startswith(LFS_POINTER)


def is_binary(data: bytes) -> bool:
    """Binary by git's own test: a NUL byte in the first 8,000 bytes."""
    return b"\0" in data[:BINARY_PROBE]
