"""The Typer application: global options, the command list, and the process entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kettool import __version__
from kettool.cli import commands, discover, tools
from kettool.cli.settings import ColorMode, state_from

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
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    kb: Annotated[Optional[Path], typer.Option(
        "--kb", metavar="PATH", envvar="KETTOOL_KB", show_envvar=True,
        help="Use this knowledge-base file or folder instead of the bundled one.")] = None,
    kb_extend: Annotated[bool, typer.Option(
        "--kb-extend", envvar="KETTOOL_KB_EXTEND", show_envvar=True,
        help="Add --kb on top of the bundled KB (its entries override bundled ones by id).")] = False,
    color: Annotated[ColorMode, typer.Option(
        "--color", case_sensitive=False, help="Colour in text output: auto, always or never.")] = ColorMode.AUTO,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page long text output.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Show the kettool and knowledge-base versions.")]
    = False,
) -> None:
    """Offline, cited reference on ketamine and esketamine in mental health."""
    ctx.obj = state_from(kb_path=kb, extend=kb_extend, color=color, pager=not no_pager)
    if version:
        commands.print_version(ctx.obj)
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


for command in (*commands.COMMANDS, *discover.COMMANDS, *tools.COMMANDS):
    app.command()(command)


def run() -> int:
    """Run the command line and return its exit code."""
    try:
        app()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
