"""Token usage from Entire checkpoints: what the agent sessions behind the commits cost.

A commit written with the Entire CLI carries ``Entire-Checkpoint: <id>``; the checkpoint's
``metadata.json`` sits at ``<id[:2]>/<id[2:]>/`` in a ref under ``refs/entire/``. Its
``token_usage`` (input, output and cache tokens; ``cost_usd`` when the CLI priced it)
counts for the commit's agent. A commit whose checkpoint cannot be found or read adds
nothing: missing data stays "no data", never zero.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from gate.ai.commits import Commit
from gate.ai.signals import Fired, trailers
from gate.git import Git
from gate.history.figures import Key

PREFIX = "refs/entire/"
TRAILER = "entire-checkpoint"
_ID = re.compile(r"[0-9a-f]{6,64}")
_TOKENS = ("input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens")


def usage(
    git: Git, commits: Mapping[str, Commit], leads: Mapping[str, Fired | None]
) -> Counter[Key]:
    """Tokens and cost per agent from the period's checkpoints (one ``cat-file`` for all)."""
    wanted = []
    for sha, commit in commits.items():
        for key, value in trailers(commit.message):
            if key == TRAILER and _ID.fullmatch(value.lower()):
                wanted.append((sha, value.lower()))
    refs = git.refs_under(PREFIX) if wanted else ()
    specs = [f"{ref}:{cid[:2]}/{cid[2:]}/metadata.json" for _, cid in wanted for ref in refs]
    blobs = iter(git.cat_file(specs) if specs else [])
    counts: Counter[Key] = Counter()
    for sha, _ in wanted:
        found = [b for b in (next(blobs) for _ in refs) if b is not None]
        spent = _spent(found[0]) if found else None
        lead = leads.get(sha)
        if spent is None or lead is None:
            continue
        scope = ("agent", lead.agent)
        for metric, amount in zip(("tokens", "cost_micros"), spent, strict=True):
            if amount is not None:
                counts[scope, metric, 0] += amount
                counts[scope, metric, 1] = 1
    return counts


def _spent(blob: bytes) -> tuple[int | None, int | None] | None:
    """(tokens, cost in micro-units) of one metadata.json; None when it says nothing."""
    try:
        data: Any = json.loads(blob)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    usage = data.get("token_usage") if isinstance(data, dict) else None
    if not isinstance(usage, dict):
        return None
    counts = [usage.get(k) for k in _TOKENS]
    numbers = [v for v in counts if isinstance(v, int) and not isinstance(v, bool) and v >= 0]
    cost = usage.get("cost_usd")
    micros = round(cost * 1_000_000) if isinstance(cost, (int, float)) and cost >= 0 else None
    return (sum(numbers) if numbers else None), micros
