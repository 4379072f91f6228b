"""Text layouts for the reference topics: how ketamine works, its safety, and an overview."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import RenderableType
from rich.text import Text

from kettool.core.answers import Cited
from kettool.core.models import Mechanism, Overview, Safety, SafetyTopic
from kettool.render.text_table import StackingTable
from kettool.render.text_widgets import Citations, certainty_badge, claim_list, plain, section, title

HYPOTHESIS_SCALE = (
    "Support for each hypothesis is the knowledge base's own judgment on GRADE's four words; "
    "it is not a GRADE rating of a clinical question."
)


def mechanism(value: Cited, options: Any) -> list[RenderableType]:
    """How ketamine works, with each hypothesis and its evidence."""
    m: Mechanism = value.subject
    cites = Citations(value.studies)
    parts: list[RenderableType] = [
        title("How ketamine works"),
        Text(),
        section("Summary", plain(m.summary)),
        section("Primary pharmacology", claim_list(m.primary, cites)),
    ]
    if m.hypotheses:
        parts.append(Text(HYPOTHESIS_SCALE, style="dim"))
        parts.append(Text())
    for h in m.hypotheses:
        support = certainty_badge(h.certainty)
        support.append(" support", style="dim")
        body: list[RenderableType] = [
            support,
            plain(h.summary),
            Text("Evidence for", style="bold"),
            claim_list(h.evidence_for, cites),
        ]
        if h.evidence_against:
            body += [Text("Evidence against or limits", style="bold"), claim_list(h.evidence_against, cites)]
        parts.append(section(f"Hypothesis: {h.name}", *body))
    if m.enantiomers:
        parts.append(section("Enantiomers", _named(m.enantiomers, cites)))
    if m.routes:
        table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
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
    table = StackingTable(box=None, show_header=False, padding=(0, 1, 0, 0))
    table.add_column(style="bold", overflow="fold")
    table.add_column(overflow="fold")
    for e in entries:
        body = plain(e.summary)
        body.append(f" {cites.marks(e.cites)}", style="cyan")
        table.add_row(plain(e.name), body)
    return table


def safety(value: Cited, options: Any) -> list[RenderableType]:
    """Every safety topic."""
    s: Safety = value.subject
    cites = Citations(value.studies)
    parts: list[RenderableType] = [title("Safety"), Text(), section("Summary", plain(s.summary))]
    for topic in s.topics:
        parts.extend(_topic_body(topic, cites))
    parts.append(section("References", cites.reference_list()))
    parts.append(Text("One topic: kettool safety TOPIC (" + ", ".join(t.id for t in s.topics) + ")", style="dim"))
    return parts


def safety_topic(value: Cited, options: Any) -> list[RenderableType]:
    """One safety topic."""
    topic: SafetyTopic = value.subject
    cites = Citations(value.studies)
    return [*_topic_body(topic, cites), section("References", cites.reference_list())]


def _topic_body(topic: SafetyTopic, cites: Citations) -> list[RenderableType]:
    body: list[RenderableType] = []
    if topic.summary:
        body.append(plain(topic.summary))
    body.append(claim_list(topic.items, cites))
    for t in topic.tables:
        table = StackingTable(
            box=box.SIMPLE_HEAD, show_edge=False, title=visibletitle(t.title), title_justify="left", padding=(0, 1)
        )
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


def visibletitle(title: str) -> Text:
    """A table title from KB text."""
    return plain(title, "bold")


def overview(value: Cited, options: Any) -> list[RenderableType]:
    """What ketamine is, its forms, history, regulatory timeline and popular claims checked."""
    o: Overview = value.subject
    cites = Citations(value.studies)
    parts: list[RenderableType] = [
        title("Ketamine and esketamine: overview"),
        Text(),
        section("What it is", plain(o.summary)),
        section("Forms", _named(o.forms, cites)),
    ]
    if o.history:
        parts.append(section("History", claim_list(o.history, cites)))
    if o.timeline:
        table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
        table.add_column("Date", no_wrap=True)
        table.add_column("Region", overflow="fold")
        table.add_column("Event", overflow="fold")
        for e in o.timeline:
            event = plain(e.event)
            event.append(f" {cites.marks(e.cites)}", style="cyan")
            table.add_row(plain(e.date), plain(e.region), event)
        parts.append(section("Regulatory timeline", table))
    if o.claims_checked:
        table = StackingTable(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
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
