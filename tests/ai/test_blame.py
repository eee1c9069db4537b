"""Parsing ``git blame --incremental`` output: entries and C-quoted paths."""

from __future__ import annotations

import pytest

from gate.ai.blame import BlameEntry, parse
from gate.errors import GitError
from gate.text import unquote

SHA = "a" * 40


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"plain name.py", b"plain name.py", id="plain"),
        pytest.param(b'"tab\\there.py"', b"tab\there.py", id="tab"),
        pytest.param(b'"caf\\303\\251.py"', "café".encode() + b".py", id="octal"),
        pytest.param(b'"q\\"uote\\\\.py"', b'q"uote\\.py', id="quote-backslash"),
        pytest.param(b'"a\\a\\b\\v\\f\\r\\n"', b"a\a\b\v\f\r\n", id="controls"),
        pytest.param(b'"x\\12"', b"x12", id="short-octal"),
        pytest.param(b'"', b'"', id="lone-quote"),
    ],
)
def test_unquote(raw: bytes, expected: bytes) -> None:
    assert unquote(raw) == expected


def test_parse_blame_entries() -> None:
    out = (
        f"{SHA} 4 1 2\nauthor A\nboundary\nprevious {'b' * 40} old.py\nfilename new.py\n"
        f'{"c" * 64} 1 3 1\nfilename "sp\\303\\251cial\\n.py"\n\n'
    ).encode()
    assert parse(out, "new.py") == (
        BlameEntry(SHA, 4, 1, 2, "new.py"),
        BlameEntry("c" * 64, 1, 3, 1, "spécial\n.py"),
    )


@pytest.mark.parametrize(
    ("out", "message"),
    [
        pytest.param(b"garbage\n", r"unexpected git blame output for a\\n\.py: b'garbage'", id="x"),
        pytest.param(f"{SHA} 1 1 1\nauthor A\n".encode(), "an entry has no filename", id="cut"),
    ],
)
def test_unexpected_blame_output(out: bytes, message: str) -> None:
    with pytest.raises(GitError, match=message):
        parse(out, "a\n.py")
