"""One answer of every kind, built by the core from a loaded KB, for tests that must cover them all."""

from __future__ import annotations

from kettool.core import questions
from kettool.core.answers import Answer, AuditReport, Kind
from kettool.core.errors import Problem
from kettool.core.search_build import build_in_memory
from kettool.core.study_filter import StudyFilter
from kettool.core.validation import ValidationReport


def every_answer(kb) -> dict[Kind, Answer]:
    """Every kind of answer kettool gives, from a KB with at least two conditions and one safety topic."""
    first, second = kb.conditions[0], kb.conditions[1]
    report = ValidationReport(False, 2, (Problem("a|b.yaml", "bad <x> *y*", 3, "studies[0]"),), ("warn _x_",))
    some_study = next(iter(kb.studies))
    answers = {
        Kind.CONDITIONS: questions.conditions(kb),
        Kind.CONDITION: questions.condition(kb, first.id),
        Kind.MECHANISM: questions.mechanism(kb),
        Kind.SAFETY: questions.safety(kb),
        Kind.SAFETY_TOPIC: questions.safety(kb, kb.safety.topics[0].id),
        Kind.OVERVIEW: questions.overview(kb),
        Kind.SEARCH: Answer(Kind.SEARCH, build_in_memory(kb, "test").search("ketamine placebo"), kb.meta),
        Kind.STUDIES: questions.studies(kb, StudyFilter()),
        Kind.STUDY: questions.study(kb, some_study),
        Kind.COMPARE: questions.compare(kb, [first.id, second.id]),
        Kind.WHY: questions.why(kb, second.id),
        Kind.CITATIONS: questions.citations(kb, [some_study], first.id),
        Kind.FOREST: _first_forest(kb),
        Kind.PLAIN: questions.plain_condition(kb, next(c.id for c in kb.conditions if c.plain_language)),
        Kind.SHEET: questions.sheet(kb, first.id, "clinician"),
        Kind.INTERACTIONS: questions.interactions(kb, [d.name for d in kb.drugs.names[:2]] + ["not-a-drug"]),
        Kind.EXPORT: questions.export(kb),
        Kind.VALIDATION: questions.validation(report, kb.meta),
        Kind.AUDIT: Answer(
            Kind.AUDIT, AuditReport(False, report.problems, {"percentages": 2}, (("depression", "p", "low"),)), kb.meta
        ),
    }
    assert set(answers) == set(Kind), "every_answer must build every kind"
    return answers


def _first_forest(kb) -> Answer:
    """The forest plots of the first condition that has an estimate to plot."""
    from kettool.core.errors import NotFoundError

    for condition in kb.conditions:
        try:
            return questions.forest(kb, condition.id)
        except NotFoundError:
            continue
    raise AssertionError("the KB has no condition with an estimate to plot")
