"""The text CPython reads from a file's bytes, and the map back to the file's lines (pure)."""

from __future__ import annotations

import pytest

from gate.security.reading import Reading, python

EVAL = "eval(data)\n"


@pytest.mark.parametrize(
    ("content", "text", "lines"),
    [
        pytest.param(b"x = 1\n", b"x = 1\n", (), id="ascii-unchanged"),
        pytest.param("s = 'caf\u00e9'\n".encode(), "s = 'caf\u00e9'\n".encode(), (), id="utf-8"),
        pytest.param(b"a\r\nb\r", b"a\r\nb\n", (1, 2, 2), id="lone-cr"),
        pytest.param(b"# c\rx\r\r\n", b"# c\nx\n\r\n", (1, 1, 1, 2), id="cr-cr-lf"),
        pytest.param(
            b"# -*- coding: utf-7 -*-\n+AGUAdgBhAGw-(data)\n",
            b"# -*- coding: utf-7 -*-\n" + EVAL.encode(),
            (1, 2, 3),
            id="utf-7",
        ),
        pytest.param(
            b"# coding: utf-7\nx = 1 +AAo-eval(d)\n",
            b"# coding: utf-7\nx = 1 \neval(d)\n",
            (1, 2, 2, 3),
            id="utf-7-newline-in-base64",
        ),
        pytest.param(
            b"#!/usr/bin/python\n# coding: latin-1\ns = '\xe9'\n",
            "#!/usr/bin/python\n# coding: latin-1\ns = '\u00e9'\n".encode(),
            (1, 2, 3, 4),
            id="latin-1-on-line-2",
        ),
        pytest.param(
            b"# coding: latin-1\nx = 1\n", b"# coding: latin-1\nx = 1\n", (), id="latin-1-ascii"
        ),
        pytest.param(
            "\uff45\uff56\uff41\uff4c(x)\n".encode(), b"eval(x)\n", (1, 2), id="fullwidth"
        ),
        pytest.param(
            "s = '\uff45'\n\u2460 = 1\n".encode(),
            "s = 'e'\n\u2460 = 1\n".encode(),
            (1, 2, 3),
            id="only-identifier-runs",
        ),
        pytest.param(b"# coding: rot13\nriny(k)\n", b"# coding: rot13\nriny(k)\n", (), id="rot13"),
        pytest.param(b"# coding: klingon\nx\n", b"# coding: klingon\nx\n", (), id="unknown"),
        pytest.param(
            b"# coding: utf-16\nx\n", b"# coding: utf-16\nx\n", (), id="utf-16-reads-no-cookie"
        ),
        pytest.param(
            b"# coding: cp037\n" + EVAL.encode("cp037"),
            b"# coding: cp037\n" + EVAL.encode("cp037"),
            (),
            id="ebcdic",
        ),
        pytest.param(
            b"# coding: ascii\ns = '\xe9'\n", b"# coding: ascii\ns = '\xe9'\n", (), id="undecodable"
        ),
    ],
)
def test_python_reads_what_cpython_compiles(
    content: bytes, text: bytes, lines: tuple[int, ...]
) -> None:
    assert python(content) == Reading(text, lines)


def test_lines_map_back_to_the_file() -> None:
    reading = python(b"a = 1\n# c\r\reval(x)\n")
    assert [reading.line(n) for n in (1, 2, 3, 4)] == [1, 2, 2, 2]
    assert Reading(b"x\n").line(7) == 7
