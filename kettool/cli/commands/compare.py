"""`kettool compare CONDITION...`: conditions side by side."""

from typing import Annotated

import typer

from kettool.cli.completion import complete_conditions
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat

MAX_CONDITIONS = 20


def compare(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(metavar="CONDITION...", help="Two or more conditions.", autocompletion=complete_conditions),
    ],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Put conditions side by side: certainty, status, trials, onset, duration, protocols.

    \b
    Example:
      kettool compare depression ptsd anxiety
    """
    if len(names) < 2:
        raise typer.BadParameter("name at least two conditions to compare", param_hint="CONDITION...")
    if len(names) > MAX_CONDITIONS:
        raise typer.BadParameter(f"compare at most {MAX_CONDITIONS} conditions at once", param_hint="CONDITION...")
    answer(ctx, chosen_format(fmt, as_json), "compare", names)
