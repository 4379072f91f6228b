"""Text drawn straight to lines (text_lines) prints byte for byte as Rich prints the same text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from rich.padding import Padding
from rich.segment import ControlType, Segment
from rich.style import Style
from rich.text import Text

from kettool.render import text_lines
from kettool.render.text_wrap import KbText
from tests.rich_terminal import console, printed

# Printable ASCII words and spaces (drawn by ascii_lines), with line breaks, two-cell characters and tabs
# (left to wrap()).
PIECES = st.sampled_from(["a", "be", "ketamine", "x" * 17, "  ", " ", " ", "\n", "0.5 mg/kg", "日本", "\t"])
TEXTS = st.lists(PIECES, max_size=14).map("".join)
STYLES = st.sampled_from(["", "bold", "dim", "red on blue"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    """KB text or a Text, with a style of its own and spans over parts of it (some empty, some past its end)."""
    plain = draw(TEXTS)
    text = (KbText if draw(st.booleans()) else Text)(plain, style=draw(STYLES))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(plain) + 1))
        text.stylize(draw(STYLES) or "italic", start, draw(st.integers(start, len(plain) + 2)))
    return text


def both(text: Text, width: int, colour: bool, justify: str, overflow="fold", no_wrap=False) -> tuple[str, str]:
    """The text as text_lines draws it and as Rich draws it."""
    terminal = console(width, colour)
    options = terminal.options.update(justify=justify, overflow=overflow, no_wrap=no_wrap)
    rich = terminal.render_lines(text.copy(), options, pad=False)
    return printed(terminal, text_lines.text_lines(terminal, text.copy(), options)), printed(terminal, rich)


@given(texts(), st.integers(1, 30), st.booleans(), st.sampled_from(["default", "left"]))
@example(KbText("ketamine be a", style="dim"), 8, True, "left")
@example(Text.assemble(("low", "bold"), " certainty ", ("[1]", "cyan")), 6, True, "default")
def test_text_drawn_to_lines_prints_as_rich_prints_it(text, width, colour, justify):
    drawn, rich = both(text, width, colour, justify)
    assert drawn == rich


@given(texts(), st.integers(1, 30), st.booleans(), st.sampled_from(["fold", "ellipsis", "crop"]))
@example(KbText("Risk of bias", style="dim"), 12, True, "ellipsis")
@example(KbText("Risk of bias  ", style="dim"), 12, True, "ellipsis")
@example(KbText("Imprecision", style="dim"), 8, True, "ellipsis")
def test_unwrapped_text_drawn_to_lines_prints_as_rich_prints_it(text, width, colour, overflow):
    # A table column with no_wrap (a domain, a rating) draws its text on one line, cropped as its overflow says.
    drawn, rich = both(text, width, colour, "left", overflow, no_wrap=True)
    assert drawn == rich


def test_the_comparison_sees_a_span_cut_short(monkeypatch):
    # A citation mark whose colour stopped one character early must show in coloured output.
    text = Text.assemble("ketamine ", ("[12]", "cyan"))
    assert both(text, 40, True, "left")[0] == both(text, 40, True, "left")[1]
    real = text_lines.Span
    monkeypatch.setattr(text_lines, "Span", lambda start, end, style: real(start, max(start, end - 1), style))
    drawn, rich = both(text, 40, True, "left")
    assert drawn != rich


@given(texts(), st.integers(1, 30))
def test_lines_without_colour_print_as_rich_prints_them(text, width):
    # Without a colour system the lines are joined directly, not printed through the console.
    terminal = console(width, colour=False)
    lines = text_lines.text_lines(terminal, text, terminal.options)
    assert text_lines.printed(terminal, lines) == printed(terminal, lines)


def test_printing_without_colour_drops_control_segments_as_rich_does():
    terminal = console(20, colour=False)
    lines = [[Segment("a"), Segment("\x1b[2J", None, [(ControlType.CLEAR,)])], [Segment("b", Style(bold=True))]]
    assert text_lines.printed(terminal, lines) == printed(terminal, lines) == "a\nb\n"


@given(texts(), st.integers(1, 30), st.booleans(), st.sampled_from([(0, 1), (0, 2, 0, 0), (0, 0), (0, 3, 0, 1)]))
@example(Text("If you are in crisis, get help now:", style="bold"), 30, True, (0, 1))
def test_padded_text_drawn_to_lines_prints_as_rich_prints_it(text, width, colour, sides):
    # The crisis box: text in a bold padding as wide as it needs; other paddings too, some as wide as the page.
    terminal = console(width, colour)
    for padding in (Padding(text, sides, style="bold", expand=False), Padding(text, sides, style="on blue")):
        drawn = text_lines.render_lines(terminal, padding, terminal.options)
        assert printed(terminal, drawn) == printed(terminal, terminal.render_lines(padding, pad=False))


def test_the_padding_comparison_sees_an_unstyled_margin():
    terminal = console(30, colour=True)
    padding = Padding(Text("crisis lines"), (0, 1), style="bold", expand=False)
    rich = printed(terminal, terminal.render_lines(padding, pad=False))
    drawn = text_lines.render_lines(terminal, padding, terminal.options)
    assert printed(terminal, drawn) == rich
    unstyled = [[Segment(line[0].text), *line[1:]] for line in drawn]  # the left margin without its style
    assert printed(terminal, unstyled) != rich
