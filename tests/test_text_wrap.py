"""KB text (text_wrap) wraps into the same lines, spans and padding as Rich's Text.wrap."""

from __future__ import annotations

import io

from hypothesis import example, given
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.console import Console
from rich.text import Text

from kettool.render import text_wrap

# Printable ASCII words (the fast path), two-cell characters and accents (Rich's path), spaces and breaks.
PIECES = st.sampled_from(["a", "be", "ketamine", "x" * 17, "  ", " ", "\n", "日本語", "café", "0.5 mg/kg", "\t"])
TEXTS = st.lists(PIECES, max_size=12).map("".join)
JUSTIFY = st.sampled_from(["default", "left", "center", "right", "full"])
CONSOLE = Console(file=io.StringIO(), width=80, color_system=None, highlight=False, markup=False, emoji=False)


def styled(plain: str) -> Text:
    """A text with a style of its own and a span over part of it, as KB text with a citation mark has."""
    text = Text(plain, style="dim")
    text.stylize("bold", len(plain) // 3, len(plain) // 2)
    return text


def drawn(lines) -> list[tuple[str, list]]:
    """Each line's characters and spans, what the lines print as."""
    return [(line.plain, line.spans, line.style) for line in lines]


@given(TEXTS, st.integers(1, 30), JUSTIFY)
@example("ketamine  be a", 8, "left")
@example("x" * 17 + " a", 5, "default")
@example("a   \n  be", 3, "left")
def test_kb_text_wraps_as_rich_wraps(plain, width, justify):
    expected = Text.wrap(styled(plain), CONSOLE, width, justify=justify, overflow="fold")
    assert drawn(text_wrap.wrap(styled(plain), CONSOLE, width, justify=justify, overflow="fold")) == drawn(expected)


def test_the_comparison_sees_a_line_left_unpadded(monkeypatch):
    # Left-justified lines are padded to the width; a wrap that skipped the padding must not compare equal.
    expected = drawn(Text.wrap(styled("ketamine be"), CONSOLE, 10, justify="left", overflow="fold"))
    assert drawn(text_wrap.wrap(styled("ketamine be"), CONSOLE, 10, justify="left", overflow="fold")) == expected
    monkeypatch.setattr(text_wrap, "_fit", lambda pieces, width, pad: None)
    assert drawn(text_wrap.wrap(styled("ketamine be"), CONSOLE, 10, justify="left", overflow="fold")) != expected


# Printable ASCII lines: words of every length, runs of spaces, spaces at either end.
ASCII_LINES = st.lists(st.sampled_from(["a", "be", "ketamine", "x" * 9, "y" * 31, " ", "   ", "-", "0.5"]), max_size=20)


@given(ASCII_LINES.map("".join), st.integers(1, 40))
@example("   leading spaces and a word", 2)
@example("ab " + "x" * 10, 4)
@example("a    ", 2)
def test_breaks_in_printable_ascii_fall_where_rich_puts_them(line, width):
    assert text_wrap.break_offsets(line, width) == divide_line(line, width, fold=True)


def test_the_break_comparison_sees_a_limit_one_short():
    # "ketamine" ends exactly at the width: breaking as if the width were one less would push it down.
    assert text_wrap.break_offsets("a ketamine b", 10) == divide_line("a ketamine b", 10, fold=True)
    assert text_wrap.break_offsets("a ketamine b", 9) != divide_line("a ketamine b", 10, fold=True)
