"""The fast YAML writer writes exactly what yaml.safe_dump writes, whatever the text, nesting and line width."""

from __future__ import annotations

from enum import Enum

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kettool.core.plain_data import to_source_data
from kettool.core.record_base import Record
from kettool.render.yaml_plain import PlainYamlWriter, Unsupported


class Colour(str, Enum):
    """An enum field, written as its value."""

    RED = "red"
    YES = "yes"


class Leaf(Record):
    """A record with every kind of scalar, some at defaults."""

    text: str
    number: float | int | None = None
    flag: bool = False
    colour: Colour = Colour.RED
    words: tuple[str, ...] = ()


class Branch(Record):
    """A record holding records, tuples of them and tuples of tuples."""

    name: str
    leaves: tuple[Leaf, ...] = ()
    first: Leaf | None = None
    grid: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()


# Characters that change PyYAML's choice of style or where it folds a line.
_TRICKY = [" ", " ", " ", ":", "#", "'", '"', "-", "?", ",", "[", "{", "&", "!", "|", ">", "%", "@", "`", "."]
_TRICKY += ["\t", "\n", "\xa0", "\ufeff", "\ud800", "é", "≥", "\U0001f600"]
# Characters has_unsafe finds send the whole document to PyYAML: rare, so that most examples compare.
_UNSAFE = ["\r", "\x85", "\u2028", "\u202e", "\x7f", "\x01"]
_WORDS = ["a", "word", "longerword", "yes", "No", "null", "~", "1", "0.5", "1e3", "2024-01-01", "---", "...", "="]
text = st.lists(st.sampled_from(_TRICKY + _WORDS + ["x" * 40]), max_size=40).map("".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text)
leaf = st.builds(
    Leaf,
    text=text,
    number=st.one_of(st.none(), st.integers(), st.floats()),
    flag=st.booleans(),
    colour=st.sampled_from(Colour),
    words=st.lists(text, max_size=3).map(tuple),
)
branch = st.builds(
    Branch,
    name=text,
    leaves=st.lists(leaf, max_size=3).map(tuple),
    first=st.one_of(st.none(), leaf),
    grid=st.lists(st.lists(text, max_size=2).map(tuple), max_size=2).map(tuple),
    notes=st.lists(text, max_size=3).map(tuple),
)


def written(sections: list[tuple[str, object]]) -> str | None:
    """The writer's document, or None when it leaves this one to PyYAML."""
    writer = PlainYamlWriter()
    try:
        document = "".join(writer.document(sections))
    except Unsupported:
        return None
    return None if writer.unsafe else document


def dumped(sections: list[tuple[str, object]]) -> str:
    """What yaml.safe_dump writes for the same sections, converted as the YAML export converts them."""
    document = {name: to_source_data(value) for name, value in sections}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


@settings(max_examples=150, deadline=None)
@given(st.lists(branch, max_size=3), leaf, st.lists(scalar, max_size=4))
def test_writes_what_safe_dump_writes(branches, one, scalars):
    sections = [("branches", branches), ("one", one), ("scalars", scalars), ("empty", [])]
    document = written(sections)
    if document is not None:
        assert document == dumped(sections)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["word", "a", "longerword", "'", "x" * 30]), min_size=1, max_size=60), st.integers(1, 3)
)
def test_folds_long_prose_where_safe_dump_does(words, spaces):
    prose = (" " * spaces).join(words)
    sections = [("deep", [Branch(name=prose, notes=(prose, "'" + prose), leaves=(Leaf(text=prose),))])]
    assert written(sections) == dumped(sections)


def test_leaves_text_with_unsafe_characters_to_pyyaml():
    for char in _UNSAFE:
        assert written([("one", Leaf(text=f"unsafe {char} text"))]) is None
    assert written([("one", Leaf(text="tab\tand newline\nare safe"))]) is not None


def test_leaves_unknown_values_to_pyyaml():
    assert written([("one", Leaf(text="x", number={"a": 1}))]) is None  # type: ignore[arg-type]


def test_export_without_the_answer_cache_writes_what_pyyaml_wrote(kettool):
    import kettool.render.yaml_format as yaml_format
    from kettool.core import questions
    from kettool.core.knowledge_base import KbSettings, load_knowledge_base

    streamed = kettool("export", "--format", "yaml", env={"KETTOOL_NO_ANSWER_CACHE": "1"}).stdout
    kb = load_knowledge_base(KbSettings())
    answer = questions.export(kb)
    assert streamed == yaml_format.render(answer)
    assert streamed.split("\n", 1)[1] == yaml_format._pyyaml(answer, "utf8")


def test_export_without_room_for_a_temporary_file_holds_the_pieces_in_memory(monkeypatch):
    import tempfile

    import kettool.render.yaml_format as yaml_format
    from kettool.core import questions
    from kettool.core.knowledge_base import KbSettings, load_knowledge_base

    answer = questions.export(load_knowledge_base(KbSettings()))
    expected = yaml_format.render(answer)

    def refused(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", refused)
    assert yaml_format.render(answer) == expected
