"""Threat: creating your own vendored folder or generated file takes code out of every check."""

from __future__ import annotations

from typing import Any

import pytest

from tests.complexity.test_check import branches
from tests.gitrepo import Content, GitRepo
from tests.run import report

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


def code(functions: int) -> str:
    """``functions`` functions of complexity 16, 33 lines each."""
    return "\n".join(branches(f"f{i}", 16) for i in range(functions))


def _start(repo: GitRepo, files: dict[str, Content] | None = None) -> None:
    repo.commit("base", {"app.py": "x = 1\n", **(files or {})})
    repo.branch("feature")


def _gate(repo: GitRepo, code: int) -> dict[str, Any]:
    run, data = report(repo.path, "--base", "main")
    assert run.code == code, run.stdout
    return data


def test_a_new_vendored_folder_counts_against_max_excluded_lines(repo: GitRepo) -> None:
    _start(repo, {".gate.toml": "[size]\nmax_excluded_lines = 1000\n"})
    repo.commit("vendor it" + CLAUDE, {"app/vendor/helpers.py": code(40)})
    data = _gate(repo, code=1)
    assert [e["path"] for e in data["excluded"]] == ["app/vendor/helpers.py"]
    size = data["checks"]["size"]
    lines = code(40).count("\n")
    assert size["metrics"]["new_excluded_lines"] == lines
    assert size["metrics"]["new_excluded_files"] == 1
    assert size["metrics"]["max_excluded_lines"] == 1000
    assert [f["rule"] for f in size["findings"]] == ["max-excluded-lines"]
    assert f"{lines} lines in excluded files this change creates" in size["summary"]
    ai = data["checks"]["ai"]["metrics"]
    assert (ai["new_excluded_added_lines"], ai["new_excluded_ai_lines"]) == (lines, lines)
    assert ai["new_excluded_ai_share"] == 1.0
    # their AI lines count in the share itself (certification then asks for a review)
    assert (ai["added_lines"], ai["ai_share"]) == (lines, 1.0)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("pkg/api_pb2.py", id="generated-name"),
        pytest.param("package-lock.json", id="lock-file"),
        pytest.param("web/app.min.js", id="minified"),
        pytest.param("third_party/lib/x.py", id="new-third-party"),
        pytest.param("a/b/node_modules/m/index.js", id="deep-node-modules"),
    ],
)
def test_created_excluded_files_count(repo: GitRepo, path: str) -> None:
    _start(repo, {".gate.toml": "[size]\nmax_excluded_lines = 100\n"})
    repo.commit("add", {path: code(4)})
    size = _gate(repo, code=1)["checks"]["size"]
    assert size["metrics"]["new_excluded_lines"] == code(4).count("\n")
    assert [f["rule"] for f in size["findings"]] == ["max-excluded-lines"]


@pytest.mark.parametrize(
    ("base", "head"),
    [
        pytest.param(
            {"vendor/old/x.py": "a = 1\n"}, {"vendor/new/y.py": code(4)}, id="existing-vendor"
        ),
        pytest.param(
            {"package-lock.json": "{}\n"}, {"package-lock.json": code(4)}, id="lock-churn"
        ),
        pytest.param({"pkg/a_pb2.py": "a = 1\n"}, {"pkg/a_pb2.py": code(4)}, id="regenerated"),
    ],
)
def test_churn_in_what_is_already_excluded_does_not_count(
    repo: GitRepo, base: dict[str, Content], head: dict[str, Content]
) -> None:
    _start(repo, {".gate.toml": "[size]\nmax_excluded_lines = 100\n", **base})
    repo.commit("churn", head)
    data = _gate(repo, code=0)
    assert data["checks"]["size"]["metrics"]["new_excluded_lines"] == 0
    assert data["checks"]["ai"]["metrics"]["new_excluded_ai_share"] is None


def test_the_default_is_generous(repo: GitRepo) -> None:
    _start(repo)
    repo.commit("vendor", {"app/vendor/helpers.py": code(40)})
    data = _gate(repo, code=0)
    size = data["checks"]["size"]
    assert size["metrics"]["max_excluded_lines"] == 10000
    assert "lines in excluded files this change creates" in size["summary"]


def test_a_renamed_file_moved_into_a_new_vendored_folder_counts_its_edits(repo: GitRepo) -> None:
    _start(repo, {".gate.toml": "[size]\nmax_excluded_lines = 1\n", "lib.py": code(3)})
    repo.commit("move", {"lib.py": None, "vendor/lib.py": code(3) + "y = 2\nz = 3\n"})
    size = _gate(repo, code=1)["checks"]["size"]
    assert size["metrics"]["new_excluded_lines"] == 2
