"""How every KB record is built from checked plain data: nested records and enum fields, declared per class.

Records are Record tuples (record_base.py): defining one costs a fraction of a dataclass at start-up, and building
thousands of them from the cached KB is fast.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

# Record class -> {field name: record class} for fields that hold a record or a tuple of them.
NESTED: dict[type, dict[str, type]] = {}
# Record class -> {field name: enum class} for fields that hold one enum value.
ENUMS: dict[type, dict[str, type[Enum]]] = {}


def declare(cls: type, nested: dict[str, type] | None = None, enums: dict[str, type[Enum]] | None = None) -> None:
    """Say which fields of a record class hold nested records and which hold enum values."""
    if nested:
        NESTED[cls] = nested
    if enums:
        ENUMS[cls] = enums


def build(cls: type, data: dict[str, Any]) -> Any:
    """Build a record from data that already passed the schema check (lists become tuples)."""
    nested = NESTED.get(cls, {})
    enums = ENUMS.get(cls, {})
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in nested:
            sub = nested[key]
            value = tuple(build(sub, v) for v in value) if isinstance(value, list) else build(sub, value)
        elif key in enums:
            value = enums[key](value)
        elif isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        values[key] = value
    return cls(**values)


def is_record(value: Any) -> bool:
    """True for a record instance (a Record), false for plain tuples and everything else."""
    return isinstance(value, tuple) and hasattr(value, "_fields")


def record_fields(value: Any) -> list[tuple[str, Any]]:
    """A record's fields and values, in declared order."""
    return list(zip(value._fields, value, strict=True))
