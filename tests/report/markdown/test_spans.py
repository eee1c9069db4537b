from __future__ import annotations

import pytest

from gate.report.markdown.spans import code, link, percent
from tests.report.markdown.rendered import html


@pytest.mark.parametrize(
    ("text", "span"),
    [
        pytest.param("a`b", "``a`b``", id="backtick-inside"),
        pytest.param("`x`", "`` `x` ``", id="backticks-at-the-ends"),
        pytest.param("@octocat", "`@octocat`", id="mention"),
        pytest.param("a|b", "`a|b`", id="pipe-outside-a-table"),
        pytest.param("", "` `", id="empty"),
        pytest.param(" padded ", "`  padded  `", id="spaces-at-both-ends-survive"),
        pytest.param("   ", "`   `", id="only-spaces"),
        pytest.param("a\nb\x1b[31m", "`a\\nb\\x1b[31m`", id="controls-escaped"),
    ],
)
def test_code_spans_cannot_be_broken(text: str, span: str) -> None:
    assert code(text) == span


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(" padded ", id="spaces"),
        pytest.param("`x`", id="backticks"),
        pytest.param("a``b```c", id="runs-of-backticks"),
        pytest.param("<b>bold</b> **x** [l](http://e.x)", id="markup"),
    ],
)
def test_a_span_shows_exactly_its_text(text: str) -> None:
    shown = html(code(text)).removeprefix("<p><code>").removesuffix("</code></p>\n")
    unescaped = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert unescaped == text


def test_a_table_cell_escapes_its_pipes() -> None:
    assert code("a|b", cell=True) == "`a\\|b`"


def test_long_text_is_cut_with_a_count() -> None:
    assert code("a" * 5003) == "`" + "a" * 5000 + "` … (3 more characters)"


def test_link_without_url_is_the_label() -> None:
    assert link("`x`", None) == "`x`"
    assert link("`x`", "https://e.x/a") == "[`x`](https://e.x/a)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(0.0, "0%", id="none"),
        pytest.param(1.0, "100%", id="all"),
        pytest.param(0.42, "42%", id="some"),
        pytest.param(0.004, "0.4%", id="a-little-is-not-0"),
        pytest.param(0.996, "99.6%", id="almost-all-is-not-100"),
        pytest.param(0.00001, "<0.1%", id="tiny"),
        pytest.param(0.99999, ">99.9%", id="nearly-all"),
    ],
)
def test_percent(value: float, shown: str) -> None:
    assert percent(value) == shown
