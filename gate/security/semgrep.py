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
from gate.security import batches
from gate.security.scan import Scan, merge, parse
from gate.text import visible

ENV_EXECUTABLE = "GATE_SEMGREP"
# Variables that would change what semgrep runs or whom it talks to.
_DROPPED_ENV = ("SEMGREP_RULES", "SEMGREP_BASELINE_COMMIT", "SEMGREP_APP_TOKEN", "SEMGREP_REPO_URL")
_POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Options:
    """How every run of one check is made."""

    executable: str
    configs: tuple[str, ...]
    timeout: int
    max_target_bytes: int
    jobs: int  # semgrep processes at once, each with --jobs=1 (gate.security.batches)
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
        "--jobs=1",  # the gate runs several processes instead (gate.security.batches)
    ]
    if not request.nosem:
        args.append("--disable-nosem")
    for config in options.configs:
        args += ["--config", config]
    return [*args, "--", *request.targets]


def run_all(options: Options, requests: Sequence[Request], env: Mapping[str, str]) -> list[Scan]:
    """Run every request and read their reports, one Scan per request.

    Each request is cut into parts of about equal bytes and chunks that fit one
    command line (:mod:`gate.security.batches`); at most ``options.jobs``
    processes run at once, the largest part first, each within ``run_timeout``.
    """
    work = batches.plan(
        [[(t, _size(r.cwd / t)) for t in r.targets] for r in requests], options.jobs
    )
    found = _run(options, [replace(requests[b.index], targets=b.targets) for b in work], env)
    merged: list[list[Scan]] = [[] for _ in requests]
    for batch, scan in zip(work, found, strict=True):
        merged[batch.index].append(scan)
    return [merge(scans) for scans in merged]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # semgrep will say what is wrong with it
        return 0


def _run(options: Options, requests: Sequence[Request], env: Mapping[str, str]) -> list[Scan]:
    """Run the requests, ``options.jobs`` at a time, in order, and read their reports.

    Polled rather than waited for with ``os.wait``: other threads of the gate run
    processes of their own, which a wait for any child would reap.
    """
    clean = {k: v for k, v in env.items() if k not in _DROPPED_ENV}
    clean |= {"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
    found: dict[int, Scan] = {}
    running: dict[int, tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes], float]] = {}
    with tempfile.TemporaryDirectory(prefix="gate-semgrep-") as tmp:
        try:
            pending = list(enumerate(requests))
            while pending or running:
                while pending and len(running) < max(1, options.jobs):
                    i, request = pending.pop(0)
                    proc, out, err = _start(options, request, clean, Path(tmp) / str(i))
                    running[i] = (proc, out, err, time.monotonic() + options.run_timeout)
                for i, (proc, out, err, deadline) in list(running.items()):
                    code = proc.poll()
                    if code is None:
                        _check_deadline(deadline, options.run_timeout)
                        continue
                    del running[i]
                    with out, err:
                        found[i] = parse(
                            Path(out.name).read_bytes(),
                            code,
                            Path(err.name).read_bytes(),
                            requests[i].targets,
                        )
                if running:
                    time.sleep(_POLL_SECONDS)
        finally:
            for proc, out, err, _ in running.values():
                _stop(proc)
                out.close()
                err.close()
    return [found[i] for i in range(len(requests))]


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


def _check_deadline(deadline: float, limit: int) -> None:
    if time.monotonic() > deadline:
        raise GateError(
            f"semgrep did not finish within [security] run_timeout = {limit} s; it was stopped"
        )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a run still going (with its engine, in its process group) and reap it."""
    with suppress(ProcessLookupError):  # it may have ended since it was last polled
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
