"""Markdown layouts for the evidence: the condition map, one condition, conditions side by side, and why each grade."""

from __future__ import annotations

from kettool.core.answers import Comparison, ConditionDetail, ConditionMap, EvidenceReport, GradedProfile
from kettool.render import evidence_words as words
from kettool.render.markdown_blocks import (
    Citations,
    badge,
    bold,
    crisis_block,
    escape,
    heading,
    items,
    paragraph,
    table,
)

NOT_A_PRESCRIPTION = "Protocols as studied, not a prescription"
GRADE_RULE = (
    "Certainty is computed as GRADE does: randomized evidence starts high and observational evidence low; each "
    "serious concern lowers it one level and each very serious concern two; observational evidence can be raised "
    "for a large effect, a dose-response gradient or opposing confounding. Participants and trials count direct "
    "randomized trials of the question only."
)


def profile_items(profiles: tuple[GradedProfile, ...]) -> str:
    """Every profile in one table cell: badge, question, direct randomized evidence."""
    return (
        # A table cell holds one line, so profiles are separated by a middle dot instead of line breaks.
        " · ".join(f"{badge(g.grade.certainty)} {escape(words.profile_line(g))}" for g in profiles)
        or "no evidence profile"
    )


def conditions(value: ConditionMap) -> list[str]:
    """The evidence map: every condition with its evidence profiles, strongest first, and its status."""
    rows = [
        [f"{bold(escape(c.id))}: {escape(c.name)}", profile_items(profiles), escape(c.regulatory_summary)]
        for c, profiles in value.ranked
    ]
    header = ["Condition", "Evidence by question (certainty; direct randomized evidence)", "Regulatory status"]
    return [
        heading("Evidence by condition (strongest first)", 1),
        table(header, rows),
        "Details: `kettool condition NAME`; why each grade: `kettool why NAME`",
    ]


def condition(value: ConditionDetail) -> list[str]:
    """One condition in full."""
    c = value.condition
    cites = Citations(value.studies)
    status = [
        [escape(s.formulation), escape(s.region), cites.cited(s.status, s.cites) if s.cites else escape(s.status)]
        for s in c.regulatory_status
    ]
    parts = [
        heading(escape(c.name), 1),
        *crisis_block(value.crisis_resources),
        f"id: {escape(c.id)}",
        heading("Summary"),
        paragraph(c.summary),
        heading("Certainty of evidence, question by question"),
        items(f"{badge(g.grade.certainty)} {escape(words.profile_line(g))}" for g in value.profiles),
        "Why each grade: `kettool why NAME`",
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
        ["Evidence", *(profile_items(i.profiles) for i in data)],
        ["Status", *(escape(i.condition.regulatory_summary) for i in data)],
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


def summary_of_findings(profiles: tuple[GradedProfile, ...]) -> str:
    """The summary-of-findings table: one row per profile, as GRADE's tables have them."""
    header = [
        "Question",
        "Outcome and time point",
        "Participants (studies)",
        "Certainty",
        "Relative effect (95% CI)",
        "Anticipated absolute effect per 1,000",
        "Comment",
    ]
    rows = []
    for graded in profiles:
        p = graded.profile
        certainty = badge(graded.grade.certainty)
        if graded.grade.lowered_by:
            certainty += f" (lowered by {escape(words.lowered_by(graded))})"
        rows.append(
            [
                escape(p.label),
                escape(f"{p.outcome}, {p.time_point}"),
                escape(words.participants(graded)),
                certainty,
                escape(words.relative_effect(graded)),
                escape(words.absolute_effect(graded)),
                escape(p.comment or ""),
            ]
        )
    return table(header, rows)


def why(report: EvidenceReport) -> list[str]:
    """A summary-of-findings table for the condition, then each profile's judgments and studies."""
    c = report.condition
    cites = Citations(report.studies)
    parts = [
        heading(f"Why the evidence for {escape(c.name)} is graded as it is", 1),
        *crisis_block(report.crisis_resources),
        f"id: {escape(c.id)}",
        heading("Summary of findings"),
        summary_of_findings(report.profiles),
    ]
    for graded in report.profiles:
        parts += _profile_sections(graded, cites)
    return [*parts, paragraph(GRADE_RULE), *cites.reference_section()]


def _profile_sections(graded: GradedProfile, cites: Citations) -> list[str]:
    p = graded.profile
    judgments = [
        [
            escape(label),
            escape(getattr(p.domains, domain).rating.value.replace("-", " ")),
            cites.cited(getattr(p.domains, domain).reason, getattr(p.domains, domain).cites),
        ]
        for domain, label in words.DOMAIN_NAMES.items()
    ]
    judgments += [
        ["upgrade", escape(u.factor.value.replace("-", " ")), cites.cited(u.reason, u.cites)] for u in p.upgrades
    ]
    studies = [
        [
            cites.cited(s.study.short, [s.study.id]),
            escape(s.study.design_type.value),
            "" if s.study.n is None else f"{s.study.n:,}",
            escape(words.study_role(s)),
        ]
        for s in (*graded.direct, *graded.indirect)
    ]
    return [
        heading(escape(p.label)),
        items(
            [
                f"{bold('Question')}: {escape(f'{p.formulation} vs {p.comparison}, in {p.population}')}",
                f"{bold('Certainty')}: {badge(graded.grade.certainty)} ({escape(words.grade_steps(graded))})",
            ]
        ),
        table(["Domain", "Rating", "Reason"], judgments),
        table(["Study", "Design", "N", "Evidence"], studies, right=(2,)),
    ]
