"""The one list of kettool's exit codes; the same for every command (see the README)."""


class ExitCode:
    """What kettool's exit status means.

    Plain int constants, not an IntEnum: every run imports this module, and defining an enum class
    costs more at start-up than the names are worth (sys.exit and typer.Exit take ints alike).
    """

    SUCCESS = 0
    NOTHING_FOUND = 1
    INVALID_KB = 1
    USAGE = 2
    INTERRUPTED = 130
    TERMINATED = 143
