"""The parsed-KB cache: written where it belongs, invalidated by edits, robust to damage, races and
read-only folders, and never a reason for a wrong answer."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kettool.core.kb_cache import CACHE_FORMAT, KEEP_ENTRIES
from kettool.core.knowledge_base import KbSettings, search_knowledge_base
from tests.conftest import TINY_KB
from tests.installed import KETTOOL

# These tests look at the cache folder itself, so each starts with an empty one (see conftest.py).
pytestmark = pytest.mark.cold_cache

SUMMARY = "Rapid but short-lived improvement."


@pytest.fixture(autouse=True)
def fresh_process_state(monkeypatch):
    """Each in-process run starts as a new process would: nothing said on stderr yet.

    kettool.cli.streams remembers for the rest of the process that something was written to stderr
    and then stores no more answers; in a real run that is one command, under CliRunner it is every
    later test.
    """
    from kettool.cli import streams as output

    if hasattr(output, "_spoken"):
        monkeypatch.setattr(output, "_spoken", [False])


@pytest.fixture
def kb_dir(tmp_path) -> Path:
    """A user KB folder holding a copy of the tiny KB."""
    folder = tmp_path / "my-kb"
    folder.mkdir()
    shutil.copy(TINY_KB / "kb.yaml", folder / "kb.yaml")
    return folder


def entries(cache: Path) -> list[Path]:
    """The cache entries (one folder per key), leaving out staging folders."""
    if not cache.is_dir():
        return []
    return sorted(p for p in cache.iterdir() if p.is_dir() and not p.name.startswith("."))


def only_entry(cache: Path) -> Path:
    found = entries(cache)
    assert len(found) == 1, found
    return found[0]


def assert_valid_entry(entry: Path, complete: bool = True) -> None:
    """Every document in the entry is complete JSON for this entry's key and format."""
    # (an answers folder and the search index, an SQLite file, may sit beside them)
    names = sorted(p.name for p in entry.iterdir() if p.is_file() and p.name != INDEX)
    if complete:
        assert "kb.json" in names, names
    for name in names:
        payload = json.loads((entry / name).read_bytes())
        assert payload["format"] == CACHE_FORMAT and payload["key"] == entry.name, name
        assert "value" in payload, name


def summary(kettool, kb: Path) -> str:
    result = kettool("--kb", str(kb), "condition", "depression", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["data"]["summary"]


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder below `folder`: whether it is a folder, its inode, and a file's bytes.

    kettool replaces a cache file by renaming a new one over it, which gives the name a new inode;
    rewriting a file in place changes its bytes or leaves nothing to tell. Either way the comparison
    needs no clock, unlike a modification time checked after a short sleep.
    """
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            st = path.lstat()
            content = None if path.is_dir() else path.read_bytes()
            found[str(path.relative_to(folder))] = (path.is_dir(), st.st_ino, content)
    return found


# Writing and invalidation


def test_first_run_writes_a_complete_cache_entry(kettool, isolated_cache):
    assert entries(isolated_cache) == []
    result = kettool("conditions")
    assert result.exit_code == 0
    entry = only_entry(isolated_cache)
    assert_valid_entry(entry)
    assert not [p for p in isolated_cache.iterdir() if p.name.startswith(".tmp-")], "staging folder left behind"


@pytest.mark.slow  # every command: the full suite covers it
@pytest.mark.parametrize("args", [["condition", "depression"], ["search", "blood pressure"]], ids=" ".join)
def test_bundled_kb_answers_the_same_from_a_cold_and_a_warm_cache(kettool, isolated_cache, monkeypatch, args):
    # Other tests' `kettool` starts with the bundled KB already cached (conftest.py); this is why that is fair.
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")  # the warm run must read the cached KB, not replay
    cold = kettool(*args)
    assert cold.exit_code == 0, cold.stderr
    assert_valid_entry(only_entry(isolated_cache))
    warm = kettool(*args)
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)


def files_only(snap: dict[str, tuple]) -> dict[str, tuple]:
    return {k: v for k, v in snap.items() if not v[0]}


def test_later_runs_answer_from_the_cache_without_rewriting_it(kettool, isolated_cache, kb_dir, monkeypatch):
    def ask() -> str:
        result = kettool("--kb", str(kb_dir), "condition", "depression", "--json")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    first = ask()
    before = files_only(snapshot(isolated_cache))
    assert "kb.json" in {Path(name).name for name in before}, f"the first run cached no KB: {sorted(before)}"
    assert stored_answer_files(isolated_cache), "the first run stored no answer"
    # A run that must read the cached KB (stored answers set aside), then one that replays the stored answer.
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")
    assert ask() == first
    assert files_only(snapshot(isolated_cache)) == before, "reading the cached KB rewrote or added a file"
    monkeypatch.delenv("KETTOOL_NO_ANSWER_CACHE")
    assert ask() == first
    assert files_only(snapshot(isolated_cache)) == before, "replaying the stored answer rewrote or added a file"


def ask_until_stored(kettool, kb: Path, *args: str) -> str:
    """Ask the same question three times, so that any answer cache holds it; return the answer."""
    answers = {kettool("--kb", str(kb), *args).stdout for _ in range(3)}
    assert len(answers) == 1
    return answers.pop()


def test_editing_the_kb_changes_the_next_answer(kettool, kb_dir):
    ask_until_stored(kettool, kb_dir, "condition", "depression", "--json")
    ask_until_stored(kettool, kb_dir, "condition", "depression")
    assert summary(kettool, kb_dir) == SUMMARY
    path = kb_dir / "kb.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(SUMMARY, "A longer, edited summary."), encoding="utf-8")
    assert summary(kettool, kb_dir) == "A longer, edited summary."
    assert "A longer, edited summary." in kettool("--kb", str(kb_dir), "condition", "depression").stdout


def test_same_size_edit_with_a_new_mtime_changes_the_next_answer(kettool, kb_dir):
    ask_until_stored(kettool, kb_dir, "condition", "depression", "--json")
    assert summary(kettool, kb_dir) == SUMMARY
    path = kb_dir / "kb.yaml"
    before = path.stat()
    edited = SUMMARY.replace("Rapid", "Quick")
    assert len(edited) == len(SUMMARY)
    with path.open("r+", encoding="utf-8") as handle:  # in place: same inode, same size
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace(SUMMARY, edited))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 2_000_000_000))
    assert path.stat().st_size == before.st_size and path.stat().st_ino == before.st_ino
    assert summary(kettool, kb_dir) == edited


def test_adding_a_file_to_the_kb_folder_changes_the_next_answer(kettool, kb_dir):
    assert summary(kettool, kb_dir) == SUMMARY
    (kb_dir / "more.yaml").write_text(
        "studies:\n  - {id: extra2022, title: Extra, design_type: rct, key_result: More., pmid: '333'}\n",
        encoding="utf-8",
    )
    result = kettool("--kb", str(kb_dir), "study", "extra2022", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["data"]["id"] == "extra2022"


def test_breaking_the_kb_after_caching_is_reported_not_hidden_by_the_cache(kettool, kb_dir):
    assert summary(kettool, kb_dir) == SUMMARY
    path = kb_dir / "kb.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rating: very-serious", "rating: great"), encoding="utf-8")
    result = kettool("--kb", str(kb_dir), "condition", "depression")
    assert result.exit_code == 1
    assert "great" in result.stderr


def test_old_entries_are_pruned(kettool, isolated_cache, kb_dir):
    path = kb_dir / "kb.yaml"
    original = path.read_text(encoding="utf-8")
    for i in range(KEEP_ENTRIES + 3):
        path.write_text(original.replace(SUMMARY, f"Edit number {i}."), encoding="utf-8")
        assert summary(kettool, kb_dir) == f"Edit number {i}."
    assert len(entries(isolated_cache)) <= KEEP_ENTRIES


# Damaged caches


DOCUMENTS = ["kb.json"]
INDEX = "search.sqlite"


def damage_bytes(path: Path, how: str) -> bool:
    """Damage a file whatever it holds (garbage, cut in half, emptied, deleted); False for other kinds."""
    raw = path.read_bytes()
    if how == "garbage":
        path.write_bytes(b"\x00\xff\xfe garbage \x89PNG\r\n\x1a\n" * 10)
    elif how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "deleted":
        path.unlink()
    else:
        return False
    return True


def damage(path: Path, how: str) -> None:
    if damage_bytes(path, how):
        return
    payload = json.loads(path.read_bytes())
    if how == "wrong-key":
        path.write_text(json.dumps({**payload, "key": "0" * 40}), encoding="utf-8")
    elif how == "wrong-format":
        path.write_text(json.dumps({**payload, "format": CACHE_FORMAT + 99}), encoding="utf-8")
    elif how == "wrong-shape":  # right key and format, a value of the wrong shape (another build's layout)
        path.write_text(json.dumps({**payload, "value": {"unexpected": [1, 2, 3]}}), encoding="utf-8")
    elif how == "not-an-object":
        path.write_text(json.dumps([payload]), encoding="utf-8")
    else:
        raise AssertionError(how)


@pytest.mark.slow  # damaged files, every kind in every document
@pytest.mark.parametrize("how", ["garbage", "truncated", "wrong-key", "wrong-shape", "deleted"])
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.replace(".json", ""))
def test_damaged_cache_document_is_ignored_and_rebuilt(kettool, isolated_cache, kb_dir, document, how, monkeypatch):
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")  # every question must read the documents
    questions = [
        ["search", "ketamine", "--json"],
        ["condition", "depression", "--json"],
        ["search", "ketamin", "--json"],
    ]  # the last finds nothing and asks the vocabulary
    reference = [kettool("--kb", str(kb_dir), *q) for q in questions]
    entry = only_entry(isolated_cache)
    original = json.loads((entry / document).read_bytes())["value"]
    damage(entry / document, how)
    for question, expected in zip(questions, reference, strict=True):
        result = kettool("--kb", str(kb_dir), *question)
        assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout), (
            f"`kettool {' '.join(question)}` answered differently with a damaged {document} ({how})"
        )
    entry = only_entry(isolated_cache)
    payload = json.loads((entry / document).read_bytes())
    assert payload["value"] == original, f"the damaged {document} was not rebuilt"
    assert_valid_entry(entry)


def stored_answer_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/answers/*.txt"))


def test_a_stored_answer_is_its_key_checksum_review_date_and_text_in_utf8(tmp_path):
    from kettool.cli.answer_cache import StoredAnswers
    from kettool.cli.run_identity import checksum

    text = 'Dépression ≥ 2 weeks\r\n{"x": "—"}\n'
    stored = StoredAnswers(tmp_path, "key ü")
    stored.write(text, " 2026-01-02 \n")
    expected = f"key ü\n{checksum('2026-01-02' + chr(10) + text)}\n2026-01-02\n{text}"
    assert stored.file.read_bytes() == expected.encode()
    assert stored.read() == (text, "2026-01-02")


@pytest.mark.slow  # damaged files, every kind in every document
@pytest.mark.parametrize("how", ["garbage", "truncated-body", "empty", "key-line-only", "folder", "extra-text"])
@pytest.mark.parametrize("question", [["condition", "ptsd", "--json"], ["search", "ketamine"]], ids=" ".join)
def test_damaged_stored_answer_is_ignored(kettool, isolated_cache, kb_dir, question, how):
    expected = ask_until_stored(kettool, kb_dir, *question)
    stored = stored_answer_files(isolated_cache)
    assert stored, f"`kettool {' '.join(question)}` asked three times stored no answer"
    for path in stored:
        raw = path.read_bytes()
        key_line, _, body = raw.partition(b"\n")
        if how == "garbage":
            path.write_bytes(b"\x00\xff garbage\n" * 5)
        elif how == "truncated-body":  # the key line survived, the answer did not
            path.write_bytes(key_line + b"\n" + body[: len(body) // 2])
        elif how == "empty":
            path.write_bytes(b"")
        elif how == "key-line-only":
            path.write_bytes(key_line + b"\n")
        elif how == "extra-text":
            path.write_bytes(raw + b"\x1b]0;appended\x07 junk\n")
        else:
            path.unlink()
            path.mkdir()
    result = kettool("--kb", str(kb_dir), *question)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected, f"a damaged stored answer ({how}) was replayed"


def test_stored_answer_depends_on_width_colour_and_format(kettool, kb_dir):
    narrow = ask_until_stored(kettool, kb_dir, "condition", "depression")
    wide = kettool("--kb", str(kb_dir), "condition", "depression", env={"COLUMNS": "200"}).stdout
    assert max(map(len, wide.splitlines())) > 80 >= max(map(len, narrow.splitlines()))
    coloured = kettool("--kb", str(kb_dir), "--color", "always", "condition", "depression").stdout
    assert "\x1b[" in coloured and "\x1b[" not in narrow
    assert kettool("--kb", str(kb_dir), "condition", "depression", "--json").stdout.startswith("{")
    assert kettool("--kb", str(kb_dir), "condition", "depression").stdout == narrow


def test_cache_entry_replaced_by_a_file_is_ignored(kettool, isolated_cache, kb_dir):
    expected = summary(kettool, kb_dir)
    entry = only_entry(isolated_cache)
    shutil.rmtree(entry)
    entry.write_bytes(b"not a folder")
    assert summary(kettool, kb_dir) == expected
    result = kettool("--kb", str(kb_dir), "search", "ketamine")
    assert result.exit_code == 0, result.stderr


def test_staging_folder_left_by_a_killed_run_does_not_matter(kettool, isolated_cache, kb_dir):
    staging = isolated_cache / ".tmp-killed"
    staging.mkdir(parents=True)
    (staging / "kb.json").write_bytes(b'{"format": 1, "key": "')
    assert summary(kettool, kb_dir) == SUMMARY
    assert_valid_entry(only_entry(isolated_cache))


def test_search_survives_its_cache_entry_being_replaced_mid_query(isolated_cache, kb_dir):
    """Another process rebuilding the same entry removes the folder and renames a new one into place;
    a search that already opened the index keeps reading the file it opened."""
    from kettool.core.search_index import SearchIndex

    settings = KbSettings(kb_path=kb_dir, cache_dir=isolated_cache)
    expected, _ = search_knowledge_base(settings, "ketamine", 10)
    assert expected.total > 0
    entry = only_entry(isolated_cache)
    index = SearchIndex.open(entry / INDEX, entry.name)
    shutil.rmtree(entry)  # the other writer's `_remove(self.folder)`, before its rename
    during = index.search("ketamine")
    after, _ = search_knowledge_base(settings, "ketamine", 10)
    for result in (during, after):
        assert (result.total, [h.location for h in result.hits]) == (
            expected.total,
            [h.location for h in expected.hits],
        )


def damage_index(path: Path, how: str) -> None:
    import sqlite3

    if damage_bytes(path, how):
        return
    if how in ("wrong-key", "wrong-format"):
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meta SET value = ? WHERE name = ?", ("0" * 40 if how == "wrong-key" else "0", how[6:]))
        db.close()
    elif how == "no-tables":
        path.unlink()
        sqlite3.connect(path).close()
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["garbage", "truncated", "empty", "wrong-key", "wrong-format", "no-tables", "deleted"])
def test_a_damaged_search_index_is_ignored_and_rebuilt(kettool, isolated_cache, kb_dir, how, monkeypatch):
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")  # every question must read the index
    questions = [["search", "ketamine", "--json"], ["search", "ketamin", "--json"]]  # the last asks the vocabulary
    reference = [kettool("--kb", str(kb_dir), *q) for q in questions]
    entry = only_entry(isolated_cache)
    damage_index(entry / INDEX, how)
    for question, expected in zip(questions, reference, strict=True):
        result = kettool("--kb", str(kb_dir), *question)
        assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout), how
    from kettool.core.search_index import SearchIndex

    entry = only_entry(isolated_cache)
    assert_valid_entry(entry)
    SearchIndex.open(entry / INDEX, entry.name)  # rebuilt in place: opens without IndexDamaged


# Concurrency


@pytest.mark.slow
def test_concurrent_first_runs_answer_correctly_and_leave_a_valid_cache(tmp_path):
    command = KETTOOL
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTOOL_")}
    questions = [["search", "ketamine", "--json"], ["conditions", "--json"], ["condition", "ptsd", "--json"]]
    reference = {}
    for question in questions:
        done = subprocess.run(
            [*command, *question],
            env={**env, "KETTOOL_CACHE_DIR": str(tmp_path / "ref")},
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        reference[tuple(question)] = done.stdout
    for round_ in range(2):
        cache = tmp_path / f"shared-{round_}"
        procs = [
            (
                q,
                subprocess.Popen(
                    [*command, *q],
                    env={**env, "KETTOOL_CACHE_DIR": str(cache)},
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                ),
            )
            for q in questions * 2
        ]
        for question, proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
            assert b"Traceback" not in err
            assert out == reference[tuple(question)], f"round {round_}: {question} answered differently"
        assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")], "staging folders left behind"
        assert_valid_entry(only_entry(cache), complete=False)  # whatever is there is whole and for this KB
        for question in questions:  # and later runs, which may complete the entry, still answer right
            again = subprocess.run(
                [*command, *question], env={**env, "KETTOOL_CACHE_DIR": str(cache)}, capture_output=True, timeout=120
            )
            assert again.stdout == reference[tuple(question)]
        assert_valid_entry(only_entry(cache))


# Where the cache lives, and where it must not


def test_cache_never_writes_inside_the_users_kb_folder(kettool, isolated_cache, kb_dir):
    before = snapshot(kb_dir)
    parent_before = sorted(p.name for p in kb_dir.parent.iterdir())
    for args in (
        ["conditions"],
        ["condition", "depression", "--json"],
        ["search", "ketamine"],
        ["studies"],
        ["export"],
        ["validate"],
        ["cite", "smith2020"],
    ):
        result = kettool("--kb", str(kb_dir), *args)
        assert result.exit_code == 0, (args, result.stderr)
    result = kettool("--kb", str(kb_dir / "kb.yaml"), "conditions")  # the KB given as a file
    assert result.exit_code == 0
    assert entries(isolated_cache), "nothing was cached at all"
    assert snapshot(kb_dir) == before
    assert sorted(p.name for p in kb_dir.parent.iterdir()) == parent_before


def test_cache_goes_to_xdg_cache_home_when_no_cache_dir_is_set(kettool, tmp_path, kb_dir, monkeypatch):
    monkeypatch.delenv("KETTOOL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert summary(kettool, kb_dir) == SUMMARY
    assert_valid_entry(only_entry(tmp_path / "xdg" / "kettool"))


def test_no_cache_setting_writes_nothing_anywhere(kettool, tmp_path, kb_dir, monkeypatch):
    monkeypatch.setenv("KETTOOL_NO_CACHE", "1")
    monkeypatch.setenv("KETTOOL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    before = snapshot(tmp_path)
    assert summary(kettool, kb_dir) == SUMMARY
    for args in (["search", "ketamine"], ["conditions"]):
        assert kettool("--kb", str(kb_dir), *args).exit_code == 0
    assert kettool("conditions").exit_code == 0  # the bundled KB too
    assert snapshot(tmp_path) == before


@pytest.mark.slow  # a hostile cache folder: each case loads the KB from YAML, uncached
@pytest.mark.parametrize("where", ["read-only-folder", "below-a-file", "is-a-file", "in-proc"])
def test_unwritable_cache_dir_still_answers_correctly(kettool, tmp_path, kb_dir, monkeypatch, where):
    if where == "read-only-folder":
        cache = tmp_path / "ro"
        cache.mkdir()
        cache.chmod(0o555)
    elif where == "below-a-file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        cache = tmp_path / "file" / "cache"
    elif where == "is-a-file":
        cache = tmp_path / "cache-file"
        cache.write_text("x", encoding="utf-8")
    else:  # unwritable even for root
        cache = Path("/proc/self/kettool-cache")
    monkeypatch.setenv("KETTOOL_CACHE_DIR", str(cache))
    try:
        assert summary(kettool, kb_dir) == SUMMARY
        result = kettool("--kb", str(kb_dir), "search", "ketamine")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        assert kettool("conditions").exit_code == 0
        if where == "read-only-folder" and os.geteuid() != 0:
            assert list(cache.iterdir()) == []
    finally:
        if where == "read-only-folder":
            cache.chmod(0o755)


def test_read_only_cache_with_a_valid_entry_is_used(kettool, isolated_cache, kb_dir):
    assert summary(kettool, kb_dir) == SUMMARY
    entry = only_entry(isolated_cache)
    for path in (entry, isolated_cache):
        path.chmod(0o555)
    try:
        before = snapshot(isolated_cache)
        assert summary(kettool, kb_dir) == SUMMARY
        assert kettool("--kb", str(kb_dir), "search", "ketamine").exit_code == 0
        after = snapshot(isolated_cache)
        assert {k: after.get(k) for k in files_only(before)} == files_only(before), "the cache was rebuilt"
        if os.geteuid() != 0:  # root may write into a read-only folder anyway
            assert after == before
    finally:
        for path in (isolated_cache, entry):
            path.chmod(0o755)


# Each file's parsed data, reused when another file of the KB changes


@pytest.fixture
def two_file_kb(tmp_path) -> Path:
    """A user KB of two files: the tiny KB's meta section in one, everything else in the other."""
    text = (TINY_KB / "kb.yaml").read_text(encoding="utf-8")
    sections = re.split(r"(?m)^(?=\S)(?!#)", text)  # at each top-level key
    meta = [s for s in sections if s.startswith("meta:")]
    assert len(meta) == 1, "the tiny KB has one meta section"
    folder = tmp_path / "two-files"
    folder.mkdir()
    (folder / "meta.yaml").write_text(meta[0], encoding="utf-8")
    (folder / "rest.yaml").write_text("".join(s for s in sections if s is not meta[0]), encoding="utf-8")
    return folder


def newest_entry(cache: Path) -> Path:
    return max(entries(cache), key=lambda p: p.stat().st_mtime_ns)


def edit_version(folder: Path, version: str) -> None:
    path = folder / "meta.yaml"
    path.write_text(re.sub(r"(?m)^(\s*version:\s*).*$", rf"\g<1>'{version}'", path.read_text(encoding="utf-8")))


def test_an_edit_to_one_file_reads_the_unchanged_files_from_the_last_entry(kettool, isolated_cache, two_file_kb):
    assert kettool("--kb", str(two_file_kb), "conditions", "--json").exit_code == 0
    documents = sorted((only_entry(isolated_cache) / "files").iterdir())
    assert len(documents) == 2, "one parsed document per KB file"
    # Mark the stored data of rest.yaml: if the next run parses rest.yaml again, the mark is gone.
    rest = next(p for p in documents if SUMMARY.encode() in p.read_bytes())
    rest.write_bytes(rest.read_bytes().replace(SUMMARY.encode(), b"Read from the parsed-file cache."))
    edit_version(two_file_kb, "7.7.7")
    result = kettool("--kb", str(two_file_kb), "condition", "depression", "--json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["kb_version"], answer["data"]["summary"]) == ("7.7.7", "Read from the parsed-file cache.")
    stored = sorted((newest_entry(isolated_cache) / "files").iterdir())
    assert rest.name in {p.name for p in stored} and len(stored) == 2
    for path in stored:  # each document is complete and keyed by its own name
        payload = json.loads(path.read_bytes())
        assert payload["format"] == CACHE_FORMAT and payload["key"] == path.stem


def test_an_answer_built_from_reused_files_matches_one_built_from_scratch(
    kettool, isolated_cache, two_file_kb, tmp_path, monkeypatch
):
    monkeypatch.setenv("KETTOOL_NO_ANSWER_CACHE", "1")
    assert kettool("--kb", str(two_file_kb), "conditions").exit_code == 0
    edit_version(two_file_kb, "8.0.0")
    warm = [kettool("--kb", str(two_file_kb), *q).stdout for q in (["condition", "depression", "--json"], ["studies"])]
    monkeypatch.setenv("KETTOOL_CACHE_DIR", str(tmp_path / "another-cache"))
    cold = [kettool("--kb", str(two_file_kb), *q).stdout for q in (["condition", "depression", "--json"], ["studies"])]
    assert warm == cold


@pytest.mark.parametrize("how", ["garbage", "truncated", "wrong-key", "deleted"])
def test_a_damaged_parsed_file_document_is_parsed_again(kettool, isolated_cache, two_file_kb, how):
    assert kettool("--kb", str(two_file_kb), "conditions").exit_code == 0
    entry = only_entry(isolated_cache)
    rest = next(p for p in (entry / "files").iterdir() if b"Rapid but short-lived" in p.read_bytes())
    if how == "deleted":
        rest.unlink()
    elif how == "garbage":
        rest.write_bytes(b"\x00not json")
    elif how == "truncated":
        rest.write_bytes(rest.read_bytes()[:-40])
    else:
        rest.write_text(json.dumps({**json.loads(rest.read_bytes()), "key": "0" * 19}), encoding="utf-8")
    edit_version(two_file_kb, "9.9.9")
    assert summary(kettool, two_file_kb) == SUMMARY
    rebuilt = newest_entry(isolated_cache) / "files" / rest.name
    assert json.loads(rebuilt.read_bytes())["key"] == rest.stem


def test_breaking_one_file_after_another_changed_is_reported_with_its_line(kettool, isolated_cache, two_file_kb):
    assert kettool("--kb", str(two_file_kb), "conditions").exit_code == 0
    edit_version(two_file_kb, "9.9.8")
    assert kettool("--kb", str(two_file_kb), "conditions").exit_code == 0
    rest = two_file_kb / "rest.yaml"
    lines = rest.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "rating: very-serious" in line)
    rest.write_text("\n".join(lines).replace("rating: very-serious", "rating: great") + "\n", encoding="utf-8")
    result = kettool("--kb", str(two_file_kb), "conditions")
    assert result.exit_code == 1
    assert f"rest.yaml:{number + 1}" in result.stderr and "great" in result.stderr


@pytest.mark.skipif(
    __import__("kettool.core.parallel_parse", fromlist=["worker_count"]).worker_count() < 2,
    reason="worker processes are only used with two or more cores",
)
def test_documents_written_by_worker_processes_are_the_ones_written_here(kettool, two_file_kb, tmp_path, monkeypatch):
    from kettool.core import parallel_parse

    written = []
    for name, minimum in (("workers", 0), ("here", 1 << 60)):
        monkeypatch.setattr(parallel_parse, "MIN_BYTES", minimum)
        monkeypatch.setenv("KETTOOL_CACHE_DIR", str(tmp_path / name))
        assert kettool("--kb", str(two_file_kb), "conditions").exit_code == 0
        files = only_entry(tmp_path / name) / "files"
        written.append({p.name: p.read_bytes() for p in files.iterdir()})
    assert len(written[0]) == 2 and written[0] == written[1]
