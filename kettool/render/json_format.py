"""JSON output: one versioned envelope per answer, written as a single line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kettool import __version__
from kettool.core.answer_kind import Answer, Kind
from kettool.core.meta import Meta
from kettool.core.plain_data import compact_json, kb_document, to_data

if TYPE_CHECKING:  # only annotations: a search answer never defines the other answer values
    from kettool.core.answers import (
        CitationList,
        Cited,
        Comparison,
        ConditionDetail,
        ConditionMap,
        ConditionRow,
        EvidenceReport,
        GradedProfile,
        KbExport,
        ProfileEvidence,
        StudyDetail,
        StudyList,
    )

# Bump the major number when a field is removed or changes meaning; the minor when fields are added.
SCHEMA_VERSION = "2.2"

# One line of JSON with every control-like character escaped (also how the KB cache holds studies).
dumps = compact_json


class Raw(str):
    """JSON text already encoded (a study as the KB cache holds it), written into the answer as it is."""


class Fields(dict[str, Any]):
    """An object some of whose values are Raw JSON text (or hold some): encoded value by value."""


class Items(list[Any]):
    """An array some of whose items are Raw JSON text (or hold some): encoded item by item."""


def encode(value: Any) -> str:
    """One line of JSON for a value that may hold Raw text inside Fields and Items."""
    kind = type(value)
    if kind is Raw:
        return value
    if kind is Fields:
        return "{" + ",".join(f"{dumps(k)}:{encode(v)}" for k, v in value.items()) + "}"
    if kind is Items:
        return "[" + ",".join([encode(v) for v in value]) + "]"
    return dumps(value)


def study_json(studies: Any, study_id: str) -> Raw:
    """A study as JSON: copied from the KB cache when the mapping holds its text, else converted."""
    text = studies.json_text(study_id) if hasattr(studies, "json_text") else None
    return Raw(dumps(to_data(studies[study_id])) if text is None else text)


def study_list(studies: Any) -> Raw:
    """The studies of a mapping (id -> study), in its order, as one JSON array."""
    return Raw("[" + ",".join([study_json(studies, i) for i in studies]) + "]")


def envelope(kind: str, data: Any, meta: Meta) -> Fields:
    """The top-level object every JSON answer shares."""
    return Fields(
        {
            "schema_version": SCHEMA_VERSION,
            "kind": kind,
            "kettool_version": __version__,
            "kb_version": meta.version,
            "kb_reviewed": meta.reviewed,
            "data": data,
            "disclaimer": meta.disclaimer,
        }
    )


def render(answer: Answer, options: Any = None) -> str:
    """Serialize an answer as one line of JSON followed by a newline."""
    return encode(envelope(answer.kind.value, LAYOUTS[answer.kind](answer.data), answer.meta)) + "\n"


def _record_fields(record: Any, leave_out: str = "") -> Fields:
    """A record's fields as plain data (one left out: the layout writes it in its place)."""
    return Fields((k, None if k == leave_out else to_data(v)) for k, v in zip(record._fields, record, strict=True))


def _cited(value: Cited) -> Fields:
    fields = _record_fields(value.subject)
    fields["studies"] = study_list(value.studies)
    return fields


def _evidence(entry: ProfileEvidence) -> dict[str, Any]:
    return {"study": entry.study.id, "reason": entry.reason, "outcome": to_data(entry.outcome)}


def graded_profile(graded: GradedProfile) -> dict[str, Any]:
    """A profile as the KB states it, with what kettool computed from it: certainty, counts, effects."""
    grade = graded.grade
    effect = graded.effect
    absolute = graded.absolute
    return {
        **to_data(graded.profile),
        "certainty": grade.certainty.value,
        "grade": {
            "start": grade.start.value,
            "lowered_by": [{"domain": d, "rating": r.value} for d, r in grade.lowered_by],
            "raised_by": list(grade.raised_by),
        },
        "randomized_trials": graded.randomized_trials,
        "participants": graded.participants,
        "direct": [_evidence(e) for e in graded.direct],
        "indirect": [_evidence(e) for e in graded.indirect],
        "relative_effect": None if effect is None else {"study": effect.study.id, **to_data(effect.outcome)},
        "absolute_per_1000": None
        if absolute is None
        else {
            "comparator": absolute.comparator,
            "intervention": absolute.intervention,
            "difference": absolute.difference,
            "difference_ci": list(absolute.difference_ci) if absolute.difference_ci else None,
        },
    }


def _profile_summary(graded: GradedProfile) -> dict[str, Any]:
    p = graded.profile
    return {
        "id": p.id,
        "label": p.label,
        "drug": p.drug,
        "time_frame": p.time_frame.value,
        "outcome_type": p.outcome_type,
        "certainty": graded.grade.certainty.value,
        "randomized_trials": graded.randomized_trials,
        "participants": graded.participants,
    }


def _strongest(profiles: tuple[GradedProfile, ...]) -> str | None:
    """The certainty of the strongest benefit profile (profiles come strongest first, benefit before harm)."""
    benefit = [p for p in profiles if p.profile.outcome_type == "benefit"]
    return benefit[0].grade.certainty.value if benefit else None


def _condition_row(row: ConditionRow) -> dict[str, Any]:
    c, profiles = row
    return {
        "id": c.id,
        "name": c.name,
        "aliases": list(c.aliases),
        "regulatory_summary": c.regulatory_summary,
        "strongest_certainty": _strongest(profiles),
        "profiles": [_profile_summary(p) for p in profiles],
    }


def _conditions(value: ConditionMap) -> list[dict[str, Any]]:
    return [_condition_row(row) for row in value.rows]


def _condition(value: ConditionDetail) -> Fields:
    fields = _record_fields(value.condition, leave_out="profiles")
    fields["profiles"] = [graded_profile(p) for p in value.profiles]
    fields["crisis_resources"] = [to_data(r) for r in value.crisis_resources]
    fields["studies"] = study_list(value.studies)
    return fields


def _studies(value: StudyList) -> list[dict[str, Any]]:
    return [{**to_data(row.study), "conditions": list(row.conditions)} for row in value.rows]


def _study(detail: StudyDetail) -> dict[str, Any]:
    return {**to_data(detail.study), "conditions": list(detail.conditions), "cited_by": list(detail.cited_by)}


def _compared(row: ConditionRow) -> dict[str, Any]:
    c, profiles = row
    return {
        "id": c.id,
        "name": c.name,
        "regulatory_summary": c.regulatory_summary,
        "regulatory_status": to_data(c.regulatory_status),
        "strongest_certainty": _strongest(profiles),
        "profiles": [_profile_summary(p) for p in profiles],
        "onset": to_data(c.onset),
        "duration": to_data(c.duration),
        "protocols": to_data(c.protocols),
    }


def _compare(value: Comparison) -> dict[str, Any]:
    return {"conditions": [_compared(row) for row in value.items]}


def _why(report: EvidenceReport) -> Fields:
    c = report.condition
    return Fields(
        {
            "id": c.id,
            "name": c.name,
            "profiles": [graded_profile(p) for p in report.profiles],
            "crisis_resources": [to_data(r) for r in report.crisis_resources],
            "studies": study_list(report.studies),
        }
    )


def _citations(value: CitationList) -> list[dict[str, Any]]:
    return [to_data(s) for s in value.studies]


def export_data(value: KbExport) -> dict[str, Any]:
    """The whole knowledge base as plain data, in the layout of its YAML files."""
    return kb_document(value.kb)


def _interactions(report: Any) -> dict[str, Any]:
    from kettool.render.interaction_words import ABSENCE, SCOPE

    def drug(found: Any) -> dict[str, Any]:
        d = found.drug
        return {
            "asked": found.asked,
            "name": d.name,
            "kind": d.kind,
            "ingredient": d.ingredient,
            "memberships": [to_data(m) for m in d.memberships],
            "checked": d.checked,
            "classes": [{"id": c.id, "name": c.name, "description": c.description} for c in found.classes],
            "interaction_recorded": bool(found.entries),
            "entries": [
                {
                    "location": e.location,
                    "statement": e.statement,
                    "formulation": e.formulation,
                    "concerns": list(e.through),
                    "source_types": [t.value for t in e.source_types],
                    "source_version": e.source_version,
                    "cites": list(e.cites),
                }
                for e in found.entries
            ],
            "note": None if found.entries else ABSENCE.format(name=d.name),
        }

    return {
        "drugs": [drug(found) for found in report.drugs],
        "unknown": [{"asked": u.asked, "suggestions": list(u.suggestions)} for u in report.unknown],
        "studies": [to_data(s) for s in report.studies.values()],
        "note": SCOPE,
    }


def _forest(value: Any) -> dict[str, Any]:
    from kettool.render import forest_words as words

    def row(r: Any) -> dict[str, Any]:
        return {
            "study": r.study.id,
            "label": words.row_label(r),
            "design": r.study.design_type.value,
            "outcome": r.outcome.id,
            "time_point": r.outcome.time_point,
            "estimate": r.estimate,
            "ci_low": r.low,
            "ci_high": r.high,
            "arms": [{"label": a.label, "n": a.n} for a in r.outcome.arms],
            "pooled": r.pooled,
        }

    def missing(entries: Any) -> list[dict[str, str]]:
        return [{"study": n.study.id, "reason": n.reason} for n in entries]

    def plot(p: Any) -> dict[str, Any]:
        sides = words.favours(p)
        return {
            "profile": p.profile.id,
            "label": p.profile.label,
            "outcome": p.profile.outcome,
            "time_point": p.profile.time_point,
            "certainty": p.certainty.value,
            "measure": p.measure.value,
            "scale": "log" if p.axis.log else "linear",
            "axis": {
                "low": p.axis.low,
                "high": p.axis.high,
                "no_effect": p.axis.no_effect,
                "ticks": list(p.axis.ticks),
            },
            "favours": {"intervention_when": p.favours, "left": sides[0], "right": sides[1]} if sides else None,
            "rows": [row(r) for r in p.rows],
            "pooled": [row(r) for r in p.pooled],
            "not_plotted": missing(p.not_plotted),
        }

    return {
        "condition": {"id": value.condition.id, "name": value.condition.name},
        "filters": dict(value.filters),
        "note": words.NOTE,
        "groups": [
            {"comparator_type": g.comparator_type.value, "plots": [plot(p) for p in g.plots]} for g in value.groups
        ],
        "without_plot": [
            {"profile": p.id, "label": p.label, "not_plotted": missing(entries)} for p, entries in value.without_plot
        ],
        "studies": [to_data(s) for s in value.studies.values()],
    }


def _plain(value: Any) -> dict[str, Any]:
    """A plain-language page: every point with its certainty and that certainty in everyday words."""
    from kettool.render import plain_words as words

    def point(p: Any) -> dict[str, Any]:
        level = p.certainty.value if p.certainty is not None else None
        return {
            "text": p.text,
            "cites": list(p.cites),
            "certainty": level,
            "certainty_words": words.certainty_words(p.certainty),
        }

    return {
        "subject": value.subject_id,
        "title": value.title,
        "audience": "patient",
        "crisis_resources": [to_data(r) for r in value.crisis_resources],
        "points": [point(p) for p in value.points],
        "approval": point(value.approval) if value.approval is not None else None,
        "questions": list(value.questions),
        "certainty_key": [{"level": level, "words": text} for level, text in words.key_lines()],
        "last_reviewed": value.last_reviewed,
        "studies": [to_data(s) for s in value.studies.values()],
    }


LAYOUTS: dict[Kind, Callable[[Any], Any]] = {
    Kind.CONDITIONS: _conditions,
    Kind.CONDITION: _condition,
    Kind.MECHANISM: _cited,
    Kind.SAFETY: _cited,
    Kind.SAFETY_TOPIC: _cited,
    Kind.OVERVIEW: _cited,
    Kind.SEARCH: to_data,
    Kind.STUDIES: _studies,
    Kind.STUDY: _study,
    Kind.COMPARE: _compare,
    Kind.WHY: _why,
    Kind.CITATIONS: _citations,
    Kind.EXPORT: export_data,
    Kind.VALIDATION: to_data,
    Kind.AUDIT: to_data,
    Kind.INTERACTIONS: _interactions,
    Kind.FOREST: _forest,
    Kind.PLAIN: _plain,
}
