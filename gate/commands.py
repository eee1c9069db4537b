"""The commands beside ``gate check`` (click only): the pre-push hook, ``gate init``,
``gate config check``, and the summary printer they share with it."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

import click

from gate import config, starter
from gate.engine import Options
from gate.errors import ConfigError, GateError
from gate.git import Git
from gate.hook import install, push
from gate.policy import EXIT_CODES
from gate.report import terminal
from gate.report.workflow_commands import inert
from gate.result import Result
from gate.session import judge
from gate.text import visible


def summary(result: Result, color: bool | None, env: Mapping[str, str]) -> None:
    """Print the terminal summary, in colour on a TTY unless NO_COLOR (or ``color``) says no."""
    use_color = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in env)
    text = terminal.render(result, style=click.style if use_color else terminal.plain)
    click.echo(text, nl=False, color=use_color)


def _stop(message: str) -> NoReturn:
    click.echo(f"gate: error: {inert(visible(message))}", err=True)
    sys.exit(EXIT_CODES["error"])


def _git() -> Git:
    try:
        return Git.discover(Path.cwd())
    except GateError as exc:
        _stop(str(exc))


@click.group()
def hook() -> None:
    """The git pre-push hook: every pushed ref is judged before it leaves."""


@hook.command("install")
@click.option("--force", is_flag=True, help="Replace a pre-push hook merge-gate did not write.")
def hook_install(force: bool) -> None:
    """Write the pre-push hook (honours core.hooksPath)."""
    try:
        path = install.install(_git(), sys.executable, force=force)
    except GateError as exc:
        _stop(str(exc))
    click.echo(
        f"installed {visible(str(path))}: each `git push` is judged first "
        "(`git push --no-verify` skips it; CI still judges)"
    )


@hook.command("pre-push")
@click.argument("remote")
@click.argument("url", required=False)
def hook_pre_push(remote: str, url: str | None) -> None:
    """Judge each ref git is pushing (git calls this with the refs on stdin)."""
    git = _git()
    try:
        pushes = push.plan(git, remote, click.get_text_stream("stdin").read())
    except GateError as exc:
        _stop(str(exc))
    env = dict(os.environ)
    worst = 0
    for one in pushes:
        click.echo(f"merge-gate pre-push: {one.label}: {one.source}")
        if one.base is None:
            continue
        result = judge(Options(cwd=Path.cwd(), env=env, base=one.base, head=one.head))
        if result.error:
            click.echo(f"gate: error: {inert(visible(result.error))}", err=True)
        else:
            summary(result, None, env)
        worst = max(worst, EXIT_CODES[result.exit_verdict])
    sys.exit(worst)


@click.command()
@click.option("--force", is_flag=True, help="Replace an existing .gate.toml.")
def init(force: bool) -> None:
    """Write a starter .gate.toml for this repository (monitor mode, every default)."""
    git = _git()
    path = git.root / config.CONFIG_FILE
    if path.exists() and not force:
        _stop(f"{visible(str(path))} exists; `gate init --force` replaces it")
    branch, found = starter.describe(git)
    text = starter.render(branch, found)
    config.parse(text.encode(), str(path), "init", pyproject=False)  # never write a bad one
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _stop(f"{visible(str(path))}: cannot write: {exc.strerror}")
    click.echo(
        f"wrote {visible(str(path))} (monitor mode: reports everything, blocks nothing); "
        'commit it to the default branch, then set mode = "enforce"'
    )


@click.group("config")
def config_group() -> None:
    """The gate's configuration file."""


@config_group.command("check")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False), required=False)
def config_check(path: Path | None) -> None:
    """Validate a config file (default: .gate.toml, else pyproject.toml) and print every error."""
    if path is None:
        root = _git().root
        path = next(
            (root / n for n in (config.CONFIG_FILE, config.PYPROJECT) if (root / n).exists()),
            root / config.CONFIG_FILE,
        )
    try:
        config.from_file(path)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"gate: error: {inert(visible(problem))}", err=True)
        sys.exit(EXIT_CODES["error"])
    click.echo(f"{visible(str(path))}: valid")
