"""Running semgrep: where it is, how it is called, several runs at once within a time limit.

Every run is offline unless the config names registry rules: metrics off, the
version check off (``SEMGREP_ENABLE_VERSION_CHECK=0``; without it an offline run
waits about 95 s), and the variables that would add rules or a login removed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from shutil import which
from typing import IO

from gate.errors import GateError
from gate.security.scan import Scan, merge, parse
from gate.text import visible

ENV_EXECUTABLE = "GATE_SEMGREP"
# Variables that would change what semgrep runs or whom it talks to.
_DROPPED_ENV = ("SEMGREP_RULES", "SEMGREP_BASELINE_COMMIT", "SEMGREP_APP_TOKEN", "SEMGREP_REPO_URL")
# One semgrep command line stays far below Linux's limits (2 MiB for arguments and
# environment together; semgrep hands the list on to its engine): past about 12,000
# changed files one run per side overflowed them.
CHUNK_TARGETS = 2000
CHUNK_BYTES = 256 * 1024


@dataclass(frozen=True)
class Options:
    """How every run of one check is made."""

    executable: str
    configs: tuple[str, ...]
    timeout: int
    max_target_bytes: int
    jobs: int
    run_timeout: int
    osemgrep: bool = True  # `scan --experimental`: semgrep's OCaml command line


@dataclass(frozen=True)
class Request:
    """One semgrep process: explicit ``targets`` (paths relative to ``cwd``).

    ``nosem`` honours ``# nosemgrep`` comments; without it every finding is reported.
    """

    cwd: Path
    targets: tuple[str, ...]
    nosem: bool = False


def locate(env: Mapping[str, str], interpreter: str = sys.executable) -> str:
    """The semgrep executable: ``$GATE_SEMGREP``, else beside this Python, else on PATH.

    semgrep is a dependency of the gate, so it is normally installed next to the
    interpreter running the gate, even when that environment's bin folder is not
    on PATH (pipx, a virtualenv used by path).
    """
    explicit = env.get(ENV_EXECUTABLE)
    if explicit:
        if which(explicit) is None:
            raise GateError(
                f"semgrep not found: {ENV_EXECUTABLE}={visible(explicit)} is not a program"
            )
        return explicit
    search = os.pathsep.join([str(Path(interpreter).parent), env.get("PATH", "")])
    found = which("semgrep", path=search)
    if found is None:
        raise GateError(
            "semgrep is not installed (install merge-gate with its dependencies, "
            f"or set {ENV_EXECUTABLE} to the semgrep program)"
        )
    return found


def command(options: Options, request: Request) -> list[str]:
    """The command line for one run (explicit targets after ``--``)."""
    args = [
        options.executable,
        "scan",
        *(["--experimental"] if options.osemgrep else []),
        "--json",
        "--verbose",  # makes the JSON report list skipped files
        "--metrics=off",
        "--no-rewrite-rule-ids",
        "--no-git-ignore",
        f"--timeout={options.timeout}",
        f"--max-target-bytes={options.max_target_bytes}",
        f"--jobs={options.jobs}",
    ]
    if not request.nosem:
        args.append("--disable-nosem")
    for config in options.configs:
        args += ["--config", config]
    return [*args, "--", *request.targets]


def run_all(options: Options, requests: Sequence[Request], env: Mapping[str, str]) -> list[Scan]:
    """Run every request and read their reports, one Scan per request.

    A request with more targets than one command line holds is split into
    chunks (:data:`CHUNK_TARGETS`, :data:`CHUNK_BYTES`); the chunks run in waves,
    one chunk of each request at once, and their reports are merged.
    """
    parts = [_chunks(r) for r in requests]
    merged: list[list[Scan]] = [[] for _ in requests]
    for wave in range(max(len(p) for p in parts)):
        batch = [(i, p[wave]) for i, p in enumerate(parts) if wave < len(p)]
        for (i, _), scan in zip(batch, _run_wave(options, [r for _, r in batch], env), strict=True):
            merged[i].append(scan)
    return [merge(scans) for scans in merged]


def _chunks(request: Request) -> list[Request]:
    """The request split so that no command line exceeds the kernel's argument limits."""
    chunks: list[Request] = []
    current: list[str] = []
    size = 0
    for target in request.targets:
        if current and (len(current) >= CHUNK_TARGETS or size + len(target) >= CHUNK_BYTES):
            chunks.append(replace(request, targets=tuple(current)))
            current, size = [], 0
        current.append(target)
        size += len(target.encode("utf-8", "surrogateescape")) + 1
    chunks.append(replace(request, targets=tuple(current)))
    return chunks


def _run_wave(options: Options, requests: Sequence[Request], env: Mapping[str, str]) -> list[Scan]:
    """Run the requests at once (they are independent) and read their reports."""
    clean = {k: v for k, v in env.items() if k not in _DROPPED_ENV}
    clean |= {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
    with tempfile.TemporaryDirectory(prefix="gate-semgrep-") as tmp:
        started: list[tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]] = []
        try:
            for i, request in enumerate(requests):
                started.append(_start(options, request, clean, Path(tmp) / str(i)))
            deadline = time.monotonic() + options.run_timeout
            codes = [_wait(proc, deadline, options.run_timeout) for proc, _, _ in started]
        finally:
            for proc, out, err in started:
                _stop(proc)
                out.close()
                err.close()
        return [
            parse(Path(out.name).read_bytes(), code, Path(err.name).read_bytes(), r.targets)
            for (_, out, err), code, r in zip(started, codes, requests, strict=True)
        ]


def _start(
    options: Options, request: Request, env: Mapping[str, str], stem: Path
) -> tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]:
    # Files, not pipes: a process blocked on a full pipe would wait for the
    # others to be read first and the runs would no longer overlap.
    out = stem.with_suffix(".json").open("w+b")
    err = stem.with_suffix(".log").open("w+b")
    try:
        proc = subprocess.Popen(
            command(options, request),
            cwd=request.cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(env),
            start_new_session=True,  # its engine runs as a child: stop them together
        )
    except OSError as exc:
        out.close()
        err.close()
        raise GateError(f"cannot run semgrep ({options.executable}): {exc.strerror}") from exc
    return proc, out, err


def _wait(proc: subprocess.Popen[bytes], deadline: float, limit: int) -> int:
    try:
        return proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired as exc:
        raise GateError(
            f"semgrep did not finish within [security] run_timeout = {limit} s; it was stopped"
        ) from exc


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with suppress(ProcessLookupError):  # it may end between the poll and the kill
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
