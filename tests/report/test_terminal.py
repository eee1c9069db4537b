from __future__ import annotations

import click

from gate.report.terminal import render
from gate.result import Result
from tests.report.sample import error_result, golden


def test_golden(result: Result) -> None:
    golden("terminal.txt", render(result))


def test_color() -> None:
    assert "\x1b[" not in render(error_result())
    assert "\x1b[35m" in render(error_result(), style=click.style)


def test_long_lists_are_cut(result: Result) -> None:
    from dataclasses import replace

    from gate.result import Excluded

    many = replace(
        result,
        excluded=tuple(Excluded(f"v/{i}.js", "vendored") for i in range(8)),
        checks=(replace(result.checks[1], findings=result.checks[1].findings * 4),),
    )
    text = render(many)
    assert "and 3 more" in text
    assert "... and 6 more (see the reports)" in text
