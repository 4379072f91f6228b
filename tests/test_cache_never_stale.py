"""The cache can never serve an answer that differs from an uncached run, whatever happens to the KB files."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from tests.conftest import TINY_KB
from tests.installed import KETTOOL

pytestmark = pytest.mark.slow
QUESTION = ["condition", "ptsd", "--json"]


@pytest.fixture
def kb_dir(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(TINY_KB / "kb.yaml", folder / "kb.yaml")
    return folder


def answer(kb, env, *, cache: bool = True) -> bytes:
    extra = {} if cache else {"KETTOOL_NO_CACHE": "1"}
    result = subprocess.run(
        [*KETTOOL, "--kb", str(kb), *QUESTION], env={**env, **extra}, capture_output=True, timeout=60
    )
    return result.stdout + f"exit {result.returncode}".encode() + result.stderr


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KETTOOL_")}
    return {**clean, "KETTOOL_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80"}


def same_size_edit(path, old: str, new: str) -> None:
    """Replace text with text of the same length and give the file back its old times."""
    assert len(old) == len(new)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def mutate_valid_same_size(folder):
    same_size_edit(folder / "kb.yaml", "Mixed results.", "Mixed result!.")


def mutate_invalid_same_size(folder):
    same_size_edit(folder / "kb.yaml", "rating: serious, reason: One positive", "rating: seriou_, reason: One positive")


def mutate_cp_p(folder):
    other = folder.parent / "other.yaml"
    text = (folder / "kb.yaml").read_text(encoding="utf-8").replace("Mixed results.", "Mixed findings")
    other.write_text(text, encoding="utf-8")
    stat = (folder / "kb.yaml").stat()
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    subprocess.run(["cp", "-p", str(other), str(folder / "kb.yaml")], check=True)


def same_size_twin(folder, name: str):
    """A file beside the KB with the same size and times as kb.yaml but other (valid) text."""
    twin = folder.parent / name
    twin.write_text(
        (folder / "kb.yaml").read_text(encoding="utf-8").replace("Mixed results.", "Mixed outcome."), encoding="utf-8"
    )
    stat = (folder / "kb.yaml").stat()
    os.utime(twin, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert twin.stat().st_size == stat.st_size
    return twin, stat


def mutate_renamed_over(folder):
    twin, _ = same_size_twin(folder, "twin.yaml")
    os.replace(twin, folder / "kb.yaml")  # `mv twin.yaml kb.yaml`: same size and times, another inode


def mutate_reused_inode(folder):
    # Remove the file and write another of the same size and times: filesystems hand the freed inode
    # to the next new file, so size, mtime and inode can all match the old file's.
    twin, stat = same_size_twin(folder, "twin.yaml")
    text = twin.read_bytes()
    (folder / "kb.yaml").unlink()
    (folder / "kb.yaml").write_bytes(text)
    os.utime(folder / "kb.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns))


def mutate_new_file(folder):
    (folder / "extra.yaml").write_text(
        (TINY_KB / "kb.yaml").read_text(encoding="utf-8")[:0]
        + "studies:\n  - {id: extra2030, title: T, design_type: rct, key_result: R, "
        "pmid: '999'}\n",
        encoding="utf-8",
    )


def mutate_symlink_retargeted(folder):
    real_a, real_b = folder.parent / "a.yaml", folder.parent / "b.yaml"
    shutil.copy(folder / "kb.yaml", real_a)
    real_b.write_text(real_a.read_text(encoding="utf-8").replace("Mixed results.", "Other results."), encoding="utf-8")
    (folder / "kb.yaml").unlink()
    (folder / "kb.yaml").symlink_to(real_a)
    return lambda: ((folder / "kb.yaml").unlink(), (folder / "kb.yaml").symlink_to(real_b))


# Mutation -> whether it changes the answer to the question (a new, uncited study does not).
MUTATIONS = {
    "valid same-size edit, mtime restored": (mutate_valid_same_size, True),
    "invalid same-size edit, mtime restored": (mutate_invalid_same_size, True),
    "cp -p over the file": (mutate_cp_p, True),
    "another file of the same size and times moved over it": (mutate_renamed_over, True),
    "removed and rewritten with the same size and times (inode reused)": (mutate_reused_inode, True),
    "a new file in the KB folder": (mutate_new_file, False),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_after_a_mutation_the_cached_answer_equals_an_uncached_one(kb_dir, env, mutation):
    mutate, changes = MUTATIONS[mutation]
    before = answer(kb_dir, env)
    assert answer(kb_dir, env) == before  # now stored
    mutate(kb_dir)
    after = answer(kb_dir, env)
    assert after == answer(kb_dir, env, cache=False)
    assert (after != before) is changes


def test_a_removed_file_is_never_served_from_the_cache(kb_dir, env):
    mutate_new_file(kb_dir)
    answer(kb_dir, env)
    (kb_dir / "extra.yaml").unlink()
    assert answer(kb_dir, env) == answer(kb_dir, env, cache=False)


def test_a_retargeted_symlink_is_never_served_from_the_cache(kb_dir, env):
    retarget = mutate_symlink_retargeted(kb_dir)
    before = answer(kb_dir, env)
    retarget()
    after = answer(kb_dir, env)
    assert after == answer(kb_dir, env, cache=False) and after != before


def test_the_answer_key_changes_when_any_module_of_kettool_changes(tmp_path, monkeypatch):
    import kettool
    from kettool.cli import answer_cache

    package = tmp_path / "kettool"
    shutil.copytree(kettool.__path__[0], package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kettool, "__path__", [str(package)])
    before = answer_cache.code_identity()
    assert answer_cache.code_identity() == before
    widgets = package / "render" / "text_widgets.py"
    widgets.write_text(widgets.read_text(encoding="utf-8").replace('"•"', '"-"'), encoding="utf-8")
    assert answer_cache.code_identity() != before


def test_a_stored_answer_is_keyed_by_the_code_that_drew_it(kb_dir, env, tmp_path):
    import sys

    answer(kb_dir, env)
    stored = list((tmp_path / "cache").rglob("answers/*.txt"))
    assert stored
    # The identity of the kettool the command runs, computed outside the checkout (whose copy the tests import).
    probe = "from kettool.cli.answer_cache import code_identity; print(code_identity())"
    identity = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True
    ).stdout.strip()
    assert len(identity) == 8
    assert all(identity in p.read_text(encoding="utf-8").splitlines()[0] for p in stored)


def test_without_the_racy_window_the_ctime_still_catches_a_same_size_edit_with_the_mtime_restored(kb_dir, monkeypatch):
    from kettool.core import kb_identity as kb_cache
    from kettool.core.kb_files import user_layer

    monkeypatch.setattr(kb_cache, "RACY_SECONDS", 0.0)  # as for files edited long ago: stats only
    before = kb_cache.cache_key([user_layer(kb_dir)], "v")
    assert kb_cache.cache_key([user_layer(kb_dir)], "v") == before
    time.sleep(0.01)  # a later ctime, even on a filesystem with 10 ms timestamps
    mutate_valid_same_size(kb_dir)
    assert kb_cache.cache_key([user_layer(kb_dir)], "v") != before
