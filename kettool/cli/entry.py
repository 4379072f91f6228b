"""The process entry point: exit codes for interrupts and broken or full output streams."""

from __future__ import annotations

import errno
import gc
import sys


def main() -> None:
    """Run kettool; Ctrl-C exits 130, SIGTERM 143, a closed pipe exits quietly, a failed write says so."""
    # One question, then exit: the modules, records and answers of a run hold no reference cycles for
    # the cycle collector to free, and its passes over them cost more than the rest of some answers
    # (13 M instructions during Typer's import alone, 25 M for a long text page; callgrind).
    gc.disable()
    from kettool.cli.streams import fail, silence_stdout

    if sys.stdout is None:  # started with stdout closed (`kettool ... >&-`)
        fail("standard output is closed")
    try:
        _terminate_cleanly()  # inside the try: Ctrl-C may arrive at any moment from here on
        from kettool.cli.replay import replay

        if replay(sys.argv[1:]):  # the same question asked again: answered before Typer loads
            code = 0
        else:
            from kettool.cli.app import run  # inside the try: Ctrl-C may arrive while modules import

            code = run()
        sys.stdout.flush()
    except KeyboardInterrupt:
        silence_stdout()
        code = _exit_code("INTERRUPTED")
    except Terminated:
        silence_stdout()
        code = _exit_code("TERMINATED")
    except BrokenPipeError:
        silence_stdout()
        code = _exit_code("SUCCESS")
    except OSError as exc:
        if exc.filename is not None:
            # A file kettool (or shell completion) tried to open or write, not standard output.
            fail(f"cannot use {exc.filename}: {exc.strerror or exc}")
        silence_stdout()
        if exc.errno != errno.EPIPE:
            fail(f"cannot write output: {exc.strerror or exc}")
        code = _exit_code("SUCCESS")
    # The interpreter's exit still runs two full cycle collections over every module, class and
    # record of the run (30 M instructions after a KB rebuild; callgrind); frozen, they are left
    # to the end of the process, which frees them all at once.
    gc.freeze()
    sys.exit(int(code))


def _exit_code(name: str) -> int:
    # Imported here, not at the top: a replayed answer never needs it.
    from kettool.cli.exit_codes import ExitCode

    return int(getattr(ExitCode, name))


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so that every cache write removes its temporary files."""


def _terminate_cleanly() -> None:
    # The built-in _signal, not the signal module: that one imports enum, which a replayed answer never needs.
    import _signal  # type: ignore[import-not-found]  # built in, without stubs

    def on_sigterm(signum: int, frame: object) -> None:
        raise Terminated

    try:
        _signal.signal(_signal.SIGTERM, on_sigterm)
    except (ValueError, OSError):
        pass  # not the main thread, or no signals here: the default ending stands
