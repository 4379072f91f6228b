"""`kettool mechanism`: how ketamine works."""

import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def mechanism(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Explain how ketamine works: NMDA antagonism and the competing hypotheses.

    \b
    Example:
      kettool mechanism
    """
    answer(ctx, chosen_format(fmt, as_json), "mechanism")
