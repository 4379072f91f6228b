"""JSON output: one versioned envelope per answer, written as a single line."""

from __future__ import annotations

import json
import re
from typing import Any

from kettool import __version__
from kettool.core.answer import Answer, Kind
from kettool.core.compare import ComparedCondition, GradeReasons
from kettool.core.models import Condition, KnowledgeBase, Meta, Study
from kettool.core.plain import to_data
from kettool.core.studies import StudyDetail, conditions_citing
from kettool.core.summary import condition_counts

# Bump the major number when a field is removed or changes meaning; the minor when fields are added.
SCHEMA_VERSION = "1.0"


def envelope(kind: str, data: Any, meta: Meta) -> dict[str, Any]:
    """The top-level object every JSON answer shares."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "kettool_version": __version__,
        "kb_version": meta.version,
        "kb_reviewed": meta.reviewed,
        "data": data,
        "disclaimer": meta.disclaimer,
    }


# json.dumps escapes C0 controls but not DEL, C1 controls, bidi overrides or line separators, which a
# terminal or a JavaScript consumer could act on: escape those too.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(payload: Any) -> str:
    """One line of JSON with every control-like character escaped."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(answer: Answer) -> str:
    """Serialize an answer as one line of JSON followed by a newline."""
    return dumps(envelope(answer.kind.value, _data(answer), answer.meta)) + "\n"


def _with_studies(value: Any, kb: KnowledgeBase) -> dict[str, Any]:
    data = to_data(value)
    ids = [i for _, ids in _cites(data) for i in ids]
    data["studies"] = [to_data(kb.studies[i]) for i in dict.fromkeys(ids) if i in kb.studies]
    return data


def _cites(value: Any):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "cites":
                yield key, item
            else:
                yield from _cites(item)
    elif isinstance(value, list):
        for item in value:
            yield from _cites(item)


def _condition_row(condition: Condition, kb: KnowledgeBase) -> dict[str, Any]:
    counts = condition_counts(condition, kb)
    return {
        "id": condition.id,
        "name": condition.name,
        "aliases": list(condition.aliases),
        "certainty": condition.certainty.value,
        "regulatory_summary": condition.regulatory_summary,
        "studies": counts.studies,
        "randomized_trials": counts.randomized,
        "participants": counts.participants,
    }


def _study_row(study: Study, conditions: dict[str, list[str]]) -> dict[str, Any]:
    return {**to_data(study), "conditions": conditions.get(study.id, [])}


def _compared(item: ComparedCondition) -> dict[str, Any]:
    c = item.condition
    return {
        "id": c.id, "name": c.name, "certainty": c.certainty.value, "regulatory_summary": c.regulatory_summary,
        "regulatory_status": to_data(c.regulatory_status), "studies": item.counts.studies,
        "randomized_trials": item.counts.randomized, "participants": item.counts.participants,
        "onset": to_data(c.onset), "duration": to_data(c.duration), "protocols": to_data(c.protocols),
    }


def _why(reasons: GradeReasons) -> dict[str, Any]:
    c = reasons.condition
    return {
        "id": c.id, "name": c.name, "certainty": c.certainty.value, "rationale": c.certainty_rationale,
        "counts": {"studies": reasons.counts.studies, "randomized_trials": reasons.counts.randomized,
                   "participants": reasons.counts.participants, "designs": reasons.designs},
        "studies": [to_data(s) for s in reasons.studies],
    }


def export_data(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base as plain data, in the layout of its YAML files."""
    return {"meta": to_data(kb.meta), "overview": to_data(kb.overview), "mechanism": to_data(kb.mechanism),
            "safety": to_data(kb.safety), "conditions": to_data(kb.conditions),
            "studies": [to_data(s) for s in kb.studies.values()]}


def _data(answer: Answer) -> Any:
    kb = answer.kb
    kind = answer.kind
    if kind in (Kind.SEARCH, Kind.VALIDATION):
        return to_data(answer.data)
    assert kb is not None, f"{kind} answers come from a loaded knowledge base"
    if kind is Kind.CONDITIONS:
        return [_condition_row(c, kb) for c in answer.data]
    if kind is Kind.STUDIES:
        conditions = conditions_citing(kb)
        return [_study_row(s, conditions) for s in answer.data]
    if kind is Kind.STUDY:
        detail: StudyDetail = answer.data
        return {**to_data(detail.study), "conditions": list(detail.conditions), "cited_by": list(detail.cited_by)}
    if kind is Kind.COMPARE:
        return {"conditions": [_compared(item) for item in answer.data]}
    if kind is Kind.WHY:
        return _why(answer.data)
    if kind is Kind.EXPORT:
        return export_data(kb)
    return _with_studies(answer.data, kb)
