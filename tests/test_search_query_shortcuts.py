"""The query reader's shortcuts for plain words read every query as its regular expressions would."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from kettool.core import search_query
from kettool.core.search_query import QuerySyntaxError, parse

# Letters of several scripts, digits of several kinds, the characters the query language gives a
# meaning to, and spaces of several kinds (no-break, ideographic, the separators str.split knows).
ALPHABET = st.sampled_from(list('aZé_9٣Ⅻ²ñ日"(),*-.: \t\n\u00a0\u3000\u2028\x1c\x1fORNEAT'))
QUERIES = st.text(ALPHABET, max_size=30)
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)


def outcome(text: str) -> object:
    """What parse() makes of a query: the Query, or the message it is refused with."""
    try:
        return parse(text)
    except QuerySyntaxError as error:
        return ("refused", str(error))


def outcome_by_patterns(text: str) -> object:
    """outcome() with the shortcuts taken away: every token and word read by the regular expressions."""
    saved = search_query._SYNTAX, search_query._is_word
    search_query._SYNTAX = frozenset(text)  # never disjoint from the text: the token pattern reads it
    search_query._is_word = lambda token: re.fullmatch(search_query._WORDS, token) is not None
    try:
        return outcome(text)
    finally:
        search_query._SYNTAX, search_query._is_word = saved


@given(WORDS)
@example("a_b")
@example("٣")
@example("Ⅻ")
@example("")
def test_the_word_test_is_a_full_match_of_word_characters(word):
    assert search_query._is_word(word) == (re.fullmatch(r"\w+", word) is not None)


@given(QUERIES)
@example("blood pressure")
@example("ketamine\u2028bladder")
@example("x\x1cy")
@example('dissociat* OR "blood pressure"')
def test_every_query_reads_as_the_patterns_read_it(text):
    assert outcome(text) == outcome_by_patterns(text)


def test_the_pattern_reading_can_disagree_with_a_wrong_shortcut():
    # The comparison above would catch a shortcut that splits on something the token pattern keeps.
    saved = search_query._is_word
    search_query._is_word = lambda token: True
    try:
        assert outcome("5-HT") != outcome_by_patterns("5-HT")
    finally:
        search_query._is_word = saved
