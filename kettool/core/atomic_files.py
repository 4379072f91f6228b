"""Cache files and folders that appear whole or not at all, and leave nothing behind when a write fails.

Imported only when something is written, so that a run served from the cache never pays for tempfile.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Every temporary name starts with one of these, so that leftovers of killed processes can be swept.
TEMPORARY = ".tmp-"
SET_ASIDE = ".old-"


def replace_file(path: Path, text: str) -> bool:
    """Write text beside path and rename it over path; False (and no leftover) if the disk refused."""
    try:
        fd, temp = tempfile.mkstemp(prefix=TEMPORARY, dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException as error:
        # A full disk, Ctrl-C or SIGTERM mid-write: never leave the temporary file behind.
        remove_file(temp)
        if isinstance(error, OSError):
            return False
        raise
    return True


def new_folder(root: Path, prefix: str = TEMPORARY) -> Path:
    """A new, empty, uniquely named folder in root, to be filled and then renamed into place."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=root))


def remove_file(path: str | Path) -> None:
    """Remove a file if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it, if it is there."""
    shutil.rmtree(path, ignore_errors=True)
