"""Cache files and folders that appear whole or not at all, and leave nothing behind when a write fails.

Imported only when something is written. Every temporary name is chosen before the file or folder is
created, so a Ctrl-C or SIGTERM that lands at any moment, even inside the call that creates it, still
finds the name its clean-up needs (tempfile.mkstemp returns the name only after creating the file).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

# Every temporary name starts with one of these, so that leftovers of killed processes can be swept.
TEMPORARY = ".tmp-"
SET_ASIDE = ".old-"


def temporary_name(folder: Path, prefix: str = TEMPORARY) -> Path:
    """A name in folder that no other process will choose: the process id and 48 random bits."""
    return folder / f"{prefix}{os.getpid()}-{os.urandom(6).hex()}"


def replace_file(path: Path, text: str | list[bytes]) -> bool:
    """Write text (or UTF-8 chunks) beside path and rename it over path; False (and no leftover) if the disk refused."""
    temp = temporary_name(path.parent)
    try:
        if isinstance(text, str):
            with open(temp, "x", encoding="utf-8", newline="") as stream:
                stream.write(text)
        else:
            with open(temp, "xb") as stream:
                stream.writelines(text)
        os.replace(temp, path)
    except FileExistsError:
        return False  # not ours to remove (and, with 48 random bits, never expected)
    except BaseException as error:
        # A full disk, Ctrl-C or SIGTERM mid-write: never leave the temporary file behind.
        remove_file(temp)
        if isinstance(error, OSError):
            return False
        raise
    return True


def replace_file_with(
    path: Path, write: Callable[[Path], None], failures: tuple[type[BaseException], ...] = (OSError,)
) -> bool:
    """Let write() create a file under a temporary name, then rename it over path; False if it failed."""
    temp = temporary_name(path.parent)
    try:
        write(temp)
        os.replace(temp, path)
    except BaseException as error:
        # A full disk, Ctrl-C or SIGTERM mid-write: never leave the temporary file (or a journal) behind.
        remove_file(temp)
        remove_file(f"{temp}-journal")
        if isinstance(error, failures):
            return False
        raise
    return True


def copy_file(source: Path, target: Path) -> None:
    """Copy a file's bytes to a new file (raises OSError as open and write do)."""
    shutil.copyfile(source, target)


def remove_file(path: str | Path) -> None:
    """Remove a file if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it, if it is there."""
    shutil.rmtree(path, ignore_errors=True)
