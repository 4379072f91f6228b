"""Search on SQLite FTS5: what a new user types finds what the KB says, and a broken query is explained."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from kettool.core.knowledge_base import KbSettings, load_knowledge_base
from kettool.core.search_index import IndexRow, SearchIndex, write_index
from kettool.core.search_query import QuerySyntaxError, parse


def hits(kettool, *query: str) -> list[dict]:
    result = kettool("search", *query, "--limit", "50", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["data"]["hits"]


def total(kettool, *query: str) -> int:
    result = kettool("search", *query, "--json")
    return json.loads(result.stdout)["data"]["total"]


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(KbSettings())


def test_search_aneurysm_finds_the_contraindication_on_aneurysmal_disease(kettool):
    assert any("aneurysmal vascular disease" in h["passage"] for h in hits(kettool, "aneurysm"))


def test_search_vomit_finds_vomiting(kettool):
    found = hits(kettool, "vomit")
    assert any("Vomiting" in h["passage"] for h in found)
    assert all(h["passage"][s:e].lower().startswith("vomit") for h in found for s, e in h["spans"])


def test_search_finds_a_study_by_its_registry_number(kettool, kb):
    study = next(s for s in kb.studies.values() if s.registry and s.registry.startswith("NCT"))
    number = study.registry.split()[0]
    assert hits(kettool, number)[0]["path"][:2] == ["study", study.id]


@pytest.mark.parametrize("field", ["id", "doi", "pmid"])
def test_search_finds_a_study_by_its_identifiers(kettool, kb, field):
    study = next(s for s in kb.studies.values() if s.doi and s.pmid and s.id.isalnum())
    found = hits(kettool, getattr(study, field))
    assert ["study", study.id] in [h["path"][:2] for h in found]


def test_unquoted_words_are_one_query(kettool):
    assert hits(kettool, "blood", "pressure") == hits(kettool, "blood pressure")


def test_a_quoted_phrase_finds_only_the_words_together(kettool):
    phrase = hits(kettool, '"blood pressure"')
    # "blood-pressure" is the phrase too: the tokenizer splits words at punctuation.
    assert phrase and all("blood pressure" in re.sub(r"\W+", " ", h["passage"].lower()) for h in phrase)
    assert total(kettool, '"blood pressure"') <= total(kettool, "blood pressure")


def test_a_star_finds_every_word_with_that_start(kettool):
    words = {h["passage"][s:e].lower() for h in hits(kettool, "dissociat*") for s, e in h["spans"]}
    assert {"dissociation", "dissociative"} <= words


def test_or_finds_either_word_and_not_leaves_one_out(kettool):
    assert total(kettool, "cystitis OR bladder") >= max(total(kettool, "cystitis"), total(kettool, "bladder"))
    without = hits(kettool, "bladder NOT cystitis")
    assert without and not any("cystitis" in h["passage"].lower() for h in without)


def test_near_finds_both_words_close_together(kettool):
    found = hits(kettool, "NEAR(ketamine bladder, 10)")
    for hit in found:
        words = re.findall(r"\w+", hit["passage"].lower())
        assert any(w.startswith("ketamin") for w in words) and any(w.startswith("bladder") for w in words)
    assert found


@pytest.mark.parametrize(
    "query",
    ['"blood pressure', "ketamine OR", "OR ketamine", "(ketamine", "ketamine)", "NEAR(ketamine)", "NEAR(a b,", '""'],
)
def test_a_malformed_query_is_a_usage_error_that_says_what_is_wrong(kettool, query):
    result = kettool("search", query)
    assert result.exit_code == 2
    assert "Invalid value for QUERY" in result.stderr and "Traceback" not in result.stderr
    assert "fts5" not in result.stderr.lower() and "sqlite" not in result.stderr.lower()


@pytest.mark.parametrize("query", ["col:ketamine", "5-HT", "^ketamine", "ketamine, esketamine", "10.1001/x.y"])
def test_fts5_syntax_characters_in_words_are_read_as_text(kettool, query):
    assert kettool("search", query).exit_code in (0, 1)


def test_a_nul_byte_in_a_query_is_refused_with_a_message():
    with pytest.raises(QuerySyntaxError, match="NUL"):
        parse("ketamine\x00")


def test_fullwidth_letters_read_as_the_letters_they_show(kettool):
    assert hits(kettool, "ＰＴＳＤ") == hits(kettool, "PTSD")


def test_a_misspelling_gets_suggestions_from_the_index_vocabulary(kettool):
    result = kettool("search", "dissociaton")
    assert result.exit_code == 1 and "Did you mean: dissociation" in result.stderr


def test_100_kb_of_words_is_refused_with_a_clear_message(kettool):
    result = kettool("search", "ketamine " * 12_000)
    assert result.exit_code == 2 and "at most" in result.stderr


def test_kb_text_ranks_above_the_same_words_in_a_study_record():
    db = sqlite3.connect(":memory:")
    same = "Esketamine raised blood pressure in the trial."
    rows = [
        IndexRow("", same, "", "", "study s › key result", "study\x1fs", ""),
        IndexRow(same, "", "", "", "safety › monitoring", "safety\x1fmonitoring", ""),
    ]
    filler = [IndexRow(f"Unrelated text number {i}.", "", "", "", f"other {i}", "other", "") for i in range(20)]
    write_index(db, rows + filler, "k", {})
    found = SearchIndex(db, "k").search("blood pressure").hits
    assert [h.location for h in found] == ["safety › monitoring", "study s › key result"]
    assert found[0].score > found[1].score


def test_an_index_of_another_kb_is_not_read():
    from kettool.core.search_index import IndexDamaged

    db = sqlite3.connect(":memory:")
    write_index(db, [], "one-kb", {})
    with pytest.raises(IndexDamaged):
        SearchIndex(db, "another-kb")


@pytest.mark.cold_cache
def test_an_interrupted_index_build_leaves_no_file_and_the_next_search_builds_it(kettool, isolated_cache, monkeypatch):
    from kettool.core import search_index

    real = search_index.write_index

    def interrupted(connection, rows, key, meta):
        real(connection, [next(iter(rows))], key, meta)
        raise KeyboardInterrupt

    monkeypatch.setattr("kettool.core.search_build.write_index", interrupted)
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")
    assert kettool("search", "ketamine").exit_code != 0  # Click turns the Ctrl-C into "Aborted!"
    assert not list(isolated_cache.rglob("search.sqlite")) and not list(isolated_cache.rglob(".tmp-*"))
    monkeypatch.setattr("kettool.core.search_build.write_index", real)
    assert kettool("search", "ketamine").exit_code == 0
    assert len(list(isolated_cache.rglob("search.sqlite"))) == 1


class NoFts5(sqlite3.Connection):
    """A connection of an SQLite built without FTS5."""

    def execute(self, sql, *args):
        if "fts5" in sql.lower():
            raise sqlite3.OperationalError("no such module: fts5")
        return super().execute(sql, *args)


@pytest.mark.cold_cache
def test_without_fts5_search_scans_says_so_once_and_answers_in_the_same_shape(kettool, monkeypatch, output_validator):
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": NoFts5}))
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")
    result = kettool("search", "blood pressure", "--json")
    assert result.exit_code == 0
    assert result.stderr.count("has no FTS5") == 1
    answer = json.loads(result.stdout)
    output_validator.validate(answer)
    assert answer["data"]["engine"] == "scan"
    assert all(
        h["passage"][s:e].lower() in ("blood", "pressure") for h in answer["data"]["hits"] for s, e in h["spans"]
    )
    assert any("blood pressure" in h["passage"].lower() for h in answer["data"]["hits"][:3])
