"""Pairing functions across the change, pass by pass (pure, no git)."""

from __future__ import annotations

from gate.change import LineRange
from gate.complexity.matching import Lineage, Pair, Side, match
from gate.complexity.model import Function


def fn(name: str, cc: int = 1, lines: tuple[int, int] = (1, 2), digest: str = "") -> Function:
    return Function(name, lines[0], lines[0], lines[1], cc, digest or f"text of {name}")


def side(path: str, *functions: Function, touched: tuple[LineRange, ...] | None = ()) -> Side:
    return Side(path, functions, touched)


def summary(pairs: tuple[Pair, ...]) -> set[tuple[str | None, str | None, str | None]]:
    def name(at: object) -> str | None:
        if at is None:
            return None
        return f"{at.path}:{at.function.qualname}"  # type: ignore[attr-defined]

    return {(name(p.base), name(p.head), p.how) for p in pairs}


def test_same_name_in_a_renamed_file() -> None:
    lineage = Lineage(side("old.py", fn("f"), fn("gone")), side("new.py", fn("f"), fn("born")))
    assert summary(match([lineage])) == {
        ("old.py:f", "new.py:f", "name"),
        ("old.py:gone", None, None),
        (None, "new.py:born", None),
    }


def test_renamed_class_pairs_by_text() -> None:
    base = side("a.py", fn("Old.m", digest="m-text"), fn("Old.n", digest="n-text"))
    head = side("a.py", fn("New.m", digest="m-text"), fn("New.n", digest="n-edited"))
    assert summary(match([Lineage(base, head)])) == {
        ("a.py:Old.m", "a.py:New.m", "text"),
        ("a.py:Old.n", None, None),
        (None, "a.py:New.n", None),
    }


def test_moved_between_files() -> None:
    a = Lineage(side("a.py", fn("keep"), fn("moved", 7, digest="same")), side("a.py", fn("keep")))
    b = Lineage(side("b.py"), side("b.py", fn("moved", 7, digest="same")))
    assert summary(match([a, b])) == {
        ("a.py:keep", "a.py:keep", "name"),
        ("a.py:moved", "b.py:moved", "moved"),
    }


def test_moved_from_a_deleted_file_with_edits_that_keep_complexity() -> None:
    deleted = Lineage(side("old.py", fn("run", 4, digest="v1"), fn("other", 2)), None)
    added = Lineage(None, side("new.py", fn("run", 4, digest="v2"), fn("other", 3, digest="x")))
    assert summary(match([deleted, added])) == {
        ("old.py:run", "new.py:run", "moved-edited"),
        ("old.py:other", None, None),
        (None, "new.py:other", None),
    }


def test_a_copy_is_new_code() -> None:
    """A copied file has no base side; its source keeps its functions, so none are left."""
    source = Lineage(side("a.py", fn("f", 9, digest="t")), side("a.py", fn("f", 9, digest="t")))
    copy = Lineage(None, side("b.py", fn("f", 9, digest="t"), touched=None))
    pairs = match([source, copy])
    assert summary(pairs) == {("a.py:f", "a.py:f", "name"), (None, "b.py:f", None)}
    assert [p.touched for p in pairs if p.base is None] == [True]


def test_touched_means_the_lines_meet() -> None:
    functions = (fn("a", lines=(1, 5)), fn("b", lines=(6, 9)), fn("c", lines=(12, 20)))
    base = side("x.py", *functions, touched=(LineRange(10, 2),))
    head = side("x.py", *functions, touched=(LineRange(5, 1), LineRange(21, 3)))
    touched = {p.head.function.qualname: p.touched for p in match([Lineage(base, head)]) if p.head}
    assert touched == {"a": True, "b": False, "c": False}
    base = side("x.py", *functions, touched=(LineRange(11, 2),))
    touched = {p.head.function.qualname: p.touched for p in match([Lineage(base, head)]) if p.head}
    assert touched == {"a": True, "b": False, "c": True}


def test_first_come_first_served_and_stable() -> None:
    base = side("a.py", fn("x", digest="same"), fn("y", digest="same"))
    head = side("a.py", fn("p", digest="same"), fn("q", digest="same"), fn("r", digest="same"))
    pairs = match([Lineage(base, head)])
    assert summary(pairs) == {
        ("a.py:x", "a.py:p", "text"),
        ("a.py:y", "a.py:q", "text"),
        (None, "a.py:r", None),
    }
    assert match([Lineage(base, head)]) == pairs
