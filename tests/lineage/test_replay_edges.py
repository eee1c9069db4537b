"""The engine on the files and histories that break naive replays, checked against
``git blame -w`` line by line (moved lines aside) and against their known fates."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate.git import Git
from gate.lineage import engine
from gate.lineage.replay import Lifetimes
from gate.lineage.table import ALIVE, BEFORE
from tests.gitrepo import GitRepo
from tests.history.scenario import at, blame, code

BINARY = b"\x00\x01binary\n"
ODD = 'dir with space/caf\u00e9 "q".py'


def build(path: Path) -> tuple[GitRepo, dict[str, str]]:
    repo = GitRepo.init(path)
    s = {}
    s["one"] = repo.commit(
        "one",
        {"a.py": code(6, "a"), "img.bin": BINARY, ODD: code(3, "odd"), "tail.txt": "x\ny"},
        date=at(0),
    )
    (repo.path / "link").symlink_to("a.py")
    s["two"] = repo.commit(
        "reindent, copy, binary to text, symlink",
        {
            "a.py": "".join("    " + ln for ln in code(6, "a").splitlines(keepends=True)),
            "copy.py": code(6, "a"),
            "img.bin": code(2, "img"),
            "tail.txt": "x\ny\nz\n",
        },
        date=at(1),
    )
    repo.branch("side")
    s["side"] = repo.commit("side", {"a.py": "    " + code(1, "side") + code(6, "a")}, date=at(2))
    repo.checkout("main")
    s["main"] = repo.commit("main", {ODD: code(3, "odd") + code(1, "main")}, date=at(3))
    repo.git("merge", "-q", "--no-ff", "--no-commit", "side", env={"GIT_AUTHOR_DATE": at(4)})
    repo.write("copy.py", code(6, "a") + code(1, "resolved"))
    repo.git("add", "-A")
    repo.git(
        "commit", "-q", "-m", "merge side",
        env={"GIT_AUTHOR_DATE": at(4), "GIT_COMMITTER_DATE": at(4)},
    )  # fmt: skip
    s["merge"] = repo.head()
    s["gone"] = repo.commit("drop the binary", {"img.bin": None}, date=at(5))
    return repo, s


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitRepo, dict[str, str], Lifetimes]:
    repo, s = build(tmp_path_factory.mktemp("edges") / "repo")
    lives = engine.lifetimes(Git(repo.path), s["gone"], 0, keep={s["gone"]})
    return repo, s, lives


def born(lives: Lifetimes, sha: str) -> list[tuple[str, bool]]:
    t = lives.table
    i = [c.sha for c in lives.commits].index(sha)
    return [(t.paths[t.path[x]], t.death[x] == ALIVE) for x in range(len(t)) if t.commit[x] == i]


def test_known_fates(built: tuple[GitRepo, dict[str, str], Lifetimes]) -> None:
    _, s, lives = built
    one = born(lives, s["one"])
    assert one.count(("a.py", True)) == 6  # re-indenting keeps the origin
    assert [p for p, _ in one if p == "img.bin"] == []  # binary: no lines
    assert one.count((ODD, True)) == 3
    two = born(lives, s["two"])
    assert two.count(("copy.py", True)) == 6  # a copy is new code
    assert two.count(("img.bin", False)) == 2  # binary became text, then the file went
    assert ("link", True) not in two  # a symbolic link is not code
    assert born(lives, s["merge"]) == [("copy.py", True)]  # only the conflict resolution
    assert born(lives, s["side"]) == [("a.py", True)]


def test_every_file_agrees_with_blame(built: tuple[GitRepo, dict[str, str], Lifetimes]) -> None:
    repo, s, lives = built
    t = lives.table
    shas = [c.sha for c in lives.commits]
    for path, ids in lives.states[s["gone"]].files.items():
        if not ids:
            continue
        theirs = blame(repo, s["gone"], path)
        mine = [shas[t.commit[x]] for x in ids if not t.moved[x]]
        assert mine == [sha for x, sha in zip(ids, theirs, strict=True) if not t.moved[x]], path


def test_a_later_period_reads_binary_and_odd_files_from_before(
    built: tuple[GitRepo, dict[str, str], Lifetimes],
) -> None:
    repo, s, _ = built
    lives = engine.lifetimes(Git(repo.path), s["gone"], int(at(1)[1:].split()[0]))
    t = lives.table
    before = {t.paths[t.path[x]] for x in range(len(t)) if t.commit[x] == BEFORE}
    assert "img.bin" not in before  # binary at the boundary: no lines
    assert "a.py" in before
