"""An explicit ``--base <sha>`` in a shallow clone: fetched, or found by deepening, within bounds.

GitHub's checkout fetches depth 1, so a base sha given on the command line (a
script comparing against a release, a re-run against a known commit) names a
commit the clone has never seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gate.baseline import resolve
from gate.ci import branch_refspec
from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo
from tests.run import report
from tests.test_baseline import clone, feature_repo, target


def shallow_feature(repo: GitRepo, tmp_path: Path) -> tuple[str, GitRepo]:
    fork = feature_repo(repo, feature_commits=3)
    local = clone(repo, tmp_path / "ci", "--depth", "1", "--branch", "feature")
    assert Git(local.path).resolve_commit(fork) is None
    return fork, local


def test_a_base_sha_the_clone_lacks_is_fetched(repo: GitRepo, tmp_path: Path) -> None:
    fork, local = shallow_feature(repo, tmp_path)
    run, data = report(local.path, "--base", fork)
    assert run.code == 0, run.stdout + run.stderr
    assert (data["merge_base"], data["commits"]) == (fork, 3)


def test_a_remote_that_will_not_serve_a_sha_is_deepened_until_it_appears(
    repo: GitRepo, tmp_path: Path
) -> None:
    fork, local = shallow_feature(repo, tmp_path)
    # protocol v0 serves only advertised refs: fetching the sha by name fails
    local.git("config", "protocol.version", "0")
    rng = resolve(Git(local.path), target(fork), deepen_steps=(1, 2, 50))
    assert (rng.merge_base, len(rng.commits)) == (fork, 3)


@pytest.mark.parametrize(
    "rev",
    [
        pytest.param("0123456789abcdef0123456789abcdef01234567", id="not-on-the-remote"),
        pytest.param("abbreviated", id="abbreviated"),
    ],
)
def test_a_sha_the_remote_lacks_is_exit_2_after_bounded_deepening(
    repo: GitRepo, tmp_path: Path, rev: str
) -> None:
    fork, local = shallow_feature(repo, tmp_path)
    local.git("config", "protocol.version", "0")
    rev = fork[:10] if rev == "abbreviated" else rev
    with pytest.raises(GitError, match=rf"unknown base revision '{rev}': .*fetch full history"):
        resolve(Git(local.path), target(rev), deepen_steps=(1, 2))


def test_deepening_stops_when_the_remote_goes_away(repo: GitRepo, tmp_path: Path) -> None:
    fork, local = shallow_feature(repo, tmp_path)
    local.git("config", "protocol.version", "0")
    local.git("remote", "set-url", "origin", str(tmp_path / "gone"))
    with pytest.raises(GitError, match="unknown base revision"):
        resolve(Git(local.path), target(fork))


def test_a_sha_no_fetched_branch_reaches_is_fetched_by_name(repo: GitRepo, tmp_path: Path) -> None:
    fork, local = shallow_feature(repo, tmp_path)
    repo.git("checkout", "-q", "-b", "release", fork)
    release = repo.commit("release only", {"r.txt": "r\n"})
    repo.checkout("feature")
    # a GitLab-style target: its branch is fetched first, and does not hold the sha
    rng = resolve(Git(local.path), target(release, refspecs=(branch_refspec("main"),)))
    assert (rng.base, rng.merge_base) == (release, fork)
