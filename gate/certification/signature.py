"""Signed certifications (``gate certify``) as review evidence for ``gate check``.

A signature counts only when the key is listed for its principal in the
allowed-signers file of the trusted revision (never head's, never the work
tree's: a change cannot add its own key), the signature is valid over exactly
the statement for this repository, head, merge-base and config, and the
principal wrote none of the change's commits.
"""

from __future__ import annotations

import posixpath
import tempfile
from pathlib import Path

from gate.certification import note
from gate.certification.evidence import Approval, Evidence, Rejected
from gate.certification.ssh import Armor, Keygen
from gate.certification.statement import NOTES_REF, REMOTE_REF, Statement, repository_name
from gate.errors import GateError
from gate.git import SYMLINK_MODE, Git
from gate.inputs import Inputs
from gate.text import visible

MAX_BLOCKS = 50  # each costs two ssh-keygen runs, and anyone can write notes
_PATTERN = frozenset("*?!")  # a principal pattern names no one person who could be an author


def evidence(inputs: Inputs, authors: frozenset[str]) -> Evidence:
    """Approvals and rejected signatures in the note on the head being judged.

    ``authors`` are the lowercased emails of every author, committer and
    co-author of the change's commits. Without ``[certification] allowed_signers``
    nothing is read and no signature can count. The remote's notes are fetched
    into a ref of the gate's own first, when there is a remote.
    """
    path = inputs.config.certification.allowed_signers
    if path is None:
        return Evidence(source="signature")
    git = inputs.git
    allowed = allowed_signers(git, inputs.trusted, path)
    remote = git.remote()
    if remote is not None:
        sha = git.remote_ref(remote, NOTES_REF)
        if sha is not None and not git.contains(REMOTE_REF, sha):
            git.fetch_ref(remote, NOTES_REF, REMOTE_REF)
    head = inputs.change.head
    found = note.parse(b"\n".join(git.note(ref, head) or b"" for ref in (NOTES_REF, REMOTE_REF)))
    if not found.blocks and not found.unreadable:
        return Evidence(source="signature")
    repository = repository_name(inputs.env, git.remote_url(remote) if remote else None, git.root)
    if repository is None:
        raise GateError(
            "cannot name this repository, which signed certifications name: set "
            "GITHUB_REPOSITORY or CI_PROJECT_PATH, or add an origin remote"
        )
    expected = Statement(repository, head, inputs.change.merge_base, inputs.config.digest)
    keygen = Keygen(inputs.env)
    outcomes: list[Approval | Rejected] = []
    unreadable = found.unreadable
    with tempfile.TemporaryDirectory(prefix="gate-signers-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_bytes(allowed)
        for block in found.blocks[:MAX_BLOCKS]:
            outcome = judge(block, expected, authors, keygen, signers)
            unreadable += outcome is None
            if outcome is not None:
                outcomes.append(outcome)
    if len(found.blocks) > MAX_BLOCKS:
        extra = len(found.blocks) - MAX_BLOCKS
        outcomes.append(Rejected("?", "signature", f"{extra} more signatures, not checked"))
    if unreadable:
        outcomes.append(Rejected("?", "signature", f"unreadable text in the note ({unreadable})"))
    return _tally(outcomes)


def judge(
    block: note.Block, expected: Statement, authors: frozenset[str], keygen: Keygen, signers: Path
) -> Approval | Rejected | None:
    """What one block proves; None when it is not a statement with a signature at all."""
    statement = Statement.parse(block.statement)
    armor = Armor.parse(block.armor)
    if statement is None or armor is None:
        return None
    principals = keygen.principals(signers, block.armor)
    if not principals:
        return Rejected(armor.fingerprint, "signature", "unknown key")
    people = [p for p in principals if not _PATTERN & set(p)]
    if not people:
        return Rejected(visible(principals[0]), "signature", "a principal pattern, not a person")
    who = visible(people[0])
    if not keygen.verify(signers, people[0], block.armor, block.statement):
        return Rejected(who, "signature", "bad signature")
    if any(p.lower() in authors for p in people):
        return Rejected(who, "signature", "an author of the change")
    reason = _mismatch(statement, expected)
    return Rejected(who, "signature", reason) if reason else Approval(who, "signature")


def _mismatch(signed: Statement, expected: Statement) -> str | None:
    if signed.repository != expected.repository:
        return "another repository"
    if signed.head != expected.head:
        return f"signed another head ({signed.head[:12]})"
    if signed.merge_base != expected.merge_base:
        return "signed another merge-base"
    if signed.config != expected.config:
        return "signed another config"
    return None


def _tally(outcomes: list[Approval | Rejected]) -> Evidence:
    """One approval per principal; a principal who approved is not also listed as rejected."""
    approvals: dict[str, Approval] = {}
    for o in outcomes:
        if isinstance(o, Approval):
            approvals.setdefault(o.who, o)
    rejected = dict.fromkeys(
        o for o in outcomes if isinstance(o, Rejected) and o.who not in approvals
    )
    return Evidence("signature", tuple(approvals.values()), tuple(rejected))


def allowed_signers(git: Git, trusted: str, path: str) -> bytes:
    """The allowed-signers file ``path`` as committed at ``trusted``; a GateError when it is
    not a regular file there."""
    where = f"[certification] allowed_signers {visible(path)} at {trusted[:12]}"
    name = posixpath.normpath(path)
    if posixpath.isabs(name) or name.split("/")[0] in ("..", "."):
        raise GateError(f"{where}: not a path inside the repository")
    entry = git.entries(trusted, [name]).get(name)
    if entry is None:
        raise GateError(f"{where}: no such file")
    if entry.kind != "blob" or entry.mode == SYMLINK_MODE:
        raise GateError(f"{where}: not a regular file (a {entry.kind}, mode {entry.mode})")
    (data,) = git.cat_file([entry.sha])
    if data is None:
        raise GateError(f"{where}: its blob is missing from this clone (partial clone?)")
    return data
