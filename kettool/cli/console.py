"""The Rich console for text output, configured from the command line and environment."""

from __future__ import annotations

import sys

from rich.console import Console

from kettool.cli.settings import ColorMode


def stdout_console(color: ColorMode) -> Console:
    """A console for stdout that never reads markup from data and degrades when piped."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    return Console(
        file=sys.stdout,
        force_terminal=True if color is ColorMode.ALWAYS else None,
        no_color=True if color is ColorMode.NEVER else None,
        color_system=None if color is ColorMode.NEVER else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        # Non-UTF-8 terminals get ASCII box characters.
        safe_box=not encoding.replace("-", "").startswith("utf"),
        legacy_windows=False,
    )
