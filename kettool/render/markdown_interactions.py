"""Markdown layout for `kettool interactions NAME...`."""

from __future__ import annotations

from kettool.core.interaction_answers import DrugInteractions, InteractionReport
from kettool.render.interaction_words import ABSENCE, SCOPE, class_line, drug_line, entry_facts, membership_sources
from kettool.render.markdown_blocks import Citations, escape, heading, items, paragraph


def interactions(report: InteractionReport) -> list[str]:
    """One section per resolved name, then the references and the reminder of what this list is not."""
    cites = Citations(report.studies)
    blocks = [heading("Interactions recorded in kettool", 1)]
    for found in report.drugs:
        blocks += _drug(found, cites)
    blocks += cites.reference_section()
    blocks.append(paragraph(SCOPE))
    return blocks


def _drug(found: DrugInteractions, cites: Citations) -> list[str]:
    blocks = [
        heading(escape(drug_line(found))),
        paragraph(f"Classes: {class_line(found)}."),
        items(escape(f"Listed as {line}") for line in membership_sources(found)),
    ]
    if not found.entries:
        return [*blocks, paragraph(ABSENCE.format(name=found.drug.name))]
    entries = []
    for entry in found.entries:
        lines = [cites.cited(entry.statement, entry.cites)]
        lines += [f"{label}: {escape(value)}" for label, value in entry_facts(entry, found)]
        entries.append("\n".join(lines))
    return [*blocks, items(entries, numbered=True)]
