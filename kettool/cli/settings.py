"""Settings read from options and the environment, in the CLI layer only, and passed down."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from kettool.cli.run_identity import cache_root, env_flag
from kettool.core.knowledge_base import KbSettings

__all__ = ["CliState", "ColorMode", "cache_dir", "env_flag", "kb_settings", "state_from"]
from kettool.core.record_base import Record


class ColorMode(str, Enum):
    """When text output uses colour."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class CliState(Record):
    """Everything a command needs from the global options."""

    kb: KbSettings = KbSettings()
    color: ColorMode = ColorMode.AUTO
    pager: bool = True


def kb_path_from(value: Path | str | None) -> Path | None:
    """A --kb value or KETTOOL_KB as a path; empty means 'not given', never the current folder."""
    if value is None or not str(value).strip():
        return None
    return Path(value)


def cache_dir() -> Path | None:
    """The user cache folder for kettool, or None when caching is switched off."""
    root = cache_root()
    return None if root is None else Path(root)


def kb_settings(*, kb_path: Path | str | None, extend: bool) -> KbSettings:
    """KB settings from the command-line options and the environment."""
    return KbSettings(kb_path=kb_path_from(kb_path), extend=extend, cache_dir=cache_dir())


def state_from(*, kb_path: Path | str | None, extend: bool, color: ColorMode, pager: bool) -> CliState:
    """The state for one run; NO_COLOR and TERM=dumb turn colour off unless --color always."""
    if color is ColorMode.AUTO and (os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"):
        color = ColorMode.NEVER
    return CliState(kb_settings(kb_path=kb_path, extend=extend), color, pager)
