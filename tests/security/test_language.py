"""Which language runs a changed file: name, #! line, executable bit (pure)."""

from __future__ import annotations

import pytest

from gate.security.language import Language, detect

PY = Language("python", ".py")


@pytest.mark.parametrize(
    ("path", "content", "executable", "expected"),
    [
        pytest.param("a.py", b"", False, Language("python"), id="py"),
        pytest.param("a.pyw", b"", False, PY, id="pyw"),
        pytest.param("SConstruct", b"", False, PY, id="by-name"),
        pytest.param(".bashrc", b"", False, Language("bash", ".sh"), id="dotfile"),
        pytest.param("a.mts", b"", False, Language("typescript", ".ts"), id="mts"),
        pytest.param("a.min.js", b"", False, Language("javascript", ".js"), id="min-js"),
        pytest.param("a.d.ts", b"", False, Language("typescript", ".ts"), id="d-ts"),
        pytest.param("a.sh", b"#!/usr/bin/python3\n", False, Language("bash"), id="name-wins"),
        pytest.param("main.go", b"", True, Language("other"), id="other-language"),
        pytest.param("deploy.v2", b"#!/usr/bin/env -S python3 -u\n", False, PY, id="env-S"),
        pytest.param("t", b"#!/usr/bin/env -S uv run --script\n", False, PY, id="uv-run"),
        pytest.param(
            "t",
            b"#!/usr/bin/env uv tool list\n",
            False,
            Language(
                "",
                unknown=("its #! line runs '/usr/bin/env uv tool', which the gate does not know"),
            ),
            id="uv-not-run",
        ),
        pytest.param("t", b"#!/usr/bin/env -S pipx run\n", False, PY, id="pipx-run"),
        pytest.param("t", b"#! /usr/bin/python3.12 -u\r\n", False, PY, id="versioned-crlf"),
        pytest.param(
            "t", b"#!/usr/bin/env -i -u X -C /tmp A=1 python3\n", False, PY, id="env-opts"
        ),
        pytest.param("t", b"#!/usr/bin/env -Spython3\n", False, PY, id="env-S-joined"),
        pytest.param(
            "t", b'#!/usr/bin/env --split-string="python3 -u"\n', False, PY, id="split-string"
        ),
        pytest.param(  # env -S refuses it; the gate does not guess
            "t",
            b"#!/usr/bin/env -S 'python3\n",
            False,
            Language(
                "",
                unknown='its #! line runs "/usr/bin/env -S \'python3", '
                "which the gate does not know",
            ),
            id="unclosed-quote",
        ),
        pytest.param("t", b"#!/usr/bin/nix-shell -i python3 -p x\n", False, PY, id="nix-shell"),
        pytest.param(
            "t",
            b"#!/usr/bin/nix-shell\n",
            False,
            Language(
                "", unknown="its #! line runs '/usr/bin/nix-shell', which the gate does not know"
            ),
            id="nix-shell-without-i",
        ),
        pytest.param("t", b"#!/bin/busybox sh\n", False, Language("bash", ".sh"), id="busybox"),
        pytest.param(
            "t", b"#!/usr/bin/env -S npx tsx\n", False, Language("typescript", ".ts"), id="npx"
        ),
        pytest.param("t", b"#!/usr/bin/env -S poetry run python\n", False, PY, id="poetry-run"),
        pytest.param(
            "t", b"#!/usr/bin/env node\n", False, Language("javascript", ".js"), id="node"
        ),
        pytest.param("t", b"#!/usr/bin/env ruby\n", False, Language("ruby", ".rb"), id="ruby"),
        pytest.param("t", b"#!/usr/bin/perl -w\n", False, Language("other"), id="perl"),
        pytest.param("t", b"#!/bin/bash5\n", False, Language("bash", ".sh"), id="bash5"),
        pytest.param(
            "t",
            b"#!/opt/x/run\n",
            False,
            Language("", unknown="its #! line runs '/opt/x/run', which the gate does not know"),
            id="unknown-interpreter",
        ),
        pytest.param(
            "t",
            b"#!/usr/bin/env -i\n",
            False,
            Language(
                "", unknown="its #! line runs '/usr/bin/env -i', which the gate does not know"
            ),
            id="env-runs-nothing",
        ),
        pytest.param(
            "run", b"eval x\n", True, Language("bash", ".sh", guessed=True), id="exec-no-shebang"
        ),
        pytest.param(
            "AUTHORS.rst",
            b"x\n",
            True,
            Language("bash", ".sh", guessed=True),
            id="exec-unknown-ext",
        ),
        pytest.param("a.txt", b"x\n", False, Language(""), id="data"),
    ],
)
def test_detect(path: str, content: bytes, executable: bool, expected: Language) -> None:
    assert detect(path, content, executable=executable) == expected
