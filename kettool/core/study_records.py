"""Study records: the bibliographic record, the design, and each outcome's effect as structured numbers."""

from __future__ import annotations

from kettool.core.primary_hosts import displayed_link
from kettool.core.record_base import Record
from kettool.core.records import declare
from kettool.core.vocabulary import ComparatorType, DesignType, Measure


class Arm(Record):
    """One arm of a comparison: its size and, for a yes/no outcome, how many had the event."""

    label: str
    n: int
    events: int | None = None
    percent: float | None = None


class Outcome(Record):
    """One outcome of a study as reported: measure, estimate, 95% CI, p, and the arms behind it."""

    id: str
    outcome: str
    time_point: str
    measure: Measure
    estimate: float | None = None
    ci: tuple[float, ...] = ()
    p: str | None = None
    arms: tuple[Arm, ...] = ()
    comparator_type: ComparatorType | None = None
    blinding: str | None = None
    analysis: str | None = None
    # Which direction of the estimate favours the intervention: "lower" (fewer symptoms, fewer
    # relapses) or "higher" (more responders).
    favours: str | None = None
    note: str | None = None
    unchecked: tuple[str, ...] = ()


class Study(Record):
    """A bibliographic record with the study's design, result as reported, and structured outcomes."""

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
    outcomes: tuple[Outcome, ...] = ()
    notes: str | None = None
    unchecked: tuple[str, ...] = ()
    checked: str | None = None
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

    @property
    def unchecked_fields(self) -> frozenset[str]:
        """The names of the fields listed under unchecked ('pmid (seen once)' names pmid)."""
        return frozenset(entry.split()[0].lower() for entry in self.unchecked if entry.strip())

    def checked_identifier(self, field: str) -> str | None:
        """The record's doi, pmid or pmcid unless it is listed under unchecked (citation files carry no caveat)."""
        value: str | None = getattr(self, field)
        return None if field in self.unchecked_fields else value

    @property
    def link(self) -> str | None:
        """The link the record shows: its DOI, else its PubMed page, else its url (None: no primary page checked)."""
        return displayed_link(self.doi, self.pmid, self.url, self.unchecked_fields)

    def outcome(self, outcome_id: str) -> Outcome | None:
        """The outcome with this id, if the record has it."""
        return next((o for o in self.outcomes if o.id == outcome_id), None)


declare(Outcome, nested={"arms": Arm}, enums={"measure": Measure, "comparator_type": ComparatorType})
declare(Study, nested={"outcomes": Outcome}, enums={"design_type": DesignType})
