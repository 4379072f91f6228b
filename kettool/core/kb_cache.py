"""A cache of the parsed knowledge base, keyed by its files' identity, written atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kettool.core.kb_identity import CACHE_FORMAT, cache_key

__all__ = ["CACHE_FORMAT", "Cache", "cache_key", "sweep_leftovers"]

KEEP_ENTRIES = 8
FILES = "files"  # the folder of an entry holding each KB file's parsed data


class Cache:
    """One folder per key under the cache root; each folder is complete or absent."""

    def __init__(self, root: Path, key: str):
        self.root = root
        self.key = key
        self.folder = root / key

    def read_bytes(self, name: str) -> bytes | None:
        """The bytes of the cached file `name`, or None if it is missing (the caller checks the rest)."""
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def write(self, documents: dict[str, Any], stored: dict[str, Path] | None = None) -> None:
        """Write documents into a new folder and rename it into place, so readers never see half of it.

        A document given as a list of byte chunks is already whole (format and key included) and is
        written as it is;
        `stored` names files already in their stored form (in another
        entry or a spool folder) to link in.
        """

        from kettool.core import atomic_files  # only needed when writing
        from kettool.core.plain_data import compact_json

        staging = atomic_files.temporary_name(self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging.mkdir()
            for name, value in documents.items():
                if isinstance(value, list):  # a whole stored document, in chunks of bytes
                    with open(staging / name, "wb") as stream:
                        stream.writelines(value)
                    continue
                payload = {"format": CACHE_FORMAT, "key": self.key, "value": value}
                (staging / name).write_text(compact_json(payload), encoding="utf-8")
            for name, source in (stored or {}).items():
                (staging / name).parent.mkdir(exist_ok=True)
                try:
                    os.link(source, staging / name)  # documents are never changed once written: share them
                except FileNotFoundError:
                    continue  # its entry was pruned just now: that file is parsed again next time
                except OSError:
                    atomic_files.copy_file(source, staging / name)  # no hard links on this filesystem
            if self.folder.exists():
                # A damaged entry: move it aside (atomically) and take its place; if another process
                # puts a fresh entry there in between, the rename below fails and that entry stands.
                aside = atomic_files.temporary_name(self.root, atomic_files.SET_ASIDE)
                try:
                    aside.mkdir()
                    os.rename(self.folder, aside / "entry")
                finally:
                    atomic_files.remove_tree(aside)  # whether or not the rename won: never leave an empty folder
            os.rename(staging, self.folder)
        except OSError:
            pass  # unwritable, a full disk, or another process won the race: its entry (or none) stands
        finally:
            atomic_files.remove_tree(staging)  # Ctrl-C and SIGTERM unwind through here too
        self._prune()

    def add(self, documents: dict[str, Any]) -> None:
        """Add documents to an existing entry, each file replaced atomically; nothing if the entry is gone."""
        from kettool.core.atomic_files import replace_file
        from kettool.core.plain_data import compact_json

        for name, value in documents.items():
            payload = {"format": CACHE_FORMAT, "key": self.key, "value": value}
            # A pruned or unwritable entry: the next search builds the index again.
            if not replace_file(self.folder / name, compact_json(payload)):
                return

    def older_entries(self) -> list[Path]:
        """The other entries of this cache, newest first."""
        try:
            found = [p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".") and p != self.folder]
            return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return []  # no cache yet, or an entry was pruned while listing

    def _prune(self) -> None:
        from kettool.core.atomic_files import remove_tree

        sweep_leftovers(self.root)
        try:
            entries = sorted(
                (p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
        except OSError:
            return
        for old in entries[KEEP_ENTRIES:]:
            remove_tree(old)


def decode(stored: bytes, key: str) -> Any | None:
    """The value of a stored document, or None if it is corrupt, of another format or for another key."""
    from kettool.core.gc_pause import collector_paused
    from kettool.core.plain_data import loads  # json's codec without the json package

    try:
        with collector_paused():  # a large KB's cached form is hundreds of thousands of containers
            payload = loads(stored)
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("key") != key or payload.get("format") != CACHE_FORMAT:
        return None
    return payload.get("value")


def encode_document(key: str, value: bytes) -> bytes:
    """A stored document holding a value already encoded as JSON, as compact_json of the payload would write it."""
    return b'{"format":%d,"key":"%s","value":%s}' % (CACHE_FORMAT, key.encode(), value)  # keys are hex


def file_key(path: str, stat: os.stat_result | None, version: str, schema: str) -> str:
    """The key of one file's parsed data: the file's identity as in a KB key, and the schema's."""
    return cache_key([("file", (path,), (stat,) if stat else ()), ("schema", (schema,))], version)


class ParsedFiles:
    """Each KB file's parsed and schema-checked data, kept in cache entries under the file's own key.

    Any edit changes the KB's key and so its entry; the files of the KB that did not change are taken
    from the entries already there instead of being parsed and checked again. A file's key is made as
    the KB's is (path, size, inode, times, and content when just changed), plus the schema's identity.
    The documents of files parsed now are written to a spool folder as they come (a large KB's would
    otherwise be held in memory), then linked into the new entry with the ones reused.
    """

    def __init__(self, cache: Cache, files: list[tuple[str, os.stat_result | None]], version: str, schema: str):
        self.cache = cache
        self.keys = {path: file_key(path, stat, version, schema) for path, stat in files}
        self.documents: dict[str, Path] = {}  # name in an entry -> the file holding it (older entry or spool)
        self._older: list[Path] | None = None
        self._spool: Path | None = None
        self._spool_failed = False

    def get(self, path: str) -> Any | None:
        """The checked data of a file unchanged since an older entry stored it, or None."""
        key = self.keys.get(path)
        if key is None:
            return None
        if self._older is None:
            self._older = self.cache.older_entries()
        for folder in self._older:
            stored = folder / FILES / f"{key}.json"
            try:
                value = decode(stored.read_bytes(), key)
            except OSError:
                continue
            if value is not None:
                self.documents[f"{FILES}/{key}.json"] = stored
                return value
        return None

    def put(self, path: str, data: Any) -> None:
        """Keep a file's data, parsed and found valid in this run, for the entry about to be written."""
        from kettool.core.plain_data import compact_json

        target = self.target(path)
        if target is None:
            return  # not a file of this KB, or an unwritable cache: the entry will not be written either
        try:
            target[0].write_bytes(encode_document(target[1], compact_json(data).encode()))
        except OSError:
            return  # a full disk: this file is parsed again next time
        self.stored(path)

    def target(self, path: str) -> tuple[Path, str] | None:
        """Where a file's document is to be written now, and its key; None if it cannot be."""
        key = self.keys.get(path)
        spool = self._spool_folder()
        return None if key is None or spool is None else (spool / f"{key}.json", key)

    def stored(self, path: str) -> None:
        """Note that a file's document was written to its target (here or by a worker process)."""
        key = self.keys[path]
        assert self._spool is not None
        self.documents[f"{FILES}/{key}.json"] = self._spool / f"{key}.json"

    def close(self) -> None:
        """Remove the spool folder (its documents are linked into the entry by now, or not wanted)."""
        from kettool.core.atomic_files import remove_tree

        if self._spool is not None:
            remove_tree(self._spool)

    def _spool_folder(self) -> Path | None:
        if self._spool is None:
            from kettool.core.atomic_files import temporary_name

            # Named before it is created, so that close() removes it whenever Ctrl-C lands.
            self._spool = temporary_name(self.cache.root)
            try:
                self.cache.root.mkdir(parents=True, exist_ok=True)
                self._spool.mkdir()
            except OSError:
                self._spool_failed = True
        return None if self._spool_failed else self._spool


# Temporary files and folders older than this belong to a process that was killed (SIGKILL, power
# loss) before it could clean up; younger ones may belong to a process still writing.
LEFTOVER_AGE_SECONDS = 600


def sweep_leftovers(root: Path) -> None:
    """Remove `.tmp-*` and `.old-*` leftovers of killed processes: cache root, entries, answers, replay records."""
    import time

    from kettool.core.atomic_files import SET_ASIDE, TEMPORARY, remove_file, remove_tree

    cutoff = time.time() - LEFTOVER_AGE_SECONDS
    folders = [root]
    try:
        folders += [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        folders += [p / "answers" for p in folders[1:] if (p / "answers").is_dir()]
        folders += [root / ".replay"] if (root / ".replay").is_dir() else []  # kettool.cli.replay.FOLDER
    except OSError:
        return
    for folder in folders:
        try:
            leftovers = [p for p in folder.iterdir() if p.name.startswith((TEMPORARY, SET_ASIDE))]
        except OSError:
            continue
        for path in leftovers:
            try:
                if path.lstat().st_mtime < cutoff:
                    remove_tree(path) if path.is_dir() else remove_file(path)
            except OSError:
                continue
