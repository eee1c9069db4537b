"""Reviewers' SSH keys and a repository whose trusted config names an allowed-signers file.

Real ``ssh-keygen`` keys, a real bare remote, a real clone: the signature path
of review certification is never mocked.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gate.certification.evidence import Evidence
from gate.certification.signature import evidence
from gate.change import Change
from gate.engine import Options, prepare
from gate.inputs import Inputs
from tests.gitrepo import GitRepo
from tests.run import Run, gate
from tests.tools import require

SIGNERS = ".gate/allowed_signers"
CONFIG = f'[certification]\nallowed_signers = "{SIGNERS}"\n'
AUTHOR = "Dev <dev@example.com>"
AUTHORS = frozenset({"dev@example.com"})  # what the certification check passes: the change's


@dataclass(frozen=True)
class Key:
    """An ed25519 key pair without a passphrase."""

    private: Path

    @property
    def public(self) -> str:
        """``type base64``, as an allowed-signers line takes it."""
        return " ".join(Path(f"{self.private}.pub").read_text().split()[:2])

    def line(self, principals: str) -> str:
        """An allowed-signers line giving this key to ``principals``."""
        return f"{principals} {self.public}\n"


def make_key(folder: Path, name: str) -> Key:
    """A new key pair ``folder/name`` (and ``.pub``)."""
    require("ssh-keygen", "apt-get install openssh-client")
    folder.mkdir(parents=True, exist_ok=True)
    private = folder / name
    cmd = ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(private)]
    subprocess.run(cmd, check=True)
    return Key(private)


@dataclass(frozen=True)
class Keys:
    alice: Key  # reviewers listed in the trusted allowed-signers file
    bob: Key
    dev: Key  # listed too, and the author of the change
    mallory: Key  # listed nowhere

    def signers(self) -> str:
        return (
            self.alice.line("alice@example.com")
            + self.bob.line("bob@example.com")
            + self.dev.line("dev@example.com")
        )


def make_keys(folder: Path) -> Keys:
    return Keys(*(make_key(folder, n) for n in ("alice", "bob", "dev", "mallory")))


def signed_repo(root: Path, keys: Keys, *, config: str = CONFIG) -> tuple[GitRepo, Path]:
    """A clone (on branch ``feature``, one commit by the author) and its bare remote.

    ``main`` holds the config and the allowed-signers file and is pushed.
    """
    remote = root / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo = GitRepo.init(root / "repo")
    repo.git("remote", "add", "origin", str(remote))
    repo.commit("policy", {".gate.toml": config, SIGNERS: keys.signers()})
    repo.git("push", "-q", "origin", "main")
    repo.branch("feature")
    repo.commit("feature", {"app.py": "x = 1\n"}, author=AUTHOR)
    return repo, remote


def certify(repo: GitRepo, key: Key | None, *args: str) -> Run:
    """``gate certify --base main [--key KEY] args`` in ``repo``."""
    keyed = ("--key", str(key.private)) if key else ()
    return gate(repo.path, "certify", "--base", "main", *keyed, *args)


def inputs(repo: GitRepo, env: Mapping[str, str] | None = None, base: str = "main") -> Inputs:
    """What ``gate check --base main`` hands the checks."""
    environ = dict(env if env is not None else os.environ)
    git, rng, config, files = prepare(Options(cwd=repo.path, env=environ, base=base))
    change = Change(rng.base, rng.head, rng.merge_base, files)
    return Inputs(git, change, config, {}, rng.commits, environ, trusted=rng.trusted)


def judged(repo: GitRepo, env: Mapping[str, str] | None = None, base: str = "main") -> Evidence:
    """The signature evidence for the change ``base..HEAD`` of ``repo``."""
    return evidence(inputs(repo, env, base), AUTHORS)
