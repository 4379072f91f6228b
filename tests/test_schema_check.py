"""The KB schema checker: refuses keywords it does not implement, enforces the ones it does like jsonschema,
and the bundled KB schema is accepted and describes every field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kettool.core.schema_check import SchemaChecker, UnsupportedSchema
from kettool.core.yamlstrict import read_yaml

ROOT = Path(__file__).parents[1]
KB_SCHEMA = ROOT / "data" / "kb.schema.json"
KB_FILES = sorted((ROOT / "data" / "kb").rglob("*.yaml"))


def problems(schema: dict[str, Any], value: Any) -> list[tuple[tuple, str]]:
    return list(SchemaChecker(schema).errors(value))


def jsonschema_accepts(schema: dict[str, Any], value: Any) -> bool:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema).is_valid(value)


# -- keywords the checker does not implement are refused when it is built ---------------------------------

UNSUPPORTED = {
    "not": {"type": "string"},
    "if": {"type": "string"},
    "then": {"minLength": 2},
    "else": {"maxLength": 2},
    "prefixItems": [{"type": "string"}],
    "contains": {"type": "string"},
    "minContains": 1,
    "maxContains": 2,
    "unevaluatedItems": False,
    "unevaluatedProperties": False,
    "patternProperties": {"^x-": {"type": "string"}},
    "propertyNames": {"pattern": "^[a-z]+$"},
    "dependentRequired": {"doi": ["url"]},
    "dependentSchemas": {"doi": {"required": ["url"]}},
    "maxProperties": 3,
    "multipleOf": 2,
    "$anchor": "here",
    "$dynamicRef": "#here",
    "$dynamicAnchor": "here",
    "$vocabulary": {},
    "contentMediaType": "text/html",
    "minLenght": 1,  # a typo is refused too, not silently ignored
}

# Where in a schema the keyword sits: (schema with the keyword's schema object at {}, JSON pointer of that object).
PLACES = {
    "root": (lambda s: s, ""),
    "property": (lambda s: {"type": "object", "properties": {"name": s}}, "/properties/name"),
    "escaped property": (lambda s: {"properties": {"a/b~c": s}}, "/properties/a~1b~0c"),
    "definition": (lambda s: {"$defs": {"thing": s}}, "/$defs/thing"),
    "items": (lambda s: {"type": "array", "items": s}, "/items"),
    "anyOf": (lambda s: {"anyOf": [{"type": "null"}, s]}, "/anyOf/1"),
    "oneOf": (lambda s: {"oneOf": [s]}, "/oneOf/0"),
    "allOf": (lambda s: {"allOf": [{}, {}, s]}, "/allOf/2"),
    "deep": (
        lambda s: {"$defs": {"study": {"properties": {"tags": {"type": "array", "items": s}}}}},
        "/$defs/study/properties/tags/items",
    ),
}


@pytest.mark.parametrize("keyword", UNSUPPORTED)
@pytest.mark.parametrize("place", PLACES)
def test_unsupported_keyword_is_refused_naming_it_and_where_it_is(keyword, place):
    wrap, pointer = PLACES[place]
    schema = wrap({"description": "a field", keyword: UNSUPPORTED[keyword]})
    with pytest.raises(UnsupportedSchema) as caught:
        SchemaChecker(schema)
    where = f"{pointer}/{keyword}"
    assert caught.value.keyword == keyword
    assert caught.value.pointer == where
    assert repr(keyword) in str(caught.value) and where in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("schema", "keyword", "pointer", "detail"),
    [
        ({"type": ["string", "null"]}, "type", "/type", "only one of"),
        ({"type": "text"}, "type", "/type", "only one of"),
        (
            {"properties": {"x": {"additionalProperties": {"type": "string"}}}},
            "additionalProperties",
            "/properties/x/additionalProperties",
            "only true or false",
        ),
        ({"$ref": "other.json#/$defs/x"}, "$ref", "/$ref", "only '#/$defs/NAME'"),
        ({"items": {"$ref": "#/$defs/missing"}, "$defs": {"there": {}}}, "$ref", "/items/$ref", "only '#/$defs/NAME'"),
        (
            {"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}},
            "$ref",
            "/$ref",
            "refers back to itself",
        ),
        ({"properties": {"x": True}}, "x", "/properties/x", "where a schema object is expected"),
        ({"items": False}, "items", "/items", "where a schema object is expected"),
        ({"anyOf": []}, "anyOf", "/anyOf", "non-empty list"),
        ({"pattern": "("}, "pattern", "/pattern", "regular expression"),
        ({"minItems": "1"}, "minItems", "/minItems", "non-negative integer"),
        ({"maximum": "9"}, "maximum", "/maximum", "must be a number"),
        ({"uniqueItems": 1}, "uniqueItems", "/uniqueItems", "true or false"),
        ({"required": "id"}, "required", "/required", "list of field names"),
    ],
)
def test_unsupported_form_of_a_keyword_is_refused(schema, keyword, pointer, detail):
    with pytest.raises(UnsupportedSchema) as caught:
        SchemaChecker(schema)
    assert (caught.value.keyword, caught.value.pointer) == (keyword, pointer)
    assert detail in str(caught.value)


def test_annotations_are_allowed_and_their_values_are_not_read_as_schemas():
    annotations = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://x.invalid/s",
        "$comment": "c",
        "title": "t",
        "description": "d",
        "examples": [{"not": 1}],
        "default": {"if": {}},
        "deprecated": False,
        "readOnly": False,
        "writeOnly": False,
        "format": "date",
    }
    schema = {
        **annotations,
        "$defs": {"d": {**annotations, "const": {"oneOf": 3, "not": []}}},
        "properties": {"x": {**annotations, "enum": [{"prefixItems": 1}]}},
    }
    checker = SchemaChecker(schema)
    assert list(checker.errors({"x": {"prefixItems": 1}})) == []


def test_the_bundled_kb_schema_is_accepted_and_every_bundled_file_passes():
    checker = SchemaChecker(json.loads(KB_SCHEMA.read_text(encoding="utf-8")))
    assert KB_FILES
    for path in KB_FILES:
        data, _ = read_yaml(path.read_text(encoding="utf-8"), str(path))
        assert list(checker.errors(data)) == [], path


def test_checking_never_imports_jsonschema():
    code = (
        "import json, sys; from kettool.core.schema_check import SchemaChecker; "
        f"c = SchemaChecker(json.load(open({str(KB_SCHEMA)!r}))); list(c.errors({{'studies': [{{}}]}})); "
        "sys.exit('jsonschema' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# -- the implemented keywords: each catches a violation, accepts valid data and agrees with jsonschema ------

# (schema, values it accepts, {value it rejects: text of the expected message})
CASES: dict[str, tuple[dict[str, Any], list[Any], list[tuple[Any, str]]]] = {
    "const": ({"const": "rct"}, ["rct"], [("RCT", "must be 'rct', found 'RCT'"), (None, "must be 'rct', found None")]),
    "const number": ({"const": 1}, [1, 1.0], [(True, "must be 1, found True"), ("1", "must be 1, found '1'")]),
    "const structure": (
        {"const": {"a": [1, 2]}},
        [{"a": [1, 2]}],
        [({"a": [2, 1]}, "must be {'a': [1, 2]}"), ({"a": [1, 2], "b": 0}, "must be")],
    ),
    "enum true is not 1": ({"enum": [1, "a"]}, [1, "a", 1.0], [(True, "True is not one of: 1, a")]),
    "uniqueItems": (
        {"type": "array", "uniqueItems": True},
        [[], [1, 2, "1"], [[1], [2]], [True, 1], [{"a": 1}, {"a": 2}]],
        [
            ([1, 2, 1], "1 is listed more than once; each item here must be different"),
            ([{"a": 1}, {"a": 1}], "{'a': 1} is listed more than once"),
            ([1, 1.0], "listed more than once"),
            (["x", "y", "x"], "'x' is listed more than once"),
        ],
    ),
    "uniqueItems false": ({"type": "array", "uniqueItems": False}, [[1, 1]], []),
    "maxItems": (
        {"type": "array", "maxItems": 2},
        [[], ["a", "b"]],
        [(["a", "b", "c"], "takes at most 2 item(s), found 3")],
    ),
    "exclusiveMinimum": (
        {"type": "number", "exclusiveMinimum": 0},
        [0.5, 1, 10**30],
        [(0, "0 must be greater than 0"), (-1.5, "-1.5 must be greater than 0")],
    ),
    "exclusiveMaximum": (
        {"exclusiveMaximum": 10},
        [9.99, -3, "text", [11]],
        [(10, "10 must be less than 10"), (10.0, "10.0 must be less than 10")],
    ),
    "minimum and maximum on numbers": (
        {"type": "number", "minimum": 0.5, "maximum": 2},
        [0.5, 1, 2, 2.0],
        [
            (0.49, "0.49 is below the minimum 0.5"),
            (0, "0 is below the minimum 0.5"),
            (2.01, "2.01 is above the maximum 2"),
        ],
    ),
    "number type": (
        {"type": "number"},
        [1, -1.5, 0],
        [("1", "expected a number, found text"), (True, "expected a number, found true/false")],
    ),
    "allOf": (
        {"allOf": [{"type": "string"}, {"maxLength": 3}]},
        ["abc", ""],
        [("abcd", "is 4 characters long; at most 3 fit here"), (5, "expected text, found an integer")],
    ),
    "allOf with a definition": (
        {
            "$defs": {"id": {"type": "string", "pattern": "^[a-z]+$"}},
            "allOf": [{"$ref": "#/$defs/id"}, {"maxLength": 4}],
        },
        ["abcd"],
        [("abcde", "at most 4 fit here"), ("ab1", "does not have the expected form")],
    ),
    "anyOf": (
        {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "integer", "minimum": 0}]},
        ["ab", 0, 3],
        [
            ("abcd", "is 4 characters long"),
            (-1, "-1 is below the minimum 0"),
            ([1], "expected text or an integer, found a list"),
            (None, "expected text or an integer, found empty"),
        ],
    ),
    "anyOf of constants": (
        {"anyOf": [{"const": "a"}, {"const": "b"}]},
        ["a", "b"],
        [("c", "matches none of the 2 alternatives (must be 'a', found 'c'; must be 'b', found 'c')")],
    ),
    "anyOf of required fields": (
        {"type": "object", "anyOf": [{"required": ["doi"]}, {"required": ["pmid"]}, {"required": ["url"]}]},
        [{"doi": "x"}, {"url": "u", "pmid": "1"}],
        [
            ({}, "needs at least one of 'doi' or 'pmid' or 'url'"),
            ({"pmcid": "PMC1"}, "needs at least one of 'doi' or 'pmid' or 'url'"),
        ],
    ),
    "anyOf of required field pairs": (
        {"anyOf": [{"required": ["doi", "year"]}, {"required": ["url"]}]},
        [{"doi": 1, "year": 2}, {"url": 1}, "not a mapping"],
        [({"doi": 1}, "needs at least one of 'doi' and 'year' or 'url'")],
    ),
    "oneOf": (
        {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}]},
        [5, 10.5],
        [
            (12, "matches 2 alternatives; it must match exactly one"),
            ("x", "expected an integer or a number, found text"),
            (9.5, "9.5 is below the minimum 10"),
        ],
    ),
    "oneOf of required fields": (
        {"type": "object", "oneOf": [{"required": ["doi"]}, {"required": ["url"]}]},
        [{"doi": 1}, {"url": 1}],
        [
            ({"doi": 1, "url": 2}, "matches 2 alternatives"),
            ({}, "matches none of the 2 alternatives (missing required field 'doi'; missing required field 'url')"),
        ],
    ),
    "oneOf with a definition": (
        {"$defs": {"s": {"type": "string"}}, "oneOf": [{"$ref": "#/$defs/s"}, {"type": "null"}]},
        ["x", None],
        [(3, "expected text or empty (null), found an integer")],
    ),
    "oneOf explains the closest alternative": (
        {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["a"],
                    "properties": {"a": {"type": "string"}},
                    "additionalProperties": False,
                },
                {"type": "string"},
            ]
        },
        [{"a": "x"}, "x"],
        [({"a": 1}, "expected text, found an integer"), ({"b": "x"}, "missing required field 'a'")],
    ),
}
CASE_IDS = list(CASES)


@pytest.mark.parametrize("name", CASE_IDS)
def test_implemented_keyword_accepts_valid_data(name):
    schema, valid, _ = CASES[name]
    for value in valid:
        assert problems(schema, value) == [], value


@pytest.mark.parametrize("name", CASE_IDS)
def test_implemented_keyword_rejects_a_violation_with_a_clear_message(name):
    schema, _, invalid = CASES[name]
    for value, message in invalid:
        found = [m for _, m in problems(schema, value)]
        assert any(message in m for m in found), f"{value!r}: expected {message!r}, got {found}"


@pytest.mark.parametrize("name", CASE_IDS)
def test_implemented_keyword_agrees_with_jsonschema(name):
    schema, valid, invalid = CASES[name]
    for value in valid:
        assert jsonschema_accepts(schema, value), value
    for value, _ in invalid:
        assert not jsonschema_accepts(schema, value), value


def test_problem_inside_an_alternative_is_reported_at_its_own_path():
    schema = CASES["oneOf explains the closest alternative"][0]
    assert problems({"type": "array", "items": schema}, [{"a": 1}]) == [((0, "a"), "expected text, found an integer")]


def test_unique_items_points_at_the_repeated_item():
    assert problems({"uniqueItems": True}, ["a", "b", "a", "a"]) == [
        ((2,), "'a' is listed more than once; each item here must be different"),
        ((3,), "'a' is listed more than once; each item here must be different"),
    ]


def test_all_of_reports_a_shared_problem_once():
    schema = {"allOf": [{"required": ["id"]}, {"required": ["id"]}]}
    assert problems(schema, {}) == [((), "missing required field 'id'")]


# Random data against schemas built from the implemented keywords: the checker and jsonschema agree.
# (Integral floats such as 2.0 are left out: kettool deliberately refuses them where an integer is expected.)
AGREEMENT_SCHEMAS = [
    {"const": [1, "a"]},
    {"enum": [0, 1, "x", None, [1]]},
    {"type": "array", "uniqueItems": True, "maxItems": 3, "items": {"type": "string"}},
    {"uniqueItems": True},
    {"type": "number", "exclusiveMinimum": -1, "exclusiveMaximum": 1},
    {"minimum": -0.5, "maximum": 0.5},
    {
        "anyOf": [
            {"type": "string", "maxLength": 2},
            {"type": "integer", "maximum": 3},
            {"type": "array", "maxItems": 1},
        ]
    },
    {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}, {"const": "x"}]},
    {"allOf": [{"type": "object", "required": ["a"]}, {"properties": {"a": {"type": "integer", "minimum": 0}}}]},
    {
        "type": "object",
        "oneOf": [{"required": ["a"]}, {"required": ["b"]}],
        "additionalProperties": False,
        "properties": {"a": {"const": 1}, "b": {}},
    },
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(-3, 3, allow_nan=False).filter(lambda f: not f.is_integer()),
    st.sampled_from(["", "a", "x", "abc"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(schema=st.sampled_from(AGREEMENT_SCHEMAS), value=values)
def test_checker_agrees_with_jsonschema_on_random_data(schema, value):
    assert (problems(schema, value) == []) == jsonschema_accepts(schema, value)


# -- the yes-or-no form (is_valid) agrees with the full check (explain) -------------------------------------


def agree(checker: SchemaChecker, value: Any) -> bool:
    return checker.is_valid(value) == (next(checker.errors(value, quick=False), None) is None)


@pytest.mark.parametrize("name", CASE_IDS)
def test_the_quick_check_agrees_with_the_full_check_on_every_keyword_case(name):
    schema, valid, invalid = CASES[name]
    for value in [*valid, *(v for v, _ in invalid)]:
        assert agree(SchemaChecker(schema), value), value


@given(schema=st.sampled_from(AGREEMENT_SCHEMAS), value=values)
def test_the_quick_check_agrees_with_the_full_check_on_random_data(schema, value):
    assert agree(SchemaChecker(schema), value)


BUNDLED_CHECKER = SchemaChecker(json.loads(KB_SCHEMA.read_text(encoding="utf-8")))
BUNDLED_DATA = [read_yaml(path.read_text(encoding="utf-8"), str(path))[0] for path in KB_FILES]
# What an author's edit may put in place of a value: other types, empty ones, dates, enum-like words.
REPLACEMENTS = st.one_of(
    scalars,
    st.sampled_from(["randomized", "indirect", "very-serious", "2020-01-01", "10.1000/x", "NCT01234567", "x" * 300]),
    st.builds(lambda: __import__("kettool.core.yamlstrict", fromlist=["YamlDate"]).YamlDate("2021-02-03")),
    st.just({}),
    st.just([]),
)


def edited(data: Any, draw: Any) -> Any:
    """A copy of KB data with a few values replaced, keys removed or added, and lists emptied or grown."""
    import copy

    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        node, key = data, None
        while True:  # walk down a random path, to a key or index of `node`
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            if not children:
                key = None
                break
            key, child = children[draw(st.integers(0, len(children) - 1))]
            if not isinstance(child, (dict, list)) or draw(st.integers(0, 3)) == 0:
                break
            node = child
        action = draw(st.sampled_from(["replace", "remove", "add", "duplicate"]))
        if key is None:
            continue
        if action == "replace":
            node[key] = draw(REPLACEMENTS)
        elif action == "remove":
            del node[key]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(["extra", "notes", "id", "cites", "url"]))] = draw(REPLACEMENTS)
        elif action == "duplicate" and isinstance(node, list):
            node.append(copy.deepcopy(node[key]))
    return data


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_quick_check_agrees_with_the_full_check_on_edited_kb_files(data):
    original = data.draw(st.sampled_from(BUNDLED_DATA))
    assert agree(BUNDLED_CHECKER, edited(original, data.draw))


def test_the_agreement_check_can_fail():
    checker = SchemaChecker({"type": "string", "minLength": 2})
    checker.is_valid("")  # compiles the quick form
    checker._valid = lambda value: True  # a quick form that is wrong about ""
    assert not agree(checker, "")


# -- the bundled KB schema documents every field ------------------------------------------------------------


def undescribed_properties(node: Any, pointer: str = "") -> list[str]:
    """JSON pointers of every entry of every `properties` object that has no non-empty description."""
    missing: list[str] = []
    if isinstance(node, dict):
        for key, sub in node.items():
            if key in ("enum", "const", "default", "examples"):
                continue
            if key == "properties" and isinstance(sub, dict):
                for name, prop in sub.items():
                    description = prop.get("description") if isinstance(prop, dict) else None
                    if not (isinstance(description, str) and description.strip()):
                        missing.append(f"{pointer}/properties/{name}")
            missing += undescribed_properties(sub, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            missing += undescribed_properties(sub, f"{pointer}/{i}")
    return missing


def test_every_property_in_the_kb_schema_has_a_description():
    schema = json.loads(KB_SCHEMA.read_text(encoding="utf-8"))
    missing = undescribed_properties(schema)
    assert not missing, "properties without a description:\n" + "\n".join(missing)


def test_the_description_check_finds_a_nested_property_without_one():
    schema = {
        "$defs": {
            "a": {
                "properties": {"x": {"description": "X."}, "y": {"items": {"properties": {"z": {"description": " "}}}}}
            }
        }
    }
    assert undescribed_properties(schema) == ["/$defs/a/properties/y", "/$defs/a/properties/y/items/properties/z"]
