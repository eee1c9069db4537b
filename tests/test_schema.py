from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from gate.errors import ConfigError
from gate.schema import build


@dataclass(frozen=True)
class Inner:
    name: str = ""


@dataclass(frozen=True)
class Outer:
    inner: Inner = Inner()
    inners: tuple[Inner, ...] = ()
    limit: float | None = field(default=None, metadata={"min": 1})


def test_nested_tables_and_optional() -> None:
    built = build(Outer, {"inner": {"name": "x"}, "inners": [{"name": "y"}], "limit": 2}, "f.toml")
    assert built == Outer(Inner("x"), (Inner("y"),), 2.0)
    assert build(Outer, {}, "f.toml") == Outer()


def test_nested_errors_name_the_path() -> None:
    with pytest.raises(ConfigError, match=r"f\.toml: unknown key \[inner\] nam "):
        build(Outer, {"inner": {"nam": "x"}}, "f.toml")
    with pytest.raises(ConfigError, match=r"inners\[0\] must be a table, got a number"):
        build(Outer, {"inners": [3]}, "f.toml")
    with pytest.raises(ConfigError, match=r"limit must be at least 1, got 0"):
        build(Outer, {"limit": 0}, "f.toml")


def test_dashes_are_underscores() -> None:
    @dataclass(frozen=True)
    class Dashed:
        max_files: int = 0

    assert build(Dashed, {"max-files": 3}, "f") == Dashed(3)


@dataclass(frozen=True)
class Entry:
    id: str
    class_: str = "agent"


@dataclass(frozen=True)
class Section:
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Top:
    ai: Section = Section()


def test_a_field_named_after_a_keyword_takes_the_bare_key() -> None:
    built = build(Top, {"ai": {"entries": [{"id": "x", "class": "weak"}]}}, "f")
    assert built.ai.entries == (Entry("x", "weak"),)
    with pytest.raises(ConfigError, match=r"unknown key \[ai\.entries\[0\]\] class_ "):
        build(Top, {"ai": {"entries": [{"id": "x", "class_": "weak"}]}}, "f")


def test_a_field_without_default_is_a_required_key() -> None:
    with pytest.raises(ConfigError, match=r"^f: missing key \[ai\.entries\[1\]\] id$"):
        build(Top, {"ai": {"entries": [{"id": "x"}, {"class": "weak"}]}}, "f")
    with pytest.raises(ConfigError, match=r"^f: missing key id$"):
        build(Entry, {}, "f")


def test_errors_inside_a_list_of_tables_name_the_entry() -> None:
    with pytest.raises(ConfigError, match=r"^f: unknown key \[ai\.entries\[0\]\] idd "):
        build(Top, {"ai": {"entries": [{"idd": "x"}]}}, "f")
