"""A real run in a GitLab pipeline: the summary links each finding to its file at the head."""

from __future__ import annotations

from pathlib import Path

from tests.gitrepo import GitRepo
from tests.run import gate

CONFIG = "[complexity]\nmax_cc = 1\n[security]\nenabled = false\n"
BRANCHY = "def f(x):\n    if x:\n        return 1\n    return 2\n"


def test_gitlab_pipeline_summary_links_to_the_head(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    base = repo.commit("init", {".gate.toml": CONFIG, "a.py": "A = 1\n"})
    head = repo.commit("add f", {"src/my app.py": BRANCHY})
    env = {
        "GITHUB_ACTIONS": None,
        "GITLAB_CI": "true",
        "CI_PROJECT_URL": "https://gitlab.example/group/proj",
        "CI_COMMIT_BEFORE_SHA": base,
        "CI_COMMIT_SHA": head,
        "CI_MERGE_REQUEST_IID": None,
    }
    out = tmp_path / "summary.md"
    run = gate(repo.path, "check", "--no-fetch-notes", "--markdown", str(out), env=env)
    assert run.code == 1, run.stdout + run.stderr
    text = out.read_text(encoding="utf-8")
    link = f"https://gitlab.example/group/proj/-/blob/{head}/src/my%20app.py#L1"
    assert f"- ❌ **blocking** `max-cc` [`src/my app.py:1`]({link}): " in text
    assert f"(https://gitlab.example/group/proj/-/compare/{base}...{head})" in text
    assert "✗ src/my app.py:1: new function f: complexity 2; the limit is 1 [max-cc]" in run.stdout
