"""The Markdown summary as HTML, the way a platform shows it (CommonMark + GFM tables)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
_CODE = re.compile(r"<code>.*?</code>", re.S)


def html(markdown: str) -> str:
    """The document rendered to HTML."""
    return str(_MD.render(markdown))


def outside_code(markdown: str) -> str:
    """The HTML with every code span and block taken out: what could format, link or @mention."""
    return _CODE.sub("", html(markdown))
