"""What every data command shares: format options, loading the KB, and emitting the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from kettool.cli.output import report_kb_error, report_not_found, write_data
from kettool.cli.settings import CliState
from kettool.core.answer import Answer
from kettool.core.errors import KnowledgeBaseError, NotFoundError
from kettool.core.models import KnowledgeBase
from kettool.core.store import load_knowledge_base
from kettool.render import OutputFormat

FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", case_sensitive=False, help="Output format: text, json or markdown.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]


def state(ctx: typer.Context) -> CliState:
    """The global options of this run (defaults when a command runs without the app callback)."""
    return ctx.obj if isinstance(ctx.obj, CliState) else CliState()


def load(cli: CliState) -> KnowledgeBase:
    """Load the KB, or report its problems and exit 1."""
    try:
        return load_knowledge_base(cli.kb)
    except KnowledgeBaseError as error:
        report_kb_error(error)
        raise typer.Exit(1) from None


def chosen_format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    """--json wins over --format."""
    return OutputFormat.JSON if as_json else fmt


def emit(ctx: typer.Context, build: Callable[[KnowledgeBase], Answer], fmt: OutputFormat, as_json: bool) -> None:
    """Load the KB, build the answer, render it in the chosen format and write it."""
    cli = state(ctx)
    kb = load(cli)
    try:
        result = build(kb)
    except NotFoundError as error:
        report_not_found(error)
        raise typer.Exit(1) from None
    write_data(result, chosen_format(fmt, as_json), cli)
