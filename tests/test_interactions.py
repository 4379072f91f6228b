"""`kettool interactions NAME...`: drug names resolved through the drug table to what the KB records."""

from __future__ import annotations

import json

import pytest

from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.primary_hosts import primary_host


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(KbSettings())


def data(kettool, *names: str) -> dict:
    result = kettool("interactions", *names, "--json")
    return json.loads(result.stdout)["data"]


def test_lorazepam_shows_the_label_entry_on_cns_depressants_and_the_benzodiazepine_evidence(kettool):
    result = kettool("interactions", "lorazepam")
    assert result.exit_code == 0, result.stderr
    assert "CNS depressants (for example benzodiazepines" in result.stdout
    assert "Benzodiazepines and esketamine" in result.stdout
    assert "Source: drug label" in result.stdout and "secondary (post hoc) analysis" in result.stdout


def test_a_brand_name_in_any_case_resolves_to_its_ingredient_and_class(kettool):
    found = data(kettool, "ADDERALL")["drugs"][0]
    assert found["asked"] == "ADDERALL" and found["name"] == "Adderall" and found["kind"] == "brand"
    assert [c["id"] for c in found["classes"]] == ["psychostimulants"]
    assert any(e["statement"].startswith("Psychostimulants") for e in found["entries"])


@pytest.mark.parametrize("typed", ["ｌｏｒａｚｅｐａｍ", "Lorazépam", " lorazepam "])
def test_fullwidth_accented_or_padded_names_resolve(kettool, typed):
    assert data(kettool, typed)["drugs"][0]["name"] == "lorazepam"


def test_a_name_not_in_the_list_exits_1_with_suggestions(kettool):
    result = kettool("interactions", "lorazepan")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'lorazepan' is not in kettool's drug list" in result.stderr and "lorazepam" in result.stderr


def test_an_unknown_name_still_gives_valid_json_that_names_it(kettool, output_validator):
    result = kettool("interactions", "zzzqqq", "--json")
    assert result.exit_code == 1
    answer = json.loads(result.stdout)
    output_validator.validate(answer)
    assert answer["data"]["unknown"] == [{"asked": "zzzqqq", "suggestions": []}]


def test_a_listed_drug_without_a_recorded_interaction_says_so_plainly_and_exits_0(kettool):
    result = kettool("interactions", "lithium")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "No interaction between lithium and ketamine or esketamine is recorded" in text
    assert "not evidence that the combination is safe" in text
    found = data(kettool, "lithium")["drugs"][0]
    assert found["interaction_recorded"] is False and found["entries"] == []


def test_known_and_unknown_names_together_answer_the_known_and_exit_1(kettool):
    result = kettool("interactions", "lorazepam", "notadrug")
    assert result.exit_code == 1
    assert "lorazepam (generic)" in result.stdout and "'notadrug' is not in" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_every_format_lists_each_entry_with_its_citations(kettool, fmt, output_validator):
    result = kettool("interactions", "lorazepam", "Adderall", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        output_validator.validate(json.loads(result.stdout))
    else:
        assert "Psychostimulants" in result.stdout and "References" in result.stdout


def test_the_drug_table_holds_at_least_150_names_across_the_interaction_classes(kb):
    names = kb.drugs.names
    assert len(names) >= 150
    used = {c for claim_classes in (d.classes for d in names) for c in claim_classes}
    tagged = {c for c in _statement_classes(kb)}
    # Every class a statement names reaches at least one name, directly or through a narrower class.
    reached = {c for d in names for c in kb.drugs.with_broader(d.classes)}
    # No stored label or ATC page names a CYP2B6 inducer; the metabolism statement that names the class
    # is still reached through its CYP3A4 and CYP2B6-inhibitor names.
    assert tagged - reached <= {"cyp2b6-inducers"}, tagged - reached
    assert {"benzodiazepines", "opioids", "psychostimulants", "maois", "lamotrigine", "naltrexone"} <= used


def test_every_name_is_sourced_on_a_primary_page(kb):
    unsourced = {(d.name, m.source) for d in kb.drugs.names for m in d.memberships if primary_host(m.source) is None}
    assert not unsourced, unsourced


def test_search_finds_an_interaction_entry_by_a_drug_name_through_its_class(kettool):
    hits = json.loads(kettool("search", "lorazepam", "--json").stdout)["data"]["hits"]
    via = [h for h in hits if h["via"]]
    assert via and any("benzodiazepines" in v for h in via for v in h["via"])
    assert any(h["location"] == "safety › interactions" and h["passage"].startswith("Benzodiazepines") for h in via)


def _statement_classes(kb):
    from kettool.core.model_walk import passages

    return {c for p in passages(kb) for c in p.classes}
