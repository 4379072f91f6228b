"""Markdown layouts for conditions, mechanism, safety, overview and version answers."""

from __future__ import annotations


from kettool.core.models import Condition, KnowledgeBase, Mechanism, NamedEntry, Overview, Safety, SafetyTopic
from kettool.core.summary import by_certainty, condition_counts
from kettool.render.markdown import Citations, badge, bold, escape, heading, items, paragraph, table

NOT_A_PRESCRIPTION = "Protocols as studied, not a prescription"


def conditions(data: tuple[Condition, ...], kb: KnowledgeBase) -> list[str]:
    """The evidence map: every condition with its certainty, status and evidence counts."""
    rows = []
    for c in by_certainty(data):
        counts = condition_counts(c, kb)
        rows.append([f"{bold(escape(c.id))}: {escape(c.name)}", badge(c.certainty), str(counts.randomized),
                     f"{counts.participants:,}", escape(c.regulatory_summary)])
    header = ["Condition", "Certainty", "RCTs", "N (RCTs)", "Regulatory status"]
    return [heading("Evidence by condition (strongest first)", 1), table(header, rows, right=(2, 3)),
            "Details: `kettool condition NAME`"]


def condition(c: Condition, kb: KnowledgeBase) -> list[str]:
    """One condition in full."""
    cites = Citations(kb)
    status = [[escape(s.formulation), escape(s.region), cites.cited(s.status, s.cites) if s.cites else escape(s.status)]
              for s in c.regulatory_status]
    parts = [heading(escape(c.name), 1), f"id: {escape(c.id)}",
             heading("Summary"), paragraph(c.summary),
             heading("Certainty of evidence"), badge(c.certainty), paragraph(c.certainty_rationale),
             heading("Regulatory status"), paragraph(c.regulatory_summary)]
    if status:
        parts.append(table(["Formulation", "Region", "Status"], status))
    parts += [heading("Key findings"), cites.claims(c.findings, numbered=True)]
    if c.protocols:
        rows = [[escape(p.drug), escape(p.route), escape(p.dose),
                 cites.cited(p.schedule, p.cites) + (f" — {escape(p.notes)}" if p.notes else "")]
                for p in c.protocols]
        parts += [heading(NOT_A_PRESCRIPTION), table(["Drug", "Route", "Dose", "Schedule"], rows)]
    parts += [heading("Onset"), cites.claims([c.onset]), heading("Duration of effect"), cites.claims([c.duration]),
              heading("Limitations"), items(escape(x) for x in c.limitations)]
    if c.open_questions:
        parts += [heading("Open questions"), items(escape(x) for x in c.open_questions)]
    return [*parts, *cites.reference_section(), f"Last reviewed {escape(c.last_reviewed)}"]


def _named(entries: tuple[NamedEntry, ...], cites: Citations) -> str:
    return items(f"{bold(escape(e.name))}: {cites.cited(e.summary, e.cites)}" for e in entries)


def mechanism(m: Mechanism, kb: KnowledgeBase) -> list[str]:
    """How ketamine works, with each hypothesis and its evidence."""
    cites = Citations(kb)
    parts = [heading("How ketamine works", 1), heading("Summary"), paragraph(m.summary),
             heading("Primary pharmacology"), cites.claims(m.primary)]
    for h in m.hypotheses:
        parts += [heading(f"Hypothesis: {escape(h.name)}"), badge(h.certainty), paragraph(h.summary),
                  bold("Evidence for"), cites.claims(h.evidence_for)]
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


def safety(s: Safety, kb: KnowledgeBase) -> list[str]:
    """Every safety topic."""
    cites = Citations(kb)
    parts = [heading("Safety", 1), heading("Summary"), paragraph(s.summary)]
    for topic in s.topics:
        parts += _topic(topic, cites, 2)
    ids = ", ".join(escape(t.id) for t in s.topics)
    return [*parts, *cites.reference_section(), f"One topic: `kettool safety TOPIC` ({ids})"]


def safety_topic(topic: SafetyTopic, kb: KnowledgeBase) -> list[str]:
    """One safety topic."""
    cites = Citations(kb)
    return [*_topic(topic, cites, 1), *cites.reference_section()]


def overview(o: Overview, kb: KnowledgeBase) -> list[str]:
    """What ketamine is, its forms, history, regulatory timeline and popular claims checked."""
    cites = Citations(kb)
    parts = [heading("Ketamine and esketamine: overview", 1), heading("What it is"), paragraph(o.summary),
             heading("Forms"), _named(o.forms, cites)]
    if o.history:
        parts += [heading("History"), cites.claims(o.history)]
    if o.timeline:
        rows = [[escape(e.date), escape(e.region), cites.cited(e.event, e.cites)] for e in o.timeline]
        parts += [heading("Regulatory timeline"), table(["Date", "Region", "Event"], rows)]
    if o.claims_checked:
        rows = [[escape(c.claim), escape(c.verdict.replace("-", " ")), cites.cited(c.evidence, c.cites)]
                for c in o.claims_checked]
        header = ["Popular claim", "Verdict", "What the evidence says"]
        parts += [heading("Popular claims checked"), table(header, rows)]
    return [*parts, *cites.reference_section()]
