"""Which files make up a knowledge base, and the key that changes whenever any of them does.

Only `os`, `stat`, `time`, `zlib` and `_operator`: the replay path (kettool.cli.replay) checks a
KB's key on every repeated question before anything heavier loads, so this module must stay cheap.
"""

from __future__ import annotations

import os
import stat
import zlib
from _operator import attrgetter, itemgetter  # the C module: `operator` itself is Python and costs more to import

import kettool

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (about 40 M instructions)
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, TypeAlias

    # The folders a KB path's files were found in and their stats, taken before each was listed; None
    # when they cannot prove that no file was added, removed or renamed since (see kb_path_listing).
    Folders: TypeAlias = "tuple[tuple[str, ...], tuple[os.stat_result, ...]] | None"

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


def kb_path_listing(root: str) -> tuple[tuple[str, ...], tuple[os.stat_result, ...], list[tuple[str, str]], Folders]:
    """The YAML files of a KB path (a file, or a folder searched recursively) in order, their stats, problems, folders.

    The stats are the ones taken while listing, so that the cache key need not stat every file again.
    The folders are those searched, with stats taken before each was read (see Folders). Raises
    OSError when the path itself cannot be read.
    """
    import time

    st = os.stat(root)
    if stat.S_ISREG(st.st_mode):
        return (root,), (st,), [], ((), ())
    if not stat.S_ISDIR(st.st_mode):
        return (), (), [(root, "not a regular file or folder")], None
    found: list[tuple[str, os.stat_result]] = []
    odd: list[tuple[str, str]] = []
    folders: list[tuple[str, os.stat_result]] = []
    links = _walk(root, st, found, odd, folders)
    if not found and not odd:
        odd.append((root, "folder holds no .yaml or .yml files"))
    found.sort()  # by path: paths are unique, so the stats are never compared
    folder_stats = tuple(st for _, st in folders)
    # A folder changed in the last few seconds may change again within one tick of its timestamps
    # (git's "racy" entries): its stats then prove nothing about its entries.
    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    racy = max(map(_newest, folder_stats)) > recent
    proof = None if links or racy else (tuple(path for path, _ in folders), folder_stats)
    return tuple(path for path, _ in found), tuple(st for _, st in found), odd, proof


def _newest(st: os.stat_result) -> int:
    return max(st.st_mtime_ns, st.st_ctime_ns)


def _walk(
    folder: str,
    folder_stat: os.stat_result,
    found: list[tuple[str, os.stat_result]],
    odd: list[tuple[str, str]],
    folders: list[tuple[str, os.stat_result]],
) -> bool:
    """Add the KB files under folder to found; True if it holds a symbolic link that is not to a folder."""
    # The folder's stat is taken before its entries are read: any entry added, removed or renamed
    # afterwards changes the folder's mtime and ctime, which a replay compares.
    folders.append((folder, folder_stat))
    links = False
    # os.scandir is several times cheaper than Path.rglob: this runs on every start-up.
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                links |= _walk(entry.path, os.stat(entry.path), found, odd, folders)
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
            elif entry.is_symlink():
                # It may come to point at a folder of KB files without its own folder changing.
                links = True
    return links


# What a file's stat contributes to a key: its size, inode, and modification and change times in ns.
_FIELDS = attrgetter("st_size", "st_ino", "st_mtime_ns", "st_ctime_ns")
_MTIME, _CTIME = itemgetter(2), itemgetter(3)


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

    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    parts = [key_header(tool_version)]
    racy: list[str] = []
    for layer in layers:
        name, files = layer[0], layer[1]
        stats = layer[2] if len(layer) > 2 and len(layer[2]) == len(files) else tuple(map(os.stat, files))
        paths = [os.fspath(path) for path in files]
        part, fields = layer_part(os.fsencode(name), paths_checksum(os.fsencode("\0".join(paths))), stats)
        parts.append(part)
        if fields and max(max(map(_MTIME, fields)), max(map(_CTIME, fields))) > recent:
            racy.extend(
                path for path, field in zip(paths, fields, strict=True) if max(_MTIME(field), _CTIME(field)) > recent
            )
    # Stats alone make the key that a replay (stat_key) computes again; content makes it another.
    for path in racy:
        with open(path, "rb") as stream:
            content = stream.read()
        parts.append(b"%s\0%08x\0%08x" % (os.fsencode(path), zlib.crc32(content), zlib.adler32(content)))
    return digest(parts)


def stat_key(layers: Iterable[tuple[bytes, bytes, Iterable[os.stat_result]]], tool_version: str) -> str:
    """The cache_key of (name, paths_checksum, stats) layers, none of whose files changed in the last seconds.

    A key cache_key made with a recently changed file's content never equals this one: a replay that
    compares them runs normally instead. Names are bytes, as os.fsencode makes them.
    """
    return digest(
        [key_header(tool_version), *(layer_part(name, checksum, stats)[0] for name, checksum, stats in layers)]
    )


def key_header(tool_version: str) -> bytes:
    """The first part of every key: the cache format and kettool's version."""
    return b"%d\n%s" % (CACHE_FORMAT, tool_version.encode())


def paths_checksum(paths: bytes) -> bytes:
    """A CRC and an Adler checksum of a layer's paths, joined by NUL as os.fsencode makes them."""
    # A replay keeps it with the paths rather than check them again: paths other than those listed
    # have other stats, and so make another key, unless they name the very same files.
    return b"%08x%08x" % (zlib.crc32(paths), zlib.adler32(paths))


def layer_part(
    name: bytes, paths_sum: bytes, stats: Iterable[os.stat_result]
) -> tuple[bytes, tuple[tuple[int, ...], ...]]:
    """A layer's part of a key (name, paths_checksum, one hash of all its stats), and the stat fields hashed."""
    # One C-level pass, and one hash of a tuple of int tuples instead of formatting 4 numbers a file:
    # ints hash to themselves modulo 2**61 - 1 whatever PYTHONHASHSEED is, and the tuple hash mixes
    # each field in with an invertible step, so one field changed by less than that always changes it.
    fields = tuple(map(_FIELDS, stats))
    return b"layer %s\0%s\0%d\0%x" % (name, paths_sum, len(fields), hash(fields) & 0xFFFFFFFFFFFFFFFF), fields


def digest(parts: list[bytes]) -> str:
    """The key of a signature made of parts."""
    signature = b"\n".join(parts)
    # A CRC, an Adler checksum and the length make a 76-bit key: plenty to tell KB versions apart
    # (this is not a defence against forgery), at a fraction of hashlib's import cost. (A second CRC,
    # of the reversed signature, cost a copy of it and a slower pass.)
    return f"{zlib.crc32(signature):08x}{zlib.adler32(signature):08x}{len(signature) & 0xFFF:03x}"
