"""Parsing what git prints for the AI check: log records, blame entries, quoted paths."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gate.ai.blame import BlameEntry, parse, unquote
from gate.ai.commits import parse_log
from gate.errors import GitError
from gate.git import Git
from tests.ai_repo import start
from tests.gitrepo import GitRepo, lines

SHA = "a" * 40


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"plain name.py", b"plain name.py", id="plain"),
        pytest.param(b'"tab\\there.py"', b"tab\there.py", id="tab"),
        pytest.param(b'"caf\\303\\251.py"', "café".encode() + b".py", id="octal"),
        pytest.param(b'"q\\"uote\\\\.py"', b'q"uote\\.py', id="quote-backslash"),
        pytest.param(b'"a\\a\\b\\v\\f\\r\\n"', b"a\a\b\v\f\r\n", id="controls"),
        pytest.param(b'"x\\12"', b"x12", id="short-octal"),
        pytest.param(b'"', b'"', id="lone-quote"),
    ],
)
def test_unquote(raw: bytes, expected: bytes) -> None:
    assert unquote(raw) == expected


def test_parse_blame_entries() -> None:
    out = (
        f"{SHA} 4 1 2\nauthor A\nboundary\nprevious {'b' * 40} old.py\nfilename new.py\n"
        f'{"c" * 64} 1 3 1\nfilename "sp\\303\\251cial\\n.py"\n\n'
    ).encode()
    assert parse(out, "new.py") == (
        BlameEntry(SHA, 4, 1, 2, "new.py"),
        BlameEntry("c" * 64, 1, 3, 1, "spécial\n.py"),
    )


@pytest.mark.parametrize(
    ("out", "message"),
    [
        pytest.param(b"garbage\n", r"unexpected git blame output for a\\n\.py: b'garbage'", id="x"),
        pytest.param(f"{SHA} 1 1 1\nauthor A\n".encode(), "an entry has no filename", id="cut"),
    ],
)
def test_unexpected_blame_output(out: bytes, message: str) -> None:
    with pytest.raises(GitError, match=message):
        parse(out, "a\n.py")


def record(sha: str, message: bytes = b"m") -> bytes:
    return sha.encode() + b"\0\0Dev\0dev@x\0Dev\0dev@x\0" + message + b"\0"


def test_parse_log_checks_the_shape_and_the_commits() -> None:
    assert parse_log(b"", ()) == {}
    parsed = parse_log(record(SHA, b"subject\n\nbody \xff"), [SHA])
    assert parsed[SHA].subject == "subject"
    assert parsed[SHA].message.endswith("\udcff")  # an undecodable byte kept, shown escaped
    with pytest.raises(GitError, match="the fields do not divide into commits"):
        parse_log(record(SHA)[:-3], [SHA])
    with pytest.raises(GitError, match="'zzz' is not a commit id"):
        parse_log(record("zzz"), [SHA])
    with pytest.raises(GitError, match="git log listed 1 commits where the range has 2"):
        parse_log(record(SHA), [SHA, "b" * 40])


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen to sign")
def test_log_messages_reads_the_range_in_one_call(repo: GitRepo, tmp_path: Path) -> None:
    base = start(repo)
    one = repo.commit(
        "one\n\nbody", {"a.py": lines(1)}, author="Ann <ann@x>", committer="Cy <cy@x>"
    )
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
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
