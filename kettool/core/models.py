"""Typed, immutable records of the knowledge base, and the KnowledgeBase that holds them.

Study and evidence-profile records live in study_records.py and profile_records.py, the vocabularies
in vocabulary.py; this module gathers them so that the rest of kettool imports records from one place.
"""

from __future__ import annotations

from typing import Any

from kettool.core.drug_records import DrugClass, DrugName, Drugs, Membership
from kettool.core.meta import CrisisResource, Meta
from kettool.core.profile_records import (
    DOMAINS,
    ComparatorRisk,
    Domains,
    EffectRef,
    Judgment,
    Profile,
    ProfileStudy,
    Upgrade,
)
from kettool.core.record_base import Record
from kettool.core.records import build, declare
from kettool.core.study_records import Arm, Outcome, Study
from kettool.core.vocabulary import (
    Certainty,
    ComparatorType,
    DesignType,
    Directness,
    EvidenceDesign,
    Measure,
    Rating,
    TimeFrame,
    UpgradeFactor,
)


class Claim(Record):
    """One statement of fact with the studies it rests on, and the structured outcomes it reports."""

    text: str
    cites: tuple[str, ...]
    drug: str | None = None
    source_version: str | None = None
    effects: tuple[EffectRef, ...] = ()
    classes: tuple[str, ...] = ()  # the drug classes an interaction statement concerns (ids in drugs.classes)


class RegulatoryStatus(Record):
    """Where and how one formulation is approved (or not) for a condition."""

    formulation: str
    region: str
    status: str
    cites: tuple[str, ...] = ()


class Protocol(Record):
    """A dosing protocol as studied (not a prescription)."""

    drug: str
    route: str
    dose: str
    schedule: str
    cites: tuple[str, ...]
    notes: str | None = None


class Condition(Record):
    """The evidence for ketamine or esketamine in one condition, one evidence profile per question."""

    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    profiles: tuple[Profile, ...]
    regulatory_summary: str
    regulatory_status: tuple[RegulatoryStatus, ...]
    findings: tuple[Claim, ...]
    protocols: tuple[Protocol, ...]
    onset: Claim
    duration: Claim
    limitations: tuple[str, ...]
    open_questions: tuple[str, ...]
    last_reviewed: str
    show_crisis_resources: bool = False


class NamedEntry(Record):
    """A named item with a summary and its sources (a form of the drug, an enantiomer)."""

    id: str
    name: str
    summary: str
    cites: tuple[str, ...]


class Hypothesis(Record):
    """One proposed mechanism of the antidepressant effect, with evidence for and against.

    Its certainty is the KB's own judgment of how well the mechanism is supported, on the GRADE
    scale's four words; it is not a GRADE rating of a clinical question.
    """

    id: str
    name: str
    summary: str
    certainty: Certainty
    evidence_for: tuple[Claim, ...]
    evidence_against: tuple[Claim, ...] = ()


class Route(Record):
    """A route of administration with its bioavailability."""

    route: str
    bioavailability: str
    cites: tuple[str, ...]
    notes: str | None = None


class Mechanism(Record):
    """How ketamine works: primary pharmacology and the competing hypotheses."""

    summary: str
    primary: tuple[Claim, ...]
    hypotheses: tuple[Hypothesis, ...]
    enantiomers: tuple[NamedEntry, ...]
    routes: tuple[Route, ...]
    human_neurochemistry: tuple[Claim, ...]


class TimelineEvent(Record):
    """A dated regulatory or historical event."""

    date: str
    region: str
    event: str
    cites: tuple[str, ...]


class CheckedClaim(Record):
    """A popular claim held against the evidence."""

    claim: str
    verdict: str
    evidence: str
    cites: tuple[str, ...]


class Overview(Record):
    """What ketamine is, its forms, history and regulatory timeline."""

    summary: str
    forms: tuple[NamedEntry, ...]
    history: tuple[Claim, ...]
    timeline: tuple[TimelineEvent, ...]
    claims_checked: tuple[CheckedClaim, ...] = ()


class SafetyTable(Record):
    """A table of figures from a label or trial, such as adverse-reaction rates."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    cites: tuple[str, ...]
    note: str | None = None
    source_version: str | None = None


class SafetyTopic(Record):
    """One safety topic (side effects, contraindications, monitoring...)."""

    id: str
    name: str
    items: tuple[Claim, ...]
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    tables: tuple[SafetyTable, ...] = ()


class Safety(Record):
    """Side effects, risks, contraindications and monitoring."""

    summary: str
    topics: tuple[SafetyTopic, ...]


class KnowledgeBase(Record):
    """The whole knowledge base, loaded and checked."""

    meta: Meta
    overview: Overview
    mechanism: Mechanism
    safety: Safety
    conditions: tuple[Condition, ...]
    studies: dict[str, Study]
    warnings: tuple[str, ...] = ()
    drugs: Drugs = Drugs()

    @classmethod
    def from_data(cls, data: dict[str, Any], warnings: tuple[str, ...] = ()) -> KnowledgeBase:
        """Build from merged, checked plain data."""
        return cls(
            meta=build(Meta, data["meta"]),
            overview=build(Overview, data["overview"]),
            mechanism=build(Mechanism, data["mechanism"]),
            safety=build(Safety, data["safety"]),
            conditions=tuple(build(Condition, c) for c in data["conditions"]),
            studies={s["id"]: build(Study, s) for s in data["studies"]},
            warnings=warnings,
            drugs=build(Drugs, data["drugs"]) if "drugs" in data else Drugs(),
        )


declare(Claim, nested={"effects": EffectRef})
declare(Meta, nested={"crisis_resources": CrisisResource})
declare(
    Condition,
    nested={
        "profiles": Profile,
        "regulatory_status": RegulatoryStatus,
        "findings": Claim,
        "protocols": Protocol,
        "onset": Claim,
        "duration": Claim,
    },
)
declare(Hypothesis, nested={"evidence_for": Claim, "evidence_against": Claim}, enums={"certainty": Certainty})
declare(
    Mechanism,
    nested={
        "primary": Claim,
        "hypotheses": Hypothesis,
        "enantiomers": NamedEntry,
        "routes": Route,
        "human_neurochemistry": Claim,
    },
)
declare(
    Overview, nested={"forms": NamedEntry, "history": Claim, "timeline": TimelineEvent, "claims_checked": CheckedClaim}
)
declare(SafetyTopic, nested={"items": Claim, "tables": SafetyTable})
declare(Drugs, nested={"classes": DrugClass, "names": DrugName})
declare(DrugName, nested={"memberships": Membership})
declare(Safety, nested={"topics": SafetyTopic})

__all__ = [
    "DOMAINS",
    "Arm",
    "Certainty",
    "CheckedClaim",
    "Claim",
    "CrisisResource",
    "ComparatorRisk",
    "ComparatorType",
    "Condition",
    "DesignType",
    "Directness",
    "Domains",
    "EffectRef",
    "EvidenceDesign",
    "Hypothesis",
    "Judgment",
    "KnowledgeBase",
    "Measure",
    "Mechanism",
    "Meta",
    "NamedEntry",
    "Outcome",
    "Overview",
    "Profile",
    "ProfileStudy",
    "Protocol",
    "Rating",
    "RegulatoryStatus",
    "Route",
    "Safety",
    "SafetyTable",
    "SafetyTopic",
    "Study",
    "TimeFrame",
    "TimelineEvent",
    "Upgrade",
    "UpgradeFactor",
]
