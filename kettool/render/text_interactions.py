"""Text layout for `kettool interactions NAME...`: per drug, its classes and every KB statement about them."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.text import Text

from kettool.core.interaction_answers import DrugInteractions, InteractionReport
from kettool.render.interaction_words import ABSENCE, SCOPE, class_line, drug_line, entry_facts, membership_sources
from kettool.render.text_widgets import Citations, HangingList, plain, section


def interactions(report: InteractionReport, options: Any) -> list[RenderableType]:
    """One section per resolved name, then the references and the reminder of what this list is not."""
    cites = Citations(report.studies)
    parts: list[RenderableType] = [_drug(found, cites) for found in report.drugs]
    if cites.order:
        parts.append(section("References", cites.reference_list()))
    parts.append(plain(SCOPE, "dim"))
    return parts


def _drug(found: DrugInteractions, cites: Citations) -> RenderableType:
    head = plain(f"Classes: {class_line(found)}")
    for line in membership_sources(found):
        head.append("\n").append(plain(f"Listed as {line}", "dim"))
    if not found.entries:
        return section(drug_line(found), head, Text(), plain(ABSENCE.format(name=found.drug.name), "yellow"))
    count = len(found.entries)
    head.append("\n\n").append(
        f"{count} statement{'s' if count != 1 else ''} in the knowledge base concern{'s' if count == 1 else ''} "
        "these classes:",
        style="bold",
    )
    # A HangingList, not a two-column grid: the same lines, and the page needs no rich.table.
    table = HangingList(marker_style="dim", gap=1)
    for n, entry in enumerate(found.entries, 1):
        body = plain(entry.statement)
        body.append(f" {cites.marks(entry.cites)}", style="cyan")
        for label, value in entry_facts(entry, found):
            body.append("\n").append(plain(f"{label}: {value}", "dim"))
        table.add_row(f"{n}.", body)
    return section(drug_line(found), head, table)
