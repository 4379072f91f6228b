"""The core data commands: conditions, condition, mechanism, safety, overview."""

# No `from __future__ import annotations` in command modules: Typer would have to evaluate every
# string annotation with typing.get_type_hints at each start-up.
import sys
from typing import Annotated, Optional

import typer

from kettool import __version__
from kettool.cli.common import FormatOption, JsonOption, answer_of, emit, load
from kettool.cli.completion import complete_conditions, complete_topics
from kettool.cli.settings import CliState
from kettool.core.answer_kinds import Kind
from kettool.render import OutputFormat


def print_version(cli: CliState) -> None:
    """Print the tool version and the knowledge base's version and review date."""
    kb = load(cli)
    sys.stdout.write(f"kettool {__version__} (knowledge base {kb.meta.version}, reviewed {kb.meta.reviewed})\n")


def conditions(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Map the evidence: every condition with its certainty, trials, participants and status.

    \b
    Example:
      kettool conditions
      kettool conditions --json | jq -r '.data[].id'
    """
    emit(ctx, lambda kb: answer_of(Kind.CONDITIONS, kb.conditions, kb), fmt, as_json)


def condition(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Condition id, name or alias (case-insensitive), e.g. ptsd.",
                                        autocompletion=complete_conditions)],
    why: Annotated[bool, typer.Option("--why", help="Explain how the certainty of evidence was reached.")] = False,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show the evidence for one condition: summary, certainty, findings, protocols, limits.

    \b
    Example:
      kettool condition depression
      kettool condition "post-traumatic stress disorder" --json
      kettool condition ptsd --why
    """
    def build(kb):
        from kettool.core.query import find_condition

        found = find_condition(kb, name)
        if why:
            from kettool.core.compare import grade_reasons

            return answer_of(Kind.WHY, grade_reasons(kb, found), kb)
        return answer_of(Kind.CONDITION, found, kb)

    emit(ctx, build, fmt, as_json)


def mechanism(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Explain how ketamine works: NMDA antagonism and the competing hypotheses.

    \b
    Example:
      kettool mechanism
    """
    emit(ctx, lambda kb: answer_of(Kind.MECHANISM, kb.mechanism, kb), fmt, as_json)


def safety(
    ctx: typer.Context,
    topic: Annotated[Optional[str], typer.Argument(
        metavar="[TOPIC]", help="One topic, e.g. side-effects, contraindications, interactions, monitoring, misuse.",
        autocompletion=complete_topics)] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show side effects, contraindications, interactions, monitoring and misuse risks.

    \b
    Example:
      kettool safety
      kettool safety side-effects
    """
    def build(kb):
        if topic is None:
            return answer_of(Kind.SAFETY, kb.safety, kb)
        from kettool.core.query import find_safety_topic

        return answer_of(Kind.SAFETY_TOPIC, find_safety_topic(kb, topic), kb)

    emit(ctx, build, fmt, as_json)


def overview(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Explain what ketamine and esketamine are, their history and regulatory timeline.

    \b
    Example:
      kettool overview
    """
    emit(ctx, lambda kb: answer_of(Kind.OVERVIEW, kb.overview, kb), fmt, as_json)


COMMANDS = (conditions, condition, mechanism, safety, overview)
