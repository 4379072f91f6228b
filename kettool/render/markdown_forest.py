"""The Markdown layout of `kettool forest`: each plot's estimates as a table, and what is not plotted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kettool.core.forest_answers import Forest, ForestPlot
from kettool.render import forest_words as words
from kettool.render.markdown_blocks import Citations, badge, escape, heading, items, table


def forest(value: Forest, picture: Callable[[ForestPlot, Citations, str], Any] | None = None) -> list[Any]:
    """One section per comparator type, a table per plot, then the profiles with nothing to plot and references.

    `picture`, where given, draws each plot (HTML passes its SVG); it goes under the plot's title.
    """
    cites = Citations(value.studies)
    parts = [heading(f"Forest plots: {escape(value.condition.name)}", 1)]
    if value.filters:
        parts.append("Filters: " + ", ".join(escape(f"--{k} {v}") for k, v in value.filters.items()))
    parts.append(escape(words.NOTE))
    number = 0
    for group in value.groups:
        parts.append(heading(escape(words.group_title(group))))
        for plot in group.plots:
            number += 1
            title, *rest = plot_blocks(plot, cites)
            parts += [title, picture(plot, cites, f"plot-{number}"), *rest] if picture else [title, *rest]
    if value.without_plot:
        parts.append(heading("Profiles with nothing to plot"))
        entries = []
        for profile, missing in value.without_plot:
            reasons = words.missing_reasons(missing)
            entries.append(escape(f"{profile.label} — {reasons}"))
        parts.append(items(entries))
    return parts + cites.reference_section()


def plot_blocks(plot: ForestPlot, cites: Citations, level: int = 3) -> list[str]:
    """A plot as Markdown: title, outcome, certainty, the estimates table, favours, and the studies left off."""
    rows = [
        [f"{escape(words.row_label(r))} {cites.marks([r.study.id])}", escape(words.arms(r)), escape(words.estimate(r))]
        for r in (*plot.rows, *plot.pooled)
    ]
    parts = [
        heading(escape(plot.profile.label), level),
        f"{escape(words.subtitle(plot))}. Certainty: {badge(plot.certainty)}.",
        table(["Study", "n per arm", escape(words.measure_heading(plot))], rows, right=(1, 2)),
    ]
    sides = words.favours(plot)
    if sides:
        no_effect = words.tick_label(plot.axis.no_effect)
        parts.append(escape(f"Below {no_effect}: {sides[0]}; above {no_effect}: {sides[1]}."))
    if plot.not_plotted:
        missing = [f"{escape(n.study.short)} {cites.marks([n.study.id])}: {escape(n.reason)}" for n in plot.not_plotted]
        parts += ["Not plotted:", items(missing)]
    return parts
