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
    plan = _PLANS.get(cls) or _plan(cls)
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    if len(data) == len(plan) and all(a == b for a, b in zip(data, fields, strict=True)):
        return _build_normalized(cls, plan, data)
    nested = NESTED.get(cls, {})
    enums = ENUMS.get(cls, {})
    values: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            pass
        elif key in nested:
            sub = nested[key]
            value = tuple(build(sub, v) for v in value) if isinstance(value, list) else build(sub, value)
        elif key in enums:
            value = enums[key](value)
        elif isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        values[key] = value
    return cls(**values)


def build_normalized(cls: type, data: dict[str, Any]) -> Any:
    """Build a record from normalized data (see normalize): every field present, in declared order."""
    plan = _PLANS.get(cls) or _plan(cls)
    if len(data) != len(plan):
        return build(cls, data)
    return _build_normalized(cls, plan, data)


# Record class -> how to convert each field's plain value, by position: (nested record class, enum members).
_PLANS: dict[type, list[tuple[type | None, dict[str, Enum] | None]]] = {}


def _plan(cls: type) -> list[tuple[type | None, dict[str, Enum] | None]]:
    nested = NESTED.get(cls, {})
    enums = ENUMS.get(cls, {})
    plan = _PLANS[cls] = [
        (nested.get(name), {m.value: m for m in enums[name]} if name in enums else None)
        for name in cls._fields  # type: ignore[attr-defined]
    ]
    return plan


def _build_normalized(cls: type, plan: list[tuple[type | None, dict[str, Enum] | None]], data: dict[str, Any]) -> Any:
    # Positional: one pass over the values, no keyword matching (building records is most of loading a KB).
    values = []
    for (sub, members), value in zip(plan, data.values(), strict=True):
        if value is None:
            pass
        elif sub is not None:
            if type(value) is list:
                value = tuple([build_normalized(sub, v) for v in value])
            else:
                value = build_normalized(sub, value)
        elif members is not None:
            value = members[value]
        elif type(value) is list:
            value = tuple([tuple(v) if type(v) is list else v for v in value])
        values.append(value)
    return tuple.__new__(cls, values)


def normalize(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Checked plain data as its record turns back into plain data: every field, in declared order, defaults filled."""
    from kettool.core.plain_data import to_data

    nested = NESTED.get(cls, {})
    defaults: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    for name in cls._fields:  # type: ignore[attr-defined]
        if name not in data:
            value = to_data(defaults[name])  # KeyError: a required field is missing
        elif name in nested and data[name] is not None:
            sub, value = nested[name], data[name]
            value = [normalize(sub, v) for v in value] if isinstance(value, list) else normalize(sub, value)
        else:
            value = data[name]
        values[name] = value
    return values


def is_record(value: Any) -> bool:
    """True for a record instance (a Record), false for plain tuples and everything else."""
    return isinstance(value, tuple) and hasattr(value, "_fields")


def record_fields(value: Any) -> list[tuple[str, Any]]:
    """A record's fields and values, in declared order."""
    return list(zip(value._fields, value, strict=True))
