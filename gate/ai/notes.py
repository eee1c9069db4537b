"""git-ai notes (``refs/notes/ai``): line-level attribution written when a commit is made.

A note is an attestation section, a line ``---``, then JSON::

    src/main.rs
      s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20
      h_31dce776f88375 42-50
    ---
    {"schema_version": "authorship/3.0.0", "sessions": {"s_c9883b05a2487d":
     {"agent_id": {"tool": "cursor", "model": "..."}}}, "humans": {...}, "prompts": {...}}

``s_...`` keys are AI sessions (``sessions[s].agent_id.tool``), ``h_...`` and the
older ``human`` are people, a bare hex key is a legacy AI prompt
(``prompts[key].agent_id.tool``). Line numbers are those of the file in that
commit. A note that cannot be read is reported, never guessed at.

Clones do not fetch notes; :mod:`gate.ai.remote` fetches the remote's
``refs/notes/ai`` into :data:`REMOTE_REF`, a ref of the gate's own, so local
notes are never overwritten. Only these two refs are read: git's
default ``refs/notes/commits`` holds ordinary notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from gate.ai.signatures import OTHER, Signatures
from gate.git import Git
from gate.text import decode_path, unquote

AI_REF = "refs/notes/ai"
REMOTE_REF = "refs/notes/gate-ai-remote"
REFS = (AI_REF, REMOTE_REF)  # a local note wins over the fetched copy of the same commit's
_SESSION = re.compile(r"(s_[0-9a-f]+)(?:::t_[0-9a-f]+)?")
_HUMAN = re.compile(r"h_[0-9a-f]+|human")
_PROMPT = re.compile(r"[0-9a-f]{8,64}")
_RANGE = re.compile(r"(\d+)(?:-(\d+))?")


class NoteError(ValueError):
    """A note that is not a git-ai authorship log (the message says what is wrong)."""


@dataclass(frozen=True)
class Attested:
    """Lines ``start``..``end`` of a file, written by ``agent`` (None: by a person)."""

    start: int
    end: int
    agent: str | None
    key: str


@dataclass(frozen=True)
class Note:
    """One commit's note. ``problem`` is set when it could not be read (its lines: unknown)."""

    ref: str
    files: Mapping[str, tuple[Attested, ...]] = field(default_factory=dict)
    problem: str | None = None

    def at(self, path: str, line: int) -> Attested | None:
        """What the note says about ``line`` of ``path`` (None: not listed)."""
        return next((a for a in self.files.get(path, ()) if a.start <= line <= a.end), None)


def locate(git: Git, commits: Collection[str]) -> dict[str, tuple[str, str]]:
    """``{commit: (ref, note blob)}`` for the range's commits that have a git-ai note."""
    found: dict[str, tuple[str, str]] = {}
    for ref in REFS:
        for line in git.notes_list(ref).decode("ascii", "replace").splitlines():
            blob, _, obj = line.partition(" ")
            if obj in commits and obj not in found:
                found[obj] = (ref, blob)
    return found


def parse(ref: str, blob: bytes, sigs: Signatures) -> Note:
    """A note's attestations; a malformed note becomes a Note with ``problem`` set."""
    try:
        return Note(ref, _parse(blob, sigs))
    except NoteError as exc:
        return Note(ref, problem=str(exc))


def _parse(blob: bytes, sigs: Signatures) -> dict[str, tuple[Attested, ...]]:
    lines = blob.split(b"\n")
    try:
        cut = lines.index(b"---")
    except ValueError:
        raise NoteError("no '---' line between the attestations and the JSON") from None
    meta = _meta(b"\n".join(lines[cut + 1 :]))
    files: dict[str, list[Attested]] = {}
    path: str | None = None
    for number, raw in enumerate(lines[:cut], 1):
        if not raw.strip():
            continue
        if not raw[:1].isspace():
            path = decode_path(unquote(raw.rstrip(b"\r")))
            files.setdefault(path, [])
            continue
        if path is None:
            raise NoteError(f"line {number}: an attestation before any file name")
        parts = raw.decode("utf-8", "replace").split()
        if len(parts) != 2:
            raise NoteError(f"line {number}: expected 'KEY RANGES'")
        agent = _agent(parts[0], meta, sigs, number)
        files[path].extend(Attested(a, b, agent, parts[0]) for a, b in _ranges(parts[1], number))
    return {p: tuple(v) for p, v in files.items()}


def _meta(raw: bytes) -> Mapping[str, Any]:
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NoteError(f"the JSON after '---' is invalid: {exc}") from None
    except RecursionError:  # a note is text anyone with push access wrote
        raise NoteError("the JSON after '---' is invalid: nested too deeply") from None
    if not isinstance(meta, dict):
        raise NoteError("the JSON after '---' is not an object")
    version = meta.get("schema_version", "authorship/legacy")
    if not isinstance(version, str) or not version.startswith("authorship/"):
        raise NoteError(f"schema_version {str(version)[:40]!r} is not a git-ai authorship log")
    return meta


def _agent(key: str, meta: Mapping[str, Any], sigs: Signatures, number: int) -> str | None:
    if _HUMAN.fullmatch(key):
        return None
    if m := _SESSION.fullmatch(key):
        entry = _table(meta, "sessions").get(m.group(1))
    elif _PROMPT.fullmatch(key):
        entry = _table(meta, "prompts").get(key)
    else:
        raise NoteError(f"line {number}: unknown attestation key {key[:40]!r}")
    agent_id = entry.get("agent_id") if isinstance(entry, dict) else None
    tool = agent_id.get("tool") if isinstance(agent_id, dict) else None
    return sigs.tool_agent(tool) if isinstance(tool, str) and tool else OTHER


def _table(meta: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table = meta.get(name, {})
    if not isinstance(table, dict):
        raise NoteError(f"'{name}' is not an object")
    return table


def _ranges(text: str, number: int) -> list[tuple[int, int]]:
    result = []
    for part in text.split(","):
        m = _RANGE.fullmatch(part)
        start = int(m.group(1)) if m else 0
        end = int(m.group(2) or start) if m else 0
        if not m or start < 1 or end < start:
            raise NoteError(f"line {number}: bad line range {part[:20]!r}")
        result.append((start, end))
    return result
