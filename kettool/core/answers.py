"""Every kind of answer kettool gives, and the complete value each one carries to the renderers.

A value holds everything any output format shows (counts, resolved citations, cited studies, passages),
computed once in the core, so that two formats can never disagree. Values are Records: cheap to
define at start-up, and turned into JSON field by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

# The kind and the envelope of an answer live apart, so that a path that only needs them (a search)
# does not define every answer value; they are re-exported here for everyone else.
from kettool.core.answer_kind import Answer as Answer
from kettool.core.answer_kind import Kind as Kind
from kettool.core.record_base import Record

if TYPE_CHECKING:
    from kettool.core.models import (
        Certainty,
        Condition,
        Directness,
        KnowledgeBase,
        Outcome,
        Profile,
        Rating,
        Study,
    )


class Cited(Record):
    """A part of the KB (the mechanism, safety or one topic, the overview) with every study it cites."""

    subject: Any
    # Every cited study by id, in order of first citation in the subject's fields.
    studies: Mapping[str, Study]


class Grade(Record):
    """A computed certainty with the steps that led to it."""

    certainty: Certainty
    start: Certainty
    # (domain, rating) for every domain that lowered the certainty, in GRADE's order.
    lowered_by: tuple[tuple[str, Rating], ...]
    raised_by: tuple[str, ...]


class Absolute(Record):
    """Anticipated absolute effects per 1,000 people, GRADE-style."""

    comparator: int
    intervention: int
    difference: int
    difference_ci: tuple[int, int] | None


class ProfileEvidence(Record):
    """A study in a profile, resolved: the record, whether it is direct and why not, and its outcome."""

    study: Study
    directness: Directness
    reason: str | None
    outcome: Outcome | None


class Effect(Record):
    """The relative effect a profile shows, with the study it comes from."""

    study: Study
    outcome: Outcome


class GradedProfile(Record):
    """A profile with its computed certainty, counts of direct randomized evidence, and its effects."""

    profile: Profile
    grade: Grade
    direct: tuple[ProfileEvidence, ...]
    indirect: tuple[ProfileEvidence, ...]
    randomized_trials: int
    participants: int
    effect: Effect | None
    absolute: Absolute | None


class ConditionRow(Record):
    """One condition with its graded evidence profiles, strongest first."""

    condition: Condition
    profiles: tuple[GradedProfile, ...]


class ConditionDetail(Record):
    """One condition in full: its graded profiles, every study it cites, and the crisis services it shows first."""

    condition: Condition
    profiles: tuple[GradedProfile, ...]
    # Every cited study by id, in order of first citation in the condition's fields.
    studies: Mapping[str, Study]
    crisis_resources: tuple[Any, ...] = ()


class ConditionMap(Record):
    """Every condition: in KB order, and ranked from the strongest evidence to the weakest."""

    rows: tuple[ConditionRow, ...]
    ranked: tuple[ConditionRow, ...]


class StudyRow(Record):
    """A study with the ids of the conditions that cite it."""

    study: Study
    conditions: tuple[str, ...]


class StudyList(Record):
    """Studies matching a filter, in the order asked for."""

    rows: tuple[StudyRow, ...]


class StudyDetail(Record):
    """One study with the conditions and the places in the KB that cite it."""

    study: Study
    conditions: tuple[str, ...]
    cited_by: tuple[str, ...]


class Comparison(Record):
    """Conditions side by side, each with its graded profiles, and the studies their claims cite."""

    items: tuple[ConditionRow, ...]
    studies: Mapping[str, Study]


class EvidenceReport(Record):
    """Why each of a condition's profiles has its certainty: summary-of-findings rows and every judgment."""

    condition: Condition
    profiles: tuple[GradedProfile, ...]
    studies: Mapping[str, Study]
    crisis_resources: tuple[Any, ...] = ()


class CitationList(Record):
    """Studies to cite, without repeats, in the order asked for."""

    studies: tuple[Study, ...]


class AuditReport(Record):
    """What `kettool audit` checked in a KB, every problem it found (file, line, field), and each profile's grade."""

    clean: bool
    problems: tuple[Any, ...]
    checked: dict[str, int]
    # (condition id, profile id, computed certainty)
    profiles: tuple[tuple[str, str, str], ...]


class KbExport(Record):
    """The whole knowledge base, for formats that write it out entire."""

    kb: KnowledgeBase
