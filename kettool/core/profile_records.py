"""Evidence profiles: one question each (formulation, comparison, outcome, time point) with its GRADE judgments."""

from __future__ import annotations

from kettool.core.record_base import Record
from kettool.core.records import declare
from kettool.core.vocabulary import ComparatorType, Directness, EvidenceDesign, Rating, TimeFrame, UpgradeFactor

DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")


class ProfileStudy(Record):
    """A study a profile rests on: direct (it answers the question) or indirect, with the reason."""

    study: str
    directness: Directness
    reason: str | None = None
    outcome: str | None = None


class Judgment(Record):
    """A rating of one GRADE domain with its one-line reason and the studies the reason rests on."""

    rating: Rating
    reason: str
    cites: tuple[str, ...] = ()


class Domains(Record):
    """The five GRADE domains that can lower certainty."""

    risk_of_bias: Judgment
    inconsistency: Judgment
    indirectness: Judgment
    imprecision: Judgment
    publication_bias: Judgment


class Upgrade(Record):
    """A reason to raise the certainty of observational evidence."""

    factor: UpgradeFactor
    reason: str
    cites: tuple[str, ...] = ()


class EffectRef(Record):
    """The structured outcome a profile shows as its relative effect."""

    study: str
    outcome: str


class ComparatorRisk(Record):
    """The risk without the intervention, per 1,000, used to compute absolute effects."""

    per_1000: int
    source: str
    cites: tuple[str, ...] = ()


class Profile(Record):
    """One question about one formulation, and the body of evidence that answers it."""

    id: str
    label: str
    drug: str
    formulation: str
    population: str
    comparison: str
    comparator_type: ComparatorType
    outcome: str
    time_point: str
    time_frame: TimeFrame
    design: EvidenceDesign
    studies: tuple[ProfileStudy, ...]
    domains: Domains
    route: str | None = None
    upgrades: tuple[Upgrade, ...] = ()
    effect: EffectRef | None = None
    comparator_risk: ComparatorRisk | None = None
    comment: str | None = None
    # "benefit" or "harm": conditions are ranked by their benefit profiles only.
    outcome_type: str = "benefit"


declare(ProfileStudy, enums={"directness": Directness})
declare(Judgment, enums={"rating": Rating})
declare(Domains, nested={d: Judgment for d in DOMAINS})
declare(Upgrade, enums={"factor": UpgradeFactor})
declare(
    Profile,
    nested={
        "studies": ProfileStudy,
        "domains": Domains,
        "upgrades": Upgrade,
        "effect": EffectRef,
        "comparator_risk": ComparatorRisk,
    },
    enums={"comparator_type": ComparatorType, "time_frame": TimeFrame, "design": EvidenceDesign},
)
