"""Record: the base of every immutable value kettool builds, a tuple whose fields are declared by annotations.

typing.NamedTuple compiles a constructor for each class it defines (about 1.6 M instructions a class,
measured with callgrind); kettool defines some ninety record classes and needs them on almost every
path, so a record here shares one constructor and costs about a third of that to define. Records
behave like NamedTuples where kettool uses them: fields by name and position, defaults, equality,
hashing, `_fields` and `_replace`.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, Self, dataclass_transform

_MISSING = object()


@dataclass_transform(frozen_default=True)
class Record(tuple):
    """An immutable tuple with named fields; a subclass declares its fields as annotations, defaults as values."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        fields = tuple(cls.__dict__.get("__annotations__", {}))
        defaults = {}
        for position, name in enumerate(fields):
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
            elif defaults:
                raise TypeError(f"{cls.__name__}.{name}: a field without a default follows one with a default")
            setattr(cls, name, property(itemgetter(position), doc=f"Field {position}: {name}"))
        cls._fields = fields
        cls._field_defaults = defaults

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        fields = cls._fields
        if len(args) == len(fields) and not kwargs:
            return tuple.__new__(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} fields, {len(args)} were given")
        values = list(args)
        defaults = cls._field_defaults
        for name in fields[len(args) :]:
            value = kwargs.pop(name, _MISSING)
            if value is _MISSING:
                value = defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{cls.__name__} is missing the field {name!r}")
            values.append(value)
        if kwargs:
            raise TypeError(f"{cls.__name__} has no field {sorted(kwargs)[0]!r}")
        return tuple.__new__(cls, values)

    def _replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        return tuple.__new__(
            type(self), [changes.get(name, value) for name, value in zip(self._fields, self, strict=True)]
        )

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({inner})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)
