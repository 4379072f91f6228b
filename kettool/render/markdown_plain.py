"""The Markdown layout of the plain-language pages for patients and carers."""

from __future__ import annotations

from kettool.core.plain_answers import PlainPage, PlainPoint
from kettool.render import plain_words as words
from kettool.render.markdown_blocks import Citations, bold, crisis_block, escape, heading, items


def plain(value: PlainPage) -> list[str]:
    """The title and crisis services first, then the points with their certainty, approval, questions and the key."""
    cites = Citations(value.studies)
    parts = [heading(escape(value.title), 1), *crisis_block(value.crisis_resources), escape(words.AUDIENCE)]
    parts += [heading(words.POINTS), items(_point(p, cites) for p in value.points)]
    if value.approval is not None:
        parts += [heading(words.APPROVAL), _point(value.approval, cites)]
    parts += [heading(words.QUESTIONS), items(escape(q) for q in value.questions)]
    parts += [heading(words.CERTAINTY_KEY), escape(words.KEY_INTRO)]
    parts.append(items(f"{bold(escape(level))}: {escape(text)}" for level, text in words.key_lines()))
    parts.append(escape(words.NOT_ADVICE))
    if value.last_reviewed:
        parts.append(escape(f"Last reviewed {value.last_reviewed}"))
    return parts + cites.reference_section()


def _point(point: PlainPoint, cites: Citations) -> str:
    sure = words.certainty_words(point.certainty)
    return cites.cited(point.text, point.cites) + (f" — {escape(words.HOW_SURE)} {escape(sure)}" if sure else "")
