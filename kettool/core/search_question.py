"""The search question, apart from questions.py: it reads only the search index and the KB's facts stored
with it, so it must not import the models and evidence code every other question needs (that would
nearly double the cost of a search)."""

from __future__ import annotations

from typing import Any

from kettool.core.answer_kind import Answer, Kind
from kettool.core.meta import Meta


def search(settings: Any, query: str, limit: int) -> Answer:
    """The passages that best match a query, from the KB's cached search index."""
    from kettool.core.knowledge_base import search_knowledge_base

    result, facts = search_knowledge_base(settings, query, limit)
    return Answer(Kind.SEARCH, result, Meta(facts["version"], facts["reviewed"], facts["scope"], facts["disclaimer"]))
