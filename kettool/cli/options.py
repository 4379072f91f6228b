"""The options every data command shares: --format and its --json shortcut."""

# No `from __future__ import annotations`: Typer would have to evaluate every string annotation.
from typing import Annotated

import typer

from kettool.render.formats import OutputFormat

FORMAT_HELP = (
    "Output format: text, json, markdown, html (a self-contained page), lines (one item per line), bibtex, "
    "ris, csl-json (references), yaml (export) or svg (forest plots)."
)
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", case_sensitive=False, help=FORMAT_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]


def chosen_format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    """--json wins over --format."""
    return OutputFormat.JSON if as_json else fmt
