"""JSON output: one versioned envelope per answer, written as a single line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from kettool import __version__
from kettool.core.answers import (
    Answer,
    CitationList,
    Cited,
    Comparison,
    ConditionMap,
    ConditionRow,
    GradeReasons,
    KbExport,
    Kind,
    StudyDetail,
    StudyList,
)
from kettool.core.models import Meta
from kettool.core.plain_data import to_data

# Bump the major number when a field is removed or changes meaning; the minor when fields are added.
SCHEMA_VERSION = "1.0"

# json.dumps escapes C0 controls but not DEL, C1 controls, bidi overrides or line separators, which a
# terminal or a JavaScript consumer could act on: escape those too.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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


def dumps(payload: Any) -> str:
    """One line of JSON with every control-like character escaped."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(answer: Answer, options: Any = None) -> str:
    """Serialize an answer as one line of JSON followed by a newline."""
    return dumps(envelope(answer.kind.value, LAYOUTS[answer.kind](answer.data), answer.meta)) + "\n"


def _cited(value: Cited) -> dict[str, Any]:
    return {**to_data(value.subject), "studies": [to_data(s) for s in value.studies.values()]}


def _condition_row(row: ConditionRow) -> dict[str, Any]:
    c, counts = row
    return {
        "id": c.id,
        "name": c.name,
        "aliases": list(c.aliases),
        "certainty": c.certainty.value,
        "regulatory_summary": c.regulatory_summary,
        "studies": counts.studies,
        "randomized_trials": counts.randomized,
        "participants": counts.participants,
    }


def _conditions(value: ConditionMap) -> list[dict[str, Any]]:
    return [_condition_row(row) for row in value.rows]


def _studies(value: StudyList) -> list[dict[str, Any]]:
    return [{**to_data(row.study), "conditions": list(row.conditions)} for row in value.rows]


def _study(detail: StudyDetail) -> dict[str, Any]:
    return {**to_data(detail.study), "conditions": list(detail.conditions), "cited_by": list(detail.cited_by)}


def _compared(row: ConditionRow) -> dict[str, Any]:
    c, counts = row
    return {
        "id": c.id,
        "name": c.name,
        "certainty": c.certainty.value,
        "regulatory_summary": c.regulatory_summary,
        "regulatory_status": to_data(c.regulatory_status),
        "studies": counts.studies,
        "randomized_trials": counts.randomized,
        "participants": counts.participants,
        "onset": to_data(c.onset),
        "duration": to_data(c.duration),
        "protocols": to_data(c.protocols),
    }


def _compare(value: Comparison) -> dict[str, Any]:
    return {"conditions": [_compared(row) for row in value.items]}


def _why(reasons: GradeReasons) -> dict[str, Any]:
    c = reasons.condition
    return {
        "id": c.id,
        "name": c.name,
        "certainty": c.certainty.value,
        "rationale": c.certainty_rationale,
        "counts": {
            "studies": reasons.counts.studies,
            "randomized_trials": reasons.counts.randomized,
            "participants": reasons.counts.participants,
            "designs": reasons.designs,
        },
        "studies": [to_data(s) for s in reasons.studies],
    }


def _citations(value: CitationList) -> list[dict[str, Any]]:
    return [to_data(s) for s in value.studies]


def export_data(value: KbExport) -> dict[str, Any]:
    """The whole knowledge base as plain data, in the layout of its YAML files."""
    kb = value.kb
    return {
        "meta": to_data(kb.meta),
        "overview": to_data(kb.overview),
        "mechanism": to_data(kb.mechanism),
        "safety": to_data(kb.safety),
        "conditions": to_data(kb.conditions),
        "studies": [to_data(s) for s in kb.studies.values()],
    }


LAYOUTS: dict[Kind, Callable[[Any], Any]] = {
    Kind.CONDITIONS: _conditions,
    Kind.CONDITION: _cited,
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
}
