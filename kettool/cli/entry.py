"""The process entry point: exit codes for interrupts and broken or full output streams."""

from __future__ import annotations

import errno
import os
import sys


def main() -> None:
    """Run kettool; Ctrl-C exits 130, a closed pipe exits quietly, a failed write says so in one line."""
    if sys.stdout is None:  # started with stdout closed (`kettool ... >&-`)
        _fail("standard output is closed")
    try:
        from kettool.cli.app import run  # inside the try: Ctrl-C may arrive while modules import

        code = run()
        sys.stdout.flush()
    except KeyboardInterrupt:
        _silence_stdout()
        code = 130
    except BrokenPipeError:
        _silence_stdout()
        code = 0
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _silence_stdout()
            code = 0
        else:
            _silence_stdout()
            _fail(f"cannot write output: {exc.strerror or exc}")
    sys.exit(code)


def _fail(message: str) -> None:
    try:
        sys.stderr.write(f"kettool: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(1)  # nothing more can be written; skip the exit-time flush that would fail again


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the exit-time flush cannot fail on a closed or full stream."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
