"""Words: closed vocabularies of strings that behave like `(str, Enum)` classes and cost a third as much to define.

Defining an enum class runs EnumType's member machinery: about 1.5 M instructions for a class of ten words
(callgrind, CPython 3.11), on every run, for each of the KB's vocabularies. A Words class is a str subclass
whose members are made once by a small metaclass. Members keep what kettool and its tests use of an enum:
`Cls("value")` looks a member up (ValueError otherwise), `.value`, `.name`, iteration in definition order,
`len()`, `in`, `__members__`, identity after copying and pickling, and Enum's str(), format() and repr().
Type checkers see an ordinary `(str, Enum)` class (see the end of this module).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any


class WordsType(type):
    """The metaclass: turns a class's upper-case string attributes into its members."""

    _value2member_map_: dict[str, Any]

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> WordsType:
        cls = super().__new__(mcls, name, bases, namespace)
        members: dict[str, Any] = {}
        make: Any = str.__new__
        for key, value in namespace.items():
            if type(value) is str and key.isupper():
                member: Any = make(cls, value)
                member._name_ = key
                member._value_ = value
                setattr(cls, key, member)
                members[value] = member
        cls._value2member_map_ = members
        return cls

    def __call__(cls, value: Any) -> Any:
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}") from None

    def __iter__(cls) -> Any:
        return iter(cls._value2member_map_.values())

    def __len__(cls) -> int:
        return len(cls._value2member_map_)

    def __contains__(cls, member: object) -> bool:
        return isinstance(member, cls) and member in cls._value2member_map_

    def __reversed__(cls) -> Any:
        return reversed(list(cls._value2member_map_.values()))

    @property
    def __members__(cls) -> MappingProxyType[str, Any]:
        return MappingProxyType({m._name_: m for m in cls._value2member_map_.values()})

    def __repr__(cls) -> str:
        return f"<enum {cls.__name__!r}>"


class Word(str, metaclass=WordsType):
    """A member of a closed vocabulary: the string itself, with its name."""

    _name_: str
    _value_: str

    @property
    def value(self) -> str:
        """The word as the KB writes it."""
        return self._value_

    @property
    def name(self) -> str:
        """The member's attribute name."""
        return self._name_

    def __reduce_ex__(self, protocol: Any) -> Any:
        # Copies and pickles come back as the member itself, so that `is` comparisons hold.
        return type(self), (self._value_,)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self) -> str:
        return f"{type(self).__name__}.{self._name_}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


if TYPE_CHECKING:
    from enum import Enum

    class Words(str, Enum):
        """For type checkers: every Words class is a `(str, Enum)` class."""

else:
    Words = Word
