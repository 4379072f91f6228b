"""`kettool forest CONDITION`: forest plots of a condition's structured outcomes."""

from typing import Annotated, Optional

import typer

from kettool.cli.completion import complete_conditions
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def forest(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="CONDITION", help="Condition id, name or alias.", autocompletion=complete_conditions),
    ],
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="Only this evidence profile (its id, as `kettool why` shows).")
    ] = None,
    outcome: Annotated[
        Optional[str], typer.Option("--outcome", help="Only profiles whose outcome or time point contains these words.")
    ] = None,
    comparator: Annotated[
        Optional[str],
        typer.Option(
            "--comparator", help="Only profiles with this comparator type, e.g. placebo, active-placebo, ect."
        ),
    ] = None,
    design: Annotated[
        Optional[str],
        typer.Option("--design", help="Only studies of this design, e.g. rct, crossover-rct, meta-analysis."),
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Draw forest plots of a condition's structured outcomes, one per evidence profile, grouped by comparator.

    Each row is a study: arm sizes, estimate and 95% CI, and a bar on the plot's axis (log scale for ratios).

    Diamonds are pooled estimates published by meta-analyses; kettool never pools on its own.

    Studies that cannot go on a plot (another measure, time point or comparator) are listed under it.

    \b
    Example:
      kettool forest depression
      kettool forest ptsd --comparator active-placebo
      kettool forest depression --format svg > depression.svg
    """
    from kettool.core.forest import Filters

    filters = Filters(profile, outcome, comparator, design)
    answer(ctx, chosen_format(fmt, as_json), "forest", name, filters)
