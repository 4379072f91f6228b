"""A small JSON Schema (draft 2020-12 subset) checker that reports every problem with its path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kettool.core.yamlstrict import YamlDate

Path = tuple[str | int, ...]

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}

_NAMES = {dict: "a mapping", list: "a list", str: "text", int: "an integer", float: "a number",
          bool: "true/false", type(None): "empty (null)"}


def describe(value: Any) -> str:
    """Name the kind of a YAML value the way a knowledge-base author would."""
    if isinstance(value, YamlDate):
        return "an unquoted date"
    return _NAMES.get(type(value), type(value).__name__)


class SchemaChecker:
    """Checks plain data against the subset of JSON Schema that the KB schema uses."""

    def __init__(self, schema: dict[str, Any]):
        self.root = schema
        self._patterns: dict[str, re.Pattern[str]] = {}

    def errors(self, value: Any) -> Iterator[tuple[Path, str]]:
        """Yield (path, message) for every way the value breaks the schema."""
        yield from self._check(value, self.root, ())

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {ref}")
            schema = {**self.root["$defs"][ref[8:]], **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def _check(self, value: Any, schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        schema = self._resolve(schema)
        expected = schema.get("type")
        if expected is not None and not _is_type(value, expected):
            yield path, f"expected {_NAMES[_TYPES[expected][0]]}, found {describe(value)}"
            return
        if isinstance(value, YamlDate) and schema.get("format") != "date":
            yield path, f"unquoted date {value!r} where text is expected; put it in quotes"
            return
        if "enum" in schema and value not in schema["enum"]:
            yield path, f"{value!r} is not one of: {', '.join(map(str, schema['enum']))}"
        if isinstance(value, str):
            yield from self._check_string(value, schema, path)
        elif isinstance(value, int) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                yield path, f"{value} is below the minimum {schema['minimum']}"
            if "maximum" in schema and value > schema["maximum"]:
                yield path, f"{value} is above the maximum {schema['maximum']}"
        elif isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                yield path, f"needs at least {schema['minItems']} item(s), found {len(value)}"
            items = schema.get("items")
            if items is not None:
                for i, item in enumerate(value):
                    yield from self._check(item, items, path + (i,))
        elif isinstance(value, dict):
            yield from self._check_object(value, schema, path)

    def _check_string(self, value: str, schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if len(value) < schema.get("minLength", 0):
            yield path, "must not be empty"
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield path, f"is {len(value)} characters long; at most {schema['maxLength']} fit here"
        pattern = schema.get("pattern")
        if pattern is not None:
            compiled = self._patterns.get(pattern) or self._patterns.setdefault(pattern, re.compile(pattern))
            # Python's `$` also matches before a final newline; JSON Schema's (ECMA-262) does not.
            if not compiled.search(value) or (pattern.endswith("$") and value.endswith("\n")):
                yield path, f"{value[:60]!r} does not have the expected form ({pattern})"

    def _check_object(self, value: dict[str, Any], schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if len(value) < schema.get("minProperties", 0):
            yield path, "must not be empty"
        for name in schema.get("required", ()):
            if name not in value:
                yield path, f"missing required field {name!r}"
        alternatives = schema.get("anyOf")
        if alternatives and not any(all(k in value for k in alt.get("required", ())) for alt in alternatives):
            wanted = " or ".join(repr(alt["required"][0]) for alt in alternatives)
            yield path, f"needs at least one of {wanted}"
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                yield from self._check(item, properties[key], path + (key,))
            elif schema.get("additionalProperties") is False:
                close = _closest(key, properties)
                hint = f" (did you mean {close!r}?)" if close else ""
                yield path + (key,), f"unknown field {key!r}{hint}"


def _is_type(value: Any, expected: str) -> bool:
    if isinstance(value, bool) and expected in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[expected])


def _closest(key: str, names: dict[str, Any]) -> str | None:
    import difflib  # only needed on the error path

    found = difflib.get_close_matches(key, list(names), n=1, cutoff=0.7)
    return found[0] if found else None
