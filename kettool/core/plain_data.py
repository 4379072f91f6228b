"""Turn records back into plain data: for JSON answers, and for KB files that read back in."""

from __future__ import annotations

from enum import Enum
from typing import Any


def to_data(value: Any) -> Any:
    """Turn a record (or tuple of records) back into plain JSON-ready data."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record or an answer value
        return {k: to_data(v) for k, v in zip(value._fields, value, strict=True)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def to_source_data(value: Any) -> Any:
    """Like to_data, but leaves out optional fields at their defaults, as a KB file would."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        defaults: dict[str, Any] = getattr(value, "_field_defaults", {})
        return {
            k: to_source_data(v)
            for k, v in zip(value._fields, value, strict=True)
            if k not in defaults or v != defaults[k]
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_source_data(v) for v in value]
    return value


def kb_document(kb: Any, convert: Any = to_data) -> dict[str, Any]:
    """The whole knowledge base as plain data in the layout of its YAML files, each section converted by `convert`."""
    return {
        "meta": convert(kb.meta),
        "overview": convert(kb.overview),
        "mechanism": convert(kb.mechanism),
        "safety": convert(kb.safety),
        "conditions": convert(kb.conditions),
        "studies": convert(list(kb.studies.values())),
    }
