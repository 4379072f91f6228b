"""The one list of kettool's exit codes; the same for every command (see the README)."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What kettool's exit status means."""

    SUCCESS = 0
    NOTHING_FOUND = 1
    INVALID_KB = 1
    USAGE = 2
    INTERRUPTED = 130
    TERMINATED = 143
