"""The `kettool` command installed in this interpreter's environment, for tests that start it as a process.

The console script is looked for beside `sys.executable` and nowhere else: a `kettool` found on PATH
may belong to another installation (an older release, another virtual environment), and a test run
against it would test the wrong code. Where the script is missing (the package imported from a
checkout without being installed), `python -m kettool` with this same interpreter runs this code.

`sys.executable` is deliberately not resolved: in a virtual environment it is a symlink to the base
interpreter, whose folder holds no (or another) `kettool`.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path


def installed_script() -> Path | None:
    """The console script of this environment, or None when the package is not installed here."""
    script = Path(sys.executable).parent / "kettool"
    return script if script.is_file() and os.access(script, os.X_OK) else None


def kettool_command() -> list[str]:
    """The command line that runs this environment's kettool: its console script, else `python -m kettool`."""
    script = installed_script()
    return [str(script)] if script is not None else [sys.executable, "-m", "kettool"]


KETTOOL: list[str] = kettool_command()
"""`[*KETTOOL, *args]` runs kettool as a process."""

KETTOOL_SH: str = shlex.join(KETTOOL)
"""The same command quoted for a shell script."""
