"""Search without FTS5 (a Python whose SQLite lacks it): a plain scan of every passage, same answer shape.

Every word of the query must begin a word of the passage ("vomit" finds "vomiting"); phrases,
prefixes and operators are read as plain words. Ranking counts matches and favours short passages.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from kettool.core.model_walk import passages
from kettool.core.search_index import Hit, SearchResult
from kettool.core.search_query import parse

_WORD = re.compile(r"\w+")
STUDY_WEIGHT = 0.75


def fold(text: str) -> str:
    """Lower-case text without diacritics, the same length as the original for ASCII and most letters."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def scan(kb: Any, text: str, limit: int = 10) -> SearchResult:
    """Rank the passages that hold every word of the query (or, failing that, any)."""
    words = [fold(w) for w in parse(text).words]
    names = {d.name.lower(): kb.drugs.with_broader(d.classes) for d in kb.drugs.names}
    scored: list[tuple[float, int, Hit, int]] = []
    for order, passage in enumerate(passages(kb)):
        spans: list[tuple[int, int]] = []
        found: set[str] = set()
        for match in _WORD.finditer(passage.text):
            folded = fold(match.group())
            for word in words:
                if folded.startswith(word):
                    spans.append(match.span())
                    found.add(word)
        via = tuple(f"{w}: {c}" for w in words for c in names.get(w, ()) if c in passage.classes)
        found.update(v.split(":")[0] for v in via)
        if not found:
            continue
        weight = STUDY_WEIGHT if passage.path[0] == "study" else 1.0
        score = weight * len(spans) / math.log(2 + len(passage.text) / 100)
        hit = Hit(passage.location, passage.path, round(score, 3), passage.text, tuple(spans), via)
        scored.append((-score, order, hit, len(found)))
    complete = [s for s in scored if s[3] == len(set(words))]
    pool = complete or scored
    pool.sort(key=lambda s: (s[0], s[1]))
    return SearchResult(
        text, len(pool), tuple(s[2] for s in pool[:limit]), (), partial=bool(pool) and not complete, engine="scan"
    )
