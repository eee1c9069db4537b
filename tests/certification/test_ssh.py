from __future__ import annotations

import base64
import struct
import subprocess
from pathlib import Path

import pytest

from gate.certification.ssh import Armor
from tests.signed_repo import make_key


def armored(blob: bytes) -> bytes:
    body = base64.b64encode(blob)
    return b"-----BEGIN SSH SIGNATURE-----\n" + body + b"\n-----END SSH SIGNATURE-----\n"


def string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def test_a_real_signature_names_its_key_and_namespace(tmp_path: Path) -> None:
    key = make_key(tmp_path, "k")
    sig = subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-f", str(key.private), "-n", "file"],
        input=b"data",
        capture_output=True,
        check=True,
    ).stdout
    armor = Armor.parse(sig)
    assert armor is not None
    assert armor.namespace == "file"
    printed = subprocess.run(
        ["ssh-keygen", "-l", "-f", f"{key.private}.pub"], capture_output=True, check=True
    ).stdout.decode()
    assert printed.split()[1] == armor.fingerprint


MAGIC = b"SSHSIG" + struct.pack(">I", 1)
NOT_ARMOR = [
    pytest.param(b"", id="empty"),
    pytest.param(b"-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----", id="no-newline"),
    pytest.param(armored(b"OTHER!" + string(b"k") + string(b"n")), id="no-magic"),
    pytest.param(armored(MAGIC + string(b"key")), id="truncated"),
    pytest.param(armored(MAGIC + struct.pack(">I", 99) + b"k"), id="length-past-end"),
    pytest.param(armored(MAGIC[:8]), id="short-header"),
    pytest.param(armored(MAGIC + string(b"k") + string(b"\xff")), id="namespace-not-ascii"),
    pytest.param(
        b"-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----\n", id="not-base64"
    ),
]


@pytest.mark.parametrize("text", NOT_ARMOR)
def test_anything_else_is_not_a_signature(text: bytes) -> None:
    assert Armor.parse(text) is None
