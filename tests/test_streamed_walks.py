"""Walks over every record (the search index, the YAML export) build one record at a time and keep none."""

from __future__ import annotations

import yaml

from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.models import Each
from kettool.core.questions import export
from kettool.core.search_build import index_rows
from kettool.render.yaml_format import pieces


def loaded():
    """The bundled KB as a command gets it: read from its cached parts, nothing built yet."""
    return load_knowledge_base(KbSettings())


def kept(kb) -> tuple[int, int, int]:
    """How many conditions, studies and parsed pieces the KB holds on to."""
    conditions = len(kb._sections.get("conditions", ())) + len(kb._sections.get("condition_at", {}))
    return conditions, len(kb.studies._built), len(kb._parts._parsed)


def test_building_the_search_rows_keeps_no_condition_or_study():
    kb = loaded()
    rows = list(index_rows(kb))
    assert len(rows) > 1000
    conditions, studies, pieces_kept = kept(kb)
    assert (conditions, studies) == (0, 0)
    assert pieces_kept <= 5  # the sections (meta, drugs, ...), which are one record each


def test_the_search_rows_are_the_same_whether_records_were_built_before_or_not():
    fresh = list(index_rows(loaded()))
    kb = loaded()
    assert kb.conditions and list(kb.studies.values())  # everything built and kept first
    assert list(index_rows(kb)) == fresh


def test_the_yaml_export_keeps_no_condition_or_study_and_loads_back_whole():
    kb = loaded()
    text = "".join(pieces(export(kb)))
    assert kept(kb)[:2] == (0, 0)
    document = yaml.safe_load(text)
    assert [c["id"] for c in document["conditions"]] == [name[0] for name in kb.condition_names()]
    assert [s["id"] for s in document["studies"]] == list(kb.studies)


def test_a_list_read_one_at_a_time_can_be_walked_again():
    kb = loaded()
    conditions = dict(kb.document_sections())["conditions"]
    assert type(conditions) is Each and len(conditions) == kb._parts.condition_count()
    first, second = [c.id for c in conditions], [c.id for c in conditions]
    assert first == second and len(first) == len(conditions)


def test_a_study_is_cited_by_the_same_places_as_a_walk_over_every_passage_finds():
    from kettool.core.evidence import conditions_citing
    from kettool.core.model_walk import citing_passages, passages

    kb = loaded()
    everything = list(passages(loaded()))
    by_condition = conditions_citing(loaded())
    checked = 0
    for study_id in kb.studies:
        assert citing_passages(kb, study_id) == [p for p in everything if study_id in p.cites]
        assert conditions_citing(kb, [study_id]).get(study_id, []) == by_condition.get(study_id, [])
        checked += bool(by_condition.get(study_id))
    assert checked > 50  # most studies are cited by some condition: the comparison is not of empties


def test_looking_up_one_study_builds_only_that_study():
    from kettool.core.lookup import find_study

    kb = loaded()
    some_id = list(kb.studies)[7]
    assert find_study(kb, some_id.upper()).id == some_id
    assert list(kb.studies._built) == [some_id]


def test_interactions_by_name_find_what_a_walk_over_every_passage_finds(monkeypatch):
    from kettool.core import interactions as module
    from kettool.core.model_walk import passages

    kb = loaded()
    names = [d.name for d in kb.drugs.names]
    assert len(names) >= 150
    asked = [names[i : i + 8] + ["not-a-drug"] for i in range(0, len(names), 8)]  # every name, 8 at a time
    quick = [module.interactions(kb, group) for group in asked]
    # The same questions with the walk told nothing: every record of the KB built and walked.
    monkeypatch.setattr(module, "passages", lambda kb, naming=None: passages(kb))
    full = [module.interactions(kb, group) for group in asked]
    assert quick == full
    assert sum(len(d.entries) for report in quick for d in report.drugs) > len(names)


def test_studies_of_each_condition_list_the_same_citing_conditions_as_the_whole_kb_gives():
    from kettool.core.evidence import conditions_citing
    from kettool.core.questions import studies
    from kettool.core.study_filter import StudyFilter

    everything = conditions_citing(loaded())
    kb = loaded()
    filters = [StudyFilter(condition=name[0]) for name in kb.condition_names()]
    filters += [StudyFilter(design="meta-analysis"), StudyFilter(drug="esketamine"), StudyFilter(year_from=2024)]
    short = 0
    for wanted in filters:
        rows = studies(loaded(), wanted).data.rows
        assert [r.conditions for r in rows] == [tuple(everything.get(r.study.id, ())) for r in rows]
        short += 0 < len(rows) <= 16
    assert short >= 3  # the short-list path was taken, not only the whole-KB one
