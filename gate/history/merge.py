"""``gate history merge``: per-repository reports as one, exactly (I/O: reads the files)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import reduce
from pathlib import Path

from gate.errors import GateError
from gate.history import report
from gate.history.figures import Figures, add
from gate.text import visible


def read(path: Path) -> Figures:
    """The figures of one report file; a file that is not one is an error naming it."""
    where = visible(str(path))
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise GateError(f"{where}: cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GateError(f"{where}: not JSON ({exc})") from None
    return report.load(data, where)


def merge(paths: Sequence[Path]) -> Figures:
    """The reports (one at least) added up; they must share a horizon (rates at
    different horizons do not add)."""
    figures = [read(p) for p in paths]
    for path, f in zip(paths, figures, strict=True):
        if f.horizon != figures[0].horizon:
            raise GateError(
                f"{visible(str(path))}: horizon {f.horizon} days, but {visible(str(paths[0]))} "
                f"has {figures[0].horizon}: run every repository with the same --horizon"
            )
    return reduce(add, figures)
