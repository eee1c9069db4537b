"""The ``git log -p`` parser on output git would not give for a real repository."""

from __future__ import annotations

import pytest

from gate.errors import GitError
from gate.lineage import patches

SHA = b"a" * 40


def parse(*lines: bytes) -> list[patches.CommitPatch]:
    return list(patches.parse(iter(line + b"\n" for line in lines)))


def test_a_hunk_line_that_looks_like_a_header_is_content() -> None:
    (commit,) = parse(
        b"\0" + SHA, b"", b"diff --git a/f b/f", b"--- a/f", b"+++ b/f",
        b"@@ -1 +1,2 @@", b"---- a/x", b"+++ b/y", b"+diff --git a/z b/z",
        b"\\ No newline at end of file",
    )  # fmt: skip
    (f,) = commit.files
    assert f.hunks[0].old_count == 1
    assert f.hunks[0].added == [b"++ b/y", b"diff --git a/z b/z"]


def test_a_missing_newline_inside_a_hunk() -> None:
    (commit,) = parse(
        b"\0" + SHA, b"diff --git a/f b/f", b"@@ -1 +1 @@", b"-a", b"\\ No newline at end of file",
        b"+b",
    )  # fmt: skip
    assert commit.files[0].hunks[0].added == [b"b"]


def test_quoted_and_spaced_paths() -> None:
    (commit,) = parse(
        b"\0" + SHA, b"", b'diff --git "a/caf\\303\\251 x" "b/caf\\303\\251 x"',
        b"diff --git a/with space b/with space", b"new mode 120000",
    )  # fmt: skip
    assert [(f.old, f.new, f.skipped) for f in commit.files] == [
        ("caf\u00e9 x", "caf\u00e9 x", False),
        ("with space", "with space", True),
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        pytest.param((b"diff --git a/f b/f",), "before any commit", id="no-commit"),
        pytest.param(
            (b"\0" + SHA, b"diff --git a/f b/f", b"@@ nonsense"), "hunk header", id="hunk"
        ),
        pytest.param(
            (b"\0" + SHA, b"diff --git a/f b/f", b"@@ -1 +1 @@", b" context"),
            "unexpected line",
            id="context",
        ),
        pytest.param(
            (b"\0" + SHA, b"diff --git a/f b/f", b"@@ -1,2 +1 @@", b"-a"),
            "unexpected line",
            id="cut-short",
        ),
    ],
)
def test_output_out_of_shape_is_an_error(lines: tuple[bytes, ...], message: str) -> None:
    with pytest.raises(GitError, match=message):
        parse(*lines)


def test_the_new_blob_is_read_from_the_index_line() -> None:
    (commit,) = parse(b"\0" + SHA, b"diff --git a/f b/f", b"index " + b"1" * 40 + b".." + b"2" * 40)
    assert commit.files[0].blob == "2" * 40


def test_no_output_is_no_commit() -> None:
    assert parse() == []
