"""`kettool safety [TOPIC]`: side effects, contraindications, interactions, monitoring and misuse."""

from typing import Annotated, Optional

import typer

from kettool.cli.audience import Audience, AudienceOption
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
    audience: AudienceOption = Audience.CLINICIAN,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show side effects, contraindications, interactions, monitoring and misuse risks.

    \b
    Example:
      kettool safety
      kettool safety side-effects
      kettool safety --audience patient
    """
    fmt = chosen_format(fmt, as_json)
    if audience is Audience.PATIENT:
        if topic is not None:
            from kettool.cli.streams import usage_error

            usage_error("the plain-language version covers every safety topic at once; leave out TOPIC")
        answer(ctx, fmt, "plain_safety")
    else:
        answer(ctx, fmt, "safety", topic)
