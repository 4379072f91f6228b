"""Where knowledge-base files come from: the bundled data and user paths."""

from __future__ import annotations

import os
from pathlib import Path

from kettool.core.errors import KnowledgeBaseError, Problem
from kettool.core.kb_identity import KB_SUFFIXES, bundled_data_folder, kb_path_listing
from kettool.core.record_base import Record

__all__ = ["KB_SUFFIXES", "Layer", "bundled_data_dir", "kb_files", "kb_layer", "user_layer"]


class Layer(Record):
    """An ordered group of KB files; a later layer may override an earlier one's entries by id."""

    name: str
    files: tuple[str | Path, ...]
    stats: tuple[os.stat_result, ...] = ()  # taken when the files were listed: the cache key reuses them
    # The folders searched and their stats, taken before each was listed (kb_identity.Folders): a
    # replay compares them to know that no file was added, removed or renamed.
    folders: tuple[tuple[str, ...], tuple[os.stat_result, ...]] | None = None


def bundled_data_dir() -> Path:
    """The folder holding the bundled KB, in a wheel or in a source checkout."""
    return Path(bundled_data_folder())


def user_layer(path: Path) -> Layer:
    """A user's KB file or folder, checked to exist and be readable."""
    return kb_layer(str(path), path)


def kb_layer(name: str, path: Path) -> Layer:
    """The YAML files of a KB path (a file, or a folder searched recursively), in a stable order."""
    root = str(path)
    try:
        files, stats, odd, folders = kb_path_listing(root)
    except FileNotFoundError:
        raise KnowledgeBaseError([Problem(root, "no such file or folder")]) from None
    except OSError as exc:
        raise KnowledgeBaseError([Problem(root, f"cannot read: {exc.strerror or exc}")]) from None
    if odd:
        raise KnowledgeBaseError([Problem(file, message) for file, message in odd])
    return Layer(name, files, stats, folders)


def kb_files(path: Path) -> tuple[str | Path, ...]:
    """The YAML files of a KB path, in a stable order."""
    return kb_layer(str(path), path).files
