"""Text layouts for finding things: search hits, study lists, one study, reference lists, and KB validation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from kettool.core.answers import CitationList, StudyDetail, StudyList
from kettool.render.reference_list import reference_line, study_facts
from kettool.render.snippets import snippet
from kettool.render.text_widgets import HangingList, plain, section

if TYPE_CHECKING:  # rich.table only for the layouts that draw a table
    from kettool.render.text_table import StackingTable

SNIPPET_CHARS = 240


def _table(*columns: str) -> StackingTable:
    from kettool.render.text_table import StackingTable

    table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def search(result: Any, options: Any) -> list[RenderableType]:
    """Ranked hits with the matched words highlighted (or »marked« when there is no colour)."""
    marks = not options.color
    title = Text(f"{result.total} passage(s) match {result.query!r}", style="bold")
    if result.total > len(result.hits):
        title.append(f"; showing the best {len(result.hits)} (--limit to change)", style="dim")
    parts: list[RenderableType] = [title]
    if result.partial:
        parts.append(
            Text(
                "No passage holds every word; these hold some of them."
                + (f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""),
                style="yellow",
            )
        )
    parts.append(Text())
    for n, hit in enumerate(result.hits, 1):
        text, spans = snippet(hit.passage, hit.spans, SNIPPET_CHARS)
        body = Text()
        last = 0
        for start, end in spans:
            body.append(plain(text[last:start]))
            body.append(plain(f"»{text[start:end]}«" if marks else text[start:end], "bold reverse"))
            last = end
        body.append(plain(text[last:]))
        head = Text(f"{n}. ", style="dim")
        head.append(plain(hit.location, "bold cyan")).append(f"  score {hit.score:.2f}", style="dim")
        if hit.via:
            body.append("\n").append(plain(f"Found through the drug list: {'; '.join(hit.via)}", "dim"))
        parts += [head, Padding(body, (0, 0, 1, 3))]
    return parts


def studies(value: StudyList, options: Any) -> list[RenderableType]:
    """A table of studies."""
    items = [row.study for row in value.rows]
    table = _table("Id", "First author", "Year", "Design", "N", "Journal")
    for s in items:
        table.add_row(
            plain(s.id),
            plain(s.first_author),
            str(s.year or ""),
            s.design_type.value,
            "" if s.n is None else f"{s.n:,}",
            plain(s.journal or ""),
        )
    return [
        Text(f"{len(items)} stud{'y' if len(items) == 1 else 'ies'}", style="bold"),
        table,
        Text("Details: kettool study ID", style="dim"),
    ]


def study(detail: StudyDetail, options: Any) -> list[RenderableType]:
    """One study in full, with the claims that cite it."""
    s = detail.study
    # A HangingList, not a two-column grid: the same lines, and the page needs no rich.table (24 M
    # instructions to import, with the fractions and decimal modules it pulls in).
    facts = HangingList(marker_style="bold")
    for label, value in study_facts(s):
        facts.add_row(label, plain(value))
    parts: list[RenderableType] = [plain(s.title, "bold"), Text(f"id: {s.id}", style="dim"), Text(), facts, Text()]
    if detail.cited_by:
        parts.append(section("Cited by", *(plain(f"• {where}") for where in detail.cited_by)))
    return parts


def citations(value: CitationList, options: Any) -> list[RenderableType]:
    """A numbered reference list of the studies asked for."""
    from kettool.render.text_table import StackingTable

    table = StackingTable(box=None, show_header=False, padding=(0, 1, 0, 0), expand=False)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for number, study in enumerate(value.studies, 1):
        table.add_row(f"{number}.", plain(reference_line(study)))
    count = len(value.studies)
    return [Text(f"{count} reference{'' if count == 1 else 's'}", style="bold"), table]


def validation(report: Any, options: Any) -> list[RenderableType]:
    """The result of checking a KB: every problem with file, line and field."""
    parts: list[RenderableType] = []
    if report.valid:
        parts.append(Text(f"valid: {report.files} file(s) checked, no problems", style="bold green"))
    else:
        parts.append(Text(f"invalid: {len(report.problems)} problem(s) in {report.files} file(s)", style="bold red"))
        for p in report.problems:
            where = p.file if p.line is None else f"{p.file}:{p.line}"
            parts.append(plain(f"  {where}" + (f" at {p.path}" if p.path else "") + f": {p.message}"))
    for warning in report.warnings:
        parts.append(plain(f"  warning: {warning}", "yellow"))
    return parts


def audit(report: Any, options: Any) -> list[RenderableType]:
    """What the audit checked, each problem with file, line and field, and every profile's computed grade."""
    checked = ", ".join(f"{n:,} {what}" for what, n in report.checked.items()) or "nothing"
    parts: list[RenderableType] = []
    if report.clean:
        parts.append(Text("audit clean: every number agrees with its records", style="bold green"))
    else:
        parts.append(Text(f"audit found {len(report.problems)} problem(s)", style="bold red"))
        for p in report.problems:
            parts.append(plain(f"  {p}"))
    parts.append(plain(f"Checked: {checked}.", "dim"))
    grades = _table("Condition", "Profile", "Computed certainty")
    for condition, profile, certainty in report.profiles:
        grades.add_row(plain(condition), plain(profile), certainty.replace("-", " "))
    if report.profiles:
        parts += [Text(), grades]
    return parts
