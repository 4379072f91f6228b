"""The HTML format: one self-contained page per answer, with a print stylesheet, ending with the disclaimer."""

from __future__ import annotations

from typing import Any

from kettool.core.answers import Answer, Kind
from kettool.render.markdown_format import LAYOUTS as MARKDOWN_LAYOUTS

# Answer kind -> "module.function" of its layout, which returns Markdown blocks and Raw HTML (forest plots).
# Every kind with a Markdown layout is laid out from it; forest plots and sheets draw their SVG in between.
LAYOUTS: dict[Kind, str] = {
    **MARKDOWN_LAYOUTS,
    Kind.FOREST: "html_forest.forest",
    Kind.SHEET: "html_sheet.sheet",
}


def render(answer: Answer, options: Any = None) -> str:
    """A whole HTML document for an answer."""
    from kettool.render.formats import lazy_layout
    from kettool.render.html_page import markdown_html, page

    audience = "patient" if answer.kind is Kind.PLAIN else ""
    return page(markdown_html(lazy_layout(LAYOUTS, answer.kind)(answer.data)), answer.meta, audience=audience)
