"""Make knowledge-base text safe to show in a terminal."""

from __future__ import annotations

# C0 and C1 control characters (except newline and tab), DEL, and the Unicode bidirectional
# overrides that can make text display differently from what it says.
UNSAFE_CODES = (
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)
# A translation table and a set, not a regular expression: compiling the character class cost more
# than 3 M instructions on every text page (callgrind); str.translate and set.isdisjoint do the same.
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in UNSAFE_CODES}
_UNSAFE = frozenset(map(chr, UNSAFE_CODES))


def visible(text: str) -> str:
    """Replace control characters with visible escapes such as \\x1b."""
    return text.translate(_ESCAPES) if has_unsafe(text) else text


def has_unsafe(text: str) -> bool:
    """True when text holds a character that `visible` would escape."""
    return not _UNSAFE.isdisjoint(text)
