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
    plan = _NORMAL_PLANS.get(cls) or _normal_plan(cls)
    values: dict[str, Any] = {}
    for name, sub, default in plan:
        value = data.get(name, _ABSENT)
        if value is _ABSENT:
            if default is _ABSENT:
                raise KeyError(name)  # a required field is missing
            if default is _EMPTY_LIST:
                value = []  # a fresh list per record, as to_data(()) gives: the result is the caller's to change
            elif type(default) is _Fresh:
                value = default.plain()
            else:
                value = default
        elif sub is not None and value is not None:
            value = [normalize(sub, v) for v in value] if isinstance(value, list) else normalize(sub, value)
        values[name] = value
    return values


_ABSENT = object()
_EMPTY_LIST = object()


class _Fresh:
    """A default whose plain form is a container: converted anew for each record that leaves it out."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def plain(self) -> Any:
        """The default as plain data."""
        from kettool.core.plain_data import to_data

        return to_data(self.value)


# Record class -> (field name, nested record class, plain default) per field, in declared order: normalizing
# the whole KB on every rebuild looked each of these up again for every field of every record.
_NORMAL_PLANS: dict[type, list[tuple[str, type | None, Any]]] = {}


def _normal_plan(cls: type) -> list[tuple[str, type | None, Any]]:
    from kettool.core.plain_data import to_data

    nested = NESTED.get(cls, {})
    defaults: dict[str, Any] = cls._field_defaults  # type: ignore[attr-defined]
    plan = []
    for name in cls._fields:  # type: ignore[attr-defined]
        default = to_data(defaults[name]) if name in defaults else _ABSENT
        if default == [] and type(default) is list:
            default = _EMPTY_LIST
        elif default is not _ABSENT and type(default) not in (str, int, float, bool, type(None)):
            default = _Fresh(defaults[name])  # a container shared by records would carry one's change to all
        plan.append((name, nested.get(name), default))
    _NORMAL_PLANS[cls] = plan
    return plan


def is_record(value: Any) -> bool:
    """True for a record instance (a Record), false for plain tuples and everything else."""
    return isinstance(value, tuple) and hasattr(value, "_fields")


def record_fields(value: Any) -> list[tuple[str, Any]]:
    """A record's fields and values, in declared order."""
    return list(zip(value._fields, value, strict=True))
