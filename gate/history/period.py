"""The period and horizon of ``gate history``: dates and ``90d`` durations, checked (pure)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from gate.errors import GateError
from gate.history.figures import DAY

_DAYS = re.compile(r"(\d+)d")


def days(text: str, option: str) -> int:
    """``30d`` as 30; anything else is an error naming ``option``."""
    m = _DAYS.fullmatch(text.strip())
    if m is None or int(m.group(1)) < 1:
        raise GateError(f"{option} {text!r}: expected a number of days such as 30d")
    return int(m.group(1))


def moment(text: str, option: str, now: int) -> int:
    """A date (``2026-01-31``, an ISO 8601 time) or a span back from now (``90d``) as a Unix
    time; a time in the future is an error."""
    if _DAYS.fullmatch(text.strip()):
        stamp = now - days(text, option) * DAY
    else:
        try:
            parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            raise GateError(
                f"{option} {text!r}: expected a date (2026-01-31), a time (ISO 8601) or 90d"
            ) from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        stamp = int(parsed.timestamp())
    if stamp > now:
        raise GateError(f"{option} {text!r} is in the future: history ends now")
    return stamp
