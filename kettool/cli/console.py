"""The Rich console for text output, configured from the command line and environment."""

from __future__ import annotations

import sys

from rich.console import Console

_settings: dict[str, object] = {}


def configure(*, color: str = "auto") -> None:
    """Remember how text output should be drawn ('auto', 'always' or 'never' colour)."""
    _settings["color"] = color


def stdout_console() -> Console:
    """A console on stdout that never wraps markup from data and degrades when piped."""
    color = _settings.get("color", "auto")
    force_terminal = True if color == "always" else None
    no_color = True if color == "never" else None
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    return Console(
        file=sys.stdout,
        force_terminal=force_terminal,
        no_color=no_color,
        highlight=False,
        emoji=False,
        markup=False,
        # Non-UTF-8 terminals get ASCII box characters instead of crashing on encode.
        safe_box=not encoding.startswith("utf"),
        legacy_windows=False,
    )
