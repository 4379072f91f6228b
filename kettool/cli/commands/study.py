"""`kettool study ID`: one study in full."""

from typing import Annotated

import typer

from kettool.cli.completion import complete_studies
from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def study(
    ctx: typer.Context,
    study_id: Annotated[
        str, typer.Argument(metavar="ID", help="Study id, e.g. feder2021.", autocompletion=complete_studies)
    ],
    fmt: FormatOption = OutputFormat.TEXT,
    as_json: JsonOption = False,
) -> None:
    """Show one study in full, with every claim that cites it.

    \b
    Example:
      kettool study abdallah2022
      kettool study abdallah2022 --format bibtex
    """
    answer(ctx, chosen_format(fmt, as_json), "study", study_id)
