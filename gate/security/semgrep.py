"""Running semgrep and reading its JSON report, trusting neither its exit code nor its silence.

semgrep exits 0 when a rule times out, when a file does not parse, when a rule
file is invalid, and when a rule needs a newer semgrep: the JSON report's
``errors``, ``paths.skipped`` and ``skipped_rules`` say so. Problems with one
target make that file "not analysed"; any other problem (a rule, a config, the
process itself) means the run told us nothing, and is a GateError.

Every run is offline unless the config names registry rules: metrics off, the
version check off (``SEMGREP_ENABLE_VERSION_CHECK=0``; without it an offline run
waits about 95 s), and the variables that would add rules or a login removed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from shutil import which
from typing import IO, Any

from gate.errors import GateError
from gate.text import visible

ENV_EXECUTABLE = "GATE_SEMGREP"
# Variables that would change what semgrep runs or whom it talks to.
_DROPPED_ENV = ("SEMGREP_RULES", "SEMGREP_BASELINE_COMMIT", "SEMGREP_APP_TOKEN", "SEMGREP_REPO_URL")
_OK_EXIT = (0, 1)  # 1: "some findings", which semgrep only reports with --error
_ERROR_LINE = re.compile(r"error|fatal|unknown option|invalid", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    """How every run of one check is made."""

    executable: str
    configs: tuple[str, ...]
    timeout: int
    max_target_bytes: int
    jobs: int
    run_timeout: int


@dataclass(frozen=True)
class Request:
    """One semgrep process: explicit ``targets`` (paths relative to ``cwd``).

    ``nosem`` honours ``# nosemgrep`` comments; without it every finding is reported.
    """

    cwd: Path
    targets: tuple[str, ...]
    nosem: bool = False


@dataclass(frozen=True)
class Match:
    """One semgrep result; ``start``/``end`` are byte offsets into the target."""

    rule: str
    path: str
    line: int
    start: int
    end: int
    severity: str
    message: str


@dataclass(frozen=True)
class Scan:
    """What one run found, which targets it reports as scanned, and which it could not analyse."""

    matches: tuple[Match, ...]
    scanned: frozenset[str]
    problems: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version: str = ""


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
    """Run every request at once (they are independent) and read their reports."""
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


def parse(stdout: bytes, code: int, stderr: bytes, targets: Sequence[str]) -> Scan:
    """Read one run's JSON report (pure). Raises GateError when the run as a whole failed."""
    try:
        report = json.loads(stdout)
    except ValueError:
        report = None
    if not isinstance(report, dict):
        raise GateError(f"semgrep failed (exit {code}) without a JSON report: {_reason(stderr)}")
    try:
        return _read(report, code, stderr, set(targets))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise GateError(f"semgrep's JSON report has an unexpected shape ({exc!r})") from exc


def _read(report: Mapping[str, Any], code: int, stderr: bytes, wanted: set[str]) -> Scan:
    problems: dict[str, list[str]] = {}
    fatal = []
    for error in report.get("errors", []):
        path = error.get("path")
        if path in wanted:
            problems.setdefault(path, []).append(_describe(error))
        else:
            fatal.append(_describe(error))
    if fatal:
        more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
        raise GateError(f"semgrep: {fatal[0]}{more}")
    if code not in _OK_EXIT:
        raise GateError(f"semgrep failed (exit {code}): {_reason(stderr)}")
    skipped_rules = report.get("skipped_rules") or []
    if skipped_rules:
        names = ", ".join(sorted({str(_get(r, "rule_id", r)) for r in skipped_rules}))
        raise GateError(f"semgrep skipped rules it could not run: {visible(names)}")
    paths = report.get("paths", {})
    for skipped in paths.get("skipped", []):
        if skipped.get("path") in wanted:
            problems.setdefault(skipped["path"], []).append(
                f"semgrep skipped it ({visible(str(skipped.get('reason')))})"
            )
    matches = tuple(_match(r) for r in report.get("results", []))
    stray = sorted({m.path for m in matches} - wanted)
    if stray:
        raise GateError(f"semgrep reported a file it was not given: {visible(stray[0])}")
    return Scan(
        matches=matches,
        scanned=frozenset(paths.get("scanned", [])) & wanted,
        problems={path: tuple(dict.fromkeys(reasons)) for path, reasons in problems.items()},
        version=str(report.get("version", "")),
    )


def _match(result: Mapping[str, Any]) -> Match:
    extra = result.get("extra", {})
    return Match(
        rule=str(result["check_id"]),
        path=str(result["path"]),
        line=int(result["start"]["line"]),
        start=int(result["start"]["offset"]),
        end=int(result["end"]["offset"]),
        severity=str(extra.get("severity", "")),
        message=str(extra.get("message", "")),
    )


def _describe(error: Mapping[str, Any]) -> str:
    kind = error.get("type")
    name = kind[0] if isinstance(kind, list) and kind else kind
    message = str(error.get("message") or error.get("long_msg") or error.get("short_msg") or "")
    rule = error.get("rule_id")
    text = " ".join(message.split())
    if name == "Timeout":
        text = f"rule {rule} timed out (over [security] timeout)"
    return visible(f"{name}: {text}" if name else text)


def _get(value: object, key: str, default: object) -> object:
    return value.get(key, default) if isinstance(value, Mapping) else default


def _reason(stderr: bytes) -> str:
    """The line of semgrep's log that says what went wrong: the last error, else the last line."""
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    errors = [ln for ln in lines if _ERROR_LINE.search(ln)]
    return visible((errors or lines or ["(no message)"])[-1])
