"""JSON output: one versioned envelope per answer, written as a single line."""

from __future__ import annotations

import json
from typing import Any

from kettool import __version__
from kettool.core.answer import Answer, Kind
from kettool.core.models import Condition, KnowledgeBase, to_data
from kettool.core.summary import condition_counts

# Bump the major number when a field is removed or changes meaning; the minor when fields are added.
SCHEMA_VERSION = "1.0"


def envelope(kind: str, data: Any, kb: KnowledgeBase) -> dict[str, Any]:
    """The top-level object every JSON answer shares."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "kettool_version": __version__,
        "kb_version": kb.meta.version,
        "kb_reviewed": kb.meta.reviewed,
        "data": data,
        "disclaimer": kb.meta.disclaimer,
    }


def to_json(answer: Answer) -> str:
    """Serialize an answer as one line of JSON followed by a newline."""
    payload = envelope(answer.kind.value, _data(answer), answer.kb)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


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


def _data(answer: Answer) -> Any:
    kb = answer.kb
    if answer.kind is Kind.CONDITIONS:
        return [_condition_row(c, kb) for c in answer.data]
    if answer.kind is Kind.VERSION:
        return answer.data
    return _with_studies(answer.data, kb)
