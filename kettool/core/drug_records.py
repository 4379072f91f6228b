"""The drug-name table: the classes the KB's interaction entries concern, and the names that belong to them."""

from __future__ import annotations

from kettool.core.record_base import Record


class DrugClass(Record):
    """A class of drugs that interaction entries name (benzodiazepines, MAOIs, CYP3A4 inhibitors...)."""

    id: str
    name: str
    description: str
    # Broader classes this one belongs to: an entry about CNS depressants concerns benzodiazepines too.
    part_of: tuple[str, ...] = ()
    source: str | None = None


class Membership(Record):
    """That a drug belongs to a class, with the page that says so and the words it says it in."""

    class_id: str
    source: str
    quote: str  # the words on the source page that show the membership, copied as read
    atc: str | None = None
    strength: str | None = None  # for enzyme inhibitors and inducers: "strong", "moderate", as the source says


class DrugName(Record):
    """A generic or brand name, the ingredient it stands for, and the classes it belongs to, each sourced."""

    name: str
    kind: str  # "generic" or "brand"
    ingredient: str
    memberships: tuple[Membership, ...]
    checked: str
    note: str | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        """The ids of the classes the name belongs to."""
        return tuple(m.class_id for m in self.memberships)


class Drugs(Record):
    """Every drug class and drug name the KB knows."""

    classes: tuple[DrugClass, ...] = ()
    names: tuple[DrugName, ...] = ()

    def class_named(self, class_id: str) -> DrugClass | None:
        """The class with this id, if the table has it."""
        return next((c for c in self.classes if c.id == class_id), None)

    def with_broader(self, class_ids: tuple[str, ...]) -> tuple[str, ...]:
        """These classes and every class they are part of, nearest first, without repeats."""
        found: list[str] = []
        pending = list(class_ids)
        while pending:
            class_id = pending.pop(0)
            if class_id in found:
                continue
            found.append(class_id)
            drug_class = self.class_named(class_id)
            if drug_class is not None:
                pending.extend(drug_class.part_of)
        return tuple(found)
