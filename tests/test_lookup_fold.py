"""Names are folded for lookup as the pattern that replaced every run of other characters by one space folds them."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from kettool.core.lookup import normalize


@given(st.text(st.characters(max_codepoint=127), max_size=30))
@example("Post-Traumatic  stress__disorder!")
@example("\x1c\x1d\x1e\x1f")
def test_an_ascii_name_is_folded_as_the_pattern_folds_it(name):
    assert normalize(name) == re.sub(r"[^0-9a-z]+", " ", name.lower()).strip()
