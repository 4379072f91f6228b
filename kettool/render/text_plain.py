"""The text layout of the plain-language pages for patients and carers."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.text import Text

from kettool.core.plain_answers import PlainPage, PlainPoint
from kettool.render import plain_words as words
from kettool.render.text_widgets import Citations, HangingList, bullets, crisis_box, plain, section, title


def plain_page(value: PlainPage, options: Any) -> list[RenderableType]:
    """Crisis services first, then the points with their certainty, approval, questions and the key."""
    cites = Citations(value.studies)
    points = HangingList()
    for point in value.points:
        points.add_row("•", _point(point, cites))
    parts: list[RenderableType] = [
        *crisis_box(value.crisis_resources),
        title(value.title, words.AUDIENCE),
        Text(),
        section(words.POINTS, points),
    ]
    if value.approval is not None:
        parts.append(section(words.APPROVAL, _point(value.approval, cites)))
    parts.append(section(words.QUESTIONS, bullets(value.questions)))
    key = HangingList()
    for level, text in words.key_lines():
        key.add_row("•", Text.assemble((level, "bold"), ": ", text))
    parts.append(section(words.CERTAINTY_KEY, plain(words.KEY_INTRO), key))
    parts.append(plain(words.NOT_ADVICE, "bold"))
    if value.last_reviewed:
        parts.append(plain(f"Last reviewed {value.last_reviewed}", "dim"))
    parts.append(Text())
    return [*parts, section("References", cites.reference_list())]


def _point(point: PlainPoint, cites: Citations) -> Text:
    body = plain(point.text)
    body.append(f" {cites.marks(point.cites)}", style="cyan")
    sure = words.certainty_words(point.certainty)
    if sure:
        body.append("\n").append(plain(sure, "italic"))
    return body
