"""Writing answers to stdout and messages to stderr; the only place that touches the streams."""

from __future__ import annotations

import os
import sys
from typing import Any

from kettool.core.errors import KnowledgeBaseError, NotFoundError


def write_data(rendered: Any) -> None:
    """Write a rendered answer: strings as they are, Rich renderables through a console."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    from kettool.cli.console import stdout_console

    console = stdout_console()
    with console.capture() as captured:
        console.print(rendered)
    text = captured.get()
    if console.color_system is None:
        # Plain output goes to files and diffs: drop the padding Rich adds to the right of lines.
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    sys.stdout.write(text)
    sys.stdout.flush()


def say(message: str) -> None:
    """A message for the person at the terminal, on stderr."""
    sys.stderr.write(_printable(message) + "\n")


def report_not_found(error: NotFoundError) -> None:
    """Say what was not found, the closest matches, and how to list what exists."""
    lines = [f"kettool: no {error.kind} matches {error.name!r}."]
    if error.suggestions:
        lines.append("Did you mean: " + ", ".join(repr(s) for s in error.suggestions) + "?")
    lines.append(f"Hint: {error.hint}.")
    say("\n".join(lines))


def report_kb_error(error: KnowledgeBaseError, limit: int = 20) -> None:
    """List the knowledge-base problems, each with file, line and field."""
    problems = error.problems
    say(f"kettool: the knowledge base has {len(problems)} problem(s):")
    for problem in problems[:limit]:
        say(f"  {problem}")
    if len(problems) > limit:
        say(f"  … and {len(problems) - limit} more (run `kettool validate` to see all)")


def _printable(text: str) -> str:
    """Text that the stderr encoding can show, with control characters made visible."""
    from kettool.render.safe import visible

    text = visible(text)
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding, "replace")


def silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit-time flush cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
