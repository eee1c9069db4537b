"""Finding identity and matching between the two sides (pure: no git, no semgrep)."""

from __future__ import annotations

import pytest

from gate.security.identity import Occurrence, compare, context, normalise, numbered


def occ(
    path: str = "a.py",
    line: int = 1,
    *,
    rule: str = "eval",
    text: str = "eval(x)",
    lineage: str | None = None,
    context: str = "def f(x): eval(x)",
    suppressed: bool = False,
    added: bool = False,
) -> Occurrence:
    return Occurrence(
        rule=rule,
        path=path,
        lineage=lineage or path,
        text=text,
        context=context,
        line=line,
        offset=line * 100,
        severity="ERROR",
        message="m",
        suppressed=suppressed,
        added=added,
    )


def where(items: tuple[Occurrence, ...]) -> list[tuple[str, int]]:
    return [(o.path, o.line) for o in items]


def test_normalise_collapses_whitespace_and_keeps_odd_bytes() -> None:
    assert normalise(b"eval(\n    x ,\ty )") == "eval( x , y )"
    assert normalise(b"f('\xe9')") == "f('\udce9')"


@pytest.mark.parametrize(
    ("source", "match", "expected"),
    [
        pytest.param(
            b"def f(x):\n\n    y = eval(x)  # c\nz = 1\n",
            b"eval(x)",
            "def f(x): y = eval(x) # c",
            id="line-before",
        ),
        pytest.param(b"eval(x)", b"eval(x)", "eval(x)", id="only-line"),
        pytest.param(
            b"a(\n  1)\nb = eval(\n  x)\n", b"eval(\n  x)", "1) b = eval( x)", id="multi-line"
        ),
    ],
)
def test_context_is_the_lines_and_the_one_before(
    source: bytes, match: bytes, expected: str
) -> None:
    start = source.index(match)
    assert context(source, start, start + len(match)) == expected


def test_numbered_counts_equal_findings_in_source_order() -> None:
    items = numbered([occ(line=9), occ(line=3), occ(line=5, text="eval(y)"), occ("b.py", 1)])
    assert [(o.path, o.line, o.index) for o in items] == [
        ("a.py", 3, 0),
        ("a.py", 5, 0),
        ("a.py", 9, 1),
        ("b.py", 1, 0),
    ]


@pytest.mark.parametrize(
    ("base", "head", "new", "fixed", "moved"),
    [
        pytest.param([occ(line=5)], [occ(line=50)], [], [], 0, id="moved-within-the-file"),
        pytest.param(
            [occ("old.py", 4)],
            [occ("new.py", 4, lineage="old.py")],
            [],
            [],
            0,
            id="renamed-file",
        ),
        pytest.param([occ("a.py", 4)], [occ("b.py", 7)], [], [], 1, id="moved-to-another-file"),
        pytest.param(
            [occ("a.py", 4)],
            [occ("b.py", 7, context="def handler(req): eval(x)")],
            [("b.py", 7)],
            [("a.py", 4)],
            0,
            id="fixed-here-written-there-is-not-a-move",
        ),
        pytest.param(
            [occ("a.py", 4)],
            [occ("a.py", 4), occ("b.py", 7, added=True)],
            [("b.py", 7)],
            [],
            0,
            id="copied-while-the-original-stays",
        ),
        pytest.param(
            [occ(line=5)],
            [occ(line=6), occ(line=2, added=True)],
            [("a.py", 2)],
            [],
            0,
            id="duplicate-is-new-on-the-added-line",
        ),
        pytest.param(
            [occ(line=5)],
            [occ(line=5), occ(line=9)],
            [("a.py", 9)],
            [],
            0,
            id="duplicate-without-line-information-is-the-later-one",
        ),
        pytest.param(
            [occ(line=5)],
            [occ(line=5, text="eval(  y )")],
            [("a.py", 5)],
            [("a.py", 5)],
            0,
            id="changed-text-is-new-and-fixed",
        ),
        pytest.param(
            [occ(line=5)],
            [occ(line=5, rule="other")],
            [("a.py", 5)],
            [("a.py", 5)],
            0,
            id="other-rule-same-text",
        ),
        pytest.param([occ("gone.py", 3)], [], [], [("gone.py", 3)], 0, id="deleted-file"),
    ],
)
def test_compare(
    base: list[Occurrence],
    head: list[Occurrence],
    new: list[tuple[str, int]],
    fixed: list[tuple[str, int]],
    moved: int,
) -> None:
    result = compare(base, head)
    assert where(result.new) == new
    assert where(result.fixed) == fixed
    assert len(result.moved) == moved
    assert result.suppressed == ()


@pytest.mark.parametrize(
    ("base", "head", "suppressed", "new", "fixed"),
    [
        pytest.param(
            [occ(suppressed=True)], [occ(suppressed=True)], [], [], [], id="kept-suppression"
        ),
        pytest.param([occ()], [occ(suppressed=True)], [1], [], [], id="existing-finding-hidden"),
        pytest.param([], [occ(suppressed=True)], [1], [], [], id="new-finding-hidden"),
        pytest.param([occ(suppressed=True)], [occ()], [], [], [], id="suppression-removed"),
        pytest.param([occ(suppressed=True)], [], [], [], [], id="suppressed-finding-deleted"),
        pytest.param(
            [occ(line=1, suppressed=True), occ(line=2)],
            [occ(line=1, suppressed=True), occ(line=2, suppressed=True), occ(line=3)],
            # As many live findings as before, one more hidden: one suppression added.
            [2],
            [],
            [],
            id="one-more-hidden",
        ),
        pytest.param(
            [occ("a.py", 1)],
            [occ("b.py", 1, suppressed=True)],
            [1],
            [],
            [],
            id="moved-and-hidden",
        ),
    ],
)
def test_compare_suppressions(
    base: list[Occurrence],
    head: list[Occurrence],
    suppressed: list[int],
    new: list[int],
    fixed: list[int],
) -> None:
    result = compare(base, head)
    assert [o.line for o in result.suppressed] == suppressed
    assert [o.line for o in result.new] == new
    assert [o.line for o in result.fixed] == fixed


def test_additions_cannot_hide_behind_other_changes() -> None:
    # Three evals removed in a.py, four written in b.py: exactly one is new.
    base = [occ("a.py", n) for n in (1, 2, 3)]
    head = [occ("b.py", n, added=True) for n in (1, 2, 3, 4)]
    result = compare(base, head)
    assert len(result.moved) == 3
    assert where(result.new) == [("b.py", 4)]
