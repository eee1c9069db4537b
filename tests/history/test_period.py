"""Dates, spans and horizons of ``gate history`` (pure)."""

from __future__ import annotations

import pytest

from gate.errors import GateError
from gate.history import period

NOW = 1_800_000_000


def test_dates_spans_and_zones() -> None:
    assert period.moment("10d", "--since", NOW) == NOW - 10 * 86400
    assert period.moment("2026-01-01", "--since", NOW) == 1767225600
    assert period.moment("2026-01-01T02:00:00+02:00", "--since", NOW) == 1767225600
    assert period.moment("2026-01-01T00:00:00Z", "--since", NOW) == 1767225600


def test_bad_spans() -> None:
    with pytest.raises(GateError, match="--horizon 'a month'"):
        period.days("a month", "--horizon")
