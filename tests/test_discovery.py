"""Finding and comparing: search, studies, study, compare, why, cite, export, schema, validate."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import OUTPUT_SCHEMA, TINY_KB


def test_search_ranks_passages_and_names_where_they_live(kettool):
    data = json.loads(kettool("search", "blood pressure", "--json").stdout)["data"]
    assert data["total"] >= 5 and not data["partial"]
    hits = data["hits"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert any(h["location"].startswith("safety ›") for h in hits)
    for hit in hits:
        for start, end in hit["spans"]:
            assert hit["passage"][start:end].casefold() in ("blood", "pressure", "pressures")


def test_search_respects_limit(kettool):
    assert len(json.loads(kettool("search", "ketamine", "--limit", "3", "--json").stdout)["data"]["hits"]) == 3


@pytest.mark.parametrize("query", ["BLOOD PRESSURE", "blood  pressure", "blóod préssure"])
def test_search_ignores_case_spacing_and_accents(kettool, query):
    reference = json.loads(kettool("search", "blood pressure", "--json").stdout)["data"]["hits"]
    assert json.loads(kettool("search", query, "--json").stdout)["data"]["hits"] == reference


def test_search_without_hits_says_so_and_suggests(kettool):
    result = kettool("search", "dissociaton")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nothing matches 'dissociaton'" in result.stderr and "dissociation" in result.stderr


def test_search_without_hits_still_gives_valid_json(kettool):
    result = kettool("search", "zzzqqq", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["data"]["hits"] == []


def test_search_text_highlights_matches_when_there_is_no_colour(kettool):
    from rich.console import Console

    from kettool.core import search_question
    from kettool.core.knowledge_base import KbSettings
    from kettool.render.formats import OutputFormat, RenderOptions, render

    answer = search_question.search(KbSettings(kb_path=TINY_KB), "dissociation", 10)
    console = Console(width=80, color_system=None)
    assert "»Dissociation«" in render(answer, OutputFormat.TEXT, RenderOptions(color=False, console=console))


def test_search_in_a_pipe_prints_one_hit_per_line(kettool):
    lines = kettool("search", "blood pressure", "--limit", "4").stdout.splitlines()
    assert len(lines) == 5  # four hits and the disclaimer
    assert all(len(line.split("\t")) == 3 for line in lines[:4])


def test_studies_filters_by_condition_design_and_year(kettool):
    rows = json.loads(kettool("studies", "--condition", "ptsd", "--design", "rct", "--from", "2015", "--json").stdout)[
        "data"
    ]
    assert rows and all(r["design_type"] in ("rct", "crossover-rct") and r["year"] >= 2015 for r in rows)
    assert all("ptsd" in r["conditions"] for r in rows)


def test_studies_sort_by_n_puts_largest_first(kettool):
    rows = json.loads(kettool("studies", "--sort", "n", "--json").stdout)["data"]
    sizes = [r["n"] for r in rows if r["n"] is not None]
    assert sizes == sorted(sizes, reverse=True)


def test_studies_filter_by_drug(kettool):
    rows = json.loads(kettool("studies", "--drug", "esketamine", "--json").stdout)["data"]
    assert rows and all("esketamine" in r["drugs"] for r in rows)


def test_studies_with_unknown_design_is_a_usage_error(kettool):
    result = kettool("studies", "--design", "anecdote")
    assert result.exit_code == 2
    assert "is not one of" in result.stderr


def test_studies_with_no_match_give_an_empty_json_list_and_say_so(kettool):
    result = kettool("studies", "--from", "2090", "--json")
    assert json.loads(result.stdout)["data"] == []
    assert "no study matches" in result.stderr


def test_studies_with_no_match_exits_1_with_empty_json_list(kettool):
    result = kettool("studies", "--from", "2090", "--json")
    assert json.loads(result.stdout)["data"] == []
    assert result.exit_code == 1


def test_studies_with_no_match_exits_1_in_text_too(kettool):
    result = kettool("studies", "--from", "2090")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no study matches these filters" in result.stderr


def test_study_shows_the_claims_that_cite_it(kettool):
    data = json.loads(kettool("study", "abdallah2022", "--json").stdout)["data"]
    assert "ptsd" in data["conditions"]
    assert any(loc.startswith("condition ptsd") for loc in data["cited_by"])


def test_unknown_study_suggests_close_ids(kettool):
    result = kettool("study", "feder202")
    assert result.exit_code == 1 and result.stdout == ""
    assert "feder2021" in result.stderr


def test_compare_puts_conditions_side_by_side(kettool):
    data = json.loads(kettool("compare", "depression", "PTSD", "--json").stdout)["data"]["conditions"]
    assert [c["id"] for c in data] == ["depression", "ptsd"]
    assert all({"strongest_certainty", "profiles", "onset", "duration", "protocols"} <= set(c) for c in data)
    for condition in data:
        assert all({"label", "certainty", "randomized_trials", "participants"} <= set(p) for p in condition["profiles"])


def test_compare_needs_two_conditions(kettool):
    assert kettool("compare", "depression").exit_code == 2


def test_why_counts_only_direct_randomized_studies_of_each_profile(kettool):
    data = json.loads(kettool("why", "ptsd", "--json").stdout)["data"]
    designs = {s["id"]: s["design_type"] for s in data["studies"]}
    sizes = {s["id"]: s["n"] or 0 for s in data["studies"]}
    assert data["profiles"]
    for profile in data["profiles"]:
        direct_trials = [e["study"] for e in profile["direct"] if designs[e["study"]] in ("rct", "crossover-rct")]
        assert profile["randomized_trials"] == len(direct_trials)
        assert profile["participants"] == sum(sizes[s] for s in direct_trials)
        assert all(e["reason"] for e in profile["indirect"])
        assert profile["certainty"] in ("high", "moderate", "low", "very-low")


def test_condition_why_flag_matches_why_command(kettool):
    assert kettool("condition", "ptsd", "--why", "--json").stdout == kettool("why", "ptsd", "--json").stdout


def test_conditions_are_sorted_by_certainty(kettool):
    order = {"high": 4, "moderate": 3, "low": 2, "very-low": 1}
    rows = kettool("conditions").stdout.splitlines()[:-1]
    ranks = [order[row.split("\t")[1]] for row in rows]
    assert ranks == sorted(ranks, reverse=True)


def test_cite_condition_exports_every_cited_study(kettool):
    import bibtexparser

    out = kettool("cite", "--condition", "ptsd").stdout
    library = bibtexparser.parse_string(out)
    assert not library.failed_blocks
    assert {"feder2021", "abdallah2022"} <= {e.key for e in library.entries}


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_cite_formats(kettool, fmt):
    result = kettool("cite", "feder2014", "--format", fmt)
    assert result.exit_code == 0 and "Chronic" in result.stdout


def test_cite_without_ids_or_condition_is_a_usage_error(kettool):
    assert kettool("cite").exit_code == 2


def test_cite_unknown_id_exits_1(kettool):
    result = kettool("cite", "nosuch1999")
    assert result.exit_code == 1 and result.stdout == ""


def test_export_json_holds_the_whole_kb(kettool, output_validator):
    payload = json.loads(kettool("export").stdout)
    assert not list(output_validator.iter_errors(payload))
    assert len(payload["data"]["studies"]) >= 45 and len(payload["data"]["conditions"]) >= 9


def test_export_yaml_reads_back_as_a_valid_kb(kettool, tmp_path):
    path = tmp_path / "exported.yaml"
    path.write_text(kettool("--kb", str(TINY_KB), "export", "--format", "yaml").stdout, encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]["version"] == "9.9.0"
    result = kettool("validate", str(path))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_schema_prints_the_output_schema(kettool):
    assert json.loads(kettool("schema").stdout) == json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    assert json.loads(kettool("schema", "kb").stdout)["title"] == "kettool knowledge-base file"


def test_validate_reports_every_problem_and_exits_1(kettool, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("studies:\n  - id: a\n    title: yes\n    design_type: nope\n    key_result: r\n", encoding="utf-8")
    result = kettool("validate", str(bad), "--extend", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["data"]["problems"]
    assert len(problems) >= 3
    assert all(p["file"] == str(bad) and p["line"] for p in problems)


def test_design_choices_match_the_models():
    from kettool.core.choices import DESIGNS
    from kettool.core.models import DesignType
    from kettool.core.study_filter import DESIGN_GROUPS

    assert set(DESIGNS) == {d.value for d in DesignType} | set(DESIGN_GROUPS)
