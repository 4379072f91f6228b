"""One item per line, tab-separated, for lists piped to another program (like `ls | cat`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kettool.core.answers import Answer, ConditionMap, Kind, StudyList
from kettool.render.terminal_safe import visible


def _row(*cells: object) -> str:
    # Tabs and newlines inside KB text would break the columns: fold them to spaces.
    return "\t".join(visible(" ".join(str(c).split())) for c in cells)


def _conditions(value: ConditionMap) -> list[str]:
    """Id, the strongest benefit profile's certainty, trials and participants (direct randomized), and the name."""
    rows = []
    for c, profiles in value.ranked:
        best = next((p for p in profiles if p.profile.outcome_type == "benefit"), None)
        rows.append(
            _row(
                c.id,
                best.grade.certainty.value if best else "",
                best.randomized_trials if best else 0,
                best.participants if best else 0,
                c.name,
            )
        )
    return rows


def _studies(value: StudyList) -> list[str]:
    return [
        _row(s.id, s.year or "", s.design_type.value, s.n if s.n is not None else "", s.first_author, s.journal or "")
        for s, _ in value.rows
    ]


def _search(result: Any) -> list[str]:
    return [_row(hit.location, f"{hit.score:.3f}", hit.passage) for hit in result.hits]


LAYOUTS: dict[Kind, Callable[[Any], list[str]]] = {
    Kind.CONDITIONS: _conditions,
    Kind.STUDIES: _studies,
    Kind.SEARCH: _search,
}


def render(answer: Answer, options: Any = None) -> str:
    """Tab-separated lines for a list answer, then the disclaimer line."""
    meta = answer.meta
    footer = f"Knowledge base {meta.version}, reviewed {meta.reviewed}. {meta.disclaimer}"
    return "\n".join([*LAYOUTS[answer.kind](answer.data), visible(" ".join(footer.split()))]) + "\n"
