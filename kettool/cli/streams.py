"""The only place that writes to stdout and stderr: answers, messages, errors, and the exit codes they end with."""

from __future__ import annotations

import codecs
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import NoReturn

    from kettool.core.errors import KnowledgeBaseError, NotFoundError


_ASCII_SYMBOLS = str.maketrans(
    {
        "●": "#",
        "○": "-",
        "•": "*",
        "›": ">",
        "…": "...",
        "»": ">>",
        "«": "<<",
        "—": "-",
        "–": "-",
        "─": "-",
        "≥": ">=",
        "≤": "<=",
        "×": "x",
        "±": "+/-",
    }
)


def deliver(text: str, pageable: bool, pager: bool) -> None:
    """Write an answer to stdout, through a pager when it is long text for a terminal."""
    if pageable and pager and is_terminal() and text.count("\n") > _terminal_lines():
        if _page(text, color="\x1b[" in text):
            return
    _write(text)


def deliver_pieces(pieces: Iterable[str]) -> None:
    """Write an answer that is not paged piece by piece, as deliver would write it whole."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if not encoding.lower().replace("-", "").startswith("utf"):
        _write("".join(pieces))  # what _write does to a non-UTF-8 answer depends on how it starts
        return
    for piece in pieces:
        sys.stdout.write(piece)
    sys.stdout.flush()


def deliver_encoded(data: bytes, pageable: bool, pager: bool) -> None:
    """Deliver an answer stored as UTF-8, writing its bytes as they are when stdout takes UTF-8 anyway."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    buffer = getattr(sys.stdout, "buffer", None)
    if encoding != "utf8" or buffer is None or (pageable and pager and is_terminal()):
        deliver(data.decode("utf-8"), pageable, pager)
        return
    # What _write would send: UTF-8 text is written unchanged whatever it holds.
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _terminal_lines() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError):
        return 24


def is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):
        return False


def _json_escape(error: UnicodeError) -> tuple[str | bytes, int]:
    """Codec error handler: characters an encoding lacks become JSON \\u escapes (surrogate pairs above U+FFFF)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _write(text: str) -> None:
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if not encoding.lower().replace("-", "").startswith("utf") and text.startswith(("{", "[")):
        # JSON in a non-UTF-8 locale: plain ASCII, every other character escaped the way JSON does
        # (\uXXXX), so that the bytes are valid UTF-8 whatever the locale's own encoding is.
        text = text.encode("ascii", "kettool-json").decode("ascii")
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
    try:
        sys.stderr.write(_printable(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is closed or full: the data on stdout matters more than the notice


def forget_spoken() -> None:
    """Start a new run with nothing said yet."""
    _spoken[0] = False


def spoke() -> bool:
    """True once anything was said on stderr in this run (such answers are not stored)."""
    return _spoken[0]


# A knowledge base reviewed longer ago than this gets a reminder, once a day.
STALE_AFTER_DAYS = 365


def warn_if_old(reviewed: str, cache_dir: str | os.PathLike[str] | None) -> None:
    """Say once a day (per cache) that the knowledge base was reviewed more than 12 months ago."""
    if _surely_recent(reviewed):
        return
    import datetime

    try:
        parts = [int(p) for p in reviewed.split("-")] + [1, 1]
        age = (datetime.date.today() - datetime.date(parts[0], parts[1], parts[2])).days
    except (ValueError, IndexError):
        return
    if age <= STALE_AFTER_DAYS:
        return
    if cache_dir is not None:
        # One small file holding the day of the last reminder, so that the reminder is daily, not per run.
        stamp = os.path.join(cache_dir, ".old-kb-reminded")
        today = datetime.date.today().isoformat()
        try:
            with open(stamp, encoding="ascii") as stream:
                if stream.read() == today:
                    return
        except (OSError, ValueError):
            pass
        try:
            os.makedirs(cache_dir, exist_ok=True)
            with open(stamp, "w", encoding="ascii") as stream:
                stream.write(today)
        except OSError:
            pass  # an unwritable cache: remind every time rather than never
    say(
        f"kettool: the knowledge base was last reviewed on {reviewed}, more than 12 months ago; "
        "newer evidence may be missing."
    )


def _surely_recent(reviewed: str) -> bool:
    """True when an ISO review date is less than a year old, told without importing datetime."""
    import time

    if len(reviewed) != 10 or not reviewed[:4].isdigit() or reviewed[4] != "-" or reviewed[7] != "-":
        return False
    today = time.localtime()
    # Later than this day one year ago: at most 365 days old, leap years included.
    return reviewed > f"{today.tm_year - 1:04d}-{today.tm_mon:02d}-{today.tm_mday:02d}"


def report_not_found(error: NotFoundError) -> None:
    """Say what was not found, the closest matches, and how to list what exists."""
    lines = [f"kettool: {error.message}."]
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
    from kettool.render.terminal_safe import visible

    text = visible(text)
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding, "replace")


def write_text(text: str) -> None:
    """Write a document (a schema, a version line) to stdout as it is, in the stream's encoding."""
    _write(text)


def usage_error(message: str) -> NoReturn:
    """Say what was wrong with the command line and exit 2."""
    import typer

    from kettool.cli.exit_codes import ExitCode

    say(f"kettool: {message}")
    raise typer.Exit(ExitCode.USAGE)


def fail(message: str) -> NoReturn:
    """Say why kettool cannot go on, when nothing more can be written, and end the process with 1."""
    try:
        sys.stderr.write(f"kettool: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    from kettool.cli.exit_codes import ExitCode

    os._exit(ExitCode.INVALID_KB)  # skip the exit-time flush that would fail again


def silence_stdout() -> None:
    """Point stdout at /dev/null so the exit-time flush cannot fail on a closed or full stream."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


codecs.register_error("kettool-json", _json_escape)
