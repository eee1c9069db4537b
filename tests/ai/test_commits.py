"""Parsing the range's ``git log -z`` records into commits."""

from __future__ import annotations

import pytest

from gate.ai.commits import parse_log
from gate.errors import GitError

SHA = "a" * 40


def record(sha: str, message: bytes = b"m") -> bytes:
    return sha.encode() + b"\0\0Dev\0dev@x\0Dev\0dev@x\0" + message + b"\0"


def test_parse_log_checks_the_shape_and_the_commits() -> None:
    assert parse_log(b"", ()) == {}
    parsed = parse_log(record(SHA, b"subject\n\nbody \xff"), [SHA])
    assert parsed[SHA].subject == "subject"
    assert parsed[SHA].message.endswith("\udcff")  # an undecodable byte kept, shown escaped
    with pytest.raises(GitError, match="the fields do not divide into commits"):
        parse_log(record(SHA)[:-3], [SHA])
    with pytest.raises(GitError, match="'zzz' is not a commit id"):
        parse_log(record("zzz"), [SHA])
    with pytest.raises(GitError, match="git log listed 1 commits where the range has 2"):
        parse_log(record(SHA), [SHA, "b" * 40])
