"""``gate history`` and ``gate history merge`` (click only): the durability report's commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from gate.errors import GateError
from gate.policy import EXIT_CODES
from gate.report.workflow_commands import inert
from gate.text import visible

_PATH = click.Path(path_type=Path, dir_okay=False)


@click.group(invoke_without_command=True)
@click.option(
    "--since",
    default="90d",
    show_default=True,
    metavar="DATE|90d",
    help="Start of the period: a date, or days back from now.",
)
@click.option("--until", metavar="DATE", help="End of the period (default: now).")
@click.option(
    "--branch",
    default="HEAD",
    show_default=True,
    metavar="REF",
    help="The branch whose history is measured.",
)
@click.option(
    "--horizon",
    default="30d",
    show_default=True,
    metavar="DAYS",
    help="A line is durable when it is still alive this long after it was written.",
)
@click.option("--json", "json_path", type=_PATH, metavar="PATH", help="Write gate-history/1 JSON.")
@click.option("--html", "html_path", type=_PATH, metavar="PATH", help="Write the HTML report.")
@click.option(
    "--usage",
    type=_PATH,
    metavar="CSV",
    help="Token usage or cost: columns date, agent or email, tokens and/or cost.",
)
@click.pass_context
def history(
    ctx: click.Context,
    since: str,
    until: str | None,
    branch: str,
    horizon: str,
    json_path: Path | None,
    html_path: Path | None,
    usage: Path | None,
) -> None:
    """Does AI-written code survive? Line lifetimes of the branch's history."""
    if ctx.invoked_subcommand is not None:
        return
    from gate.history import command

    try:
        with _Progress(sys.stderr.isatty() and "CI" not in os.environ) as tick:
            text = command.measure(
                Path.cwd(), since=since, until=until, branch=branch, horizon=horizon,
                json_path=json_path, html_path=html_path, usage=usage, tick=tick,
            )  # fmt: skip
    except GateError as exc:
        _stop(str(exc))
    click.echo(text, nl=False)


class _Progress:
    """A progress bar on stderr for long replays, on a terminal only (quiet in CI logs)."""

    def __init__(self, shown: bool) -> None:
        self.shown = shown
        self.bar: Any = None

    def __enter__(self) -> Callable[[int, int], None]:
        return self.tick

    def tick(self, done: int, total: int) -> None:
        if not self.shown:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="replaying history", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@history.command("merge")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "json_path", type=_PATH, metavar="PATH", help="Write the merged JSON.")
@click.option("--html", "html_path", type=_PATH, metavar="PATH", help="Write the merged HTML.")
def history_merge(
    reports: tuple[Path, ...], json_path: Path | None, html_path: Path | None
) -> None:
    """Combine per-repository gate-history/1 reports exactly."""
    from gate.history import command

    try:
        text = command.merge(list(reports), json_path=json_path, html_path=html_path)
    except GateError as exc:
        _stop(str(exc))
    click.echo(text, nl=False)


def _stop(message: str) -> NoReturn:
    click.echo(f"gate: error: {inert(visible(message))}", err=True)
    sys.exit(EXIT_CODES["error"])
