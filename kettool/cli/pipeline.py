"""The path of every data command: load the KB, ask the core, render in the chosen format, store and write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import typer

from kettool.cli.settings import CliState, ColorMode
from kettool.render.formats import OutputFormat

if TYPE_CHECKING:
    from kettool.core.answers import Answer


def state(ctx: typer.Context) -> CliState:
    """The global options of this run (defaults when a command runs without the app callback)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, CliState) else CliState()


def load(cli: CliState) -> Any:
    """Load the KB, or report its problems and exit 1."""
    from kettool.cli.exit_codes import ExitCode
    from kettool.cli.streams import report_kb_error
    from kettool.core.errors import KnowledgeBaseError
    from kettool.core.knowledge_base import load_knowledge_base

    try:
        return load_knowledge_base(cli.kb)
    except KnowledgeBaseError as error:
        report_kb_error(error)
        raise typer.Exit(ExitCode.INVALID_KB) from None


def produce(answer: Answer, fmt: OutputFormat, cli: CliState) -> str:
    """Render an answer to the exact text that goes to stdout; a format without a layout for it exits 2."""
    import sys

    from kettool.cli import streams
    from kettool.render.formats import FormatRefused, RenderOptions, covers, render

    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    options = RenderOptions(encoding=encoding)
    if fmt is OutputFormat.TEXT:
        # Lists piped to another program print one item per line, unless colour was forced on.
        if not streams.is_terminal() and cli.color is not ColorMode.ALWAYS and covers(OutputFormat.LINES, answer.kind):
            fmt = OutputFormat.LINES
        else:
            from kettool.cli.console import stdout_console

            options.console = stdout_console(cli.color)
            options.color = options.console.color_system is not None
    try:
        return render(answer, fmt, options)
    except FormatRefused as refused:
        streams.usage_error(str(refused))


def produce_pieces(answer: Answer, fmt: OutputFormat, cli: CliState) -> Iterable[str]:
    """The text `produce` returns, in pieces when the format lays out this answer piece by piece."""
    from kettool.render.formats import RenderOptions, format_module

    module = format_module(fmt)
    pieces = getattr(module, "pieces", None)
    if pieces is None or answer.kind not in module.LAYOUTS:
        return (produce(answer, fmt, cli),)
    import sys

    return pieces(answer, RenderOptions(encoding=getattr(sys.stdout, "encoding", None) or "utf-8"))


def respond(ctx: typer.Context, fmt: OutputFormat, compute: Callable[[CliState], Answer]) -> None:
    """Replay the stored answer to this exact question, or compute, render, write and store it."""
    from kettool.cli import streams
    from kettool.cli.answer_cache import stored_answers

    cli = state(ctx)
    assert ctx.command.name is not None
    stored = stored_answers(cli, ctx.command.name, ctx.params, fmt.value)
    if stored is None and fmt is not OutputFormat.TEXT:
        # Nothing to store: write the answer as it is laid out, so a whole-KB export is never one string.
        answer = compute(cli)
        pieces = produce_pieces(answer, fmt, cli)
        streams.warn_if_old(answer.meta.reviewed, cli.kb.cache_dir)
        streams.deliver_pieces(pieces)
        return
    replay = stored.read() if stored is not None else None
    if replay is None:
        answer = compute(cli)
        text, reviewed = produce(answer, fmt, cli), answer.meta.reviewed
        if stored is not None and not streams.spoke():  # answers that came with a warning are not kept
            stored.write(text, reviewed)
    else:
        text, reviewed = replay
    if stored is not None and not streams.spoke():
        from kettool.cli.replay import remember

        remember(cli, stored.kb_key, stored.kb_layers, text, reviewed, fmt is OutputFormat.TEXT)
    # After storing: the age of the KB is news once a day, not part of the answer.
    streams.warn_if_old(reviewed, cli.kb.cache_dir)
    streams.deliver(text, fmt is OutputFormat.TEXT, cli.pager)


def answer(ctx: typer.Context, fmt: OutputFormat, question: str | Callable[[Any], Answer], *args: Any) -> None:
    """Answer a question about the KB and respond; a name not found exits 1.

    `question` names a function of kettool.core.questions (called with the KB and `args`), imported only
    when the answer is not already stored; or it is such a function itself.
    """
    respond(ctx, fmt, lambda cli: ask(cli, question, *args))


def ask(cli: CliState, question: str | Callable[[Any], Answer], *args: Any) -> Answer:
    """Load the KB and compute the answer to a question; a name not found is reported and exits 1."""
    from kettool.cli.exit_codes import ExitCode
    from kettool.cli.streams import report_not_found
    from kettool.core.errors import NotFoundError

    kb = load(cli)
    try:
        if isinstance(question, str):
            from kettool.core import questions

            return getattr(questions, question)(kb, *args)
        return question(kb)
    except NotFoundError as error:
        report_not_found(error)
        raise typer.Exit(ExitCode.NOTHING_FOUND) from None


def write_answer(answer_value: Answer, fmt: OutputFormat, cli: CliState) -> None:
    """Render an answer and write it, without the answer cache (for answers about a KB being checked)."""
    from kettool.cli import streams

    streams.deliver(produce(answer_value, fmt, cli), fmt is OutputFormat.TEXT, cli.pager)
