"""Renderers: one module per output format, chosen in one place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from kettool.core.answer import Answer


class OutputFormat(str, Enum):
    """Output formats every data command accepts."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    """How text output will be shown: with colour or not, as tables or one item per line."""

    color: bool = False
    lines: bool = False


def render(answer: Answer, fmt: OutputFormat, options: RenderOptions = RenderOptions()) -> Any:
    """Render an answer: a string for JSON and Markdown, a Rich renderable for text."""
    # Imports are local so that a JSON answer never pays for importing Rich.
    if fmt is OutputFormat.JSON:
        from kettool.render.json_format import to_json

        return to_json(answer)
    if fmt is OutputFormat.MARKDOWN:
        from kettool.render.markdown import to_markdown

        return to_markdown(answer)
    from kettool.render.text import to_renderable

    return to_renderable(answer, options)
