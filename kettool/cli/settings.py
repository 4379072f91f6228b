"""Settings read from the environment, in the CLI layer only, and passed down to the core."""

from __future__ import annotations

import os
from pathlib import Path

from kettool.core.store import KbSettings


def cache_dir() -> Path | None:
    """The user cache folder for kettool, or None when caching is switched off."""
    if os.environ.get("KETTOOL_NO_CACHE"):
        return None
    explicit = os.environ.get("KETTOOL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kettool"


def settings_from_environment(*, kb_path: Path | None, extend: bool) -> KbSettings:
    """KB settings from the command-line options and the environment."""
    return KbSettings(kb_path=kb_path, extend=extend, cache_dir=cache_dir())
