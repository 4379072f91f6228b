"""Text layouts for each kind of answer."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kettool.core.models import Condition, KnowledgeBase, Mechanism, Overview, Safety, SafetyTopic
from kettool.core.summary import by_certainty, condition_counts
from kettool.render.text import (Citations, bullets, certainty_badge, claim_list, heading, plain,
                                 section)

NOT_A_PRESCRIPTION = "Protocols as studied, not a prescription"


def _title(name: str, subtitle: str = "") -> Text:
    text = plain(name, "bold")
    if subtitle:
        text.append("\n").append(plain(subtitle, "dim"))
    return text


def conditions(items: tuple[Condition, ...], kb: KnowledgeBase) -> list[RenderableType]:
    """The evidence map: every condition with its certainty, status and evidence counts."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, title="Evidence by condition (strongest first)", title_justify="left")
    table.add_column("Condition", overflow="fold")
    table.add_column("Certainty", no_wrap=True)
    table.add_column("RCTs", justify="right", no_wrap=True)
    table.add_column("N (RCTs)", justify="right", no_wrap=True)
    table.add_column("Regulatory status", overflow="fold")
    for condition in by_certainty(items):
        counts = condition_counts(condition, kb)
        name = plain(condition.id, "bold")
        name.append("\n").append(plain(condition.name, "dim"))
        table.add_row(name, certainty_badge(condition.certainty), str(counts.randomized),
                      f"{counts.participants:,}", plain(condition.regulatory_summary))
    return [table, Text("Details: kettool condition NAME", style="dim")]


def condition(c: Condition, kb: KnowledgeBase) -> list[RenderableType]:
    """One condition in full."""
    cites = Citations(kb)
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
        _title(c.name, f"id: {c.id}"),
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


def mechanism(m: Mechanism, kb: KnowledgeBase) -> list[RenderableType]:
    """How ketamine works, with each hypothesis and its evidence."""
    cites = Citations(kb)
    parts: list[RenderableType] = [_title("How ketamine works"), Text(), section("Summary", plain(m.summary)),
                                   section("Primary pharmacology", claim_list(m.primary, cites))]
    for h in m.hypotheses:
        body: list[RenderableType] = [certainty_badge(h.certainty), plain(h.summary),
                                      Text("Evidence for", style="bold"), claim_list(h.evidence_for, cites)]
        if h.evidence_against:
            body += [Text("Evidence against or limits", style="bold"), claim_list(h.evidence_against, cites)]
        parts.append(section(f"Hypothesis: {h.name}", *body))
    if m.enantiomers:
        parts.append(section("Enantiomers", _named(m.enantiomers, cites)))
    if m.routes:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
        table.add_column("Route", overflow="fold")
        table.add_column("Bioavailability", overflow="fold")
        table.add_column("Notes", overflow="fold")
        for r in m.routes:
            notes = plain(r.notes or "")
            notes.append(f" {cites.marks(r.cites)}", style="cyan")
            table.add_row(plain(r.route), plain(r.bioavailability), notes)
        parts.append(section("Routes and bioavailability", table))
    if m.human_neurochemistry:
        parts.append(section("Glutamate and GABA in people", claim_list(m.human_neurochemistry, cites)))
    parts.append(section("References", cites.reference_list()))
    return parts


def _named(entries: Any, cites: Citations) -> RenderableType:
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0))
    table.add_column(style="bold", overflow="fold")
    table.add_column(overflow="fold")
    for e in entries:
        body = plain(e.summary)
        body.append(f" {cites.marks(e.cites)}", style="cyan")
        table.add_row(plain(e.name), body)
    return table


def safety(s: Safety, kb: KnowledgeBase) -> list[RenderableType]:
    """Every safety topic."""
    cites = Citations(kb)
    parts: list[RenderableType] = [_title("Safety"), Text(), section("Summary", plain(s.summary))]
    for topic in s.topics:
        parts.extend(_topic_body(topic, cites))
    parts.append(section("References", cites.reference_list()))
    parts.append(Text("One topic: kettool safety TOPIC (" + ", ".join(t.id for t in s.topics) + ")",
                      style="dim"))
    return parts


def safety_topic(topic: SafetyTopic, kb: KnowledgeBase) -> list[RenderableType]:
    """One safety topic."""
    cites = Citations(kb)
    return [*_topic_body(topic, cites), section("References", cites.reference_list())]


def _topic_body(topic: SafetyTopic, cites: Citations) -> list[RenderableType]:
    body: list[RenderableType] = []
    if topic.summary:
        body.append(plain(topic.summary))
    body.append(claim_list(topic.items, cites))
    for t in topic.tables:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, title=visible_title(t.title), title_justify="left", padding=(0, 1))
        for i, column in enumerate(t.columns):
            table.add_column(plain(column), overflow="fold", justify="left" if i == 0 else "right")
        for row in t.rows:
            table.add_row(*(plain(cell) for cell in row))
        body.append(table)
        note = plain(t.note or "Source:")
        note.append(f" {cites.marks(t.cites)}", style="cyan")
        if t.source_version:
            note.append(plain(f" Source: {t.source_version}"))
        body.append(note)
    return [section(f"{topic.name} ({topic.id})", *body)]


def visible_title(title: str) -> Text:
    """A table title from KB text."""
    return plain(title, "bold")


def overview(o: Overview, kb: KnowledgeBase) -> list[RenderableType]:
    """What ketamine is, its forms, history, regulatory timeline and popular claims checked."""
    cites = Citations(kb)
    parts: list[RenderableType] = [_title("Ketamine and esketamine: overview"), Text(),
                                   section("What it is", plain(o.summary)),
                                   section("Forms", _named(o.forms, cites))]
    if o.history:
        parts.append(section("History", claim_list(o.history, cites)))
    if o.timeline:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
        table.add_column("Date", no_wrap=True)
        table.add_column("Region", overflow="fold")
        table.add_column("Event", overflow="fold")
        for e in o.timeline:
            event = plain(e.event)
            event.append(f" {cites.marks(e.cites)}", style="cyan")
            table.add_row(plain(e.date), plain(e.region), event)
        parts.append(section("Regulatory timeline", table))
    if o.claims_checked:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
        table.add_column("Popular claim", overflow="fold")
        table.add_column("Verdict", overflow="fold")
        table.add_column("What the evidence says", overflow="fold")
        for c in o.claims_checked:
            evidence = plain(c.evidence)
            evidence.append(f" {cites.marks(c.cites)}", style="cyan")
            table.add_row(plain(c.claim), plain(c.verdict.replace("-", " ")), evidence)
        parts.append(section("Popular claims checked", table))
    parts.append(section("References", cites.reference_list()))
    return parts


__all__ = ["conditions", "condition", "mechanism", "safety", "safety_topic", "overview", "heading"]
