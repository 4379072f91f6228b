"""Knowledge-base fuzzing: any file is loaded or rejected with located problems, never a crash.

Two sources of broken files: the tiny KB as plain data with random structural mutations (dropped
fields, changed types, junk keys and values, duplicated entries, replaced ids), and the tiny KB's
YAML text with random characters and lines inserted, deleted or duplicated.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kettool.core.errors import KnowledgeBaseError
from kettool.core.kb_checks import check_layers
from kettool.core.kb_files import Layer
from kettool.core.models import KnowledgeBase
from tests.conftest import TINY_KB

TINY_TEXT = (TINY_KB / "kb.yaml").read_text(encoding="utf-8")
TINY_DATA = yaml.load(TINY_TEXT, Loader=yaml.CSafeLoader)
IDS = [
    "depression",
    "ptsd",
    "smith2020",
    "jones2021",
    "label",
    "side-effects",
    "monitoring",
    "disinhibition",
    "racemic",
    "s-ketamine",
]
# Problems about a whole file (or the whole KB) have no line to point at.
WHOLE_FILE = ("file is empty", "looks binary", "UTF-16", "the limit is", "no file defines", "cannot read")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(IDS),
    st.sampled_from(["", " ", "high", "rct", "2026-01-02", "10.1/x"]),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)),
    max_leaves=8,
)


def containers(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every dict and list inside value, the root included."""
    found = [path] if isinstance(value, (dict, list)) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found += containers(item, path + (key,))
    return found


def at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value


@st.composite
def mutated_kbs(draw) -> Any:
    data = copy.deepcopy(TINY_DATA)
    for _ in range(draw(st.integers(1, 6))):
        paths = containers(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        target = at(data, path)
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        operation = draw(st.sampled_from(["drop", "retype", "junk-key", "duplicate", "replace-id", "swap-root"]))
        event(operation)
        if operation == "swap-root":
            data = draw(st.one_of(junk, st.just({}), st.just([]), st.just(None)))
        elif operation == "junk-key":
            key = draw(
                st.one_of(
                    st.text(max_size=12),
                    st.sampled_from(["id", "cites", "meta", "studies", "name"]),
                    st.integers(),
                    st.booleans(),
                    st.none(),
                )
            )
            if isinstance(target, dict):
                target[key] = draw(junk)
            else:
                target.insert(draw(st.integers(0, len(target))), draw(junk))
        elif not keys:
            continue
        elif operation == "drop":
            del target[draw(st.sampled_from(keys))]
        elif operation == "retype":
            key = draw(st.sampled_from(keys))
            old = target[key]
            target[key] = draw(
                st.one_of(
                    junk,
                    st.just(str(old)),
                    st.just([old]),
                    st.just({"x": old}),
                    st.just(None),
                    st.just(True),
                    st.just(7),
                )
            )
        elif operation == "duplicate":
            if isinstance(target, list):
                target.append(copy.deepcopy(target[draw(st.sampled_from(keys))]))
            else:
                key = draw(st.sampled_from(keys))
                target[key + "_copy" if isinstance(key, str) else key] = copy.deepcopy(target[key])
        elif operation == "replace-id":
            if isinstance(target, dict) and "id" in target:
                target["id"] = draw(st.one_of(st.sampled_from(IDS), st.text(max_size=12), junk))
            elif isinstance(target, dict) and "cites" in target:
                target["cites"] = draw(st.lists(st.one_of(st.sampled_from(IDS), st.text(max_size=8)), max_size=3))
    return data


def check_file(path: Path) -> str:
    """Load one file as a whole KB; return 'valid' or 'rejected', failing on anything but a located rejection."""
    lines = path.read_bytes().count(b"\n") + 1
    try:
        checked = check_layers([Layer("fuzz", (path,))])
    except KnowledgeBaseError as error:
        assert error.problems, "a rejection names at least one problem"
        for problem in error.problems:
            assert isinstance(problem.file, str) and problem.file, problem
            assert isinstance(problem.message, str) and problem.message.strip(), problem
            if problem.file == str(path) and not any(w in problem.message for w in WHOLE_FILE):
                assert isinstance(problem.line, int), f"no line for a problem inside the file: {problem}"
                assert 1 <= problem.line <= lines, f"line {problem.line} outside the file's {lines}: {problem}"
            str(problem)  # printable
        return "rejected"
    # What the checker accepts, the models must be able to hold.
    KnowledgeBase.from_data(checked.data, checked.warnings)
    return "valid"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-kb") / "kb.yaml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(data=mutated_kbs())
def test_mutated_kb_data_is_loaded_or_rejected_with_located_problems(data, scratch):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    event(check_file(write(scratch, text)))


YAML_BITS = [
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a",
    "*a",
    "!!python/object:os.system",
    "!tag",
    "|",
    ">",
    "'",
    '"',
    "#",
    "%YAML 1.1",
    "---",
    "...",
    "? ",
    "<<: ",
    "\t",
    "\r",
    "\n",
    "\ufeff",
    "\x85",
    "\u2028",
    "~",
    "null",
    "yes",
    "2026-01-02",
    "0x1F",
    "1e999",
    ".inf",
    "\\",
    "@",
    "`",
    "\x07",
    "\x1b",
]
snippets = st.one_of(
    st.sampled_from(YAML_BITS), st.text(max_size=6), st.text(st.characters(blacklist_categories=("Cs",)), max_size=3)
)


@st.composite
def mutated_texts(draw) -> str:
    text = TINY_TEXT
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["insert", "insert-line", "delete", "duplicate-line", "indent"]))
        where = draw(st.integers(0, len(text)))
        if operation == "insert":
            text = text[:where] + draw(snippets) + text[where:]
        elif operation == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)) :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            if operation == "insert-line":
                lines.insert(i, "".join(draw(st.lists(snippets, max_size=5))))
            elif operation == "duplicate-line":
                lines.insert(i, lines[i])
            else:
                lines[i] = draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[i]
            text = "\n".join(lines)
    return text


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(text=mutated_texts())
def test_mutated_kb_text_is_loaded_or_rejected_with_located_problems(text, scratch):
    event(check_file(write(scratch, text)))


@pytest.mark.parametrize(
    "snippet", ["\x07", "\x1b", "\x00", "\x85", "\ufeff", "\u2028", "\x7f", "\x9b"], ids=lambda s: f"U+{ord(s):04X}"
)
def test_raw_control_character_in_a_value_is_rejected_with_its_line(tmp_path, snippet):
    text = TINY_TEXT.replace("summary: Mixed results.", f"summary: Mixed{snippet} results.")
    line = text[: text.index("Mixed")].count("\n") + 1
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        checked = check_layers([Layer("fuzz", (path,))])
    except KnowledgeBaseError as error:
        located = [p for p in error.problems if p.line is not None]
        if "binary" not in str(error):
            assert located, f"no line given: {[str(p) for p in error.problems]}"
            assert located[0].line == line, str(located[0])
        return
    KnowledgeBase.from_data(checked.data, checked.warnings)
