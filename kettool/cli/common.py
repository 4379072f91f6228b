"""What every data command shares: format options, loading the KB, and emitting the answer."""

from typing import Annotated, Any, Callable, Optional

import typer

from kettool.cli.settings import CliState
from kettool.render import OutputFormat

FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", case_sensitive=False, help="Output format: text, json or markdown.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]


def state(ctx: typer.Context) -> CliState:
    """The global options of this run (defaults when a command runs without the app callback)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, CliState) else CliState()


def load(cli: CliState) -> Any:
    """Load the KB, or report its problems and exit 1."""
    from kettool.cli.output import report_kb_error
    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.store import load_knowledge_base

    try:
        return load_knowledge_base(cli.kb)
    except KnowledgeBaseError as error:
        report_kb_error(error)
        raise typer.Exit(1) from None


def chosen_format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    """--json wins over --format."""
    return OutputFormat.JSON if as_json else fmt


def replay(ctx: typer.Context, fmt: OutputFormat) -> Optional[Any]:
    """Write the stored answer to this exact question and return None, or return where to store one."""
    from kettool.cli.answers import stored_answers
    from kettool.cli.output import deliver

    cli = state(ctx)
    assert ctx.command.name is not None
    stored = stored_answers(cli, ctx.command.name, ctx.params, fmt.value)
    if stored is None:
        return False
    text = stored.read()
    if text is None:
        return stored
    deliver(text, fmt, cli)
    return None


def emit(ctx: typer.Context, build: Callable[[Any], Any], fmt: OutputFormat, as_json: bool) -> None:
    """Answer from the answer cache, or load the KB, build the answer, render, write and store it."""
    from kettool.cli import output

    fmt = chosen_format(fmt, as_json)
    stored = replay(ctx, fmt)
    if stored is None:
        return
    cli = state(ctx)
    kb = load(cli)
    from kettool.core.errors import NotFoundError

    try:
        result = build(kb)
    except NotFoundError as error:
        output.report_not_found(error)
        raise typer.Exit(1) from None
    text = output.produce(result, fmt, cli)
    output.deliver(text, fmt, cli)
    if stored and not output.spoke():
        stored.write(text)
