"""One table per check, from its metrics: what the change measures against the limits.

A metric a check did not report (it could not run, an older report) leaves its
row out; nothing here is computed beyond a share of lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from gate.report.markdown.review import certification
from gate.report.markdown.spans import code, link, percent, row
from gate.result import CheckResult, Metric, Result
from gate.text import plural

Metrics = Mapping[str, Metric]


def table(check: CheckResult, result: Result) -> list[str]:
    """The check's table (and a line of context under it), or nothing without metrics."""
    if check.name == "complexity" and check.metrics:
        return complexity(check.metrics, result)
    render = _TABLES.get(check.name)
    return render(check.metrics) if render is not None and check.metrics else []


def num(metrics: Metrics, key: str) -> int | None:
    """An integer metric, or None when absent."""
    value = metrics.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _over(value: int | None, limit: int | None) -> str:
    if limit is None:
        return "-"
    return f"{limit} ❌" if value is not None and value > limit else str(limit)


def size(m: Metrics) -> list[str]:
    """Changed lines and files against their limits; renames, copies and binaries counted."""
    lines, files = num(m, "changed_lines"), num(m, "files_changed")
    added, removed = num(m, "lines_added"), num(m, "lines_removed")
    spread = f" (+{added} -{removed})" if added is not None and removed is not None else ""
    out = []
    if lines is not None:
        out.append(
            row("changed lines", f"{lines}{spread}", _over(lines, num(m, "max_changed_lines")))
        )
    if files is not None:
        out.append(row("files", str(files), _over(files, num(m, "max_files"))))
    kinds = [
        plural(n, f"{word} file")
        for key, word in (
            ("renamed_files", "renamed"),
            ("copied_files", "copied"),
            ("binary_files", "binary"),
        )
        if (n := num(m, key))
    ]
    out = _framed(("| | this change | limit |", "|---|--:|--:|"), out)
    if kinds:
        out += [
            "",
            "Of these: " + ", ".join(kinds) + " (a rename counts its edits, a copy every line).",
        ]
    return out


def complexity(m: Metrics, result: Result) -> list[str]:
    """Functions added, changed and removed; the complexity added; the worst new function."""
    out = []
    counts = [
        f"{n} {word}"
        for key, word in (
            ("functions_added", "new"),
            ("functions_changed", "changed"),
            ("functions_moved", "moved"),
            ("functions_removed", "removed"),
        )
        if (n := num(m, key)) is not None
    ]
    if counts:
        out.append(row("functions", ", ".join(counts)))
    delta = num(m, "cc_delta")
    if delta is not None:
        out.append(row("total complexity change", f"{delta:+d}"))
    worst = m.get("worst_new_function")
    if isinstance(worst, Mapping):
        path, line = str(worst.get("path", "")), worst.get("line")
        line = line if isinstance(line, int) else None
        where = code(f"{path}:{line}" if line else path, cell=True)
        if result.web is not None and result.head:
            where = link(where, result.web.blob(result.head, path, line))
        out.append(
            row(
                "worst new function",
                f"{code(str(worst.get('function', '')), cell=True)} at {where}: "
                f"{worst.get('cc')} (limit {m.get('max_cc', '-')})",
            )
        )
    if (better := num(m, "improvements")) is not None:
        out.append(row("functions made simpler", str(better)))
    files = num(m, "files_analysed")
    if files is not None:
        skipped = num(m, "not_analysed") or 0
        out.append(
            row(
                "Python files analysed",
                f"{files}" + (f" ({skipped} not analysed ❌)" if skipped else ""),
            )
        )
    out = _framed(("| | this change |", "|---|---|"), out)
    if "max_cc" in m and "max_cc_increase" in m:
        out += [
            "",
            f"Limits: a new function at most {m['max_cc']}, an existing one "
            f"may gain at most {m['max_cc_increase']}.",
        ]
    return out


def _framed(header: tuple[str, str], rows: list[str]) -> list[str]:
    """A table of ``rows`` under ``header``; nothing when there are none."""
    return [*header, *rows] if rows else []


_SEVERITIES = ("error", "warning", "info")


def security(m: Metrics) -> list[str]:
    """New and fixed findings by severity; what was scanned, with which rules."""
    new, fixed = m.get("by_severity"), m.get("fixed_by_severity")
    new = new if isinstance(new, Mapping) else {}
    fixed = fixed if isinstance(fixed, Mapping) else {}
    out = ["| severity | new | fixed |", "|---|--:|--:|"]
    out += [row(s, str(new.get(s, "-")), str(fixed.get(s, "-"))) for s in _SEVERITIES]
    facts = []
    if (n := num(m, "files_scanned")) is not None:
        facts.append(f"{plural(n, 'changed file')} scanned with {code(str(m.get('rules', '')))}")
    if "fail_on" in m:
        facts.append(f"fails on {code(str(m['fail_on']))} and above")
    for key, word in (
        ("suppressions_added", "nosemgrep added"),
        ("moved_findings", "moved (not new)"),
        ("not_analysed", "not analysed ❌"),
    ):
        if n := num(m, key):
            facts.append(f"{n} {word}")
    if "semgrep_version" in m:
        facts.append(f"semgrep {code(str(m['semgrep_version']))}")
    return out + (["", " · ".join(facts) + "."] if facts else [])


def ai(m: Metrics) -> list[str]:
    """Added lines by author (each agent, people, unknown), their share, the evidence read."""
    added = num(m, "added_lines")
    if not added:
        return ["No added line survives at head: there is no AI share."]
    out = ["| written by | added lines | share |", "|---|--:|--:|"]
    agents = m.get("by_agent")
    for agent, n in agents.items() if isinstance(agents, Mapping) else ():
        if isinstance(n, int):
            out.append(row(f"{code(agent, cell=True)} (AI)", str(n), percent(n / added)))
    for key, word in (
        ("human_lines", "people"),
        ("unknown_lines", "unknown (no evidence either way)"),
    ):
        if (n := num(m, key)) is not None and (n or key == "human_lines"):
            out.append(row(word, str(n), percent(n / added)))
    out.append(row("**all added lines**", f"**{added}**", ""))
    share, cap = m.get("ai_share"), m.get("max_share")
    facts = []
    if isinstance(share, float | int):
        limit = (
            f" (limit {percent(float(cap))})" if isinstance(cap, float | int) and cap < 1 else ""
        )
        facts.append(f"AI share **{percent(float(share))}**{limit}")
    if (commits := num(m, "commits")) is not None:
        facts.append(f"{num(m, 'ai_commits') or 0} of {plural(commits, 'commit')} by AI")
    if pre := num(m, "preexisting_lines"):
        facts.append(f"{plural(pre, 'line')} moved or re-indented, not counted")
    notes = m.get("notes")
    if isinstance(notes, Mapping):
        read = "read" if notes.get("read") else "**not read**"
        facts.append(f"git-ai notes {read}: {code(str(notes.get('status', '')))}")
    return out + (["", " · ".join(facts) + "."] if facts else [])


_TABLES: Mapping[str, Callable[[Metrics], list[str]]] = {
    "size": size,
    "security": security,
    "ai": ai,
    "certification": certification,
}
