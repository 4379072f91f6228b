"""A replay's KB check: folder and file stats from a listing catch every change a fresh listing would."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kettool import __version__
from kettool.cli import replay
from kettool.core import kb_identity
from kettool.core.kb_files import kb_layer
from tests.conftest import TINY_KB
from tests.test_cache_never_stale import (
    mutate_cp_p,
    mutate_new_file,
    mutate_renamed_over,
    mutate_reused_inode,
    mutate_valid_same_size,
    same_size_edit,
)


def remember_listing(kb: Path, folder: Path) -> str:
    """Store the listing a replay checks, as the normal path does, and return the KB's key."""
    layers = [kb_layer(str(kb), kb)]
    key = kb_identity.cache_key(layers, __version__)
    listing = replay._listing(key, layers)
    assert listing is not None
    (folder / f"kb-{key}.bin").write_bytes(listing)
    return key


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(kb_identity, "RACY_SECONDS", 0.0)  # as for a KB last changed long ago
    folder = tmp_path / "kb"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(TINY_KB / "kb.yaml", folder / "kb.yaml")
    (folder / "sub" / "more.yaml").write_text("studies:\n  - {id: more2030, title: Mixed results.}\n", encoding="utf-8")
    (folder / "notes").write_text("not a KB file\n", encoding="utf-8")
    return folder


def add_in_subfolder_times_restored(kb: Path) -> None:
    sub = kb / "sub"
    before = sub.stat()
    (sub / "extra.yaml").write_text("studies: []\n", encoding="utf-8")
    os.utime(sub, ns=(before.st_atime_ns, before.st_mtime_ns))  # the folder's ctime still moves


def replace_file_by_folder_of_kb_files(kb: Path) -> None:
    (kb / "notes").unlink()
    (kb / "notes").mkdir()
    (kb / "notes" / "hidden.yaml").write_text("studies: []\n", encoding="utf-8")


MUTATIONS = {
    "valid same-size edit, mtime restored": mutate_valid_same_size,
    "same-size edit in a subfolder, mtime restored": lambda kb: same_size_edit(
        kb / "sub" / "more.yaml", "Mixed results.", "Mixed result!."
    ),
    "cp -p over the file": mutate_cp_p,
    "another file of the same size and times moved over it": mutate_renamed_over,
    "removed and rewritten with the same size and times (inode reused)": mutate_reused_inode,
    "a new file in the KB folder": mutate_new_file,
    "a new file in a subfolder whose times are restored": add_in_subfolder_times_restored,
    "a file removed": lambda kb: (kb / "sub" / "more.yaml").unlink(),
    "a file renamed": lambda kb: (kb / "sub" / "more.yaml").rename(kb / "sub" / "other.yaml"),
    "a new subfolder of KB files": lambda kb: (
        (kb / "new").mkdir(),
        (kb / "new" / "x.yaml").write_text("studies: []\n", encoding="utf-8"),
    ),
    "a file that is not KB data replaced by a folder of KB files": replace_file_by_folder_of_kb_files,
}


def test_an_unchanged_kb_passes_the_check(kb: Path, tmp_path: Path) -> None:
    key = remember_listing(kb, tmp_path)
    assert replay._same_kb(key, str(tmp_path))


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_any_change_a_new_listing_would_see_fails_the_check(kb: Path, tmp_path: Path, mutation: str) -> None:
    key = remember_listing(kb, tmp_path)
    time.sleep(0.01)  # a later ctime, even on a filesystem with 10 ms timestamps
    MUTATIONS[mutation](kb)
    assert not replay._same_kb(key, str(tmp_path))


def test_a_damaged_listing_fails_the_check(kb: Path, tmp_path: Path) -> None:
    key = remember_listing(kb, tmp_path)
    listing = tmp_path / f"kb-{key}.bin"
    data = listing.read_bytes()
    listing.write_bytes(data.replace(b"more.yaml", b"mor2.yaml"))
    assert not replay._same_kb(key, str(tmp_path))
    listing.write_bytes(data[:-1])
    assert not replay._same_kb(key, str(tmp_path))


def test_a_folder_changed_just_now_leaves_nothing_to_replay(kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_identity, "RACY_SECONDS", 3.0)  # the fixture's folders were made just now
    layer = kb_layer(str(kb), kb)
    assert layer.folders is None
    assert replay._listing("key", [layer]) is None


def test_a_link_that_is_not_to_a_folder_leaves_nothing_to_replay(kb: Path) -> None:
    # The link could come to point at a folder of KB files while its own folder stays the same.
    (kb / "later").symlink_to(kb / "missing")
    assert kb_layer(str(kb), kb).folders is None
