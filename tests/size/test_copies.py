"""Threat: a copy of a file the change also edits arrives whole, so it counts whole."""

from __future__ import annotations

from typing import Any

import pytest

from gate.change import Change, FileChange
from gate.config import Config
from gate.engine import run_check
from gate.git import Git
from gate.inputs import Inputs
from gate.size.check import SizeCheck
from tests.complexity.test_check import branches
from tests.gitrepo import GitRepo, lines
from tests.run import report


def _gate(repo: GitRepo, code: int | None = None) -> dict[str, Any]:
    run, data = report(repo.path, "--base", "main")
    if code is not None:
        assert run.code == code, run.stdout
    return data


def _size(repo: GitRepo) -> dict[str, Any]:
    metrics: dict[str, Any] = _gate(repo)["checks"]["size"]["metrics"]
    return metrics


def _start(repo: GitRepo, files: dict[str, str | bytes]) -> None:
    repo.commit("base", files)
    repo.branch("feature")


def test_a_copy_counts_every_line_it_brings_in(repo: GitRepo) -> None:
    body = lines(500, "code")
    _start(repo, {"a.py": body})
    repo.commit("copy", {"a.py": body.replace("# code 1\n", "# edited\n"), "b.py": body})
    data = _gate(repo, code=1)
    size = data["checks"]["size"]
    assert size["metrics"]["copied_files"] == 1
    assert (size["metrics"]["lines_added"], size["metrics"]["lines_removed"]) == (501, 1)
    assert [f["rule"] for f in size["findings"]] == ["max-changed-lines"]


@pytest.mark.parametrize(
    ("head", "counted"),
    [
        pytest.param(
            {"b.py": lines(200, "code") + "# one more\n"}, (202, 1), id="a-copy-with-edits"
        ),
        pytest.param(
            {"b.py": lines(200, "code"), "c.py": lines(200, "code")}, (401, 1), id="two-copies"
        ),
        pytest.param(
            {"deep/er/b.py": lines(200, "code").rstrip("\n")}, (201, 1), id="no-final-newline"
        ),
    ],
)
def test_copy_variants(repo: GitRepo, head: dict[str, str], counted: tuple[int, int]) -> None:
    body = lines(200, "code")
    _start(repo, {"a.py": body})
    repo.commit("copy", {"a.py": body.replace("# code 7\n", "# edited\n"), **head})
    m = _size(repo)
    assert (m["lines_added"], m["lines_removed"]) == counted
    assert m["copied_files"] == len(head)


def test_a_rename_still_counts_only_its_edits(repo: GitRepo) -> None:
    body = lines(300, "code")
    _start(repo, {"a.py": body})
    repo.commit("move", {"a.py": None, "b.py": body.replace("# code 1\n", "# edited\n")})
    m = _size(repo)
    assert (m["lines_added"], m["lines_removed"], m["renamed_files"]) == (1, 1, 1)
    assert m["copied_files"] == 0


def test_a_copy_into_an_excluded_path_is_excluded(repo: GitRepo) -> None:
    body = lines(300, "code")
    _start(repo, {"a.py": body})
    repo.commit("copy", {"a.py": body + "# more\n", "docs/a.py": body, ".gate.toml": ""})
    repo.git("checkout", "-q", "main")
    repo.commit("config", {".gate.toml": '[size]\nexclude = ["docs/**"]\n'})
    repo.git("checkout", "-q", "feature")
    repo.git("rebase", "-q", "main")
    data = _gate(repo)
    assert [e["path"] for e in data["excluded"]] == ["docs/a.py"]
    assert data["checks"]["size"]["metrics"]["lines_added"] == 1


def test_a_binary_copy_counts_as_a_file(repo: GitRepo) -> None:
    blob = b"\x89PNG\0" + bytes(range(256)) * 40
    _start(repo, {"a.png": blob})
    repo.commit("copy", {"a.png": blob + b"\0", "b.png": blob})
    m = _size(repo)
    # an exact copy has no patch to say "binary": git's own test (a NUL byte) decides
    assert (m["lines_added"], m["lines_removed"], m["copied_files"]) == (0, 0, 1)


def test_the_complexity_check_still_sees_a_copy_as_new_code(repo: GitRepo) -> None:
    body = branches("big", 14)
    _start(repo, {"a.py": body})
    repo.commit("copy", {"a.py": body + "# edited\n", "b.py": body})
    data = _gate(repo, code=1)
    cx = data["checks"]["complexity"]
    assert [(f["rule"], f["path"]) for f in cx["findings"]] == [("max-cc", "b.py")]
    assert data["checks"]["size"]["metrics"]["lines_added"] == 1 + body.count("\n")


def test_a_copy_whose_blob_is_missing_is_an_error_not_the_smaller_count(repo: GitRepo) -> None:
    sha = repo.commit("base", {"a.py": "x = 1\n"})
    missing = "0123456789abcdef" * 2 + "01234567"
    f = FileChange(
        "copied", "a.py", "b.py", "1" * 40, missing, "100644", "100644", 90, False, (), ()
    )
    inputs = Inputs(Git(repo.path), Change(sha, sha, sha, (f,)), Config(), {}, (), {})
    result = run_check(SizeCheck(), inputs)
    assert result.status == "error"
    assert "b.py: its blob is missing from this clone" in result.findings[0].message
