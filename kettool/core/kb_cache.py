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

    def read(self, name: str) -> Any | None:
        """The cached JSON document `name`, or None if missing, corrupt or for another key."""
        try:
            return decode((self.folder / name).read_bytes(), self.key)
        except OSError:
            return None

    def write(self, documents: dict[str, Any], encoded: dict[str, bytes] | None = None) -> None:
        """Write documents into a new folder and rename it into place, so readers never see half of it.

        `encoded` holds documents already in their stored form (read from another entry), written as they are.
        """
        import json

        from kettool.core import atomic_files  # only needed when writing

        staging = atomic_files.temporary_name(self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging.mkdir()
            for name, value in documents.items():
                payload = {"format": CACHE_FORMAT, "key": self.key, "value": value}
                (staging / name).write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
            for name, stored in (encoded or {}).items():
                (staging / name).parent.mkdir(exist_ok=True)
                (staging / name).write_bytes(stored)
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
        import json

        from kettool.core.atomic_files import replace_file

        for name, value in documents.items():
            payload = {"format": CACHE_FORMAT, "key": self.key, "value": value}
            # A pruned or unwritable entry: the next search builds the index again.
            if not replace_file(self.folder / name, json.dumps(payload, separators=(",", ":"))):
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
    import json  # not needed when a stored answer is replayed

    from kettool.core.gc_pause import collector_paused

    try:
        with collector_paused():  # a large KB's cached form is hundreds of thousands of containers
            payload = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("key") != key or payload.get("format") != CACHE_FORMAT:
        return None
    return payload.get("value")


def file_key(path: str, stat: os.stat_result | None, version: str, schema: str) -> str:
    """The key of one file's parsed data: the file's identity as in a KB key, and the schema's."""
    return cache_key([("file", (path,), (stat,) if stat else ()), ("schema", (schema,))], version)


class ParsedFiles:
    """Each KB file's parsed and schema-checked data, kept in cache entries under the file's own key.

    Any edit changes the KB's key and so its entry; the files of the KB that did not change are taken
    from the entries already there instead of being parsed and checked again. A file's key is made as
    the KB's is (path, size, inode, times, and content when just changed), plus the schema's identity.
    """

    def __init__(self, cache: Cache, files: list[tuple[str, os.stat_result | None]], version: str, schema: str):
        self.cache = cache
        self.keys = {path: file_key(path, stat, version, schema) for path, stat in files}
        self.reused: dict[str, bytes] = {}  # file key -> its document's stored form, from an older entry
        self.fresh: dict[str, Any] = {}  # file key -> data parsed in this run
        self._older: list[Path] | None = None

    def get(self, path: str) -> Any | None:
        """The checked data of a file unchanged since an older entry stored it, or None."""
        key = self.keys.get(path)
        if key is None:
            return None
        if self._older is None:
            self._older = self.cache.older_entries()
        for folder in self._older:
            try:
                stored = (folder / FILES / f"{key}.json").read_bytes()
            except OSError:
                continue
            value = decode(stored, key)
            if value is not None:
                self.reused[key] = stored
                return value
        return None

    def put(self, path: str, data: Any) -> None:
        """Keep a file's data, parsed and found valid in this run, for the entry about to be written."""
        key = self.keys.get(path)
        if key is not None:
            self.fresh[key] = data

    def encoded(self) -> dict[str, bytes]:
        """Every file's document by its name in an entry: those reused as read, those parsed now encoded."""
        import json

        documents = {f"{FILES}/{key}.json": stored for key, stored in self.reused.items()}
        for key, data in self.fresh.items():
            payload = {"format": CACHE_FORMAT, "key": key, "value": data}
            documents[f"{FILES}/{key}.json"] = json.dumps(payload, separators=(",", ":")).encode()
        return documents


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
