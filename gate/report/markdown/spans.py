"""Markdown's building blocks for untrusted text: code spans, table cells, links.

Untrusted text (paths, messages, commit subjects, logins, rule ids) only ever
appears inside a code span: there nothing formats, links, or @mentions anyone
(GitHub and GitLab leave mentions and ``#123`` references in code alone), and
a fence of more backticks than the text holds means nothing inside can close
it. Control and bidi characters are escaped visibly first.
"""

from __future__ import annotations

import re

from gate.text import plural, visible

# Characters of one untrusted text (a path, a function name, a message) shown in full;
# the JSON report keeps the rest. Without it one name could fill the limit alone.
SPAN = 5_000


def code(text: str, *, cell: bool = False) -> str:
    """``text`` as an inline code span nothing inside can break out of, at most
    :data:`SPAN` characters long (the rest is counted after it). ``cell``: for a
    table cell, where a ``|`` would end the cell (GFM reads ``\\|`` there even
    inside code)."""
    text = visible(text)
    more = len(text) - SPAN
    cut = f" … ({plural(more, 'more character')})" if more > 0 else ""
    text = text[:SPAN]
    if cell:
        text = text.replace("|", "\\|")
    if not text:
        return "` `"
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # A span strips one space at each end when both have one (and backticks need
    # one to stay apart from the fence): pad, so the text shows as it is.
    edges = text[0] + text[-1]
    pad = " " if "`" in edges or (edges == "  " and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}{cut}"


def link(label: str, url: str | None) -> str:
    """``label`` (Markdown already) linked to ``url``, or the label alone without one.

    ``url`` is built by :class:`gate.result.Web`: percent-encoded, so it holds no
    space or parenthesis that could end the link early.
    """
    return f"[{label}]({url})" if url else label


def percent(value: float) -> str:
    """A share as people read it: ``42%``; near the ends one decimal (``0.4%``, ``99.6%``),
    so a share that is not 0 or 1 never reads as ``0%`` or ``100%``."""
    shown = f"{value:.0%}"
    if shown in ("0%", "100%") and 0 < value < 1:
        shown = f"{value:.1%}"
        shown = {"0.0%": "<0.1%", "100.0%": ">99.9%"}.get(shown, shown)
    return shown


def row(*cells: str) -> str:
    """One table row of already-rendered cells."""
    return "| " + " | ".join(cells) + " |"
