"""``gate certify``: a reviewer signs the statement for the change, and keeps it as a git note.

The statement is built from what ``gate check`` computes (the range and the
trusted config, through :func:`gate.engine.prepare`), so the signature names
exactly what the check will expect. Several reviewers sign the same head: a
signature is appended to the note, and the remote's notes are merged in before
a push, so nobody's signature is overwritten.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from gate.certification import note
from gate.certification.ssh import Armor, Keygen
from gate.certification.statement import NOTES_REF, REMOTE_REF, Statement, repository_name
from gate.engine import Prepared
from gate.errors import GateError
from gate.git import Git
from gate.text import visible

_LITERAL = "key::"  # git's user.signingkey may hold the public key itself


@dataclass(frozen=True)
class Certified:
    """What ``gate certify`` did: the statement signed, by which key, and where it went."""

    statement: Statement
    fingerprint: str
    added: bool  # False: this key's signature of this statement was already in the note
    pushed: str | None = None  # the remote the notes ref was pushed to


def certify(
    prepared: Prepared,
    env: Mapping[str, str],
    *,
    key: Path | None = None,
    push: bool = False,
    remote: str | None = None,
) -> Certified:
    """Sign the statement for ``prepared``'s range with ``key`` and append it to the head's note.

    With ``push``, the remote's notes are fetched and merged first and the notes
    ref is pushed after (never forced: a race with another reviewer's push fails,
    and running again merges theirs).
    """
    git, rng, config = prepared.git, prepared.range, prepared.config
    remote = remote or git.remote()
    if push and remote is None:
        raise GateError(f"--push: this repository has no remote to push {NOTES_REF} to")
    repository = repository_name(env, git.remote_url(remote) if remote else None, git.root)
    if repository is None:
        raise GateError(
            "cannot name this repository for the statement: add an origin remote "
            "(its URL gives owner/name)"
        )
    statement = Statement(repository, rng.head, rng.merge_base, config.digest)
    with _signing_key(git, key) as path:
        armor = Keygen(env).sign(path, statement.text())
    signed = Armor.parse(armor)
    if signed is None:
        raise GateError(f"ssh-keygen -Y sign -f {visible(str(path))} wrote no SSH signature")
    if push and remote is not None and git.remote_ref(remote, NOTES_REF) is not None:
        git.fetch_ref(remote, NOTES_REF, REMOTE_REF)
        git.merge_notes(NOTES_REF, REMOTE_REF)
    existing = git.note(NOTES_REF, rng.head) or b""
    added = not any(
        b.statement == statement.text() and _key(b) == signed.public_key
        for b in note.parse(existing).blocks
    )
    if added:
        block = note.Block(statement.text(), armor).text()
        git.set_note(
            NOTES_REF, rng.head, existing.rstrip(b"\n") + b"\n\n" + block if existing else block
        )
    if push and remote is not None:
        git.push_ref(remote, NOTES_REF)
    return Certified(statement, signed.fingerprint, added, remote if push else None)


def describe(done: Certified) -> str:
    """What ``gate certify`` tells the reviewer, a few lines."""
    s = done.statement
    verb = "signed" if done.added else "already signed"
    lines = [
        f"{verb}: {visible(s.repository)} head {s.head[:12]} (merge-base "
        f"{s.merge_base[:12]}, config sha256 {s.config[:12]}) with {done.fingerprint}",
    ]
    if done.pushed is not None:
        lines.append(f"pushed {NOTES_REF} to {visible(done.pushed)}")
    else:
        lines.append(f"kept in {NOTES_REF}; `gate certify --push` sends it")
    return "".join(f"{line}\n" for line in lines)


def _key(block: note.Block) -> bytes | None:
    armor = Armor.parse(block.armor)
    return armor.public_key if armor else None


@contextlib.contextmanager
def _signing_key(git: Git, key: Path | None) -> Iterator[Path]:
    """``--key``, else git's ``user.signingkey`` when ``gpg.format`` is ssh, else id_ed25519.

    A literal ``key::ssh-...`` is a public key: ssh-keygen signs with its private
    half from ssh-agent, given the key in a file.
    """
    configured = git.setting("user.signingkey") if git.setting("gpg.format") == "ssh" else None
    if key is None and configured and configured.startswith(_LITERAL):
        with tempfile.TemporaryDirectory(prefix="gate-key-") as tmp:
            literal = Path(tmp) / "key.pub"
            literal.write_text(configured[len(_LITERAL) :] + "\n", encoding="utf-8")
            yield literal
        return
    path = key or Path(configured or "~/.ssh/id_ed25519").expanduser()
    if not path.is_file():
        raise GateError(
            f"no SSH key at {visible(str(path))}: pass --key PATH, or set git's "
            "user.signingkey (with gpg.format = ssh)"
        )
    yield path
