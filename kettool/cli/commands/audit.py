"""`kettool audit [PATH]`: check every number in a knowledge base against the records it cites."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import state, write_answer
from kettool.render.formats import OutputFormat


def audit(
    ctx: typer.Context,
    path: Annotated[Optional[Path], typer.Argument(help="A KB file or folder (default: the KB in use).")] = None,
    extend: Annotated[bool, typer.Option("--extend", help="Audit PATH on top of the bundled KB.")] = False,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Audit the numbers of a knowledge base against its records and recompute every grade; exit 1 on any problem.

    \b
    Example:
      kettool audit
      kettool audit my-kb/ --json
    """
    from kettool.cli.exit_codes import ExitCode
    from kettool.cli.streams import report_kb_error
    from kettool.core import questions
    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.kb_checks import check_layers
    from kettool.core.knowledge_base import resolve_layers

    cli = state(ctx)
    settings = cli.kb if path is None else cli.kb._replace(kb_path=path, extend=extend)
    try:
        checked = check_layers(resolve_layers(settings))
    except KnowledgeBaseError as error:  # the audit needs a KB that loads: say why this one does not
        report_kb_error(error)
        raise typer.Exit(ExitCode.INVALID_KB) from None
    answer = questions.audit(checked)
    write_answer(answer, chosen_format(fmt, as_json), cli)
    raise typer.Exit(ExitCode.SUCCESS if answer.data.clean else ExitCode.INVALID_KB)
