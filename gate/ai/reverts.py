"""Revert chains inside the range: whose lines a ``git revert`` commit brings back (pure).

``git revert`` writes ``This reverts commit <sha>.`` into the message. A revert
of a revert re-adds the lines the first revert took out: the original commit's.
A lone revert's lines are counted as the reverted commit's. Chains are followed
down to the first commit that is not a revert of a range commit, so a chain of
any length ends at the commit that started it. Only commits of the range are
followed: a revert of older history keeps its own attribution. The message is
the change author's own text, so a revert's origin may only raise the share
(:mod:`gate.ai.attribute` takes the stronger of the two attributions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from gate.ai.commits import Commit

_REVERTS = re.compile(r"^This reverts commit ([0-9a-f]{40}|[0-9a-f]{64})\b", re.MULTILINE)


def origins(commits: Mapping[str, Commit]) -> dict[str, str]:
    """For each revert of a range commit, the commit its lines are counted as (its chain's root)."""
    reverted = {}
    for sha, commit in commits.items():
        # the last one: `git revert` appends its line after the message it quotes
        found = _REVERTS.findall(commit.message)
        if found and found[-1] in commits and found[-1] != sha:
            reverted[sha] = found[-1]
    result = {}
    for sha, target in reverted.items():
        seen, root = {sha}, target
        while root in reverted and reverted[root] not in seen:  # hashes rule out cycles; be safe
            seen.add(root)
            root = reverted[root]
        result[sha] = root
    return result
