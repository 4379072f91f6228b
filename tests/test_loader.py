"""The strict loader: every broken or hostile KB file is rejected with file, line and field."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kettool.core.errors import KnowledgeBaseError
from kettool.core.kb_checks import check_layers
from kettool.core.kb_files import Layer, kb_files
from tests.conftest import INVALID_KB, TINY_KB

INVALID_FILES = sorted(INVALID_KB.glob("*.yaml"))


def expectations(path: Path) -> tuple[str, int | None]:
    """The message and line an invalid file declares in its header comments."""
    text = path.read_text(encoding="utf-8")
    message = re.search(r"^# expect: (.+)$", text, re.M).group(1)
    line = re.search(r"^# line: (\d+)$", text, re.M)
    return message, int(line.group(1)) if line else None


def problems_of(path: Path) -> list:
    """Load the tiny KB extended by `path` and return the problems found."""
    with pytest.raises(KnowledgeBaseError) as caught:
        check_layers([Layer("tiny", kb_files(TINY_KB)), Layer("test", (path,))])
    return caught.value.problems


def test_tiny_kb_is_valid():
    checked = check_layers([Layer("tiny", kb_files(TINY_KB))])
    assert {c["id"] for c in checked.data["conditions"]} == {"depression", "ptsd"}


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.stem)
def test_invalid_file_is_rejected_with_message_file_and_line(path):
    message, line = expectations(path)
    problems = problems_of(path)
    matching = [p for p in problems if message in p.message]
    assert matching, f"expected {message!r}, got {[str(p) for p in problems]}"
    assert matching[0].file == str(path)
    if line is not None:
        assert matching[0].line == line, str(matching[0])


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.stem)
def test_invalid_file_given_to_the_cli_exits_1_with_the_message(kettool, path, tmp_path):
    message, _ = expectations(path)
    shutil.copy(TINY_KB / "kb.yaml", tmp_path / "kb.yaml")
    shutil.copy(path, tmp_path / path.name)
    result = kettool("--kb", str(tmp_path), "conditions")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_python_tag_is_never_executed(kettool, tmp_path):
    marker = Path("/tmp/kettool-pwned")
    marker.unlink(missing_ok=True)
    kettool("--kb", str(INVALID_KB / "python_tag.yaml"), "conditions")
    assert not marker.exists()


def test_field_path_names_the_nested_field():
    problems = problems_of(INVALID_KB / "bad_certainty.yaml")
    assert any(p.path == "conditions[0].profiles[0].domains.risk_of_bias.rating" for p in problems)


def test_all_problems_are_reported_at_once(tmp_path):
    bad = tmp_path / "many.yaml"
    bad.write_text(
        "studies:\n  - id: a\n    title: yes\n    design_type: nope\n    key_result: r\n    pmid: '1'\n"
        "  - id: b\n    title: t\n    design_type: rct\n",
        encoding="utf-8",
    )
    messages = [p.message for p in problems_of(bad)]
    assert any("expected text" in m for m in messages)
    assert any("'nope' is not one of" in m for m in messages)
    assert any("missing required field 'key_result'" in m for m in messages)


# Measured in a fresh interpreter, from its own high-water mark of resident memory (VmHWM), reset just
# before the load: the test process's running peak (ru_maxrss) only ever grows, so after other tests it
# would hide any growth, and a child's ru_maxrss starts from its parent's peak (Linux carries it over exec).
MEMORY_PROBE = """
import json, sys
from kettool.core.errors import KnowledgeBaseError
from kettool.core.kb_checks import check_layers
from kettool.core.kb_files import Layer, kb_files

def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current resident size

def peak_kib():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))

def problems(*layers):
    try:
        check_layers([Layer(str(i), files) for i, files in enumerate(layers)])
    except KnowledgeBaseError as error:
        return [p.message for p in error.problems]
    return []

tiny, hostile = kb_files(sys.argv[1]), (sys.argv[2],)
assert problems(tiny) == []  # the same code paths on a harmless KB first, so they are not counted below
reset_peak()
baseline = peak_kib()
messages = problems(tiny, hostile)
grown = peak_kib() - baseline
reset_peak()
baseline = peak_kib()
ballast = b"x" * (64 << 20)  # the control: 64 MiB written, so resident, must show in the same measure
control = peak_kib() - baseline
print(json.dumps({"messages": messages, "grown_kib": grown, "control_kib": control}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux's /proc/self/clear_refs")
def test_alias_bomb_fails_fast_with_bounded_memory():
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(TINY_KB), str(INVALID_KB / "alias_bomb.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert any("anchors and aliases are not allowed" in m for m in report["messages"]), report["messages"]
    assert report["control_kib"] >= 60_000, f"the measure cannot see 64 MiB being used: {report}"
    assert report["grown_kib"] < 50_000, f"the alias bomb grew the peak by {report['grown_kib']} KiB"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfes\x00t\x00u\x00d\x00i\x00e\x00s\x00:\x00", "UTF-16"),
        ("studies:\n  - id: caf\xe9\n".encode("latin-1"), "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"", "empty"),
        (b"   \n# only a comment\n", "empty"),
    ],
    ids=["utf16", "latin1", "binary", "empty", "blank"],
)
def test_badly_encoded_files_are_rejected(tmp_path, content, message):
    path = tmp_path / "kb.yaml"
    path.write_bytes(content)
    assert any(message in p.message for p in problems_of(path))


@pytest.mark.slow
def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as out:
        out.write("studies:\n")
        line = "  - {id: x, title: t, design_type: rct, key_result: r, pmid: '1'}\n"
        out.write(line * (30 * 1024 * 1024 // len(line)))
    assert any("limit is 8 MB" in p.message for p in problems_of(path))


def test_missing_path_is_reported(kettool, tmp_path):
    result = kettool("--kb", str(tmp_path / "nowhere"), "conditions")
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


def test_fifo_in_kb_folder_is_reported_not_read(kettool, tmp_path):
    import os

    (tmp_path / "kb.yaml").write_text((TINY_KB / "kb.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    result = kettool("--kb", str(tmp_path), "conditions")
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr


def test_unreadable_file_is_reported(kettool, tmp_path, monkeypatch):
    path = tmp_path / "kb.yaml"
    path.write_text("meta: {}\n", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = kettool("--kb", str(path), "conditions")
    assert result.exit_code == 1
    assert "cannot read: Permission denied" in result.stderr


def test_loader_returns_frozen_models():
    from kettool.core.knowledge_base import KbSettings, load_knowledge_base

    kb = load_knowledge_base(KbSettings(kb_path=TINY_KB))
    with pytest.raises(AttributeError):
        kb.conditions[0].name = "changed"  # type: ignore[misc]


def test_dates_stay_strings():
    from kettool.core.knowledge_base import KbSettings, load_knowledge_base

    kb = load_knowledge_base(KbSettings(kb_path=TINY_KB))
    assert kb.meta.reviewed == "2026-01-02" and isinstance(kb.meta.reviewed, str)


def test_error_at_the_end_of_a_file_names_its_last_line(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text((TINY_KB / "kb.yaml").read_text(encoding="utf-8") + "[", encoding="utf-8")
    problems = problems_of(path)
    last_line = path.read_text(encoding="utf-8").count("\n") + 1
    assert [p.line for p in problems if p.file == str(path)] == [last_line]


# A large KB is read by worker processes: the outcome must be the one reading it here gives.

needs_two_cores = pytest.mark.skipif(
    __import__("kettool.core.parallel_parse", fromlist=["worker_count"]).worker_count() < 2,
    reason="worker processes are only used with two or more cores",
)


@pytest.fixture
def workers_for_any_size(monkeypatch):
    """Let the loader use worker processes for a KB of any size (normally only for several megabytes)."""
    from kettool.core import parallel_parse

    monkeypatch.setattr(parallel_parse, "MIN_BYTES", 0)
    return parallel_parse


@needs_two_cores
def test_the_bundled_kb_read_by_workers_is_the_kb_read_here(workers_for_any_size, monkeypatch):
    from kettool.core.kb_files import bundled_data_dir

    layers = [Layer("bundled", kb_files(bundled_data_dir() / "kb"))]
    there = check_layers(layers)
    monkeypatch.setattr(workers_for_any_size, "MIN_BYTES", 1 << 60)
    here = check_layers(layers)
    assert (there.data, there.warnings) == (here.data, here.warnings)


@needs_two_cores
def test_workers_are_really_used_when_the_kb_is_large(workers_for_any_size):
    from kettool.core.kb_checks import SchemaChecker, kb_schema

    paths = [Path(p) for p in kb_files(TINY_KB)] * 2
    sizes = [p.stat().st_size for p in paths]
    results = workers_for_any_size.parse_in_workers(paths, sizes, SchemaChecker(kb_schema()), [None, None])
    assert results is not None and len(results) == 2
    assert all(data is not None and not problems and not stored for data, problems, stored, _placed in results)


@needs_two_cores
@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.stem)
def test_an_invalid_file_read_by_workers_is_reported_as_read_here(workers_for_any_size, monkeypatch, path):
    there = problems_of(path)
    monkeypatch.setattr(workers_for_any_size, "MIN_BYTES", 1 << 60)
    assert there == problems_of(path)


# A reference that does not resolve, made in a copy of the bundled KB: (file, text, replacement, message).
BROKEN_REFERENCES = [
    ("safety.yaml", "classes: [maois]", "classes: [maoi]", "unknown drug class 'maoi'"),
    (
        "conditions/depression.yaml",
        "cites: [dean2021, zarate2006, murrough2013, fava2020, singh2016]",
        "cites: [dean2021, nobody2020]",
        "cites unknown study 'nobody2020'",
    ),
    (
        "conditions/alcohol-use-disorder.yaml",
        "effects: [{study: grabski2022, outcome: pda-6m-ketamine-vs-saline}",
        "effects: [{study: grabski2022, outcome: no-such-outcome}",
        "study 'grabski2022' has no outcome 'no-such-outcome'",
    ),
]


def bundled_copy(tmp_path: Path, file: str, text: str, replacement: str) -> list[Layer]:
    """The layers of a copy of the bundled KB with one text of one file replaced."""
    from kettool.core.kb_files import bundled_data_dir

    root = tmp_path / "kb"
    shutil.copytree(bundled_data_dir() / "kb", root)
    source = (root / file).read_text(encoding="utf-8")
    assert source.count(text) == 1
    (root / file).write_text(source.replace(text, replacement), encoding="utf-8")
    return [Layer("copy", kb_files(root))]


@needs_two_cores
@pytest.mark.parametrize("file, text, replacement, message", BROKEN_REFERENCES, ids=lambda v: str(v)[:24])
def test_a_broken_reference_read_by_workers_is_reported_as_read_here(
    workers_for_any_size, monkeypatch, tmp_path, file, text, replacement, message
):
    # Workers' files have their references summed up as they arrive, and walked again only when one
    # does not resolve: the problems, their places and their order are those of the walk done here.
    layers = bundled_copy(tmp_path, file, text, replacement)
    with pytest.raises(KnowledgeBaseError) as there:
        check_layers(layers)
    monkeypatch.setattr(workers_for_any_size, "MIN_BYTES", 1 << 60)
    with pytest.raises(KnowledgeBaseError) as here:
        check_layers(layers)
    assert any(message in str(problem) for problem in there.value.problems)
    assert there.value.problems == here.value.problems


@needs_two_cores
def test_a_kb_read_by_workers_is_cached_as_the_kb_read_here(workers_for_any_size, monkeypatch):
    from kettool.core import kb_parts
    from kettool.core.kb_files import bundled_data_dir

    layers = [Layer("bundled", kb_files(bundled_data_dir() / "kb"))]

    def cached(use_workers: bool) -> tuple[kb_parts.Parts, int]:
        monkeypatch.setattr(workers_for_any_size, "MIN_BYTES", 0 if use_workers else 1 << 60)
        body = kb_parts.Body()
        checked = check_layers(layers, body=body)
        placed = checked.placed or {}
        return kb_parts.encode(checked.data, checked.warnings, 0, "", body=body, placed=placed).parts(), len(placed)

    there, placed_there = cached(True)
    here, placed_here = cached(False)
    # Every condition and study of the bundled KB was encoded as its file arrived from a worker.
    assert placed_here == 0 and placed_there == here.condition_count() + here.study_count()
    assert there.condition_names() == here.condition_names()
    assert there.study_ids() == here.study_ids()
    assert all(there.condition(i) == here.condition(i) for i in range(here.condition_count()))
    assert all(there.study_json(s) == here.study_json(s) for s in here.study_ids())
    assert all(there.section(name) == here.section(name) for name in kb_parts.SECTIONS)
    assert there.warnings == here.warnings


def test_normalized_data_is_what_the_record_built_from_it_turns_back_into():
    from kettool.core.kb_files import bundled_data_dir
    from kettool.core.models import Condition, Study
    from kettool.core.plain_data import to_data
    from kettool.core.records import build, normalize

    data = check_layers([Layer("bundled", kb_files(bundled_data_dir() / "kb"))]).data
    for cls, entries in ((Condition, data["conditions"]), (Study, data["studies"])):
        for entry in entries:
            plain = normalize(cls, entry)
            assert plain == to_data(build(cls, entry))
            assert list(plain) == list(cls._fields)


def test_normalize_gives_each_record_its_own_empty_lists_and_refuses_a_missing_required_field():
    from kettool.core.models import Study
    from kettool.core.records import normalize

    required = [name for name in Study._fields if name not in Study._field_defaults]
    listed = [name for name, value in Study._field_defaults.items() if value == ()]
    assert listed
    minimal = {name: "x" for name in required}
    first, second = normalize(Study, minimal), normalize(Study, minimal)
    first[listed[0]].append("changed")
    assert second[listed[0]] == []
    with pytest.raises(KeyError):
        normalize(Study, {name: "x" for name in required[1:]})


def test_references_are_found_in_file_order_with_their_paths_whatever_the_shape():
    from kettool.core.kb_checks import _references

    data = {
        "conditions": [{"profiles": [{"cites": ["a"], "study": "b", "effects": [{"study": "c"}, "odd"]}]}],
        "cites": "not a list",
        "drugs": {"classes": ["in the drug table"], "names": [{"classes": ["x"]}]},
        "safety": {"topics": [{"classes": ["y"], "study": ["not text"], "items": [[{"cites": ["d"]}]]}]},
    }
    found = _references(data)
    assert found.cites == [
        (("conditions", 0, "profiles", 0, "cites"), ["a"]),
        (("conditions", 0, "profiles", 0, "study"), ["b"]),
        (("conditions", 0, "profiles", 0, "effects", 0, "study"), ["c"]),
        (("safety", "topics", 0, "items", 0, 0, "cites"), ["d"]),
    ]
    assert found.classes == [(("safety", "topics", 0, "classes"), ["y"])]
    assert found.effects == [(("conditions", 0, "profiles", 0, "effects", 0), {"study": "c"})]


def test_checking_a_kb_with_the_collector_paused_leaves_no_reference_lists_behind():
    # kettool runs without the cycle collector, so a walk that forms a reference cycle (a closure
    # that calls itself) keeps everything it found alive until the process ends.
    import gc

    from kettool.core import kb_checks
    from kettool.core.kb_files import bundled_data_dir

    def alive() -> int:
        return sum(1 for o in gc.get_objects() if type(o) is kb_checks.References)

    gc.collect()
    gc.disable()
    try:
        before = alive()
        check_layers([Layer("bundled", kb_files(bundled_data_dir() / "kb"))])
        assert alive() == before
    finally:
        gc.enable()
