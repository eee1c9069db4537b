"""Reading a ``gate-report/1`` JSON report back into a :class:`~gate.result.Result`.

So a later CI step (``gate comment``, run ``if: always()`` after the gate step)
renders exactly what the gate decided, without judging again. Texts were
escaped when the report was written; they are escaped again on display, which
changes nothing. Anything that is not such a report is a GateError naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast, get_args

from gate.errors import GateError
from gate.report.json import SCHEMA
from gate.result import (
    CheckResult,
    Excluded,
    Finding,
    Metric,
    Platform,
    Result,
    Severity,
    Status,
    Verdict,
    Web,
)
from gate.text import visible


def read(path: Path) -> Result:
    """The Result a ``gate check --json PATH`` run wrote."""
    where = visible(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GateError(f"{where}: cannot read the report: {exc.strerror}") from exc
    except ValueError as exc:
        raise GateError(f"{where}: not a JSON report ({exc})") from exc
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise GateError(
            f"{where}: not a merge-gate report (schema {SCHEMA}): run gate check --json"
        )
    try:
        return _result(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise GateError(
            f"{where}: a malformed {SCHEMA} report ({type(exc).__name__}: {exc})"
        ) from exc


def _result(d: Mapping[str, Any]) -> Result:
    web = d.get("web")
    return Result(
        verdict=_choice(d["verdict"], Verdict),
        base=d.get("base"),
        head=d.get("head"),
        merge_base=d.get("merge_base"),
        base_source=str(d.get("base_source") or ""),
        config_source=str(d.get("config_source") or ""),
        commits=int(d.get("commits") or 0),
        web=Web(str(web["url"]), _choice(web["platform"], Platform)) if web else None,
        checks=tuple(_check(name, c) for name, c in d["checks"].items()),
        excluded=tuple(Excluded(str(e["path"]), str(e["reason"])) for e in d.get("excluded", ())),
        notes=tuple(str(n) for n in d.get("notes", ())),
        warnings=tuple(str(w) for w in d.get("warnings", ())),
        error=d.get("error"),
    )


def _check(name: str, c: Mapping[str, Any]) -> CheckResult:
    return CheckResult(
        name=name,
        status=_choice(c["status"], Status),
        summary=str(c["summary"]),
        metrics=_metrics(c.get("metrics", {})),
        findings=tuple(_finding(f) for f in c.get("findings", ())),
        hints=tuple(str(h) for h in c.get("hints", ())),
        seconds=float(c.get("seconds") or 0.0),
    )


def _finding(f: Mapping[str, Any]) -> Finding:
    line = f.get("line")
    return Finding(
        check=str(f["check"]),
        rule=str(f["rule"]),
        path=str(f.get("path") or ""),
        line=line if isinstance(line, int) else None,
        message=str(f["message"]),
        severity=_choice(f["severity"], Severity),
        fingerprint=str(f["fingerprint"]),
        blocking=bool(f.get("blocking")),
        symbol=str(f.get("symbol") or ""),
        details=_metrics(f.get("details", {})),
        waived=str(f.get("waived") or ""),
    )


def _metrics(m: Mapping[str, Any]) -> Mapping[str, Metric]:
    return {str(k): _value(v) for k, v in m.items()}


def _value(v: Any) -> Metric:
    if isinstance(v, Mapping):
        return _metrics(v)
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    return cast(Metric, v)  # JSON's other values are all scalars a Metric holds


def _choice(value: Any, kind: Any) -> Any:
    if value not in get_args(kind):
        raise ValueError(f"{value!r} is not one of {', '.join(get_args(kind))}")
    return value
