"""A cache of the parsed knowledge base, keyed by its files' identity, written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kettool.core.sources import Layer

# Bump when the layout of cached data changes, so older caches are never read.
CACHE_FORMAT = 1
KEEP_ENTRIES = 8


def cache_key(layers: list[Layer], tool_version: str) -> str:
    """A key that changes whenever any KB file is added, removed, edited or touched."""
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{tool_version}".encode())
    for layer in layers:
        h.update(f"\0layer\0{layer.name}".encode())
        for path in layer.files:
            st = path.stat()
            h.update(f"\0{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}".encode())
    return h.hexdigest()[:40]


class Cache:
    """One folder per key under the cache root; each folder is complete or absent."""

    def __init__(self, root: Path, key: str):
        self.root = root
        self.key = key
        self.folder = root / key

    def read(self, name: str) -> Any | None:
        """The cached JSON document `name`, or None if missing, corrupt or for another key."""
        try:
            payload = json.loads((self.folder / name).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(payload, dict) or payload.get("key") != self.key or payload.get("format") != CACHE_FORMAT:
            return None
        return payload.get("value")

    def write(self, documents: dict[str, Any]) -> None:
        """Write documents into a new folder and rename it into place, so readers never see half of it."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.root))
        except OSError:
            return  # an unwritable cache only costs speed
        try:
            for name, value in documents.items():
                payload = {"format": CACHE_FORMAT, "key": self.key, "value": value}
                (staging / name).write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
            if self.folder.exists():
                # A corrupt or partial entry from an older run: move it aside, then take its place.
                _remove(self.folder)
            os.rename(staging, self.folder)
        except OSError:
            pass  # another process won the race, or the disk is full: its entry (or none) stands
        finally:
            _remove(staging)
        self._prune()

    def _prune(self) -> None:
        try:
            entries = sorted((p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                             key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in entries[KEEP_ENTRIES:]:
            _remove(old)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
