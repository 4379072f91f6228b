"""The Typer application: global options, the command list, and the process entry point."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kettool import __version__
from kettool.cli import commands
from kettool.cli.settings import settings_from_environment

HELP = """Offline, cited reference on ketamine and esketamine in mental-health treatment.

\b
Most useful:
  kettool condition depression          evidence summary for one condition
  kettool safety                        side effects, contraindications, monitoring
  kettool condition ptsd --json | jq .  the same, for scripts

\b
Exit codes: 0 success; 1 nothing found or invalid knowledge base;
2 usage error; 130 interrupted.

kettool is a reference, not medical advice.
"""

app = typer.Typer(
    name="kettool",
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        commands.print_version()
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    kb: Annotated[Optional[Path], typer.Option(
        "--kb", metavar="PATH", envvar="KETTOOL_KB", show_envvar=True,
        help="Use this knowledge-base file or folder instead of the bundled one.")] = None,
    kb_extend: Annotated[bool, typer.Option(
        "--kb-extend", envvar="KETTOOL_KB_EXTEND", show_envvar=True,
        help="Add --kb on top of the bundled KB (its entries override bundled ones by id).")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version_callback, is_eager=True,
        help="Show the kettool and knowledge-base versions and exit.")] = False,
) -> None:
    """Offline, cited reference on ketamine and esketamine in mental health."""
    ctx.obj = settings_from_environment(kb_path=kb, extend=kb_extend)


commands.register(app)


def main() -> None:
    """Run the command line, turning broken pipes into a quiet exit."""
    try:
        app()
    except SystemExit as exc:
        code = exc.code
        _flush_quietly()
        raise SystemExit(code) from None
    _flush_quietly()


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        from kettool.cli.output import silence_stdout

        silence_stdout()
    except OSError:
        from kettool.cli.output import silence_stdout

        silence_stdout()
