"""Windows of long passages around their first match, for search hits shown on screen or in a document."""

from __future__ import annotations


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int) -> tuple[str, list[tuple[int, int]]]:
    """A window of about `width` characters around the first match, with spans shifted to fit."""
    if len(text) <= width:
        return text, list(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    while start > 0 and not text[start - 1].isspace():
        start -= 1  # start on a word boundary
    end = min(len(text), start + width)
    window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    shift = start - (1 if start else 0)
    inside = [(a - shift, b - shift) for a, b in spans if a >= start and b <= end]
    return window, inside
