"""Settings read from options and the environment, in the CLI layer only, and passed down."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from kettool.core.knowledge_base import KbSettings
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


# The one reading of a yes/no environment variable: unset, empty, 0, false, no and off mean no.
_FALSE = frozenset({"", "0", "false", "no", "off"})


def env_flag(name: str) -> bool:
    """True when a yes/no environment variable is set to anything but an empty or false-like value."""
    return os.environ.get(name, "").strip().lower() not in _FALSE


def kb_path_from(value: Path | str | None) -> Path | None:
    """A --kb value or KETTOOL_KB as a path; empty means 'not given', never the current folder."""
    if value is None or not str(value).strip():
        return None
    return Path(value)


def cache_dir() -> Path | None:
    """The user cache folder for kettool, or None when caching is switched off."""
    if env_flag("KETTOOL_NO_CACHE"):
        return None
    explicit = os.environ.get("KETTOOL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None  # no home folder: run without a cache
    return Path(base) / "kettool"


def kb_settings(*, kb_path: Path | str | None, extend: bool) -> KbSettings:
    """KB settings from the command-line options and the environment."""
    return KbSettings(kb_path=kb_path_from(kb_path), extend=extend, cache_dir=cache_dir())


def state_from(*, kb_path: Path | str | None, extend: bool, color: ColorMode, pager: bool) -> CliState:
    """The state for one run; NO_COLOR and TERM=dumb turn colour off unless --color always."""
    if color is ColorMode.AUTO and (os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"):
        color = ColorMode.NEVER
    return CliState(kb_settings(kb_path=kb_path, extend=extend), color, pager)
