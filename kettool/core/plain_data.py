"""Turn models back into plain data: for JSON answers, and for KB files that read back in."""

from __future__ import annotations

from dataclasses import MISSING, fields, is_dataclass
from enum import Enum
from typing import Any


def to_data(value: Any) -> Any:
    """Turn a model (or tuple of models) back into plain JSON-ready data."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "_asdict"):  # NamedTuple records such as Problem
        return {k: to_data(v) for k, v in value._asdict().items()}
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def to_source_data(value: Any) -> Any:
    """Like to_data, but leaves out optional fields at their defaults, as a KB file would."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_source_data(getattr(value, f.name))
            for f in fields(value)
            if f.default is MISSING or getattr(value, f.name) != f.default
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_source_data(v) for v in value]
    return value
