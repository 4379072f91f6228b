"""Make knowledge-base text safe to show in a terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters (except newline and tab), DEL, and the Unicode bidirectional
# overrides that can make text display differently from what it says.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Replace control characters with visible escapes such as \\x1b."""
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def has_unsafe(text: str) -> bool:
    """True when text holds a character that `visible` would escape."""
    return _UNSAFE.search(text) is not None
