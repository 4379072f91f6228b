"""Where knowledge-base files come from: the bundled data and user paths."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import NamedTuple

import kettool

from kettool.core.errors import KnowledgeBaseError, Problem

KB_SUFFIXES = (".yaml", ".yml")


class Layer(NamedTuple):
    """An ordered group of KB files; a later layer may override an earlier one's entries by id."""

    name: str
    files: tuple[Path, ...]


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


def bundled_layer() -> Layer:
    """The bundled knowledge base."""
    return Layer("bundled", kb_files(bundled_data_dir() / "kb"))


def user_layer(path: Path) -> Layer:
    """A user's KB file or folder, checked to exist and be readable."""
    return Layer(str(path), kb_files(path))


def kb_files(path: Path) -> tuple[Path, ...]:
    """The YAML files of a KB path (a file, or a folder searched recursively), in a stable order."""
    try:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in KB_SUFFIXES)
            odd = [Problem(str(p), "not a regular file") for p in found if not _is_regular(p)]
            if odd:
                raise KnowledgeBaseError(odd)
            if not found:
                raise KnowledgeBaseError([Problem(str(path), "folder holds no .yaml or .yml files")])
            return tuple(found)
        if _is_regular(path):
            return (path,)
        if path.exists():
            raise KnowledgeBaseError([Problem(str(path), "not a regular file or folder")])
    except OSError as exc:
        raise KnowledgeBaseError([Problem(str(path), f"cannot read: {exc.strerror or exc}")]) from None
    raise KnowledgeBaseError([Problem(str(path), "no such file or folder")])


def _is_regular(path: Path) -> bool:
    """True for a regular file; FIFOs and devices would block or never end when read."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
