"""Markdown layouts for the evidence: the condition map, one condition, conditions side by side, and why a grade."""

from __future__ import annotations

from kettool.core.answers import Cited, Comparison, ConditionMap, GradeReasons
from kettool.core.models import Condition
from kettool.render.markdown_blocks import Citations, badge, bold, escape, heading, items, paragraph, table

NOT_A_PRESCRIPTION = "Protocols as studied, not a prescription"
GRADE_LEVELS = (
    "Certainty levels: high = several large RCTs or a meta-analysis of RCTs, consistent; moderate = "
    "some RCTs with limits or one large RCT; low = small or crossover RCTs with mixed results, or "
    "mainly open-label data; very low = case series, open-label pilots or preclinical data only."
)


def conditions(value: ConditionMap) -> list[str]:
    """The evidence map: every condition with its certainty, status and evidence counts."""
    rows = []
    for c, counts in value.ranked:
        rows.append(
            [
                f"{bold(escape(c.id))}: {escape(c.name)}",
                badge(c.certainty),
                str(counts.randomized),
                f"{counts.participants:,}",
                escape(c.regulatory_summary),
            ]
        )
    header = ["Condition", "Certainty", "RCTs", "N (RCTs)", "Regulatory status"]
    return [
        heading("Evidence by condition (strongest first)", 1),
        table(header, rows, right=(2, 3)),
        "Details: `kettool condition NAME`",
    ]


def condition(value: Cited) -> list[str]:
    """One condition in full."""
    c: Condition = value.subject
    cites = Citations(value.studies)
    status = [
        [escape(s.formulation), escape(s.region), cites.cited(s.status, s.cites) if s.cites else escape(s.status)]
        for s in c.regulatory_status
    ]
    parts = [
        heading(escape(c.name), 1),
        f"id: {escape(c.id)}",
        heading("Summary"),
        paragraph(c.summary),
        heading("Certainty of evidence"),
        badge(c.certainty),
        paragraph(c.certainty_rationale),
        heading("Regulatory status"),
        paragraph(c.regulatory_summary),
    ]
    if status:
        parts.append(table(["Formulation", "Region", "Status"], status))
    parts += [heading("Key findings"), cites.claims(c.findings, numbered=True)]
    if c.protocols:
        rows = [
            [
                escape(p.drug),
                escape(p.route),
                escape(p.dose),
                cites.cited(p.schedule, p.cites) + (f" — {escape(p.notes)}" if p.notes else ""),
            ]
            for p in c.protocols
        ]
        parts += [heading(NOT_A_PRESCRIPTION), table(["Drug", "Route", "Dose", "Schedule"], rows)]
    parts += [
        heading("Onset"),
        cites.claims([c.onset]),
        heading("Duration of effect"),
        cites.claims([c.duration]),
        heading("Limitations"),
        items(escape(x) for x in c.limitations),
    ]
    if c.open_questions:
        parts += [heading("Open questions"), items(escape(x) for x in c.open_questions)]
    return [*parts, *cites.reference_section(), f"Last reviewed {escape(c.last_reviewed)}"]


def compare(value: Comparison) -> list[str]:
    """Conditions side by side, one column each."""
    data = value.items
    cites = Citations(value.studies)
    rows = [
        ["Certainty", *(badge(i.condition.certainty) for i in data)],
        ["Status", *(escape(i.condition.regulatory_summary) for i in data)],
        ["RCTs", *(f"{i.counts.randomized} ({i.counts.participants:,} participants)" for i in data)],
        ["Studies", *(str(i.counts.studies) for i in data)],
        ["Onset", *(cites.cited(i.condition.onset.text, i.condition.onset.cites) for i in data)],
        ["Duration", *(cites.cited(i.condition.duration.text, i.condition.duration.cites) for i in data)],
        # A cell holds one line, so protocols are separated by semicolons instead of line breaks.
        [
            "Protocols",
            *(
                "; ".join(escape(f"{p.drug}, {p.route}, {p.dose}, {p.schedule}") for p in i.condition.protocols)
                or "none recorded"
                for i in data
            ),
        ],
    ]
    title = heading("Comparison: " + ", ".join(escape(i.condition.name) for i in data), 1)
    header = ["", *(escape(i.condition.id) for i in data)]
    return [title, table(header, [[bold(r[0]), *r[1:]] for r in rows]), *cites.reference_section()]


def why(reasons: GradeReasons) -> list[str]:
    """How the certainty of one condition was reached."""
    c, counts = reasons.condition, reasons.counts
    designs = ", ".join(f"{n} {d}" for d, n in reasons.designs.items()) or "none"
    rows = [
        [
            f"{escape(s.short)} ({escape(s.id)})",
            escape(s.design_type.value),
            "" if s.n is None else f"{s.n:,}",
            escape(s.key_result),
        ]
        for s in reasons.studies
    ]
    parts = [
        heading(f"Why is the evidence for {escape(c.name)} graded {c.certainty.label}?", 1),
        heading("Grade"),
        badge(c.certainty),
        paragraph(c.certainty_rationale),
        heading("What it rests on"),
        escape(
            f"{counts.studies} studies ({designs}); {counts.randomized} randomized trials with "
            f"{counts.participants:,} participants."
        ),
    ]
    if rows:
        parts.append(table(["Study", "Design", "N", "Key result"], rows, right=(2,)))
    return [*parts, GRADE_LEVELS]
