"""Choose studies: filter by condition, design, drug and year, and sort them."""

from __future__ import annotations

from collections.abc import Iterable

from kettool.core.choices import StudySort
from kettool.core.evidence import condition_study_ids
from kettool.core.lookup import find_condition
from kettool.core.models import DesignType, KnowledgeBase, Study
from kettool.core.record_base import Record

DESIGN_GROUPS: dict[str, tuple[DesignType, ...]] = {
    "rct": (DesignType.RCT, DesignType.CROSSOVER_RCT),
    "meta-analysis": (DesignType.META_ANALYSIS, DesignType.SYSTEMATIC_REVIEW),
}


class StudyFilter(Record):
    """What the user asked to see; None means no restriction."""

    condition: str | None = None
    design: str | None = None
    drug: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    sort: StudySort = StudySort.YEAR


def design_types(name: str) -> tuple[DesignType, ...]:
    """The design types a filter word selects ('rct' includes crossover RCTs)."""
    if name in DESIGN_GROUPS:
        return DESIGN_GROUPS[name]
    return (DesignType(name),)


def filter_studies(kb: KnowledgeBase, wanted: StudyFilter) -> list[Study]:
    """The studies matching a filter, sorted as asked (newest, largest or by author first)."""
    studies: Iterable[Study] = kb.studies.values()
    if wanted.condition is not None:
        condition = find_condition(kb, wanted.condition)
        ids = set(condition_study_ids(condition))
        every = kb.studies
        studies = [every[i] for i in every if i in ids]  # in KB order, building only these
    if wanted.design is not None:
        designs = design_types(wanted.design)
        studies = [s for s in studies if s.design_type in designs]
    if wanted.drug is not None:
        studies = [s for s in studies if wanted.drug in s.drugs]
    if wanted.year_from is not None:
        studies = [s for s in studies if s.year is not None and s.year >= wanted.year_from]
    if wanted.year_to is not None:
        studies = [s for s in studies if s.year is not None and s.year <= wanted.year_to]
    keys = {
        StudySort.YEAR: lambda s: (-(s.year or 0), s.first_author.casefold()),
        StudySort.N: lambda s: (-(s.n or -1), s.first_author.casefold()),
        StudySort.AUTHOR: lambda s: (s.first_author.casefold(), s.year or 0),
    }
    return sorted(studies, key=keys[wanted.sort])
