"""Markdown layouts for the reference topics: how ketamine works, its safety, and an overview."""

from __future__ import annotations

from kettool.core.answers import Cited
from kettool.core.models import Mechanism, NamedEntry, Overview, Safety, SafetyTopic
from kettool.render.markdown_blocks import Citations, badge, bold, escape, heading, items, paragraph, table


def _named(entries: tuple[NamedEntry, ...], cites: Citations) -> str:
    return items(f"{bold(escape(e.name))}: {cites.cited(e.summary, e.cites)}" for e in entries)


HYPOTHESIS_SCALE = (
    "Support for each hypothesis is the knowledge base's own judgment on GRADE's four words; "
    "it is not a GRADE rating of a clinical question."
)


def mechanism(value: Cited) -> list[str]:
    """How ketamine works, with each hypothesis and its evidence."""
    m: Mechanism = value.subject
    cites = Citations(value.studies)
    parts = [
        heading("How ketamine works", 1),
        heading("Summary"),
        paragraph(m.summary),
        heading("Primary pharmacology"),
        cites.claims(m.primary),
    ]
    if m.hypotheses:
        parts.append(escape(HYPOTHESIS_SCALE))
    for h in m.hypotheses:
        parts += [
            heading(f"Hypothesis: {escape(h.name)}"),
            f"{badge(h.certainty)} support",
            paragraph(h.summary),
            bold("Evidence for"),
            cites.claims(h.evidence_for),
        ]
        if h.evidence_against:
            parts += [bold("Evidence against or limits"), cites.claims(h.evidence_against)]
    if m.enantiomers:
        parts += [heading("Enantiomers"), _named(m.enantiomers, cites)]
    if m.routes:
        rows = [[escape(r.route), escape(r.bioavailability), cites.cited(r.notes or "", r.cites)] for r in m.routes]
        parts += [heading("Routes and bioavailability"), table(["Route", "Bioavailability", "Notes"], rows)]
    if m.human_neurochemistry:
        parts += [heading("Glutamate and GABA in people"), cites.claims(m.human_neurochemistry)]
    return [*parts, *cites.reference_section()]


def _topic(topic: SafetyTopic, cites: Citations, level: int) -> list[str]:
    parts = [heading(f"{escape(topic.name)} ({escape(topic.id)})", level)]
    if topic.summary:
        parts.append(paragraph(topic.summary))
    parts.append(cites.claims(topic.items))
    for t in topic.tables:
        rows = [[escape(cell) for cell in row] for row in t.rows]
        # As in the text layout, figures after the first column are right-aligned.
        right = range(1, max([len(t.columns), *(len(r) for r in t.rows)]))
        note = cites.cited(t.note or "Source:", t.cites)
        note += f" Source: {escape(t.source_version)}" if t.source_version else ""
        parts += [bold(escape(t.title)), table([escape(c) for c in t.columns], rows, right), note]
    return parts


def safety(value: Cited) -> list[str]:
    """Every safety topic."""
    s: Safety = value.subject
    cites = Citations(value.studies)
    parts = [heading("Safety", 1), heading("Summary"), paragraph(s.summary)]
    for topic in s.topics:
        parts += _topic(topic, cites, 2)
    ids = ", ".join(escape(t.id) for t in s.topics)
    return [*parts, *cites.reference_section(), f"One topic: `kettool safety TOPIC` ({ids})"]


def safety_topic(value: Cited) -> list[str]:
    """One safety topic."""
    topic: SafetyTopic = value.subject
    cites = Citations(value.studies)
    return [*_topic(topic, cites, 1), *cites.reference_section()]


def overview(value: Cited) -> list[str]:
    """What ketamine is, its forms, history, regulatory timeline and popular claims checked."""
    o: Overview = value.subject
    cites = Citations(value.studies)
    parts = [
        heading("Ketamine and esketamine: overview", 1),
        heading("What it is"),
        paragraph(o.summary),
        heading("Forms"),
        _named(o.forms, cites),
    ]
    if o.history:
        parts += [heading("History"), cites.claims(o.history)]
    if o.timeline:
        rows = [[escape(e.date), escape(e.region), cites.cited(e.event, e.cites)] for e in o.timeline]
        parts += [heading("Regulatory timeline"), table(["Date", "Region", "Event"], rows)]
    if o.claims_checked:
        rows = [
            [escape(c.claim), escape(c.verdict.replace("-", " ")), cites.cited(c.evidence, c.cites)]
            for c in o.claims_checked
        ]
        header = ["Popular claim", "Verdict", "What the evidence says"]
        parts += [heading("Popular claims checked"), table(header, rows)]
    return [*parts, *cites.reference_section()]
