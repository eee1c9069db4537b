"""The disk cache: round trips, its location, corrupt entries, concurrent writers."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from gate.complexity.cache import Cache, default_root, version_tag
from gate.complexity.model import Analysis, Function, Metrics, Unanalysable

BLOB = "ab" + "c" * 38
METRICS = Metrics(
    (Function("A.f", 3, 2, 9, 4, "d1", (7, 2**32 - 1)), Function("g#2", 11, 11, 12, 1, "d2")), 71.5
)


def cache(tmp_path: Path) -> Cache:
    return Cache.at(tmp_path / "cache")


@pytest.mark.parametrize(
    "analysis",
    [
        pytest.param(METRICS, id="metrics"),
        pytest.param(Metrics(()), id="no-functions-no-mi"),
        pytest.param(Unanalysable("syntax error: x", line=3), id="unanalysable"),
        pytest.param(Metrics((Function("caf\xe9.\u202e", 1, 1, 1, 1, "d"),)), id="unicode-name"),
    ],
)
def test_round_trip(tmp_path: Path, analysis: Analysis) -> None:
    c = cache(tmp_path)
    assert c.get(BLOB, with_mi=False) is None
    assert c.put(BLOB, analysis)
    assert c.get(BLOB, with_mi=False) == analysis


def test_layout_names_versions(tmp_path: Path) -> None:
    c = cache(tmp_path)
    c.put(BLOB, METRICS)
    tag = version_tag()
    assert tag.startswith("v2-radon")
    assert "python3" in tag
    assert (tmp_path / "cache" / "complexity" / tag / "ab" / f"{BLOB}.json").is_file()
    assert not list((tmp_path / "cache").rglob(".tmp-*")), "no temporary file is left behind"


def test_sha256_repositories_and_bad_keys(tmp_path: Path) -> None:
    c = cache(tmp_path)
    long = "e" * 64
    assert c.put(long, METRICS)
    assert c.get(long, with_mi=True) == METRICS
    for bad in ("../../etc/passwd", "ABC" + "0" * 37, "0" * 39, ""):
        assert not c.put(bad, METRICS)
        assert c.get(bad, with_mi=False) is None


def test_an_entry_without_the_index_is_a_miss_when_it_is_needed(tmp_path: Path) -> None:
    c = cache(tmp_path)
    c.put(BLOB, Metrics(METRICS.functions))
    assert c.get(BLOB, with_mi=False) == Metrics(METRICS.functions)
    assert c.get(BLOB, with_mi=True) is None
    c.put(BLOB, Unanalysable("x"))
    assert c.get(BLOB, with_mi=True) == Unanalysable("x")


def _entry(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "complexity" / version_tag() / BLOB[:2] / f"{BLOB}.json"


GOOD = {"blob": BLOB, "mi": 50.0, "functions": [["f", 1, 1, 2, 3, "d", [5]]]}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00\xff garbage", id="binary"),
        pytest.param(json.dumps(GOOD).encode()[:-5], id="truncated"),
        pytest.param(b"[]", id="a-list"),
        pytest.param({**GOOD, "blob": "d" * 40}, id="another-blob"),
        pytest.param({**GOOD, "mi": 101.0}, id="mi-out-of-range"),
        pytest.param({**GOOD, "mi": "50"}, id="mi-a-string"),
        pytest.param({**GOOD, "functions": 3}, id="functions-not-a-list"),
        pytest.param({**GOOD, "functions": [["f", 1, 1, 2, 3, "d"]]}, id="short-row"),
        pytest.param({**GOOD, "functions": [["f", 1, 1, 2, True, "d", []]]}, id="bool-for-int"),
        pytest.param({**GOOD, "functions": [["f", 1, 1, 2, -3, "d", []]]}, id="negative"),
        pytest.param({**GOOD, "functions": [[1, 1, 1, 2, 3, "d", []]]}, id="name-not-text"),
        pytest.param({**GOOD, "functions": [["f", 1, 1, 2, 3, "d", 5]]}, id="body-not-a-list"),
        pytest.param({**GOOD, "functions": [["f", 1, 1, 2, 3, "d", ["x"]]]}, id="body-not-ints"),
        pytest.param({"blob": BLOB, "functions": []}, id="missing-key"),
        pytest.param({"blob": BLOB, "reason": 3, "line": None}, id="reason-not-text"),
        pytest.param({"blob": BLOB, "reason": "x", "line": "3"}, id="line-not-int"),
    ],
)
def test_corrupt_entries_are_ignored(tmp_path: Path, content: bytes | dict[str, object]) -> None:
    c = cache(tmp_path)
    path = _entry(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    assert c.get(BLOB, with_mi=False) is None
    assert c.put(BLOB, METRICS), "a bad entry is replaced"
    assert c.get(BLOB, with_mi=True) == METRICS


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert not Cache.at(blocker).put(BLOB, METRICS)
    c = cache(tmp_path)
    _entry(tmp_path).mkdir(parents=True)  # a directory where the entry should go
    assert not c.put(BLOB, METRICS)
    assert c.get(BLOB, with_mi=False) is None
    assert not list(_entry(tmp_path).parent.glob(".tmp-*")), "the temporary file is removed"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({"XDG_CACHE_HOME": "/xdg"}, "/xdg/merge-gate", id="xdg"),
        pytest.param({}, "/home/me/.cache/merge-gate", id="home"),
        pytest.param({"XDG_CACHE_HOME": ""}, "/home/me/.cache/merge-gate", id="empty-xdg"),
        pytest.param({"XDG_CACHE_HOME": "rel"}, "/home/me/.cache/merge-gate", id="relative-xdg"),
    ],
)
def test_default_root(env: dict[str, str], expected: str) -> None:
    assert default_root(env, Path("/home/me")) == Path(expected)


def _hammer(root: str, seed: int, rounds: int) -> list[str]:
    """Write and read the same entries as fast as possible; return what looked wrong."""
    c = Cache(Path(root))
    wrong = []
    for i in range(rounds):
        blob = f"{(seed + i) % 3:040x}"
        expected = Metrics((Function(f"f{blob[-1]}", 1, 1, 2, 3, "d" * 24),), 42.0)
        got = c.get(blob, with_mi=True)
        if got is not None and got != expected:
            wrong.append(f"{blob}: {got}")
        if not c.put(blob, expected):
            wrong.append(f"{blob}: not written")
    return wrong


def test_concurrent_writers_and_readers_never_see_half_an_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(_hammer, [(str(tmp_path), seed, 300) for seed in range(8)])
    assert results == [[] for _ in range(8)]
    assert len(list(tmp_path.rglob("*.json"))) == 3
    assert not list(tmp_path.rglob(".tmp-*"))
