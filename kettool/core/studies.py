"""Browse studies: filter by condition, design, drug and year; sort; find what cites one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kettool.core.choices import StudySort
from kettool.core.models import DesignType, KnowledgeBase, Study
from kettool.core.query import find_condition
from kettool.core.summary import condition_study_ids
from kettool.core.walk import citing_passages


DESIGN_GROUPS: dict[str, tuple[DesignType, ...]] = {
    "rct": (DesignType.RCT, DesignType.CROSSOVER_RCT),
    "meta-analysis": (DesignType.META_ANALYSIS, DesignType.SYSTEMATIC_REVIEW),
}


@dataclass(frozen=True)
class StudyFilter:
    """What the user asked to see; None means no restriction."""

    condition: str | None = None
    design: str | None = None
    drug: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    sort: StudySort = StudySort.YEAR


def conditions_citing(kb: KnowledgeBase) -> dict[str, list[str]]:
    """For each study id, the ids of the conditions that cite it."""
    index: dict[str, list[str]] = {}
    for condition in kb.conditions:
        for study_id in condition_study_ids(condition):
            index.setdefault(study_id, []).append(condition.id)
    return index


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
        studies = [s for s in studies if s.id in ids]
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


@dataclass(frozen=True)
class StudyDetail:
    """One study with the places in the KB that cite it."""

    study: Study
    conditions: tuple[str, ...]
    cited_by: tuple[str, ...]


def study_detail(kb: KnowledgeBase, study: Study) -> StudyDetail:
    """A study and every claim that cites it."""
    citing = citing_passages(kb, study.id)
    return StudyDetail(study, tuple(conditions_citing(kb).get(study.id, ())),
                       tuple(dict.fromkeys(p.location for p in citing)))
