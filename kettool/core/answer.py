"""An answer to one question: what kind it is, its data, and the knowledge base it came from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from kettool.core.models import KnowledgeBase, Meta


class Kind(str, Enum):
    """The kinds of answer kettool gives; also the `kind` field of JSON output."""

    CONDITIONS = "conditions"
    CONDITION = "condition"
    MECHANISM = "mechanism"
    SAFETY = "safety"
    SAFETY_TOPIC = "safety_topic"
    OVERVIEW = "overview"
    VERSION = "version"
    SEARCH = "search"
    STUDIES = "studies"
    STUDY = "study"
    COMPARE = "compare"
    WHY = "why"
    EXPORT = "export"
    VALIDATION = "validation"


@dataclass(frozen=True)
class Answer:
    """The result of a query, ready for any renderer."""

    kind: Kind
    data: Any
    meta: Meta
    kb: KnowledgeBase | None = None

    @classmethod
    def of(cls, kind: Kind, data: Any, kb: KnowledgeBase) -> Answer:
        """An answer drawn from a loaded knowledge base."""
        return cls(kind, data, kb.meta, kb)
