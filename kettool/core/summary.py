"""Derived figures about conditions: how many studies, trials and participants back them."""

from __future__ import annotations

from dataclasses import dataclass

from kettool.core.models import Certainty, Condition, KnowledgeBase, Study


@dataclass(frozen=True)
class EvidenceCounts:
    """Counts of the studies a condition cites."""

    studies: int
    randomized: int
    participants: int


def condition_study_ids(condition: Condition) -> list[str]:
    """Ids of every study a condition cites, in order of first citation."""
    ids: list[str] = []
    for claim in (*condition.findings, condition.onset, condition.duration):
        ids.extend(claim.cites)
    for item in (*condition.protocols, *condition.regulatory_status):
        ids.extend(item.cites)
    return list(dict.fromkeys(ids))


def condition_studies(condition: Condition, kb: KnowledgeBase) -> list[Study]:
    """The research studies (not labels or regulatory documents) a condition cites."""
    found = (kb.studies[i] for i in condition_study_ids(condition) if i in kb.studies)
    return [s for s in found if s.design_type.value not in ("label", "regulatory")]


def condition_counts(condition: Condition, kb: KnowledgeBase) -> EvidenceCounts:
    """Studies, randomized trials, and participants in randomized trials, for a condition."""
    studies = condition_studies(condition, kb)
    randomized = [s for s in studies if s.design_type.is_randomized]
    return EvidenceCounts(len(studies), len(randomized), sum(s.n or 0 for s in randomized))


def by_certainty(conditions: tuple[Condition, ...]) -> list[Condition]:
    """Conditions sorted from the strongest evidence to the weakest, then by name."""
    return sorted(conditions, key=lambda c: (-c.certainty.rank, c.name.casefold()))


__all__ = ["Certainty", "EvidenceCounts", "by_certainty", "condition_counts", "condition_studies"]
