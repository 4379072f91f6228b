"""Text layouts for the evidence: the condition map, one condition, conditions side by side, and why each grade."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.text import Text

from kettool.core.answers import Comparison, ConditionDetail, ConditionMap, EvidenceReport, GradedProfile
from kettool.render import evidence_words as words
from kettool.render.text_table import StackingTable
from kettool.render.text_widgets import (
    Citations,
    HangingList,
    bullets,
    certainty_badge,
    claim_list,
    crisis_box,
    plain,
    section,
    title,
)

NOT_A_PRESCRIPTION = "Protocols as studied, not a prescription"
GRADE_RULE = (
    "Certainty is computed as GRADE does: randomized evidence starts high and observational evidence low; each "
    "serious concern lowers it one level and each very serious concern two; observational evidence can be raised "
    "for a large effect, a dose-response gradient or opposing confounding. Counts include direct randomized trials "
    "of the question only."
)


def _table(*columns: str) -> StackingTable:
    table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def profile_list(profiles: tuple[GradedProfile, ...]) -> RenderableType:
    """Each profile as a certainty badge and its question with its direct randomized evidence, strongest first."""
    if not profiles:
        return Text("no evidence profile", style="dim")
    grid = StackingTable(box=None, show_header=False, padding=(0, 1, 0, 0), expand=False)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for graded in profiles:
        grid.add_row(certainty_badge(graded.grade.certainty), plain(words.profile_line(graded)))
    return grid


def conditions(value: ConditionMap, options: Any) -> list[RenderableType]:
    """The evidence map: every condition with its status and its evidence profiles, strongest first."""
    table = StackingTable(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        title="Evidence by condition (strongest first)",
        title_justify="left",
        expand=True,
    )
    table.add_column("Condition", overflow="fold", ratio=1)
    table.add_column("Evidence by question: certainty, question, direct randomized evidence", overflow="fold", ratio=2)
    for condition, profiles in value.ranked:
        name = plain(condition.id, "bold")
        name.append("\n").append(plain(condition.name))
        name.append("\n").append(plain(condition.regulatory_summary, "dim"))
        table.add_row(name, profile_list(profiles))
    return [table, Text("Details: kettool condition NAME; why each grade: kettool why NAME", style="dim")]


def condition(value: ConditionDetail, options: Any) -> list[RenderableType]:
    """One condition in full."""
    c = value.condition
    cites = Citations(value.studies)
    status = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, expand=False, padding=(0, 1))
    status.add_column("Formulation", overflow="fold")
    status.add_column("Region", overflow="fold")
    status.add_column("Status", overflow="fold")
    for s in c.regulatory_status:
        label = plain(s.status)
        if s.cites:
            label.append(f" {cites.marks(s.cites)}", style="cyan")
        status.add_row(plain(s.formulation), plain(s.region), label)
    parts: list[RenderableType] = [
        *crisis_box(value.crisis_resources),
        title(c.name, f"id: {c.id}"),
        Text(),
        section("Summary", plain(c.summary)),
        section(
            "Certainty of evidence, question by question",
            profile_list(value.profiles),
            Text(f"Why each grade: kettool why {c.id}", style="dim"),
        ),
        section("Regulatory status", plain(c.regulatory_summary), status),
        section("Key findings", claim_list(c.findings, cites, numbered=True)),
    ]
    if c.protocols:
        table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
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
    table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), show_lines=True)
    table.add_column("", style="bold", no_wrap=True)
    for item in items:
        table.add_column(plain(item.condition.id), overflow="fold")
    cites = Citations(value.studies)

    def cited(claim: Any) -> Text:
        text = plain(claim.text)
        text.append(f" {cites.marks(claim.cites)}", style="cyan")
        return text

    table.add_row("Evidence", *(profile_list(i.profiles) for i in items))
    table.add_row("Status", *(plain(i.condition.regulatory_summary) for i in items))
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


def why(report: EvidenceReport, options: Any) -> list[RenderableType]:
    """For each profile: its summary-of-findings row, the judgments behind its certainty, and its studies."""
    c = report.condition
    cites = Citations(report.studies)
    parts: list[RenderableType] = [
        *crisis_box(report.crisis_resources),
        title(f"Why the evidence for {c.name} is graded as it is", f"id: {c.id}"),
        Text(),
    ]
    for graded in report.profiles:
        parts.append(section(graded.profile.label, *_profile_body(graded, cites)))
    parts.append(Text(GRADE_RULE, style="dim"))
    parts.append(Text())
    parts.append(section("References", cites.reference_list()))
    return parts


def _profile_body(graded: GradedProfile, cites: Citations) -> list[RenderableType]:
    p = graded.profile
    certainty = certainty_badge(graded.grade.certainty)
    certainty.append(plain(f"  ({words.grade_steps(graded)})", "dim"))
    facts = HangingList(marker_style="bold")
    facts.add_row("Question", plain(f"{p.formulation} vs {p.comparison}, in {p.population}"))
    facts.add_row("Outcome", plain(f"{p.outcome}, {p.time_point}"))
    facts.add_row("Participants", plain(words.participants(graded)))
    facts.add_row("Certainty", certainty)
    facts.add_row("Relative effect", plain(words.relative_effect(graded)))
    facts.add_row("Per 1,000", plain(words.absolute_effect(graded)))
    if p.comment:
        facts.add_row("Comment", plain(p.comment))
    judgments = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    judgments.add_column("Domain", no_wrap=True)
    judgments.add_column("Rating", no_wrap=True)
    judgments.add_column("Reason", overflow="fold")
    for domain, label in words.DOMAIN_NAMES.items():
        judgment = getattr(p.domains, domain)
        reason = plain(judgment.reason)
        if judgment.cites:
            reason.append(f" {cites.marks(judgment.cites)}", style="cyan")
        judgments.add_row(label, judgment.rating.value.replace("-", " "), reason)
    for upgrade in p.upgrades:
        reason = plain(upgrade.reason)
        if upgrade.cites:
            reason.append(f" {cites.marks(upgrade.cites)}", style="cyan")
        judgments.add_row("upgrade", upgrade.factor.value.replace("-", " "), reason)
    studies = _table("Study", "Design", "N", "Evidence")
    for entry in (*graded.direct, *graded.indirect):
        s = entry.study
        name = plain(s.short)
        name.append(f" {cites.marks([s.id])}", style="cyan")
        studies.add_row(name, s.design_type.value, "" if s.n is None else f"{s.n:,}", plain(words.study_role(entry)))
    return [
        facts,
        Text(),
        Group(Text("How the certainty was reached", style="bold"), judgments),
        Group(Text("Studies (only direct randomized trials are counted)", style="bold"), studies),
    ]
