"""A cache of the parsed knowledge base, keyed by its files' identity, written atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kettool.core.kb_identity import CACHE_FORMAT, cache_key

__all__ = ["CACHE_FORMAT", "Cache", "Document", "cache_key", "sweep_leftovers"]

KEEP_ENTRIES = 8


class Document(bytes):
    """A whole cache file already encoded (its format and key included), written as it is."""


class Cache:
    """One folder per key under the cache root; each folder is complete or absent."""

    def __init__(self, root: Path, key: str):
        self.root = root
        self.key = key
        self.folder = root / key

    def read(self, name: str) -> Any | None:
        """The cached JSON document `name`, or None if missing, corrupt or for another key."""
        import json  # not needed when a stored answer is replayed

        try:
            payload = json.loads((self.folder / name).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(payload, dict) or payload.get("key") != self.key or payload.get("format") != CACHE_FORMAT:
            return None
        return payload.get("value")

    def read_bytes(self, name: str) -> bytes | None:
        """The bytes of the cached file `name`, or None if it is missing (the caller checks the rest)."""
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def write(self, documents: dict[str, Any]) -> None:
        """Write documents into a new folder and rename it into place, so readers never see half of it."""
        import json

        from kettool.core import atomic_files  # only needed when writing

        staging = atomic_files.temporary_name(self.root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging.mkdir()
            for name, value in documents.items():
                if isinstance(value, Document):
                    (staging / name).write_bytes(value)
                else:
                    text = json.dumps({"format": CACHE_FORMAT, "key": self.key, "value": value}, separators=(",", ":"))
                    (staging / name).write_text(text, encoding="utf-8")
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
