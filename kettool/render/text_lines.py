"""Renderables drawn straight to lines of segments, without Rich splitting and measuring the same segments again."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from kettool.render.text_wrap import ascii_ranges, wrap

Lines = list[list[Segment]]

# Renderables whose output always ends with a newline (or is empty), so the lines of a group of them are
# the lines of each one after the other; a renderable ending mid-line would run into the next one.
# (kettool's tables are StackingTables, which draw lines themselves; rich.table is not imported here.)
_WHOLE_LINES: tuple[type, ...] = (Text, Group, Padding)


def render_lines(console: Console, renderable: RenderableType, options: ConsoleOptions) -> Lines:
    """The same lines as console.render_lines(renderable, options, pad=False), with fewer passes over them.

    Rich renders nested content to segments, splits them into lines and measures every line to crop it,
    once for every level of nesting; kettool's own blocks and plain Text are drawn to lines directly.
    """
    if options.max_width < 1 or options.height is not None:
        return console.render_lines(renderable, options, pad=False)
    draw = getattr(renderable, "draw_lines", None)
    if draw is not None:
        lines: Lines = draw(console, options)
        return lines
    if isinstance(renderable, Text):
        return text_lines(console, renderable, options)
    if type(renderable) is Group and all(whole_lines(item) for item in renderable.renderables):
        return [line for item in renderable.renderables for line in render_lines(console, item, options)]
    if type(renderable) is Padding and not (renderable.top or renderable.bottom):
        return padded_lines(console, renderable, options)
    return console.render_lines(renderable, options, pad=False)


def padded_lines(console: Console, padding: Padding, options: ConsoleOptions) -> Lines:
    """rich.padding.Padding's lines (no padding above or below), its content drawn by render_lines.

    Padding renders its content to segments and has render_lines split them, style them and pad them to
    the inner width; the content's lines are drawn here directly, then styled and padded the same way.
    """
    style = console.get_style(padding.style)
    width = options.max_width
    if not padding.expand:  # as narrow as the content needs, with the padding
        content_width = Measurement.get(console, options, padding.renderable).maximum
        width = min(content_width + padding.left + padding.right, width)
    inner = options.update_width(width - padding.left - padding.right)
    if inner.max_width < 1:
        return []  # Console.render draws nothing so narrow
    lines = render_lines(console, padding.renderable, inner)
    if style:  # Segment.apply_style: the padding's style under each segment's own
        add = style.__add__
        lines = [[Segment(text, None if control else add(on), control) for text, on, control in line] for line in lines]
    left = [Segment(" " * padding.left, style)] if padding.left else []
    right = [Segment(" " * padding.right, style)] if padding.right else []
    fit = Segment.adjust_line_length
    return [[*left, *fit(line, inner.max_width, style=style, pad=True), *right] for line in lines]


def whole_lines(renderable: Any) -> bool:
    """True for renderables whose output ends with a newline, or is empty."""
    return hasattr(renderable, "draw_lines") or isinstance(renderable, _WHOLE_LINES)


def text_lines(console: Console, text: Text, options: ConsoleOptions) -> Lines:
    """Text wrapped as Text.__rich_console__ wraps it, split into lines without measuring them again."""
    overflow = text.overflow or options.overflow or "fold"
    if overflow == "ignore" or text.end != "\n":
        return console.render_lines(text, options, pad=False)
    justify = text.justify or options.justify or "default"
    no_wrap = text.no_wrap if text.no_wrap is not None else bool(options.no_wrap)
    # Unwrapped lines that fit are neither folded nor cropped, whatever their overflow.
    if (overflow == "fold" or no_wrap) and justify in ("left", "default"):
        drawn = ascii_lines(console, text, options.max_width, pad=justify == "left", no_wrap=no_wrap)
        if drawn is not None:
            return drawn
    wrapped = wrap(
        text,
        console,
        options.max_width,
        justify=justify,
        overflow=overflow,
        tab_size=(console.tab_size if text.tab_size is None else text.tab_size) or 8,
        no_wrap=no_wrap,
    )
    # Every wrapped line is already cut to the width (overflow is not "ignore"), so nothing needs cropping.
    # Text.__rich_console__ joins the lines to render them, which turns each line's own style into a span
    # over it; each line is rendered alone here, with its style made a span the same way.
    lines: Lines = []
    for line in wrapped:
        if line.style:
            line._spans.insert(0, Span(0, len(line), line.style))
            line.style = ""
        if line._spans:
            lines.append([segment for segment in line.render(console) if segment.text])
        else:
            lines.append([Segment(line.plain)] if line.plain else [])
    return lines


def ascii_lines(console: Console, text: Text, width: int, *, pad: bool, no_wrap: bool = False) -> Lines | None:
    """text_lines for printable ASCII text folded (or unwrapped) at a width, justified left (pad) or not at all.

    wrap() splits the text into Text lines, divides them into pieces, crops, pads and copies each one;
    here the pieces are cut from the string where ascii_ranges says, each with its part of every span
    (as Text.divide clips them) and the text's style as a span over it, as text_lines renders a line.
    """
    plain, spans, style = text.plain, text._spans, text.style
    if width < 1 or not all(0 <= start < end <= len(plain) for start, end, _ in spans):
        return None  # empty or stray spans are kept or dropped by Text.divide in ways not copied here
    ranges = ascii_ranges(plain, width, no_wrap=no_wrap)
    if ranges is None:
        return None
    null = Style.null()
    lines: Lines = []
    for begin, end in ranges:
        content = plain[begin:end] + (" " * (width - end + begin) if pad else "")
        pieces = [
            Span(max(start, begin) - begin, min(stop, end) - begin, on)
            for start, stop, on in spans
            if start < end and stop > begin
        ]
        if not content:
            lines.append([])
        elif not pieces:  # Text.render of a line whose only span is its style: one segment in that style
            lines.append([Segment(content, console.get_style(style, default=null) if style else None)])
        else:
            drawn = None if style else _side_by_side(console, content, pieces, null)
            if drawn is None:
                if style:
                    pieces.insert(0, Span(0, len(content), style))
                drawn = [segment for segment in Text(content, spans=pieces).render(console) if segment.text]
            lines.append(drawn)
    return lines


def _side_by_side(console: Console, content: str, spans: list[Span], null: Style) -> list[Segment] | None:
    """Text(content, spans=spans).render(console) for spans that do not overlap (else None), for unstyled text.

    With no two spans over the same character, each span's text is in its own style and the text
    between them in none: no styles to combine, and no Text to build.
    """
    segments: list[Segment] = []
    position = 0
    for start, end, on in sorted(spans, key=_start):
        if start < position:
            return None
        if start > position:
            segments.append(Segment(content[position:start], null))
        segments.append(Segment(content[start:end], console.get_style(on, default=null)))
        position = end
    if position < len(content):
        segments.append(Segment(content[position:], null))
    return segments


def _start(span: Span) -> int:
    """Where a span starts."""
    return span.start


class LineRenderable:
    """Base for kettool blocks that draw themselves as lines; Rich draws them through the same method."""

    def draw_lines(self, console: Console, options: ConsoleOptions) -> Lines:
        """The block's lines at the options' width (overridden)."""
        raise NotImplementedError

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        newline = Segment.line()
        for line in render_lines(console, self, options):
            yield from line
            yield newline


def printed(console: Console, lines: Lines) -> str:
    """What console.print(DrawnLines(lines), crop=False) writes to a capture: the lines' characters and styles."""
    if console.color_system is None and not any(segment.control for line in lines for segment in line):
        # Without a colour system Rich writes each segment's characters alone: no style has any codes.
        return "".join(["".join([segment.text for segment in line]) + "\n" for line in lines])
    with console.capture() as captured:
        console.print(DrawnLines(lines), crop=False)
    return captured.get()


class DrawnLines:
    """Lines already drawn, given back to Rich as they are (to print with crop=False: they fit already)."""

    def __init__(self, lines: Lines):
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        newline = Segment.line()
        for line in self.lines:
            yield from line
            yield newline


class TextCell:
    """A table cell of text in its padding, drawn as rich.padding.Padding draws it without splitting it twice.

    Rich renders the text, splits it into lines and pads each to the cell's width; a table's column justifies
    every line of its text to exactly that width already, so the lines go straight into the padding.
    """

    __slots__ = ("padding",)

    def __init__(self, padding: Padding):
        self.padding = padding

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Any:
        return self.padding.__rich_measure__(console, options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        lines = self.draw(console, options)
        if lines is None:
            yield from self.padding.__rich_console__(console, options)
            return
        newline = Segment.line()
        for line in lines:
            yield from line
            yield newline

    def draw(self, console: Console, options: ConsoleOptions) -> Lines | None:
        """The padded lines of the text, each exactly the options' width, or None where Padding must draw them.

        Justified left, centre or right, wrapped text fills every line to the width; overflow "ignore" and
        text not ending in a newline are left to Rich, whose lines are not cut or filled to a width.
        """
        padding, text = self.padding, self.padding.renderable
        inner = options.update_width(options.max_width - padding.left - padding.right)
        if isinstance(text, str):  # as Console.render reads a string
            text = console.render_str(text, highlight=inner.highlight, markup=inner.markup)
        justify = getattr(text, "justify", None) or inner.justify
        style = console.get_style(padding.style)
        if (
            style  # a padding's own style would be laid over the text
            or not isinstance(text, Text)
            or justify not in ("left", "center", "right")
            or (text.overflow or inner.overflow) == "ignore"
            or text.end != "\n"
            or not padding.expand
            or padding.top
            or padding.bottom
            or inner.max_width < 1
            or options.height is not None
        ):
            return None
        left = [Segment(" " * padding.left, style)] if padding.left else []
        right = [Segment(" " * padding.right, style)] if padding.right else []
        return [[*left, *line, *right] for line in text_lines(console, text, inner)]
