"""The bundled knowledge base: schema-valid, fully cited, and every study identifiable."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from kettool.core.kb_files import bundled_data_dir
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.models import DesignType

KB_DIR = bundled_data_dir() / "kb"
KB_FILES = sorted(KB_DIR.rglob("*.yaml"))
RESEARCH = {d for d in DesignType if d not in (DesignType.LABEL, DesignType.REGULATORY)}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(KbSettings())


@pytest.mark.parametrize("path", KB_FILES, ids=lambda p: str(p.relative_to(KB_DIR)))
def test_bundled_file_validates_against_the_kb_schema(path):
    import jsonschema

    schema = json.loads((bundled_data_dir() / "kb.schema.json").read_text(encoding="utf-8"))
    loader = type("NoDates", (yaml.SafeLoader,), {})
    loader.yaml_implicit_resolvers = {
        k: [(t, r) for t, r in v if t != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_every_study_is_cited_by_something(kb):
    assert kb.warnings == ()


def test_every_study_has_a_primary_link_or_says_why_not(kb):
    for s in kb.studies.values():
        assert s.doi or s.pmid or s.url or (s.sources and "No primary page checked" in (s.notes or "")), s.id


def test_identifiers_have_the_right_syntax(kb):
    for s in kb.studies.values():
        assert s.doi is None or re.fullmatch(r"10\.\d{4,9}/\S+", s.doi), s.id
        assert s.pmid is None or s.pmid.isdigit(), s.id


def test_no_two_studies_share_a_doi_or_pmid(kb):
    for field in ("doi", "pmid"):
        values = [getattr(s, field).casefold() for s in kb.studies.values() if getattr(s, field)]
        assert len(values) == len(set(values)), field


def test_kb_has_enough_studies_with_checked_identifiers(kb):
    assert len(kb.studies) >= 45
    assert sum(1 for s in kb.studies.values() if s.doi or s.pmid) >= 40


@pytest.mark.xfail(
    reason="known gap (issue 11): 12 research records have no DOI or PMID that two stored pages agree on, "
    "nor one seen once and kept as unchecked, nor a DOI shown on a PubMed or publisher page (the target is at most 5); "
    "strict xfail, so the marker must go once they are checked",
    strict=True,
)
def test_at_most_five_research_studies_rest_on_a_url_alone(kb):
    url_only = [s.id for s in kb.studies.values() if s.design_type in RESEARCH and not (s.doi or s.pmid)]
    assert len(url_only) <= 5, url_only


def test_kb_covers_the_required_conditions(kb):
    ids = {c.id for c in kb.conditions}
    assert len(ids) >= 9
    assert {
        "depression",
        "suicidal-ideation",
        "bipolar-depression",
        "anxiety",
        "ptsd",
        "ocd",
        "alcohol-use-disorder",
        "substance-use-disorders",
    } <= ids


@pytest.mark.parametrize("field", ["profiles", "regulatory_summary", "last_reviewed"])
def test_every_condition_has(kb, field):
    assert all(getattr(c, field) for c in kb.conditions)


def test_every_condition_has_three_findings_and_regulatory_status(kb):
    for c in kb.conditions:
        assert len(c.findings) >= 3, c.id
        assert c.regulatory_status, c.id


def test_kb_has_version_and_review_date(kb):
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", kb.meta.version)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", kb.meta.reviewed)


def test_seed_article_corrections_are_in_the_kb(kb):
    glue = [kb.studies[i] for i in ("glue2017", "glue2018", "glue2020_replication")]
    assert all(s.journal == "Journal of Psychopharmacology" for s in glue)
    assert kb.studies["feder2021"].journal == "American Journal of Psychiatry"
    assert kb.studies["abdallah2022"].journal == "Neuropsychopharmacology"
    verdicts = {c.verdict for c in kb.overview.claims_checked}
    assert "misattributed" in verdicts


def test_popular_claims_checked_cover_the_seed_article(kb):
    text = " ".join(c.claim.casefold() for c in kb.overview.claims_checked)
    for topic in ("glutamate", "anxiety", "ptsd", "side effects"):
        assert topic in text, topic


def directness(kb, condition_id: str) -> dict[str, set[str]]:
    """For each study a condition's profiles list, how it is marked (direct, indirect or both)."""
    marks: dict[str, set[str]] = {}
    for profile in next(c for c in kb.conditions if c.id == condition_id).profiles:
        for entry in profile.studies:
            marks.setdefault(entry.study, set()).add(entry.directness.value)
    return marks


def test_mixed_diagnosis_trials_are_never_direct_evidence_for_bipolar_depression(kb):
    marks = directness(kb, "bipolar-depression")
    assert marks["abbar2022"] == {"indirect"}  # suicidal ideation, about a third bipolar
    assert marks["jelovac2025"] == {"indirect"}  # unipolar and bipolar inpatients, no bipolar subgroup


def test_a_trd_trial_that_did_not_select_for_suicidal_ideation_is_indirect_for_it(kb):
    assert directness(kb, "suicidal-ideation")["murrough2013"] == {"indirect"}


def test_every_profile_mixes_no_formulations(kb):
    for condition in kb.conditions:
        for profile in condition.profiles:
            for entry in profile.studies:
                if entry.directness.value == "direct":
                    drugs = set(kb.studies[entry.study].drugs) - {"comparator-only"}
                    assert not drugs or profile.drug in drugs, (condition.id, profile.id, entry.study, drugs)


# Direct studies whose effect sizes no source page read so far reports (abstracts without estimates, or
# figures seen only on secondary pages): their profiles show no relative effect. Shrink this set, never grow it.
DIRECT_WITHOUT_OUTCOMES = {
    "can2021_oktos",
    "dakwar2020",
    "glue2020_replication",
    "jovaisa2006",
    "krupitsky2002",
    "yoon2025_rct",
    "zarate2006",
}


def test_every_study_a_profile_rests_on_directly_has_structured_outcomes(kb):
    missing = {
        entry.study
        for c in kb.conditions
        for p in c.profiles
        for entry in p.studies
        if entry.directness.value == "direct" and not kb.studies[entry.study].outcomes
    }
    assert missing <= DIRECT_WITHOUT_OUTCOMES, missing - DIRECT_WITHOUT_OUTCOMES


def test_every_displayed_link_is_on_a_primary_host(kb):
    from kettool.core.primary_hosts import primary_host

    wrong = {s.id: s.link for s in kb.studies.values() if s.link and primary_host(s.link) is None}
    assert not wrong, wrong


def test_every_allowed_host_says_why_it_is_a_primary_source():
    from kettool.core.primary_hosts import PRIMARY_HOSTS, primary_host

    assert all(reason.strip() for reason in PRIMARY_HOSTS.values())
    assert primary_host("https://pubmed.ncbi.nlm.nih.gov/35046508/") == "pubmed.ncbi.nlm.nih.gov"
    assert primary_host("https://pmc.ncbi.nlm.nih.gov/articles/PMC10979792") == "ncbi.nlm.nih.gov"
    for copy in (
        "https://meddatax.com/x",
        "https://www.researchgate.net/x",
        "http://123.45.67.89/pubmed/1",
        "https://fda.gov.example.com/x",
        "https://texasspravato.com/label",
    ):
        assert primary_host(copy) is None, copy


def test_no_data_file_names_a_path_outside_the_repository():
    for path in (bundled_data_dir() / "kb").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "/work/" not in text and "../shared" not in text, path


def test_every_record_says_when_it_was_last_checked(kb):
    assert all(s.checked and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.checked) for s in kb.studies.values())


def test_no_bundled_record_links_through_an_identifier_it_lists_as_unchecked(kb):
    built_from_unchecked = {
        s.id: s.link
        for s in kb.studies.values()
        if ("doi" in s.unchecked_fields and s.doi and s.link == f"https://doi.org/{s.doi}")
        or ("pmid" in s.unchecked_fields and s.pmid and s.link == f"https://pubmed.ncbi.nlm.nih.gov/{s.pmid}/")
    }
    assert not built_from_unchecked, built_from_unchecked


def test_kettool_study_marks_an_identifier_seen_in_one_place(kettool):
    result = kettool("study", "abdallah2018_13c")
    assert result.exit_code == 0
    assert "29977074 (unchecked: seen in one place only)" in result.stdout
    assert "https://doi.org/10.1038/s41386-018-0136-3" in result.stdout
