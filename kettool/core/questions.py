"""Every question kettool answers, as a function from the knowledge base and the user's words to a complete Answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kettool.core import evidence
from kettool.core.answers import (
    Answer,
    CitationList,
    Cited,
    Comparison,
    ConditionDetail,
    ConditionMap,
    ConditionRow,
    EvidenceReport,
    KbExport,
    Kind,
    StudyDetail,
    StudyList,
    StudyRow,
)
from kettool.core.lookup import find_condition, find_safety_topic, find_study
from kettool.core.model_walk import cited_ids, citing_passages
from kettool.core.models import KnowledgeBase, Studies


def about(kind: Kind, subject: Any, kb: KnowledgeBase) -> Answer:
    """An answer about one part of the KB (a condition, a topic...) with every study it cites."""
    return Answer(kind, Cited(subject, _cited_studies(subject, kb)), kb.meta)


def _cited_studies(subject: Any, kb: KnowledgeBase) -> Studies:
    # A selection, not a dict of records: a JSON answer copies the studies' cached text instead.
    return kb.studies.select(cited_ids(subject))


def _crisis(condition: Any, kb: KnowledgeBase) -> tuple[Any, ...]:
    """The crisis services a condition's pages show first (suicidal ideation, depression)."""
    return kb.meta.crisis_resources if condition.show_crisis_resources else ()


def conditions(kb: KnowledgeBase) -> Answer:
    """The evidence map: every condition with its graded profiles, and the conditions ranked strongest first."""
    rows = tuple(ConditionRow(c, evidence.graded_profiles(c, kb)) for c in kb.conditions)
    ranked = tuple(sorted(rows, key=lambda row: (-evidence.strongest(row.profiles), row.condition.name.casefold())))
    return Answer(Kind.CONDITIONS, ConditionMap(rows, ranked), kb.meta)


def condition(kb: KnowledgeBase, name: str) -> Answer:
    """One condition in full, with its graded profiles and every study it cites."""
    found = find_condition(kb, name)
    detail = ConditionDetail(found, evidence.graded_profiles(found, kb), _cited_studies(found, kb), _crisis(found, kb))
    return Answer(Kind.CONDITION, detail, kb.meta)


def why(kb: KnowledgeBase, name: str) -> Answer:
    """Why each of a condition's profiles has its certainty: summary-of-findings rows and the judgments."""
    found = find_condition(kb, name)
    report = EvidenceReport(found, evidence.graded_profiles(found, kb), _cited_studies(found, kb), _crisis(found, kb))
    return Answer(Kind.WHY, report, kb.meta)


def mechanism(kb: KnowledgeBase) -> Answer:
    """How ketamine works."""
    return about(Kind.MECHANISM, kb.mechanism, kb)


def safety(kb: KnowledgeBase, topic: str | None = None) -> Answer:
    """Every safety topic, or the one named."""
    if topic is None:
        return about(Kind.SAFETY, kb.safety, kb)
    return about(Kind.SAFETY_TOPIC, find_safety_topic(kb, topic), kb)


def overview(kb: KnowledgeBase) -> Answer:
    """What ketamine is, its forms, history and regulatory timeline."""
    return about(Kind.OVERVIEW, kb.overview, kb)


SHORT_LIST = 16


def studies(kb: KnowledgeBase, wanted: Any) -> Answer:
    """Studies matching a StudyFilter, each with the conditions that cite it."""
    from kettool.core.study_filter import filter_studies

    chosen = filter_studies(kb, wanted)
    # For a short list, only the conditions that name one of its studies are built; a long one is
    # checked against every condition (looking for each id in each condition costs more).
    few = len(chosen) <= SHORT_LIST
    citing = evidence.conditions_citing(kb, [s.id for s in chosen] if few else None)
    rows = tuple(StudyRow(s, tuple(citing.get(s.id, ()))) for s in chosen)
    return Answer(Kind.STUDIES, StudyList(rows), kb.meta)


def study(kb: KnowledgeBase, study_id: str) -> Answer:
    """One study and every place in the KB that cites it."""
    found = find_study(kb, study_id)
    places = tuple(dict.fromkeys(p.location for p in citing_passages(kb, found.id)))
    citing = evidence.conditions_citing(kb, [found.id]).get(found.id, ())
    detail = StudyDetail(found, tuple(citing), places)
    return Answer(Kind.STUDY, detail, kb.meta)


def compare(kb: KnowledgeBase, names: Sequence[str]) -> Answer:
    """Conditions side by side, in the order named, without repeats."""
    chosen = list({c.id: c for c in (find_condition(kb, n) for n in names)}.values())
    items = tuple(ConditionRow(c, evidence.graded_profiles(c, kb)) for c in chosen)
    studies = kb.studies.select(i for c in chosen for i in cited_ids(c))
    return Answer(Kind.COMPARE, Comparison(items, studies), kb.meta)


def citations(kb: KnowledgeBase, ids: Sequence[str], condition_name: str | None) -> Answer:
    """The studies named, then every study a condition cites, without repeats."""
    chosen = [find_study(kb, i) for i in ids]
    if condition_name is not None:
        found = find_condition(kb, condition_name)
        chosen += [kb.studies[i] for i in evidence.condition_study_ids(found) if i in kb.studies]
    return Answer(Kind.CITATIONS, CitationList(tuple({s.id: s for s in chosen}.values())), kb.meta)


def export(kb: KnowledgeBase) -> Answer:
    """The whole knowledge base; its records are built as a format writes them (YAML one at a time)."""
    return Answer(Kind.EXPORT, KbExport(kb), kb.meta)


def interactions(kb: KnowledgeBase, names: Sequence[str]) -> Answer:
    """What the KB records about taking ketamine or esketamine with each named drug."""
    from kettool.core.interactions import interactions as gather

    return Answer(Kind.INTERACTIONS, gather(kb, names), kb.meta)


def forest(kb: KnowledgeBase, name: str, filters: Any = None) -> Answer:
    """A condition's forest plots from its structured outcomes, grouped by comparator type."""
    from kettool.core.forest import Filters
    from kettool.core.forest import forest as draw

    return Answer(Kind.FOREST, draw(kb, find_condition(kb, name), filters or Filters()), kb.meta)


def plain_condition(kb: KnowledgeBase, name: str) -> Answer:
    """A condition for patients and carers: crisis services first, cited plain points with their certainty."""
    found = find_condition(kb, name)
    certainty = {g.profile.id: g.grade.certainty for g in evidence.graded_profiles(found, kb)}
    page = _plain_page(
        kb, found.plain_language, certainty, _crisis(found, kb), found.id, found.name, found.last_reviewed
    )
    return Answer(Kind.PLAIN, page, kb.meta)


def plain_safety(kb: KnowledgeBase) -> Answer:
    """The main safety facts for patients and carers."""
    page = _plain_page(kb, kb.safety.plain_language, {}, (), "safety", "Safety of ketamine and esketamine", None)
    return Answer(Kind.PLAIN, page, kb.meta)


def _plain_page(
    kb: KnowledgeBase, plain: Any, certainty: dict, crisis: Any, subject_id: str, title: str, reviewed: str | None
) -> Any:
    from kettool.core.errors import NotFoundError
    from kettool.core.plain_answers import PlainPage, PlainPoint

    if plain is None:
        message = f"{title} has no plain-language version yet"
        raise NotFoundError("plain-language version", subject_id, [], "", message=message)

    def point(statement: Any) -> PlainPoint:
        return PlainPoint(statement.text, statement.cites, certainty.get(statement.profile or ""))

    approval = point(plain.approval) if plain.approval else None
    points = tuple(point(s) for s in plain.summary)
    ids = [i for p in (*points, *([approval] if approval else [])) for i in p.cites]
    studies = kb.studies.select(ids)
    return PlainPage(subject_id, title, tuple(crisis), points, approval, plain.questions, studies, reviewed)


def sheet(kb: KnowledgeBase, name: str, audience: str) -> Answer:
    """A condition's printable sheet: for clinicians its page with graded profiles and forest plots; for patients
    its plain-language page."""
    if audience == "patient":
        return plain_condition(kb, name)
    from kettool.core.errors import NotFoundError
    from kettool.core.forest import Filters
    from kettool.core.forest import forest as draw
    from kettool.core.plain_answers import ConditionSheet

    detail = condition(kb, name).data
    try:
        plots = draw(kb, detail.condition, Filters())
    except NotFoundError:  # a condition with no structured outcomes has a sheet without plots
        plots = None
    return Answer(Kind.SHEET, ConditionSheet(detail, plots), kb.meta)


def validation(report: Any, meta: Any) -> Answer:
    """The outcome of checking a KB, under the meta of the KB kettool trusts (the checked one may be broken)."""
    return Answer(Kind.VALIDATION, report, meta)


def audit(checked: Any) -> Answer:
    """Every number of a checked KB audited against the records it cites, and every profile's grade recomputed."""
    from kettool.core.audit import audit as run_audit

    report = run_audit(checked)
    return Answer(Kind.AUDIT, report, report_meta(checked))


def report_meta(checked: Any) -> Any:
    """The meta of a checked KB, for the envelope of a report about it."""
    from kettool.core.models import Meta
    from kettool.core.records import build

    return build(Meta, checked.data["meta"])
