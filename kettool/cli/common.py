"""What every data command shares: format options, loading the KB, and emitting the answer."""

from typing import Annotated, Any, Callable

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


def answer_of(kind: Any, data: Any, kb: Any) -> Any:
    """An answer drawn from a loaded KB (the answer module is imported only when one is built)."""
    from kettool.core.answer import Answer

    return Answer.of(kind, data, kb)


def respond(ctx: typer.Context, fmt: OutputFormat, compute: Callable[[CliState], Any]) -> None:
    """Replay the stored answer to this exact question, or compute, render, write and store it."""
    from kettool.cli import output
    from kettool.cli.answers import stored_answers

    cli = state(ctx)
    assert ctx.command.name is not None
    stored = stored_answers(cli, ctx.command.name, ctx.params, fmt.value)
    text = stored.read() if stored is not None else None
    if text is None:
        text = output.produce(compute(cli), fmt, cli)
        if stored is not None and not output.spoke():  # answers that came with a warning are not kept
            stored.write(text)
    output.deliver(text, fmt, cli)


def emit(ctx: typer.Context, build: Callable[[Any], Any], fmt: OutputFormat, as_json: bool) -> None:
    """Answer a question about the KB: load it, build the answer, and respond with it."""

    def compute(cli: CliState) -> Any:
        from kettool.cli.output import report_not_found
        from kettool.core.errors import NotFoundError

        kb = load(cli)
        try:
            return build(kb)
        except NotFoundError as error:
            report_not_found(error)
            raise typer.Exit(1) from None

    respond(ctx, chosen_format(fmt, as_json), compute)
