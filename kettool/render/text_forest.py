"""The text layout of `kettool forest`: each profile's plot drawn in characters at the terminal's width."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text

from kettool.core.forest_answers import Forest, ForestPlot, ForestRow
from kettool.render import forest_words as words
from kettool.render.text_widgets import (
    CERTAINTY_STYLE,
    Citations,
    HangingList,
    certainty_badge,
    plain,
    section,
    title,
)

# Below this many columns for the bars, each bar gets a line of its own under its numbers.
_MIN_BAR = 16
# Wider bars than this add no precision a reader can see, only distance between a label and its bar.
_MAX_BAR = 64


class Glyphs:
    """The characters a plot is drawn with: box-drawing where the terminal takes UTF-8, ASCII elsewhere."""

    __slots__ = ("axis", "ci", "diamond", "left", "no_effect", "pooled_ci", "right", "square", "tick")

    def __init__(self, unicode: bool):
        if unicode:
            self.ci, self.square, self.pooled_ci, self.diamond = "─", "■", "═", "◆"
            self.no_effect, self.axis, self.tick, self.left, self.right = "│", "─", "┼", "←", "→"
        else:
            self.ci, self.square, self.pooled_ci, self.diamond = "-", "#", "=", "*"
            self.no_effect, self.axis, self.tick, self.left, self.right = "|", "-", "+", "<-", "->"


def forest(value: Forest, options: Any) -> list[RenderableType]:
    """Every plot of a condition under its comparator heading, what could not be drawn, and the references."""
    encoding = (getattr(options, "encoding", None) or "utf-8").lower().replace("-", "")
    glyphs = Glyphs(encoding.startswith("utf"))
    cites = Citations(value.studies)
    parts: list[RenderableType] = [title(f"Forest plots: {value.condition.name}", f"id: {value.condition.id}")]
    if value.filters:
        parts.append(plain("Filters: " + ", ".join(f"--{k} {v}" for k, v in value.filters.items()), "dim"))
    parts += [plain(words.NOTE, "dim"), Text()]
    for group in value.groups:
        body: list[RenderableType] = []
        for plot in group.plots:
            body += [*_plot_parts(plot, cites, glyphs), Text()]
        parts.append(section(words.group_title(group), *body))
    if value.without_plot:
        rows = HangingList()
        for profile, missing in value.without_plot:
            reasons = words.missing_reasons(missing)
            rows.add_row("•", plain(f"{profile.label} — {reasons}"))
        parts.append(section("Profiles with nothing to plot", rows))
    parts.append(section("References", cites.reference_list()))
    return parts


def _plot_parts(plot: ForestPlot, cites: Citations, glyphs: Glyphs) -> list[RenderableType]:
    """A plot's title, certainty, drawing, and the studies left off it."""
    head = plain(plot.profile.label, "bold")
    head.append("\n").append(plain(words.subtitle(plot), "dim"))
    head.append("\n").append("Certainty: ").append_text(certainty_badge(plot.certainty))
    labels = words.row_labels(plot, cites)
    parts: list[RenderableType] = [head, PlotDrawing(plot, labels, glyphs)]
    if plot.not_plotted:
        rows = HangingList(marker_style="dim")
        for missing in plot.not_plotted:
            rows.add_row("•", plain(f"{missing.study.short} {cites.marks([missing.study.id])}: {missing.reason}"))
        parts += [plain("Not plotted:", "dim"), rows]
    return parts


class PlotDrawing:
    """One plot's rows, axis and favours labels, laid out at the width it is drawn at."""

    def __init__(self, plot: ForestPlot, labels: dict[int, str], glyphs: Glyphs):
        self.plot = plot
        self.labels = labels
        self.glyphs = glyphs

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(20, options.max_width), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> list[Text]:
        """The drawing as lines of at most `width` columns."""
        plot = self.plot
        rows = [*plot.rows, *plot.pooled]
        label_w = max(len("Study"), *(len(self.labels[id(r)]) for r in rows))
        arms_w = max(len("n"), *(len(words.arms(r)) for r in rows))
        est_w = max(len(words.measure_heading(plot)), *(len(words.estimate(r)) for r in rows))
        indent = label_w + arms_w + est_w + 3
        bar_w = min(_MAX_BAR, width - indent)
        if bar_w < _MIN_BAR:
            return self._stacked(rows, width)
        out = [self._columns(("Study", "n", words.measure_heading(plot)), (label_w, arms_w, est_w), "bold")]
        for row in rows:
            line = self._columns((self.labels[id(row)], words.arms(row), words.estimate(row)), (label_w, arms_w, est_w))
            out.append(line.append(" ").append_text(self._bar(row, bar_w)))
        out += [Text(" " * indent).append_text(line) for line in self._axis(bar_w)]
        return out + self._favours(indent, bar_w, width)

    def _stacked(self, rows: list[ForestRow], width: int) -> list[Text]:
        """Narrow terminals: each study's name, then its numbers, then its bar across the width."""
        bar_w = max(8, width - 2)
        out = [plain(f"Study — {words.measure_heading(self.plot)}, n", "bold")]
        for row in rows:
            numbers = f"{words.estimate(row)}" + (f", n {words.arms(row)}" if words.arms(row) else "")
            out += [plain(self.labels[id(row)]), plain(f"  {numbers}"), Text("  ").append_text(self._bar(row, bar_w))]
        out += [Text("  ").append_text(line) for line in self._axis(bar_w)]
        return out + self._favours(2, bar_w, width)

    def _columns(self, cells: tuple[str, str, str], widths: tuple[int, int, int], style: str = "") -> Text:
        label, arms, estimate = cells
        text = Text(style=style)
        text.append(plain(label.ljust(widths[0])))
        text.append(" " + arms.rjust(widths[1]))
        text.append(" " + estimate.rjust(widths[2]))
        return text

    def _column(self, value: float, bar_w: int) -> int:
        return min(bar_w - 1, max(0, round(words.position(self.plot.axis, value) * (bar_w - 1))))

    def _bar(self, row: ForestRow, bar_w: int) -> Text:
        """A row's interval and estimate on the axis, with the line of no effect behind them."""
        g = self.glyphs
        cells = [" "] * bar_w
        zero = self._column(self.plot.axis.no_effect, bar_w)
        low, high, mid = (self._column(v, bar_w) for v in (row.low, row.high, row.estimate))
        for i in range(low, high + 1):
            cells[i] = g.pooled_ci if row.pooled else g.ci
        # The line of no effect stays visible through an interval that crosses it; only the estimate covers it.
        cells[zero] = g.no_effect
        cells[mid] = g.diamond if row.pooled else g.square
        style = "magenta" if row.pooled else CERTAINTY_STYLE[self.plot.certainty]
        text = Text()
        for i, char in enumerate("".join(cells).rstrip()):
            text.append(char, style="dim" if i == zero and char == g.no_effect else style)
        return text

    def _axis(self, bar_w: int) -> list[Text]:
        """The axis line with its ticks, the tick values, and the favours labels."""
        g, axis = self.glyphs, self.plot.axis
        line = [g.axis] * bar_w
        values = [" "] * bar_w
        taken = -2
        for tick in axis.ticks:
            at = self._column(tick, bar_w)
            line[at] = g.tick
            label = words.tick_label(tick)
            start = min(max(0, at - len(label) // 2), bar_w - len(label))
            if start > taken + 1 and start + len(label) <= bar_w:
                values[start : start + len(label)] = list(label)
                taken = start + len(label) - 1
        return [Text("".join(line), style="dim"), Text("".join(values).rstrip(), style="dim")]

    def _favours(self, indent: int, bar_w: int, width: int) -> list[Text]:
        """'← favours X' left of the line of no effect and 'favours Y →' right of it, on two lines where they must."""
        sides = words.favours(self.plot)
        if not sides:
            return []
        g = self.glyphs
        left, right = f"{g.left} {sides[0]}", f"{sides[1]} {g.right}"
        zero = self._column(self.plot.axis.no_effect, bar_w)
        if len(left) <= zero and len(right) <= bar_w - zero - 1:
            return [Text(" " * indent + left.rjust(zero) + " " + right, style="italic")]
        # Each label as near the axis as the width allows.
        return [
            Text(" " * max(0, min(indent, width - len(left))) + left, style="italic"),
            Text(
                right.rjust(min(width, indent + bar_w) if len(right) <= indent + bar_w else len(right)), style="italic"
            ),
        ]
