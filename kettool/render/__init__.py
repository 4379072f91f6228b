"""Renderers: one module per output format, chosen in one place."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # answers are only built when the output is not already cached
    from kettool.core.answer import Answer


class OutputFormat(str, Enum):
    """Output formats every data command accepts."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class RenderOptions:
    """How text output will be shown: with colour or not, as tables or one item per line."""

    # A plain class: a dataclass costs a few million instructions to create at every start-up.
    __slots__ = ("color", "lines")

    def __init__(self, color: bool = False, lines: bool = False):
        self.color = color
        self.lines = lines


def render(answer: Answer, fmt: OutputFormat, options: RenderOptions | None = None) -> Any:
    """Render an answer: a string for JSON and Markdown, a Rich renderable for text."""
    # Imports are local so that a JSON answer never pays for importing Rich.
    if fmt is OutputFormat.JSON:
        from kettool.render.json_format import to_json

        return to_json(answer)
    if fmt is OutputFormat.MARKDOWN:
        from kettool.render.markdown import to_markdown

        return to_markdown(answer)
    from kettool.render.text import to_renderable

    return to_renderable(answer, options or RenderOptions())
