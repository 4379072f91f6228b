"""One generic walk finds every citation and every passage, so a new field needs no code to be cited or searched."""

from __future__ import annotations

from collections import namedtuple

import pytest

from kettool.core import questions
from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.model_walk import cited_ids, cites_in, passages
from kettool.core.models import Claim, Condition, DesignType, Study
from kettool.core.search_build import build_in_memory
from kettool.core.study_filter import StudyFilter
from kettool.render.formats import OutputFormat, render
from tests.conftest import TINY_KB

NEW_STUDY = Study(
    id="brown2024",
    title="A trial only the new field cites",
    design_type=DesignType.RCT,
    key_result="As reported.",
    authors=("Brown A",),
    year=2024,
    n=12,
)
NEW_TEXT = "Zygomorphic caveat that no other passage holds."


@pytest.fixture(scope="module")
def kb_with_a_new_field(tmp_path_factory):
    """The tiny KB whose depression entry has a field the models did not have: `caveats`, a list of claims."""
    kb = load_knowledge_base(KbSettings(kb_path=TINY_KB, cache_dir=tmp_path_factory.mktemp("cache")))
    # A Condition with one more field, as a contributor would add it to models.py (same class name).
    extended = namedtuple("Condition", [*Condition._fields, "caveats"], defaults=((),))  # noqa: PYI024
    new = extended(*kb.conditions[0], caveats=(Claim(NEW_TEXT, (NEW_STUDY.id,)),))
    return kb._replace(conditions=(new, *kb.conditions[1:]), studies={**kb.studies, NEW_STUDY.id: NEW_STUDY})


def test_cite_condition_includes_the_new_fields_citations(kb_with_a_new_field):
    answer = questions.citations(kb_with_a_new_field, [], "depression")
    assert NEW_STUDY.id in [s.id for s in answer.data.studies]
    assert "{brown2024," in render(answer, OutputFormat.BIBTEX)


def test_studies_for_a_condition_include_the_new_fields_citations(kb_with_a_new_field):
    rows = questions.studies(kb_with_a_new_field, StudyFilter(condition="depression")).data.rows
    assert NEW_STUDY.id in [row.study.id for row in rows]
    assert next(row for row in rows if row.study.id == NEW_STUDY.id).conditions == ("depression",)


def test_study_names_the_new_field_among_the_places_that_cite_it(kb_with_a_new_field):
    detail = questions.study(kb_with_a_new_field, NEW_STUDY.id).data
    assert detail.cited_by == ("condition depression › caveats",)
    assert detail.conditions == ("depression",)


def test_condition_answer_resolves_the_new_fields_citations(kb_with_a_new_field):
    cited = questions.condition(kb_with_a_new_field, "depression").data
    assert NEW_STUDY.id in cited.studies


def test_search_finds_the_new_fields_text(kb_with_a_new_field):
    result = build_in_memory(kb_with_a_new_field, "test").search("zygomorphic")
    assert [hit.location for hit in result.hits] == ["condition depression › caveats"]
    assert result.hits[0].passage == NEW_TEXT


def test_profile_studies_are_citations_like_any_other(kb_with_a_new_field):
    profile_studies = {e.study for c in kb_with_a_new_field.conditions for p in c.profiles for e in p.studies}
    cited = {i for c in kb_with_a_new_field.conditions for i in cited_ids(c)}
    assert profile_studies and profile_studies <= cited


def test_cites_in_reads_plain_data_and_models_alike():
    data = {"a": [{"cites": ["x", "y"]}, {"b": {"cites": ["z"]}}]}
    assert list(cites_in(data)) == [(("a", 0, "cites"), ["x", "y"]), (("a", 1, "b", "cites"), ["z"])]
    assert cited_ids(Claim("t", ("x", "y", "x"))) == ["x", "y"]


def test_every_passage_of_the_bundled_kb_has_text_and_a_location():
    kb = load_knowledge_base(KbSettings())
    found = list(passages(kb))
    assert len(found) > 1000
    assert all(p.text.strip() and p.location and p.path for p in found)
    # Identifiers and bookkeeping are not prose.
    assert not [p for p in found if p.path[-1] in ("id", "cites", "doi", "url", "unchecked")]
