"""Rich's word wrapping and measuring of Text, with printable ASCII counted by len() instead of cell by cell."""

from __future__ import annotations

import re
from typing import Any

from rich._wrap import divide_line
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

# The next character that starts or continues a word.
_NOT_SPACE = re.compile(r"\S")


def single_cell(line: str) -> bool:
    """True when every character of a line is printable ASCII, one terminal cell wide."""
    return line.isascii() and line.isprintable()


def break_offsets(line: str, width: int) -> list[int]:
    """rich._wrap.divide_line(line, width, fold=True) for a line of printable ASCII, where a cell is a character.

    divide_line measures every word twice with cell_len; for these characters a word fits while its last
    character is within `width` of where its line begins, so only the first word that does not fit on
    each line is looked at.
    """
    length = len(line)
    if length <= width:  # every word fits where it stands
        return []
    first = length - len(line.lstrip(" "))  # the first word takes the spaces before it (rich._wrap.words)
    breaks: list[int] = []
    line_start = 0  # where the current line's characters are counted from
    while line_start + width < length:
        limit = line_start + width  # a word ending past this index does not fit
        if line[limit] == " ":
            found = _NOT_SPACE.search(line, limit)
            if found is None:  # only trailing spaces left: they stay on the line
                break
            run = found.start()
        else:
            run = line.rfind(" ", 0, limit) + 1
        end = line.find(" ", run)
        end = length if end < 0 else end
        after = _NOT_SPACE.search(line, end)
        word_end = length if after is None else after.start()  # the word with the spaces after it
        start = 0 if run == first else run
        if end - start > width:  # folded into pieces of `width` characters, each starting a line
            pieces = range(start, word_end, width)
            breaks.extend(piece for piece in pieces if piece)
            line_start = pieces[-1]
        else:  # to the next line
            if start:
                breaks.append(start)
            line_start = start
    return breaks


def ascii_ranges(plain: str, width: int, *, no_wrap: bool = False) -> list[tuple[int, int]] | None:
    """Where wrap() cuts printable ASCII text, folding: each line's (start, end) in the text, or None.

    Lines end at newlines and, unless no_wrap, at break_offsets, where (as Text.rstrip_end drops them)
    spaces that run past the width are dropped. None where a line holds other characters, or a piece is
    still wider than the width (an unwrapped line is cropped by its overflow).
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    for line in plain.split("\n"):
        if not single_cell(line):
            return None
        cuts = [0, len(line)] if no_wrap else [0, *break_offsets(line, width), len(line)]
        for begin, end in zip(cuts, cuts[1:], strict=False):
            if end - begin > width and no_wrap:  # cut by Text.truncate, spaces and all
                return None
            if end - begin > width:
                spaces = end - begin - len(line[begin:end].rstrip(" "))
                end -= min(spaces, end - begin - width)
                if end - begin > width:
                    return None
            ranges.append((start + begin, start + end))
        start += len(line) + 1
    return ranges


def wrap(
    text: Text,
    console: Any,
    width: int,
    *,
    justify: Any = None,
    overflow: Any = None,
    tab_size: int = 8,
    no_wrap: bool | None = None,
) -> Lines:
    """Text.wrap, line for line, with printable ASCII lines broken by break_offsets."""
    wrap_justify = justify or text.justify or "default"
    wrap_overflow = overflow or text.overflow or "fold"
    no_wrap = (no_wrap if no_wrap is not None else bool(text.no_wrap)) or overflow == "ignore"
    if no_wrap or wrap_overflow != "fold" or width < 1:
        return Text.wrap(text, console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)
    lines = Lines()
    for line in text.split(allow_blank=True):
        if "\t" in line:
            line.expand_tabs(tab_size)
        plain = line.plain
        ascii_line = single_cell(plain)
        offsets = break_offsets(plain, width) if ascii_line else divide_line(plain, width, fold=True)
        new_lines = line.divide(offsets)
        for piece in new_lines:
            piece.rstrip_end(width)
        if ascii_line and wrap_justify in ("left", "default"):
            _fit(new_lines, width, pad=wrap_justify == "left")
            lines.extend(new_lines)
            continue
        if wrap_justify:
            new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
        for piece in new_lines:
            piece.truncate(width, overflow=wrap_overflow)
        lines.extend(new_lines)
    return lines


def _fit(pieces: Lines, width: int, *, pad: bool) -> None:
    """Lines.justify(justify="left" or "default") and Text.truncate(width, overflow="fold") for one-cell characters.

    Rich measures each piece with cell_len twice over; a piece of printable ASCII is as wide as it is long.
    """
    for piece in pieces:
        length = len(piece)
        if length > width:  # folded pieces fit already; cropped here only as Text.truncate would crop
            piece.truncate(width, overflow="fold", pad=pad)
        elif pad and length < width:
            piece.pad_right(width - length)


def measure(text: Text) -> Measurement:
    """Text.__rich_measure__: the widest word and the widest line, by len() where the text is printable ASCII."""
    plain = text.plain
    if not single_cell(plain.replace("\n", "")):
        from rich.cells import cell_len

        lines, words = [cell_len(line) for line in plain.splitlines()], [cell_len(word) for word in plain.split()]
    else:
        lines, words = [len(line) for line in plain.split("\n")], [len(word) for word in plain.split()]
    widest_line = max(lines) if lines else 0
    return Measurement(max(words) if words else widest_line, widest_line)


class KbText(Text):
    """Text that wraps and measures its printable ASCII lines without Rich's cell-by-cell count."""

    def wrap(
        self,
        console: Any,
        width: int,
        *,
        justify: Any = None,
        overflow: Any = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """Text.wrap, faster for printable ASCII."""
        return wrap(self, console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        return measure(self)
