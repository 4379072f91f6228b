"""One item per line, tab-separated, for lists piped to another program (like `ls | cat`)."""

from __future__ import annotations

from kettool.core.answer import Answer, Kind
from kettool.core.summary import by_certainty, condition_counts
from kettool.render.safe import visible

LINE_KINDS = frozenset({Kind.CONDITIONS, Kind.STUDIES, Kind.SEARCH})


def _row(*cells: object) -> str:
    # Tabs and newlines inside KB text would break the columns: fold them to spaces.
    return "\t".join(visible(" ".join(str(c).split())) for c in cells)


def to_lines(answer: Answer) -> str:
    """Tab-separated lines for a list answer, then the disclaimer line."""
    rows: list[str] = []
    if answer.kind is Kind.CONDITIONS:
        assert answer.kb is not None
        for c in by_certainty(answer.data):
            counts = condition_counts(c, answer.kb)
            rows.append(_row(c.id, c.certainty.value, counts.randomized, counts.participants, c.name))
    elif answer.kind is Kind.STUDIES:
        for s in answer.data:
            rows.append(_row(s.id, s.year or "", s.design_type.value, s.n if s.n is not None else "",
                             s.first_author, s.journal or ""))
    elif answer.kind is Kind.SEARCH:
        for hit in answer.data.hits:
            rows.append(_row(hit.location, f"{hit.score:.3f}", hit.passage))
    rows.append(visible(answer.meta.disclaimer))
    return "\n".join(rows) + "\n"
