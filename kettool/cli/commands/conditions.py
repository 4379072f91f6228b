"""`kettool conditions`: the evidence map."""

# No `from __future__ import annotations` in command modules: Typer would have to evaluate every
# string annotation with typing.get_type_hints at each start-up.
import typer

from kettool.cli.options import FormatOption, JsonOption, chosen_format
from kettool.cli.pipeline import answer
from kettool.render.formats import OutputFormat


def conditions(ctx: typer.Context, fmt: FormatOption = OutputFormat.TEXT, as_json: JsonOption = False) -> None:
    """Map the evidence: every condition with its certainty, trials, participants and status.

    \b
    Example:
      kettool conditions
      kettool conditions --json | jq -r '.data[].id'
    """
    answer(ctx, chosen_format(fmt, as_json), "conditions")
