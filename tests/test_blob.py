"""What a blob's bytes are before a check reads them: an LFS pointer, binary content."""

from __future__ import annotations

import pytest

from gate.blob import is_binary, is_lfs_pointer

POINTER = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"0" * 64 + b"\nsize 9\n"


@pytest.mark.parametrize(
    ("data", "pointer"),
    [
        pytest.param(POINTER, True, id="pointer"),
        pytest.param(b"# version https://git-lfs.github.com/spec/v1\n", False, id="a-comment"),
        pytest.param(b"x = 1\n" + POINTER, False, id="not-at-the-start"),
        pytest.param(b"", False, id="empty"),
    ],
)
def test_lfs_pointer(data: bytes, pointer: bool) -> None:
    assert is_lfs_pointer(data) is pointer


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", True, id="png"),
        pytest.param(b"x" * 7999 + b"\0", True, id="nul-at-the-last-probed-byte"),
        pytest.param(b"x" * 8000 + b"\0", False, id="nul-past-the-probe"),
        pytest.param("café\n".encode("latin-1"), False, id="not-utf8-is-still-text"),
    ],
)
def test_binary_by_gits_test(data: bytes, binary: bool) -> None:
    assert is_binary(data) is binary
