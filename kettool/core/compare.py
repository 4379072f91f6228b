"""Side-by-side comparison of conditions, and the reasons behind a certainty grade."""

from __future__ import annotations

from dataclasses import dataclass

from kettool.core.models import Condition, DesignType, KnowledgeBase, Study
from kettool.core.summary import EvidenceCounts, condition_counts, condition_studies

# Stronger designs first when listing what a grade rests on.
DESIGN_ORDER = [DesignType.META_ANALYSIS, DesignType.SYSTEMATIC_REVIEW, DesignType.RCT, DesignType.CROSSOVER_RCT,
                DesignType.SECONDARY_ANALYSIS, DesignType.OPEN_LABEL, DesignType.OBSERVATIONAL,
                DesignType.CASE_SERIES, DesignType.PHARMACOKINETIC, DesignType.PRECLINICAL, DesignType.REVIEW,
                DesignType.LABEL, DesignType.REGULATORY]


@dataclass(frozen=True)
class ComparedCondition:
    """A condition with the evidence counts that a comparison shows."""

    condition: Condition
    counts: EvidenceCounts


@dataclass(frozen=True)
class GradeReasons:
    """How a condition's certainty was reached: the rationale and the studies it rests on."""

    condition: Condition
    counts: EvidenceCounts
    studies: tuple[Study, ...]
    designs: dict[str, int]


def compare(kb: KnowledgeBase, conditions: list[Condition]) -> list[ComparedCondition]:
    """The conditions in the order given, each with its counts."""
    return [ComparedCondition(c, condition_counts(c, kb)) for c in conditions]


def grade_reasons(kb: KnowledgeBase, condition: Condition) -> GradeReasons:
    """The studies behind a grade, strongest designs and largest samples first."""
    studies = sorted(condition_studies(condition, kb),
                     key=lambda s: (DESIGN_ORDER.index(s.design_type), -(s.n or 0), -(s.year or 0)))
    designs: dict[str, int] = {}
    for s in studies:
        designs[s.design_type.value] = designs.get(s.design_type.value, 0) + 1
    return GradeReasons(condition, condition_counts(condition, kb), tuple(studies), designs)
