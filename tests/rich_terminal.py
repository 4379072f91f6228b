"""A Rich console like kettool's stdout console, and what lines print as on it: for tests that compare with Rich."""

from __future__ import annotations

import io

from rich.console import Console

from kettool.render.text_lines import DrawnLines


def console(width: int, colour: bool) -> Console:
    """A console like kettool's stdout console: no markup, highlighting or emoji; colour or none."""
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def printed(terminal: Console, lines: list) -> str:
    """The characters lines print as, escape codes and all."""
    with terminal.capture() as captured:
        terminal.print(DrawnLines(lines), crop=False)
    return captured.get()
