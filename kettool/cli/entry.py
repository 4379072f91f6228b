"""The process entry point: exit codes for interrupts and broken or full output streams."""

from __future__ import annotations

import errno
import sys


def main() -> None:
    """Run kettool; Ctrl-C exits 130, SIGTERM 143, a closed pipe exits quietly, a failed write says so."""
    from kettool.cli.streams import ExitCode, fail, silence_stdout

    if sys.stdout is None:  # started with stdout closed (`kettool ... >&-`)
        fail("standard output is closed")
    try:
        _terminate_cleanly()  # inside the try: Ctrl-C may arrive at any moment from here on
        from kettool.cli.app import run  # inside the try: Ctrl-C may arrive while modules import

        code = run()
        sys.stdout.flush()
    except KeyboardInterrupt:
        silence_stdout()
        code = ExitCode.INTERRUPTED
    except Terminated:
        silence_stdout()
        code = ExitCode.TERMINATED
    except BrokenPipeError:
        silence_stdout()
        code = ExitCode.SUCCESS
    except OSError as exc:
        if exc.filename is not None:
            # A file kettool (or shell completion) tried to open or write, not standard output.
            fail(f"cannot use {exc.filename}: {exc.strerror or exc}")
        silence_stdout()
        if exc.errno != errno.EPIPE:
            fail(f"cannot write output: {exc.strerror or exc}")
        code = ExitCode.SUCCESS
    sys.exit(int(code))


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so that every cache write removes its temporary files."""


def _terminate_cleanly() -> None:
    import signal

    def on_sigterm(signum: int, frame: object) -> None:
        raise Terminated

    try:
        signal.signal(signal.SIGTERM, on_sigterm)
    except (ValueError, OSError):
        pass  # not the main thread, or no signals here: the default ending stands
