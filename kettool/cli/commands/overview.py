"""`kettool overview`: what ketamine and esketamine are."""

import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def overview(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Explain what ketamine and esketamine are, their history and regulatory timeline.

    \b
    Example:
      kettool overview
    """
    answer(ctx, chosen_format(fmt, as_json), "overview")
