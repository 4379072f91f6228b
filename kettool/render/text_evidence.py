"""Text layouts for the evidence: the condition map, one condition, conditions side by side, and why a grade."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kettool.core.answers import Cited, Comparison, ConditionMap, GradeReasons
from kettool.core.models import Condition
from kettool.render.text_widgets import Citations, bullets, certainty_badge, claim_list, plain, section, title

NOT_A_PRESCRIPTION = "Protocols as studied, not a prescription"
GRADE_LEVELS = (
    "Certainty levels: high = several large RCTs or a meta-analysis of RCTs, consistent; moderate = some "
    "RCTs with limits or one large RCT; low = small or crossover RCTs with mixed results, or mainly "
    "open-label data; very low = case series, open-label pilots or preclinical data only."
)


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def conditions(value: ConditionMap, options: Any) -> list[RenderableType]:
    """The evidence map: every condition with its certainty, status and evidence counts."""
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, title="Evidence by condition (strongest first)", title_justify="left"
    )
    table.add_column("Condition", overflow="fold")
    table.add_column("Certainty", no_wrap=True)
    table.add_column("RCTs", justify="right", no_wrap=True)
    table.add_column("N (RCTs)", justify="right", no_wrap=True)
    table.add_column("Regulatory status", overflow="fold")
    for condition, counts in value.ranked:
        name = plain(condition.id, "bold")
        name.append("\n").append(plain(condition.name, "dim"))
        table.add_row(
            name,
            certainty_badge(condition.certainty),
            str(counts.randomized),
            f"{counts.participants:,}",
            plain(condition.regulatory_summary),
        )
    return [table, Text("Details: kettool condition NAME", style="dim")]


def condition(value: Cited, options: Any) -> list[RenderableType]:
    """One condition in full."""
    c: Condition = value.subject
    cites = Citations(value.studies)
    status = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=False, padding=(0, 1))
    status.add_column("Formulation", overflow="fold")
    status.add_column("Region", overflow="fold")
    status.add_column("Status", overflow="fold")
    for s in c.regulatory_status:
        label = plain(s.status)
        if s.cites:
            label.append(f" {cites.marks(s.cites)}", style="cyan")
        status.add_row(plain(s.formulation), plain(s.region), label)
    parts: list[RenderableType] = [
        title(c.name, f"id: {c.id}"),
        Text(),
        section("Summary", plain(c.summary)),
        section("Certainty of evidence", certainty_badge(c.certainty), plain(c.certainty_rationale)),
        section("Regulatory status", plain(c.regulatory_summary), status),
        section("Key findings", claim_list(c.findings, cites, numbered=True)),
    ]
    if c.protocols:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
        for column in ("Drug", "Route", "Dose", "Schedule"):
            table.add_column(column, overflow="fold")
        for p in c.protocols:
            schedule = plain(p.schedule)
            schedule.append(f" {cites.marks(p.cites)}", style="cyan")
            if p.notes:
                schedule.append("\n").append(plain(p.notes, "dim"))
            table.add_row(plain(p.drug), plain(p.route), plain(p.dose), schedule)
        parts.append(section(NOT_A_PRESCRIPTION, table))
    parts.append(section("Onset", claim_list([c.onset], cites)))
    parts.append(section("Duration of effect", claim_list([c.duration], cites)))
    parts.append(section("Limitations", bullets(c.limitations)))
    if c.open_questions:
        parts.append(section("Open questions", bullets(c.open_questions)))
    parts.append(section("References", cites.reference_list()))
    parts.append(Text(f"Last reviewed {c.last_reviewed}", style="dim"))
    return parts


def compare(value: Comparison, options: Any) -> list[RenderableType]:
    """Conditions side by side, one column each."""
    items = value.items
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), show_lines=True)
    table.add_column("", style="bold", no_wrap=True)
    for item in items:
        table.add_column(plain(item.condition.id), overflow="fold")
    cites = Citations(value.studies)

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
    table.add_row(
        "Protocols",
        *(
            plain(
                "\n".join(f"{p.drug}, {p.route}, {p.dose}, {p.schedule}" for p in i.condition.protocols)
                or "none recorded"
            )
            for i in items
        ),
    )
    return [table, Text(), section("References", cites.reference_list())]


def why(reasons: GradeReasons, options: Any) -> list[RenderableType]:
    """How the certainty of one condition was reached."""
    c = reasons.condition
    counts = reasons.counts
    designs = ", ".join(f"{n} {d}" for d, n in reasons.designs.items()) or "none"
    table = _table("Study", "Design", "N", "Key result")
    for s in reasons.studies:
        label = s.id if s.short == s.id else f"{s.short}\n{s.id}"
        table.add_row(plain(label), s.design_type.value, "" if s.n is None else f"{s.n:,}", plain(s.key_result))
    return [
        plain(f"Why is the evidence for {c.name} graded {c.certainty.label}?", "bold"),
        Text(),
        section("Grade", certainty_badge(c.certainty), plain(c.certainty_rationale)),
        section(
            "What it rests on",
            Text(
                f"{counts.studies} studies ({designs}); {counts.randomized} randomized "
                f"trials with {counts.participants:,} participants."
            ),
            table,
        ),
        Text(GRADE_LEVELS, style="dim"),
    ]
