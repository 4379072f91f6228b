"""Hostile KB files given to the installed command: exit 1, a clear message, bounded time and memory."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import INVALID_KB, TINY_KB
from tests.installed import KETTOOL

pytestmark = pytest.mark.slow

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space: a file that made kettool expand it would die
TIME_LIMIT = 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_kettool(kb: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KETTOOL_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [*KETTOOL, "--kb", str(kb), "conditions"],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )


def hostile_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Generated hostile files: name -> (path, expected message)."""
    made = {
        "utf16": ("\ufeffstudies: []\n".encode("utf-16"), "UTF-16"),
        "latin1": ("meta:\n  scope: caf\xe9\n".encode("latin-1"), "not valid UTF-8"),
        "binary": (bytes(range(256)) * 64, "binary"),
        "empty": (b"", "empty"),
        # libyaml stops at its own depth limit where it has one; kettool's limit catches the rest.
        "deep_nesting": (
            b"a: " + b"[" * 20000 + b"]" * 20000 + b"\n",
            ("exceeded maximum nesting depth", "nested more than"),
        ),
        "python_deep_nesting": (b"a: " + b"[" * 900 + b"]" * 900 + b"\n", "nested more than"),
        "huge": (
            b"studies:\n" + b"  - {id: x, title: t, design_type: rct, key_result: r, pmid: '1'}\n" * 500_000,
            "limit is 8 MB",
        ),
        "raw_control": (b"meta:\n  scope: bell\x07\n", "not allowed in YAML"),
    }
    files = {}
    for name, (content, message) in made.items():
        path = tmp / f"{name}.yaml"
        path.write_bytes(content)
        files[name] = (path, message)
    return files


@pytest.mark.parametrize("path", sorted(INVALID_KB.glob("*.yaml")), ids=lambda p: p.stem)
def test_corpus_file_is_rejected_quickly_within_bounded_memory(path, tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(TINY_KB / "kb.yaml", folder / "kb.yaml")
    shutil.copy(path, folder / path.name)
    result = run_kettool(folder, tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "problem" in result.stderr


@pytest.mark.parametrize(
    "name", ["utf16", "latin1", "binary", "empty", "deep_nesting", "python_deep_nesting", "huge", "raw_control"]
)
def test_generated_hostile_file_is_rejected_quickly_within_bounded_memory(name, tmp_path):
    path, message = hostile_files(tmp_path)[name]
    result = run_kettool(path, tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    messages = (message,) if isinstance(message, str) else message
    assert any(m in result.stderr for m in messages) and "Traceback" not in result.stderr


def test_directory_named_like_a_kb_file_is_refused(tmp_path):
    (tmp_path / "kb.yaml").mkdir()
    result = run_kettool(tmp_path / "kb.yaml", tmp_path)
    assert result.returncode == 1
    assert "no .yaml or .yml files" in result.stderr
