"""StackingTable: a Rich table that stacks its rows where they do not fit, and measures its text once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from kettool.render.text_lines import Lines, TextCell, render_lines, whole_lines
from kettool.render.text_table_lines import table_lines

# Wider than any terminal: measuring at this width gives the width a table needs without folding a word.
_UNBOUNDED = 100_000


class StackingTable(Table):
    """A Rich table that, where its columns would not fit, draws each row as stacked 'Header: value' lines."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Squeezed below its minimum, Rich crops cells with an ellipsis; stacking keeps every value.
        if self._minimum_width(console, options) <= options.max_width:
            yield from super().__rich_console__(console, options)
        else:
            yield from self._stacked()

    def draw_lines(self, console: Console, options: ConsoleOptions) -> Lines:
        """The table's lines: rows drawn straight to lines where the table is simple; stacked, each record's text."""
        if self._minimum_width(console, options) <= options.max_width:
            lines = table_lines(self, console, options)
            return lines if lines is not None else console.render_lines(self, options, pad=False)
        parts = list(self._stacked())
        if not all(whole_lines(part) for part in parts):
            return console.render_lines(self, options, pad=False)
        return [line for part in parts for line in render_lines(console, part, options)]

    def _get_cells(self, console: Console, column_index: int, column: Column) -> Iterable[Any]:
        # Text cells are drawn by TextCell, which pads their lines without Rich splitting them once more.
        for cell in super()._get_cells(console, column_index, column):
            if type(cell.renderable) is Padding and isinstance(cell.renderable.renderable, (str, Text)):
                yield type(cell)(cell.style, TextCell(cell.renderable), cell.vertical)  # cell._replace, quicker
            else:
                yield cell

    def _measure_column(self, console: Console, options: ConsoleOptions, column: Column) -> Measurement:
        # Rich measures every cell of a column each time the table is measured or drawn, at whatever width it
        # is offered. A column of text measures the same at any width, only capped at it: measure it once.
        if options.max_width < 1 or not _text_column(column):
            return super()._measure_column(console, options, column)
        measured: dict[tuple[Console, int, int], Measurement] = self.__dict__.setdefault("_measured", {})
        key = (console, column._index, len(column._cells))  # rows added later are measured afresh
        if key not in measured:
            measured[key] = self._measure_text_column(console, options.update_width(_UNBOUNDED), column)
        return measured[key].with_maximum(options.max_width)

    def _measure_text_column(self, console: Console, options: ConsoleOptions, column: Column) -> Measurement:
        # Table._measure_column, which measures each cell through its Padding and Measurement.get and
        # normalizes the result three times: a text's own measure (its widest word, its widest line) plus
        # the padding is the same. Collapsed padding differs from cell to cell: Rich measures that.
        if self.collapse_padding or not any(self.padding):
            return super()._measure_column(console, options, column)
        cells = [*((column.header,) if self.show_header else ()), *column._cells]
        cells += (column.footer,) if self.show_footer else ()
        padding_width = self._get_padding_width(column._index)
        width = options.max_width
        minimums, maximums = [], []
        for cell in cells:
            text = cell if isinstance(cell, Text) else console.render_str(cell, markup=options.markup, highlight=False)
            minimum, maximum = text.__rich_measure__(console, options)
            maximum = min(maximum, width)  # Measurement.get: normalized, at most the width
            # Padding adds its width to both and caps them at the width again.
            minimums.append(min(minimum, maximum, width - padding_width) + padding_width)
            maximums.append(min(maximum + padding_width, width))
        measured = Measurement(max(minimums) if minimums else 1, max(maximums) if maximums else width)
        return measured.with_maximum(width)

    def _minimum_width(self, console: Console, options: ConsoleOptions) -> int:
        # Table.__rich_measure__(...).minimum without its first pass, which lays out every column at the
        # given width only to measure each column again: the sum of the columns' own minimums.
        wide = options.update_width(_UNBOUNDED)
        minimum = sum(self._measure_column(console, wide, column).minimum for column in self.columns)
        return max(minimum + self._extra_width, self.min_width or 0)

    def _stacked(self) -> Iterable[RenderableType]:
        if self.title:
            yield Text(str(self.title), style="table.title")
        headed = self.show_header and any(str(column.header) for column in self.columns)
        rows = zip(*(list(column.cells) for column in self.columns), strict=True)
        for number, cells in enumerate(rows):
            if headed and number:
                yield Text()  # a blank line between records, as between the rows of a form
            line: Text | None = None  # consecutive text cells of a headerless grid share one line
            for column, cell in zip(self.columns, cells, strict=True):
                if cell is None or cell == "" or (isinstance(cell, Text) and not cell.plain):
                    continue
                label = str(column.header) if headed else ""
                if isinstance(cell, (str, Text)):
                    text = Text(cell) if isinstance(cell, str) else cell.copy()
                    text.stylize_before(column.style or "")
                    if label:
                        yield Text.assemble((label, "bold"), ": ", text)
                    else:
                        line = text if line is None else Text.assemble(line, " ", text)
                    continue
                if line is not None:
                    yield line
                    line = None
                if label:
                    yield Text(label, style="bold")
                yield Padding(cell, (0, 0, 0, 2)) if label else cell
            if line is not None:
                yield line


def _text_column(column: Column) -> bool:
    """True when a column holds only text, with no width of its own: its measurement depends on no width."""
    if column.width is not None or column.min_width is not None or column.max_width is not None:
        return False
    cells = column._cells
    return bool(cells) and all(isinstance(cell, (str, Text)) for cell in (*cells, column.header, column.footer))
