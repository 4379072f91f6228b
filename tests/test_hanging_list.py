"""HangingList draws its rows as Rich draws the two-column grid they stand for, wide or stacked.

Without colour: its lines run to the full width where the grid's stop at the widest text, so each line
is compared without the spaces at its end, which plain output drops. (With colour, the marker and the
space after it are one segment here and two in Rich's grid: the same characters, different escapes.)
"""

from __future__ import annotations

import io

from hypothesis import example, given
from hypothesis import strategies as st
from rich.console import Console

from kettool.render.text_lines import DrawnLines, render_lines
from kettool.render.text_widgets import HangingList, plain

# Words short and long (a URL that stacks a reference list when the page is narrow), two-cell characters.
WORDS = st.sampled_from(["a", "ketamine", "https://doi.org/10.1001/jamapsychiatry.2025.0001", "日本語", "x" * 12])
BODIES = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
MARKERS = st.sampled_from(["•", "1.", "12.", "-"])


def printed(terminal: Console, lines: list) -> list[str]:
    """The characters each line prints as, without the spaces at its end."""
    with terminal.capture() as captured:
        terminal.print(DrawnLines(lines), crop=False)
    return [line.rstrip(" ") for line in captured.get().split("\n")]


@given(
    st.lists(st.tuples(MARKERS, BODIES), min_size=1, max_size=4), st.integers(4, 90), st.booleans(), st.integers(0, 2)
)
@example([("1.", "https://doi.org/10.1001/jamapsychiatry.2025.0001")], 40, True, 0)
@example([("1.", "ketamine"), ("2.", "esketamine nasal spray")], 40, False, 1)
def test_hanging_rows_print_as_rich_prints_their_grid(rows, width, right_aligned, gap):
    terminal = Console(file=io.StringIO(), width=width, color_system=None)
    hanging = HangingList(marker_style="dim", right_aligned=right_aligned, gap=gap)
    for marker, body in rows:
        hanging.add_row(marker, plain(body))
    rich = terminal.render_lines(hanging.grid(), terminal.options, pad=False)
    assert printed(terminal, render_lines(terminal, hanging, terminal.options)) == printed(terminal, rich)


def test_the_grid_comparison_sees_markers_aligned_the_other_way():
    # Numbers are right-aligned in a reference list; a grid of left-aligned ones must not compare equal.
    terminal = Console(file=io.StringIO(), width=40, color_system=None)
    left, right = HangingList(), HangingList(right_aligned=True)
    for rows in (left, right):
        rows.add_row("9.", plain("ketamine"))
        rows.add_row("10.", plain("esketamine"))
    drawn = printed(terminal, render_lines(terminal, right, terminal.options))
    assert drawn == printed(terminal, terminal.render_lines(right.grid(), terminal.options, pad=False))
    assert drawn != printed(terminal, terminal.render_lines(left.grid(), terminal.options, pad=False))


def test_the_grid_comparison_sees_a_missing_blank_line_between_rows():
    terminal = Console(file=io.StringIO(), width=40, color_system=None)
    spaced, packed = HangingList(gap=1), HangingList()
    for rows in (spaced, packed):
        rows.add_row("1.", plain("ketamine"))
        rows.add_row("2.", plain("esketamine"))
    drawn = printed(terminal, render_lines(terminal, packed, terminal.options))
    assert drawn != printed(terminal, terminal.render_lines(spaced.grid(), terminal.options, pad=False))
