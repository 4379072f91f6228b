"""Nothing left behind: interrupted or failing cache writes leave no temporary files or folders."""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import signal
import subprocess
import time

import pytest

from tests.installed import KETTOOL, KETTOOL_SH

LEFTOVER_PREFIXES = (".tmp-", ".old-")


def leftovers(cache) -> list[str]:
    return [str(p) for p in cache.rglob("*") if p.name.startswith(LEFTOVER_PREFIXES)]


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("delay", [round(0.1 + 0.05 * i, 2) for i in range(20)])
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


# A real full disk: the cache lives on a tmpfs of a few kilobytes to a few hundred, mounted in a private
# mount namespace (`unshare`), so each size runs out of room at another step of a first run (the KB entry,
# the search index, the stored answers).
FULL_DISK_COMMANDS = [
    ["search", "blood", "pressure", "--json"],
    ["condition", "depression", "--json"],
    ["condition", "ptsd"],
    ["search", "blood", "pressure", "--json"],
    ["why", "ocd"],
]


def can_mount_a_tmpfs() -> bool:
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs -o size=4k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(
    not shutil.which("unshare") or not can_mount_a_tmpfs(),
    reason="a private tmpfs cannot be mounted here (unshare or user namespaces unavailable)",
)


@pytest.mark.slow
@needs_tmpfs
# 4 and 64 kB: the KB entry cannot be written; 640, 1100 and 2000: the search index runs out of room part
# way; 2400: the index fits and the stored answers do not (sizes measured for the 0.3 bundled KB).
@pytest.mark.parametrize("size_kb", [4, 64, 640, 1100, 2000, 2400])
def test_a_really_full_disk_gives_the_uncached_answers_and_leaves_nothing_behind(tmp_path, size_kb):
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("KETTOOL_")}, "KETTOOL_CACHE_DIR": str(cache)}
    steps = []
    for n, args in enumerate(FULL_DISK_COMMANDS):
        run = f"{KETTOOL_SH} {shlex.join(args)} > {tmp_path}/out-{n} 2> {tmp_path}/err-{n}"
        steps.append(f"{run}; echo $? >> {tmp_path}/codes")
    script = "\n".join(
        [
            "set -u",
            f"mount -t tmpfs -o size={size_kb}k tmpfs {cache}",
            *steps,
            # Fill what room is left, then run once more: every write now fails with ENOSPC.
            f"cat /dev/zero > {cache}/filler 2> /dev/null",
            f"df -k --output=avail {cache} | tail -1 > {tmp_path}/room-left",
            *[s.replace("out-", "full-out-").replace("err-", "full-err-") for s in steps],
            f"rm -f {cache}/filler",
            f"find {cache} -name '.tmp-*' -o -name '.old-*' > {tmp_path}/leftovers",
        ]
    )
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "bash", "-c", script],
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "room-left").read_text().strip() == "0", "the disk was never full"
    assert (tmp_path / "leftovers").read_text() == ""
    assert (tmp_path / "codes").read_text().split() == ["0"] * (2 * len(FULL_DISK_COMMANDS))
    for n, args in enumerate(FULL_DISK_COMMANDS):
        uncached = subprocess.run(
            [*KETTOOL, *args], env={**env, "KETTOOL_NO_CACHE": "1"}, capture_output=True, timeout=60, check=True
        )
        for prefix in ("out", "full-out"):
            assert (tmp_path / f"{prefix}-{n}").read_bytes() == uncached.stdout, (prefix, args)
        for prefix in ("err", "full-err"):
            assert (tmp_path / f"{prefix}-{n}").read_text() == "", (prefix, args)
