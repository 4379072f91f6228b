"""kettool QUESTION, asked again: replayed before Typer loads, byte for byte what an uncached run prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installed import KETTOOL

pytestmark = pytest.mark.slow

QUESTIONS = [
    ["conditions"],
    ["condition", "depression"],
    ["condition", "depression", "--why"],
    ["why", "suicidal-ideation"],
    ["compare", "ptsd", "ocd"],
    ["mechanism"],
    ["safety"],
    ["safety", "withdrawal"],
    ["overview"],
    ["search", "blood", "pressure"],
    ["studies", "--condition", "ptsd"],
    ["study", "feder2021"],
    ["interactions", "lorazepam", "Adderall"],
    ["cite", "--condition", "ocd"],
    ["export"],
]
FORMATS = [[], ["--json"], ["--format", "markdown"], ["--format", "lines"]]
# Formats only some commands lay out; the others refuse them (exit 2), which must replay nothing.
EXTRA = [["cite", "--condition", "ocd", "--format", fmt] for fmt in ("bibtex", "ris", "csl-json")] + [
    ["export", "--format", "yaml"],
    ["condition", "depression", "--format", "bibtex"],
]
CASES = [question + fmt for question in QUESTIONS for fmt in FORMATS] + EXTRA

# Runs kettool's entry point as the console script does, and notes whether Typer was ever imported.
PROBE = (
    "import atexit, os, sys\n"
    "atexit.register(lambda: open(os.environ['PROBE_FILE'], 'w').write(str('typer' in sys.modules)))\n"
    "sys.argv = ['kettool', *sys.argv[1:]]\n"
    "from kettool.cli.entry import main\n"
    "main()\n"
)


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*KETTOOL, *args], env=env, cwd=cwd, capture_output=True, timeout=120)


def run_probed(
    args: list[str], env: dict[str, str], cwd: Path, probe: Path
) -> tuple[subprocess.CompletedProcess[bytes], bool]:
    """Run kettool through its entry point; also return whether Typer was imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env={**env, "PROBE_FILE": str(probe)},
        cwd=cwd,
        capture_output=True,
        timeout=120,
    )
    return done, probe.read_text() == "True"


@pytest.fixture
def surroundings(tmp_path: Path) -> tuple[dict[str, str], Path]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTOOL_")}
    env.update(KETTOOL_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="100")
    return env, tmp_path


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_the_same_question_again_is_replayed_without_typer_and_equals_an_uncached_run(args, surroundings):
    env, cwd = surroundings
    uncached = run(args, {**env, "KETTOOL_NO_CACHE": "1"}, cwd)
    first = run(args, env, cwd)
    second, typer_loaded = run_probed(args, env, cwd, cwd / "probe")
    for done in (first, second):
        assert (done.returncode, done.stdout, done.stderr) == (uncached.returncode, uncached.stdout, uncached.stderr)
    records = list((cwd / "cache" / ".replay").glob("*.txt"))
    if uncached.returncode == 0:
        assert len(records) == 1, "the first run should leave one replay record"
        assert not typer_loaded, "the second run should have been answered before Typer loads"
    else:
        assert records == [], "a refused question is never recorded"
        assert typer_loaded


def test_a_changed_width_is_not_replayed(surroundings):
    env, cwd = surroundings
    run(["condition", "depression"], env, cwd)
    narrow = {**env, "COLUMNS": "60"}
    again, typer_loaded = run_probed(["condition", "depression"], narrow, cwd, cwd / "probe")
    assert typer_loaded
    assert again.stdout == run(["condition", "depression"], {**narrow, "KETTOOL_NO_CACHE": "1"}, cwd).stdout


def test_another_working_folder_is_not_replayed(surroundings):
    env, cwd = surroundings
    (cwd / "elsewhere").mkdir()
    run(["mechanism", "--json"], env, cwd)
    _, typer_loaded = run_probed(["mechanism", "--json"], env, cwd / "elsewhere", cwd / "probe")
    assert typer_loaded


def test_an_edited_kb_file_is_never_replayed(surroundings, tmp_path):
    import shutil

    from kettool.core.kb_files import bundled_data_dir

    env, cwd = surroundings
    kb = tmp_path / "kb"
    shutil.copytree(bundled_data_dir() / "kb", kb)
    args = ["--kb", str(kb), "overview", "--json"]
    before = run(args, env, cwd).stdout
    overview = kb / "overview.yaml"
    text = overview.read_text(encoding="utf-8")
    stat = overview.stat()
    changed = text.replace("ketamine", "ketamiNE", 1)
    assert len(changed) == len(text) and changed != text
    overview.write_text(changed, encoding="utf-8")
    os.utime(overview, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    after, _ = run_probed(args, env, cwd, cwd / "probe")
    assert after.stdout != before
    assert after.stdout == run(args, {**env, "KETTOOL_NO_CACHE": "1"}, cwd).stdout


def test_a_damaged_replay_record_is_ignored(surroundings):
    env, cwd = surroundings
    first = run(["safety", "--json"], env, cwd)
    (record,) = (cwd / "cache" / ".replay").glob("*.txt")
    data = record.read_bytes()
    record.write_bytes(data[:-200] + b"x" * 200)  # same length, other bytes: the checksum must catch it
    again, typer_loaded = run_probed(["safety", "--json"], env, cwd, cwd / "probe")
    assert typer_loaded
    assert again.stdout == first.stdout


def test_switching_the_answer_cache_off_also_switches_replay_off(surroundings):
    env, cwd = surroundings
    run(["overview"], env, cwd)
    _, typer_loaded = run_probed(["overview"], {**env, "KETTOOL_NO_ANSWER_CACHE": "1"}, cwd, cwd / "probe")
    assert typer_loaded


def test_a_kb_folder_is_replayed_until_a_file_appears_in_one_of_its_folders(surroundings, tmp_path):
    import shutil
    import time

    from kettool.core.kb_files import bundled_data_dir
    from kettool.core.kb_identity import RACY_SECONDS

    env, cwd = surroundings
    kb = tmp_path / "kb"
    shutil.copytree(bundled_data_dir() / "kb", kb)
    time.sleep(RACY_SECONDS + 0.1)  # folders changed within the racy window are never trusted
    args = ["--kb", str(kb), "search", "blood", "pressure", "--json"]
    first = run(args, env, cwd)
    again, typer_loaded = run_probed(args, env, cwd, cwd / "probe")
    assert not typer_loaded, "an unchanged KB folder should be replayed"
    assert again.stdout == first.stdout
    folder = next(path for path in sorted(kb.rglob("*")) if path.is_dir())
    before = folder.stat()
    (folder / "extra.yaml").write_text(
        "studies:\n  - {id: extra2030, title: Blood pressure, design_type: rct, key_result: R, pmid: '999'}\n",
        encoding="utf-8",
    )
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))  # its ctime still moves
    after, typer_loaded = run_probed(args, env, cwd, cwd / "probe")
    assert typer_loaded
    assert after.stdout == run(args, {**env, "KETTOOL_NO_CACHE": "1"}, cwd).stdout
