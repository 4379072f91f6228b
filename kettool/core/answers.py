"""Every kind of answer kettool gives, and the complete value each one carries to the renderers.

A value holds everything any output format shows (counts, resolved citations, cited studies, passages),
computed once in the core, so that two formats can never disagree. Values are NamedTuples: cheap to
define at start-up, and turned into JSON field by field.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from kettool.core.evidence import EvidenceCounts
    from kettool.core.models import Condition, KnowledgeBase, Meta, Study


class Kind(str, Enum):
    """The kinds of answer kettool gives; also the `kind` field of JSON output."""

    CONDITIONS = "conditions"
    CONDITION = "condition"
    MECHANISM = "mechanism"
    SAFETY = "safety"
    SAFETY_TOPIC = "safety_topic"
    OVERVIEW = "overview"
    SEARCH = "search"
    STUDIES = "studies"
    STUDY = "study"
    COMPARE = "compare"
    WHY = "why"
    CITATIONS = "citations"
    EXPORT = "export"
    VALIDATION = "validation"


class Answer(NamedTuple):
    """The result of one question: its kind, its complete value, and the meta of the KB it came from."""

    kind: Kind
    data: Any
    meta: Meta


class Cited(NamedTuple):
    """A part of the KB (a condition, the mechanism, safety or one topic, the overview) with every study it cites."""

    subject: Any
    # Every cited study by id, in order of first citation in the subject's fields.
    studies: dict[str, Study]


class ConditionRow(NamedTuple):
    """One condition with the evidence counts shown beside it."""

    condition: Condition
    counts: EvidenceCounts


class ConditionMap(NamedTuple):
    """Every condition: in KB order, and ranked from the strongest evidence to the weakest."""

    rows: tuple[ConditionRow, ...]
    ranked: tuple[ConditionRow, ...]


class StudyRow(NamedTuple):
    """A study with the ids of the conditions that cite it."""

    study: Study
    conditions: tuple[str, ...]


class StudyList(NamedTuple):
    """Studies matching a filter, in the order asked for."""

    rows: tuple[StudyRow, ...]


class StudyDetail(NamedTuple):
    """One study with the conditions and the places in the KB that cite it."""

    study: Study
    conditions: tuple[str, ...]
    cited_by: tuple[str, ...]


class Comparison(NamedTuple):
    """Conditions side by side, each with its counts, and the studies their claims cite."""

    items: tuple[ConditionRow, ...]
    studies: dict[str, Study]


class GradeReasons(NamedTuple):
    """How a condition's certainty was reached: the rationale and the studies it rests on, strongest first."""

    condition: Condition
    counts: EvidenceCounts
    studies: tuple[Study, ...]
    designs: dict[str, int]


class CitationList(NamedTuple):
    """Studies to cite, without repeats, in the order asked for."""

    studies: tuple[Study, ...]


class KbExport(NamedTuple):
    """The whole knowledge base, for formats that write it out entire."""

    kb: KnowledgeBase
