"""The terminal table of a history report (pure: a string from the JSON report)."""

from __future__ import annotations

from typing import Any

from gate.text import visible

_HEAD = f"{'':<14}{'added':>8}{'measurable':>12}{'survived':>10}{'durable':>9}{'churned':>9}"
_HEAD += f"{'by self':>9}{'by other':>10}{'median':>9}"


def render(report: dict[str, Any]) -> str:
    """Groups, agents and shares, one line each; what cannot be measured says so."""
    repos = report["repositories"]
    where = ", ".join(
        f"{visible(str(r['name']))} {visible(str(r['branch']))} "
        f"{r['since'][:10]}..{r['until'][:10]}"
        for r in repos
    )
    lines = [
        f"gate history: {where}; {len(report['commits'])} commits; "
        f"durable = alive {report['horizon_days']} days after it was written",
        _HEAD,
    ]
    for kind, group in report["groups"].items():
        if group["added"] or kind != "unknown":
            lines.append(_row(kind, group, report["survival"][kind]))
    for agent, group in report["by_agent"].items():
        lines.append(_row(f"  {visible(agent)}", group, report["survival"]["agents"][agent]))
    share = report["ai_share"]
    lines.append(
        f"AI share: {_pct(share['added'])} of added lines, {_pct(share['survived'])} of durable "
        f"lines, {_pct(share['alive'])} of lines alive at the end"
    )
    for agent, cost in report["cost"].items():
        lines.append(
            f"cost {visible(agent)}: {_num(cost['tokens_per_surviving_line'])} tokens, "
            f"{_num(cost['cost_per_surviving_line'])} per durable line"
        )
    lines += [f"note: {n}" for n in report["notes"]]
    if report["excluded"]:
        lines.append(f"excluded: {len(report['excluded'])} files (listed in --json)")
    return "\n".join(lines) + "\n"


def _row(name: str, g: dict[str, Any], s: dict[str, Any]) -> str:
    median = "-" if s["median_days"] is None else f"{s['median_days']}d"
    return (
        f"{name[:14]:<14}{g['added']:>8}{g['measurable']:>12}{g['survived']:>10}"
        f"{_pct(g['durable_rate']):>9}{g['churned']:>9}{g['churned_self']:>9}"
        f"{g['churned_other']:>10}{median:>9}"
    )


def _pct(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.1f}%"


def _num(value: float | str | None) -> str:
    if isinstance(value, str):
        return value
    return "n/a" if value is None else f"{value:.4g}"
