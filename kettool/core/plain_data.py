"""Turn records back into plain data and compact JSON text: for JSON answers, the KB cache, and KB files."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

# json.dumps escapes C0 controls but not DEL, C1 controls, bidi overrides or line separators, which a
# terminal or a JavaScript consumer could act on: escape those too.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def compact_json(value: Any) -> str:
    """One line of JSON (no spaces, text as is) with every control-like character escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if text.isascii() and "\x7f" not in text:  # both checks run in C, far faster than the pattern
        return text
    return _UNSAFE_IN_JSON.sub(_escape, text)


# Types that are plain data already: most values are, so they are told apart first, by exact type.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_data(value: Any) -> Any:
    """Turn a record (or tuple of records) back into plain JSON-ready data."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [to_data(v) for v in value]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record or an answer value
        return {k: to_data(v) for k, v in zip(value._fields, value, strict=True)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, Mapping):  # a dict, or the KB's study table
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
