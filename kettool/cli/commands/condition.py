"""`kettool condition NAME`: the evidence for one condition."""

from typing import Annotated

import typer

from kettool.cli.audience import Audience, AudienceOption
from kettool.cli.completion import complete_conditions
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def condition(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Condition id, name or alias (case-insensitive), e.g. ptsd.",
            autocompletion=complete_conditions,
        ),
    ],
    why: Annotated[bool, typer.Option("--why", help="Explain how the certainty of evidence was reached.")] = False,
    audience: AudienceOption = Audience.CLINICIAN,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show the evidence for one condition: summary, certainty, findings, protocols, limits.

    \b
    Example:
      kettool condition depression
      kettool condition "post-traumatic stress disorder" --json
      kettool condition ptsd --why
      kettool condition depression --audience patient
    """
    fmt = chosen_format(fmt, as_json)
    if audience is Audience.PATIENT:
        if why:
            from kettool.cli.streams import usage_error

            usage_error("--why explains the grading for clinicians; it cannot be combined with --audience patient")
        answer(ctx, fmt, "plain_condition", name)
    else:
        answer(ctx, fmt, "why" if why else "condition", name)
