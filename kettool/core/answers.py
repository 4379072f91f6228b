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
    from kettool.core.drug_records import DrugClass, DrugName
    from kettool.core.models import (
        Certainty,
        ComparatorType,
        Condition,
        DesignType,
        Directness,
        KnowledgeBase,
        Measure,
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


class InteractionEntry(Record):
    """One KB statement about a class the drug belongs to."""

    location: str
    statement: str
    formulation: str | None  # which ketamine product, route and dose the statement is about
    through: tuple[str, ...]  # the drug's classes the statement names
    source_types: tuple[DesignType, ...]  # what the cited records are: label, rct, secondary analysis...
    source_version: str | None
    cites: tuple[str, ...]


class DrugInteractions(Record):
    """One name as typed, what it resolved to, and the statements that concern it."""

    asked: str
    drug: DrugName
    classes: tuple[DrugClass, ...]  # its classes and the broader ones they belong to
    entries: tuple[InteractionEntry, ...]


class UnknownDrug(Record):
    """A name not in the drug table, with the closest names that are."""

    asked: str
    suggestions: tuple[str, ...]


class InteractionReport(Record):
    """The answer to `kettool interactions NAME...`, with every study its statements cite."""

    drugs: tuple[DrugInteractions, ...]
    unknown: tuple[UnknownDrug, ...]
    studies: dict[str, Any]


class ForestRow(Record):
    """One study's estimate on a forest plot: a square for a trial, a diamond for a published pooled estimate."""

    study: Study
    outcome: Outcome
    estimate: float
    low: float
    high: float
    pooled: bool  # a meta-analysis or systematic review reporting a pooled estimate (drawn as a diamond)


class NotPlotted(Record):
    """A study of a profile that is not on its plot, and why (another measure, time point, comparator...)."""

    study: Study
    reason: str


class Axis(Record):
    """The shared scale of one plot: its range, the line of no effect, the ticks, and whether it is logarithmic."""

    low: float
    high: float
    no_effect: float
    ticks: tuple[float, ...]
    log: bool


class ForestPlot(Record):
    """One evidence profile drawn as a forest plot: rows on a shared axis, pooled estimates, and what is left off."""

    profile: Profile
    certainty: Certainty
    measure: Measure
    axis: Axis
    rows: tuple[ForestRow, ...]
    pooled: tuple[ForestRow, ...]
    not_plotted: tuple[NotPlotted, ...]
    # Which side favours which arm: 'lower' or 'higher' values favour the intervention (None: not recorded).
    favours: str | None
    intervention: str
    comparator: str


class ForestGroup(Record):
    """The plots of one comparator type (placebo, active placebo, ECT...)."""

    comparator_type: ComparatorType
    plots: tuple[ForestPlot, ...]


class Forest(Record):
    """A condition's forest plots grouped by comparator type, the filters asked for, and every study shown."""

    condition: Condition
    groups: tuple[ForestGroup, ...]
    filters: dict[str, str]
    # Profiles with nothing to plot under the filters, with the reason for each study.
    without_plot: tuple[tuple[Profile, tuple[NotPlotted, ...]], ...]
    studies: Mapping[str, Study]


class PlainPoint(Record):
    """A plain-language statement with the certainty of the evidence profile it summarises (None: no profile)."""

    text: str
    cites: tuple[str, ...]
    certainty: Certainty | None


class PlainPage(Record):
    """The version for patients and carers of a condition or of safety: crisis services first, then cited points."""

    subject_id: str
    title: str
    crisis_resources: tuple[Any, ...]
    points: tuple[PlainPoint, ...]
    approval: PlainPoint | None
    questions: tuple[str, ...]
    studies: Mapping[str, Study]
    last_reviewed: str | None


class ConditionSheet(Record):
    """A condition's printable evidence sheet for clinicians: its page, graded profiles, and its forest plots."""

    detail: ConditionDetail
    forest: Forest | None
