"""One blob to its functions: names, spans, radon's numbers, and every way a file can fail."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from radon.complexity import cc_visit
from radon.metrics import mi_visit

from gate.complexity.analysis import analyse
from gate.complexity.model import Function, Metrics, Unanalysable


def functions(source: str) -> dict[str, Function]:
    result = analyse(textwrap.dedent(source).encode())
    assert isinstance(result, Metrics), result
    return {f.qualname: f for f in result.functions}


def reason(data: bytes) -> Unanalysable:
    result = analyse(data)
    assert isinstance(result, Unanalysable), result
    return result


NESTED = """\
    import os

    @decorator
    @other(
        arg=1,
    )
    def outer(a):
        if a:
            return 1
        def inner(b):
            for x in b:
                if x and a:
                    return x
        class Local:
            def method(self):
                return self or a
        return inner

    class Service:
        timeout = 3

        @property
        def value(self):
            return 1

        @value.setter
        def value(self, v):
            if v:
                self._v = v

        class Inner:
            async def run(self):
                while True:
                    pass

    if os.name == "nt":
        def path():
            return "a"
    else:
        def path():
            return "b" if os else "c"

    try:
        import x
    except ImportError:
        def fallback():
            pass
    """


def test_qualified_names_spans_and_complexity() -> None:
    found = functions(NESTED)
    assert list(found) == [
        "outer",
        "outer.inner",
        "outer.Local.method",
        "Service.value",
        "Service.value#2",
        "Service.Inner.run",
        "path",
        "path#2",
        "fallback",
    ]
    outer = found["outer"]
    assert (outer.start, outer.line, outer.end) == (3, 7, 17), "decorators to the last line"
    assert found["outer.Local.method"].end == 16
    assert found["Service.value#2"].line == 27
    cc = {name: f.cc for name, f in found.items()}
    assert cc == {
        "outer": 2,
        "outer.inner": 4,
        "outer.Local.method": 2,
        "Service.value": 1,
        "Service.value#2": 2,
        "Service.Inner.run": 2,
        "path": 1,
        "path#2": 2,
        "fallback": 1,
    }


def test_complexity_is_radons() -> None:
    """Every number radon reports for a function is the number the gate uses."""
    source = textwrap.dedent(NESTED)
    expected = {(b.lineno, b.complexity) for b in _radon_functions(cc_visit(source))}
    ours = {(f.line, f.cc) for f in functions(NESTED).values()}
    # radon leaves out classes defined inside functions; the gate measures them alike.
    assert ours - expected == {(15, 2)}
    assert expected <= ours


def _radon_functions(blocks: list[Any]) -> list[Any]:
    found: list[Any] = []
    stack = list(blocks)
    while stack:
        block = stack.pop()
        if hasattr(block, "closures"):
            found.append(block)
            stack.extend(block.closures)
        else:
            stack.extend(getattr(block, "methods", ()))
            stack.extend(getattr(block, "inner_classes", ()))
    return found


def test_digest_ignores_indentation_and_blank_lines_not_text() -> None:
    method = functions("class A:\n    def f(self, x):\n\n        return x\n")["A.f"]
    function = functions("def f(self, x):\n    return x\n")["f"]
    edited = functions("def f(self, x):\n    return x + 1\n")["f"]
    assert method.digest == function.digest
    assert edited.digest != function.digest


def test_line_numbers_follow_python_line_ends_only() -> None:
    """A form feed or U+2028 is not a line end for Python (str.splitlines thinks so)."""
    found = functions("x = '\u2028'\f\ndef f():\r\n    return 1\rdef g():\n    pass\n")
    assert (found["f"].line, found["g"].line) == (2, 4)
    assert found["f"].digest != found["g"].digest


def test_maintainability_index_is_radons() -> None:
    source = textwrap.dedent(NESTED)
    result = analyse(source.encode(), with_mi=True)
    assert isinstance(result, Metrics)
    assert result.mi == round(mi_visit(source, True), 2)
    assert isinstance(analyse(source.encode()), Metrics)
    assert analyse(source.encode()).mi is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"\xef\xbb\xbfdef f():\n    pass\n", ["f"], id="utf-8-bom"),
        pytest.param(
            b"# -*- coding: latin-1 -*-\ndef caf\xe9():\n    return '\xe9'\n",
            ["caf\xe9"],
            id="latin-1-cookie",
        ),
        pytest.param(
            b"# vim: set fileencoding=cp1252 :\ns = '\x80'\ndef g():\n    pass\n",
            ["g"],
            id="cp1252-cookie",
        ),
        pytest.param(b"if x:\n\tdef f():\n\t\tpass\n", ["f"], id="tabs-consistent"),
        pytest.param(b"", [], id="empty-file"),
        pytest.param(b"x = [" + b"1, " * 100_000 + b"]\n", [], id="long-one-line-list"),
    ],
)
def test_decodes_like_python(data: bytes, expected: list[str]) -> None:
    result = analyse(data)
    assert isinstance(result, Metrics), result
    assert [f.qualname for f in result.functions] == expected


@pytest.mark.parametrize(
    ("data", "message", "line", "cacheable"),
    [
        pytest.param(b"def f(:\n    pass\n", "syntax error: invalid syntax", 1, True, id="syntax"),
        pytest.param(
            b'def f():\n    print "hello"\n',
            "syntax error: Missing parentheses in call to 'print'",
            2,
            True,
            id="python-2-print",
        ),
        pytest.param(b"x = 1\x00\n", "null bytes", None, True, id="nul-byte"),
        pytest.param(
            b"if x:\n\ty = 1\n        z = 2\n",
            "syntax error: inconsistent use of tabs and spaces in indentation",
            3,
            True,
            id="mixed-tabs",
        ),
        pytest.param(
            b"x = " + b"1+" * 100_000 + b"1\n",
            "nested too deeply for the analyser, even 100,000 frames deep (RecursionError)",
            None,
            False,
            id="deep-expression-in-the-parser",
        ),
        pytest.param(
            b"x = " + b"-" * 100_000 + b"1\n",
            "MemoryError",
            None,
            False,
            id="parser-memory-error",
        ),
        pytest.param(
            b"x = 1\ny = 2\ns = 'caf\xe9'\n",
            "not valid utf-8: invalid continuation byte at byte 20",
            None,
            True,
            id="latin-1-no-cookie",
        ),
        pytest.param(
            b"s = 'caf\xe9'\n",
            "cannot decode: invalid or missing encoding declaration",
            None,
            True,
            id="latin-1-first-line",
        ),
        pytest.param(
            b"# coding: klingon\nx = 1\n",
            "cannot decode: unknown encoding",
            None,
            True,
            id="cookie",
        ),
        pytest.param(
            b"# coding: rot13\nriny(k)\n",
            "cannot decode: rot13 is not a text encoding",
            None,
            True,
            id="not-a-text-codec",
        ),
        pytest.param(
            b"\xef\xbb\xbf# coding: latin-1\n",
            "cannot decode: encoding problem",
            None,
            True,
            id="bom",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "cannot decode", None, True, id="png-named-py"
        ),
        pytest.param(
            b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"a" * 64 + b"\nsize 9\n",
            "a Git LFS pointer",
            None,
            True,
            id="lfs-pointer",
        ),
    ],
)
def test_not_analysable(data: bytes, message: str, line: int | None, cacheable: bool) -> None:
    result = reason(data)
    assert message in result.reason
    assert result.line == line
    assert result.cacheable is cacheable


def test_maintainability_tokenizer_failure() -> None:
    """ast accepts a backslash before a blank last line; radon's tokenizer pass does not."""
    data = b"x = 1 \\\n\n"
    assert isinstance(analyse(data), Metrics)
    result = reason_mi(data)
    assert result.reason.startswith("maintainability index: the tokenizer failed")


def reason_mi(data: bytes) -> Unanalysable:
    result = analyse(data, with_mi=True)
    assert isinstance(result, Unanalysable), result
    return result
