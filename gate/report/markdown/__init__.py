"""A Markdown summary for people: GitHub step summaries, PR/MR comments.

The verdict comes first, then one line per check, then a section per check: its
table (base → head where the check has both sides), its top findings linked to
the file and line at the judged commit (when the Result knows the repository's
web address), the rule id of each, and how to fix. Untrusted text sits in code
spans (:mod:`.spans`). The document stays under a byte limit (GitHub's 1 MiB
step summary by default; a comment's is smaller): blocks past it are cut with a
count.
"""

from __future__ import annotations

from gate.report.markdown import findings
from gate.report.markdown.spans import SPAN, code, link
from gate.report.markdown.tables import table
from gate.result import CheckResult, Result
from gate.text import plural

__all__ = ["LIMIT", "SPAN", "code", "render"]

LIMIT = 1_000_000
_ICON = {"pass": "✅", "fail": "❌", "error": "⚠️", "skipped": "⏭️"}
_VERDICT = {
    "pass": "✅ merge-gate: **pass**",
    "fail": "❌ merge-gate: **fail**",
    "error": "⚠️ merge-gate: **could not evaluate** (not a pass)",
}


def render(result: Result, *, limit: int = LIMIT, marker: str = "") -> str:
    """The Markdown summary, at most ``limit`` bytes; ``marker`` (an HTML comment) first."""
    head = ([marker] if marker else []) + [f"## {_VERDICT[result.verdict]}", "", _closing(result)]
    if result.error:
        head += ["", f"The gate stopped: {code(result.error)}"]
    blocks = ["\n".join(head)]
    if result.head:
        blocks.append(_change(result))
    blocks += [f"> [!WARNING]\n> {code(w)}" for w in result.warnings]
    if result.notes:
        blocks.append("\n".join(f"- {code(n)}" for n in result.notes))
    if result.checks:
        blocks.append(
            "\n".join(["| | check | result |", "|---|---|---|", *map(_row, result.checks)])
        )
    blocks += [_section(c, result) for c in result.checks if c.status != "skipped"]
    if result.excluded:
        blocks.append(
            "\n".join(
                [
                    f"<details><summary>{plural(len(result.excluded), 'file')} excluded "
                    "from the measurements</summary>",
                    "",
                    *(f"- {code(e.path)}: {e.reason}" for e in result.excluded),
                    "",
                    "</details>",
                ]
            )
        )
    return _fit(blocks, limit)


def _closing(result: Result) -> str:
    verdict = result.exit_verdict
    if verdict != result.verdict and verdict == "pass":
        would = "fail" if result.verdict == "fail" else "stop with exit 2"
        return (
            f"**Monitor mode:** the change would {would} when enforced; it is let through (exit 0)."
        )
    if verdict == "pass":
        return "The change passes every check (exit 0)."
    if verdict == "fail":
        failed = ", ".join(
            f"**{c.name}**"
            for c in result.checks
            if c.status == "fail" and c.name not in result.monitored
        )
        return f"The change fails {failed} (exit 1): the merge is blocked."
    return "The gate could not evaluate the change (exit 2): this is not a pass."


def _change(result: Result) -> str:
    head, merge_base = result.head or "", result.merge_base or ""
    span = code(f"{merge_base[:12]}..{head[:12]}")
    url = result.web.compare(merge_base, head) if result.web and merge_base else None
    return (
        f"Change {link(span, url)}, {plural(result.commits, 'commit')}; "
        f"base: {code(result.base_source)}; config: {code(result.config_source)}."
    )


def _row(check: CheckResult) -> str:
    return f"| {_ICON[check.status]} | {check.name} | {code(check.summary, cell=True)} |"


def _section(check: CheckResult, result: Result) -> str:
    lines = [f"### {_ICON[check.status]} {check.name}"]
    shown = table(check, result)
    if shown:
        lines += ["", *shown]
    lines += findings.section(check, result)
    return "\n".join(lines)


def _fit(blocks: list[str], limit: int) -> str:
    """The first block always, then whole blocks while they fit; a count of what was cut."""
    room = limit - 200  # for the line that says what was cut
    kept = [blocks[0]]
    size = len(blocks[0].encode())
    for i, block in enumerate(blocks[1:], start=1):
        lines = block.split("\n")
        for j, line in enumerate(lines):
            size += len(line.encode()) + 2
            if size > room:
                left = len(lines) - j + sum(b.count("\n") + 1 for b in blocks[i + 1 :])
                kept.append("\n".join(lines[:j]))
                kept.append(f"… {plural(left, 'more line')} cut to stay under {limit:,} bytes.")
                return "\n\n".join(k for k in kept if k) + "\n"
        kept.append(block)
    return "\n\n".join(kept) + "\n"
