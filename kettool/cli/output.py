"""Writing answers to stdout and messages to stderr; the only place that touches the streams."""

from __future__ import annotations

import codecs
import os
import sys
from typing import TYPE_CHECKING

from kettool.cli.settings import CliState, ColorMode
from kettool.render import OutputFormat

if TYPE_CHECKING:
    from kettool.core.answer import Answer
    from kettool.core.errors import KnowledgeBaseError, NotFoundError


_ASCII_SYMBOLS = str.maketrans({"●": "#", "○": "-", "•": "*", "›": ">", "…": "...", "»": ">>", "«": "<<",
                                "—": "-", "–": "-", "─": "-", "≥": ">=", "≤": "<=", "×": "x", "±": "+/-"})


def produce(answer: Answer, fmt: OutputFormat, cli: CliState) -> str:
    """Render an answer to the exact text that goes to stdout."""
    from kettool.render import RenderOptions, render

    if fmt is not OutputFormat.TEXT:
        return render(answer, fmt)
    from kettool.cli.console import stdout_console

    console = stdout_console(cli.color)
    color = console.color_system is not None
    # Lists piped to another program print one item per line, unless colour was forced on.
    lines = not _is_terminal() and cli.color is not ColorMode.ALWAYS
    rendered = render(answer, fmt, RenderOptions(color=color, lines=lines))
    if isinstance(rendered, str):
        return rendered
    body, footer = rendered
    with console.capture() as captured:
        console.print(body)
    text = captured.get()
    if not color:
        # Plain output goes to files and diffs: drop the padding Rich adds to the right of lines.
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text + footer


def deliver(text: str, fmt: OutputFormat, cli: CliState) -> None:
    """Write text to stdout, through a pager when it is long text for a terminal."""
    if fmt is OutputFormat.TEXT and cli.pager and _is_terminal() and text.count("\n") > _terminal_lines():
        if _page(text, color="\x1b[" in text):
            return
    _write(text)


def write_data(answer: Answer, fmt: OutputFormat, cli: CliState) -> None:
    """Render an answer and write it."""
    deliver(produce(answer, fmt, cli), fmt, cli)


def _terminal_lines() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError):
        return 24


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):
        return False


def _json_escape(error: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler: characters an encoding lacks become JSON \\u escapes (surrogate pairs above U+FFFF)."""
    out = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _write(text: str) -> None:
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8")
    if not encoding.lower().replace("-", "").startswith("utf") and text.startswith(("{", "[")):
        # JSON in a non-UTF-8 locale: escape what the encoding lacks the way JSON does (\uXXXX).
        text = text.encode(encoding, "kettool-json").decode(encoding)
    elif not encoding.lower().replace("-", "").startswith("utf"):
        # A non-UTF-8 locale: spell kettool's own symbols in ASCII, and show what the terminal
        # still cannot encode as escapes instead of crashing.
        text = text.translate(_ASCII_SYMBOLS).encode(encoding, "backslashreplace").decode(encoding)
    sys.stdout.write(text)
    sys.stdout.flush()


def _page(text: str, color: bool) -> bool:
    """Show text through $PAGER (default `less -FRX`); False when no pager could run."""
    import shlex
    import subprocess

    command = os.environ.get("PAGER") or "less -FRX"
    if not color:
        os.environ.setdefault("LESS", "FRX")
    try:
        pager = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE)
    except (OSError, ValueError):
        return False
    try:
        assert pager.stdin is not None
        pager.stdin.write(text.encode(getattr(sys.stdout, "encoding", None) or "utf-8", "replace"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit early (q in less): nothing more to show
    try:
        pager.wait()
    except KeyboardInterrupt:
        pager.wait()
    return True


_spoken = [False]


def say(message: str) -> None:
    """A message for the person at the terminal, on stderr."""
    _spoken[0] = True
    sys.stderr.write(_printable(message) + "\n")
    sys.stderr.flush()


def forget_spoken() -> None:
    """Start a new run with nothing said yet."""
    _spoken[0] = False


def spoke() -> bool:
    """True once anything was said on stderr in this run (such answers are not stored)."""
    return _spoken[0]


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


__all__ = ["report_kb_error", "report_not_found", "say", "write_data"]


codecs.register_error("kettool-json", _json_escape)
