"""Where knowledge-base files come from: the bundled data and user paths."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import kettool
from kettool.core.errors import KnowledgeBaseError, Problem
from kettool.core.record_base import Record

KB_SUFFIXES = (".yaml", ".yml")


class Layer(Record):
    """An ordered group of KB files; a later layer may override an earlier one's entries by id."""

    name: str
    files: tuple[str | Path, ...]


def bundled_data_dir() -> Path:
    """The folder holding the bundled KB, in a wheel or in a source checkout."""
    # The package's own search path is what importlib.resources.files() resolves to for an
    # installed (non-zipped) package; importing importlib.resources costs ~8 M instructions a run.
    package = Path(kettool.__path__[0])
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    # An editable install does not apply the wheel's data mapping: the data then sits beside
    # the package in the project root.
    return package.parent / "data"


def user_layer(path: Path) -> Layer:
    """A user's KB file or folder, checked to exist and be readable."""
    return kb_layer(str(path), path)


def bundled_layer() -> Layer:
    """The bundled knowledge base."""
    return kb_layer("bundled", bundled_data_dir() / "kb")


def kb_layer(name: str, path: Path) -> Layer:
    """The YAML files of a KB path (a file, or a folder searched recursively), in a stable order."""
    root = str(path)
    try:
        st = os.stat(root)
    except FileNotFoundError:
        raise KnowledgeBaseError([Problem(root, "no such file or folder")]) from None
    except OSError as exc:
        raise KnowledgeBaseError([Problem(root, f"cannot read: {exc.strerror or exc}")]) from None
    if stat.S_ISREG(st.st_mode):
        return Layer(name, (root,))
    if not stat.S_ISDIR(st.st_mode):
        raise KnowledgeBaseError([Problem(root, "not a regular file or folder")])
    found: list[tuple[str, os.stat_result]] = []
    odd: list[Problem] = []
    try:
        _walk(root, found, odd)
    except OSError as exc:
        raise KnowledgeBaseError([Problem(root, f"cannot read: {exc.strerror or exc}")]) from None
    if odd:
        raise KnowledgeBaseError(odd)
    if not found:
        raise KnowledgeBaseError([Problem(root, "folder holds no .yaml or .yml files")])
    found.sort()
    return Layer(name, tuple(f for f, _ in found))


def _walk(folder: str, found: list[tuple[str, os.stat_result]], odd: list[Problem]) -> None:
    # os.scandir is several times cheaper than Path.rglob: this runs on every start-up.
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                _walk(entry.path, found, odd)
            elif entry.name.endswith(KB_SUFFIXES):
                try:
                    st = entry.stat()
                except OSError:
                    odd.append(Problem(entry.path, "cannot read (a broken link?)"))
                    continue
                if stat.S_ISREG(st.st_mode):
                    found.append((entry.path, st))
                else:
                    odd.append(Problem(entry.path, "not a regular file"))


def kb_files(path: Path) -> tuple[str | Path, ...]:
    """The YAML files of a KB path, in a stable order."""
    return kb_layer(str(path), path).files
