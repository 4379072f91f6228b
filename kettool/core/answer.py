"""An answer to one question: what kind it is, its data, and the knowledge base it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kettool.core.answer_kinds import Kind
from kettool.core.models import KnowledgeBase, Meta


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


__all__ = ["Answer", "Kind"]
