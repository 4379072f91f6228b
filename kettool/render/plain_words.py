"""What the plain-language pages say around the KB's own statements: headings and certainty in everyday words."""

from __future__ import annotations

from kettool.core.models import Certainty

AUDIENCE = "For patients and carers"
POINTS = "What the research shows"
APPROVAL = "Is it approved?"
QUESTIONS = "Questions to ask your doctor or nurse"
CERTAINTY_KEY = "How sure are we?"
HOW_SURE = "How sure:"
# GRADE's plain-language wording (confident / probably / may / do not know), kept short for a reading grade of 8.
CERTAINTY_WORDS = {
    Certainty.HIGH: "We are confident about this.",
    Certainty.MODERATE: "This is probably right.",
    Certainty.LOW: "This may be right. New studies could change it.",
    Certainty.VERY_LOW: "We do not know if this is right. The studies are too few or too small.",
}
KEY_INTRO = "Each point says how sure we can be, from the size and quality of the studies:"
NOT_ADVICE = "This page is not medical advice. Talk to your doctor or nurse before you change any treatment."


def certainty_words(level: Certainty | None) -> str:
    """A point's certainty in everyday words ('' when the point sums up no single question)."""
    return CERTAINTY_WORDS[level] if level is not None else ""


def key_lines() -> list[tuple[str, str]]:
    """Each certainty level with its everyday words, most certain first."""
    return [(level.label.capitalize(), CERTAINTY_WORDS[level]) for level in Certainty]
