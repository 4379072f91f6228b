"""Forest plots as SVG: one plot as an element for HTML pages, or every plot of a condition as a standalone file."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

from kettool.core.forest_answers import Forest, ForestPlot, ForestRow
from kettool.core.models import Certainty
from kettool.render import forest_words as words
from kettool.render.reference_list import CitationNumbers
from kettool.render.terminal_safe import visible

# Certainty colours chosen to keep a 4.5:1 contrast on white, so the drawing also prints legibly in grey.
CERTAINTY_COLOUR = {
    Certainty.HIGH: "#1b5e20",
    Certainty.MODERATE: "#2e7d32",
    Certainty.LOW: "#8a6d00",
    Certainty.VERY_LOW: "#b71c1c",
}
POOLED_COLOUR = "#6a1b9a"
FONT = "font-family:Helvetica,Arial,sans-serif"  # system fonts only: a standalone SVG must load nothing

WIDTH = 760
ROW = 20  # height of one study row, in px
CHAR = 6.6  # average advance of a 12px sans-serif character, to size the text columns
PLOT_W = 260  # width of the bar area
# Characters that XML 1.0 forbids even as references; `visible` turns the other controls into \\x.. escapes.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def xml(text: object) -> str:
    """KB text safe as XML character data or a double-quoted attribute value."""
    safe = _NOT_XML.sub("\ufffd", visible(str(text)))
    return safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{xml(content)}</text>'


class PlotLayout:
    """Where one plot's columns and bar area lie, from the length of its labels."""

    def __init__(self, plot: ForestPlot, labels: dict[int, str]):
        self.plot = plot
        self.rows = [*plot.rows, *plot.pooled]
        self.labels = labels
        label_chars = max(len("Study"), *(len(labels[id(r)]) for r in self.rows))
        self.label_end = 8 + label_chars * CHAR
        self.arms_end = self.label_end + 12 + max(len("n"), *(len(words.arms(r)) for r in self.rows)) * CHAR
        estimate_chars = max(len(words.measure_heading(plot)), *(len(words.estimate(r)) for r in self.rows))
        self.estimate_end = self.arms_end + 12 + estimate_chars * CHAR
        self.bar_start = self.estimate_end + 20
        self.width = self.bar_start + PLOT_W + 24
        sides = words.favours(plot)
        if sides:  # the right-hand favours label starts at the line of no effect and must not be cut off
            self.width = max(self.width, self.x(plot.axis.no_effect) + 16 + (len(sides[1]) + 2) * CHAR)
        # Titles wrap to the drawing's width, so a plot is as wide as its columns need and no wider.
        self.chars_per_line = max(40, int((self.width - 16) / CHAR))

    def x(self, value: float) -> float:
        """The horizontal position of a value on the plot's axis."""
        return self.bar_start + words.position(self.plot.axis, value) * PLOT_W


def plot_element(plot: ForestPlot, labels: dict[int, str], ident: str, not_plotted: bool = False) -> str:
    """One plot as an <svg> element with a title and a description that reads every row's numbers."""
    body, height, width = _plot_body(plot, labels, not_plotted)
    return _svg(ident, _plot_title(plot), _plot_description(plot, labels), width, height, body)


def document(value: Forest) -> str:
    """Every plot of a condition in one standalone SVG file: headings, plots, and the studies not plotted."""
    cites = CitationNumbers(value.studies)
    parts: list[str] = []
    y = 28.0
    parts.append(_text(8, y, f"Forest plots: {value.condition.name}", extra=' font-size="18" font-weight="bold"'))
    for line in textwrap.wrap(words.NOTE, 120):
        y += 18
        parts.append(_text(8, y, line, extra=' fill="#444"'))
    descriptions = [words.NOTE]
    width = float(WIDTH)
    for group in value.groups:
        y += 34
        parts.append(_text(8, y, words.group_title(group), extra=' font-size="16" font-weight="bold"'))
        for plot in group.plots:
            labels = words.row_labels(plot, cites)
            body, height, plot_width = _plot_body(plot, labels, True)
            width = max(width, plot_width)
            y += 12
            parts.append(f'<g transform="translate(0 {y:.1f})">{body}</g>')
            descriptions.append(_plot_description(plot, labels))
            y += height
    for profile, missing in value.without_plot:
        y += 30
        parts.append(_text(8, y, f"Nothing to plot: {profile.label}", extra=' font-weight="bold"'))
        for n in missing:
            for line in textwrap.wrap(f"{n.study.short}: {n.reason}", 120):
                y += 16
                parts.append(_text(20, y, line))
    y += 30
    parts.append(_text(8, y, "References", extra=' font-size="16" font-weight="bold"'))
    for number, line in cites.references():
        for i, piece in enumerate(textwrap.wrap(line, 125)):
            y += 16
            parts.append(_text(8 if i == 0 else 32, y, f"{number}. {piece}" if i == 0 else piece))
    title = f"Forest plots of the structured outcomes for {value.condition.name}"
    svg = _svg("forest", title, " ".join(descriptions), width, y + 20, "".join(parts), standalone=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def _svg(ident: str, title: str, description: str, width: float, height: float, body: str, standalone=False) -> str:
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    background = f'<rect width="{width:.0f}" height="{height:.0f}" fill="#fff"/>' if standalone else ""
    return (
        f'<svg{namespace} viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-size="12" style="{FONT}">'
        f'<title id="{ident}-title">{xml(title)}</title><desc id="{ident}-desc">{xml(description)}</desc>'
        f"{background}{body}</svg>"
    )


def _plot_title(plot: ForestPlot) -> str:
    return f"Forest plot: {plot.profile.label}"


def _plot_description(plot: ForestPlot, labels: dict[int, str]) -> str:
    """The plot in words: outcome, certainty, each row's estimate and interval, and which side favours which arm."""
    rows = [
        f"{labels[id(r)]}: {words.estimate(r).replace('[', '(95% CI ').replace(']', ')')}"
        for r in (*plot.rows, *plot.pooled)
    ]
    sides = words.favours(plot)
    favours = f" Left of {words.tick_label(plot.axis.no_effect)} {sides[0]}; right {sides[1]}." if sides else ""
    return (
        f"{plot.profile.label}. {words.subtitle(plot)}. Certainty: {plot.certainty.label}. "
        + "; ".join(rows)
        + "."
        + favours
    )


def _plot_body(plot: ForestPlot, labels: dict[int, str], not_plotted: bool) -> tuple[str, float, float]:
    """The drawing of one plot from y=0 down, its height and its width."""
    layout = PlotLayout(plot, labels)
    parts = []
    y = 0.0
    for line in textwrap.wrap(plot.profile.label, int(layout.chars_per_line * 0.92)):
        y += 16
        parts.append(_text(8, y, line, extra=' font-weight="bold" font-size="13"'))
    for line in textwrap.wrap(f"{words.subtitle(plot)} · Certainty: {plot.certainty.label}", layout.chars_per_line):
        y += 16
        parts.append(_text(8, y, line, extra=' fill="#444"'))
    y += 20
    parts += list(_header(layout, y))
    top = y + 6
    for row in layout.rows:
        y += ROW
        parts += list(_row(layout, row, y))
    bottom = y + 10
    zero = layout.x(plot.axis.no_effect)
    parts.insert(0, f'<line x1="{zero:.1f}" y1="{top:.1f}" x2="{zero:.1f}" y2="{bottom:.1f}" stroke="#333"/>')
    parts += list(_axis(layout, bottom))
    y = bottom + (38 if words.favours(plot) else 22)
    if not_plotted and plot.not_plotted:
        y += 6
        parts.append(_text(8, y, "Not plotted:", extra=' fill="#444"'))
        for missing in plot.not_plotted:
            for i, line in enumerate(
                textwrap.wrap(f"{missing.study.short}: {missing.reason}", layout.chars_per_line - 4)
            ):
                y += 15
                parts.append(_text(20 if i == 0 else 32, y, line, extra=' fill="#444"'))
        y += 8
    return "".join(parts), y, layout.width


def _header(layout: PlotLayout, y: float) -> Iterator[str]:
    bold = ' font-weight="bold"'
    yield _text(8, y, "Study", extra=bold)
    yield _text(layout.arms_end, y, "n", "end", bold)
    yield _text(layout.estimate_end, y, words.measure_heading(layout.plot), "end", bold)


def _row(layout: PlotLayout, row: ForestRow, y: float) -> Iterator[str]:
    """A row's numbers, then its interval and its square (a trial) or diamond (a published pooled estimate)."""
    colour = POOLED_COLOUR if row.pooled else CERTAINTY_COLOUR[layout.plot.certainty]
    yield _text(8, y, layout.labels[id(row)])
    yield _text(layout.arms_end, y, words.arms(row), "end")
    yield _text(layout.estimate_end, y, words.estimate(row), "end")
    mid = y - 4
    low, high, centre = layout.x(row.low), layout.x(row.high), layout.x(row.estimate)
    if row.pooled:
        yield (
            f'<polygon points="{low:.1f},{mid:.1f} {centre:.1f},{mid - 7:.1f} {high:.1f},{mid:.1f} '
            f'{centre:.1f},{mid + 7:.1f}" fill="{colour}"/>'
        )
        return
    yield f'<line x1="{low:.1f}" y1="{mid:.1f}" x2="{high:.1f}" y2="{mid:.1f}" stroke="{colour}" stroke-width="2"/>'
    yield f'<rect x="{centre - 5:.1f}" y="{mid - 5:.1f}" width="10" height="10" fill="{colour}"/>'


def _axis(layout: PlotLayout, y: float) -> Iterator[str]:
    """The axis with its ticks and values, and the favours labels either side of the line of no effect."""
    axis = layout.plot.axis
    start, end = layout.bar_start, layout.bar_start + PLOT_W
    yield f'<line x1="{start:.1f}" y1="{y:.1f}" x2="{end:.1f}" y2="{y:.1f}" stroke="#333"/>'
    for tick in axis.ticks:
        x = layout.x(tick)
        yield f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 5:.1f}" stroke="#333"/>'
        yield _text(x, y + 18, words.tick_label(tick), "middle")
    sides = words.favours(layout.plot)
    if sides:
        zero = layout.x(axis.no_effect)
        italic = ' font-style="italic" fill="#444"'
        yield _text(zero - 6, y + 32, f"← {sides[0]}", "end", italic)
        yield _text(zero + 6, y + 32, f"{sides[1]} →", "start", italic)
