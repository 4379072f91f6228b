"""Simple Rich tables drawn straight to lines: Table._render's rows, each cell's text wrapped once."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table

from kettool.render.text_lines import Lines, TextCell, padded_lines, render_lines

# The borders drawn here: none, or SIMPLE_HEAD's rule under the header (both without an outer edge).
_BOXES = (None, box.SIMPLE_HEAD)


def drawable(table: Table) -> bool:
    """True for the tables kettool builds: no edge, footer, caption, leading or fixed width, a simple box."""
    return (
        bool(table.columns)
        and table.box in _BOXES
        and not (table.box and table.show_edge)
        and not table.show_footer
        and not table.caption
        and not table.leading
        and table.width is None
        and table.min_width is None
    )


def table_lines(table: Table, console: Console, options: ConsoleOptions) -> Lines | None:
    """console.render_lines(table, options, pad=False) for a drawable() table, or None for any other.

    Rich renders every cell to segments, applies the cell's style and splits the segments into lines
    again; here each cell of text is wrapped to lines once and styled and padded line by line, and the
    rows are put together exactly as Table._render puts them together.
    """
    if not drawable(table) or options.max_width < 1 or options.height is not None:
        return None
    extra_width = table._extra_width
    widths = table._calculate_column_widths(console, options.update_width(options.max_width - extra_width))
    table_width = sum(widths) + extra_width
    if table_width > options.max_width:  # Rich would crop the rows to the width: leave that to it
        return None
    render_options = options.update(width=table_width, highlight=table.highlight, height=None)
    lines: Lines = []
    if table.title:
        title = table.title
        style = Style.pick_first(table.title_style, "table.title")
        text = console.render_str(title, style=style, highlight=False) if isinstance(title, str) else title
        lines.extend(render_lines(console, text, render_options.update(justify=table.title_justify)))
    lines.extend(_rows(table, console, render_options, widths))
    return lines


def _rows(table: Table, console: Console, options: ConsoleOptions, widths: list[int]) -> Lines:
    """Table._render's lines for a table without an edge or footer (the segments of each line, no newline)."""
    get_style = console.get_style
    border_style = get_style(table.style or "") + get_style(table.border_style or "")
    columns = table.columns
    column_cells = (table._get_cells(console, index, column) for index, column in enumerate(columns))
    row_cells = list(zip(*column_cells, strict=True))
    rule = table.box.substitute(options, safe=_safe_box(table, console)) if table.box else None
    if rule and not table.show_header:
        rule = rule.get_plain_headed_box()
    show_header = table.show_header
    cell_options = [
        options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        )
        for width, column in zip(widths, columns, strict=True)
    ]
    dividers = [Segment(rule.head_vertical, border_style), Segment(rule.mid_vertical, border_style)] if rule else []
    dividers.append(Segment(rule.foot_vertical, border_style) if rule else Segment(""))
    lines: Lines = []
    last_index = len(row_cells) - 1
    for index, row_cell in enumerate(row_cells):
        header_row = index == 0 and show_header
        row = None if header_row else table.rows[index - show_header]
        row_style = Style.null() if header_row else get_style(table.get_row_style(console, index - show_header))
        cells = []
        for cell, width, cell_options_ in zip(row_cell, widths, cell_options, strict=True):
            style = get_style(cell.style) + row_style
            drawn, exact = _cell_lines(console, cell.renderable, cell_options_, style)
            cells.append((drawn, exact, width, style, cell.vertical))
        row_height = max(len(cell_lines) for cell_lines, *_ in cells)
        height = max(1, row_height)  # a row of empty cells is still one line high
        shaped = []
        for cell_lines, exact, width, style, vertical in cells:
            aligned = _align(cell_lines, "bottom" if header_row else vertical, width, row_height, style)
            # Segment.set_shape measures every line to fit it to the width; lines drawn here fit it already.
            shaped.append(aligned if exact and row_height else Segment.set_shape(aligned, width, height))
        if rule:
            divider = dividers[0 if index == 0 else (2 if index == last_index else 1)]
            if not divider.text.strip():  # whitespace between columns takes the row's background
                divider = Segment(divider.text, row_style.background_style + divider.style)
            for line_no in range(height):
                line: list[Segment] = []
                for number, cell_lines in enumerate(shaped):
                    if number:
                        line.append(divider)
                    line.extend(cell_lines[line_no])
                lines.append(line)
            if header_row:
                lines.append([Segment(rule.get_row(widths, "head", edge=False), border_style)])
            if (table.show_lines or (row and row.end_section)) and index != last_index and not header_row:
                lines.append([Segment(rule.get_row(widths, "row", edge=False), border_style)])
        else:
            lines.extend([part for cell_lines in shaped for part in cell_lines[line_no]] for line_no in range(height))
    return lines


def _safe_box(table: Table, console: Console) -> bool:
    """pick_bool(table.safe_box, console.safe_box), as Table._render chooses whether to substitute the box."""
    return bool(console.safe_box if table.safe_box is None else table.safe_box)


def _align(lines: Lines, vertical: Any, width: int, height: int, style: Style) -> Lines:
    """The cell's lines placed in a row `height` lines high, as Table._render's align_cell places them."""
    if vertical == "top":
        return Segment.align_top(lines, width, height, style)
    if vertical == "middle":
        return Segment.align_middle(lines, width, height, style)
    return Segment.align_bottom(lines, width, height, style)


def _cell_lines(console: Console, renderable: Any, options: ConsoleOptions, style: Style) -> tuple[Lines, bool]:
    """console.render_lines(renderable, options, style=style), and whether every line is known to fit the width.

    A cell of text (TextCell) is wrapped straight to lines that fill the width exactly, so they need neither
    the padding nor the cropping that render_lines measures each line for. A cell holding anything else
    (a grid of certainty badges) in a padding is drawn by padded_lines and padded here as render_lines pads.
    """
    exact = type(renderable) is TextCell
    if exact:
        drawn = renderable.draw(console, options)
    elif type(renderable) is Padding and not (renderable.top or renderable.bottom):
        drawn = padded_lines(console, renderable, options)
    else:
        drawn = None
    if drawn is None:
        return console.render_lines(renderable, options, style=style), False
    if style:  # Segment.apply_style: the cell's style under each segment's own
        add = style.__add__
        drawn = [[Segment(text, None if control else add(on), control) for text, on, control in line] for line in drawn]
    if not exact:
        fit = Segment.adjust_line_length
        drawn = [fit(line, options.max_width, style=style, pad=True) for line in drawn]
    return drawn, exact
