"""`kettool validate [PATH]`: check a knowledge base and report every problem."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import load, state, write_answer
from kettool.render.formats import OutputFormat


def validate(
    ctx: typer.Context,
    path: Annotated[Optional[Path], typer.Argument(help="A KB file or folder (default: the KB in use).")] = None,
    extend: Annotated[bool, typer.Option("--extend", help="Check PATH on top of the bundled KB.")] = False,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Check a knowledge base and report every problem with file, line and field; exit 1 if invalid.

    \b
    Example:
      kettool validate my-kb/
      kettool validate extra-studies.yaml --extend
    """
    from kettool.cli.exit_codes import ExitCode
    from kettool.cli.streams import report_kb_error
    from kettool.core import questions
    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.knowledge_base import resolve_layers
    from kettool.core.validation import validate_layers

    cli = state(ctx)
    settings = cli.kb if path is None else cli.kb._replace(kb_path=path, extend=extend)
    try:
        report = validate_layers(resolve_layers(settings))
    except KnowledgeBaseError as error:  # the path itself is missing or unreadable
        report_kb_error(error)
        raise typer.Exit(ExitCode.INVALID_KB) from None
    # The KB being checked may be broken, so the envelope's version and disclaimer come from the bundled one.
    bundled = load(cli._replace(kb=cli.kb._replace(kb_path=None, extend=False)))
    write_answer(questions.validation(report, bundled.meta), chosen_format(fmt, as_json), cli)
    raise typer.Exit(ExitCode.SUCCESS if report.valid else ExitCode.INVALID_KB)
