"""A yes-or-no form of the schema checker, compiled once into one function per schema object.

Almost every KB file is valid, and the checker's answer for a valid file is "no problems". This
form gives that answer without building paths and messages, several times faster; only a file it
finds invalid goes through SchemaChecker.errors, which says why. The two must agree on every value
(tests/test_schema_check.py compares them on the bundled KB and on thousands of edited copies).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from kettool.core.yamlstrict import YamlDate

Valid = Callable[[Any], bool]

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class FastSchema:
    """Compiles schema objects (as SchemaChecker resolved them) into predicates, each once."""

    def __init__(
        self,
        resolve: Callable[[dict[str, Any]], dict[str, Any]],
        pattern: Callable[[str], re.Pattern[str]],
        required_choices: set[int],
        same: Callable[[Any, Any], bool],
        key: Callable[[Any], Any],
    ):
        self.resolve, self.pattern, self.required_choices = resolve, pattern, required_choices
        self.same, self.key = same, key
        self.compiled: dict[int, Valid] = {}

    def compile(self, schema: dict[str, Any]) -> Valid:
        """The predicate of one schema object: True exactly when SchemaChecker finds no problem."""
        found = self.compiled.get(id(schema))
        if found is not None:
            return found
        # A schema that refers to itself (through $defs) reaches here again while being compiled:
        # the placeholder calls the finished predicate once it exists.
        slot: list[Valid] = []
        self.compiled[id(schema)] = lambda value: slot[0](value)
        valid = self._build(self.resolve(schema))
        slot.append(valid)
        self.compiled[id(schema)] = valid
        return valid

    def _build(self, schema: dict[str, Any]) -> Valid:  # noqa: C901 - one closure with every keyword is the point
        expected = schema.get("type")
        type_ok = _TYPES[expected] if expected is not None else None
        dates_refused = schema.get("format") != "date" and (
            expected is not None or not schema.keys() & {"allOf", "anyOf", "oneOf"}
        )
        has_const, const = "const" in schema, schema.get("const")
        enum = schema.get("enum")
        min_length, max_length = schema.get("minLength", 0), schema.get("maxLength")
        pattern_text = schema.get("pattern")
        pattern = self.pattern(pattern_text) if pattern_text is not None else None
        dollar = pattern_text is not None and pattern_text.endswith("$")
        bounds = [
            (name, schema[name])
            for name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
            if name in schema
        ]
        min_items, max_items, unique = schema.get("minItems", 0), schema.get("maxItems"), schema.get("uniqueItems")
        items = self.compile(schema["items"]) if "items" in schema else None
        min_properties, required = schema.get("minProperties", 0), tuple(schema.get("required", ()))
        choices = schema.get("anyOf")
        required_choices = (
            [tuple(alt["required"]) for alt in choices]
            if choices is not None and id(choices) in self.required_choices
            else None
        )
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        closed = schema.get("additionalProperties") is False
        all_of = [self.compile(sub) for sub in schema.get("allOf", ())]
        any_of = [self.compile(sub) for sub in choices] if choices is not None and required_choices is None else None
        one_of = [self.compile(sub) for sub in schema["oneOf"]] if "oneOf" in schema else None
        same, key = self.same, self.key
        if not (has_const or enum is not None or all_of or any_of is not None or one_of is not None):
            # The usual schema object: one type and that type's keywords. A predicate with only those
            # checks saves the generic one's dozen tests of each value (a large KB has millions).
            if expected == "string":
                return _string(dates_refused, min_length, max_length, pattern, dollar)
            if expected == "object":
                return _object(min_properties, required, required_choices, properties, closed)
            if expected == "array":
                return _array(min_items, max_items, unique, key, items)
            if expected in ("integer", "number") and type_ok is not None:
                return _number(type_ok, bounds)

        def valid(value: Any) -> bool:  # noqa: C901
            if type_ok is not None and not type_ok(value):
                return False
            if dates_refused and isinstance(value, YamlDate):
                return False
            if has_const and not same(value, const):
                return False
            if enum is not None and (
                value not in enum or (not isinstance(value, str) and not any(same(value, a) for a in enum))
            ):
                return False
            if isinstance(value, str):
                if len(value) < min_length or (max_length is not None and len(value) > max_length):
                    return False
                if pattern is not None and (not pattern.search(value) or (dollar and value.endswith("\n"))):
                    return False
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                for name, limit in bounds:
                    if not _within(name, value, limit):
                        return False
            elif isinstance(value, list):
                if len(value) < min_items or (max_items is not None and len(value) > max_items):
                    return False
                if unique and len({key(item) for item in value}) != len(value):
                    return False
                if items is not None:
                    for item in value:
                        if not items(item):
                            return False
            elif isinstance(value, dict):
                if len(value) < min_properties:
                    return False
                for name in required:
                    if name not in value:
                        return False
                if required_choices is not None and not any(all(k in value for k in alt) for alt in required_choices):
                    return False
                for name, item in value.items():
                    check = properties.get(name)
                    if check is not None:
                        if not check(item):
                            return False
                    elif closed:
                        return False
            for sub in all_of:
                if not sub(value):
                    return False
            if any_of is not None and not any(sub(value) for sub in any_of):
                return False
            return one_of is None or sum(1 for sub in one_of if sub(value)) == 1

        return valid


def _string(
    dates_refused: bool, min_length: int, max_length: int | None, pattern: re.Pattern[str] | None, dollar: bool
) -> Valid:
    """The predicate of a string schema without const, enum or combinators."""
    if pattern is None and min_length == 0 and max_length is None:
        if dates_refused:
            return lambda value: isinstance(value, str) and not isinstance(value, YamlDate)
        return lambda value: isinstance(value, str)

    def valid(value: Any) -> bool:
        if not isinstance(value, str) or (dates_refused and isinstance(value, YamlDate)):
            return False
        if len(value) < min_length or (max_length is not None and len(value) > max_length):
            return False
        return pattern is None or (pattern.search(value) is not None and not (dollar and value.endswith("\n")))

    return valid


def _object(
    min_properties: int,
    required: tuple[str, ...],
    required_choices: list[tuple[str, ...]] | None,
    properties: dict[str, Valid],
    closed: bool,
) -> Valid:
    """The predicate of an object schema without const, enum or combinators (other than required choices)."""
    known = properties.get

    def valid(value: Any) -> bool:
        if not isinstance(value, dict) or len(value) < min_properties:
            return False
        for name in required:
            if name not in value:
                return False
        if required_choices is not None and not any(all(k in value for k in alt) for alt in required_choices):
            return False
        for name, item in value.items():
            check = known(name)
            if check is None:
                if closed:
                    return False
            elif not check(item):
                return False
        return True

    return valid


def _array(min_items: int, max_items: int | None, unique: Any, key: Callable[[Any], Any], items: Valid | None) -> Valid:
    """The predicate of an array schema without const, enum or combinators."""

    def valid(value: Any) -> bool:
        if not isinstance(value, list):
            return False
        count = len(value)
        if count < min_items or (max_items is not None and count > max_items):
            return False
        if unique and len({key(item) for item in value}) != count:
            return False
        if items is not None:
            for item in value:
                if not items(item):
                    return False
        return True

    return valid


def _number(type_ok: Callable[[Any], bool], bounds: Sequence[tuple[str, Any]]) -> Valid:
    """The predicate of an integer or number schema without const, enum or combinators."""
    if not bounds:
        return type_ok
    return lambda value: type_ok(value) and all(_within(name, value, limit) for name, limit in bounds)


def _within(keyword: str, value: float, limit: float) -> bool:
    if keyword == "minimum":
        return value >= limit
    if keyword == "maximum":
        return value <= limit
    if keyword == "exclusiveMinimum":
        return value > limit
    return value < limit
