"""The SVG format: a standalone picture, for the answers that are pictures (forest plots)."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, Kind

# Answer kind -> "module.function" of its layout; a layout takes the answer's value and returns the document.
LAYOUTS: dict[Kind, str] = {
    Kind.FOREST: "svg_forest.document",
}


def render(answer: Answer, options: Any = None) -> str:
    """A standalone SVG document for an answer."""
    from kettool.render.formats import lazy_layout

    return str(lazy_layout(LAYOUTS, answer.kind)(answer.data))
