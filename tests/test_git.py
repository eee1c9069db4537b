from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gate.ai.blame import parse
from gate.ai.commits import parse_log
from gate.errors import GitError
from gate.git import Git
from tests.ai_repo import start
from tests.gitrepo import GitRepo, lines
from tests.tools import require


def test_discover_from_a_subdirectory(repo: GitRepo) -> None:
    repo.commit("c", {"sub/dir/a.txt": "a\n"})
    assert Git.discover(repo.path / "sub" / "dir").root == repo.path


def test_discover_errors(tmp_path: Path) -> None:
    with pytest.raises(GitError, match=r"not a directory: .*missing"):
        Git.discover(tmp_path / "missing")
    with pytest.raises(GitError, match="not a git repository"):
        Git.discover(tmp_path)


def test_run_failure_names_the_command(repo: GitRepo) -> None:
    with pytest.raises(GitError, match=r"git log failed: fatal: "):
        Git(repo.path).run("log", "--no-such-option")
    # Not "git -c failed": the command after the -c settings (a diff of a missing blob).
    repo.commit("c", {"a": "a\n"})
    with pytest.raises(GitError, match=r"^git diff failed: fatal: "):
        Git(repo.path).diff("HEAD", "0123456789abcdef" * 2 + "01234567")


def test_merge_base_of_a_non_commit_is_an_error(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    with pytest.raises(GitError, match="git merge-base failed"):
        Git(repo.path).merge_base("HEAD", "0" * 40)


def test_cat_file(repo: GitRepo) -> None:
    sha = repo.commit("c", {"a.txt": "hello\n", "b.bin": b"\x00\n\n\x01"})
    git = Git(repo.path)
    assert git.cat_file([]) == []
    assert git.cat_file([f"{sha}:a.txt", "0" * 40, f"{sha}:b.bin", f"{sha}:nope"]) == [
        b"hello\n",
        None,
        b"\x00\n\n\x01",
        None,
    ]
    with pytest.raises(GitError, match="contains a newline"):
        git.cat_file(["HEAD:a\nb"])


def test_git_not_installed(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GitError, match="git is not installed or not on PATH"):
        Git.discover(repo.path)


def test_upstream(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    assert Git(repo.path).upstream() is None
    repo.git("branch", "other")
    repo.git("branch", "--set-upstream-to=other")
    assert Git(repo.path).upstream() == "other"


def test_fetch_keeps_the_refspecs_that_exist(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("c", {"a": "a\n"})
    clone = GitRepo.init(tmp_path / "clone")
    clone.git("remote", "add", "origin", str(repo.path))
    git = Git(clone.path)
    assert git.remote() == "origin"
    good = "+refs/heads/main:refs/remotes/origin/main"
    assert git.fetch("origin", [good, "+refs/heads/nope:refs/remotes/origin/nope"])
    assert git.resolve_commit("origin/main") == repo.head()
    assert not git.fetch("origin", ["+refs/heads/nope:refs/x"])
    assert not git.fetch("origin", ["refs/heads/nope", "refs/heads/nope2"])


def test_remote_prefers_origin_then_first(repo: GitRepo) -> None:
    git = Git(repo.path)
    assert git.remote() is None
    repo.git("remote", "add", "upstream", "/x")
    assert git.remote() == "upstream"
    repo.git("remote", "add", "origin", "/y")
    assert git.remote() == "origin"


def test_log_messages_reads_the_range_in_one_call(repo: GitRepo, tmp_path: Path) -> None:
    base = start(repo)
    one = repo.commit(
        "one\n\nbody", {"a.py": lines(1)}, author="Ann <ann@x>", committer="Cy <cy@x>"
    )
    key = tmp_path / "key"
    ssh_keygen = require("ssh-keygen", "the OpenSSH client, e.g. apt install openssh-client")
    subprocess.run([str(ssh_keygen), "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", f"{key}.pub")
    repo.write("b.py", lines(1))
    repo.git("add", "b.py")
    repo.git("commit", "-q", "-S", "-m", "two")
    two = repo.head()
    # a user's log.showSignature would print "No signature" lines into the output
    repo.git("config", "log.showSignature", "true")
    assert "No signature" in repo.git("log", "-1", "--format=%H")
    parsed = parse_log(Git(repo.path).log_messages(two, base), [one, two])
    assert parsed[one].message == "one\n\nbody\n"
    assert (parsed[one].author_name, parsed[one].author_email) == ("Ann", "ann@x")
    assert (parsed[one].committer_name, parsed[one].committer_email) == ("Cy", "cy@x")
    assert parsed[two].parents == (one,)


def test_a_nul_in_a_crafted_message_cuts_it_without_shifting_fields(repo: GitRepo) -> None:
    base = start(repo)
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    raw = (
        f"tree {tree}\nparent {base}\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\n"
    ).encode() + b"visible\0Co-authored-by: Claude <noreply@anthropic.com>\n"
    sha = repo.git("hash-object", "-t", "commit", "-w", "--literally", "--stdin", stdin=raw).strip()
    parsed = parse_log(Git(repo.path).log_messages(sha, base), [sha])
    assert parsed[sha].message == "visible"


def test_blame_runs_one_process_per_file_and_keeps_errors_in_place(repo: GitRepo) -> None:
    base = start(repo)
    head = repo.commit("c", {"a.py": lines(3), "b.py": lines(2)})
    out = Git(repo.path).blame(
        base, head, [("a.py", [(2, 3)]), ("nope.py", [(1, 1)]), ("b.py", [(1, 2)])]
    )
    assert isinstance(out[0], bytes)
    assert isinstance(out[2], bytes)
    assert [e.final_line for e in parse(out[0], "a.py")] == [2]
    assert sum(e.count for e in parse(out[0], "a.py")) == 2
    assert isinstance(out[1], GitError)
    assert "nope.py" in str(out[1])
