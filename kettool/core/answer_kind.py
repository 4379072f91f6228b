"""The kinds of answer kettool gives, and the envelope every answer travels in (its kind, value and KB meta)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kettool.core.record_base import Record
from kettool.core.words import Words

if TYPE_CHECKING:
    from kettool.core.meta import Meta


class Kind(Words):
    """The kinds of answer kettool gives; also the `kind` field of JSON output."""

    CONDITIONS = "conditions"
    CONDITION = "condition"
    MECHANISM = "mechanism"
    SAFETY = "safety"
    SAFETY_TOPIC = "safety_topic"
    OVERVIEW = "overview"
    SEARCH = "search"
    STUDIES = "studies"
    STUDY = "study"
    COMPARE = "compare"
    WHY = "why"
    CITATIONS = "citations"
    EXPORT = "export"
    VALIDATION = "validation"
    AUDIT = "audit"
    INTERACTIONS = "interactions"
    FOREST = "forest"
    PLAIN = "plain"
    SHEET = "sheet"


class Answer(Record):
    """The result of one question: its kind, its complete value, and the meta of the KB it came from."""

    kind: Kind
    data: Any
    meta: Meta
