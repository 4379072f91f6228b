"""Renderers: one module per output format, chosen in one place."""

from __future__ import annotations

from enum import Enum
from typing import Any

from kettool.core.answer import Answer


class OutputFormat(str, Enum):
    """Output formats every data command accepts."""

    TEXT = "text"
    JSON = "json"


def render(answer: Answer, fmt: OutputFormat) -> Any:
    """Render an answer: a string for machine formats, a Rich renderable for text."""
    # Imports are local so that a JSON answer never pays for importing Rich.
    if fmt is OutputFormat.JSON:
        from kettool.render.json_format import to_json

        return to_json(answer)
    from kettool.render.text import to_renderable

    return to_renderable(answer)
