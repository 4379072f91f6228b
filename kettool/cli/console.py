"""The Rich console for text output, configured from the command line and environment."""

from __future__ import annotations

import sys

from rich.console import Console

from kettool.cli.settings import ColorMode


def stdout_console(color: ColorMode) -> Console:
    """A console for stdout that never reads markup from data and degrades when piped."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    try:
        terminal = sys.stdout.isatty()
    except (ValueError, AttributeError):
        terminal = False
    # Redirected to a file or a pipe, Rich would take the width of whatever terminal stdin or stderr is
    # attached to; the answer cache could not know it. COLUMNS, else 80, is the width of such output.
    width = None if terminal else _columns()
    return Console(
        file=sys.stdout,
        width=width,
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


def _columns() -> int:
    """COLUMNS when it holds a positive number, else 80."""
    import os

    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 80
