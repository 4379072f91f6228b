"""The HTML layout of `kettool forest`: each plot drawn as inline SVG above its table of estimates."""

from __future__ import annotations

from kettool.core.answers import Forest, ForestPlot
from kettool.render import forest_words as words
from kettool.render.html_page import Block, Raw
from kettool.render.markdown_blocks import Citations, escape, heading, items
from kettool.render.markdown_forest import plot_blocks
from kettool.render.svg_forest import plot_element


def forest(value: Forest) -> list[Block]:
    """The Markdown layout with every plot's picture placed under its title."""
    cites = Citations(value.studies)
    parts: list[Block] = [heading(f"Forest plots: {escape(value.condition.name)}", 1)]
    if value.filters:
        parts.append("Filters: " + ", ".join(escape(f"--{k} {v}") for k, v in value.filters.items()))
    parts.append(escape(words.NOTE))
    number = 0
    for group in value.groups:
        parts.append(heading(escape(words.group_title(group))))
        for plot in group.plots:
            number += 1
            blocks = plot_blocks(plot, cites)
            parts += [blocks[0], figure(plot, cites, f"plot-{number}"), *blocks[1:]]
    if value.without_plot:
        parts.append(heading("Profiles with nothing to plot"))
        entries = []
        for profile, missing in value.without_plot:
            reasons = "; ".join(f"{n.study.short}: {n.reason}" for n in missing) or "no studies listed"
            entries.append(escape(f"{profile.label} — {reasons}"))
        parts.append(items(entries))
    return parts + cites.reference_section()


def figure(plot: ForestPlot, cites: Citations, ident: str) -> Raw:
    """A plot as an inline SVG figure whose row labels carry the page's reference numbers."""
    labels = {id(r): f"{words.row_label(r)} {cites.marks([r.study.id])}" for r in (*plot.rows, *plot.pooled)}
    return Raw(f"<figure>{plot_element(plot, labels, ident)}</figure>")
