"""`kettool safety [TOPIC]`: side effects, contraindications, interactions, monitoring and misuse."""

from typing import Annotated, Optional

import typer

from kettool.cli.completion import complete_topics
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def safety(
    ctx: typer.Context,
    topic: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[TOPIC]",
            help="One topic, e.g. side-effects, contraindications, interactions, monitoring, misuse.",
            autocompletion=complete_topics,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show side effects, contraindications, interactions, monitoring and misuse risks.

    \b
    Example:
      kettool safety
      kettool safety side-effects
    """
    answer(ctx, chosen_format(fmt, as_json), "safety", topic)
