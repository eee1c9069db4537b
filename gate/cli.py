"""The command line (click only): parse options, build frozen Options, call the core.

This is the one place where a result or an error becomes an exit code:
0 pass, 1 policy violation, 2 could not evaluate. Nothing becomes a pass here.
"""

from __future__ import annotations

import datetime
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from gate import __version__, commands, history_commands, monitor, report
from gate.certification import certify as certifying
from gate.ci import actions, comments
from gate.engine import Options, prepare
from gate.errors import GateError
from gate.policy import EXIT_CODES
from gate.report import load
from gate.report.workflow_commands import inert
from gate.session import judge
from gate.text import visible

_PATH = click.Path(path_type=Path, dir_okay=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gate")
def cli() -> None:
    """merge-gate: judge one change (PR, MR, push) against its baseline."""
    # A console that cannot show a character (cp1252 on Windows, a latin-1 locale)
    # gets an escape for it, as visible() writes them: printing the summary must
    # never raise, or the exit code would be Python's 1, "the change fails".
    for stream in (sys.stdout, sys.stderr):
        # pragma below: consoles, pipes and click's test runner all give TextIOWrappers
        if isinstance(stream, io.TextIOWrapper):  # pragma: no branch
            stream.reconfigure(errors="backslashreplace")


# gate check reads the PR's reviews, gate comment writes on it: the same repository option.
_REPO = click.option(
    "--repo",
    "repository",
    metavar="OWNER/NAME",
    help="Its repository (GitHub OWNER/NAME, GitLab project id; default: from CI).",
)


def _config_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--config`` and ``--config-from``: the same for ``gate check`` and ``gate certify``,
    which must compute the same config digest."""
    command = click.option(
        "--config-from",
        type=click.Choice(["base", "head"]),
        default="base",
        show_default=True,
        help="Where .gate.toml is read: base = the target branch's tip (the trusted "
        "policy), head = the change itself (local use).",
    )(command)
    return click.option(
        "--config",
        "config_path",
        type=_PATH,
        metavar="PATH",
        help="Read the config from this file instead (local use).",
    )(command)


@cli.command()
@click.option(
    "--base",
    metavar="REV",
    help="Baseline revision (default: from CI, else the remote's default branch, "
    "origin/HEAD). The change is merge-base(base, head)..head.",
)
@click.option("--head", metavar="REV", help="Revision to judge (default: from CI, else HEAD).")
@_config_options
@click.option(
    "--fetch-notes/--no-fetch-notes",
    default=None,
    help="Fetch the remote's git-ai notes (refs/notes/ai) into refs/notes/gate-ai-remote "
    "first; local notes are not overwritten. Default: fetch in CI (GitHub Actions, GitLab "
    "CI) when the remote has them; elsewhere only say so.",
)
@click.option(
    "--pr",
    type=click.IntRange(min=1),
    metavar="N",
    help="The pull/merge request whose reviews certify the change (default: from CI).",
)
@_REPO
@click.option(
    "--strict",
    is_flag=True,
    help="Fail when a required review cannot be verified (outside CI it only warns).",
)
@click.option("--json", "json_path", type=_PATH, metavar="PATH", help="Write the JSON report.")
@click.option("--junit", type=_PATH, metavar="PATH", help="Write JUnit XML.")
@click.option("--sarif", type=_PATH, metavar="PATH", help="Write SARIF 2.1.0.")
@click.option("--codequality", type=_PATH, metavar="PATH", help="Write GitLab Code Quality JSON.")
@click.option("--markdown", type=_PATH, metavar="PATH", help="Write a Markdown summary.")
@click.option(
    "--comment",
    "post_comment",
    is_flag=True,
    help="Also post the Markdown summary as one sticky PR/MR comment (see gate comment).",
)
@click.option(
    "--mode",
    type=click.Choice(["enforce", "monitor"]),
    default=None,
    help="monitor: report everything, never block (exit 0, the would-be verdict in "
    "every report). Default: the config's mode.",
)
@click.option("--color/--no-color", default=None, help="Colour the summary (default: on a TTY).")
def check(
    base: str | None,
    head: str | None,
    config_path: Path | None,
    config_from: str,
    fetch_notes: bool | None,
    pr: int | None,
    repository: str | None,
    strict: bool,
    json_path: Path | None,
    junit: Path | None,
    sarif: Path | None,
    codequality: Path | None,
    markdown: Path | None,
    post_comment: bool,
    mode: str | None,
    color: bool | None,
) -> None:
    """Judge the change; exit 0 pass, 1 fail, 2 could not evaluate."""
    outputs = {
        name: path
        for name, path in (
            ("json", json_path),
            ("junit", junit),
            ("sarif", sarif),
            ("codequality", codequality),
            ("markdown", markdown),
        )
        if path is not None
    }
    env = dict(os.environ)
    options = Options(
        cwd=Path.cwd(),
        env=env,
        base=base,
        head=head,
        config_path=config_path,
        config_from="head" if config_from == "head" else "base",
        fetch_notes=fetch_notes,
        pr=pr,
        repository=repository,
        strict=strict,
        now=datetime.datetime.now(datetime.timezone.utc),
        mode="monitor" if mode == "monitor" else "enforce" if mode else None,
    )
    result = judge(options)
    try:
        report.write(result, outputs)
        click.echo(actions.publish(result, env, outputs), nl=False)
        if post_comment:
            click.echo(inert(visible(comments.publish(result, env, pr, repository))), err=True)
    except GateError as exc:
        _fail(str(exc))
    if result.error:
        _fail(result.error, EXIT_CODES[result.exit_verdict])
    commands.summary(result, color, env)
    sys.exit(EXIT_CODES[result.exit_verdict])


@cli.command()
@click.option("--base", metavar="REV", help="Baseline revision, as for gate check.")
@click.option("--head", metavar="REV", help="Revision you reviewed (default: HEAD).")
@_config_options
@click.option(
    "--key",
    type=_PATH,
    metavar="PATH",
    help="SSH key to sign with (default: git's user.signingkey when gpg.format is ssh, "
    "else ~/.ssh/id_ed25519).",
)
@click.option("--push", is_flag=True, help="Push refs/notes/gate-certify to the remote.")
@click.option("--remote", metavar="NAME", help="Remote to push to (default: origin).")
def certify(
    base: str | None,
    head: str | None,
    config_path: Path | None,
    config_from: str,
    key: Path | None,
    push: bool,
    remote: str | None,
) -> None:
    """Sign that you reviewed the change: head, merge-base and config, with your SSH key."""
    env = dict(os.environ)
    options = Options(
        cwd=Path.cwd(),
        env=env,
        base=base,
        head=head,
        config_path=config_path,
        config_from="head" if config_from == "head" else "base",
    )
    try:
        done = certifying.certify(prepare(options), env, key=key, push=push, remote=remote)
    except GateError as exc:
        _fail(str(exc))
    click.echo(certifying.describe(done), nl=False)


@cli.command()
@click.option(
    "--report",
    "report_path",
    type=_PATH,
    required=True,
    metavar="PATH",
    help="The JSON report of a gate check --json run.",
)
@click.option(
    "--pr",
    type=click.IntRange(min=1),
    metavar="N",
    help="The pull/merge request to comment on (default: from CI).",
)
@_REPO
def comment(report_path: Path, pr: int | None, repository: str | None) -> None:
    """Post the report's Markdown summary as ONE PR/MR comment, updated on later runs."""
    try:
        said = comments.publish(load.read(report_path), dict(os.environ), pr, repository)
    except GateError as exc:
        _fail(str(exc))
    click.echo(inert(visible(said)))


def _fail(message: str, code: int = EXIT_CODES["error"]) -> None:
    click.echo(f"gate: error: {inert(visible(message))}", err=True)
    if code != EXIT_CODES["error"]:
        click.echo(f"gate: {monitor.stopped('error')}", err=True)
    sys.exit(code)


for command in (commands.hook, commands.init, commands.config_group, history_commands.history):
    cli.add_command(command)


def main() -> None:
    """Console entry point."""
    cli(prog_name="gate")
