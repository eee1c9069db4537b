"""Threat: one NUL byte makes a source file "binary", and its lines vanish from the gate."""

from __future__ import annotations

from typing import Any

import pytest

from gate.change import Change, FileChange
from gate.config import Config
from gate.engine import run_check
from gate.git import Git
from gate.inputs import Inputs
from gate.size.check import SizeCheck
from tests.gitrepo import GitRepo
from tests.run import report


def c_file(n: int, nul_at: int | None = 3) -> bytes:
    """``n`` lines of C, one comment holding a NUL byte."""
    rows = [b"int f%d(int x) { return x + %d; }" % (i, i) for i in range(n)]
    if nul_at is not None:
        rows[nul_at] = b"/* \0 */"
    return b"\n".join(rows) + b"\n"


def _start(repo: GitRepo, files: dict[str, str | bytes | None] | None = None) -> None:
    repo.commit("base", {"README": "x\n", **(files or {})})
    repo.branch("feature")


def _size(repo: GitRepo, code: int) -> dict[str, Any]:
    run, data = report(repo.path, "--base", "main")
    assert run.code == code, run.stdout
    size: dict[str, Any] = data["checks"]["size"]
    return size


def _rules(size: dict[str, Any]) -> list[tuple[str, str, bool]]:
    return [(f["rule"], f["path"], f["blocking"]) for f in size["findings"]]


def test_a_nul_byte_does_not_hide_a_source_files_lines(repo: GitRepo) -> None:
    _start(repo)
    repo.commit("add", {"src/app.c": c_file(2000)})
    size = _size(repo, code=1)
    assert size["metrics"]["lines_added"] == 2000
    assert size["metrics"]["binary_sources"] == 1
    assert _rules(size) == [
        ("max-changed-lines", "", True),
        ("binary-source", "src/app.c", True),
    ]
    finding = size["findings"][1]
    assert (
        "src/app.c: a .c file that git calls binary (a NUL byte at byte 99)" in finding["message"]
    )


@pytest.mark.parametrize(
    ("base", "head", "lines", "blocking"),
    [
        pytest.param(
            {"app.c": c_file(100, None)},
            {"app.c": c_file(150, 3)},
            (51, 1),
            True,
            id="edited-to-hold-a-nul",
        ),
        pytest.param(
            {},
            {"deploy": b"#!/bin/sh\necho hi\n\0\nrm -rf /tmp/x\n"},
            (4, 0),
            True,
            id="a-script-by-its-shebang",
        ),
        pytest.param(
            {},
            {"tool.v2": b"#!/usr/bin/env python3\n\0\n"},
            (2, 0),
            True,
            id="shebang-with-an-unknown-suffix",
        ),
        pytest.param(
            {},
            {"lib.js": b"\xff\xfe\0\x01\x02\n\x89\n"},
            (2, 0),
            False,
            id="not-text-either-a-warning",
        ),
    ],
)
def test_variants(
    repo: GitRepo,
    base: dict[str, str | bytes | None],
    head: dict[str, str | bytes | None],
    lines: tuple[int, int],
    blocking: bool,
) -> None:
    _start(repo, base)
    repo.commit("change", head)
    size = _size(repo, code=1 if blocking else 0)
    m = size["metrics"]
    assert (m["lines_added"], m["lines_removed"]) == lines
    (path,) = head
    assert ("binary-source", path, blocking) in _rules(size)


def test_an_image_is_still_a_binary_file_without_lines(repo: GitRepo) -> None:
    _start(repo)
    repo.commit("add", {"logo.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200)})
    size = _size(repo, code=0)
    assert (size["metrics"]["binary_files"], size["metrics"]["lines_added"]) == (1, 0)
    assert size["findings"] == []


def test_a_deleted_binary_source_counts_its_removed_lines(repo: GitRepo) -> None:
    _start(repo, {"old.c": c_file(30)})
    repo.commit("drop", {"old.c": None})
    size = _size(repo, code=0)
    assert (size["metrics"]["lines_added"], size["metrics"]["lines_removed"]) == (0, 30)
    assert size["findings"] == []


def test_warn_makes_it_a_warning_and_the_lines_still_count(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": '[size]\nbinary_source = "warn"\n'})
    repo.branch("feature")
    repo.commit("add", {"app.c": c_file(20)})
    size = _size(repo, code=0)
    assert size["metrics"]["lines_added"] == 20
    assert _rules(size) == [("binary-source", "app.c", False)]
    assert size["findings"][0]["severity"] == "warning"


@pytest.mark.parametrize(
    ("path", "error"),
    [
        pytest.param("big.dat", False, id="data-left-out-by-a-partial-clone"),
        pytest.param("app.c", True, id="source-is-an-error"),
    ],
)
def test_a_binary_blob_missing_from_the_clone(repo: GitRepo, path: str, error: bool) -> None:
    sha = repo.commit("base", {"a": "x\n"})
    missing = "0123456789abcdef" * 2 + "01234567"
    f = FileChange("added", None, path, None, missing, "000000", "100644", None, True, (), ())
    inputs = Inputs(Git(repo.path), Change(sha, sha, sha, (f,)), Config(), {}, (), {})
    result = run_check(SizeCheck(), inputs)
    assert result.status == ("error" if error else "pass")
    if error:
        assert f"{path}: its blob is missing from this clone" in result.findings[0].message


def test_removing_the_nul_is_not_reported_and_the_lines_count(repo: GitRepo) -> None:
    _start(repo, {"app.c": c_file(40)})
    repo.commit("fix", {"app.c": c_file(40, None)})
    size = _size(repo, code=0)
    assert (size["metrics"]["lines_added"], size["metrics"]["lines_removed"]) == (1, 1)
    assert size["findings"] == []


def test_an_exact_copy_of_a_binary_source_is_reported(repo: GitRepo) -> None:
    _start(repo, {"a.c": c_file(30)})
    repo.commit("copy", {"a.c": c_file(30) + b"int g;\n", "b.c": c_file(30)})
    size = _size(repo, code=1)
    assert ("binary-source", "b.c", True) in _rules(size)
    assert (size["metrics"]["lines_added"], size["metrics"]["lines_removed"]) == (31, 0)
