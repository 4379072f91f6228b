"""A small JSON Schema (draft 2020-12 subset) checker that reports every problem with its path.

The checker refuses, when it is built, any schema that uses a keyword it does not implement
(UnsupportedSchema), so a schema edit can never make it skip a check silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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

_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    type(None): "empty (null)",
}
# What a value of each schema type is called in "expected ..." messages.
_EXPECTED = {name: _NAMES[types[0]] for name, types in _TYPES.items()} | {"number": "a number"}

# Keywords that only describe: they never make a value invalid.
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$defs",
        "format",
    }
)
# Keywords the checker enforces. Anything else in a schema is refused by SchemaChecker().
IMPLEMENTED = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "const",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "allOf",
        "anyOf",
        "oneOf",
    }
)
_COUNTS = ("minLength", "maxLength", "minItems", "maxItems", "minProperties")
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


class UnsupportedSchema(ValueError):
    """The schema uses a keyword (or a form of one) that this checker does not implement."""

    def __init__(self, keyword: str, pointer: str, detail: str = ""):
        self.keyword = keyword
        self.pointer = pointer
        super().__init__(
            f"JSON Schema keyword {keyword!r} at {pointer} "
            + (detail or "is not implemented by kettool's schema checker (kettool/core/schema_check.py)")
            + "; implement it there or change the schema"
        )


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
        # Every schema object holding a $ref, by id(), mapped to its resolved form: resolved once, here.
        self._refs: dict[int, dict[str, Any]] = {}
        # anyOf lists whose alternatives only list required fields (the "needs at least one of" case).
        self._required_choices: set[int] = set()
        self._valid: Callable[[Any], bool] | None = None
        self._scan(schema, "")

    def errors(self, value: Any, quick: bool = True) -> Iterator[tuple[Path, str]]:
        """Yield (path, message) for every way the value breaks the schema.

        With `quick`, the compiled yes-or-no form answers first; compiling it costs about as much as
        checking 200 KB of KB data the slow way, so a caller with less to check may say no.
        """
        if quick and self.is_valid(value):
            return  # the usual case, answered without paths and messages
        yield from self._check(value, self.root, ())

    def is_valid(self, value: Any) -> bool:
        """Whether the value meets the schema: errors() finds nothing exactly when this is True."""
        if self._valid is None:
            from kettool.core.schema_fast import FastSchema

            fast = FastSchema(
                lambda schema: self._refs.get(id(schema), schema),
                self._patterns.__getitem__,
                self._required_choices,
                _same,
                _key,
            )
            self._valid = fast.compile(self.root)
        return self._valid(value)

    # -- the one-time walk over the schema ------------------------------------------------------------

    def _scan(self, schema: Any, pointer: str) -> None:
        """Refuse keywords and forms the checker does not implement; resolve $refs and compile patterns."""
        if not isinstance(schema, dict):
            raise UnsupportedSchema(
                pointer.rsplit("/", 1)[-1] or "(root)",
                pointer or "/",
                f"holds {describe(schema)} where a schema object is expected",
            )
        for keyword, arg in schema.items():
            at = f"{pointer}/{_escape(keyword)}"
            if keyword not in IMPLEMENTED and keyword not in ANNOTATIONS:
                raise UnsupportedSchema(keyword, at)
            if keyword in ("$defs", "properties"):
                if not isinstance(arg, dict):
                    raise UnsupportedSchema(keyword, at, "must be an object of schemas")
                for name, sub in arg.items():
                    self._scan(sub, f"{at}/{_escape(name)}")
            elif keyword in ("allOf", "anyOf", "oneOf"):
                if not isinstance(arg, list) or not arg:
                    raise UnsupportedSchema(keyword, at, "must be a non-empty list of schemas")
                for i, sub in enumerate(arg):
                    self._scan(sub, f"{at}/{i}")
            elif keyword == "items":
                self._scan(arg, at)
            elif keyword == "$ref":
                self._refs[id(schema)] = self._resolve(schema, at)
            elif keyword == "type" and (not isinstance(arg, str) or arg not in _TYPES):
                raise UnsupportedSchema(keyword, at, f"is {arg!r}; only one of {', '.join(_TYPES)} is supported")
            elif keyword == "additionalProperties" and not isinstance(arg, bool):
                raise UnsupportedSchema(keyword, at, "is a schema; only true or false is supported")
            elif keyword == "required" and not (isinstance(arg, list) and all(isinstance(n, str) for n in arg)):
                raise UnsupportedSchema(keyword, at, "must be a list of field names")
            elif keyword == "enum" and not isinstance(arg, list):
                raise UnsupportedSchema(keyword, at, "must be a list")
            elif keyword == "uniqueItems" and not isinstance(arg, bool):
                raise UnsupportedSchema(keyword, at, "must be true or false")
            elif keyword in _COUNTS and (not isinstance(arg, int) or isinstance(arg, bool) or arg < 0):
                raise UnsupportedSchema(keyword, at, "must be a non-negative integer")
            elif keyword in _BOUNDS and (not isinstance(arg, (int, float)) or isinstance(arg, bool)):
                raise UnsupportedSchema(keyword, at, "must be a number")
            elif keyword == "pattern":
                try:
                    self._patterns[arg] = re.compile(arg)
                except (TypeError, re.error) as exc:
                    raise UnsupportedSchema(
                        keyword, at, f"is not a regular expression Python can use ({exc})"
                    ) from None
        choices = schema.get("anyOf")
        if choices and all(
            isinstance(alt, dict)
            and isinstance(alt.get("required"), list)
            and alt["required"]
            and alt.keys() - ANNOTATIONS == {"required"}
            for alt in choices
        ):
            self._required_choices.add(id(choices))

    def _resolve(self, schema: dict[str, Any], at: str) -> dict[str, Any]:
        """The schema with its $ref replaced by the definition it names (its own keywords win)."""
        seen: set[str] = set()
        while "$ref" in schema:
            ref = schema["$ref"]
            defs = self.root.get("$defs")
            name = ref[8:].replace("~1", "/").replace("~0", "~") if isinstance(ref, str) else ""
            if not (
                isinstance(ref, str)
                and ref.startswith("#/$defs/")
                and isinstance(defs, dict)
                and isinstance(defs.get(name), dict)
            ):
                raise UnsupportedSchema(
                    "$ref", at, f"is {ref!r}; only '#/$defs/NAME' with NAME defined in the root $defs is supported"
                )
            if name in seen:
                raise UnsupportedSchema("$ref", at, f"is {ref!r}, which refers back to itself")
            seen.add(name)
            schema = {**defs[name], **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    # -- checking values ------------------------------------------------------------------------------

    def _check(self, value: Any, schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if "$ref" in schema:
            schema = self._refs[id(schema)]
        expected = schema.get("type")
        if expected is not None and not _is_type(value, expected):
            yield path, f"expected {_EXPECTED[expected]}, found {describe(value)}"
            return
        if (
            isinstance(value, YamlDate)
            and schema.get("format") != "date"
            and (expected is not None or not schema.keys() & {"allOf", "anyOf", "oneOf"})
        ):
            yield path, f"unquoted date {value!r} where text is expected; put it in quotes"
            return
        if "const" in schema and not _same(value, schema["const"]):
            yield path, f"must be {_show(schema['const'])}, found {_show(value)}"
        if "enum" in schema:
            allowed = schema["enum"]
            # `in` is exact for text; other values need JSON equality (true is not 1).
            if value not in allowed or (not isinstance(value, str) and not any(_same(value, a) for a in allowed)):
                yield path, f"{value!r} is not one of: {', '.join(map(str, allowed))}"
        if isinstance(value, str):
            yield from self._check_string(value, schema, path)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            yield from self._check_number(value, schema, path)
        elif isinstance(value, list):
            yield from self._check_array(value, schema, path)
        elif isinstance(value, dict):
            yield from self._check_object(value, schema, path)
        if "allOf" in schema:
            seen: set[tuple[Path, str]] = set()
            for sub in schema["allOf"]:
                for problem in self._check(value, sub, path):
                    if problem not in seen:
                        seen.add(problem)
                        yield problem
        if "anyOf" in schema and id(schema["anyOf"]) not in self._required_choices:
            yield from self._check_choice(value, schema["anyOf"], path, exactly_one=False)
        if "oneOf" in schema:
            yield from self._check_choice(value, schema["oneOf"], path, exactly_one=True)

    def _check_string(self, value: str, schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if len(value) < schema.get("minLength", 0):
            yield path, "must not be empty"
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield path, f"is {len(value)} characters long; at most {schema['maxLength']} fit here"
        pattern = schema.get("pattern")
        if pattern is not None:
            # Python's `$` also matches before a final newline; JSON Schema's (ECMA-262) does not.
            if not self._patterns[pattern].search(value) or (pattern.endswith("$") and value.endswith("\n")):
                yield path, f"{value[:60]!r} does not have the expected form ({pattern})"

    def _check_number(self, value: float, schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if "minimum" in schema and value < schema["minimum"]:
            yield path, f"{value} is below the minimum {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            yield path, f"{value} is above the maximum {schema['maximum']}"
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            yield path, f"{value} must be greater than {schema['exclusiveMinimum']}"
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            yield path, f"{value} must be less than {schema['exclusiveMaximum']}"

    def _check_array(self, value: list[Any], schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if len(value) < schema.get("minItems", 0):
            yield path, f"needs at least {schema['minItems']} item(s), found {len(value)}"
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            yield path, f"takes at most {schema['maxItems']} item(s), found {len(value)}"
        if schema.get("uniqueItems"):
            seen: set[Any] = set()
            for i, item in enumerate(value):
                key = _key(item)
                if key in seen:
                    yield path + (i,), f"{_show(item)} is listed more than once; each item here must be different"
                seen.add(key)
        items = schema.get("items")
        if items is not None:
            for i, item in enumerate(value):
                yield from self._check(item, items, path + (i,))

    def _check_object(self, value: dict[str, Any], schema: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if len(value) < schema.get("minProperties", 0):
            yield path, "must not be empty"
        for name in schema.get("required", ()):
            if name not in value:
                yield path, f"missing required field {name!r}"
        alternatives = schema.get("anyOf")
        if (
            alternatives is not None
            and id(alternatives) in self._required_choices
            and not any(all(k in value for k in alt["required"]) for alt in alternatives)
        ):
            wanted = " or ".join(" and ".join(map(repr, alt["required"])) for alt in alternatives)
            yield path, f"needs at least one of {wanted}"
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                yield from self._check(item, properties[key], path + (key,))
            elif schema.get("additionalProperties") is False:
                close = _closest(key, properties)
                hint = f" (did you mean {close!r}?)" if close else ""
                yield path + (key,), _unknown_field(key, hint, properties)

    def _check_choice(
        self, value: Any, alternatives: list[dict[str, Any]], path: Path, exactly_one: bool
    ) -> Iterator[tuple[Path, str]]:
        """anyOf (at least one alternative fits) and oneOf (exactly one fits)."""
        fitting = 0
        for alternative in alternatives:
            if next(self._check(value, alternative, path), None) is None:
                fitting += 1
                if not exactly_one:
                    return
        if fitting > 1:
            yield path, f"matches {fitting} alternatives; it must match exactly one"
        if fitting:
            return
        resolved = [self._refs.get(id(alt), alt) for alt in alternatives]
        kinds: list[str | None] = [alt.get("type") for alt in resolved]
        typed = [kind for kind in kinds if kind is not None]
        if len(typed) == len(kinds) and not any(_is_type(value, kind) for kind in typed):
            names = " or ".join(dict.fromkeys(_EXPECTED[kind] for kind in typed))
            yield path, f"expected {names}, found {describe(value)}"
            return
        # Explain the failure with the alternative(s) meant for this kind of value that came closest.
        found = [
            list(self._check(value, alt, path))
            for alt, kind in zip(alternatives, kinds, strict=True)
            if kind is None or _is_type(value, kind)
        ]
        fewest = min(map(len, found))
        closest = [problems for problems in found if len(problems) == fewest]
        if len(closest) == 1:
            yield from closest[0]
            return
        reasons = "; ".join(_relative(problems[0], path) for problems in closest)
        yield path, f"matches none of the {len(alternatives)} alternatives ({reasons})"


def _is_type(value: Any, expected: str) -> bool:
    if isinstance(value, bool) and expected in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[expected])


def _escape(name: Any) -> str:
    """One JSON-pointer reference token."""
    return str(name).replace("~", "~0").replace("/", "~1")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _key(value: Any) -> Any:
    """A hashable stand-in for a value: equal exactly when the values are equal in JSON (true is not 1)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("list", tuple(map(_key, value)))
    if isinstance(value, dict):
        return ("dict", frozenset((k, _key(v)) for k, v in value.items()))
    if value is None:
        return ("null",)
    return ("str", value)


def _same(a: Any, b: Any) -> bool:
    return _key(a) == _key(b)


def _relative(problem: tuple[Path, str], path: Path) -> str:
    where, message = problem
    inner = where[len(path) :]
    if not inner:
        return message
    from kettool.core.yamlstrict import dotted_path  # only needed on the error path

    return f"{dotted_path(inner)}: {message}"


def _closest(key: str, names: dict[str, Any]) -> str | None:
    import difflib  # only needed on the error path

    found = difflib.get_close_matches(key, list(names), n=1, cutoff=0.7)
    return found[0] if found else None


def _unknown_field(key: str, hint: str, properties: dict[str, Any]) -> str:
    """The message for a field the schema does not allow, with the reason where a rule forbids it."""
    if key == "certainty" and "domains" in properties:
        # A stated grade could contradict the judgments it should follow from.
        return (
            "a profile cannot state its certainty: kettool computes it from 'design', 'domains' and "
            "'upgrades' (see docs/kb-authoring.md)"
        )
    return f"unknown field {key!r}{hint}"
