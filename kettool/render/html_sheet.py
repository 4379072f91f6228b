"""The clinician's evidence sheet: a condition on one or two printed pages, with its summary of findings and plots."""

from __future__ import annotations

from kettool.core.answers import GradedProfile
from kettool.core.plain_answers import ConditionSheet
from kettool.render import evidence_words as words
from kettool.render import forest_words
from kettool.render.html_forest import figure
from kettool.render.html_page import Block, Raw
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


def sheet(value: ConditionSheet) -> list[Block]:
    """Summary, approvals, summary of findings, forest plots, limitations and references of one condition."""
    detail = value.detail
    c = detail.condition
    cites = Citations(detail.studies)
    parts: list[Block] = [
        heading(f"{escape(c.name)}: evidence sheet", 1),
        *crisis_block(detail.crisis_resources),
        escape(
            f"For clinicians. Reviewed {c.last_reviewed}. Full page: kettool condition {c.id}; "
            f"each grade's judgments: kettool why {c.id}."
        ),
        heading("Summary"),
        paragraph(c.summary),
        f"{bold('Regulatory status')}: {escape(c.regulatory_summary)}",
    ]
    parts += [heading("Summary of findings"), findings(detail.profiles, cites)]
    if value.forest is not None:
        plots = [p for g in value.forest.groups for p in g.plots]
        left_off = sum(len(p.not_plotted) for p in plots)
        parts += [heading("Forest plots"), Raw('<div class="plots">')]
        parts += [figure(p, cites, f"plot-{n}") for n, p in enumerate(plots, 1)]
        parts.append(Raw("</div>"))
        missing = (
            f" {left_off} study results could not go on these plots; kettool forest {c.id} lists each with the reason."
        )
        parts.append(escape(forest_words.NOTE + (missing if left_off else "")))
    limitations = items(escape(x) for x in c.limitations)
    parts += [heading("Limitations"), Raw('<div class="columns">'), limitations, Raw("</div>")]
    # Titles are left out of the sheet's references: the links lead to them, and the page has room for two pages.
    return parts + cites.reference_section(short=True)


def findings(profiles: tuple[GradedProfile, ...], cites: Citations) -> str:
    """The summary of findings cut to what a printed page has room for: question, evidence, certainty, effect."""
    rows = [
        [
            escape(f"{g.profile.label}: {g.profile.outcome}, {g.profile.time_point}"),
            # The studies counted (the direct randomized evidence), or those the grade rests on where none is.
            f"{escape(words.participants(g))} {cites.marks([e.study.id for e in (g.direct or g.indirect)])}",
            badge(g.grade.certainty),
            escape(words.relative_effect(g)) + "; " + escape(words.absolute_effect(g)),
        ]
        for g in profiles
    ]
    header = ["Question, outcome and time point", "Participants (studies)", "Certainty", "Effect (95% CI); per 1,000"]
    return table(header, rows)
