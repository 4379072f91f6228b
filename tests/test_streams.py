"""The installed `kettool` command and its streams: pipes, locales, widths, colour, closed and full
output, Ctrl-C, and the pager under a pseudo-terminal.

Every test runs the real console script in a subprocess with its own cache folder, because these
behaviours live in the process entry point and the operating system, not in Typer's CliRunner.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import pty
import select
import shlex
import signal
import struct
import subprocess
import termios
import threading
import time
import tty
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import TINY_KB
from tests.installed import KETTOOL, KETTOOL_SH

pytestmark = pytest.mark.slow

DISCLAIMER = "kettool is a reference, not medical advice."
NOISE = ("Traceback", "Broken pipe", "BrokenPipeError", "Exception ignored", "UnicodeEncodeError")


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> str:
    """A cache of the bundled KB, built once, so that most runs here only pay for start-up."""
    cache = tmp_path_factory.mktemp("warm-cache")
    subprocess.run(
        [*KETTOOL, "search", "ketamine"],
        env={**os.environ, "KETTOOL_CACHE_DIR": str(cache)},
        capture_output=True,
        timeout=60,
        check=True,
    )
    return str(cache)


@pytest.fixture
def env(warm_cache) -> dict[str, str]:
    """The environment of a plain run: a warm cache, no colour or pager settings from the caller."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KETTOOL_")
        and k
        not in {
            "NO_COLOR",
            "FORCE_COLOR",
            "CLICOLOR_FORCE",
            "TTY_COMPATIBLE",
            "TTY_INTERACTIVE",
            "PAGER",
            "LESS",
            "COLUMNS",
            "LINES",
            "PYTHONIOENCODING",
            "PYTHONPROFILEIMPORTTIME",
        }
    }
    clean["KETTOOL_CACHE_DIR"] = warm_cache
    clean["COLUMNS"] = "80"
    return clean


def run(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*KETTOOL, *args], env=env, capture_output=True, timeout=timeout)


def shell(script: str, env: dict[str, str], timeout: float = 60) -> tuple[int, bytes, str]:
    """Run a bash script (pipefail off); `$K` is kettool. Returns kettool's exit code, stdout, stderr.

    The script must end by writing `exit=N` as the last line of stderr (see `pipe`).
    """
    done = subprocess.run(
        ["bash", "-c", f"K={shlex.quote(KETTOOL_SH)}\n{script}"], env=env, capture_output=True, timeout=timeout
    )
    stderr = done.stderr.decode("utf-8", "replace")
    *rest, last = stderr.rstrip("\n").split("\n")
    assert last.startswith("exit="), stderr
    return int(last[len("exit=") :]), done.stdout, "\n".join(rest)


def pipe(args: str, reader: str) -> str:
    """`kettool ARGS | READER`, reporting kettool's own exit status."""
    return f'eval "$K {args}" | {reader}; echo "exit=${{PIPESTATUS[0]}}" >&2'


def assert_quiet(stderr: str) -> None:
    for marker in NOISE:
        assert marker not in stderr, stderr


def assert_one_line_message(stderr: bytes) -> None:
    lines = stderr.decode("utf-8", "replace").splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("kettool: "), lines
    assert_quiet(lines[0])


# Broken pipes


@pytest.mark.parametrize(
    "args",
    [
        "condition depression",
        "search ketamine --limit 1000",
        "export --format yaml",
        "cite --condition depression --format ris",
    ],
)
def test_broken_pipe_after_first_line_exits_quietly(env, args):
    code, stdout, stderr = shell(pipe(args, "head -1"), env)
    assert stdout.count(b"\n") == 1 and stdout.strip(), stdout
    assert_quiet(stderr)
    assert stderr == ""
    assert code == 0


@pytest.mark.parametrize("args", ["conditions --json", "export", "schema"])
def test_broken_pipe_after_ten_bytes_exits_quietly(env, args):
    code, stdout, stderr = shell(pipe(args, "head -c 10"), env)
    assert len(stdout) == 10
    assert stdout.startswith(b"{")
    assert_quiet(stderr)
    assert stderr == ""
    assert code == 0


@pytest.mark.parametrize("args", ["condition depression", "conditions --json", "export", "--help"])
def test_broken_pipe_before_any_output_exits_0_without_message(env, args):
    # `true` exits before kettool writes anything, so every write meets a closed pipe. A closed pipe is
    # the reader's choice, not an error: exit 0, the same status whatever the timing (as with `| head`).
    code, stdout, stderr = shell(pipe(args, "true"), env)
    assert_quiet(stderr)
    assert stderr == ""
    assert code == 0, f"`kettool {args} | true` exited {code}"


# Locales and encodings


@pytest.mark.parametrize(
    "args",
    [
        ["condition", "ptsd"],
        ["condition", "depression"],
        ["safety"],
        ["overview"],
        ["compare", "depression", "ptsd"],
    ],
)
def test_ascii_locale_prints_ascii_only_without_encoding_errors(env, args):
    env.update(LANG="C", LC_ALL="C", PYTHONIOENCODING="ascii")
    done = run(args, env)
    stderr = done.stderr.decode("ascii", "replace")
    assert done.returncode == 0, stderr
    assert_quiet(stderr)
    text = done.stdout.decode("ascii")  # raises if anything but ASCII was written
    assert DISCLAIMER in text


@pytest.mark.parametrize("args", [["condition", "ptsd"], ["safety"]])
def test_latin1_output_encoding_prints_without_encoding_errors(env, args):
    env["PYTHONIOENCODING"] = "latin-1"
    done = run(args, env)
    assert done.returncode == 0, done.stderr
    assert_quiet(done.stderr.decode("latin-1"))
    text = done.stdout.decode("latin-1")
    assert DISCLAIMER in text
    assert "\u00e2\u0080" not in text  # no UTF-8 bytes of dashes or bullets seen as Latin-1 (mojibake)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", [["condition", "depression", "--json"], ["export"]])
def test_json_in_a_non_utf8_locale_is_valid_and_carries_the_same_data(env, encoding, args):
    reference = run(args, env)
    assert reference.returncode == 0
    env["PYTHONIOENCODING"] = encoding
    done = run(args, env)
    assert done.returncode == 0, done.stderr
    assert_quiet(done.stderr.decode(encoding, "replace"))
    # JSON consumers must get the same strings whatever the terminal's locale.
    assert json.loads(done.stdout.decode(encoding)) == json.loads(reference.stdout.decode("utf-8"))


def test_json_in_an_ascii_locale_survives_characters_outside_the_bmp(env, tmp_path):
    env["KETTOOL_CACHE_DIR"] = str(tmp_path / "cache")
    kb = yaml.load((TINY_KB / "kb.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    kb["conditions"][0]["summary"] = "Mood \U0001f600 rises, \u00fcber \u2014 fast \u2026"
    path = tmp_path / "kb.yaml"
    path.write_text(yaml.safe_dump(kb, allow_unicode=True), encoding="utf-8")
    env["PYTHONIOENCODING"] = "ascii"
    done = run(["--kb", str(path), "condition", "depression", "--json"], env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("ascii"))
    assert data["data"]["summary"] == kb["conditions"][0]["summary"]


def test_undecodable_argument_bytes_are_a_usage_error_without_a_traceback(env):
    done = subprocess.run([*KETTOOL, "condition", b"\xff\xfe"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == b""
    stderr = done.stderr.decode("utf-8")  # the message itself is valid UTF-8
    assert_quiet(stderr)
    assert "not valid UTF-8" in stderr


# Widths


@pytest.mark.parametrize(
    ("columns", "args"),
    [
        ("20", ["conditions"]),
        ("1000", ["condition", "depression"]),
        ("20", ["condition", "depression"]),
        ("1", ["safety"]),
        ("0", ["compare", "depression", "ptsd"]),
        ("-5", ["overview"]),
        ("abc", ["mechanism"]),
    ],
)
def test_extreme_or_bogus_columns_still_answer(env, columns, args):
    env["COLUMNS"] = columns
    done = run(args, env)
    assert done.returncode == 0, done.stderr
    assert_quiet(done.stderr.decode())
    # Wrapped onto several lines is fine; cut short is not.
    assert " ".join(DISCLAIMER.split()) in " ".join(done.stdout.decode().split())


# Colour


@pytest.mark.parametrize("args", [["conditions"], ["condition", "depression"], ["safety"], ["studies"]], ids=" ".join)
def test_piped_output_has_no_ansi_escapes(env, args):
    # A colour terminal type, so that only the pipe stands between the answer and colour codes.
    env["TERM"] = "xterm-256color"
    env["COLORTERM"] = "truecolor"
    done = run(args, env)
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout
    # The control: in this same environment, colour forced on does reach the pipe.
    forced = run(["--color", "always", *args], env)
    assert forced.returncode == 0, forced.stderr
    assert b"\x1b[" in forced.stdout


@pytest.mark.parametrize(
    "setting",
    [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"NO_COLOR": ""}],
    ids=["NO_COLOR", "TERM=dumb", "NO_COLOR-empty-control"],
)
@pytest.mark.parametrize("args", [["conditions"], ["condition", "ptsd"]])
def test_no_color_and_dumb_terminal_give_no_ansi_escapes_on_a_terminal(env, setting, args):
    env["TERM"] = "xterm-256color"
    env.update(setting)
    result = run_in_pty([*KETTOOL, "--no-pager", *args], env)
    assert result.code == 0, result.stderr
    assert_quiet(result.stderr)
    if setting.get("NO_COLOR", "x") == "":
        # The control run: an empty NO_COLOR does not count (no-color.org), so colour is on.
        assert b"\x1b[" in result.output
    else:
        assert b"\x1b" not in result.output
    assert DISCLAIMER.encode() in result.output


@pytest.mark.parametrize("args", [["conditions"], ["condition", "depression"]])
def test_color_always_colours_a_pseudo_terminal(env, args):
    env["TERM"] = "xterm-256color"
    result = run_in_pty([*KETTOOL, "--color", "always", "--no-pager", *args], env)
    assert result.code == 0, result.stderr
    assert b"\x1b[" in result.output


@pytest.mark.parametrize("args", [["conditions"], ["condition", "depression"], ["studies"], ["search", "ketamine"]])
def test_color_always_colours_even_when_piped(env, args):
    done = run(["--color", "always", *args], env)
    assert done.returncode == 0, done.stderr
    assert b"\x1b[" in done.stdout, f"`kettool --color always {' '.join(args)} | cat` has no colour"


@pytest.mark.parametrize("args", [["condition", "depression"]])
def test_color_never_beats_a_terminal(env, args):
    env["TERM"] = "xterm-256color"
    result = run_in_pty([*KETTOOL, "--color", "never", "--no-pager", *args], env)
    assert result.code == 0, result.stderr
    assert b"\x1b" not in result.output
    assert DISCLAIMER.encode() in result.output
    # The control: without --color never the same terminal gets colour.
    coloured = run_in_pty([*KETTOOL, "--no-pager", *args], env)
    assert coloured.code == 0, coloured.stderr
    assert b"\x1b[" in coloured.output


# Closed and full stdout


@pytest.mark.parametrize(
    "args", ["conditions", "condition depression --json", "export", "--version", "cite --condition ptsd"]
)
def test_closed_stdout_exits_1_with_one_line_on_stderr(env, args):
    done = subprocess.run(["bash", "-c", f"{KETTOOL_SH} {args} >&-"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert_one_line_message(done.stderr)


@pytest.mark.parametrize(
    "args",
    [
        "conditions",
        "condition depression --json",
        "export --format yaml",
        "--version",
        "cite --condition ptsd --format ris",
        "search ketamine",
        "--help",
    ],
)
def test_full_stdout_exits_1_with_one_line_on_stderr(env, args):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    done = subprocess.run(["bash", "-c", f"{KETTOOL_SH} {args} > /dev/full"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert_one_line_message(done.stderr)
    assert "No space left on device" in done.stderr.decode()


def test_not_found_with_closed_stderr_still_exits_1(env):
    done = subprocess.run(
        ["bash", "-c", f"{KETTOOL_SH} condition nosuchthing 2>&-"], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stdout == b""


# Ctrl-C
#
# Every case proves that the interrupt reached kettool's own handler: exit 130 and nothing on stderr.
# The interpreter's default handling (a signal before kettool's `try` is entered) would print a traceback
# and end the process by SIGINT (-2), and a signal after the process ended would prove nothing. So:
#
# - kettool's stdout is a pipe of one page that the test does not read until after the signal: every
#   command here writes far more than a page, so the process cannot finish before the test lets it;
# - the test waits for evidence of the phase it aims at, reported by the process itself: the import-time
#   line (-X importtime) of a module that only kettool's own code imports, after `kettool.cli.entry.main`
#   has entered its `try` (`main` imports kettool.cli.streams just before it), or the answer's first bytes;
# - it checks that the process is still running, sends SIGINT, and only then reads the rest.

PIPE_SIZE = 4096
AFTER_STREAMS = "(the first import after kettool.cli.streams)"
STDOUT = "(the first bytes of the answer)"
# Phase -> evidence that the process has reached it.
PHASES = {
    "importing": AFTER_STREAMS,  # inside main's try, importing the command-line app
    "running": "kettool.cli.app",  # the app is imported, run() parses the command line
    "checking-the-kb": "kettool.core.kb_checks",  # imported only when the cache misses, just before parsing
    "writing-the-cache": "kettool.core.atomic_files",  # imported by the cache, just before it writes an entry
    "writing-the-answer": STDOUT,
}


def imported_module(line: str) -> str | None:
    """The module an -X importtime line reports, or None for any other line."""
    if not line.startswith("import time:") or line.count("|") != 2:
        return None
    return line.rsplit("|", 1)[1].strip()


@dataclass
class Interrupted:
    code: int
    stderr: str  # without the import-time lines


def interrupt_at(args: list[str], env: dict[str, str], evidence: str) -> Interrupted:
    """Run kettool, send SIGINT once it shows `evidence` (see PHASES), and return how it ended."""
    env = {**env, "PYTHONPROFILEIMPORTTIME": "1"}
    out_read, out_write = os.pipe()
    fcntl.fcntl(out_write, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    assert fcntl.fcntl(out_write, fcntl.F_GETPIPE_SZ) == PIPE_SIZE
    try:
        # SIGINT as at a terminal, whatever the test run inherited: a shell starts background jobs with
        # SIGINT ignored, and Python then leaves it ignored, so kettool would never see this signal.
        proc = subprocess.Popen(
            [*KETTOOL, *args],
            env=env,
            stdout=out_write,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    finally:
        os.close(out_write)
    seen = threading.Event()
    ended = threading.Event()
    lines: list[str] = []

    def read_stderr() -> None:
        after_streams = False
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace")
            lines.append(line)
            module = imported_module(line)
            # Only imports after kettool's `try` count: an interpreter's site hooks may import anything first.
            if module is not None and after_streams and evidence in (module, AFTER_STREAMS):
                seen.set()
            after_streams = after_streams or module == "kettool.cli.streams"
        ended.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        if evidence == STDOUT:
            ready, _, _ = select.select([out_read], [], [], 60)
            assert ready and os.read(out_read, 1), "kettool wrote nothing"
        else:
            deadline = time.monotonic() + 60
            while not seen.wait(0.01) and not ended.is_set() and time.monotonic() < deadline:
                pass
            assert seen.is_set(), f"no import of {evidence} was reported:\n{''.join(lines)[-3000:]}"
        assert proc.poll() is None, f"kettool exited ({proc.returncode}) before the signal"
        proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # now let the rest of the answer (if any) through
            ready, _, _ = select.select([out_read], [], [], max(0.0, deadline - time.monotonic()))
            if ready and not os.read(out_read, 65536):
                break
        code = proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(out_read)
    reader.join(60)
    proc.stderr.close()
    return Interrupted(code, "".join(line for line in lines if imported_module(line) is None))


def assert_handled_by_kettool(result: Interrupted) -> None:
    assert result.code == 130, f"exit {result.code}, not kettool's 130:\n{result.stderr}"
    assert_quiet(result.stderr)
    assert result.stderr == ""


@pytest.mark.parametrize("phase", list(PHASES))
def test_ctrl_c_exits_130_without_traceback(env, tmp_path, phase):
    env["KETTOOL_CACHE_DIR"] = str(tmp_path / "cache")
    # A cold cache: the run parses the KB, writes the cache, builds the search index and writes ~170 kB.
    result = interrupt_at(["search", "ketamine", "--limit", "1000"], env, PHASES[phase])
    assert_handled_by_kettool(result)


def big_kb(folder: Path, studies: int = 3000) -> Path:
    """The tiny KB plus thousands of studies, all cited, so loading it takes a noticeable time."""
    kb = yaml.load((TINY_KB / "kb.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    ids = [f"gen{i}" for i in range(studies)]
    kb["studies"] += [
        {
            "id": i,
            "title": f"Generated trial number {n} of ketamine",
            "design_type": "rct",
            "key_result": f"Result {n} for ketamine.",
            "pmid": str(10_000 + n),
            "authors": ["Doe J"],
            "year": 2000 + n % 25,
            "journal": "J Gen",
            "n": n,
        }
        for n, i in enumerate(ids)
    ]
    kb["conditions"][0]["findings"].append({"text": "Many generated trials.", "cites": ids})
    path = folder / "big.yaml"
    path.write_text(yaml.safe_dump(kb), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_kb_path(tmp_path_factory) -> Path:
    return big_kb(tmp_path_factory.mktemp("bigkb"))


@pytest.mark.parametrize("phase", ["checking-the-kb", "writing-the-cache", "writing-the-answer"])
def test_ctrl_c_while_loading_a_large_kb_exits_130_without_traceback(env, tmp_path, big_kb_path, phase):
    env["KETTOOL_CACHE_DIR"] = str(tmp_path / "cache")
    result = interrupt_at(["--kb", str(big_kb_path), "search", "ketamine", "--limit", "1000"], env, PHASES[phase])
    assert_handled_by_kettool(result)


@pytest.mark.parametrize("phase", ["checking-the-kb", "writing-the-cache"])
def test_interrupted_cache_build_leaves_a_usable_cache(env, tmp_path, big_kb_path, phase):
    env["KETTOOL_CACHE_DIR"] = str(tmp_path / "cache")
    assert_handled_by_kettool(interrupt_at(["--kb", str(big_kb_path), "export"], env, PHASES[phase]))
    done = run(["--kb", str(big_kb_path), "conditions", "--json"], env)
    assert done.returncode == 0, done.stderr
    assert {c["id"] for c in json.loads(done.stdout)["data"]} == {"depression", "ptsd"}
    found = run(["--kb", str(big_kb_path), "search", "generated trial number 2999", "--json"], env)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["data"]["hits"]


# Pseudo-terminal and pager


@dataclass
class PtyResult:
    code: int
    output: bytes
    stderr: str


def run_in_pty(cmd: list[str], env: dict[str, str], rows: int = 30, cols: int = 100, timeout: float = 60) -> PtyResult:
    """Run cmd with stdin and stdout on a pseudo-terminal (raw, so no \\r is added); stderr is a pipe."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    tty.setraw(slave)
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}  # the window size decides
    try:
        proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env, start_new_session=True)
    finally:
        os.close(slave)
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
    reader.start()
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                proc.kill()
                raise AssertionError(f"{cmd} did not finish within {timeout} s")
            try:
                data = os.read(master, 65536)
            except OSError as exc:  # EIO: every writer of the terminal has exited
                if exc.errno != errno.EIO:
                    raise
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait(timeout)
    finally:
        os.close(master)
    reader.join(timeout)
    proc.stderr.close()
    return PtyResult(code, b"".join(chunks), b"".join(errors).decode("utf-8", "replace"))


@pytest.fixture
def tty_env(env) -> dict[str, str]:
    env.pop("COLUMNS", None)
    env["TERM"] = "xterm-256color"
    return env


def test_long_answer_on_a_terminal_goes_through_the_pager(tty_env):
    tty_env["PAGER"] = "cat"
    result = run_in_pty([*KETTOOL, "condition", "depression"], tty_env)
    assert result.code == 0, result.stderr
    assert_quiet(result.stderr)
    assert DISCLAIMER.encode() in result.output
    assert b"Major depressive disorder" in result.output


def test_pager_command_is_the_one_in_PAGER(tty_env):
    tty_env["PAGER"] = "sh -c 'echo PAGER-RAN; exec cat'"
    result = run_in_pty([*KETTOOL, "condition", "depression"], tty_env)
    assert result.code == 0, result.stderr
    assert result.output.startswith(b"PAGER-RAN\n")
    assert DISCLAIMER.encode() in result.output


def test_no_pager_option_bypasses_the_pager(tty_env):
    tty_env["PAGER"] = "sh -c 'echo PAGER-RAN; exec cat'"
    result = run_in_pty([*KETTOOL, "--no-pager", "condition", "depression"], tty_env)
    assert result.code == 0, result.stderr
    assert b"PAGER-RAN" not in result.output
    assert DISCLAIMER.encode() in result.output


def test_short_answer_is_not_paged(tty_env):
    tty_env["PAGER"] = "sh -c 'echo PAGER-RAN; exec cat'"
    result = run_in_pty([*KETTOOL, "study", "feder2021"], tty_env, rows=200)
    assert result.code == 0, result.stderr
    assert b"PAGER-RAN" not in result.output


def test_json_is_never_paged(tty_env):
    tty_env["PAGER"] = "sh -c 'echo PAGER-RAN; exec cat'"
    result = run_in_pty([*KETTOOL, "condition", "depression", "--json"], tty_env)
    assert result.code == 0, result.stderr
    assert b"PAGER-RAN" not in result.output
    json.loads(result.output)


def test_missing_pager_falls_back_to_plain_output(tty_env):
    tty_env["PAGER"] = "kettool-no-such-pager-anywhere"
    result = run_in_pty([*KETTOOL, "condition", "depression"], tty_env)
    assert result.code == 0, result.stderr
    assert_quiet(result.stderr)
    assert DISCLAIMER.encode() in result.output


def test_pager_that_quits_without_reading_is_quiet(tty_env):
    tty_env["PAGER"] = "true"  # like pressing q in less before the text is read
    result = run_in_pty([*KETTOOL, "condition", "depression"], tty_env)
    assert result.code == 0, result.stderr
    assert_quiet(result.stderr)
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args", [["conditions"], ["condition", "depression"], ["compare", "depression", "ptsd"], ["studies"], ["safety"]]
)
def test_narrow_terminal_draws_without_error(tty_env, args):
    result = run_in_pty([*KETTOOL, "--no-pager", *args], tty_env, cols=20)
    assert result.code == 0, result.stderr
    assert_quiet(result.stderr)
    assert result.output.strip()
