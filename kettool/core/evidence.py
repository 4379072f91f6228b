"""How much evidence backs a condition: its studies, randomized trials and participants; ranking by certainty."""

from __future__ import annotations

from typing import NamedTuple

from kettool.core.model_walk import cited_ids
from kettool.core.models import Condition, DesignType, KnowledgeBase, Study

# Documents that are not research: a condition may cite them, but they are not evidence counted here.
NOT_RESEARCH = frozenset({DesignType.LABEL, DesignType.REGULATORY})
# Stronger designs first when listing what a grade rests on.
DESIGN_ORDER = [
    DesignType.META_ANALYSIS,
    DesignType.SYSTEMATIC_REVIEW,
    DesignType.RCT,
    DesignType.CROSSOVER_RCT,
    DesignType.SECONDARY_ANALYSIS,
    DesignType.OPEN_LABEL,
    DesignType.OBSERVATIONAL,
    DesignType.CASE_SERIES,
    DesignType.PHARMACOKINETIC,
    DesignType.PRECLINICAL,
    DesignType.REVIEW,
    DesignType.LABEL,
    DesignType.REGULATORY,
]


class EvidenceCounts(NamedTuple):
    """Counts of the research studies a condition cites."""

    studies: int
    randomized: int
    participants: int


def condition_study_ids(condition: Condition) -> list[str]:
    """Ids of every study a condition cites, anywhere in its record, in order of first citation."""
    return cited_ids(condition)


def condition_studies(condition: Condition, kb: KnowledgeBase) -> list[Study]:
    """The research studies (not labels or regulatory documents) a condition cites."""
    found = (kb.studies[i] for i in condition_study_ids(condition) if i in kb.studies)
    return [s for s in found if s.design_type not in NOT_RESEARCH]


def condition_counts(condition: Condition, kb: KnowledgeBase) -> EvidenceCounts:
    """Studies, randomized trials, and participants in randomized trials, for a condition."""
    studies = condition_studies(condition, kb)
    randomized = [s for s in studies if s.design_type.is_randomized]
    return EvidenceCounts(len(studies), len(randomized), sum(s.n or 0 for s in randomized))


def by_certainty(conditions: tuple[Condition, ...] | list[Condition]) -> list[Condition]:
    """Conditions sorted from the strongest evidence to the weakest, then by name."""
    return sorted(conditions, key=lambda c: (-c.certainty.rank, c.name.casefold()))


def strongest_first(studies: list[Study]) -> list[Study]:
    """Studies ordered by design strength, then sample size, then recency."""
    return sorted(studies, key=lambda s: (DESIGN_ORDER.index(s.design_type), -(s.n or 0), -(s.year or 0)))


def design_tally(studies: list[Study]) -> dict[str, int]:
    """How many studies of each design, in the order the designs first appear."""
    tally: dict[str, int] = {}
    for s in studies:
        tally[s.design_type.value] = tally.get(s.design_type.value, 0) + 1
    return tally


def conditions_citing(kb: KnowledgeBase) -> dict[str, list[str]]:
    """For each study id, the ids of the conditions that cite it."""
    index: dict[str, list[str]] = {}
    for condition in kb.conditions:
        for study_id in condition_study_ids(condition):
            index.setdefault(study_id, []).append(condition.id)
    return index
