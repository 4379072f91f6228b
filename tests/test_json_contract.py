"""JSON output: one versioned envelope per answer, valid against the published output schema."""

from __future__ import annotations

import json

import pytest

from tests.test_commands import DATA_COMMANDS


@pytest.mark.slow  # every command: the full suite covers it
@pytest.mark.parametrize("args", DATA_COMMANDS, ids=" ".join)
def test_json_output_validates_against_output_schema(kettool, output_validator, args):
    result = kettool(*args, "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    errors = sorted(output_validator.iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.mark.slow  # every command: the full suite covers it
@pytest.mark.parametrize("args", DATA_COMMANDS, ids=" ".join)
def test_json_is_one_line_with_the_envelope(kettool, args):
    out = kettool(*args, "--format", "json").stdout
    assert out.count("\n") == 1 and out.endswith("\n")
    payload = json.loads(out)
    assert payload["schema_version"].startswith("2.")
    assert payload["kb_version"] and payload["kb_reviewed"]
    assert "not medical advice" in payload["disclaimer"]


def test_json_and_format_json_agree(kettool):
    assert kettool("condition", "ptsd", "--json").stdout == kettool("condition", "ptsd", "-f", "json").stdout


def test_condition_json_carries_full_citations(kettool):
    data = json.loads(kettool("condition", "ptsd", "--json").stdout)["data"]
    cited = {i for f in data["findings"] for i in f["cites"]}
    assert cited <= {s["id"] for s in data["studies"]}
    assert any(s["doi"] or s["pmid"] for s in data["studies"])


@pytest.mark.parametrize(
    "args",
    [
        ["cite", "--condition", "ptsd"],
        ["cite", "feder2014", "abdallah2022"],
        ["export"],
        ["validate"],
        ["search", "blood pressure"],
    ],
    ids=" ".join,
)
def test_every_other_json_answer_validates_against_output_schema(kettool, output_validator, args):
    result = kettool(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    errors = sorted(output_validator.iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_the_output_schema_names_every_answer_kind():
    from kettool.core.answers import Kind
    from kettool.render.formats import OutputFormat, covers
    from tests.conftest import OUTPUT_SCHEMA

    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    in_json = {k.value for k in Kind if covers(OutputFormat.JSON, k)}
    assert set(schema["properties"]["kind"]["enum"]) == in_json
    assert {rule["if"]["properties"]["kind"]["const"] for rule in schema["allOf"]} == in_json
