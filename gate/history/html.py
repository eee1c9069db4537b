"""The HTML report: one self-contained page (inline CSS and SVG; nothing fetched to view it).

Rendered from the JSON report (pure); every piece of repository text (names, branches,
agents, paths) is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from gate.history import charts

JSON = dict[str, Any]
_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 820px; color: #222; }
table { border-collapse: collapse; margin: 1em 0; } td, th { padding: 3px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; } tr:nth-child(even) { background: #f4f4f4; }
figure { margin: 1.5em 0; } .note { color: #7b241c; } code { font-size: 90%; }
"""
_COLUMNS = ("added", "measurable", "survived", "durable_rate", "churned", "churned_self",
            "churned_other", "alive")  # fmt: skip


def render(report: JSON) -> str:
    """The page."""
    where = "; ".join(
        f"{r['name']} ({r['branch']}, {r['since'][:10]} to {r['until'][:10]}, "
        f"{r['commits']} commits)"
        for r in report["repositories"]
    )
    figures = [
        ("survival", charts.survival(report)),
        ("monthly-durable", charts.monthly_durable(report)),
        ("churn", charts.churn(report)),
        ("ai-share", charts.ai_share(report)),
    ]
    body = [
        "<h1>Does AI-written code survive?</h1>",
        f"<p>{escape(where)}. A line is <em>durable</em> when it is still alive "
        f"{report['horizon_days']} days after it was written; younger lines are not yet "
        "measurable. Survival curves are Kaplan-Meier estimates: lines alive at the end "
        "are censored, not survivors.</p>",
        *(f'<p class="note">{escape(n)}</p>' for n in report["notes"]),
        _table(report),
        _shares(report),
        *(f'<figure id="{name}" class="chart">{svg}</figure>' for name, svg in figures),
        _cost(report),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>gate history: {escape(where)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _table(report: JSON) -> str:
    rows = [(k, g) for k, g in report["groups"].items() if g["added"] or k != "unknown"]
    rows += [(f"agent {a}", g) for a, g in report["by_agent"].items()]
    head = "".join(f"<th>{c.replace('_', ' ')}</th>" for c in ("", *_COLUMNS, "median life"))
    lines = []
    for name, g in rows:
        key = name.removeprefix("agent ")
        s = report["survival"]["agents"].get(key) if name.startswith("agent ") else None
        s = s or report["survival"].get(name, {"median_days": None})
        cells = "".join(
            f"<td>{_pct(g[c]) if c == 'durable_rate' else _cell(g[c])}</td>" for c in _COLUMNS
        )
        median = "n/a" if s["median_days"] is None else f"{s['median_days']} days"
        lines.append(f"<tr><td>{escape(name)}</td>{cells}<td>{median}</td></tr>")
    return f"<table><tr>{head}</tr>{''.join(lines)}</table>"


def _shares(report: JSON) -> str:
    s = report["ai_share"]
    return (
        f"<p>AI share: {_pct(s['added'])} of added lines, {_pct(s['survived'])} of durable "
        f"lines, {_pct(s['alive'])} of the lines alive at the end.</p>"
    )


def _cost(report: JSON) -> str:
    if not report["cost"]:
        return "<p>Cost per durable line: no data (pass <code>--usage CSV</code>).</p>"
    rows = "".join(
        f"<tr><td>{escape(a)}</td><td>{_cell(c['tokens'])}</td><td>{_cell(c['cost'])}</td>"
        f"<td>{_cell(c['tokens_per_surviving_line'])}</td>"
        f"<td>{_cell(c['cost_per_surviving_line'])}</td></tr>"
        for a, c in report["cost"].items()
    )
    head = "<tr><th>agent</th><th>tokens</th><th>cost</th><th>tokens</th><th>cost</th></tr>"
    return f"<h2>Cost per durable line</h2><table>{head}{rows}</table>"


def _pct(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.1f}%"


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(str(value))
