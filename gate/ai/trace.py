"""Agent Trace records (draft 0.1.0): ``.agent-trace/traces.jsonl`` as committed at head.

One JSON record a line: ``vcs.revision`` (the commit), ``tool.name``, and
``files[].conversations[]`` with a ``contributor.type`` (human | ai | mixed |
unknown) and ``ranges[]`` of ``start_line``/``end_line`` in the file as of that
revision. Only ``ai`` ranges are used: the file is written by the change's own
author, so it may raise the AI share, never lower it. A record that cannot be
read is reported with its line number and skipped; the others still count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gate.ai.signatures import OTHER, Signatures

# The one file the gate reads records from (the format's reference hook writes it), so the
# one file the AI check skips as evidence: anything else in its folder is code like any other.
PATH = ".agent-trace/traces.jsonl"
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class TraceError(ValueError):
    """A record that is not an Agent Trace record; caught here and reported, never raised on."""


@dataclass(frozen=True)
class Traces:
    """AI line ranges by ``(revision, path)``, and the records that could not be read."""

    ranges: Mapping[tuple[str, str], tuple[tuple[int, int, str], ...]]
    records: int
    problems: tuple[str, ...]

    def at(self, revision: str, path: str, line: int) -> str | None:
        """The agent a record names for ``line`` of ``path`` in ``revision``, if any."""
        spans = self.ranges.get((revision, path), ())
        return next((agent for start, end, agent in spans if start <= line <= end), None)


def parse(blob: bytes | None, sigs: Signatures) -> Traces:
    """Read the JSONL file (None: there is none at head)."""
    ranges: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    problems = []
    records = 0
    for number, line in enumerate((blob or b"").split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            for key, span in _record(line, sigs):
                ranges.setdefault(key, []).append(span)
            records += 1
        except TraceError as exc:
            problems.append(f"{PATH} line {number}: {exc}")
    return Traces({k: tuple(v) for k, v in ranges.items()}, records, tuple(problems))


def _record(line: bytes, sigs: Signatures) -> list[tuple[tuple[str, str], tuple[int, int, str]]]:
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TraceError(f"not JSON ({exc})") from None
    except RecursionError:  # the file is the change's own: "[[[[..." must not stop the run
        raise TraceError("not JSON (nested too deeply)") from None
    record = _object(record, "the record")
    version = record.get("version")
    if not isinstance(version, str) or not version.startswith("0.1"):
        raise TraceError(f"unsupported version {str(version)[:20]!r} (expected 0.1.x)")
    vcs = _object(record.get("vcs"), "vcs")
    revision = vcs.get("revision")
    if vcs.get("type") != "git" or not isinstance(revision, str) or not _SHA.fullmatch(revision):
        raise TraceError("vcs must be {type: git, revision: <full commit id>}")
    tool = record.get("tool")
    name = tool.get("name") if isinstance(tool, dict) else None
    result = []
    for item in _list(record.get("files"), "files"):
        entry = _object(item, "a files[] entry")
        path = entry.get("path")
        if not isinstance(path, str) or not path:
            raise TraceError("a files[] entry has no path")
        for talk in _list(entry.get("conversations"), "conversations"):
            conv = _object(talk, "a conversation")
            who = _object(conv.get("contributor"), "contributor")
            if who.get("type") != "ai":
                continue
            model = who.get("model_id")
            label = name if isinstance(name, str) and name else model
            agent = sigs.tool_agent(label) if isinstance(label, str) and label else OTHER
            for span in _list(conv.get("ranges"), "ranges"):
                start, end = _span(_object(span, "a range"))
                result.append(((revision, path), (start, end, agent)))
    return result


def _span(span: Mapping[str, Any]) -> tuple[int, int]:
    start, end = span.get("start_line"), span.get("end_line")
    if type(start) is not int or type(end) is not int or not 1 <= start <= end:
        raise TraceError(f"bad range start_line={start!r} end_line={end!r}")
    return start, end


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TraceError(f"{what} is not an object")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise TraceError(f"{what} is not a list")
    return value
