"""Analyses on disk, one JSON file per blob: a blob's metrics never change.

The key is the blob sha under a directory named after everything else the
result depends on: this format's version, radon's version and the Python that
parsed it (``ast`` reads the running interpreter's grammar). Entries are written
to a temporary file and renamed into place, so concurrent runs sharing a cache
never read half an entry; an entry that cannot be read or does not look exactly
right is ignored and recomputed, never trusted. JSON, not pickle: a CI cache is
shared storage, and loading it must not be able to run code.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import radon

from gate.complexity.model import Analysis, Function, Metrics, Unanalysable

FORMAT = 2  # 2: functions carry their body's line hashes
_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def version_tag() -> str:
    """The cache directory's name: what, besides the blob, an analysis depends on."""
    python = ".".join(str(n) for n in sys.version_info[:3])
    return f"v{FORMAT}-radon{radon.__version__}-{sys.implementation.name}{python}"


def default_root(env: Mapping[str, str], home: Path) -> Path:
    """``$XDG_CACHE_HOME/merge-gate``, else ``~/.cache/merge-gate`` (the XDG rule)."""
    xdg = env.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path here.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "merge-gate"


@dataclass(frozen=True)
class Cache:
    """A cache directory for one :func:`version_tag`."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Cache:
        """The cache under ``root`` for this radon and this Python (see :func:`version_tag`)."""
        return cls(root / "complexity" / version_tag())

    def _entry(self, blob: str) -> Path | None:
        return self.root / blob[:2] / f"{blob}.json" if _SHA.fullmatch(blob) else None

    def get(self, blob: str, *, with_mi: bool) -> Analysis | None:
        """The stored analysis of ``blob``; None when absent, unreadable, or lacking the MI."""
        path = self._entry(blob)
        if path is None:
            return None
        try:
            data = json.loads(path.read_bytes())
            analysis = _load(data, blob)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if with_mi and isinstance(analysis, Metrics) and analysis.mi is None:
            return None
        return analysis

    def put(self, blob: str, analysis: Analysis) -> bool:
        """Store ``analysis`` atomically; False when it could not be written (a read-only cache)."""
        path = self._entry(blob)
        if path is None:
            return False
        text = json.dumps(_dump(analysis, blob), separators=(",", ":"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError:
            return False
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            return False
        return True


def _dump(analysis: Analysis, blob: str) -> dict[str, Any]:
    if isinstance(analysis, Unanalysable):
        return {"blob": blob, "reason": analysis.reason, "line": analysis.line}
    rows = [
        [f.qualname, f.line, f.start, f.end, f.cc, f.digest, list(f.body)]
        for f in analysis.functions
    ]
    return {"blob": blob, "mi": analysis.mi, "functions": rows}


def _load(data: Any, blob: str) -> Analysis:
    """The analysis an entry holds; ValueError/TypeError/KeyError when it is not one."""
    if data["blob"] != blob:
        raise ValueError("an entry for another blob")
    if "reason" in data:
        line = data["line"]
        if not isinstance(data["reason"], str) or not (line is None or _is_int(line)):
            raise TypeError("a malformed entry")
        return Unanalysable(data["reason"], line)
    mi = data["mi"]
    if not (mi is None or (isinstance(mi, float) and 0.0 <= mi <= 100.0)):
        raise TypeError("a malformed maintainability index")
    return Metrics(tuple(_function(row) for row in data["functions"]), mi)


def _function(row: Any) -> Function:
    qualname, line, start, end, cc, digest, body = row
    if not (isinstance(qualname, str) and isinstance(digest, str) and isinstance(body, list)):
        raise TypeError("a malformed function")
    if not all(_is_int(n) for n in (line, start, end, cc, *body)):
        raise TypeError("a malformed function")
    return Function(qualname, line, start, end, cc, digest, tuple(body))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
