"""``--usage CSV``: a team's billing export joined to the figures, for cost per durable line.

A header row names the columns: ``date``, who (``agent``, or ``email``/``author`` for
a person's seat), and ``tokens`` and/or ``cost``. A row naming an agent counts for
that agent; a row naming an address counts for the agent that wrote most of that
author's AI lines in the period (none: ``unmatched``). Rows outside the period are
left out. A row that cannot be read stops the run with its line number.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from gate.errors import GateError
from gate.history import period
from gate.history.figures import Figures, Key
from gate.text import visible

UNMATCHED = "unmatched"
_WHO = ("agent", "email", "author")


class Usage(NamedTuple):
    """One row: when, who, and what it cost (None: the column is absent or empty)."""

    line: int
    time: int
    who: str
    tokens: int | None
    micros: int | None


def read(path: Path, now: int) -> tuple[Usage, ...]:
    """Every row of the file (I/O); an error names the file and the line."""
    where = visible(str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GateError(f"--usage {where}: cannot be read ({exc})") from None
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    who = next((h for h in _WHO if h in header), None)
    if "date" not in header or who is None or not {"tokens", "cost"} & set(header):
        raise GateError(
            f"--usage {where} line 1: expected a header with date, agent or email, and "
            "tokens and/or cost"
        )
    found = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise GateError(
                f"--usage {where} line {number}: {len(row)} fields, expected {len(header)}"
            )
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        try:
            stamp = period.moment(cells["date"], "date", now)
            tokens = int(cells["tokens"]) if cells.get("tokens") else None
            micros = int(Decimal(cells["cost"]) * 1_000_000) if cells.get("cost") else None
        except (GateError, ValueError, InvalidOperation) as exc:
            raise GateError(f"--usage {where} line {number}: {exc}") from None
        if (tokens is not None and tokens < 0) or (micros is not None and micros < 0):
            raise GateError(f"--usage {where} line {number}: a negative amount")
        found.append(Usage(number, stamp, cells[who], tokens, micros))
    return tuple(found)


def join(f: Figures, rows: tuple[Usage, ...], since: int, until: int) -> Figures:
    """The figures with the period's usage added to the agents' cost counts."""
    agents = {s[1] for s in f.scopes("agent")}
    by_author: dict[str, Counter[str]] = {}
    for c in f.commits:
        if c.agent is not None:
            email = c.author.rsplit("<", 1)[-1].rstrip(">").lower()
            by_author.setdefault(email, Counter())[c.agent] += c.added
    counts: Counter[Key] = Counter(f.counts)
    for row in rows:
        if not since <= row.time <= until:
            continue
        agent = row.who if row.who in agents else _agent(by_author.get(row.who.lower()))
        for metric, value in (("tokens", row.tokens), ("cost_micros", row.micros)):
            if value is not None:
                counts[("agent", agent), metric, 0] += value
                counts[("agent", agent), metric, 1] = 1
    return Figures(f.horizon, dict(counts), f.commits, f.excluded, f.repositories)


def _agent(lines: Counter[str] | None) -> str:
    if not lines:
        return UNMATCHED
    return min(lines.items(), key=lambda item: (-item[1], item[0]))[0]
