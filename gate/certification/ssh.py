"""``ssh-keygen -Y``: signing a statement, and finding and checking who signed one.

Every signature is made and checked in the gate's own namespace, so a signature
a reviewer made for anything else (a git commit, a file) is never one here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gate.certification.statement import NAMESPACE
from gate.errors import GateError
from gate.text import visible

_MAGIC = b"SSHSIG"
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"


@dataclass(frozen=True)
class Armor:
    """What an armored ``SSHSIG`` says about itself before anything is verified."""

    public_key: bytes  # the signer's public key blob (the SSH wire format)
    namespace: str

    @property
    def fingerprint(self) -> str:
        """``SHA256:...``, as ``ssh-keygen -l`` prints it."""
        digest = base64.b64encode(hashlib.sha256(self.public_key).digest()).rstrip(b"=")
        return f"SHA256:{digest.decode('ascii')}"

    @classmethod
    def parse(cls, armor: bytes) -> Armor | None:
        """The armor's key and namespace; None when it is not an ``SSHSIG`` at all."""
        lines = armor.decode("ascii", "replace").split("\n")
        if len(lines) < 3 or lines[0] != _BEGIN or lines[-2:] != [_END, ""]:
            return None
        try:
            blob = base64.b64decode("".join(lines[1:-2]), validate=True)
            if not blob.startswith(_MAGIC):
                return None
            key, at = _string(blob, len(_MAGIC) + 4)
            namespace, _ = _string(blob, at)
            return cls(key, namespace.decode("ascii"))
        except (binascii.Error, struct.error, ValueError):
            return None


def _string(blob: bytes, at: int) -> tuple[bytes, int]:
    (size,) = struct.unpack_from(">I", blob, at)
    end = at + 4 + size
    if end > len(blob):
        raise ValueError("truncated")
    return blob[at + 4 : end], end


@dataclass(frozen=True)
class Keygen:
    """``ssh-keygen``, found on ``env``'s ``PATH`` and run with ``env``."""

    env: Mapping[str, str]

    def sign(self, key: Path, message: bytes) -> bytes:
        """The armored signature of ``message`` by ``key`` (a private key, or a public one
        whose private half is in ssh-agent). A passphrase is asked on the terminal."""
        proc = self._run("sign", "-f", str(key), "-n", NAMESPACE, stdin=message)
        if proc.returncode != 0:
            raise GateError(f"ssh-keygen -Y sign -f {visible(str(key))} failed: {_line(proc)}")
        return proc.stdout

    def principals(self, allowed: Path, armor: bytes) -> tuple[str, ...]:
        """The principals ``allowed`` lists for the key that made ``armor`` (none: unknown key)."""
        with tempfile.TemporaryDirectory(prefix="gate-sig-") as tmp:
            sig = Path(tmp) / "sig"
            sig.write_bytes(armor)
            proc = self._run("find-principals", "-s", str(sig), "-f", str(allowed), "-n", NAMESPACE)
        if proc.returncode != 0:
            return ()
        return tuple(p for p in proc.stdout.decode("utf-8", "replace").splitlines() if p)

    def verify(self, allowed: Path, principal: str, armor: bytes, message: bytes) -> bool:
        """True when ``armor`` is a valid signature of ``message`` by a key ``allowed`` lists
        for ``principal``, in the gate's namespace, within the key's validity."""
        with tempfile.TemporaryDirectory(prefix="gate-sig-") as tmp:
            sig = Path(tmp) / "sig"
            sig.write_bytes(armor)
            proc = self._run(
                "verify", "-f", str(allowed), "-I", principal, "-n", NAMESPACE, "-s", str(sig),
                stdin=message,
            )  # fmt: skip
        return proc.returncode == 0

    def _run(self, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["ssh-keygen", "-Y", *args],
                input=stdin,
                capture_output=True,
                check=False,
                env=dict(self.env),
            )
        except FileNotFoundError as exc:
            raise GateError(
                "ssh-keygen is not installed or not on PATH (OpenSSH 8.2 or later signs and "
                "checks gate certifications)"
            ) from exc


def _line(proc: subprocess.CompletedProcess[bytes]) -> str:
    lines = [ln for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return visible(lines[-1] if lines else f"exit {proc.returncode}")
