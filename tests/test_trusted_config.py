"""The policy comes from the target branch's tip, and no change can lock the repository out."""

from __future__ import annotations

from tests.gitrepo import GitRepo, lines
from tests.run import report


def test_a_branch_from_before_the_policy_is_judged_by_todays_policy(repo: GitRepo) -> None:
    """Threat: the author picks the policy by picking the fork point."""
    repo.commit("base", {"app.py": lines(2)})
    repo.branch("feature")
    repo.commit("two files", {"a.py": lines(2), "b.py": lines(2)})
    repo.checkout("main")
    tip = repo.commit("tighten", {".gate.toml": "[size]\nmax_files = 1\n"})
    repo.checkout("feature")
    run, data = report(repo.path, "--base", "main")
    assert run.code == 1, run.stdout
    assert data["config_source"] == f"base:{tip}:.gate.toml"
    assert data["merge_base"] != tip  # measured from the fork point all the same
    assert data["checks"]["size"]["metrics"]["files_changed"] == 2


def test_a_change_that_commits_a_broken_config_is_stopped(repo: GitRepo) -> None:
    repo.commit("base", {"app.py": lines(2)})
    repo.branch("feature")
    repo.commit("broken", {".gate.toml": "[size]\nmax_filez = 1\n", "a.py": lines(2)})
    run, _ = report(repo.path, "--base", "main")
    assert run.code == 2
    assert "unknown key [size] max_filez" in run.stderr
    assert "this change's config would stop every later change" in run.stderr


def test_the_repair_of_a_broken_trusted_config_is_judged_with_the_defaults(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": "[size]\nmax_filez = 1\n", "app.py": lines(2)})
    repo.branch("fix")
    repo.commit("repair", {".gate.toml": "[size]\nmax_files = 1\n"})
    run, data = report(repo.path, "--base", "main")
    assert run.code == 0, run.stdout + run.stderr
    assert data["config_source"].startswith("defaults (the target branch's config is invalid")
    assert any("DEFAULT policy" in w for w in data["warnings"])
    assert "DEFAULT policy" in run.stdout


def test_a_code_change_under_a_broken_trusted_config_stops(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": "[size]\nmax_filez = 1\n", "app.py": lines(2)})
    repo.branch("sneak")
    repo.commit("repair and code", {".gate.toml": "[size]\nmax_files = 9\n", "x.py": lines(2)})
    run, _ = report(repo.path, "--base", "main")
    assert run.code == 2
    assert "unknown key [size] max_filez" in run.stderr


def test_pre_push_reads_the_remote_branch(repo: GitRepo) -> None:
    old = repo.commit("base", {"app.py": lines(2)})
    repo.branch("feature")
    head = repo.commit("two", {"a.py": lines(2), "b.py": lines(2)})
    repo.checkout("main")
    tip = repo.commit("tighten", {".gate.toml": "[size]\nmax_files = 1\n"})
    repo.checkout("feature")
    env = {
        "PRE_COMMIT_FROM_REF": tip,
        "PRE_COMMIT_TO_REF": head,
        "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main",
    }
    run, data = report(repo.path, env=env)
    assert run.code == 1, run.stdout
    assert data["config_source"] == f"base:{tip}:.gate.toml"
    assert data["merge_base"] == old
