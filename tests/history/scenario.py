"""A repository whose every line's fate is known: backdated commits, AI and human,
a rewrite after 10 days, a move, a deletion, a merge, a rename."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from gate.lineage.table import BEFORE
from tests.gitrepo import GitRepo, lines

HUMAN = "Dev <dev@example.com>"
OTHER = "Ann <ann@example.com>"
CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
DAY = 86400
START = 1767225600  # 2026-01-01T00:00:00Z


def at(day: int) -> str:
    return f"@{START + day * DAY} +0000"


def code(n: int, prefix: str) -> str:
    """``n`` distinct lines long enough to count as a moved block."""
    return "".join(f"value_{prefix}_{i} = compute_{prefix}({i})\n" for i in range(1, n + 1))


@dataclass(frozen=True)
class Story:
    repo: GitRepo
    shas: dict[str, str]


def build(path: Path) -> Story:
    """The story (days since 2026-01-01):

    0  human: app.py (10 lines), util.py (5 lines)
    1  claude: ai.py (10 lines)
    11 human (Ann): rewrites every line of ai.py -> the 10 AI lines die after 10 days
    12 human: moves app.py lines 6-10 to moved.py (they keep day 0)
    13 human: deletes util.py (5 lines die after 13 days)
    14 claude on branch feature: feature.py (4 lines)
    15 human on main: appends 2 lines to app.py
    16 merge of feature (no fast-forward)
    17 human: renames moved.py to lib/moved.py
    """
    repo = GitRepo.init(path)
    shas = {}
    shas["base"] = repo.commit(
        "base", {"app.py": code(10, "app"), "util.py": lines(5, "util")}, author=HUMAN, date=at(0)
    )
    shas["ai"] = repo.commit("ai code" + CLAUDE, {"ai.py": code(10, "ai")}, date=at(1))
    shas["rewrite"] = repo.commit(
        "rewrite ai.py", {"ai.py": code(10, "human")}, author=OTHER, date=at(11)
    )
    app = code(10, "app").splitlines(keepends=True)
    shas["move"] = repo.commit(
        "move", {"app.py": "".join(app[:5]), "moved.py": "".join(app[5:])}, date=at(12)
    )
    shas["delete"] = repo.commit("delete util", {"util.py": None}, date=at(13))
    repo.branch("feature")
    shas["feature"] = repo.commit("feature" + CLAUDE, {"feature.py": code(4, "feat")}, date=at(14))
    repo.checkout("main")
    shas["main"] = repo.commit(
        "more app", {"app.py": "".join(app[:5]) + code(2, "more")}, date=at(15)
    )
    repo.git(
        "merge", "-q", "--no-ff", "-m", "merge feature", "feature",
        env={"GIT_AUTHOR_DATE": at(16), "GIT_COMMITTER_DATE": at(16)},
    )  # fmt: skip
    shas["merge"] = repo.head()
    (path / "lib").mkdir()
    repo.git("mv", "moved.py", "lib/moved.py")
    shas["rename"] = repo.commit("rename", date=at(17))
    return Story(repo, shas)


def blame(repo: GitRepo, rev: str, path: str) -> list[str]:
    """``git blame -w --root`` of every line of ``path`` at ``rev``: its commit."""
    out = subprocess.run(
        ["git", "blame", "-w", "--root", "--porcelain", rev, "--", path],
        cwd=repo.path,
        capture_output=True,
        check=True,
    ).stdout
    shas = []
    for line in out.split(b"\n"):
        parts = line.split(b" ")
        if len(parts) >= 3 and len(parts[0]) in (40, 64) and parts[1].isdigit():
            shas.append(parts[0].decode())
    return shas


def origin(commits: tuple[str, ...], commit: int) -> str | None:
    return None if commit == BEFORE else commits[commit]
