"""The HTML report's charts, as static SVG drawn by pygal (pure: SVG text from the report).

pygal draws SVG in pure Python, offline, with no browser-side library: the charts
are in the page itself. Its tooltip script would be fetched from the network, so
it is switched off (``js=[]``); what is left is a static picture.
"""

from __future__ import annotations

import sys
from typing import Any

import pygal
from pygal.style import Style

# pygal puts a finder for its optional map plugins (pygal.maps.*) on sys.meta_path, one
# without find_spec: every later failed import then warns (ImportWarning). No map is
# drawn here, so the finder goes.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

_COLOURS = ("#c0392b", "#2471a3", "#7f8c8d", "#d68910", "#1e8449", "#7d3c98", "#17a589")
_OPTIONS: dict[str, Any] = {
    "js": [],
    "disable_xml_declaration": True,
    "width": 760,
    "height": 360,
    "explicit_size": True,
    "legend_at_bottom": True,
    "print_values": False,
}
JSON = dict[str, Any]


def _chart(kind: str, title: str, **extra: Any) -> Any:
    style = Style(colors=_COLOURS, background="white", plot_background="white")
    return getattr(pygal, kind)(title=title, style=style, **_OPTIONS, **extra)


def survival(report: JSON) -> str:
    """Kaplan-Meier curves, AI against people and per agent (steps: the estimate is one)."""
    chart = _chart("XY", "Lines still alive (Kaplan-Meier), by age in days", show_dots=False,
                   range=(0, 1), x_title="days since written", y_title="share alive")  # fmt: skip
    series = [(k, report["survival"][k]) for k in ("ai", "human", "unknown")]
    series += [(f"agent {a}", s) for a, s in report["survival"]["agents"].items()]
    for name, s in series:
        if not (s["died"] or s["censored"]):
            chart.add(name, [])  # an empty series keeps every group's colour the same
            continue
        last = max(int(d) for d in [*s["died"], *s["censored"]])
        points, share = [(0.0, 1.0)], 1.0
        for day, value in s["curve"]:
            points += [(float(day), share), (float(day), value)]
            share = value
        points.append((float(last), share))
        chart.add(name, points)
    return str(chart.render(is_unicode=True))


def monthly_durable(report: JSON) -> str:
    """The durable-code rate of each month's lines, AI against people."""
    chart = _chart("Line", f"Durable-code rate at {report['horizon_days']} days, by month written",
                   range=(0, 1), x_label_rotation=30)  # fmt: skip
    months = list(report["monthly"])
    chart.x_labels = months
    for kind in ("ai", "human"):
        chart.add(kind, [report["monthly"][m].get(kind, {}).get("durable_rate") for m in months])
    return str(chart.render(is_unicode=True))


def churn(report: JSON) -> str:
    """Lines rewritten or deleted within the horizon: by their own author or someone else."""
    chart = _chart("StackedBar", f"Churn within {report['horizon_days']} days")
    groups = [(k, g) for k, g in report["groups"].items() if g["added"]]
    groups += [(f"agent {a}", g) for a, g in report["by_agent"].items()]
    chart.x_labels = [name for name, _ in groups]
    chart.add("by the same author or agent", [g["churned_self"] for _, g in groups])
    chart.add("by someone else", [g["churned_other"] for _, g in groups])
    chart.add("not churned", [g["added"] - g["churned"] for _, g in groups])
    return str(chart.render(is_unicode=True))


def ai_share(report: JSON) -> str:
    """The AI share of each month's added lines, and of those that proved durable."""
    chart = _chart("Line", "AI share by month written", range=(0, 1), x_label_rotation=30)
    months = list(report["monthly"])
    chart.x_labels = months

    def share(month: str, field: str) -> float | None:
        groups = report["monthly"][month]
        total = sum(g[field] for g in groups.values())
        return groups.get("ai", {}).get(field, 0) / total if total else None

    chart.add("of added lines", [share(m, "added") for m in months])
    chart.add("of durable lines", [share(m, "survived") for m in months])
    return str(chart.render(is_unicode=True))
