"""What makes two runs give the same answer (kettool's code, the terminal, the environment) and where answers are kept.

Only `os`, `sys` and `zlib`: both answer caches use it, and the replay path (kettool.cli.replay) runs it
before anything heavier is imported.
"""

from __future__ import annotations

import os
import sys
import zlib

# Environment variables that change how Rich draws text.
RENDER_ENV = (
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)
# The one reading of a yes/no environment variable: unset, empty, 0, false, no and off mean no.
_FALSE = frozenset({"", "0", "false", "no", "off"})


def env_flag(name: str) -> bool:
    """True when a yes/no environment variable is set to anything but an empty or false-like value."""
    return os.environ.get(name, "").strip().lower() not in _FALSE


def cache_root() -> str | None:
    """The user cache folder for kettool, or None when caching is switched off or there is no home folder."""
    if env_flag("KETTOOL_NO_CACHE"):
        return None
    explicit = os.environ.get("KETTOOL_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):
            return None  # no home folder: run without a cache (as pathlib.Path.home() would fail)
        base = os.path.join(home, ".cache")
    return os.path.join(base, "kettool")


def code_identity() -> str:
    """A checksum over the path, size and mtime of every module of kettool: a changed renderer changes it.

    In an installed wheel the files never change; in an editable install any edit of the code makes
    earlier answers unreachable, so that a stored answer can never come from other code.
    """
    import kettool

    parts: list[str] = []
    _module_stats(kettool.__path__[0], parts)
    return f"{zlib.crc32(chr(10).join(sorted(parts)).encode()):08x}"


def _module_stats(folder: str, parts: list[str]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".py"):
            try:
                st = entry.stat()
            except OSError:
                continue
            parts.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")
        elif entry.is_dir() and entry.name not in ("__pycache__", "data"):
            _module_stats(entry.path, parts)


def terminal_properties() -> tuple[bool, str, str]:
    """Whether stdout is a terminal, its size when it is one, and its encoding: all shape a text answer."""
    try:
        terminal = sys.stdout.isatty()
    except (ValueError, AttributeError):
        terminal = False
    size = ""
    if terminal:
        try:
            columns, lines = os.get_terminal_size(sys.stdout.fileno())
            size = f"{columns}x{lines}"
        except (OSError, ValueError):
            pass
    return terminal, size, getattr(sys.stdout, "encoding", "") or ""


def checksum(text: str) -> str:
    """The length and CRC-32 of text, to tell a whole stored answer from a damaged one."""
    return checksum_of([text.encode("utf-8", "surrogatepass")])


def checksum_of(chunks: list[bytes]) -> str:
    """The checksum() of the text these UTF-8 chunks make, without joining them into one copy."""
    crc = 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
    return f"{sum(len(chunk) for chunk in chunks)}:{crc:08x}"
