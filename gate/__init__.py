"""merge-gate: a CI quality gate for one change, judged against its baseline."""

from __future__ import annotations

__version__ = "0.1.0"
