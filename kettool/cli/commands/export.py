"""`kettool export`: the whole knowledge base in one document."""

import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def export(ctx: typer.Context, fmt: FormatOption = OutputFormat.JSON, as_json: JsonOption = False) -> None:
    """Write the whole knowledge base in one go (json or yaml), so scripts need not call kettool in a loop.

    \b
    Example:
      kettool export > kb.json
      kettool export --format yaml > kb.yaml
    """
    answer(ctx, chosen_format(fmt, as_json), "export")
