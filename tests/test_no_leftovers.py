"""Nothing left behind: interrupted or failing cache writes leave no temporary files or folders."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import time

import pytest

from tests.installed import KETTOOL

LEFTOVER_PREFIXES = (".tmp-", ".old-")


def leftovers(cache) -> list[str]:
    return [str(p) for p in cache.rglob("*") if p.name.startswith(LEFTOVER_PREFIXES)]


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("delay", [0.15, 0.3, 0.45, 0.6, 0.8, 1.0])
def test_a_killed_first_run_leaves_no_temporary_files(tmp_path, sig, delay):
    cache = tmp_path / "cache"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("KETTOOL_")}, "KETTOOL_CACHE_DIR": str(cache)}
    # A first search loads, checks and caches the KB, then builds and caches the search index.
    process = subprocess.Popen(
        [*KETTOOL, "search", "blood", "pressure"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(delay)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert process.returncode in (0, 130, 143, -sig), process.returncode
    assert leftovers(cache) == [] if cache.exists() else True
    # The next run works and leaves nothing behind either.
    subprocess.run([*KETTOOL, "search", "blood", "pressure"], env=env, capture_output=True, timeout=60, check=True)
    assert leftovers(cache) == []


def test_a_full_disk_while_storing_an_answer_leaves_no_temporary_file(tmp_path, monkeypatch):
    from kettool.cli.answer_cache import StoredAnswers

    folder = tmp_path / "entry" / "answers"
    (tmp_path / "entry").mkdir()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    StoredAnswers(folder, "key").write("text", "2026-12-01")
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_adding_to_a_cache_entry_leaves_no_temporary_file(tmp_path, monkeypatch):
    from kettool.core.kb_cache import Cache

    cache = Cache(tmp_path, "key")
    cache.folder.mkdir()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    cache.add({"search-meta.json": {"x": 1}})
    assert leftovers(tmp_path) == []


def test_old_leftovers_of_killed_processes_are_swept_on_the_next_write(tmp_path):
    from kettool.core.kb_cache import LEFTOVER_AGE_SECONDS, Cache

    old = time.time() - LEFTOVER_AGE_SECONDS - 60
    stale_dir = tmp_path / ".tmp-killed"
    stale_dir.mkdir()
    stale_file = tmp_path / ".old-abc"
    stale_file.mkdir()
    fresh = tmp_path / ".tmp-still-writing"
    fresh.mkdir()
    for path in (stale_dir, stale_file):
        os.utime(path, (old, old))
    Cache(tmp_path, "key").write({"kb.json": {"x": 1}})
    assert not stale_dir.exists() and not stale_file.exists()
    assert fresh.exists()  # another process may still be writing it
