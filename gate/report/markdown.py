"""A Markdown summary for people: GitHub step summaries, MR comments.

Untrusted text goes into code spans (fenced by more backticks than it holds),
so it cannot format, link or @mention anyone. The output stays under GitHub's
1 MiB step-summary limit: each text is shortened past :data:`SPAN` characters,
blocking findings come first, and the rest is cut with a count.
"""

from __future__ import annotations

import re

from gate.result import CheckResult, Finding, Result
from gate.text import plural, visible

LIMIT = 1_000_000
# Characters of one untrusted text (a path, a function name, a message) shown in full;
# the JSON report keeps the rest. Without it one name could fill the limit alone.
SPAN = 5_000
_ICON = {"pass": "✅", "fail": "❌", "error": "⚠️", "skipped": "⏭️"}
_VERDICT = {
    "pass": "✅ merge-gate: **pass**",
    "fail": "❌ merge-gate: **fail**",
    "error": "⚠️ merge-gate: **could not evaluate** (not a pass)",
}


def code(text: str) -> str:
    """``text`` as an inline code span that nothing inside can break out of, and at most
    :data:`SPAN` characters long (the rest is counted after it)."""
    text = visible(text)
    more = len(text) - SPAN
    cut = f" … ({plural(more, 'more character')})" if more > 0 else ""
    text = text[:SPAN].replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if not text:
        return "` `"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}{cut}"


def render(result: Result) -> str:
    """The Markdown summary, cut to fit GitHub's step-summary limit."""
    head = [f"## {_VERDICT[result.verdict]}", ""]
    if result.error:
        head += [f"The gate stopped: {code(result.error)}", ""]
    if result.head:
        head += [
            f"Change {code((result.merge_base or '')[:12] + '..' + result.head[:12])}, "
            f"{plural(result.commits, 'commit')}, base: {code(result.base_source)}. "
            f"Config: {code(result.config_source)}.",
            "",
        ]
    head += [f"> [!WARNING]\n> {code(w)}\n" for w in result.warnings]
    head += [f"- {code(n)}" for n in result.notes]
    if result.checks:
        head += ["", "| | check | result |", "|---|---|---|"]
        head += [f"| {_ICON[c.status]} | {c.name} | {code(c.summary)} |" for c in result.checks]
    body: list[str] = []
    for check in result.checks:
        body.extend(_details(check))
    if result.excluded:
        body += [
            "",
            f"<details><summary>{plural(len(result.excluded), 'file')} excluded</summary>",
            "",
        ]
        body += [f"- {code(e.path)}: {e.reason}" for e in result.excluded]
        body += ["", "</details>"]
    return _fit("\n".join(head), body)


def _details(check: CheckResult) -> list[str]:
    if not check.findings:
        return []
    ordered = sorted(check.findings, key=lambda f: not f.blocking)
    lines = ["", f"### {_ICON[check.status]} {check.name}", ""]
    lines += [_finding(f) for f in ordered]
    if check.status != "pass":
        lines += [f"\n**What to do:** {code(h)}" for h in check.hints]
    return lines


def _finding(f: Finding) -> str:
    where = code(f.path + (f":{f.line}" if f.line else "")) if f.path else "the change"
    mark = "**blocking**" if f.blocking else "waived" if f.waived else f.severity
    waived = f" (waived: {code(f.waived)})" if f.waived else ""
    return f"- {mark} {where}: {code(f.message)}{waived}"


def _fit(head: str, body: list[str]) -> str:
    kept = [head]
    size = len(head.encode())
    for i, line in enumerate(body):
        size += len(line.encode()) + 1
        if size > LIMIT - 200:
            kept.append(f"\n… {len(body) - i} more lines cut to stay under GitHub's limit.")
            break
        kept.append(line)
    return "\n".join(kept) + "\n"
