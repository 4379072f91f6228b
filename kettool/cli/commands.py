"""The data commands: each parses its arguments, asks the core, and hands the answer to a renderer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Optional

import typer

from kettool import __version__
from kettool.cli.output import report_kb_error, report_not_found, write_data
from kettool.cli.settings import settings_from_environment
from kettool.core.answer import Answer, Kind
from kettool.core.errors import KnowledgeBaseError, NotFoundError
from kettool.core.models import KnowledgeBase
from kettool.core.query import find_condition, find_safety_topic
from kettool.core.store import KbSettings, load_knowledge_base
from kettool.render import OutputFormat, render

FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", case_sensitive=False, help="Output format.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]


def load(settings: KbSettings | None) -> KnowledgeBase:
    """Load the KB, or report its problems and exit 1."""
    try:
        return load_knowledge_base(settings or settings_from_environment(kb_path=None, extend=False))
    except KnowledgeBaseError as error:
        report_kb_error(error)
        raise typer.Exit(1) from None


def answer(ctx: typer.Context, build: Callable[[KnowledgeBase], Answer], fmt: OutputFormat, as_json: bool) -> None:
    """Load the KB, build the answer, render it in the chosen format and write it."""
    kb = load(ctx.obj)
    try:
        result = build(kb)
    except NotFoundError as error:
        report_not_found(error)
        raise typer.Exit(1) from None
    write_data(render(result, OutputFormat.JSON if as_json else fmt))


def print_version() -> None:
    """Print the tool version and the knowledge base's version and review date."""
    kb = load(None)
    data = {"kettool_version": __version__, "kb_version": kb.meta.version, "kb_reviewed": kb.meta.reviewed}
    write_data(f"kettool {__version__} (knowledge base {kb.meta.version}, reviewed {kb.meta.reviewed})\n")
    del data


def conditions(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """List every condition with its certainty of evidence and regulatory status.

    \b
    Example:
      kettool conditions
      kettool conditions --json | jq -r '.data[].id'
    """
    answer(ctx, lambda kb: Answer(Kind.CONDITIONS, kb.conditions, kb), fmt, as_json)


def condition(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Condition id, name or alias (case-insensitive), e.g. ptsd.")],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show the evidence for one condition: summary, certainty, findings, protocols, limits.

    \b
    Example:
      kettool condition depression
      kettool condition "post-traumatic stress disorder" --json
    """
    answer(ctx, lambda kb: Answer(Kind.CONDITION, find_condition(kb, name), kb), fmt, as_json)


def mechanism(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Explain how ketamine works: NMDA antagonism and the competing hypotheses.

    \b
    Example:
      kettool mechanism
    """
    answer(ctx, lambda kb: Answer(Kind.MECHANISM, kb.mechanism, kb), fmt, as_json)


def safety(
    ctx: typer.Context,
    topic: Annotated[Optional[str], typer.Argument(
        help="One topic, e.g. side-effects, contraindications, interactions, monitoring, misuse.")] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show side effects, contraindications, interactions, monitoring and misuse risks.

    \b
    Example:
      kettool safety
      kettool safety side-effects
    """
    if topic is None:
        answer(ctx, lambda kb: Answer(Kind.SAFETY, kb.safety, kb), fmt, as_json)
    else:
        answer(ctx, lambda kb: Answer(Kind.SAFETY_TOPIC, find_safety_topic(kb, topic), kb), fmt, as_json)


def overview(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Explain what ketamine and esketamine are, their history and regulatory timeline.

    \b
    Example:
      kettool overview
    """
    answer(ctx, lambda kb: Answer(Kind.OVERVIEW, kb.overview, kb), fmt, as_json)


def register(app: typer.Typer) -> None:
    """Add the data commands to the app, in the order help lists them."""
    for command in (conditions, condition, mechanism, safety, overview):
        app.command()(command)
