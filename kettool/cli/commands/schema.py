"""`kettool schema`: the JSON Schemas kettool publishes."""

from enum import Enum
from typing import Annotated

import typer


class SchemaName(str, Enum):
    """The JSON Schemas kettool publishes."""

    OUTPUT = "output"
    KB = "kb"


def schema(
    name: Annotated[
        SchemaName, typer.Argument(help="output (the JSON answers) or kb (the KB files).")
    ] = SchemaName.OUTPUT,
) -> None:
    """Print the JSON Schema of kettool's JSON output (or of the knowledge-base files).

    \b
    Example:
      kettool schema > kettool-output.schema.json
      kettool schema kb
    """
    from kettool.cli.streams import write_text
    from kettool.core.kb_files import bundled_data_dir

    file = "output.schema.json" if name is SchemaName.OUTPUT else "kb.schema.json"
    write_text((bundled_data_dir() / file).read_text(encoding="utf-8"))
