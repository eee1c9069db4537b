"""Reading semgrep's JSON report, trusting neither its exit code nor its silence.

semgrep exits 0 when a rule times out, when a file does not parse, when a rule
file is invalid, and when a rule needs a newer semgrep: the report's ``errors``,
``paths.skipped`` and ``skipped_rules`` say so. Problems with one target make
that file "not analysed"; any other problem (a rule, a config, the process
itself) means the run told us nothing, and is a GateError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gate.errors import GateError
from gate.text import visible

_PARTIAL_SKIP = "analysis_failed_parser_or_internal_error"
_OK_EXIT = (0, 1)  # 1: "some findings", which semgrep only reports with --error
_ERROR_LINE = re.compile(r"error|fatal|unknown option|invalid", re.IGNORECASE)


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
class Unparsed:
    """Lines of a target semgrep's parser skipped (``PartialParsing``); the rest was analysed."""

    lines: tuple[tuple[int, int], ...]  # (first, last), 1-based
    reason: str


@dataclass(frozen=True)
class Scan:
    """What one run found, which targets it reports as scanned, and which it could not analyse.

    ``unparsed`` are the targets semgrep parsed only partly: whether that is a
    problem depends on the change (:mod:`gate.security.partial`).
    """

    matches: tuple[Match, ...]
    scanned: frozenset[str]
    problems: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version: str = ""
    unparsed: Mapping[str, Unparsed] = field(default_factory=dict)


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
    unparsed: dict[str, Unparsed] = {}
    fatal = []
    for error in report.get("errors", []):
        path = error.get("path")
        partial = _unparsed(error)
        if path in wanted and partial is not None:
            unparsed[path] = partial
        elif path in wanted:
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
        # a partly parsed file is also listed as skipped, for the same parse error
        if skipped.get("path") in unparsed and skipped.get("reason") == _PARTIAL_SKIP:
            continue
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
        unparsed=unparsed,
    )


def merge(scans: Sequence[Scan]) -> Scan:
    """One Scan from the reports of parts of one request (disjoint targets; none: nothing found)."""
    if len(scans) == 1:
        return scans[0]
    return Scan(
        matches=tuple(m for s in scans for m in s.matches),
        scanned=frozenset().union(*(s.scanned for s in scans)),
        problems={p: r for s in scans for p, r in s.problems.items()},
        version=scans[0].version if scans else "",
        unparsed={p: u for s in scans for p, u in s.unparsed.items()},
    )


def restrict(scan: Scan, paths: Collection[str]) -> Scan:
    """What ``scan`` says about ``paths`` only."""
    return Scan(
        matches=tuple(m for m in scan.matches if m.path in paths),
        scanned=frozenset(p for p in scan.scanned if p in paths),
        problems={p: r for p, r in scan.problems.items() if p in paths},
        version=scan.version,
        unparsed={p: u for p, u in scan.unparsed.items() if p in paths},
    )


def _unparsed(error: Mapping[str, Any]) -> Unparsed | None:
    """The lines a ``PartialParsing`` error names, None for any other error."""
    kind = error.get("type")
    if not (isinstance(kind, list) and kind and kind[0] == "PartialParsing"):
        return None
    lines = tuple(
        sorted({(int(s["start"]["line"]), int(s["end"]["line"])) for s in error["spans"]})
    )
    if not lines:  # nothing says which part was analysed: the file was not
        return None
    message = str(error.get("message", "")).split("\n", 1)[-1]
    return Unparsed(lines, visible(" ".join(message.split())))


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
