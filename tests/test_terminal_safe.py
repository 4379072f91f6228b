"""Text made safe for a terminal: every control and bidi character escaped, as the pattern it replaced did."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from kettool.render.terminal_safe import has_unsafe, visible

# The regular expression the translation table replaced, kept as the reference.
PATTERN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def by_pattern(text: str) -> str:
    return PATTERN.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


# Every character near the edges of the escaped ranges, and any other.
EDGES = [chr(c) for c in (0, 8, 9, 10, 11, 31, 32, 126, 127, 159, 160, 0x2027, 0x2028, 0x2029, 0x202A, 0x202E)]
EDGES += [chr(c) for c in (0x202F, 0x2065, 0x2066, 0x2069, 0x206A, 0x1B)]
TEXT = st.text(st.one_of(st.sampled_from(EDGES), st.characters(exclude_categories=["Cs"])), max_size=40)


@given(TEXT)
@example("\x1b[31mred\x1b[0m")
@example("abc\u202eevil")
@example("")
def test_escapes_what_the_pattern_escaped(text):
    assert visible(text) == by_pattern(text)
    assert has_unsafe(text) == (PATTERN.search(text) is not None)


def test_a_terminal_escape_becomes_visible_text():
    assert visible("a\x1b[2Jb\u202e") == "a\\x1b[2Jb\\u202e"
    assert not has_unsafe(visible("a\x1b[2Jb\u202e"))
