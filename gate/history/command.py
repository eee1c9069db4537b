"""``gate history`` and ``gate history merge`` behind the command line (I/O): options
checked, figures measured or merged, reports written, the terminal table returned."""

from __future__ import annotations

import json
import time
from pathlib import Path

from gate.errors import GateError
from gate.history import merge as merging
from gate.history import period, report, run, terminal
from gate.history import usage as billing
from gate.history.figures import Figures
from gate.text import visible


def measure(
    cwd: Path,
    *,
    since: str,
    until: str | None,
    branch: str,
    horizon: str,
    json_path: Path | None,
    html_path: Path | None,
    usage: Path | None,
    tick: run.Tick,
) -> str:
    """Measure the branch over the period; write the reports; the terminal table."""
    now = int(time.time())
    end = period.moment(until, "--until", now) if until else now
    start = period.moment(since, "--since", now)
    if start >= end:
        raise GateError(f"--since {since!r} is not before --until {until or 'now'!r}")
    req = run.Request(cwd, branch, start, end, period.days(horizon, "--horizon"))
    rows = billing.read(usage, now) if usage is not None else ()
    figures = run.measure(req, tick)
    figures = billing.join(figures, rows, start, end) if rows else figures
    return _write(figures, json_path, html_path)


def merge(paths: list[Path], *, json_path: Path | None, html_path: Path | None) -> str:
    """Add the reports up; write the merged ones; the terminal table."""
    return _write(merging.merge(paths), json_path, html_path)


def _write(figures: Figures, json_path: Path | None, html_path: Path | None) -> str:
    data = report.render(figures)
    if json_path is not None:
        _save(json_path, json.dumps(data, indent=2) + "\n")
    if html_path is not None:
        from gate.history import html  # pygal is imported only when a page is asked for

        _save(html_path, html.render(data))
    return terminal.render(data)


def _save(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise GateError(f"{visible(str(path))}: cannot be written ({exc.strerror})") from None
