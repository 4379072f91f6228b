"""Which files make up a knowledge base, and the key that changes whenever any of them does.

Only `os`, `stat`, `time` and `zlib`, with paths as text: the replay path (kettool.cli.replay) checks a
KB's key on every repeated question before anything heavier loads, so this module must stay cheap.
"""

from __future__ import annotations

import os
import stat
import zlib

import kettool

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 40 M instructions)
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

KB_SUFFIXES = (".yaml", ".yml")
# Bump when the layout of cached data changes, so older caches are never read.
CACHE_FORMAT = 6
# Files changed this recently are also keyed by their content: on a filesystem with coarse timestamps
# two edits within one tick could otherwise share every time stamp (git's "racy" files).
RACY_SECONDS = 3.0


def bundled_data_folder() -> str:
    """The folder holding the bundled KB and schemas, in a wheel or in a source checkout."""
    # The package's own search path is what importlib.resources.files() resolves to for an
    # installed (non-zipped) package; importing importlib.resources costs ~8 M instructions a run.
    package = kettool.__path__[0]
    packaged = os.path.join(package, "data")
    if os.path.isdir(packaged):
        return packaged
    # An editable install does not apply the wheel's data mapping: the data then sits beside
    # the package in the project root.
    return os.path.join(os.path.dirname(package), "data")


def layer_roots(kb_path: str | None, extend: bool) -> list[tuple[str, str]]:
    """The (name, path) of each layer a setting selects: the bundled KB, a user's KB, or the bundled KB extended."""
    bundled = ("bundled", os.path.join(bundled_data_folder(), "kb"))
    if kb_path is None:
        return [bundled]
    return [bundled, (kb_path, kb_path)] if extend else [(kb_path, kb_path)]


def kb_path_files(root: str) -> tuple[tuple[str, ...], tuple[os.stat_result, ...], list[tuple[str, str]]]:
    """The YAML files of a KB path (a file, or a folder searched recursively) in order, their stats, and problems.

    The stats are the ones taken while listing, so that the cache key need not stat every file again.
    Raises OSError when the path itself cannot be read.
    """
    st = os.stat(root)
    if stat.S_ISREG(st.st_mode):
        return (root,), (st,), []
    if not stat.S_ISDIR(st.st_mode):
        return (), (), [(root, "not a regular file or folder")]
    found: list[tuple[str, os.stat_result]] = []
    odd: list[tuple[str, str]] = []
    _walk(root, found, odd)
    if not found and not odd:
        odd.append((root, "folder holds no .yaml or .yml files"))
    found.sort(key=lambda pair: pair[0])
    return tuple(path for path, _ in found), tuple(st for _, st in found), odd


def _walk(folder: str, found: list[tuple[str, os.stat_result]], odd: list[tuple[str, str]]) -> None:
    # os.scandir is several times cheaper than Path.rglob: this runs on every start-up.
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                _walk(entry.path, found, odd)
            elif entry.name.endswith(KB_SUFFIXES):
                try:
                    st = entry.stat()
                except OSError:
                    odd.append((entry.path, "cannot read (a broken link?)"))
                    continue
                if stat.S_ISREG(st.st_mode):
                    found.append((entry.path, st))
                else:
                    odd.append((entry.path, "not a regular file"))


def cache_key(layers: Iterable[Sequence[Any]], tool_version: str) -> str:
    """A key that changes whenever any KB file is added, removed, renamed, replaced or edited.

    `layers` are (name, files) or (name, files, stats) tuples, stats as taken when the files were
    listed (any file without one is stat'ed here). Each file contributes its path, size, inode, mtime and ctime. The
    ctime cannot be set back by `touch -r`, `cp -p` or `tar x`, so an edit that restores the mtime still
    changes the key; a file changed in the last few seconds is keyed by its content too, so that coarse
    timestamps cannot hide an edit. Unlike hashing every file on every run, this costs nothing more for
    a large KB. Raises OSError when a file vanished after it was listed.
    """
    import time

    now = time.time()
    parts = [f"{CACHE_FORMAT}", tool_version]
    for layer in layers:
        name, files = layer[0], layer[1]
        stats = layer[2] if len(layer) > 2 and len(layer[2]) == len(files) else ()
        parts.append(f"layer {name}")
        for number, path in enumerate(files):
            st = stats[number] if stats else os.stat(path)
            part = f"{path}\0{st.st_size}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"
            if now - max(st.st_mtime, st.st_ctime) < RACY_SECONDS:
                with open(path, "rb") as stream:
                    content = stream.read()
                part += f"\0{zlib.crc32(content):08x}\0{zlib.adler32(content):08x}"
            parts.append(part)
    signature = "\n".join(parts).encode()
    # Two CRCs and the length make a 72-bit key: plenty to tell KB versions apart (this is not a
    # defence against forgery), at a fraction of hashlib's import cost.
    return f"{zlib.crc32(signature):08x}{zlib.crc32(signature[::-1]):08x}{len(signature) & 0xFFF:03x}"
