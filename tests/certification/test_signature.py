"""Signed certifications as evidence: real keys, real notes, real ``ssh-keygen -Y verify``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gate.certification import signature
from gate.certification.evidence import Approval, Evidence, Rejected
from gate.certification.ssh import Armor
from gate.certification.statement import NOTES_REF
from gate.errors import GateError
from gate.git import Git
from tests.gitrepo import GitRepo
from tests.signed_repo import AUTHOR, CONFIG, SIGNERS, Keys, certify, judged, make_keys, signed_repo


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def repo(tmp_path: Path, keys: Keys) -> GitRepo:
    return signed_repo(tmp_path, keys)[0]


def approved(*who: str) -> Evidence:
    return Evidence("signature", tuple(Approval(w, "signature") for w in who))


def rejected(who: str, reason: str) -> Evidence:
    return Evidence("signature", rejected=(Rejected(who, "signature", reason),))


def note(repo: GitRepo, rev: str = "HEAD") -> bytes:
    return repo.git_bytes("notes", f"--ref={NOTES_REF}", "show", rev)


def set_note(repo: GitRepo, content: bytes) -> None:
    blob = repo.git("hash-object", "-w", "--stdin", stdin=content).strip()
    repo.git("notes", f"--ref={NOTES_REF}", "add", "-f", "-C", blob, "HEAD")


def fingerprint(repo: GitRepo) -> str:
    """The fingerprint of the key that signed the head's note."""
    text = note(repo)
    armor = Armor.parse(text[text.index(b"-----BEGIN") :])
    assert armor is not None
    return armor.fingerprint


def rebase_on_main(repo: GitRepo, files: dict[str, str | None], message: str = "policy") -> None:
    """Commit ``files`` on main (the trusted side) and rebase the feature onto it."""
    repo.git("checkout", "-q", "main")
    repo.commit(message, files)
    repo.git("checkout", "-q", "feature")
    repo.git("rebase", "-q", "main")


def test_an_allowed_key_counts(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    assert judged(repo) == approved("alice@example.com")


def test_an_unknown_key_does_not(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.mallory).code == 0
    assert judged(repo) == rejected(fingerprint(repo), "unknown key")


def test_a_key_the_change_adds_to_allowed_signers_does_not(repo: GitRepo, keys: Keys) -> None:
    signers = (repo.path / SIGNERS).read_text() + keys.mallory.line("mallory@example.com")
    repo.commit("trust me", {SIGNERS: signers}, author=AUTHOR)
    assert certify(repo, keys.mallory).code == 0
    # The trusted revision's file is read (main's), never head's or the work tree's.
    assert judged(repo) == rejected(fingerprint(repo), "unknown key")


def test_a_signature_over_an_older_head_is_stale(repo: GitRepo, keys: Keys) -> None:
    old = repo.head()
    assert certify(repo, keys.alice).code == 0
    repo.commit("after review", {"app.py": "x = 2\n"}, author=AUTHOR)
    assert judged(repo) == Evidence("signature")  # nothing signed the new head
    # The author copies the reviewer's note onto the new head: still the old head's.
    repo.git("notes", f"--ref={NOTES_REF}", "copy", old, "HEAD")
    assert judged(repo) == rejected("alice@example.com", f"signed another head ({old[:12]})")


def test_a_signer_who_wrote_a_commit_of_the_change_does_not_count(
    repo: GitRepo, keys: Keys
) -> None:
    assert certify(repo, keys.dev).code == 0
    assert judged(repo) == rejected("dev@example.com", "an author of the change")


def test_an_author_is_recognised_whatever_the_case_of_the_principal(
    repo: GitRepo, keys: Keys
) -> None:
    rebase_on_main(repo, {SIGNERS: keys.alice.line("Alice@Example.com,DEV@example.COM")})
    assert certify(repo, keys.alice).code == 0
    assert judged(repo) == rejected("Alice@Example.com", "an author of the change")


def test_two_reviewers_sign_one_head(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    assert certify(repo, keys.bob).code == 0
    assert judged(repo) == approved("alice@example.com", "bob@example.com")


def test_a_tampered_statement_is_a_bad_signature(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    set_note(repo, note(repo).replace(b"repository ", b"repository x", 1))
    assert judged(repo) == rejected("alice@example.com", "bad signature")


def test_a_signature_for_another_merge_base(repo: GitRepo, keys: Keys) -> None:
    rebase_on_main(repo, {"README": "x\n"})
    # Signed against main~1: as if the reviewer's main were out of date.
    assert certify(repo, keys.alice, "--base", "main~1").code == 0
    assert judged(repo) == rejected("alice@example.com", "signed another merge-base")


def test_a_signature_for_another_config(repo: GitRepo, keys: Keys, tmp_path: Path) -> None:
    other = tmp_path / "gate.toml"
    other.write_text(CONFIG + "# looser, one day\n")
    assert certify(repo, keys.alice, "--config", str(other)).code == 0
    assert judged(repo) == rejected("alice@example.com", "signed another config")


def test_a_signature_for_another_repository(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    env = {**os.environ, "GITHUB_REPOSITORY": "someone/else"}
    assert judged(repo, env) == rejected("alice@example.com", "another repository")


def test_the_ci_variable_names_the_repository_when_it_agrees(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    # The remote is ".../<folder>/remote.git": its name is "<folder>/remote", any case.
    env = {**os.environ, "CI_PROJECT_PATH": f"{repo.path.parent.name.upper()}/Remote"}
    assert judged(repo, env) == approved("alice@example.com")


def test_a_principal_pattern_is_not_a_person(repo: GitRepo, keys: Keys) -> None:
    rebase_on_main(repo, {SIGNERS: keys.bob.line("*@example.com")})
    assert certify(repo, keys.bob).code == 0
    assert judged(repo) == rejected("*@example.com", "a principal pattern, not a person")


def test_one_approval_per_person_and_no_rejection_beside_it(repo: GitRepo, keys: Keys) -> None:
    old = repo.head()
    assert certify(repo, keys.alice).code == 0
    repo.commit("after review", {"app.py": "x = 2\n"}, author=AUTHOR)
    assert certify(repo, keys.alice).code == 0
    set_note(repo, note(repo) + b"\n" + note(repo, old) + b"\n" + note(repo))
    assert judged(repo) == approved("alice@example.com")


ARMOR = b"-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n"
GARBAGE = [
    pytest.param(b"LGTM, ship it\n", id="text"),
    pytest.param(b"\x00\xff\xfe binary \x1b[31m\n", id="binary"),
    pytest.param(b"-----END SSH SIGNATURE-----\n", id="end-alone"),
    pytest.param(ARMOR, id="no-statement"),
    pytest.param(b"statement\n" + ARMOR, id="not-a-signature"),
]


@pytest.mark.parametrize("junk", GARBAGE)
def test_garbage_beside_a_signature_is_reported_not_fatal(
    repo: GitRepo, keys: Keys, junk: bytes
) -> None:
    assert certify(repo, keys.alice).code == 0
    set_note(repo, junk + b"\n" + note(repo))
    found = judged(repo)
    assert found.approvals == (Approval("alice@example.com", "signature"),)
    assert found.rejected == (Rejected("?", "signature", "unreadable text in the note (1)"),)


def test_a_statement_with_a_broken_signature_is_unreadable(repo: GitRepo) -> None:
    head, base = repo.head(), repo.head("main")
    statement = (
        f"merge-gate certification/1\nrepository x/y\nhead {head}\nmerge-base {base}\n"
        f"config-sha256 {'0' * 64}\n"
    )
    set_note(repo, statement.encode() + ARMOR)
    assert judged(repo) == rejected("?", "unreadable text in the note (1)")


def test_past_the_cap_signatures_are_not_checked(repo: GitRepo) -> None:
    text = b"\n".join(b"x %d\n" % i + ARMOR for i in range(signature.MAX_BLOCKS + 2))
    set_note(repo, text)
    assert judged(repo).rejected == (
        Rejected("?", "signature", "2 more signatures, not checked"),
        Rejected("?", "signature", f"unreadable text in the note ({signature.MAX_BLOCKS})"),
    )


def test_no_allowed_signers_configured_reads_nothing(tmp_path: Path, keys: Keys) -> None:
    repo, _ = signed_repo(tmp_path, keys, config="")
    assert certify(repo, keys.alice).code == 0
    # No ssh-keygen on PATH, and none needed: nothing is verified.
    assert judged(repo, {"PATH": str(tmp_path / "empty")}) == Evidence("signature")


def test_no_note_needs_no_ssh_keygen(repo: GitRepo, tmp_path: Path) -> None:
    assert judged(repo, {"PATH": str(tmp_path / "empty")}) == Evidence("signature")


def test_ssh_keygen_missing_is_an_error(repo: GitRepo, keys: Keys, tmp_path: Path) -> None:
    assert certify(repo, keys.alice).code == 0
    with pytest.raises(GateError, match=r"^ssh-keygen is not installed or not on PATH"):
        judged(repo, {"PATH": str(tmp_path / "empty")})


def test_ssh_keygen_is_the_one_on_the_checks_path(
    repo: GitRepo, keys: Keys, tmp_path: Path
) -> None:
    found = shutil.which("ssh-keygen")
    assert found is not None
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "ssh-keygen").symlink_to(found)
    assert certify(repo, keys.alice).code == 0
    assert judged(repo, {"PATH": str(tmp_path / "bin")}) == approved("alice@example.com")


def test_no_name_for_the_repository_is_an_error(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    repo.git("remote", "remove", "origin")
    with pytest.raises(GateError, match=r"^cannot name this repository"):
        judged(repo)


def test_a_remote_that_cannot_be_read_is_an_error(repo: GitRepo, keys: Keys) -> None:
    assert certify(repo, keys.alice).code == 0
    repo.git("remote", "set-url", "origin", str(repo.path.parent / "gone.git"))
    with pytest.raises(GateError, match="git ls-remote origin failed"):
        judged(repo)


BROKEN = [
    pytest.param("missing", "no such file", id="missing"),
    pytest.param("folder", r"not a regular file \(a tree, mode 040000\)", id="folder"),
    pytest.param("symlink", r"not a regular file \(a blob, mode 120000\)", id="symlink"),
]


@pytest.mark.parametrize(("kind", "message"), BROKEN)
def test_an_allowed_signers_file_that_is_not_one_is_an_error(
    repo: GitRepo, kind: str, message: str
) -> None:
    repo.git("checkout", "-q", "main")
    (repo.path / SIGNERS).unlink()
    if kind == "folder":
        repo.write(f"{SIGNERS}/x", "x\n")
    elif kind == "symlink":
        (repo.path / SIGNERS).symlink_to("/etc/passwd")
    rebase_on_main(repo, {}, "break it")
    where = rf"^\[certification\] allowed_signers {SIGNERS} at {repo.head('main')[:12]}: {message}$"
    with pytest.raises(GateError, match=where):
        judged(repo)


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside", ".", "a/../../b"])
def test_an_allowed_signers_path_outside_the_repository_is_an_error(
    repo: GitRepo, path: str
) -> None:
    where = f"[certification] allowed_signers {path} at {repo.head('main')[:12]}"
    with pytest.raises(GateError) as caught:
        signature.allowed_signers(Git(repo.path), repo.head("main"), path)
    assert str(caught.value) == f"{where}: not a path inside the repository"


def test_an_allowed_signers_path_is_normalised(repo: GitRepo) -> None:
    git, main = Git(repo.path), repo.head("main")
    expected = signature.allowed_signers(git, main, SIGNERS)
    assert signature.allowed_signers(git, main, f"./{SIGNERS}") == expected
    assert signature.allowed_signers(git, main, ".gate//x/../allowed_signers") == expected


def test_a_missing_blob_is_an_error(repo: GitRepo) -> None:
    sha = repo.git("rev-parse", f"main:{SIGNERS}").strip()
    (repo.path / ".git" / "objects" / sha[:2] / sha[2:]).unlink()
    with pytest.raises(GateError, match="its blob is missing from this clone"):
        signature.allowed_signers(Git(repo.path), repo.head("main"), SIGNERS)
