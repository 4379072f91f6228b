"""Tables drawn straight to lines (text_table_lines) come out byte for byte as Rich draws the same tables."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from rich import box
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from kettool.render import text_table_lines
from kettool.render.text_table import StackingTable
from kettool.render.text_wrap import KbText
from tests.rich_terminal import console, printed

WIDTHS = (1, 3, 8, 13, 21, 34, 55, 100)
# Words of one-cell ASCII, of two-cell characters and accents, long ones that fold, and line breaks.
WORDS = st.sampled_from(["a", "be", "ketamine", "NMDA-receptor", "日本語", "café", "x" * 23, "\n", "0.5 mg/kg", "—"])
TEXTS = st.lists(WORDS, max_size=8).map(" ".join)
STYLES = st.sampled_from(["", "bold", "dim", "red on blue", "italic cyan", "on grey23"])
PADDINGS = st.sampled_from([(0, 1), (0, 1, 0, 0), (0, 1, 1, 0), (0, 0), (1, 1), (0, 2, 0, 1)])


@st.composite
def cells(draw: st.DrawFn) -> object:
    """A cell as kettool writes one: a str, a Text, or KB text (KbText), some with a style of their own."""
    text, style = draw(TEXTS), draw(STYLES)
    kind = draw(st.sampled_from(["str", "text", "kb", "spans", "grid"]))
    if kind == "str":
        return text
    if kind == "grid":  # a grid of certainty badges and questions in a cell, as `compare` draws one
        grid = StackingTable(box=None, show_header=False, padding=(0, 1, 0, 0), expand=False)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(Text("●●○○ low", style="yellow"), KbText(text))
        return grid
    if kind == "spans":
        return Text.assemble((text, style), " ", ("[1]", "cyan"))
    return KbText(text, style=style) if kind == "kb" else Text(text, style=style)


@st.composite
def table_specs(draw: st.DrawFn) -> dict:
    """The arguments, columns and rows of a table of the kinds kettool builds."""
    n_columns = draw(st.integers(1, 4))
    columns = [
        {
            "header": draw(TEXTS),
            "justify": draw(st.sampled_from(["left", "right", "center"])),
            "no_wrap": draw(st.booleans()),
            "overflow": draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            "style": draw(STYLES),
            "vertical": draw(st.sampled_from(["top", "middle", "bottom"])),
            "ratio": draw(st.sampled_from([None, 1, 2])),
        }
        for _ in range(n_columns)
    ]
    return {
        "table": {
            "box": draw(st.sampled_from([None, box.SIMPLE_HEAD])),
            "show_edge": False,
            "show_header": draw(st.booleans()),
            "show_lines": draw(st.booleans()),
            "padding": draw(PADDINGS),
            "expand": draw(st.booleans()),
            "title": draw(st.sampled_from([None, "Evidence by condition", "日本 " * 9])),
            "title_justify": draw(st.sampled_from(["left", "center", "right"])),
            "header_style": draw(STYLES),
            "row_styles": draw(st.sampled_from([None, ["", "on grey23"], ["dim"]])),
        },
        "columns": columns,
        "rows": draw(st.lists(st.lists(cells(), min_size=n_columns, max_size=n_columns), max_size=5)),
        "sections": draw(st.lists(st.booleans(), max_size=5)),
    }


def build(kind: type[Table], spec: dict) -> Table:
    """A table of the given class made from a spec."""
    table = kind(**spec["table"])
    for column in spec["columns"]:
        table.add_column(**column)
    sections = [*spec["sections"], *[False] * len(spec["rows"])]
    for row, section in zip(spec["rows"], sections[: len(spec["rows"])], strict=True):
        table.add_row(*row, end_section=section)
    return table


def by_rich(spec: dict, width: int, colour: bool) -> str:
    """The table as Rich draws it."""
    terminal = console(width, colour)
    return printed(terminal, terminal.render_lines(build(Table, spec), terminal.options, pad=False))


def by_lines(spec: dict, width: int, colour: bool) -> str | None:
    """The table as text_table_lines draws it (None where it leaves the table to Rich)."""
    terminal = console(width, colour)
    lines = text_table_lines.table_lines(build(StackingTable, spec), terminal, terminal.options)
    return None if lines is None else printed(terminal, lines)


EVIDENCE_TABLE = {
    "table": {"box": box.SIMPLE_HEAD, "show_edge": False, "padding": (0, 1), "show_lines": True},
    "columns": [{"header": "", "style": "bold", "no_wrap": True}, {"header": "depression", "overflow": "fold"}],
    "rows": [["Certainty", KbText("low: one trial of 676 people")], ["Onset", Text("hours", style="dim")]],
    "sections": [],
}
HANGING_GRID = {
    "table": {"box": None, "show_header": False, "padding": (0, 1, 1, 0)},
    "columns": [{"header": "", "no_wrap": True, "style": "dim"}, {"header": "", "overflow": "fold"}],
    "rows": [["1.", KbText("Benzodiazepines may blunt the antidepressant effect")], ["2.", "x" * 30]],
    "sections": [],
}


@given(table_specs())
@example(EVIDENCE_TABLE)
@example(HANGING_GRID)
def test_tables_drawn_to_lines_print_as_rich_prints_them(spec):
    for width in WIDTHS:
        for colour in (False, True):
            drawn = by_lines(spec, width, colour)
            if drawn is not None:
                assert drawn == by_rich(spec, width, colour), (width, colour)


@given(table_specs(), st.sampled_from(WIDTHS))
@example(EVIDENCE_TABLE, 100)
def test_tables_measure_as_rich_measures_them(spec, width):
    # StackingTable measures a column of text without Rich's Padding and Measurement.get around each cell.
    terminal = console(width, False)
    rich_width = Measurement.get(terminal, terminal.options, build(Table, spec))
    assert Measurement.get(terminal, terminal.options, build(StackingTable, spec)) == rich_width


def test_the_tables_kettool_builds_are_drawn_to_lines_not_left_to_rich():
    # The comparison above means something only where the lines are drawn here.
    for spec in (EVIDENCE_TABLE, HANGING_GRID):
        for width in (30, 100):
            assert by_lines(spec, width, True) is not None


def test_tables_of_other_kinds_are_left_to_rich():
    edged = {**EVIDENCE_TABLE, "table": {**EVIDENCE_TABLE["table"], "show_edge": True}}
    rounded = {**EVIDENCE_TABLE, "table": {**EVIDENCE_TABLE["table"], "box": box.ROUNDED}}
    captioned = {**EVIDENCE_TABLE, "table": {**EVIDENCE_TABLE["table"], "caption": "Table 1"}}
    for spec in (edged, rounded, captioned):
        assert by_lines(spec, 100, False) is None


def test_the_comparison_sees_a_header_aligned_to_the_top(monkeypatch):
    # Rich aligns header cells to the bottom of the header row; drawing them at the top must show.
    spec = {
        "table": {"box": box.SIMPLE_HEAD, "show_edge": False, "padding": (0, 1)},
        "columns": [{"header": "Evidence by question", "overflow": "fold"}, {"header": "Id", "no_wrap": True}],
        "rows": [[KbText("low"), "a"]],
        "sections": [],
    }
    assert by_lines(spec, 14, False) == by_rich(spec, 14, False)
    top = text_table_lines._align
    monkeypatch.setattr(text_table_lines, "_align", lambda lines, _vertical, *rest: top(lines, "top", *rest))
    assert by_lines(spec, 14, False) != by_rich(spec, 14, False)
