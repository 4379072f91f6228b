"""Frozen, typed records of the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar


class Certainty(str, Enum):
    """Certainty of evidence, in the spirit of GRADE."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"

    @property
    def rank(self) -> int:
        """4 for high down to 1 for very low, for sorting and drawing scales."""
        return {"high": 4, "moderate": 3, "low": 2, "very-low": 1}[self.value]

    @property
    def label(self) -> str:
        """The level as people say it ('very low')."""
        return self.value.replace("-", " ")


class DesignType(str, Enum):
    """The kind of study or document a record describes."""

    RCT = "rct"
    CROSSOVER_RCT = "crossover-rct"
    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    OPEN_LABEL = "open-label"
    OBSERVATIONAL = "observational"
    CASE_SERIES = "case-series"
    SECONDARY_ANALYSIS = "secondary-analysis"
    PHARMACOKINETIC = "pharmacokinetic"
    PRECLINICAL = "preclinical"
    REVIEW = "review"
    LABEL = "label"
    REGULATORY = "regulatory"

    @property
    def is_randomized(self) -> bool:
        """True for randomized controlled designs."""
        return self in (DesignType.RCT, DesignType.CROSSOVER_RCT)


class Record:
    """Base of every model: builds itself from validated plain data."""

    # field name -> model class for nested records (a list of them when the data is a list)
    nested: ClassVar[dict[str, Any]] = {}
    enums: ClassVar[dict[str, type[Enum]]] = {}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Any:
        """Build a record from data that already passed the schema check."""
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in cls.nested:
                sub = cls.nested[key]
                value = tuple(sub.from_data(v) for v in value) if isinstance(value, list) else sub.from_data(value)
            elif key in cls.enums:
                value = cls.enums[key](value)
            elif isinstance(value, list):
                value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
            values[key] = value
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Claim(Record):
    """One statement of fact with the studies it rests on."""

    text: str
    cites: tuple[str, ...]
    drug: str | None = None
    source_version: str | None = None


@dataclass(frozen=True, slots=True)
class Study(Record):
    """A bibliographic record with the study's design and result as reported."""

    enums: ClassVar[dict[str, type[Enum]]] = {"design_type": DesignType}

    id: str
    title: str
    design_type: DesignType
    key_result: str
    authors: tuple[str, ...] = ()
    et_al: bool = False
    year: int | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    registry: str | None = None
    design: str | None = None
    drugs: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    n: int | None = None
    n_note: str | None = None
    population: str | None = None
    intervention: str | None = None
    comparator: str | None = None
    primary_outcome: str | None = None
    notes: str | None = None
    unchecked: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def first_author(self) -> str:
        """The first author's surname, or an empty string when the byline was not checked."""
        if self.authors:
            return self.authors[0].rsplit(" ", 1)[0] if " " in self.authors[0] else self.authors[0]
        return ""

    @property
    def short(self) -> str:
        """A compact label such as 'Murrough et al. 2013' (the id when the byline is unknown)."""
        if not self.authors:
            return self.id
        many = len(self.authors) > 1 or self.et_al
        year = f" {self.year}" if self.year else ""
        return f"{self.first_author}{' et al.' if many else ''}{year}"


@dataclass(frozen=True, slots=True)
class RegulatoryStatus(Record):
    """Where and how one formulation is approved (or not) for a condition."""

    nested: ClassVar[dict[str, Any]] = {}
    formulation: str
    region: str
    status: str
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Protocol(Record):
    """A dosing protocol as studied (not a prescription)."""

    drug: str
    route: str
    dose: str
    schedule: str
    cites: tuple[str, ...]
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Condition(Record):
    """The evidence for ketamine or esketamine in one condition."""

    nested: ClassVar[dict[str, Any]] = {}
    enums: ClassVar[dict[str, type[Enum]]] = {"certainty": Certainty}

    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    certainty: Certainty
    certainty_rationale: str
    regulatory_summary: str
    regulatory_status: tuple[RegulatoryStatus, ...]
    findings: tuple[Claim, ...]
    protocols: tuple[Protocol, ...]
    onset: Claim
    duration: Claim
    limitations: tuple[str, ...]
    open_questions: tuple[str, ...]
    last_reviewed: str


Condition.nested = {
    "regulatory_status": RegulatoryStatus,
    "findings": Claim,
    "protocols": Protocol,
    "onset": Claim,
    "duration": Claim,
}


@dataclass(frozen=True, slots=True)
class NamedEntry(Record):
    """A named item with a summary and its sources (a form of the drug, an enantiomer)."""

    id: str
    name: str
    summary: str
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hypothesis(Record):
    """One proposed mechanism of the antidepressant effect, with evidence for and against."""

    enums: ClassVar[dict[str, type[Enum]]] = {"certainty": Certainty}

    id: str
    name: str
    summary: str
    certainty: Certainty
    evidence_for: tuple[Claim, ...]
    evidence_against: tuple[Claim, ...] = ()


Hypothesis.nested = {"evidence_for": Claim, "evidence_against": Claim}


@dataclass(frozen=True, slots=True)
class Route(Record):
    """A route of administration with its bioavailability."""

    route: str
    bioavailability: str
    cites: tuple[str, ...]
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Mechanism(Record):
    """How ketamine works: primary pharmacology and the competing hypotheses."""

    summary: str
    primary: tuple[Claim, ...]
    hypotheses: tuple[Hypothesis, ...]
    enantiomers: tuple[NamedEntry, ...]
    routes: tuple[Route, ...]
    human_neurochemistry: tuple[Claim, ...]


Mechanism.nested = {
    "primary": Claim,
    "hypotheses": Hypothesis,
    "enantiomers": NamedEntry,
    "routes": Route,
    "human_neurochemistry": Claim,
}


@dataclass(frozen=True, slots=True)
class TimelineEvent(Record):
    """A dated regulatory or historical event."""

    date: str
    region: str
    event: str
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckedClaim(Record):
    """A popular claim held against the evidence."""

    claim: str
    verdict: str
    evidence: str
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overview(Record):
    """What ketamine is, its forms, history and regulatory timeline."""

    summary: str
    forms: tuple[NamedEntry, ...]
    history: tuple[Claim, ...]
    timeline: tuple[TimelineEvent, ...]
    claims_checked: tuple[CheckedClaim, ...] = ()


Overview.nested = {"forms": NamedEntry, "history": Claim, "timeline": TimelineEvent, "claims_checked": CheckedClaim}


@dataclass(frozen=True, slots=True)
class SafetyTable(Record):
    """A table of figures from a label or trial, such as adverse-reaction rates."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    cites: tuple[str, ...]
    note: str | None = None
    source_version: str | None = None


@dataclass(frozen=True, slots=True)
class SafetyTopic(Record):
    """One safety topic (side effects, contraindications, monitoring...)."""

    id: str
    name: str
    items: tuple[Claim, ...]
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    tables: tuple[SafetyTable, ...] = ()


SafetyTopic.nested = {"items": Claim, "tables": SafetyTable}


@dataclass(frozen=True, slots=True)
class Safety(Record):
    """Side effects, risks, contraindications and monitoring."""

    summary: str
    topics: tuple[SafetyTopic, ...]


Safety.nested = {"topics": SafetyTopic}


@dataclass(frozen=True, slots=True)
class Meta(Record):
    """Version, review date, scope and disclaimer of the knowledge base."""

    version: str
    reviewed: str
    scope: str
    disclaimer: str


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole knowledge base, loaded and checked."""

    meta: Meta
    overview: Overview
    mechanism: Mechanism
    safety: Safety
    conditions: tuple[Condition, ...]
    studies: dict[str, Study]
    warnings: tuple[str, ...] = field(default=())

    @classmethod
    def from_data(cls, data: dict[str, Any], warnings: tuple[str, ...] = ()) -> KnowledgeBase:
        """Build from merged, checked plain data."""
        return cls(
            meta=Meta.from_data(data["meta"]),
            overview=Overview.from_data(data["overview"]),
            mechanism=Mechanism.from_data(data["mechanism"]),
            safety=Safety.from_data(data["safety"]),
            conditions=tuple(Condition.from_data(c) for c in data["conditions"]),
            studies={s["id"]: Study.from_data(s) for s in data["studies"]},
            warnings=warnings,
        )
