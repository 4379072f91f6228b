"""The HTML layout of `kettool forest`: each plot drawn as inline SVG above its table of estimates."""

from __future__ import annotations

from kettool.core.forest_answers import Forest, ForestPlot
from kettool.render import forest_words as words
from kettool.render import markdown_forest
from kettool.render.html_page import Block, Raw
from kettool.render.markdown_blocks import Citations
from kettool.render.svg_forest import plot_element


def forest(value: Forest) -> list[Block]:
    """The Markdown layout with every plot's picture placed under its title."""
    return markdown_forest.forest(value, picture=figure)


def figure(plot: ForestPlot, cites: Citations, ident: str) -> Raw:
    """A plot as an inline SVG figure whose row labels carry the page's reference numbers."""
    return Raw(f"<figure>{plot_element(plot, words.row_labels(plot, cites), ident)}</figure>")
