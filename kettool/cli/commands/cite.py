"""`kettool cite`: references for studies or a whole condition, in a citation format."""

from typing import Annotated, Optional

import typer

from kettool.cli.completion import complete_conditions, complete_studies
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat

MAX_IDS = 500


def cite(
    ctx: typer.Context,
    ids: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="[ID]...", help="Study ids to cite.", autocompletion=complete_studies),
    ] = None,
    condition: Annotated[
        Optional[str],
        typer.Option(
            "--condition", "-c", help="Cite every study a condition rests on.", autocompletion=complete_conditions
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.BIBTEX,
    as_json: JsonOption = False,
) -> None:
    """Export references as BibTeX, RIS or CSL-JSON (or a text, Markdown or JSON list), for studies or a condition.

    \b
    Example:
      kettool cite feder2021 abdallah2022
      kettool cite --condition ptsd --format csl-json > ptsd.json
    """
    if not ids and condition is None:
        raise typer.BadParameter("give study ids or --condition NAME", param_hint="[ID]...")
    if ids and len(ids) > MAX_IDS:
        raise typer.BadParameter(
            f"cite at most {MAX_IDS} studies at once (kettool export has them all)", param_hint="[ID]..."
        )
    answer(ctx, chosen_format(fmt, as_json), "citations", ids or (), condition)
