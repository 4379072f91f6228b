"""The sentences every interaction answer shares, in every output format, so that they never drift apart."""

from __future__ import annotations

from typing import Any

ABSENCE = (
    "No interaction between {name} and ketamine or esketamine is recorded in kettool's knowledge base. "
    "The absence of a record is not evidence that the combination is safe: ask a pharmacist or prescriber."
)
SCOPE = (
    "kettool lists what its knowledge base records for the drug classes it covers; it is not a complete "
    "interaction check. Ask a pharmacist or prescriber before combining medicines."
)


def drug_line(found: Any) -> str:
    """'Adderall (brand; amphetamine salts): psychostimulants' for one resolved name."""
    drug = found.drug
    what = drug.kind if drug.name.casefold() == drug.ingredient.casefold() else f"{drug.kind}; {drug.ingredient}"
    return f"{drug.name} ({what})"


def class_line(found: Any) -> str:
    """The drug's classes, then the broader ones they belong to."""
    return ", ".join(c.name for c in found.classes)


def entry_facts(entry: Any, found: Any) -> list[tuple[str, str]]:
    """The labelled facts shown under an interaction statement, leaving out empty ones."""
    from kettool.render.evidence_words import source_words

    names = {c.id: c.name for c in found.classes}
    facts = [
        ("Formulation", entry.formulation),
        ("Concerns", ", ".join(names.get(c, c) for c in entry.through)),
        ("Source", source_words(entry.source_types)),
        ("Label version", entry.source_version),
        ("In", entry.location),
    ]
    return [(label, value) for label, value in facts if value]


def membership_sources(found: Any) -> list[str]:
    """Where each of the name's class memberships was read, one line per class."""
    drug = found.drug
    names = {c.id: c.name for c in found.classes}
    lines = []
    for m in drug.memberships:
        details = ", ".join(x for x in (f"ATC {m.atc}" if m.atc else "", m.strength or "") if x)
        lines.append(f"{names.get(m.class_id, m.class_id)}{f' ({details})' if details else ''}: {m.source}")
    return lines
