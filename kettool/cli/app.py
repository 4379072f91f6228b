"""The Typer application: global options, the command list, and the process entry point."""

# No `from __future__ import annotations`: see kettool/cli/commands/conditions.py.
import importlib
import os
import sys
from typing import Annotated, Optional

import typer

from kettool.cli.commands import COMMANDS
from kettool.cli.settings import CliState, ColorMode, state_from

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

# Global options that take a value, so the command name can be found after them.
_VALUE_OPTIONS = {"--kb", "--color"}


def main_options(
    ctx: typer.Context,
    kb: Annotated[
        # Text, not a Path: an empty value must mean "not given", never the current folder.
        Optional[str],
        typer.Option(
            "--kb",
            metavar="PATH",
            envvar="KETTOOL_KB",
            show_envvar=True,
            help="Use this knowledge-base file or folder instead of the bundled one.",
        ),
    ] = None,
    kb_extend: Annotated[
        bool,
        typer.Option(
            "--kb-extend",
            envvar="KETTOOL_KB_EXTEND",
            show_envvar=True,
            help="Add --kb on top of the bundled KB (its entries override bundled ones by id).",
        ),
    ] = False,
    color: Annotated[
        ColorMode, typer.Option("--color", case_sensitive=False, help="Colour in text output: auto, always or never.")
    ] = ColorMode.AUTO,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page long text output.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Show the kettool and knowledge-base versions.")] = False,
) -> None:
    """Offline, cited reference on ketamine and esketamine in mental health."""
    from kettool.cli.streams import forget_spoken

    forget_spoken()  # one process may run several commands (tests, notebooks)
    ctx.obj = state_from(kb_path=kb, extend=kb_extend, color=color, pager=not no_pager)
    if version:
        print_version(ctx.obj)
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def print_version(cli: CliState) -> None:
    """Print the tool version and the knowledge base's version and review date."""
    from kettool import __version__
    from kettool.cli.pipeline import load
    from kettool.cli.streams import write_text

    kb = load(cli)
    write_text(f"kettool {__version__} (knowledge base {kb.meta.version}, reviewed {kb.meta.reviewed})\n")


def make_app(only: Optional[str] = None) -> typer.Typer:
    """The app with every command, or with just the one this run needs (building each costs time)."""
    app = typer.Typer(
        name="kettool",
        help=HELP,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback(invoke_without_command=True)(main_options)
    for name in COMMANDS:
        if only is None or name == only:
            app.command(name)(getattr(importlib.import_module(f"kettool.cli.commands.{name}"), name))
    return app


def invoked_command(argv: list[str]) -> Optional[str]:
    """The command named on the command line, when nothing else (help, completion) needs them all."""
    if any(name.startswith("_KETTOOL_COMPLETE") for name in os.environ):
        return None
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif arg.startswith("-"):
            continue
        else:
            return arg if arg in COMMANDS else None
    return None


def run() -> int:
    """Run the command line and return its exit code."""
    from kettool.cli.exit_codes import ExitCode
    from kettool.cli.streams import say

    # An argument that is not valid UTF-8 reaches Python as lone surrogates: refuse it before it can be
    # echoed, stored or written into JSON.
    bad = next((i for i, arg in enumerate(sys.argv[1:], 1) if any("\udc80" <= c <= "\udcff" for c in arg)), None)
    if bad is not None:
        say(f"kettool: argument {bad} is not valid UTF-8 text; use the characters themselves or plain ASCII")
        return int(ExitCode.USAGE)
    for option in ("--install-completion", "--show-completion"):
        # Typer's options take no shell name; a word after them was silently ignored, so that asking for
        # PowerShell completion installed bash completion.
        if option in sys.argv[1:-1]:
            say(f"kettool: {option} takes no shell name; it uses the shell it is run from")
            return int(ExitCode.USAGE)
    from kettool.cli import replay

    replay.invoked_with = sys.argv[1:]
    before = _stdout_identity()
    try:
        make_app(invoked_command(sys.argv[1:]))(prog_name="kettool")
    except SystemExit as exc:
        # Typer and Rich meet a closed pipe (`| head`) by exiting 1, Rich after pointing stdout at
        # /dev/null; a reader that leaves early is no error here.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper" or _stdout_identity() != before:
            return 0
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _stdout_identity() -> tuple[int, int]:
    try:
        st = os.fstat(sys.stdout.fileno())
        return st.st_dev, st.st_ino
    except (OSError, ValueError, AttributeError):
        return (0, 0)


def __getattr__(name: str) -> typer.Typer:
    # `from kettool.cli.app import app` (tests, documentation tools) gets the full app, built on demand.
    if name == "app":
        return make_app()
    raise AttributeError(name)
