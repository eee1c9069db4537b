"""The values a run produces: a finding's defaults and its fingerprint."""

from __future__ import annotations

import pytest

from gate.result import Finding, Severity, fingerprint


def test_a_finding_is_identified_by_its_check_and_rule_by_default() -> None:
    found = Finding.of("size", "max-files", "60 files changed")
    assert found == Finding(
        check="size",
        rule="max-files",
        path="",
        line=None,
        message="60 files changed",
        severity="error",
        fingerprint=fingerprint("size", "max-files"),
        blocking=True,
    )


def test_the_identity_decides_the_fingerprint_and_the_line_never_does() -> None:
    one = Finding.of("c", "r", "m", identity=("r", "a.py", "f"), path="a.py", line=3)
    moved = Finding.of("c", "r", "other words", identity=("r", "a.py", "f"), path="a.py", line=9)
    other = Finding.of("c", "r", "m", identity=("r", "a.py", "g"), path="a.py", line=3)
    assert one.fingerprint == moved.fingerprint == fingerprint("c", "r", "a.py", "f")
    assert other.fingerprint != one.fingerprint


@pytest.mark.parametrize(
    ("severity", "blocking", "expected"),
    [
        pytest.param("error", None, True, id="an-error-blocks"),
        pytest.param("warning", None, False, id="a-warning-does-not"),
        pytest.param("info", None, False, id="nor-information"),
        pytest.param("warning", True, True, id="unless-told-to"),
    ],
)
def test_blocking_follows_the_severity_unless_given(
    severity: Severity, blocking: bool | None, expected: bool
) -> None:
    assert Finding.of("c", "r", "m", severity=severity, blocking=blocking).blocking is expected


def test_fingerprint_keeps_undecodable_path_bytes_apart() -> None:
    # Paths keep non-UTF-8 bytes as surrogates; two such paths must not collide.
    assert fingerprint("c", "caf\udce9.py") != fingerprint("c", "caf\udce8.py")
    assert len(fingerprint("c")) == 32
