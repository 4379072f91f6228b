"""A Words vocabulary behaves like the `(str, Enum)` class it replaced wherever kettool and its users meet it."""

from __future__ import annotations

import copy
import pickle
from enum import Enum

import pytest

from kettool.core import vocabulary
from kettool.core.answer_kind import Kind
from kettool.core.plain_data import compact_json, to_data
from kettool.core.vocabulary import Certainty, DesignType, Measure
from kettool.core.words import Word, Words

VOCABULARIES = [v for v in vars(vocabulary).values() if isinstance(v, type) and issubclass(v, Word) and v is not Word]


class EnumCertainty(str, Enum):
    """The enum Certainty was, to compare with."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"


def test_every_vocabulary_is_a_words_class():
    assert len(VOCABULARIES) >= 9
    assert not [v for v in vars(vocabulary).values() if isinstance(v, type) and issubclass(v, Enum)]
    assert issubclass(Kind, Words)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_members_are_found_by_value_and_are_the_words_themselves(vocabulary):
    assert len(vocabulary) == len(list(vocabulary)) > 1
    for member in vocabulary:
        assert vocabulary(member.value) is member
        assert vocabulary(member) is member
        assert member == member.value and isinstance(member, str)
        assert getattr(vocabulary, member.name) is member
        assert vocabulary.__members__[member.name] is member
        assert member in vocabulary


def test_a_word_outside_the_vocabulary_is_a_value_error_as_with_an_enum():
    for value in ("certain", None, ["high"], 4):
        with pytest.raises(ValueError) as words_error:
            Certainty(value)
        with pytest.raises(ValueError) as enum_error:
            EnumCertainty(value)
        assert str(words_error.value) == str(enum_error.value).replace("EnumCertainty", "Certainty")


def test_text_forms_match_the_enum():
    for words, enum in zip(Certainty, EnumCertainty, strict=True):
        assert str(words) == str(enum).replace("EnumCertainty", "Certainty")
        assert f"{words}" == f"{enum}".replace("EnumCertainty", "Certainty")
        assert repr(words) == repr(enum).replace("EnumCertainty", "Certainty")
        assert hash(words) == hash(enum.value)
    assert [m.value for m in Certainty] == [m.value for m in EnumCertainty]


def test_copies_and_pickles_are_the_member_itself():
    member = DesignType.CROSSOVER_RCT
    assert copy.copy(member) is member
    assert copy.deepcopy({"d": member})["d"] is member
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(member, protocol)) is member


def test_properties_and_class_methods_work_on_members():
    assert Certainty.VERY_LOW.rank == 1 and Certainty.of_rank(9) is Certainty.HIGH
    assert Measure.RISK_RATIO.is_ratio and not Measure.MEAN_DIFFERENCE.is_ratio
    assert DesignType.RCT.is_randomized and not DesignType.OPEN_LABEL.is_randomized


def test_words_become_their_values_in_data_and_json():
    assert to_data((Certainty.LOW, Kind.SEARCH)) == ["low", "search"]
    assert compact_json(Certainty.VERY_LOW) == '"very-low"'
    assert not isinstance(Certainty.LOW, Enum)  # so to_data and the walks must know Word too
