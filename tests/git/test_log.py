from __future__ import annotations

import subprocess
from pathlib import Path

from gate.ai.commits import parse_log
from gate.git import Git
from tests.ai_repo import start
from tests.gitrepo import GitRepo, lines
from tests.tools import require


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
