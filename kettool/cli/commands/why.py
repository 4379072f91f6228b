"""`kettool why CONDITION`: how a condition's certainty was reached."""

from typing import Annotated

import typer

from kettool.cli.completion import complete_conditions
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def why(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="CONDITION", help="Condition id, name or alias.", autocompletion=complete_conditions),
    ],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Explain how a condition's certainty of evidence was reached, and the studies it rests on.

    \b
    Example:
      kettool why ptsd
      kettool condition ptsd --why
    """
    answer(ctx, chosen_format(fmt, as_json), "why", name)
