"""Text layouts for search hits, study lists and details, comparisons, grades and validation."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kettool.core.compare import ComparedCondition, GradeReasons
from kettool.core.models import KnowledgeBase, Study
from kettool.core.search import SearchResult, snippet
from kettool.core.studies import StudyDetail
from kettool.render.references import reference_line, study_facts
from kettool.render.text import Citations, certainty_badge, plain, section

SNIPPET_CHARS = 240


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def search(result: SearchResult, marks: bool = False) -> list[RenderableType]:
    """Ranked hits with the matched words highlighted (or »marked« when there is no colour)."""
    title = Text(f"{result.total} passage(s) match {result.query!r}", style="bold")
    if result.total > len(result.hits):
        title.append(f"; showing the best {len(result.hits)} (--limit to change)", style="dim")
    parts: list[RenderableType] = [title]
    if result.partial:
        parts.append(Text("No passage holds every word; these hold some of them."
                          + (f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""),
                          style="yellow"))
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
        parts += [head, Padding(body, (0, 0, 1, 3))]
    return parts


def studies(items: list[Study], kb: KnowledgeBase) -> list[RenderableType]:
    """A table of studies."""
    table = _table("Id", "First author", "Year", "Design", "N", "Journal")
    for s in items:
        table.add_row(plain(s.id), plain(s.first_author), str(s.year or ""), s.design_type.value,
                      "" if s.n is None else f"{s.n:,}", plain(s.journal or ""))
    return [Text(f"{len(items)} stud{'y' if len(items) == 1 else 'ies'}", style="bold"), table,
            Text("Details: kettool study ID", style="dim")]


def study(detail: StudyDetail, kb: KnowledgeBase) -> list[RenderableType]:
    """One study in full, with the claims that cite it."""
    s = detail.study
    facts = Table(box=None, show_header=False, padding=(0, 1, 0, 0))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    rows = study_facts(s)
    for label, value in rows:
        facts.add_row(label, plain(value))
    parts: list[RenderableType] = [plain(s.title, "bold"), Text(f"id: {s.id}", style="dim"), Text(), facts, Text()]
    if detail.cited_by:
        parts.append(section("Cited by", *(plain(f"• {where}") for where in detail.cited_by)))
    return parts


def compare(items: list[ComparedCondition], kb: KnowledgeBase) -> list[RenderableType]:
    """Conditions side by side, one column each."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), show_lines=True)
    table.add_column("", style="bold", no_wrap=True)
    for item in items:
        table.add_column(plain(item.condition.id), overflow="fold")
    cites = Citations(kb)

    def cited(claim: Any) -> Text:
        text = plain(claim.text)
        text.append(f" {cites.marks(claim.cites)}", style="cyan")
        return text

    table.add_row("Certainty", *(certainty_badge(i.condition.certainty) for i in items))
    table.add_row("Status", *(plain(i.condition.regulatory_summary) for i in items))
    table.add_row("RCTs", *(f"{i.counts.randomized} ({i.counts.participants:,} participants)" for i in items))
    table.add_row("Studies", *(str(i.counts.studies) for i in items))
    table.add_row("Onset", *(cited(i.condition.onset) for i in items))
    table.add_row("Duration", *(cited(i.condition.duration) for i in items))
    table.add_row("Protocols", *(plain("\n".join(f"{p.drug}, {p.route}, {p.dose}, {p.schedule}"
                                                for p in i.condition.protocols) or "none recorded")
                                 for i in items))
    return [table, Text(), section("References", cites.reference_list())]


def why(reasons: GradeReasons, kb: KnowledgeBase) -> list[RenderableType]:
    """How the certainty of one condition was reached."""
    c = reasons.condition
    counts = reasons.counts
    designs = ", ".join(f"{n} {d}" for d, n in reasons.designs.items()) or "none"
    table = _table("Study", "Design", "N", "Key result")
    for s in reasons.studies:
        label = s.id if s.short == s.id else f"{s.short}\n{s.id}"
        table.add_row(plain(label), s.design_type.value, "" if s.n is None else f"{s.n:,}",
                      plain(s.key_result))
    return [
        plain(f"Why is the evidence for {c.name} graded {c.certainty.label}?", "bold"), Text(),
        section("Grade", certainty_badge(c.certainty), plain(c.certainty_rationale)),
        section("What it rests on", Text(f"{counts.studies} studies ({designs}); {counts.randomized} randomized "
                                         f"trials with {counts.participants:,} participants."), table),
        Text("Certainty levels: high = several large RCTs or a meta-analysis of RCTs, consistent; moderate = some "
             "RCTs with limits or one large RCT; low = small or crossover RCTs with mixed results, or mainly "
             "open-label data; very low = case series, open-label pilots or preclinical data only.", style="dim"),
    ]


def validation(report: Any, kb: KnowledgeBase | None) -> list[RenderableType]:
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


__all__ = ["compare", "reference_line", "search", "studies", "study", "validation", "why"]
