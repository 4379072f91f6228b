"""Typed, immutable records of the knowledge base, and the KnowledgeBase that holds them.

Study and evidence-profile records live in study_records.py and profile_records.py, the vocabularies
in vocabulary.py; this module gathers them so that the rest of kettool imports records from one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

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
from kettool.core.records import build_normalized, declare
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

if TYPE_CHECKING:
    from kettool.core.kb_parts import Parts


class Claim(Record):
    """One statement of fact with the studies it rests on, and the structured outcomes it reports."""

    text: str
    cites: tuple[str, ...]
    drug: str | None = None
    source_version: str | None = None
    effects: tuple[EffectRef, ...] = ()
    classes: tuple[str, ...] = ()  # the drug classes an interaction statement concerns (ids in drugs.classes)


class PlainStatement(Record):
    """A cited statement for patients and carers, optionally tied to the evidence profile it summarises."""

    text: str
    cites: tuple[str, ...]
    profile: str | None = None


class PlainLanguage(Record):
    """The version for patients and carers: cited statements, approval, questions to ask a clinician."""

    summary: tuple[PlainStatement, ...]
    questions: tuple[str, ...]
    approval: PlainStatement | None = None


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
    plain_language: PlainLanguage | None = None


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
    plain_language: PlainLanguage | None = None


class Studies(Mapping[str, Study]):
    """Study records by id, each built from the KB's parts the first time it is looked up.

    A selection (`select`) keeps the KB's parts, so that a JSON answer can copy each study's cached
    JSON text instead of building the record and converting it back.
    """

    def __init__(self, data: Parts | dict[str, Study]):
        self._parts: Parts | None = None
        self._built: dict[str, Study] = {}
        if isinstance(data, dict):
            self._built = dict(data)
            self._order = list(data)
        else:
            self._parts = data
            self._order = data.study_ids()
        # The ids this mapping holds; None: every study of the parts.
        self._members: frozenset[str] | None = None if self._parts is not None else frozenset(self._order)

    def __getitem__(self, study_id: str) -> Study:
        if study_id not in self:
            raise KeyError(study_id)
        found = self._built.get(study_id)
        if found is None:
            assert self._parts is not None  # a mapping of built records holds each of its members
            found = self._built[study_id] = build_normalized(Study, self._parts.study(study_id))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, study_id: object) -> bool:
        if self._members is None:
            return isinstance(study_id, str) and self._parts is not None and self._parts.has_study(study_id)
        return study_id in self._members

    def each(self, naming: tuple[str, ...] | None = None) -> Iterator[Study]:
        """Every study record in order, built one at a time and not kept (a record already built is reused).

        With `naming`, studies whose cached JSON holds none of those strings as a value are skipped
        unbuilt: a record can only cite a study whose id it holds.
        """
        built, parts = self._built, self._parts
        for study_id in self._order:
            found = built.get(study_id)
            if found is None:
                assert parts is not None  # a mapping of built records holds each of its members
                if naming is not None and not parts.study_names_text(study_id, naming):
                    continue
                found = build_normalized(Study, parts.study_once(study_id))
            yield found

    def select(self, ids: Iterable[str]) -> Studies:
        """The studies with these ids, in this order, without repeats; unknown ids are left out."""
        chosen = Studies({})
        chosen._parts = self._parts
        chosen._built = self._built  # records already built are shared, never built twice
        chosen._order = [i for i in dict.fromkeys(ids) if i in self]
        chosen._members = frozenset(chosen._order)
        return chosen

    def json_text(self, study_id: str) -> str | None:
        """The study as a JSON answer writes it, when the KB's parts hold it (None: convert the record)."""
        return None if self._parts is None else self._parts.study_json(study_id)


class Each:
    """A list of records read one at a time each time it is walked, so that a large KB is never held whole."""

    __slots__ = ("_count", "_walk")

    def __init__(self, walk: Callable[[], Iterator[Any]], count: int):
        self._walk, self._count = walk, count

    def __iter__(self) -> Iterator[Any]:
        return self._walk()

    def __len__(self) -> int:
        return self._count


class KnowledgeBase:
    """The whole knowledge base, loaded and checked; each part is built from the checked data when first used.

    Most answers need a small part of the KB (one condition and the studies it cites): building only
    what is read keeps a computed answer close to the cost of starting Python.
    """

    __slots__ = ("_parts", "_sections", "warnings")

    def __init__(self, parts: Parts, warnings: tuple[str, ...] = (), **sections: Any):
        self._parts = parts
        self._sections: dict[str, Any] = sections
        self.warnings = warnings

    @classmethod
    def from_data(cls, data: dict[str, Any], warnings: tuple[str, ...] = ()) -> KnowledgeBase:
        """A KB over merged, checked plain data."""
        from kettool.core.kb_parts import from_plain

        return cls(from_plain(data), tuple(warnings))

    @classmethod
    def from_parts(cls, parts: Parts) -> KnowledgeBase:
        """A KB over a cached document's parts."""
        return cls(parts, parts.warnings)

    def _replace(self, **sections: Any) -> KnowledgeBase:
        """A copy with some sections replaced by built values."""
        return KnowledgeBase(self._parts, sections.pop("warnings", self.warnings), **{**self._sections, **sections})

    def _section(self, name: str, cls: type) -> Any:
        found = self._sections.get(name)
        if found is None:
            data = self._parts.section(name)
            found = self._sections[name] = cls() if data is None else build_normalized(cls, data)
        return found

    @property
    def meta(self) -> Meta:
        """Version, review date, scope, disclaimer and crisis services."""
        return self._section("meta", Meta)

    @property
    def overview(self) -> Overview:
        """Forms, history, timeline and checked popular claims."""
        return self._section("overview", Overview)

    @property
    def mechanism(self) -> Mechanism:
        """How ketamine works."""
        return self._section("mechanism", Mechanism)

    @property
    def safety(self) -> Safety:
        """Side effects, risks, contraindications and monitoring."""
        return self._section("safety", Safety)

    @property
    def drugs(self) -> Drugs:
        """Drug names and the classes interactions are written for."""
        return self._section("drugs", Drugs)

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """Every condition, in KB order."""
        found = self._sections.get("conditions")
        if found is None:
            found = self._sections["conditions"] = tuple(
                self.condition_at(i) for i in range(self._parts.condition_count())
            )
        return found

    def condition_names(self) -> list[list[str]]:
        """Each condition's id, name and aliases, in KB order, without building the conditions."""
        built = self._sections.get("conditions")
        if built is not None:
            return [[c.id, c.name, *c.aliases] for c in built]
        return self._parts.condition_names()

    def condition_at(self, index: int) -> Condition:
        """The condition at this position in KB order, built alone when the others are not needed."""
        built = self._sections.get("conditions")
        if built is not None:
            return built[index]
        one: dict[int, Condition] = self._sections.setdefault("condition_at", {})
        if index not in one:
            one[index] = build_normalized(Condition, self._parts.condition(index))
        return one[index]

    def each_condition(self, naming: tuple[str, ...] | None = None) -> Iterator[Condition]:
        """Every condition in KB order, built one at a time and not kept: a walk over a large KB holds one.

        With `naming`, conditions whose cached JSON holds none of those strings as a value are skipped.
        """
        built = self._sections.get("conditions")
        if built is not None:
            yield from built
            return
        one: dict[int, Condition] = self._sections.get("condition_at", {})
        parts = self._parts
        for index in range(parts.condition_count()):
            found = one.get(index)
            if found is None:
                if naming is not None and not parts.condition_names_text(index, naming):
                    continue
                found = build_normalized(Condition, parts.condition_once(index))
            yield found

    def may_name(self, section: str, texts: tuple[str, ...]) -> bool:
        """False only when a one-record section's cached JSON cannot hold any of these strings as a value."""
        parts = self._parts
        return section in self._sections or not parts.has_section(section) or parts.section_names(section, texts)

    def document_sections(self) -> list[tuple[str, Any]]:
        """The sections in the layout of the KB's files, conditions and studies read one record at a time."""
        built = self._sections.get("conditions")
        conditions = len(built) if built is not None else self._parts.condition_count()
        return [
            ("meta", self.meta),
            ("overview", self.overview),
            ("mechanism", self.mechanism),
            ("safety", self.safety),
            ("conditions", Each(self.each_condition, conditions)),
            ("studies", Each(self.studies.each, len(self.studies))),
        ]

    @property
    def studies(self) -> Studies:
        """Every study record by id."""
        found = self._sections.get("studies")
        if found is None:
            found = self._sections["studies"] = Studies(self._parts)
        elif isinstance(found, dict):
            found = self._sections["studies"] = Studies(found)
        return found


def section_classes() -> dict[str, type]:
    """The record class of each KB section that is one record."""
    return {"meta": Meta, "overview": Overview, "mechanism": Mechanism, "safety": Safety, "drugs": Drugs}


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
        "plain_language": PlainLanguage,
    },
)
declare(PlainLanguage, nested={"summary": PlainStatement, "approval": PlainStatement})
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
declare(Safety, nested={"topics": SafetyTopic, "plain_language": PlainLanguage})

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
