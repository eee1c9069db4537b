"""``gate certify``: a reviewer signs, pushes, and a fresh clone verifies."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from gate.certification.evidence import Approval
from gate.certification.statement import NOTES_REF, REMOTE_REF
from tests.gitrepo import GitRepo
from tests.run import gate
from tests.signed_repo import AUTHOR, Keys, certify, judged, make_key, make_keys, signed_repo


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def world(tmp_path: Path, keys: Keys) -> tuple[GitRepo, Path]:
    return signed_repo(tmp_path, keys)


def clone(remote: Path, path: Path, branch: str = "feature") -> GitRepo:
    subprocess.run(["git", "clone", "-q", "-b", branch, str(remote), str(path)], check=True)
    return GitRepo(path)


def test_push_then_a_fresh_clone_verifies(
    world: tuple[GitRepo, Path], keys: Keys, tmp_path: Path
) -> None:
    repo, remote = world
    repo.git("push", "-q", "origin", "feature")
    run = certify(repo, keys.alice, "--push")
    assert run.code == 0, run.stderr
    head = repo.head()
    assert run.stdout.startswith(f"signed: {tmp_path.name}/remote head {head[:12]} (merge-base ")
    assert run.stdout.endswith(f"pushed {NOTES_REF} to origin\n")
    ci = clone(remote, tmp_path / "ci")
    assert ci.git("for-each-ref", "refs/notes") == ""  # clones leave notes behind
    assert judged(ci, base="origin/main").approvals == (Approval("alice@example.com", "signature"),)
    assert judged(ci, base="origin/main").approvals  # fetched already: not fetched again
    # Fetched into the gate's own ref: the clone's local notes ref is untouched.
    assert ci.git("for-each-ref", "--format=%(refname)", "refs/notes").split() == [REMOTE_REF]


def test_reviewers_in_two_clones_both_count(
    world: tuple[GitRepo, Path], keys: Keys, tmp_path: Path
) -> None:
    repo, remote = world
    repo.git("push", "-q", "origin", "feature")
    bob = clone(remote, tmp_path / "bob")
    bob.git("branch", "main", "origin/main")
    assert certify(repo, keys.alice, "--push").code == 0
    # Bob never fetched Alice's note: his push merges it instead of being refused.
    run = certify(bob, keys.bob, "--push")
    assert run.code == 0, run.stderr
    assert certify(repo, keys.alice, "--push").stdout.startswith("already signed: ")
    ci = clone(remote, tmp_path / "ci")
    who = sorted(a.who for a in judged(ci, base="origin/main").approvals)
    assert who == ["alice@example.com", "bob@example.com"]


def test_signing_twice_adds_nothing(world: tuple[GitRepo, Path], keys: Keys) -> None:
    repo, _ = world
    assert certify(repo, keys.alice).stdout.startswith("signed: ")
    before = repo.git("notes", f"--ref={NOTES_REF}", "show", "HEAD")
    run = certify(repo, keys.alice)
    assert run.stdout.startswith("already signed: ")
    assert run.stdout.endswith(f"kept in {NOTES_REF}; `gate certify --push` sends it\n")
    assert repo.git("notes", f"--ref={NOTES_REF}", "show", "HEAD") == before


def test_another_reviewers_text_in_the_note_is_kept(
    world: tuple[GitRepo, Path], keys: Keys
) -> None:
    repo, _ = world
    repo.git("notes", f"--ref={NOTES_REF}", "add", "-m", "someone's words", "HEAD")
    assert certify(repo, keys.alice).code == 0
    text = repo.git("notes", f"--ref={NOTES_REF}", "show", "HEAD")
    assert text.startswith("someone's words\n\nmerge-gate certification/1\n")


def test_head_names_the_commit_reviewed(world: tuple[GitRepo, Path], keys: Keys) -> None:
    repo, _ = world
    reviewed = repo.head()
    repo.commit("later", {"app.py": "x = 3\n"}, author=AUTHOR)
    assert certify(repo, keys.alice, "--head", reviewed).code == 0
    assert repo.git("notes", f"--ref={NOTES_REF}", "list").split()[1] == reviewed


def test_the_default_key_is_git_signingkey_then_id_ed25519(
    world: tuple[GitRepo, Path], keys: Keys, tmp_path: Path
) -> None:
    repo, _ = world
    home = Path(os.environ["HOME"])
    missing = certify(repo, None)
    assert missing.code == 2
    assert missing.stderr == (
        f"gate: error: no SSH key at {home}/.ssh/id_ed25519: pass --key PATH, "
        "or set git's user.signingkey (with gpg.format = ssh)\n"
    )
    make_key(home / ".ssh", "id_ed25519")
    assert certify(repo, None).code == 0  # an unknown key, but a signature
    repo.git("config", "user.signingkey", str(keys.bob.private))
    assert certify(repo, None).code == 0  # gpg.format is not ssh: still id_ed25519
    assert [a.who for a in judged(repo).approvals] == []
    repo.git("config", "gpg.format", "ssh")
    assert certify(repo, None).code == 0
    assert [a.who for a in judged(repo).approvals] == ["bob@example.com"]


@pytest.fixture
def agent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An ssh-agent of this test's own, stopped by its pid."""
    sock = tmp_path / "agent.sock"
    proc = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if sock.exists():
                break
            subprocess.run(["sleep", "0.05"], check=True)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
        yield
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait()


@pytest.mark.usefixtures("agent")
def test_a_literal_signingkey_signs_through_ssh_agent(
    world: tuple[GitRepo, Path], keys: Keys
) -> None:
    repo, _ = world
    subprocess.run(["ssh-add", "-q", str(keys.alice.private)], check=True, capture_output=True)
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", f"key::{keys.alice.public}")
    run = certify(repo, None)
    assert run.code == 0, run.stderr
    assert [a.who for a in judged(repo).approvals] == ["alice@example.com"]


def test_a_file_that_is_not_a_key_is_one_line(world: tuple[GitRepo, Path], tmp_path: Path) -> None:
    repo, _ = world
    bogus = tmp_path / "bogus"
    bogus.write_text("not a key\n")
    run = gate(repo.path, "certify", "--base", "main", "--key", str(bogus))
    assert run.code == 2
    assert run.stderr.startswith(f"gate: error: ssh-keygen -Y sign -f {bogus} failed: ")
    assert len(run.stderr.splitlines()) == 1


def test_a_signer_that_writes_no_signature_is_an_error(
    world: tuple[GitRepo, Path], keys: Keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = world
    fake = tmp_path / "bin" / "ssh-keygen"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Signed!'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    run = certify(repo, keys.alice)
    assert run.code == 2
    assert (
        run.stderr
        == f"gate: error: ssh-keygen -Y sign -f {keys.alice.private} wrote no SSH signature\n"
    )


def test_push_without_a_remote_is_one_line(tmp_path: Path, keys: Keys) -> None:
    repo, _ = signed_repo(tmp_path, keys)
    repo.git("remote", "remove", "origin")
    run = certify(repo, keys.alice, "--push")
    assert run.code == 2
    assert run.stderr == (
        f"gate: error: --push: this repository has no remote to push {NOTES_REF} to\n"
    )
    run = certify(repo, keys.alice)
    assert run.code == 2
    assert run.stderr.startswith("gate: error: cannot name this repository for the statement")


def test_a_refused_push_is_one_line(world: tuple[GitRepo, Path], keys: Keys) -> None:
    repo, remote = world
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    run = certify(repo, keys.alice, "--push", "--remote", "origin")
    assert run.code == 2
    assert run.stderr.startswith("gate: error: git push failed: ")
    assert len(run.stderr.splitlines()) == 1
