"""The pieces text layouts are built from: KB text that is never read as markup, badges, lists, sections, references."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from kettool.core.models import Certainty, Claim, Meta
from kettool.render.evidence_words import claim_effects
from kettool.render.reference_list import CitationNumbers
from kettool.render.terminal_safe import visible
from kettool.render.text_lines import LineRenderable, Lines, render_lines, text_lines
from kettool.render.text_wrap import KbText

if TYPE_CHECKING:  # rich.table (and the fractions and decimal it imports) only for pages with a table
    from kettool.render.text_table import StackingTable

CERTAINTY_STYLE = {
    Certainty.HIGH: "bold green",
    Certainty.MODERATE: "green",
    Certainty.LOW: "yellow",
    Certainty.VERY_LOW: "red",
}


class HangingList(LineRenderable):
    """Rows of a short marker and a text hanging beside it, drawn exactly as a borderless two-column grid draws them.

    A Rich table measures every cell to size its columns, and again to render each one inside a
    padding; for a marker column and one text column the widths are known, so each text is simply
    wrapped at the width left beside the widest marker. Where even that does not fit, the equivalent
    StackingTable draws the rows stacked, as before.
    """

    def __init__(self, marker_style: str = "", right_aligned: bool = False, gap: int = 0):
        self.marker_style = marker_style
        self.right_aligned = right_aligned
        self.gap = gap  # blank lines after each row, as a grid's bottom padding draws them
        self.rows: list[tuple[str, Text]] = []

    def add_row(self, marker: str, body: Text) -> None:
        """Add one marker ("•", "3.") and its text."""
        self.rows.append((marker, body))

    def grid(self) -> StackingTable:
        """The same rows as the table they used to be: for measuring, and for drawing them stacked."""
        from kettool.render.text_table import StackingTable

        table = StackingTable(box=None, show_header=False, padding=(0, 1, self.gap, 0), expand=False)
        table.add_column(justify="right" if self.right_aligned else "left", style=self.marker_style, no_wrap=True)
        table.add_column(overflow="fold")
        for marker, body in self.rows:
            table.add_row(marker, body)
        return table

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.grid())

    def draw_lines(self, console: Console, options: ConsoleOptions) -> Lines:
        """The rows' lines at the options' width: each text wrapped beside its marker, or the stacked grid."""
        from rich.cells import cell_len

        if not self.rows:
            return render_lines(console, self.grid(), options)
        marker_width = max(cell_len(marker) for marker, _ in self.rows)
        # The grid's minimum is each column's widest unbreakable content plus one column of padding. A word
        # takes at most two cells a character, so only words longer than half the room need measuring.
        room = options.max_width - marker_width - 2
        if any(cell_len(word) > room for _, body in self.rows for word in body.plain.split() if 2 * len(word) > room):
            return render_lines(console, self.grid(), options)  # stacked, as a StackingTable draws it
        text_options = options.update(width=room, justify="left", overflow="fold", no_wrap=False, height=None)
        marker_style = console.get_style(self.marker_style) if self.marker_style else None
        gap = Segment(" " * (marker_width + 1))
        lines: Lines = []
        for marker, body in self.rows:
            padded = marker.rjust(marker_width) if self.right_aligned else marker.ljust(marker_width)
            first = Segment(padded + " ", marker_style)
            for number, line in enumerate(text_lines(console, body, text_options)):
                lines.append([gap if number else first, *line])
            lines.extend([] for _ in range(self.gap))
        return lines


def plain(value: str, style: str = "") -> Text:
    """KB text as a Text object: control characters made visible, markup left literal."""
    return KbText(visible(value), style=style)


def title(name: str, subtitle: str = "") -> Text:
    """An answer's title in bold, with a dim subtitle line under it."""
    text = plain(name, "bold")
    if subtitle:
        text.append("\n").append(plain(subtitle, "dim"))
    return text


def certainty_badge(level: Certainty) -> Text:
    """A certainty level with a four-step scale, e.g. '●●●○ moderate'."""
    return Text.assemble(
        ("●" * level.rank + "○" * (4 - level.rank), CERTAINTY_STYLE[level]), " ", (level.label, CERTAINTY_STYLE[level])
    )


class Citations(CitationNumbers):
    """Citation numbers with the reference list drawn as a Rich table."""

    def reference_list(self) -> RenderableType:
        """The numbered references cited so far."""
        rows = HangingList(marker_style="dim", right_aligned=True)
        for number, line in self.references():
            rows.add_row(f"{number}.", plain(line))
        return rows


def heading(title: str) -> Text:
    """A section heading."""
    return Text(visible(title), style="bold underline")


def bullets(items: Iterable[str]) -> RenderableType:
    """A bulleted list of KB strings."""
    rows = HangingList()
    for item in items:
        rows.add_row("•", plain(item))
    return rows


def claim_list(claims: Iterable[Claim], cites: Citations, numbered: bool = False) -> RenderableType:
    """Claims with the drug they concern and their reference marks."""
    rows = HangingList(marker_style="dim")
    for n, claim in enumerate(claims, 1):
        body = plain(claim.text)
        body.append(f" {cites.marks(claim.cites)}", style="cyan")
        if claim.drug:
            body.append("\n").append(plain(f"Drug: {claim.drug}", "dim"))
        if claim.source_version:
            body.append("\n").append(plain(f"Source: {claim.source_version}", "dim"))
        for line in claim_effects(claim, cites.studies):
            body.append("\n").append(plain(f"Effect: {line}", "dim"))
        rows.add_row(f"{n}." if numbered else "•", body)
    return rows


class Indent(LineRenderable):
    """Content drawn some columns in, at the width left over: rich.padding.Padding without measuring it first.

    Padding(expand=False) measures everything it holds (every cell of every table) to choose a width,
    and then the content measures itself again to render; drawing at the width left over gives the
    same lines for kettool's content (no right-aligned or centred text outside tables) at a fraction
    of the cost. Lines are not padded on the right: plain text drops that padding anyway.
    """

    def __init__(self, renderable: RenderableType, left: int):
        self.renderable = renderable
        self.left = left

    def draw_lines(self, console: Console, options: ConsoleOptions) -> Lines:
        """The content's lines at the width left over, each after `left` spaces."""
        inner = options.update_width(max(1, options.max_width - self.left))
        indent = Segment(" " * self.left)
        lines = [[indent, *line] for line in render_lines(console, self.renderable, inner)]
        if options.max_width - self.left < 1:  # drawn one column wide past the edge: cropped, as Rich crops
            lines = [Segment.adjust_line_length(line, options.max_width, pad=False) for line in lines]
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options.update_width(max(1, options.max_width - self.left)), self.renderable)
        return Measurement(inner.minimum + self.left, inner.maximum + self.left)


def section(title: str, *body: RenderableType) -> RenderableType:
    """A heading followed by indented content and a blank line."""
    return Group(heading(title), Indent(Group(*body), 2), Text())


def footer(meta: Meta, color: bool) -> str:
    """The one-line reminder that ends every text answer, kept out of Rich so it never wraps or crops."""
    # The review date tells a reader how fresh the answer is; the disclaimer stays the last line, one line
    # with no tabs or newlines from the KB.
    note = " ".join(visible(review_note(meta)).split())
    line = " ".join(visible(meta.disclaimer).split())
    return f"\x1b[2m{note}\x1b[0m\n\x1b[2;3m{line}\x1b[0m\n" if color else f"{note}\n{line}\n"


def crisis_box(resources: Any) -> list[RenderableType]:
    """The crisis services, first on a page about suicidal ideation or depression (nothing when there are none)."""
    if not resources:
        return []
    lines = Text("If you are in crisis or thinking about suicide, get help now:", style="bold")
    for r in resources:
        lines.append("\n").append(plain(f"• {r.region}: {r.service}, {r.contact} ({r.official_page})"))
    return [Padding(lines, (0, 1), style="bold", expand=False), Text()]


def review_note(meta: Meta) -> str:
    """'Knowledge base 0.3.0, reviewed 2026-12-01.': which KB an answer comes from, and how fresh it is."""
    return f"Knowledge base {meta.version}, reviewed {meta.reviewed}."
